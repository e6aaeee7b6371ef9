"""actions_api's worker: ``python -m services.actions_api.worker [schedule NAME]``.

Scheduled work (a Kubernetes CronJob runs ``schedule NAME``): ``escalate-overdue`` daily and
``quarter-snapshot`` on the first day of each quarter.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import httpx
from sqlmodel import Session

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.jobs.models import Job
from services.actions_api.notifications.service import (
    DELIVER_NOTIFICATION,
    make_deliver_notification,
)
from services.actions_api.plans import escalation, events, public_text
from services.actions_api.plans import service as plans
from services.actions_api.settings import ActionsSettings, get_settings
from services.common.clock import Clock
from services.common.db import make_engine
from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.jobs import Handler, RetryLater, Worker, schedule_command
from services.common.logging import configure_logging
from services.common.tokens import TokenIssuer

ESCALATE_OVERDUE = "escalate_overdue"
QUARTER_SNAPSHOT = "quarter_snapshot"
REDACT_PUBLIC_TEXT = "redact_public_text"
SCHEDULES: dict[str, str] = {
    "escalate-overdue": ESCALATE_OVERDUE,
    "quarter-snapshot": QUARTER_SNAPSHOT,
    "redact-public-text": REDACT_PUBLIC_TEXT,
}


def handlers(
    settings: ActionsSettings, transports: dict[str, httpx.AsyncBaseTransport] | None = None
) -> dict[str, Handler]:
    transports = transports or {}
    issuer = TokenIssuer("actions", settings.private_key_pem())
    clock = Clock(settings.today)

    def escalate_overdue(session: Session, _payload: dict[str, Any]) -> None:
        escalation.notify_leads(session, clock, settings.missed_update_days, settings.portal_url)

    def quarter_snapshot(session: Session, payload: dict[str, Any]) -> None:
        import datetime as dt

        end = payload.get("quarter_end")
        quarter_end = dt.date.fromisoformat(end) if end else plans.quarter_end_before(clock.today())
        plans.take_snapshot(session, quarter_end, clock, settings.missed_update_days)

    def redact_public_text(session: Session, _payload: dict[str, Any]) -> None:
        async def run() -> None:
            client = FeedbackApiClient(
                settings.feedback_api_url, issuer, transport=transports.get("feedback")
            )
            try:
                await public_text.refresh(session, client)
            finally:
                await client.aclose()

        try:
            asyncio.run(run())
        except (DownstreamUnavailable, DownstreamError) as exc:
            raise RetryLater(str(exc)) from exc

    return {
        ESCALATE_OVERDUE: escalate_overdue,
        QUARTER_SNAPSHOT: quarter_snapshot,
        REDACT_PUBLIC_TEXT: redact_public_text,
        DELIVER_NOTIFICATION: make_deliver_notification(
            settings.portal_url, issuer, transports.get("portal")
        ),
        events.RELAY_WEBHOOK_EVENT: events.make_relay(
            settings.feedback_api_url, issuer, transports.get("feedback")
        ),
    }


def build_worker(
    settings: ActionsSettings,
    transports: dict[str, httpx.AsyncBaseTransport] | None = None,
    engine: Any = None,
) -> Worker:
    engine = engine or make_engine(settings.database_url, settings.service_name)
    return Worker(engine, Job, handlers(settings, transports), name="actions-worker")


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging("actions-worker", settings.log_level, settings.log_json)
    return schedule_command(build_worker(settings), argv, SCHEDULES)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
