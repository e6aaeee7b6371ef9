"""feedback_api's worker: ``python -m services.feedback_api.worker``."""

from __future__ import annotations

import datetime as dt
import sys

import structlog
from sqlmodel import Session

from services.common.db import make_engine
from services.common.jobs import Handler, Worker, schedule_command
from services.common.logging import configure_logging
from services.feedback_api.idempotency import service as idempotency
from services.feedback_api.ingest import redaction
from services.feedback_api.integrations import webhooks
from services.feedback_api.jobs.models import Job
from services.feedback_api.known_names import refresh as known_names
from services.feedback_api.known_names.service import REDACT_KNOWN_NAMES
from services.feedback_api.labels import events as labels
from services.feedback_api.settings import FeedbackSettings, get_settings

log = structlog.get_logger(__name__)

PURGE_IDEMPOTENCY = "purge_idempotency"
SCHEDULES = {"purge-idempotency": PURGE_IDEMPOTENCY}
SCHEDULES["reanalyse"] = labels.REANALYSE


def handlers(settings: FeedbackSettings) -> dict[str, Handler]:
    def purge(session: Session, _payload: dict) -> None:
        idempotency.purge(
            session, older_than=dt.timedelta(hours=settings.idempotency_retention_hours)
        )

    return {
        PURGE_IDEMPOTENCY: purge,
        labels.ANALYSE_FEEDBACK: labels.handle_analyse,
        labels.REANALYSE: labels.handle_reanalyse,
        webhooks.DELIVER_WEBHOOK: webhooks.deliver,
        redaction.REDACT_FEEDBACK: redaction.handle_redact,
        REDACT_KNOWN_NAMES: known_names.handle,
    }


def build_worker(settings: FeedbackSettings) -> Worker:
    engine = make_engine(settings.database_url, settings.service_name)
    return Worker(engine, Job, handlers(settings), name="feedback-worker")


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging("feedback-worker", settings.log_level, settings.log_json)
    worker = build_worker(settings)
    if not argv:
        # A new model or framework in this release: bring every record's labels up to date.
        with Session(worker.engine) as session:
            if labels.queue_reanalysis_if_stale(session):
                log.info("reanalysis_queued", reason="labels from another model or framework")
    return schedule_command(worker, argv, SCHEDULES)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
