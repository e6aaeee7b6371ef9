"""The equality breakdown's stored counts always equal a count of the answers themselves.

Answers are given through the API (with the feedback, in a batch, or as the public form's
second step). Nothing in the API changes or deletes them afterwards, so they are changed and
deleted here as an administrator's SQL or a retention job would: the database keeps the
counts, so every way of writing is counted alike.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlmodel import Session

from services.common.db import make_engine
from services.common.migrate import upgrade
from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.insight import equality
from services.feedback_api.respondents.codes import (
    AgeBand,
    Ethnicity2021,
    GenderIdentity,
    Religion,
    Sex,
    SexualOrientation,
)
from services.feedback_api.respondents.models import EqualityMonitoring
from tests.support.databases import create_database, drop_database

PEM = Role.patient_experience_manager
WARDS = ["L4", "L5", "CDU-W", None]
CHANNELS = ["fft", "fft", "complaint", "concern", "pals", "compliment"]
DISABILITIES = [None, ["NN"], ["02"], ["02", "05"], ["ZZ"], ["05", "09", "02"]]
# Whole months, months cut at either end, one month, and a day on each side of a month's edge.
PERIODS = [
    (dt.date(2014, 1, 15), dt.date(2014, 4, 10)),
    (dt.date(2014, 2, 1), dt.date(2014, 3, 31)),
    (dt.date(2014, 2, 3), dt.date(2014, 2, 20)),
    (dt.date(2014, 1, 31), dt.date(2014, 2, 1)),
    (dt.date(2013, 12, 1), dt.date(2014, 12, 31)),
]
WARD_SETS = [None, frozenset({"L4"}), frozenset({"L4", "CDU-W"}), frozenset()]
SINGLE = ["ethnicity_2021", "age_band", "sex", "gender_identity", "sexual_orientation", "religion"]


def answers(rng: random.Random) -> dict:
    """Equality answers as a person might give them: any question may be left out."""
    choices = {
        "ethnicity": list(Ethnicity2021),
        "age_band": list(AgeBand),
        "sex": list(Sex),
        "gender_identity": list(GenderIdentity),
        "sexual_orientation": list(SexualOrientation),
        "religion": list(Religion),
    }
    given = {
        field: rng.choice(values).value
        for field, values in choices.items()
        if rng.random() < 0.8  # some questions not answered
    }
    disability = rng.choice(DISABILITIES)
    if disability:
        given["disability"] = disability
    return given


def item(rng: random.Random, *, equality_answers: bool = True) -> dict:
    channel = rng.choice(CHANNELS)
    day = dt.datetime(2014, 1, 20, 12, tzinfo=dt.UTC) + dt.timedelta(hours=rng.randrange(0, 2000))
    body = {
        "channel": channel,
        "comment": f"Feedback {rng.random()}",
        "received_at": day.isoformat(),
    }
    if channel == "fft":
        body["fft_answer"] = rng.randint(1, 6)
    ward = rng.choice(WARDS)
    if ward:
        body["ward_code"] = ward
    if equality_answers:
        body["equality"] = answers(rng)
    return body


def direct_count(session, start: dt.date, end: dt.date, wards):
    """Count the answers themselves, record by record."""
    rows = session.execute(
        select(Feedback.received_at, Feedback.ward_code, Feedback.channel, EqualityMonitoring)
        .select_from(Feedback)
        .outerjoin(EqualityMonitoring, EqualityMonitoring.feedback_id == Feedback.id)
    ).all()
    totals: Counter = Counter()
    given: dict[str, Counter] = defaultdict(Counter)
    for received_at, ward, channel, answer in rows:
        day = received_at.astimezone(dt.UTC).date()
        if not start <= day <= end or (wards is not None and ward not in wards):
            continue
        complained = channel in equality.COMPLAINT_CHANNELS
        totals[complained] += 1
        if answer is None:
            continue
        for name in SINGLE:
            if getattr(answer, name) is not None:
                given[name][(getattr(answer, name), complained)] += 1
        if answer.disability:
            given["disability"][(equality.ANSWERED, complained)] += 1
            for code in set(answer.disability):
                given["disability"][(code, complained)] += 1
    return totals, given


def non_zero(counts: dict[str, Counter]) -> dict[str, dict]:
    return {
        name: {key: n for key, n in counter.items() if n != 0}
        for name, counter in counts.items()
        if any(n != 0 for n in counter.values())
    }


def assert_counts_match(session) -> None:
    for start, end in PERIODS:
        for wards in WARD_SETS:
            totals, given = equality.counts(session, start, end, wards=wards)
            want_totals, want_given = direct_count(session, start, end, wards)
            where = (start, end, wards)
            assert +totals == +want_totals, where
            assert non_zero(given) == non_zero(want_given), where


def assert_page_matches(feedback_api, mint, session, wards=None) -> None:
    """What a reader sees: every cell of the breakdown is the direct count, small numbers
    hidden; a count hidden so that a small one cannot be worked out is at least 5 (or its whole
    column is hidden)."""
    start, end = PERIODS[0]
    headers = mint("feedback", PEM) if wards is None else mint("feedback", Role.staff, wards=wards)
    response = feedback_api.get(
        "/v1/insight/equality",
        params={"start": start.isoformat(), "end": end.isoformat()},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    totals, given = direct_count(session, start, end, None if wards is None else set(wards))
    small = equality.small_number
    assert body["total_feedback"] == small(totals[True] + totals[False])
    assert body["total_complaints"] == small(totals[True])
    for breakdown in body["breakdowns"]:
        counts = given[breakdown["characteristic"]]
        answered: Counter = Counter()
        for (code, complained), n in counts.items():
            if breakdown["characteristic"] != "disability" or code == equality.ANSWERED:
                answered[complained] += n
        for row in breakdown["rows"]:
            if row["value"] == equality.NOT_ASKED:
                gave = totals[True] + totals[False] - answered[True] - answered[False]
                complained = totals[True] - answered[True]
            else:
                complained = counts[(row["value"], True)]
                gave = counts[(row["value"], False)] + complained
            for shown, count in ((row["gave_feedback"], gave), (row["complained"], complained)):
                if shown == "hidden":
                    assert count >= 5 or breakdown["note"], (breakdown["characteristic"], row)
                else:
                    assert shown == small(count), (breakdown["characteristic"], row)


def test_the_breakdown_equals_a_direct_count_as_answers_are_given_changed_and_deleted(
    feedback_api, feedback_session, mint
):
    session = feedback_session
    rng = random.Random(20261122)

    # Given with the feedback, one at a time, by the public and by staff.
    made = []
    for i in range(36):
        headers = mint() if i % 2 else mint("feedback", PEM)
        response = feedback_api.post("/v1/feedback", json=item(rng), headers=headers)
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
    # Edges of days and months in UTC, whatever offset the time was given with.
    for received_at in ("2014-01-31T23:30:00+00:00", "2014-03-01T00:30:00+01:00"):
        body = {**item(rng), "received_at": received_at, "channel": "complaint"}
        response = feedback_api.post("/v1/feedback", json=body, headers=mint("feedback", PEM))
        assert response.status_code == 201, response.text
    assert_counts_match(session)

    # In a batch.
    batch = {"items": [item(rng) for _ in range(12)]}
    response = feedback_api.post("/v1/feedback/batch", json=batch, headers=mint("feedback", PEM))
    assert response.status_code == 200, response.text
    assert_counts_match(session)

    # As the public form's second step, on feedback given without them.
    for _ in range(6):
        body = {**item(rng, equality_answers=False), "channel": "fft", "fft_answer": 2}
        feedback_id = feedback_api.post("/v1/feedback", json=body, headers=mint()).json()["id"]
        details = {"equality": answers(rng) | {"sex": "2"}}
        path = f"/v1/feedback/{feedback_id}/respondent"
        assert feedback_api.post(path, json=details, headers=mint()).status_code == 204
    assert_counts_match(session)
    assert_page_matches(feedback_api, mint, session)
    assert_page_matches(feedback_api, mint, session, wards=("L4",))

    stored = session.scalars(select(EqualityMonitoring)).all()
    assert len(stored) >= 40

    # Changed one at a time, and many at once.
    first = stored[0]
    first.sex, first.disability, first.religion = "9", ["09"], None
    session.add(first)
    session.flush()
    assert_counts_match(session)
    session.execute(
        update(EqualityMonitoring)
        .where(EqualityMonitoring.feedback_id.in_([s.feedback_id for s in stored[1:12]]))
        .values(age_band="25-34", disability=None, ethnicity_2021="white_irish")
    )
    assert_counts_match(session)

    # Deleted one at a time, and many at once.
    session.delete(stored[12])
    session.flush()
    session.execute(
        delete(EqualityMonitoring).where(
            EqualityMonitoring.feedback_id.in_([s.feedback_id for s in stored[13:18]])
        )
    )
    assert_counts_match(session)

    # A record moved to another ward, channel or day keeps its answers' counts with it.
    moved = [s.feedback_id for s in stored[18:24]]
    session.execute(update(Feedback).where(Feedback.id == moved[0]).values(ward_code="L5"))
    session.execute(update(Feedback).where(Feedback.id == moved[1]).values(ward_code=None))
    session.execute(update(Feedback).where(Feedback.id == moved[2]).values(channel="pals"))
    session.execute(
        update(Feedback)
        .where(Feedback.id.in_(moved[3:]))
        .values(received_at=dt.datetime(2014, 2, 28, 23, 59, tzinfo=dt.UTC), channel="fft")
    )
    assert_counts_match(session)

    # A record deleted takes its answers' counts with it.
    session.execute(delete(Feedback).where(Feedback.id.in_([s.feedback_id for s in stored[24:28]])))
    assert_counts_match(session)
    assert_page_matches(feedback_api, mint, session)
    assert_page_matches(feedback_api, mint, session, wards=("L4", "CDU-W"))


def test_the_migration_counts_the_answers_given_before_it(tmp_path: Path) -> None:
    url = create_database("equality_counts", tmp_path)
    try:
        upgrade("feedback", url, "5e1b7c9d2a40")  # the revision before the counts
        engine = make_engine(url, "feedback")
        rng = random.Random(7)
        with Session(engine) as session:
            for _ in range(40):
                body = item(rng)
                record = Feedback(
                    channel=body["channel"],
                    ward_code=body.get("ward_code"),
                    received_at=dt.datetime.fromisoformat(body["received_at"]),
                    created_by="test",
                )
                session.add(record)
                session.flush()
                given = body["equality"]
                if given:
                    session.add(
                        EqualityMonitoring(
                            feedback_id=record.id,
                            ethnicity_2021=given.get("ethnicity"),
                            age_band=given.get("age_band"),
                            sex=given.get("sex"),
                            gender_identity=given.get("gender_identity"),
                            sexual_orientation=given.get("sexual_orientation"),
                            disability=given.get("disability"),
                            religion=given.get("religion"),
                        )
                    )
            session.commit()
        upgrade("feedback", url)
        with Session(engine) as session:
            assert_counts_match(session)
        engine.dispose()
    finally:
        drop_database(url)
