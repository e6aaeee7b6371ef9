"""Notification events: written to actions_api's outbox in the same transaction as the change,
then delivered by the worker to the portal, which holds the email addresses and sends the email.

Each event has an id; delivery is at least once and the portal de-duplicates by that id.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlmodel import Session

from services.actions_api.jobs.models import Job
from services.common.http_client import ServiceClient
from services.common.jobs import enqueue, run_delivery
from services.common.tokens import TokenIssuer

DELIVER_NOTIFICATION = "deliver_notification"


class PortalClient(ServiceClient):
    audience = "portal"

    async def notify(self, event: dict[str, Any]) -> None:
        await self.request("POST", "/internal/notifications", json=event)


def notify(
    session: Session,
    *,
    kind: str,
    user_id: str,
    subject: str,
    body: str,
    link: str | None = None,
    dedupe_key: str | None = None,
) -> uuid.UUID:
    """Put a notification for one user in the outbox (the caller commits)."""
    event_id = uuid.uuid4()
    enqueue(
        session,
        Job,
        DELIVER_NOTIFICATION,
        {
            "event_id": str(event_id),
            "kind": kind,
            "user_id": user_id,
            "subject": subject,
            "body": body,
            "link": link,
        },
        dedupe_key=dedupe_key,
    )
    return event_id


class Undeliverable(Exception):
    """The portal refused the event outright; retrying will not help."""


def make_deliver_notification(
    portal_url: str, issuer: TokenIssuer, transport: httpx.AsyncBaseTransport | None = None
) -> Callable[[Session, dict[str, Any]], None]:
    def deliver(_session: Session, payload: dict[str, Any]) -> None:
        async def send() -> None:
            client = PortalClient(portal_url, issuer, transport=transport, retries=0)
            try:
                await client.notify(payload)
            finally:
                await client.aclose()

        run_delivery(
            send, lambda exc: Undeliverable(f"the portal refused the notification: {exc.problem}")
        )

    return deliver
