"""The text public pages show: pledges and actions redacted through feedback_api, so people's
names never appear there. Until a text has been checked it is not shown at all."""

from __future__ import annotations

from sqlmodel import Session, or_, select

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.plans.models import Action, ActionStatus, Commitment
from services.common.db import begin_write
from services.common.roles import Role
from services.common.tokens import Principal

# The identity actions_api uses for work no person is doing at the time (the worker).
SERVICE_PRINCIPAL = Principal(
    sub="actions-service",
    name="Heard actions service",
    roles=frozenset({Role.patient_experience_manager.value}),
    issuer="actions",
)


def known_names(session: Session) -> list[str]:
    """Names Heard knows are people's: every action's lead and the people its text names."""
    found: set[str] = set()
    for lead_name, people in session.exec(select(Action.lead_name, Action.people)):
        found.update(n.strip() for n in [lead_name, *(people or [])] if n and n.strip())
    return sorted(found)


async def refresh(
    session: Session, client: FeedbackApiClient, principal: Principal | None = None
) -> int:
    """Redact every pledge and action text not yet checked; returns how many were done.
    Raises DownstreamUnavailable when feedback_api cannot be reached (nothing is lost: the
    texts simply stay unpublished until the next try).

    The texts are read, the read is ended, feedback_api redacts them, and the results are written
    in one short transaction: none is open while feedback_api is called. A text edited meanwhile
    keeps its own (newer) public text, or waits for the next refresh."""
    principal = principal or SERVICE_PRINCIPAL
    names = known_names(session)
    commitments = [
        (c.id, c.title, c.text)
        for c in session.exec(select(Commitment).where(Commitment.public_title.is_(None)))
    ]
    pending = select(Action).where(
        or_(
            Action.public_title.is_(None),
            (Action.status == ActionStatus.closed_without_change.value)
            & Action.public_status_reason.is_(None)
            & Action.status_reason.is_not(None),
        )
    )
    actions = [(a.id, a.title, a.status_reason) for a in session.exec(pending)]
    session.commit()  # nothing written: ends the read before calling feedback_api

    async def redact(text: str) -> str:
        return (await client.redact(text, known_names=names, principal=principal)).text

    redacted_commitments = [
        (id_, title, text, await redact(title), await redact(text) if text else None)
        for id_, title, text in commitments
    ]
    redacted_actions = [
        (id_, title, reason, await redact(title), await redact(reason) if reason else None)
        for id_, title, reason in actions
    ]

    begin_write(session)
    done = 0
    for id_, title, text, public_title, public_text in redacted_commitments:
        commitment = session.get(Commitment, id_)
        if commitment is None or (commitment.title, commitment.text) != (title, text):
            continue
        commitment.public_title = public_title
        if text:
            commitment.public_text = public_text
        session.add(commitment)
        done += 1
    for id_, title, reason, public_title, public_reason in redacted_actions:
        action = session.get(Action, id_)
        if action is None or (action.title, action.status_reason) != (title, reason):
            continue
        action.public_title = public_title
        if reason:
            action.public_status_reason = public_reason
        session.add(action)
        done += 1
    session.commit()
    return done
