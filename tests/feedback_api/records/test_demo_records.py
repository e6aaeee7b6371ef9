"""The demo loader fills in the complete record, marked as demo, from every channel, with a
hotspot, personal data to redact, equality answers and a few urgent comments; the analyser
labels it as it labels real feedback."""

import datetime as dt

import pytest
from sqlmodel import select

from services.common.clock import Clock
from services.feedback_api import demo, demo_comments
from services.feedback_api.cases.demo import load_demo_cases
from services.feedback_api.cases.models import Case
from services.feedback_api.feedback.models import Channel, Feedback, FeedbackAnswer
from services.feedback_api.insight import equality, service
from services.feedback_api.labels import service as labels
from services.feedback_api.labels.models import FeedbackLabel
from services.feedback_api.organisation.models import WardEligibleCount
from services.feedback_api.respondents.models import EqualityMonitoring, RespondentContact

TODAY = dt.date(2026, 6, 15)
KEPT_INFORMED = "Being kept informed, clarity & consistency of information"


@pytest.fixture(scope="module")
def loaded(feedback_module_session):
    """The whole demo as `services.manage setup` loads it on TODAY, loaded once for these tests
    (which only read it) and rolled back after them."""
    session = feedback_module_session
    clock = Clock(TODAY)
    assert demo.load_feedback(session, clock) > 1000
    assert load_demo_cases(session, clock) > 100
    labels.reanalyse(session)
    return session


def demo_records(session) -> list[Feedback]:
    return list(session.exec(select(Feedback).where(Feedback.is_demo)))


def test_demo_feedback_has_respondents_answers_equality_contacts_and_eligible_counts(
    loaded,
) -> None:
    records = demo_records(loaded)
    fft = [r for r in records if r.channel == "fft"]
    assert {r.respondent_type for r in records} >= {"patient", "carer", "family"}
    assert all(r.fft_setting for r in fft)
    ids = {r.id for r in records}
    answers = loaded.exec(select(FeedbackAnswer)).all()
    assert {a.question_key for a in answers if a.feedback_id in ids} == {
        "what_was_good",
        "what_could_be_better",
    }
    with_equality = {e.feedback_id for e in loaded.exec(select(EqualityMonitoring))} & ids
    assert 0.2 < len(with_equality & {r.id for r in fft}) / len(fft) < 0.6
    contacts = [c for c in loaded.exec(select(RespondentContact)) if c.feedback_id in ids]
    assert 1 <= len(contacts) <= 5 and all("Demo" in c.name for c in contacts)
    months = {c.month for c in loaded.exec(select(WardEligibleCount))}
    assert dt.date(2026, 5, 1) in months and dt.date(2025, 6, 1) in months
    assert max(r.received_at for r in records).date() < TODAY  # nothing from later today
    assert demo.load_feedback(loaded, Clock(TODAY)) == 0


def test_the_demo_hears_from_every_channel_and_complaints_and_pals_are_cases(loaded) -> None:
    records = demo_records(loaded)
    assert {r.channel for r in records} == {c.value for c in Channel}
    raised = {r.id for r in records if r.channel in ("complaint", "concern", "pals")}
    opened = {c.feedback_id for c in loaded.exec(select(Case).where(Case.created_by == "demo"))}
    assert raised <= opened
    statuses = {c.status for c in loaded.exec(select(Case).where(Case.created_by == "demo"))}
    assert {"received", "acknowledged", "investigating", "closed"} <= statuses


def test_themes_by_source_show_the_same_themes_across_sources(loaded) -> None:
    rows = service.themes_by(loaded, TODAY - dt.timedelta(days=90), TODAY, group_by="channel")
    sources: dict[str, set[str]] = {}
    for row in rows:
        assert row.count > 0
        sources.setdefault(row.theme, set()).add(row.group)
    assert len({row.group for row in rows}) >= 8
    shared = [theme for theme, groups in sources.items() if len(groups) >= 4]
    assert len(shared) >= 4, sources
    complaints = {row.theme for row in rows if row.group in ("complaint", "concern", "pals")}
    fft = {row.theme for row in rows if row.group == "fft"}
    assert len(complaints & fft) >= 4


def test_the_last_full_month_has_one_hotspot_with_its_comments_and_it_carries_on(loaded) -> None:
    for month in (dt.date(2026, 5, 1), dt.date(2026, 6, 1)):
        spots = service.hotspots(loaded, month)
        assert [(s.ward_code, s.theme) for s in spots] == [(demo.HOTSPOT_WARD, KEPT_INFORMED)]
        spot = spots[0]
        assert spot.count > spot.upper_limit and spot.count >= service.MIN_HOTSPOT_COUNT
        comments = service.comments(loaded, spot.feedback_ids)
        assert len(comments) == spot.count
        assert {c.channel for c in comments.values()} >= {"fft", "pals", "concern"}
    # Before the spike, the ward was within its limit.
    assert service.hotspots(loaded, dt.date(2026, 4, 1)) == []


def test_comments_with_personal_data_are_stored_redacted(loaded) -> None:
    by_comment = {r.comment: r for r in demo_records(loaded)}
    shown = " ".join(by_comment[p.comment].comment_redacted for p in demo_comments.PERSONAL)
    for placeholder in ("[PHONE]", "[EMAIL]", "[NHS NUMBER]", "[POSTCODE]", "[NAME]"):
        assert placeholder in shown
    for secret in ("07700 900461", "999 000 0042", "Bronwen", "sam.demo@example.org", "L3 4AQ"):
        assert secret not in shown


def test_the_equality_breakdown_has_large_and_small_groups(loaded) -> None:
    report = equality.report(loaded, TODAY - dt.timedelta(days=364), TODAY, wards=None)
    cells = [
        c for b in report.breakdowns for row in b.rows for c in (row.gave_feedback, row.complained)
    ]
    assert equality.FEWER_THAN_5 in cells
    assert any(c.isdigit() and int(c) >= 5 for c in cells)
    assert int(report.total_complaints) >= 50


def test_the_invented_urgent_comments_are_flagged_by_the_analyser(loaded) -> None:
    flagged = set(
        loaded.exec(
            select(Feedback.comment)
            .join(FeedbackLabel, FeedbackLabel.feedback_id == Feedback.id)
            .where(Feedback.is_demo, FeedbackLabel.critical)
        )
    )
    assert {u.comment for u in demo_comments.URGENT} <= flagged


def test_each_past_month_gets_the_same_feedback_whatever_the_day() -> None:
    def month_before(today: dt.date) -> list[tuple]:
        last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        urgent_or_personal = {p.comment for p in demo_comments.URGENT + demo_comments.PERSONAL}
        return sorted(
            (i.received_at.day, i.channel, i.ward_code or "", i.comment or "", i.fft_answer or 0)
            for i in demo.demo_items(today)
            if i.received_at.date().replace(day=1) == last and i.comment not in urgent_or_personal
        )

    assert month_before(dt.date(2026, 6, 1)) == month_before(dt.date(2026, 6, 30))
    assert demo.demo_items(TODAY) == demo.demo_items(TODAY)
