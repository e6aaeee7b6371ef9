"""feedback_api's worker: ``python -m services.feedback_api.worker``."""

from __future__ import annotations

from services.common.db import make_engine
from services.common.jobs import Handler, Worker
from services.common.logging import configure_logging
from services.feedback_api.jobs.models import Job
from services.feedback_api.settings import FeedbackSettings, get_settings


def handlers() -> dict[str, Handler]:
    return {}


def build_worker(settings: FeedbackSettings) -> Worker:
    engine = make_engine(settings.database_url, settings.service_name)
    return Worker(engine, Job, handlers(), name="feedback-worker")


def main() -> None:
    settings = get_settings()
    configure_logging("feedback-worker", settings.log_level, settings.log_json)
    build_worker(settings).run_forever()


if __name__ == "__main__":
    main()
