"""Equality breakdowns of who gives feedback and who complains.

Counted from the optional equality monitoring answers (services/feedback_api/respondents/), over
the records' label rows, which carry each record's received time, channel and ward (every record
has one: analysis labels new records in the request, or within seconds for large imports).
"Not asked" covers records without an answer to that question; "Prefer not to say" is kept apart
from it, as NHS-STANDARDS.md 3.3 asks. Small numbers are never shown: a count of 1 to 4 is
"fewer than 5" (0 stays 0), for every group and total.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from sqlalchemy import Text, cast, func, select, tuple_
from sqlalchemy.orm import Session

from services.feedback_api.feedback.models import Channel
from services.feedback_api.insight import periods
from services.feedback_api.insight.schemas import (
    EqualityBreakdown,
    EqualityCell,
    EqualityReport,
)
from services.feedback_api.labels.models import FeedbackLabel
from services.feedback_api.respondents.codes import LABELS
from services.feedback_api.respondents.models import EqualityMonitoring

# Complaints, concerns and PALS enquiries: "who complains".
COMPLAINT_CHANNELS = (Channel.complaint.value, Channel.concern.value, Channel.pals.value)
FEWER_THAN_5 = "fewer than 5"
NOT_ASKED = "not_asked"

# (column, label for the page, labels of its codes)
CHARACTERISTICS = [
    ("ethnicity_2021", "Ethnic group", LABELS["ethnicity"]),
    ("age_band", "Age", LABELS["age_band"]),
    ("sex", "Sex", LABELS["sex"]),
    ("gender_identity", "Gender identity", LABELS["gender_identity"]),
    ("sexual_orientation", "Sexual orientation", LABELS["sexual_orientation"]),
    ("disability", "Disability", LABELS["disability"]),
    ("religion", "Religion or belief", LABELS["religion"]),
]


def small_number(n: int) -> str:
    """A count as it may be published: 1 to 4 become "fewer than 5"; 0 stays 0."""
    return FEWER_THAN_5 if 0 < n < 5 else str(n)


def _conditions(start: dt.date, end: dt.date, wards: frozenset[str] | None) -> list:
    conditions = [
        FeedbackLabel.received_at >= periods.start_of(start),
        FeedbackLabel.received_at < periods.start_of(end + dt.timedelta(days=1)),
    ]
    if wards is not None:
        conditions.append(FeedbackLabel.ward_code.in_(sorted(wards)))
    return conditions


def report(
    session: Session, start: dt.date, end: dt.date, *, wards: frozenset[str] | None
) -> EqualityReport:
    conditions = _conditions(start, end, wards)
    complained = FeedbackLabel.channel.in_(COMPLAINT_CHANNELS)
    totals = dict(
        session.execute(
            select(complained.label("complained"), func.count())
            .select_from(FeedbackLabel)
            .where(*conditions)
            .group_by(complained)
        ).all()
    )
    total_all = sum(totals.values())
    total_complaints = totals.get(True, 0)
    answers = _answer_counts(session, conditions, complained)
    breakdowns = []
    for column, label, code_labels in CHARACTERISTICS:
        counts = answers[column]
        answered = Counter()
        for (code, is_complaint), n in counts.items():
            if column != "disability" or code == ANSWERED:
                answered[is_complaint] += n
        all_answered = answered[True] + answered[False]
        cells = []
        for code, code_label in code_labels.items():
            gave = counts[(code, True)] + counts[(code, False)]
            cells.append(
                EqualityCell(
                    value=code,
                    label=code_label,
                    gave_feedback=small_number(gave),
                    complained=small_number(counts[(code, True)]),
                )
            )
        cells.append(
            EqualityCell(
                value=NOT_ASKED,
                label="Not asked or not answered",
                gave_feedback=small_number(total_all - all_answered),
                complained=small_number(total_complaints - answered[True]),
            )
        )
        breakdowns.append(EqualityBreakdown(characteristic=column, label=label, rows=cells))
    return EqualityReport(
        start=start.isoformat(),
        end=end.isoformat(),
        total_feedback=small_number(total_all),
        total_complaints=small_number(total_complaints),
        breakdowns=breakdowns,
        note=(
            "Disability counts people once for each condition they name, so its rows can add "
            "up to more than the total."
        ),
    )


ANSWERED = "*answered*"  # disability: the number of people who answered at all


def _add(counts: Counter, column: str, value, is_complaint: bool, n: int) -> None:
    if column != "disability":
        counts[(value, is_complaint)] += n
        return
    codes = json.loads(value) if isinstance(value, str) else value
    if not codes:
        return
    counts[(ANSWERED, is_complaint)] += n
    for code in set(codes):
        counts[(code, is_complaint)] += n


def _answer_counts(session: Session, conditions: list, complained) -> dict[str, Counter]:
    """(answer, complained) -> count for each characteristic: one scan with GROUPING SETS on
    PostgreSQL, a query per characteristic elsewhere."""
    columns = {
        name: (
            cast(EqualityMonitoring.disability, Text)
            if name == "disability"
            else getattr(EqualityMonitoring, name)
        )
        for name, _, _ in CHARACTERISTICS
    }
    result = {name: Counter() for name in columns}
    flag = complained.label("complained")
    joined = (
        select()
        .select_from(EqualityMonitoring)
        .join(FeedbackLabel, FeedbackLabel.feedback_id == EqualityMonitoring.feedback_id)
    )
    if session.get_bind().dialect.name == "postgresql":
        exprs = list(columns.values())
        query = (
            joined.add_columns(*exprs, flag, func.grouping(*exprs), func.count())
            .where(*conditions)
            .group_by(func.grouping_sets(*[tuple_(e, complained) for e in exprs]))
        )
        width = len(exprs)
        for row in session.execute(query):
            mask, n = row[-2], row[-1]
            is_complaint = bool(row[width])
            for i, name in enumerate(columns):
                # GROUPING() sets a bit for each column left out of the row's grouping set.
                if not mask & (1 << (width - 1 - i)) and row[i] is not None:
                    _add(result[name], name, row[i], is_complaint, n)
        return result
    for name, expr in columns.items():
        query = (
            joined.add_columns(expr, flag, func.count())
            .where(expr.is_not(None), *conditions)
            .group_by(expr, complained)
        )
        for value, is_complaint, n in session.execute(query):
            _add(result[name], name, value, bool(is_complaint), n)
    return result
