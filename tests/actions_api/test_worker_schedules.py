"""The scheduled commands the deploy files run, and what they do."""

import datetime as dt

from sqlmodel import select

from services.actions_api.plans.models import QuarterSnapshot
from services.actions_api.worker import QUARTER_SNAPSHOT, SCHEDULES, handlers


def test_the_deployed_schedule_names_exist() -> None:
    assert {"escalate-overdue", "quarter-snapshot"} <= set(SCHEDULES)


def test_the_quarter_snapshot_on_1_july_keeps_the_quarter_that_ended_on_30_june(
    settings, actions_session
) -> None:
    first_of_july = settings["actions"].model_copy(update={"today": dt.date(2019, 7, 1)})
    run = handlers(first_of_july)
    run[QUARTER_SNAPSHOT](actions_session, {})
    run[QUARTER_SNAPSHOT](actions_session, {})  # run twice: still one snapshot, unchanged
    snapshots = actions_session.exec(
        select(QuarterSnapshot).where(QuarterSnapshot.quarter_end == dt.date(2019, 6, 30))
    ).all()
    assert [s.label for s in snapshots] == ["Q1 2019/20"]
