"""Seed 000's plan loads as written, every date in it parses, and overdue is what a reader sees."""

import datetime as dt

import pytest
from sqlmodel import select

from services.actions_api.plans import demo, service
from services.actions_api.plans.due import DueKind, parse_due
from services.actions_api.plans.models import Action, Commitment, Measure, Strategy
from services.common.clock import Clock

END_OF_Q1 = Clock(dt.date(2019, 6, 30))


@pytest.fixture
def seed_000(actions_session):
    strategy = actions_session.exec(select(Strategy).where(Strategy.title == demo.SEED_000)).first()
    if strategy is None:  # the demo may already be committed in this database
        strategy = demo.load_seed_000(actions_session, END_OF_Q1)
        actions_session.commit()
    return strategy


def test_all_seven_pledges_and_every_action_load_as_written(actions_session, seed_000) -> None:
    pledges = actions_session.exec(
        select(Commitment).where(Commitment.strategy_id == seed_000.id).order_by(Commitment.number)
    ).all()
    assert [(p.kind, p.number) for p in pledges] == [("pledge", n) for n in range(1, 8)]
    assert pledges[3].text == "We will incorporate Mental Health awareness in everything we do"

    actions = {
        a.reference: a
        for a in actions_session.exec(select(Action).where(Action.strategy_id == seed_000.id))
    }
    digital = [f"6-{n}" for n in range(1, 9)]
    assert set(actions) == {"P1", "P2a", "P2b", "P3", "P4", "P5", "P6", "P7", *digital}
    assert actions["P1"].due_text == "April 19"
    assert actions["P1"].lead_role == "PEM/ Corporate Gov Mgr/ Governors"
    assert actions["P1"].progress_text.startswith("Meeting 27/11 with Govs")
    assert actions["6-7"].due_text == "Quarterly"
    assert actions["6-5"].lead_role == "SRO/Associate Director IM&T"
    assert "Linda Morris" in actions["P4"].title  # staff see the plan in full
    always = actions_session.exec(
        select(Measure).where(Measure.strategy_id == seed_000.id, Measure.kind == "always_event")
    ).all()
    assert len(always) == 3 and all(m.defined_with_patients for m in always)


def test_every_due_entry_in_the_plan_parses() -> None:
    written = [row[4] for row in demo.ACTIONS_000] + [row[4] for row in demo.DIGITAL_000]
    kinds = {text: parse_due(text).kind for text in written}
    assert kinds == {
        "April 19": DueKind.month,
        "March 19": DueKind.month,
        "April 2019": DueKind.month,
        "Jan 2019": DueKind.month,
        "Dec 18\nJan 19\nApril 19": DueKind.milestones,
        "2020": DueKind.year,
        "Q4 2018/19": DueKind.quarter,
        "2018 - 2020": DueKind.range,
        "2018 - 2021": DueKind.range,
        "2019-2020": DueKind.range,
        "Quarterly": DueKind.recurring,
        "Quarterly review": DueKind.recurring,
    }


def test_at_the_end_of_june_2019_the_overdue_actions_are_those_a_reader_names(
    actions_session, seed_000
) -> None:
    # Read from the plan: pledge 1 (April 19), both halves of pledge 2 (March 19), pledge 3
    # (April 2019), pledge 4 (Jan 2019), pledge 5 (its last milestone, April 19) and 6-1
    # (Q4 2018/19, which ended on 31 March 2019). Pledges 6 and 7 are due in 2020, 6-2 to 6-6
    # run to 2020 or 2021, and 6-7 and 6-8 are quarterly, so none of those is overdue.
    overdue = service.overdue_references(actions_session, seed_000.id, END_OF_Q1.today())
    assert overdue == ["6-1", "P1", "P2a", "P2b", "P3", "P4", "P5"]


def test_a_completed_action_is_no_longer_overdue(actions_session, seed_000) -> None:
    action = actions_session.exec(
        select(Action).where(Action.strategy_id == seed_000.id, Action.reference == "P3")
    ).one()
    action.status = "complete"
    actions_session.add(action)
    actions_session.flush()
    overdue = service.overdue_references(actions_session, seed_000.id, END_OF_Q1.today())
    assert "P3" not in overdue and "P1" in overdue


@pytest.mark.parametrize(
    ("text", "kind", "first", "last"),
    [
        ("Q1 2019/20", DueKind.quarter, "2019-04-01", "2019-06-30"),
        ("2019/20", DueKind.financial_year, "2019-04-01", "2020-03-31"),
        ("31/03/2019", DueKind.date, "2019-03-31", "2019-03-31"),
        ("29 February 2020", DueKind.date, "2020-02-29", "2020-02-29"),
        ("Feb 2020", DueKind.month, "2020-02-01", "2020-02-29"),
    ],
)
def test_other_ways_plans_write_dates(text, kind, first, last) -> None:
    due = parse_due(text)
    assert (due.kind, due.first.isoformat(), due.last.isoformat()) == (kind, first, last)


@pytest.mark.parametrize("text", ["soon", "Q5 2019/20", "2019/22", "31/02/2019", "2021 - 2019"])
def test_dates_that_cannot_be_read_are_refused_with_a_reason(text) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_due(text)
