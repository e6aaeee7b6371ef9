"""The demo loader fills in the complete record, marked as demo."""

import datetime as dt

from sqlmodel import select

from services.common.clock import Clock
from services.feedback_api import demo
from services.feedback_api.feedback.models import Feedback, FeedbackAnswer
from services.feedback_api.organisation.models import WardEligibleCount
from services.feedback_api.respondents.models import EqualityMonitoring, RespondentContact


def test_demo_feedback_has_respondents_answers_equality_contacts_and_eligible_counts(
    feedback_session,
) -> None:
    if feedback_session.exec(select(Feedback).where(Feedback.is_demo)).first() is not None:
        return  # loaded elsewhere in this database; the loader never doubles it
    clock = Clock(dt.date(2026, 6, 15))
    assert demo.load_feedback(feedback_session, clock, count=120) == 120
    records = feedback_session.exec(select(Feedback).where(Feedback.is_demo)).all()
    assert {r.respondent_type for r in records} >= {"patient", "carer", "family"}
    assert all(r.fft_setting for r in records)
    ids = {r.id for r in records}
    answers = feedback_session.exec(select(FeedbackAnswer)).all()
    assert {a.question_key for a in answers if a.feedback_id in ids} == {
        "what_was_good",
        "what_could_be_better",
    }
    equality = [
        e for e in feedback_session.exec(select(EqualityMonitoring)) if e.feedback_id in ids
    ]
    assert 0.2 < len(equality) / len(records) < 0.6
    contacts = [c for c in feedback_session.exec(select(RespondentContact)) if c.feedback_id in ids]
    assert 1 <= len(contacts) <= 5 and all("Demo" in c.name for c in contacts)
    months = {c.month for c in feedback_session.exec(select(WardEligibleCount))}
    assert dt.date(2026, 5, 1) in months and dt.date(2025, 6, 1) in months
    assert demo.load_feedback(feedback_session, clock) == 0
