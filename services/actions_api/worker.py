"""actions_api's worker: ``python -m services.actions_api.worker [schedule NAME]``."""

from __future__ import annotations

import sys

from services.actions_api.jobs.models import Job
from services.actions_api.settings import ActionsSettings, get_settings
from services.common.db import make_engine
from services.common.jobs import Handler, Worker, schedule_command
from services.common.logging import configure_logging

SCHEDULES: dict[str, str] = {}


def handlers() -> dict[str, Handler]:
    return {}


def build_worker(settings: ActionsSettings) -> Worker:
    engine = make_engine(settings.database_url, settings.service_name)
    return Worker(engine, Job, handlers(), name="actions-worker")


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging("actions-worker", settings.log_level, settings.log_json)
    return schedule_command(build_worker(settings), argv, SCHEDULES)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
