"""Webhook events about actions: ``action.completed``.

feedback_api owns webhook subscriptions and their signed deliveries; actions_api owns actions.
When an action's status becomes complete (by a progress update, a plan import, or an action
added already complete), :func:`status_changed` puts the event in actions_api's outbox in the
same transaction as the change. The worker then hands it to feedback_api
(``POST /v1/webhook-events``, with actions_api's own service token), which queues one signed
delivery per subscriber. The event id is made here and kept in the job, so a handover repeated
after a lost answer is recognised there and delivers nothing twice. While feedback_api is down
the job stays in the outbox and is tried again with backoff.

Only the transition into complete is an event: saving an action that is already complete (a
new progress note, an edit, the same plan imported again) sends nothing. An action that is
reopened and completed again is completed again, so that is a new event.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
from sqlmodel import Session

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.jobs.models import Job
from services.actions_api.plans import public_text
from services.actions_api.plans.models import Action, ActionStatus, Strategy
from services.common.clock import utcnow
from services.common.jobs import Handler, enqueue, run_delivery
from services.common.tokens import TokenIssuer

ACTION_COMPLETED = "action.completed"
RELAY_WEBHOOK_EVENT = "relay_webhook_event"
# As many tries as feedback_api gives a webhook delivery: with backoff capped at an hour, about
# five hours of feedback_api being unavailable before the job is given up (status "dead").
MAX_ATTEMPTS = 15
# The most feedback_api redacts in one call, and the most of a title an event carries (an
# imported plan's action text has no limit of its own; the API's is 5,000 characters).
REDACT_LIMIT = 20_000
TITLE_LIMIT = 5_000


def portal_path(action_id: uuid.UUID) -> str:
    """The action's page in the portal."""
    return f"/staff/actions/{action_id}"


def completed_event_data(
    session: Session, action: Action, previous: str | None, completed_at: dt.datetime
) -> dict[str, Any]:
    """``action.completed`` data: the action, its plan, where and when. Never its lead, the
    people it names, a status reason or a progress note. The title is taken as it is now; the
    worker takes people's names out of it before it leaves actions_api."""
    strategy = session.get(Strategy, action.strategy_id)
    return {
        "action_id": str(action.id),
        "reference": action.reference,
        "title": action.title,
        "strategy_id": str(action.strategy_id),
        "strategy_title": strategy.title if strategy else None,
        "commitment_id": str(action.commitment_id) if action.commitment_id else None,
        "previous_status": previous,
        "status": action.status,
        "wards": list(action.wards),
        "directorates": list(action.directorates),
        "completed_at": completed_at.isoformat(),
        "portal_path": portal_path(action.id),
    }


def status_changed(
    session: Session, action: Action, previous: str | None, *, at: dt.datetime
) -> uuid.UUID | None:
    """Call after setting ``action.status``, before the commit. ``previous`` is the status
    before the change (None for a new action). Queues ``action.completed`` when the action has
    just become complete, and returns the event's id; else queues nothing."""
    done = ActionStatus.complete.value
    if action.status != done or previous == done:
        return None
    event_id = uuid.uuid4()
    job = enqueue(
        session,
        Job,
        RELAY_WEBHOOK_EVENT,
        {
            "event": {
                "id": str(event_id),
                "type": ACTION_COMPLETED,
                "created_at": utcnow().isoformat(),
                "data": completed_event_data(session, action, previous, at),
            }
        },
    )
    job.max_attempts = MAX_ATTEMPTS
    return event_id


class RelayRefused(Exception):
    """feedback_api refused the event outright (4xx); the worker's retries will not change it,
    and the job's last error says why."""


def make_relay(
    feedback_api_url: str, issuer: TokenIssuer, transport: httpx.AsyncBaseTransport | None = None
) -> Handler:
    """The worker's handler: redact the title, then hand the event to feedback_api."""

    def relay(session: Session, payload: dict[str, Any]) -> None:
        event = dict(payload["event"])
        data = dict(event["data"])
        names = public_text.known_names(session)
        session.commit()  # nothing written: ends the read before calling feedback_api

        async def send() -> None:
            # No retries inside the call: the outbox retries, with backoff, for hours.
            client = FeedbackApiClient(feedback_api_url, issuer, transport=transport, retries=0)
            try:
                # Names of people Heard knows of (leads, people actions name) are taken out, as
                # on the public pages: a subscriber is outside the trust's staff.
                redacted = await client.redact(
                    data["title"][:REDACT_LIMIT],
                    known_names=names,
                    principal=public_text.SERVICE_PRINCIPAL,
                )
                data["title"] = redacted.text[:TITLE_LIMIT]
                await client.webhook_event(
                    {**event, "data": data}, principal=public_text.SERVICE_PRINCIPAL
                )
            finally:
                await client.aclose()

        run_delivery(
            send, lambda exc: RelayRefused(f"feedback_api refused the event: {exc.problem}")
        )

    return relay
