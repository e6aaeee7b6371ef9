"""Insight: aggregate figures across sources. Aggregates only, but for the comments behind a
hotspot, which each reader sees as on the feedback pages (redacted unless PALS or PEM)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from services.common.problems import Unprocessable, field_error, problem_responses
from services.common.tokens import Principal
from services.feedback_api.analysis.redaction import KnownNames
from services.feedback_api.deps import ClockDep, SessionDep
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import CHANNEL_LABELS, Channel, Feedback
from services.feedback_api.insight import equality, fft, periods, policies, service
from services.feedback_api.insight.schemas import (
    EqualityReport,
    FftCounts,
    FftReport,
    FftRowPublic,
    HotspotComment,
    HotspotPublic,
    HotspotReport,
    SentimentMonthPublic,
    SentimentReport,
    ThemeCountPublic,
    ThemeReport,
)
from services.feedback_api.insight.scope import visible_wards

router = APIRouter(prefix="/v1/insight", tags=["insight"])

Month = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]
Code = Annotated[str | None, Query(max_length=20)]
MAX_MONTHS = 60

HOTSPOT_RULE = (
    "A ward and theme is a hotspot in a month when its negative comments that month number at "
    f"least {service.MIN_HOTSPOT_COUNT} and are above the upper control limit of a c-chart "
    "(statistical process control for counts) drawn from the same ward and theme over the "
    f"previous {service.BASELINE_MONTHS} months: their average a month plus "
    f"{service.SIGMAS:g} times the square root of that average. A count that far above its own "
    "average seldom happens by chance. The ward needs at least "
    f"{service.MIN_BASELINE_MONTHS} months of history; months before its first feedback are "
    "left out."
)


def _month_range(clock, start: str | None, end: str | None, default_months: int):
    last = periods.parse_month(end) if end else periods.month_start(clock.today())
    first = periods.parse_month(start) if start else periods.add_months(last, 1 - default_months)
    if first > last:
        raise Unprocessable(errors=[field_error("start", "The start month is after the end.")])
    if len(periods.months_between(first, last)) > MAX_MONTHS:
        raise Unprocessable(errors=[field_error("start", f"At most {MAX_MONTHS} months at once.")])
    return first, last


@router.get("/fft", response_model=FftReport, responses=problem_responses(Unprocessable))
def fft_report(
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.read_insight)],
    start: Month = None,
    end: Month = None,
    site_code: Code = None,
    ward_code: Code = None,
) -> FftReport:
    """FFT Total Responses, counts and Percentage Positive / Negative by trust, site and ward per
    month (12 months to this one by default), computed and suppressed as NHS England does:
    Don't know is in the denominator; counts of units with 1-4 responses are hidden (``*``),
    with secondary and cascade suppression so they cannot be worked out by subtraction."""
    first, last = _month_range(clock, start, end, 12)
    rows = fft.fft_by_ward_and_month(
        session,
        first,
        last,
        wards=visible_wards(session, caller),
        site_code=site_code,
        ward_code=ward_code,
    )
    return FftReport(
        months=[periods.month_key(m) for m in periods.months_between(first, last)],
        rows=[
            FftRowPublic(
                month=r.month,
                level=r.level,
                code=r.code,
                name=r.name,
                parent_code=r.parent_code,
                total_responses=r.total,
                counts=FftCounts(
                    very_good=r.counts[1],
                    good=r.counts[2],
                    neither=r.counts[3],
                    poor=r.counts[4],
                    very_poor=r.counts[5],
                    dont_know=r.counts[6],
                )
                if r.counts is not None
                else None,
                percentage_positive=r.percentage_positive,
                percentage_negative=r.percentage_negative,
                suppressed=r.suppressed,
                suppression=r.suppression,
            )
            for r in rows
        ],
    )


@router.get("/themes", response_model=ThemeReport, responses=problem_responses(Unprocessable))
def themes_report(
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.read_insight)],
    start: dt.date | None = None,
    end: dt.date | None = None,
    group_by: Literal["channel", "site", "ward"] = "channel",
    site_code: Code = None,
    ward_code: Code = None,
) -> ThemeReport:
    """Theme counts and rates (share of the group's comments) by source, site or ward for a
    period (the last full quarter's worth of days, 91, by default)."""
    end = end or clock.today()
    start = start or end - dt.timedelta(days=90)
    if start > end:
        raise Unprocessable(errors=[field_error("start", "The start date is after the end.")])
    if (end - start).days > 366 * 5:
        raise Unprocessable(errors=[field_error("start", "At most five years at once.")])
    names = service.group_names(session, group_by)
    rows = service.themes_by(
        session,
        start,
        end,
        group_by=group_by,
        wards=visible_wards(session, caller),
        site_code=site_code,
        ward_code=ward_code,
    )
    return ThemeReport(
        group_by=group_by,
        start=start.isoformat(),
        end=end.isoformat(),
        rows=[
            ThemeCountPublic(
                theme=r.theme,
                group=r.group,
                group_name=names.get(r.group, r.group or "Not given"),
                count=r.count,
                comments=r.comments,
                rate=r.rate,
            )
            for r in rows
        ],
    )


@router.get(
    "/sentiment", response_model=SentimentReport, responses=problem_responses(Unprocessable)
)
def sentiment_report(
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.read_insight)],
    start: Month = None,
    end: Month = None,
    site_code: Code = None,
    ward_code: Code = None,
    channel: Channel | None = None,
) -> SentimentReport:
    """Comments by sentiment (positive, neutral, negative) per month, 12 months by default."""
    first, last = _month_range(clock, start, end, 12)
    months = service.sentiment_by_month(
        session,
        first,
        last,
        wards=visible_wards(session, caller),
        site_code=site_code,
        ward_code=ward_code,
        channel=channel.value if channel else None,
    )
    return SentimentReport(
        months=[
            SentimentMonthPublic(
                month=m.month,
                positive=m.positive,
                neutral=m.neutral,
                negative=m.negative,
                total=m.total,
            )
            for m in months
        ]
    )


def _hotspot_comment(
    record: Feedback, *, privileged: bool, names: KnownNames | None
) -> HotspotComment:
    """One comment behind a hotspot, shown as the feedback pages show it to this reader."""
    text, is_redacted = feedback_service.shown_comment(record, privileged=privileged, names=names)
    return HotspotComment(
        feedback_id=record.id,
        received_at=record.received_at.isoformat(),
        channel=CHANNEL_LABELS.get(Channel(record.channel), record.channel),
        comment=text or "",
        comment_is_redacted=is_redacted,
    )


@router.get("/hotspots", response_model=HotspotReport, responses=problem_responses(Unprocessable))
def hotspots_report(
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.read_insight)],
    month: Month = None,
    site_code: Code = None,
) -> HotspotReport:
    """Ward/theme pairs whose negative comments in a month are significantly above their own
    baseline (see ``rule``), each with the comments behind it.

    The month is the last complete one by default: a month under way may be chosen, but its
    days so far are compared with full months (``complete`` is false). Comments are redacted
    unless the caller is a PALS officer or patient experience manager, as on the feedback
    pages."""
    today = clock.today()
    current = periods.month_start(today)
    chosen = periods.parse_month(month) if month else periods.last_complete_month(today)
    if chosen > current:
        raise Unprocessable(
            errors=[
                field_error(
                    "month", "The month has not started yet: choose this month or an earlier one."
                )
            ]
        )
    found = service.hotspots(
        session, chosen, wards=visible_wards(session, caller), site_code=site_code
    )
    records = service.comments(session, [i for h in found for i in h.feedback_ids])
    privileged = feedback_service.sees_personal_data(caller)
    people = feedback_service.known_names(session) if records and not privileged else None
    complete = chosen < current
    return HotspotReport(
        month=periods.month_key(chosen),
        complete=complete,
        counted_to=(periods.month_end(chosen) if complete else today).isoformat(),
        current_month=periods.month_key(current),
        rule=HOTSPOT_RULE,
        hotspots=[
            HotspotPublic(
                ward_code=h.ward_code,
                ward_name=h.ward_name,
                theme=h.theme,
                month=h.month,
                count=h.count,
                baseline_mean=h.baseline_mean,
                upper_limit=h.upper_limit,
                baseline=h.baseline,
                comments=[
                    _hotspot_comment(records[i], privileged=privileged, names=people)
                    for i in h.feedback_ids
                    if i in records
                ],
            )
            for h in found
        ],
    )


@router.get("/equality", response_model=EqualityReport, responses=problem_responses(Unprocessable))
def equality_report(
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.read_insight)],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> EqualityReport:
    """Who gives feedback and who complains, by equality characteristic, for a period (a year by
    default). Counts of 1 to 4 are shown as "fewer than 5" so no one can be identified."""
    end = end or clock.today()
    start = start or end - dt.timedelta(days=364)
    if start > end:
        raise Unprocessable(errors=[field_error("start", "The start date is after the end.")])
    return equality.report(session, start, end, wards=visible_wards(session, caller))
