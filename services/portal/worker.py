"""The portal's worker: ``python -m services.portal.worker [schedule purge-sessions]``."""

from __future__ import annotations

import datetime as dt
import sys

import httpx
from sqlmodel import Session

from services.common.db import begin_write, make_engine
from services.common.jobs import Handler, Worker, schedule_command
from services.common.logging import configure_logging
from services.common.tokens import TokenIssuer
from services.portal.accounts import directory
from services.portal.accounts.service import purge_sessions
from services.portal.jobs.delivery import DELIVER_FEEDBACK, make_deliver_feedback
from services.portal.jobs.models import Job
from services.portal.notifications.email import SEND_EMAIL, make_send_email
from services.portal.settings import PortalSettings, get_settings

PURGE_SESSIONS = "purge_sessions"
SCHEDULES = {
    "purge-sessions": PURGE_SESSIONS,
    "sync-staff-directory": directory.SYNC_STAFF_DIRECTORY,
}


def _purge_sessions(session: Session, _payload: dict) -> None:
    purge_sessions(session, older_than=dt.timedelta(days=30))


def handlers(
    settings: PortalSettings, transport: httpx.AsyncBaseTransport | None = None
) -> dict[str, Handler]:
    issuer = TokenIssuer("portal", settings.private_key_pem())
    return {
        DELIVER_FEEDBACK: make_deliver_feedback(settings.feedback_api_url, issuer, transport),
        PURGE_SESSIONS: _purge_sessions,
        SEND_EMAIL: make_send_email(settings),
        **directory.make_handlers(settings.feedback_api_url, issuer, transport),
    }


def build_worker(
    settings: PortalSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Worker:
    engine = make_engine(settings.database_url, "portal")
    return Worker(engine, Job, handlers(settings, transport), name="portal-worker")


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging("portal-worker", settings.log_level, settings.log_json)
    worker = build_worker(settings)
    if not argv:
        # Send the whole staff directory as the worker starts: accounts made before the
        # directory was sent, or while a delivery kept failing, reach feedback_api this way.
        with Session(worker.engine) as session:
            begin_write(session)
            if directory.queue_directory(session):
                session.commit()
    return schedule_command(worker, argv, SCHEDULES)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
