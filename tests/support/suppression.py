"""What a reader can work out from a published column of counts and its total, and the
records that set up a small group to hide."""

from __future__ import annotations

import datetime as dt

from services.feedback_api.feedback.models import Feedback
from services.feedback_api.respondents.models import EqualityMonitoring

FEWER_THAN_5 = "fewer than 5"
HIDDEN = "hidden"


def possible_values(total: int, column: list[str], target: int) -> set[int]:
    """Every value the ``target`` cell of ``column`` could have, given the column's total and its
    other cells as published: numbers as shown, "fewer than 5" as 1 to 4, and "hidden" as 5 or
    more but no more than the smallest number still shown (the smallest are hidden first)."""
    shown = [int(c) for c in column if c.isdigit()]
    ceiling = min([n for n in shown if n > 0] or [total])

    def bounds(cell: str) -> tuple[int, int]:
        if cell == FEWER_THAN_5:
            return 1, 4
        if cell == HIDDEN:
            return 5, ceiling
        return int(cell), int(cell)

    others = [bounds(c) for i, c in enumerate(column) if i != target]
    least, most = sum(lo for lo, _ in others), sum(hi for _, hi in others)
    low, high = bounds(column[target])
    return {v for v in range(low, high + 1) if least <= total - v <= most}


# (sex, channel): 3 men, all by complaint, among 41 records; 17 of them complaints.
GROUP_OF_3 = (
    [("2", "fft")] * 14
    + [("2", "complaint")] * 6
    + [("1", "complaint")] * 3
    + [(None, "fft")] * 10
    + [(None, "complaint")] * 8
)


def add_people(
    session, at: dt.datetime, people: list[tuple[str | None, str]], age: str | None = "25-34"
) -> None:
    """Records, each with the sex given (None: the question not answered) and its channel."""
    for sex, channel in people:
        record = Feedback(channel=channel, ward_code="L4", received_at=at, created_by="test")
        session.add(record)
        session.flush()
        if sex:
            session.add(EqualityMonitoring(feedback_id=record.id, sex=sex, age_band=age))
    session.flush()
