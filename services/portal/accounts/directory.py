"""The staff directory's names, sent to feedback_api so they are redacted in patients' comments.

The portal owns the accounts; feedback_api keeps a list of people's names to redact. When an
account is made, renamed or removed, a ``sync_staff_name`` job goes into the portal's outbox in
the same transaction; the worker sends the account's name as it is when the job runs (or its
removal), so jobs that run late or out of order still leave feedback_api right. The whole
directory is sent by ``sync_staff_directory``, which the worker queues as it starts, so a
deployment with accounts made before this existed (or made by hand) gets them all.

Only names go: never an email address or a role.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlmodel import Session, select

from services.common.http_client import DownstreamError
from services.common.jobs import PENDING, RUNNING, Handler, enqueue, run_delivery
from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer, service_subject
from services.portal.accounts.models import User
from services.portal.clients import FeedbackApiClient
from services.portal.jobs.models import Job

SYNC_STAFF_NAME = "sync_staff_name"
SYNC_STAFF_DIRECTORY = "sync_staff_directory"

# The portal calling as itself: feedback_api accepts staff directory changes from no one else.
SERVICE_PRINCIPAL = Principal(
    sub=service_subject("portal"), name="Heard portal", roles=frozenset(), issuer="portal"
)
# Accounts that are not staff: patient representatives are members of the public.
NOT_STAFF = frozenset({Role.public.value, Role.patient_representative.value})


class Refused(Exception):
    """feedback_api refused the change outright; retrying will not help."""


def in_directory(user: User | None) -> bool:
    """An active account with a staff role."""
    return user is not None and user.active and any(r not in NOT_STAFF for r in user.roles)


def queue_account(session: Session, user_id: uuid.UUID) -> None:
    """Send this account's name (or its removal) to feedback_api, in the caller's transaction."""
    enqueue(session, Job, SYNC_STAFF_NAME, {"user_id": str(user_id)})


def queue_directory(session: Session) -> bool:
    """Queue sending the whole directory, unless that is already waiting; the caller commits.
    True when queued."""
    waiting = session.exec(
        select(Job.id).where(Job.kind == SYNC_STAFF_DIRECTORY, Job.status.in_([PENDING, RUNNING]))
    ).first()
    if waiting is not None:
        return False
    enqueue(session, Job, SYNC_STAFF_DIRECTORY, {})
    return True


def directory(session: Session) -> list[tuple[str, str]]:
    """(account id, name) of every account in the staff directory."""
    users = session.exec(select(User).where(User.active)).all()
    return [(str(u.id), u.name) for u in users if in_directory(u)]


def _refused(exc: DownstreamError) -> Exception:
    return Refused(f"feedback_api refused it: {exc.problem}")


def make_handlers(
    base_url: str, issuer: TokenIssuer, transport: httpx.AsyncBaseTransport | None = None
) -> dict[str, Handler]:
    def call(send: Callable[[FeedbackApiClient], Any]) -> None:
        async def run() -> None:
            client = FeedbackApiClient(base_url, issuer, transport=transport, retries=0)
            try:
                await send(client)
            finally:
                await client.aclose()

        run_delivery(run, _refused)

    def sync_name(session: Session, payload: dict[str, Any]) -> None:
        account_id = str(payload["user_id"])
        user = session.get(User, uuid.UUID(account_id))
        staff, name = in_directory(user), user.name if user else ""
        session.commit()  # nothing written: ends the read before calling feedback_api
        if staff:
            call(lambda c: c.put_staff_name(SERVICE_PRINCIPAL, account_id, name))
        else:
            call(lambda c: c.remove_staff_name(SERVICE_PRINCIPAL, account_id))

    def sync_all(session: Session, _payload: dict[str, Any]) -> None:
        entries = directory(session)
        session.commit()  # nothing written: ends the read before calling feedback_api
        call(lambda c: c.sync_staff_directory(SERVICE_PRINCIPAL, entries))

    return {SYNC_STAFF_NAME: sync_name, SYNC_STAFF_DIRECTORY: sync_all}
