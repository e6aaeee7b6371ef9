"""Equality breakdowns of who gives feedback and who complains.

Small numbers are never shown: a count of 1 to 4 is "fewer than 5" (0 stays 0).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.feedback_api.feedback.models import Channel, Feedback
from services.feedback_api.insight import periods
from services.feedback_api.insight.schemas import EqualityReport

COMPLAINT_CHANNELS = (Channel.complaint.value, Channel.concern.value, Channel.pals.value)
FEWER_THAN_5 = "fewer than 5"


def small_number(n: int) -> str:
    """A count as it may be published: 1 to 4 become "fewer than 5"; 0 stays 0."""
    return FEWER_THAN_5 if 0 < n < 5 else str(n)


def report(
    session: Session, start: dt.date, end: dt.date, *, wards: frozenset[str] | None
) -> EqualityReport:
    conditions = [
        Feedback.received_at >= periods.start_of(start),
        Feedback.received_at < periods.start_of(end + dt.timedelta(days=1)),
    ]
    if wards is not None:
        conditions.append(Feedback.ward_code.in_(sorted(wards)))
    total = session.execute(select(func.count()).where(*conditions)).scalar_one()
    complaints = session.execute(
        select(func.count()).where(*conditions, Feedback.channel.in_(COMPLAINT_CHANNELS))
    ).scalar_one()
    return EqualityReport(
        start=start.isoformat(),
        end=end.isoformat(),
        total_feedback=small_number(total),
        total_complaints=small_number(complaints),
        breakdowns=[],
        note="Equality monitoring answers are not recorded yet.",
    )
