"""Insight dashboards and the labels section of a feedback record.

Every chart is SVG drawn on the server with a table of the same figures beside it, so the pages
work without JavaScript and print; filters are plain GET forms.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from services.common.http_client import DownstreamError
from services.common.roles import FEEDBACK_READERS, Role
from services.portal.accounts.service import SignedIn
from services.portal.csrf import verify_csrf
from services.portal.deps import FeedbackClientDep, PagePolicy
from services.portal.insight import charts
from services.portal.organisation import organisation_cache
from services.portal.templating import long_date, month_name, render

router = APIRouter(tags=["insight"])

INSIGHT_ROLES = FEEDBACK_READERS | {Role.board_reader}
CORRECTOR_ROLES = frozenset({Role.patient_experience_manager, Role.pals_officer, Role.matron})
insight_pages = PagePolicy("insight_pages", roles=INSIGHT_ROLES)
label_pages = PagePolicy("label_pages", roles=FEEDBACK_READERS)
label_correction = PagePolicy("label_correction", roles=CORRECTOR_ROLES)
# feedback_api lets only the patient experience manager export corrections for retraining.
correction_export = PagePolicy("correction_export", roles={Role.patient_experience_manager})

InsightReader = Annotated[SignedIn, Depends(insight_pages)]
LabelReader = Annotated[SignedIn, Depends(label_pages)]
LabelCorrector = Annotated[SignedIn, Depends(label_correction)]
CorrectionExporter = Annotated[SignedIn, Depends(correction_export)]

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SECTIONS = [
    ("/insight/fft", "Friends and Family Test by ward and month"),
    ("/insight/themes", "Themes by source"),
    ("/insight/sentiment", "Sentiment over time"),
    ("/insight/hotspots", "Hotspots"),
    ("/insight/equality", "Who gives feedback"),
]
SENTIMENT_LABELS = {"positive": "Positive", "neutral": "Neutral or mixed", "negative": "Negative"}
SUPPRESSION_LABELS = {
    "primary": "fewer than 5 responses",
    "secondary": "hidden so a smaller figure cannot be worked out",
    "cascade": "hidden because the site's figures are hidden",
}


def may_correct(user: SignedIn) -> bool:
    return bool(set(user.user.roles) & {r.value for r in CORRECTOR_ROLES})


def _filters(request: Request, names: tuple[str, ...]) -> dict[str, str]:
    return {name: request.query_params.get(name, "").strip() for name in names}


def _check_months(filters: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    errors = {}
    for name in names:
        if filters.get(name) and not MONTH.match(filters[name]):
            errors[name] = "Enter a month as year and month, for example 2026-04"
    first, last = filters.get(names[0]), filters.get(names[-1])
    if not errors and first and last and first > last:
        errors[names[0]] = "The start month must be the same as or before the end month"
    return errors


def _check_dates(filters: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    errors = {}
    for name in names:
        if filters.get(name):
            try:
                dt.date.fromisoformat(filters[name])
            except ValueError:
                errors[name] = "Enter a real date, for example 2026-04-01"
    if not errors and all(filters.get(n) for n in names) and filters[names[0]] > filters[names[1]]:
        errors[names[0]] = "The start date must be the same as or before the end date"
    return errors


def _api_errors(exc: DownstreamError) -> dict[str, str]:
    if exc.status != 422:
        raise exc
    return {
        str(e.get("field", "form")).removeprefix("query."): str(e.get("message", "Check this"))
        for e in exc.field_errors
    } or {"form": "Check the filters"}


async def _context(request: Request, client, user: SignedIn, **extra) -> dict:
    structure = await organisation_cache(request).get(client)
    return {"sections": SECTIONS, "sites": structure.sites, "wards": structure.wards, **extra}


async def _report(fetch, user: SignedIn, filters: dict, errors: dict):
    """The API's report for filters that passed their checks, or None and the API's errors."""
    if errors:
        return None, errors
    try:
        return await fetch(user.principal, **filters), errors
    except DownstreamError as exc:
        return None, _api_errors(exc)


async def _report_page(request: Request, client, user: SignedIn, template: str, **values):
    """A report page: 422 when its filters (or the API) found errors."""
    return render(
        request,
        template,
        await _context(request, client, user, **values),
        status_code=422 if values["errors"] else 200,
    )


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


@router.get("/insight")
async def insight_home(request: Request, user: InsightReader, client: FeedbackClientDep):
    """The insight pages, listed."""
    context = await _context(request, client, user)
    context["can_export_corrections"] = Role.patient_experience_manager.value in user.user.roles
    return render(request, "insight/index.jinja", context)


@router.get("/insight/corrections.csv")
async def corrections_csv(user: CorrectionExporter, client: FeedbackClientDep):
    """Staff corrections with the labels as they stand, redacted, in the classify command's
    columns: the file the analysis is retrained from."""
    return Response(
        await client.corrections_csv(user.principal),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="label-corrections.csv"'},
    )


@router.get("/insight/fft")
async def fft_page(request: Request, user: InsightReader, client: FeedbackClientDep):
    """FFT percentage positive and negative by ward and month, suppressed as NHS England does."""
    filters = _filters(request, ("start", "end", "site_code", "ward_code"))
    errors = _check_months(filters, ("start", "end"))
    report, errors = await _report(client.fft_report, user, filters, errors)
    chart, table, matrix, quiet = None, [], [], []
    if report:
        focus = [r for r in report.rows if r.level == "trust"]
        label = "the trust"
        if filters["ward_code"]:
            focus = [r for r in report.rows if r.level == "ward"]
            label = focus[0].name if focus else filters["ward_code"]
        elif filters["site_code"]:
            focus = [r for r in report.rows if r.level == "site"]
            label = focus[0].name if focus else filters["site_code"]
        points = []
        for row in focus:
            for name, value in (
                ("Positive", row.percentage_positive),
                ("Negative", row.percentage_negative),
            ):
                if value is not None:
                    points.append({"month": month_name(row.month), "share": value, "measure": name})
        table = focus
        description = (
            f"Percentage positive and negative FFT answers for {label} by month, "
            f"{month_name(report.months[0])} to {month_name(report.months[-1])}. The same "
            "figures are in the table that follows the chart."
        )
        chart = charts.grouped_bars(
            points,
            chart_id="fft-chart",
            title=f"FFT percentage positive and negative, {label}",
            description=description,
            category="month",
            value="share",
            group="measure",
            value_title="Share of responses",
            percent=True,
            colours={"Positive": charts.NHS_GREEN, "Negative": charts.NHS_RED},
            order=[month_name(m) for m in report.months],
        )
        matrix, quiet = ward_matrix(report)
    return await _report_page(
        request,
        client,
        user,
        "insight/fft.jinja",
        filters=filters,
        errors=errors,
        report=report,
        chart=chart,
        table=table,
        matrix=matrix,
        quiet_wards=quiet,
        percent=percent,
        suppression_labels=SUPPRESSION_LABELS,
    )


def ward_matrix(report) -> tuple[list[dict], list[str]]:
    """Wards as rows and months as columns (each cell that ward's row for that month, or None
    when it had no responses), and the names of the wards with no responses at all, which are
    left out of the rows."""
    wards: dict[str, dict] = {}
    for row in report.rows:
        if row.level == "ward":
            ward = wards.setdefault(row.code, {"code": row.code, "name": row.name, "months": {}})
            ward["months"][row.month] = row if row.total_responses else None
    matrix = [w for w in wards.values() if any(w["months"].values())]
    quiet = [w["name"] for w in wards.values() if not any(w["months"].values())]
    return matrix, quiet


@router.get("/insight/themes")
async def themes_page(request: Request, user: InsightReader, client: FeedbackClientDep):
    """Theme counts and rates by source, site or ward for a period."""
    filters = _filters(request, ("start", "end", "group_by", "site_code", "ward_code"))
    if filters["group_by"] not in ("channel", "site", "ward"):
        filters["group_by"] = "channel"
    errors = _check_dates(filters, ("start", "end"))
    report, errors = await _report(client.themes_report, user, filters, errors)
    chart, top = None, []
    if report:
        totals: dict[str, int] = {}
        for row in report.rows:
            totals[row.theme] = totals.get(row.theme, 0) + row.count
        top = sorted(totals, key=lambda t: (-totals[t], t))[:12]
        points = [
            {"theme": r.theme, "count": r.count, "group": r.group_name}
            for r in report.rows
            if r.theme in top
        ]
        grouping = {"channel": "source", "site": "site", "ward": "ward"}[report.group_by]
        title = (
            f"The 12 most frequent themes by {grouping}, "
            f"{long_date(report.start)} to {long_date(report.end)}"
        )
        chart = charts.stacked_bars(
            points,
            chart_id="themes-chart",
            title=title,
            description=(
                f"Horizontal bars: comments per theme, split by {grouping}. The same figures, "
                "with rates, are in the table that follows the chart."
            ),
            category="theme",
            value="count",
            stack="group",
            value_title="Comments",
            horizontal=True,
        )
    return await _report_page(
        request,
        client,
        user,
        "insight/themes.jinja",
        filters=filters,
        errors=errors,
        report=report,
        chart=chart,
        percent=percent,
    )


@router.get("/insight/sentiment")
async def sentiment_page(request: Request, user: InsightReader, client: FeedbackClientDep):
    """Comments by sentiment per month."""
    filters = _filters(request, ("start", "end", "site_code", "ward_code"))
    errors = _check_months(filters, ("start", "end"))
    report, errors = await _report(client.sentiment_report, user, filters, errors)
    chart = None
    if report:
        points = [
            {"month": month_name(m.month), "comments": getattr(m, key), "sentiment": label}
            for m in report.months
            for key, label in SENTIMENT_LABELS.items()
        ]
        chart = charts.stacked_bars(
            points,
            chart_id="sentiment-chart",
            title="Comments by sentiment per month",
            description=(
                f"Stacked bars per month from {month_name(report.months[0].month)} to "
                f"{month_name(report.months[-1].month)}: positive, neutral or mixed, and "
                "negative comments. The same figures are in the table that follows the chart."
            ),
            category="month",
            value="comments",
            stack="sentiment",
            value_title="Comments",
            colours={SENTIMENT_LABELS[k]: charts.SENTIMENT_COLOURS[k] for k in SENTIMENT_LABELS},
            order=[month_name(m.month) for m in report.months],
        )
    return await _report_page(
        request,
        client,
        user,
        "insight/sentiment.jinja",
        filters=filters,
        errors=errors,
        report=report,
        chart=chart,
    )


@router.get("/insight/hotspots")
async def hotspots_page(request: Request, user: InsightReader, client: FeedbackClientDep):
    """Ward/theme pairs well above their own baseline in a month, with the comments behind them.

    The last complete month by default: the month under way can be chosen, and is called "so
    far", since its part month is compared with full months."""
    filters = _filters(request, ("month", "site_code"))
    errors = _check_months(filters, ("month",))
    report, errors = await _report(client.hotspots_report, user, filters, errors)
    spot_charts, spot_months, heading, shown, links = [], [], "Hotspots", "", {}
    if report:
        shown = month_name(report.month) + ("" if report.complete else " so far")
        heading = f"Hotspots in {shown}"
        current = dt.datetime.strptime(report.current_month, "%Y-%m").date()
        last_complete = _months_before(current, 1)
        links = {
            "last_complete": (last_complete, _hotspots_url(last_complete, filters["site_code"])),
            "current": (
                report.current_month,
                _hotspots_url(report.current_month, filters["site_code"]),
            ),
        }
        for index, spot in enumerate(report.hotspots):
            # The baseline is the months just before the hotspot's own, oldest first.
            this_month = dt.datetime.strptime(spot.month, "%Y-%m").date()
            months = [
                month_name(_months_before(this_month, len(spot.baseline) - i))
                for i in range(len(spot.baseline))
            ]
            spot_months.append(months)
            if index >= 10:
                continue
            points = [
                {"month": m, "negative": n} for m, n in zip(months, spot.baseline, strict=True)
            ]
            points.append({"month": shown, "negative": spot.count})
            spot_charts.append(
                charts.bars(
                    points,
                    chart_id=f"hotspot-chart-{index}",
                    title=f"{spot.theme} on {spot.ward_name}: negative comments",
                    description=(
                        f"Bars for the previous {len(spot.baseline)} months and {shown}; the "
                        f"dashed line is the upper control limit, {spot.upper_limit}. "
                        f"{shown} has {spot.count}."
                    ),
                    category="month",
                    value="negative",
                    value_title="Negative comments",
                    rule=spot.upper_limit,
                    order=[*months, shown],
                )
            )
    return await _report_page(
        request,
        client,
        user,
        "insight/hotspots.jinja",
        filters=filters,
        errors=errors,
        report=report,
        heading=heading,
        shown_month=shown,
        month_links=links,
        spot_charts=spot_charts,
        spot_months=spot_months,
    )


def _hotspots_url(month: str, site_code: str) -> str:
    query = {"month": month, **({"site_code": site_code} if site_code else {})}
    return f"/insight/hotspots?{urlencode(query)}"


def _months_before(month: dt.date, n: int) -> str:
    index = month.year * 12 + month.month - 1 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@router.get("/insight/equality")
async def equality_page(request: Request, user: InsightReader, client: FeedbackClientDep):
    """Who gives feedback and who complains, with small numbers shown as "fewer than 5"."""
    filters = _filters(request, ("start", "end"))
    errors = _check_dates(filters, ("start", "end"))
    report, errors = await _report(client.equality_report, user, filters, errors)
    breakdown_charts = []
    if report:
        for index, breakdown in enumerate(report.breakdowns):
            points = [
                {"group": row.label, "responses": int(row.gave_feedback)}
                for row in breakdown.rows
                if row.gave_feedback.isdigit()
            ]
            breakdown_charts.append(
                charts.bars(
                    points,
                    chart_id=f"equality-chart-{index}",
                    title=f"Feedback by {breakdown.label.lower()}",
                    description=(
                        "Bars for the groups whose number is shown. Groups of fewer than 5, "
                        "and any number hidden so that a smaller one cannot be worked out, "
                        "are only in the table that follows the chart."
                    ),
                    category="group",
                    value="responses",
                    value_title="Feedback",
                )
                if points
                else None
            )
    return await _report_page(
        request,
        client,
        user,
        "insight/equality.jinja",
        filters=filters,
        errors=errors,
        report=report,
        breakdown_charts=breakdown_charts,
    )


# --- the labels section of a feedback record -------------------------------------------------


async def labels_context(client, user: SignedIn, feedback_id: uuid.UUID) -> dict:
    """What templates/insight/_labels.jinja needs."""
    labels = await client.labels(user.principal, feedback_id)
    framework = await client.theme_framework(user.principal)
    groups: dict[str, list[str]] = {}
    for theme in framework.themes:
        groups.setdefault(theme.category, []).append(theme.name)
    return {
        "labels": labels,
        "theme_groups": list(groups.items()),
        "can_correct": may_correct(user),
        "sentiment_labels": SENTIMENT_LABELS,
    }


@router.get("/staff/feedback/{feedback_id}/labels")
async def labels_section(
    request: Request, feedback_id: uuid.UUID, user: LabelReader, client: FeedbackClientDep
):
    """The labels of a record: the section of its page, or a page of its own without JS."""
    context = await labels_context(client, user, feedback_id)
    return render(
        request,
        "insight/labels.jinja",
        {"feedback_id": feedback_id, "errors": {}, **context},
        block="labels",
    )


@router.post("/staff/feedback/{feedback_id}/labels", dependencies=[Depends(verify_csrf)])
async def correct_labels(
    request: Request, feedback_id: uuid.UUID, user: LabelCorrector, client: FeedbackClientDep
):
    """Correct a record's themes, sentiment and critical flag."""
    form = await request.form()
    current = await client.labels(user.principal, feedback_id)
    chosen = set(form.getlist("themes"))
    had = {t.name for t in current.themes}
    body: dict = {
        "add_themes": sorted(chosen - had),
        "remove_themes": sorted(had - chosen),
    }
    sentiment = str(form.get("sentiment", ""))
    if current.sentiment is None or sentiment != current.sentiment.value:
        body["sentiment"] = sentiment or None
    critical = form.get("critical") == "true"
    if current.critical is None or critical != current.critical.value:
        body["critical"] = critical
    body = {k: v for k, v in body.items() if v not in (None, [])}
    errors: dict[str, str] = {}
    if body:
        try:
            await client.correct_labels(user.principal, feedback_id, body)
        except DownstreamError as exc:
            errors = _api_errors(exc)
    if errors:
        context = await labels_context(client, user, feedback_id)
        return render(
            request,
            "insight/labels.jinja",
            {"feedback_id": feedback_id, "errors": errors, **context},
            status_code=422,
            block="labels",
        )
    if request.headers.get("HX-Request") == "true":
        context = await labels_context(client, user, feedback_id)
        return render(
            request,
            "insight/labels.jinja",
            {"feedback_id": feedback_id, "errors": {}, "saved": True, **context},
            block="labels",
        )
    return RedirectResponse(f"/staff/feedback/{feedback_id}?labels=saved#labels", status_code=303)
