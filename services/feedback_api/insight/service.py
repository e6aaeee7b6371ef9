"""Aggregates across every source: themes by source, ward or site; sentiment over time;
hotspots; and who gives feedback.

Figures come from the stored labels (a person's correction counts, not the model's guess) and
the copies of received_at, channel, site and ward kept on them, so each query reads one or two
narrow, indexed tables.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from services.feedback_api.feedback.models import CHANNEL_LABELS, Channel, Feedback
from services.feedback_api.insight import periods
from services.feedback_api.labels.models import FeedbackLabel, FeedbackTheme
from services.feedback_api.organisation.models import Site, Ward

GROUPINGS = ("channel", "site", "ward")

# Hotspot rule (a c-chart, Statistical Process Control): the negative comments on one theme in
# one ward this month are a hotspot when they are above the upper control limit of the previous
# BASELINE_MONTHS months, mean + 3 * sqrt(mean) (counts of events are Poisson-like, so sigma is
# the square root of the mean), and at least MIN_HOTSPOT_COUNT. The minimum keeps a jump from 0
# to 2 on a quiet ward from being called a hotspot; months before the ward's first feedback
# still count as zeros only from its first month on.
BASELINE_MONTHS = 12
MIN_BASELINE_MONTHS = 3
MIN_HOTSPOT_COUNT = 5
SIGMAS = 3.0


def _labels_in(session: Session, first: dt.date, end: dt.date, wards, site_code, ward_code, table):
    conditions = [
        table.received_at >= periods.start_of(first),
        table.received_at < periods.start_of(end),
    ]
    if wards is not None:
        conditions.append(table.ward_code.in_(sorted(wards)))
    if site_code:
        conditions.append(table.site_code == site_code)
    if ward_code:
        conditions.append(table.ward_code == ward_code)
    return conditions


def _group_column(table, group_by: str):
    return {"channel": table.channel, "site": table.site_code, "ward": table.ward_code}[group_by]


def group_names(session: Session, group_by: str) -> dict[str, str]:
    if group_by == "channel":
        return {c.value: CHANNEL_LABELS[c] for c in Channel}
    if group_by == "site":
        return {s.code: s.name for s in session.execute(select(Site)).scalars()}
    return {w.code: w.name for w in session.execute(select(Ward)).scalars()}


@dataclass
class ThemeCount:
    theme: str
    group: str
    count: int
    comments: int  # comments in the group and period: the denominator of the rate
    rate: float | None


def themes_by(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    group_by: str = "channel",
    wards: frozenset[str] | None = None,
    site_code: str | None = None,
    ward_code: str | None = None,
) -> list[ThemeCount]:
    """How many comments carry each theme, per source (channel), site or ward, from ``first`` to
    ``last`` inclusive; rate = share of the group's comments with text that carry the theme."""
    end = last + dt.timedelta(days=1)
    group = _group_column(FeedbackTheme, group_by)
    theme_rows = session.execute(
        select(group, FeedbackTheme.theme, func.count())
        .where(
            FeedbackTheme.included,
            *_labels_in(session, first, end, wards, site_code, ward_code, FeedbackTheme),
        )
        .group_by(group, FeedbackTheme.theme)
    ).all()
    label_group = _group_column(FeedbackLabel, group_by)
    denominators = dict(
        session.execute(
            select(label_group, func.count())
            .where(
                FeedbackLabel.has_comment,
                *_labels_in(session, first, end, wards, site_code, ward_code, FeedbackLabel),
            )
            .group_by(label_group)
        ).all()
    )
    result = []
    for key, theme, count in theme_rows:
        comments = denominators.get(key, 0)
        result.append(
            ThemeCount(
                theme=theme,
                group=key or "",
                count=count,
                comments=comments,
                rate=count / comments if comments else None,
            )
        )
    result.sort(key=lambda r: (r.group, -r.count, r.theme))
    return result


@dataclass
class SentimentMonth:
    month: str
    positive: int = 0
    neutral: int = 0
    negative: int = 0

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative


def sentiment_by_month(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    wards: frozenset[str] | None = None,
    site_code: str | None = None,
    ward_code: str | None = None,
    channel: str | None = None,
) -> list[SentimentMonth]:
    """Comments (with text) by sentiment per month, every month in the range (zeros included)."""
    months = periods.months_between(first, last)
    end = periods.add_months(months[-1], 1)
    month = FeedbackLabel.received_month
    conditions = [month >= months[0], month < end]
    if wards is not None:
        conditions.append(FeedbackLabel.ward_code.in_(sorted(wards)))
    if site_code:
        conditions.append(FeedbackLabel.site_code == site_code)
    if ward_code:
        conditions.append(FeedbackLabel.ward_code == ward_code)
    if channel:
        conditions.append(FeedbackLabel.channel == channel)
    rows = session.execute(
        select(month, FeedbackLabel.sentiment, func.count())
        .where(FeedbackLabel.has_comment, *conditions)
        .group_by(month, FeedbackLabel.sentiment)
    ).all()
    by_month = {periods.month_key(m): SentimentMonth(periods.month_key(m)) for m in months}
    for day, sentiment, n in rows:
        m = periods.month_key(day)
        if m in by_month and sentiment in ("positive", "neutral", "negative"):
            setattr(by_month[m], sentiment, n)
    return list(by_month.values())


@dataclass
class Hotspot:
    ward_code: str
    ward_name: str
    theme: str
    month: str
    count: int
    baseline_mean: float
    upper_limit: float
    baseline: list[int]
    feedback_ids: list[uuid.UUID] = field(default_factory=list)


def control_limit(baseline: list[int]) -> tuple[float, float]:
    """c-chart centre line and upper control limit: mean + 3 * sqrt(mean)."""
    mean = sum(baseline) / len(baseline)
    return mean, mean + SIGMAS * math.sqrt(mean)


def is_hotspot(count: int, baseline: list[int]) -> bool:
    if len(baseline) < MIN_BASELINE_MONTHS or count < MIN_HOTSPOT_COUNT:
        return False
    _, upper = control_limit(baseline)
    return count > upper


def hotspots(
    session: Session,
    month: dt.date,
    *,
    wards: frozenset[str] | None = None,
    site_code: str | None = None,
    comments_per_hotspot: int = 20,
) -> list[Hotspot]:
    """Ward/theme pairs whose negative comments in ``month`` are above their own control limit."""
    month = periods.month_start(month)
    first = periods.add_months(month, -BASELINE_MONTHS)
    month_col = FeedbackTheme.received_month
    conditions = [
        FeedbackTheme.sentiment == "negative",
        FeedbackTheme.included,
        FeedbackTheme.ward_code.is_not(None),
    ]
    if wards is not None:
        conditions.append(FeedbackTheme.ward_code.in_(sorted(wards)))
    if site_code:
        conditions.append(FeedbackTheme.site_code == site_code)
    # This month's pairs with enough negative comments to be a hotspot at all, and the counts
    # of only those pairs over their baseline and this month, in one statement (a semi-join on
    # a small index range scan instead of a year of every pair's groups).
    this_month = periods.month_key(month)
    candidates = (
        select(FeedbackTheme.ward_code, FeedbackTheme.theme)
        .where(month_col == month, *conditions)
        .group_by(FeedbackTheme.ward_code, FeedbackTheme.theme)
        .having(func.count() >= MIN_HOTSPOT_COUNT)
    )
    rows = session.execute(
        select(FeedbackTheme.ward_code, FeedbackTheme.theme, month_col, func.count())
        .where(
            month_col >= first,
            month_col <= month,
            tuple_(FeedbackTheme.ward_code, FeedbackTheme.theme).in_(candidates),
            *conditions,
        )
        .group_by(FeedbackTheme.ward_code, FeedbackTheme.theme, month_col)
    ).all()
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for ward, theme, day, n in rows:
        counts[(ward, theme)][periods.month_key(day)] = n
    ward_first = _first_received(session, sorted({w for w, _ in counts}))
    baseline_months = [periods.add_months(first, i) for i in range(BASELINE_MONTHS)]
    names = group_names(session, "ward")
    found = []
    for (ward, theme), by_month in counts.items():
        count = by_month.get(this_month, 0)
        if count < MIN_HOTSPOT_COUNT:
            continue
        started = ward_first.get(ward)
        start_key = periods.month_key(started.date()) if started else this_month
        baseline = [
            by_month.get(periods.month_key(m), 0)
            for m in baseline_months
            if periods.month_key(m) >= start_key
        ]
        if not is_hotspot(count, baseline):
            continue
        mean, upper = control_limit(baseline)
        found.append(
            Hotspot(
                ward_code=ward,
                ward_name=names.get(ward, ward),
                theme=theme,
                month=this_month,
                count=count,
                baseline_mean=round(mean, 2),
                upper_limit=round(upper, 2),
                baseline=baseline,
            )
        )
    found.sort(key=lambda h: (-(h.count - h.upper_limit), h.ward_code, h.theme))
    if found:
        by_pair = {(spot.ward_code, spot.theme): spot for spot in found}
        latest = _latest(session, month, list(by_pair), comments_per_hotspot)
        for ward, theme, feedback_id in latest:
            by_pair[(ward, theme)].feedback_ids.append(feedback_id)
    return found


def _first_received(session: Session, wards: list[str]) -> dict[str, dt.datetime | None]:
    """Each ward's first feedback (from the start of its history), in one statement: a
    single index lookup on (ward_code, received_at) per ward."""
    if not wards:
        return {}
    firsts = session.execute(
        select(
            *[
                select(func.min(FeedbackLabel.received_at))
                .where(FeedbackLabel.ward_code == ward)
                .scalar_subquery()
                for ward in wards
            ]
        )
    ).one()
    return dict(zip(wards, firsts, strict=True))


def _latest(
    session: Session, month: dt.date, pairs: list[tuple[str, str]], limit: int
) -> list[tuple[str, str, uuid.UUID]]:
    """The latest ``limit`` negative comments of each (ward, theme) pair in ``month``, newest
    first, in one statement."""
    rank = (
        func.row_number()
        .over(
            partition_by=(FeedbackTheme.ward_code, FeedbackTheme.theme),
            order_by=(FeedbackTheme.received_at.desc(), FeedbackTheme.feedback_id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(FeedbackTheme.ward_code, FeedbackTheme.theme, FeedbackTheme.feedback_id, rank)
        .where(
            FeedbackTheme.received_month == month,
            FeedbackTheme.sentiment == "negative",
            FeedbackTheme.included,
            tuple_(FeedbackTheme.ward_code, FeedbackTheme.theme).in_(pairs),
        )
        .subquery()
    )
    return [
        (ward, theme, feedback_id)
        for ward, theme, feedback_id in session.execute(
            select(ranked.c.ward_code, ranked.c.theme, ranked.c.feedback_id)
            .where(ranked.c.rank <= limit)
            .order_by(ranked.c.ward_code, ranked.c.theme, ranked.c.rank)
        )
    ]


def comments(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Feedback]:
    if not ids:
        return {}
    return {
        f.id: f for f in session.execute(select(Feedback).where(Feedback.id.in_(ids))).scalars()
    }
