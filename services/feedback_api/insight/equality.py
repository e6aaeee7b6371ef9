"""Equality breakdowns of who gives feedback and who complains.

Counted from the optional equality monitoring answers (services/feedback_api/respondents/) by
each record's received time, channel and ward. The answers are read from ``equality_count``,
their counts per day and per month, which database triggers keep equal to the answers in the
same transaction as every change (see its model); a period adds up its whole months and the
days at either end. Totals come from the records themselves, in the same statement, so
"Not asked" (records without an answer to that question) is always their difference.
"Prefer not to say" is kept apart from it, as NHS-STANDARDS.md 3.3 asks. Small numbers are
never shown: a count of 1 to 4 is "fewer than 5" (0 stays 0), for every group and total, and
secondary suppression (disclosure.py) hides as many more counts as it takes for none of those to
be worked out by subtraction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import String, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from services.feedback_api.feedback.models import Channel, Feedback
from services.feedback_api.insight import disclosure, periods
from services.feedback_api.insight.schemas import (
    EqualityBreakdown,
    EqualityCell,
    EqualityReport,
)
from services.feedback_api.respondents.codes import LABELS, Disability
from services.feedback_api.respondents.models import EqualityCount

# The complaint channels, the characteristics and ANSWERED are also written out in the triggers
# that keep equality_count (migrations/feedback/versions/20261122_equality_counts.py): a change
# here needs a migration that redefines them and recounts.
# Complaints, concerns and PALS enquiries: "who complains".
COMPLAINT_CHANNELS = (Channel.complaint.value, Channel.concern.value, Channel.pals.value)
FEWER_THAN_5 = disclosure.FEWER_THAN_5
NOT_ASKED = "not_asked"
# Disability answers that stand alone: "no" and "prefer not to say".
DISABILITY_ALONE = (Disability.none.value, Disability.prefer_not_to_say.value)

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


GAVE, COMPLAINED = "gave_feedback", "complained"
COLUMN_TITLES = {GAVE: '"Gave feedback"', COMPLAINED: '"Complained"'}
NOT_ASKED_LABEL = "Not asked or not answered"
HIDDEN_NOTE = (
    '"Hidden" marks a count of 5 or more that is not shown, so that a count of fewer than 5 '
    "cannot be worked out by subtracting the others from the total."
)
WITHHELD_NOTE = (
    "The {columns} column is hidden in full, zeros included, because its small numbers could "
    "otherwise be worked out from the total."
)


def report(
    session: Session, start: dt.date, end: dt.date, *, wards: frozenset[str] | None
) -> EqualityReport:
    totals, answers = counts(session, start, end, wards=wards)
    total_all = totals[True] + totals[False]
    total_complaints = totals[True]
    breakdowns = []
    for column, label, code_labels in CHARACTERISTICS:
        table = breakdown_table(
            column, list(code_labels), answers[column], total_all, total_complaints
        )
        disclosure.protect(table)
        rows = [
            EqualityCell(
                value=code,
                label=code_label,
                gave_feedback=table.published(code, GAVE),
                complained=table.published(code, COMPLAINED),
            )
            for code, code_label in [*code_labels.items(), (NOT_ASKED, NOT_ASKED_LABEL)]
        ]
        withheld = [
            title
            for name, title in COLUMN_TITLES.items()
            if all(c.state == disclosure.WITHHELD for c in table.column(name))
        ]
        breakdowns.append(
            EqualityBreakdown(
                characteristic=column,
                label=label,
                rows=rows,
                note=WITHHELD_NOTE.format(columns=" and ".join(withheld)) if withheld else None,
            )
        )
    notes = [
        "Disability counts people once for each condition they name, so its rows can add "
        "up to more than the total."
    ]
    if any(
        row.gave_feedback == disclosure.HIDDEN or row.complained == disclosure.HIDDEN
        for b in breakdowns
        for row in b.rows
    ):
        notes.insert(0, HIDDEN_NOTE)
    return EqualityReport(
        start=start.isoformat(),
        end=end.isoformat(),
        total_feedback=small_number(total_all),
        total_complaints=small_number(total_complaints),
        breakdowns=breakdowns,
        note=" ".join(notes),
    )


def breakdown_table(
    characteristic: str,
    codes: list[str],
    given: Counter,
    total_all: int,
    total_complaints: int,
) -> disclosure.Table:
    """One characteristic's counts and everything a reader knows about how they add up.

    Each column adds up to its total through "Not asked or not answered" (the total less those
    who answered), and nobody complained without giving feedback. Disability is answered with
    any number of conditions, or "no" or "prefer not to say" alone: the total is those three
    groups of people plus "not asked", and the people naming a condition (never published) are
    at least the largest condition's count and at most the sum of them."""
    table = disclosure.Table(totals={GAVE: total_all, COMPLAINED: total_complaints})
    answered: Counter = Counter()
    for (code, is_complaint), n in given.items():
        if characteristic != "disability" or code == ANSWERED:
            answered[is_complaint] += n
    for code in codes:
        complained = given[(code, True)]
        table.add(code, GAVE, given[(code, False)] + complained)
        table.add(code, COMPLAINED, complained)
    table.add(NOT_ASKED, GAVE, total_all - answered[True] - answered[False])
    table.add(NOT_ASKED, COMPLAINED, total_complaints - answered[True])
    for code in [*codes, NOT_ASKED]:
        table.at_most.append(({(code, COMPLAINED): 1, (code, GAVE): -1}, 0))
    if 0 < total_complaints < 5 and 0 < total_all < 5:
        table.at_most.append(
            ({disclosure.total_key(COMPLAINED): 1, disclosure.total_key(GAVE): -1}, 0)
        )
    for name in (GAVE, COMPLAINED):
        if characteristic != "disability":
            table.adds_up(name, {(code, name): 1 for code in [*codes, NOT_ASKED]})
            continue
        conditions = [c for c in codes if c not in DISABILITY_ALONE]
        named = ("*named a condition*", name)
        table.unknowns[named] = (0, max(total_all, 5))
        table.adds_up(
            name, {named: 1, **{(code, name): 1 for code in [*DISABILITY_ALONE, NOT_ASKED]}}
        )
        table.at_most.append(({named: 1, **{(c, name): -1 for c in conditions}}, 0))
        for condition in conditions:
            table.at_most.append(({(condition, name): 1, named: -1}, 0))
    if characteristic == "disability":
        table.at_most.append(
            ({("*named a condition*", COMPLAINED): 1, ("*named a condition*", GAVE): -1}, 0)
        )
    return table


ANSWERED = "*answered*"  # disability: the number of people who answered at all
TOTAL = "*total*"


def counts(
    session: Session, start: dt.date, end: dt.date, *, wards: frozenset[str] | None
) -> tuple[Counter, dict[str, Counter]]:
    """Records by complained (True/False), and each characteristic's (answer, complained) ->
    people, for the days start to end (inclusive) in ``wards`` (None: every record)."""
    complained = Feedback.channel.in_(COMPLAINT_CHANNELS)
    record_conditions = [
        Feedback.received_at >= periods.start_of(start),
        Feedback.received_at < periods.start_of(end + dt.timedelta(days=1)),
    ]
    if wards is not None:
        record_conditions.append(Feedback.ward_code.in_(sorted(wards)))
    records = (
        select(
            literal(TOTAL, String).label("characteristic"),
            literal("", String).label("code"),
            complained.label("complained"),
            func.count().label("n"),
        )
        .where(*record_conditions)
        .group_by(complained)
    )
    answers = (
        select(
            EqualityCount.characteristic,
            EqualityCount.code,
            EqualityCount.complained,
            func.sum(EqualityCount.n),
        )
        .where(
            EqualityCount.ward_code == "*"
            if wards is None
            else EqualityCount.ward_code.in_(sorted(wards)),
            _periods(start, end),
        )
        .group_by(EqualityCount.characteristic, EqualityCount.code, EqualityCount.complained)
    )
    totals: Counter = Counter()
    result: dict[str, Counter] = defaultdict(Counter)
    # One statement, so the totals and the answers are read from the same snapshot.
    for characteristic, code, is_complaint, n in session.execute(union_all(records, answers)):
        if characteristic == TOTAL:
            totals[bool(is_complaint)] += int(n)
        else:
            result[characteristic][(code, bool(is_complaint))] += int(n)
    return totals, result


def _periods(start: dt.date, end: dt.date):
    """The whole months from start to end from the month rows, the days around them from the
    day rows."""
    day = EqualityCount.grain == "day"
    first_month = start if start.day == 1 else periods.add_months(periods.month_start(start), 1)
    after_months = periods.month_start(end + dt.timedelta(days=1))
    if first_month >= after_months:
        return and_(day, EqualityCount.period >= start, EqualityCount.period <= end)
    return or_(
        and_(
            EqualityCount.grain == "month",
            EqualityCount.period >= first_month,
            EqualityCount.period < after_months,
        ),
        and_(day, EqualityCount.period >= start, EqualityCount.period < first_month),
        and_(day, EqualityCount.period >= after_months, EqualityCount.period <= end),
    )
