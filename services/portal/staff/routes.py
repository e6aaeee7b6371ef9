"""Pages for staff: the feedback inbox, its CSV export and a feedback record."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.common.http_client import DownstreamError
from services.common.roles import Role
from services.portal.deps import FeedbackClientDep, FeedbackReader
from services.portal.insight import routes as insight
from services.portal.organisation import organisation_cache
from services.portal.templating import is_htmx, render

router = APIRouter(prefix="/staff", tags=["staff"])

PAGE_SIZE = 25
# Channel and respondent-type values as feedback_api defines them (its OpenAPI schema).
CHANNELS = [
    ("fft", "Friends and Family Test"),
    ("compliment", "Compliment"),
    ("concern", "Concern"),
    ("complaint", "Complaint"),
    ("pals", "PALS enquiry"),
    ("inhouse_survey", "In-house survey"),
    ("national_survey", "National survey"),
    ("patient_story", "Patient story"),
    ("walkabout", "Walkabout or round"),
    ("social_media", "Social media"),
    ("quality_visit", "Quality visit"),
    ("focus_group", "Focus group"),
    ("dppg", "Digital Patient Participation Group"),
    ("clinical_audit", "Clinical audit"),
    ("perfect_ward", "Perfect Ward"),
]
RESPONDENT_TYPES = [
    ("patient", "Patient"),
    ("carer", "Carer"),
    ("family", "Family member or friend"),
    ("public", "Member of the public"),
    ("staff_on_behalf", "Member of staff on behalf of a patient"),
]
RESPONDENT_LABELS = dict(RESPONDENT_TYPES)
FILTERS = (
    "channel",
    "site_code",
    "ward_code",
    "respondent_type",
    "fft_answer",
    "received_from",
    "received_to",
    "q",
    "critical",
)
URGENT_SHOWN = 5
PERSONAL_DATA_ROLES = frozenset({Role.pals_officer, Role.patient_experience_manager})


def _filters(request: Request, known: dict[str, set[str]]) -> dict[str, str]:
    """The inbox filters from the query string; values the API would refuse are dropped."""
    filters = {name: request.query_params.get(name, "").strip()[:200] for name in FILTERS}
    for name, allowed in known.items():
        if filters[name] and filters[name] not in allowed:
            filters[name] = ""
    for name in ("received_from", "received_to"):
        value = filters[name]
        if value and not (len(value) == 10 and value[4] == "-" and value[7] == "-"):
            filters[name] = ""
    return filters


def _api_filters(filters: dict[str, str]) -> dict[str, object]:
    """The inbox filters as the feedback API takes them (``critical`` is true or absent)."""
    return {**filters, "critical": True if filters["critical"] == "true" else None}


@router.get("")
async def staff_home(request: Request, user: FeedbackReader):
    """Staff start at the inbox."""
    return RedirectResponse("/staff/feedback", status_code=303)


async def _known_values(request: Request, client) -> tuple[object, dict[str, set[str]]]:
    structure = await organisation_cache(request).get(client)
    known = {
        "channel": {c for c, _ in CHANNELS},
        "respondent_type": {r for r, _ in RESPONDENT_TYPES},
        "fft_answer": {str(n) for n in range(1, 7)},
        "critical": {"true"},
        "site_code": {s.code for s in structure.sites},
        "ward_code": {w.code for w in structure.wards},
    }
    return structure, known


@router.get("/feedback")
async def inbox(
    request: Request,
    user: FeedbackReader,
    client: FeedbackClientDep,
    cursor: str | None = None,
):
    """The feedback inbox: newest first, filtered, paged by cursor (links that work without
    JavaScript). HTMX swaps just the results.

    Comments that need urgent attention come first: a section above the results with how many
    there are in the user's scope and the latest few, and an "Urgent" tag on their rows. The
    paged list keeps its order (received time), so cursors stay stable."""
    structure, known = await _known_values(request, client)
    filters = _filters(request, known)
    api_filters = _api_filters(filters)
    cursor = cursor[:200] if cursor else None
    try:
        result = await client.list_feedback(
            user.principal, limit=PAGE_SIZE, cursor=cursor, **api_filters
        )
    except DownstreamError as exc:
        if exc.status != 422 or not cursor:
            raise
        # A stale or edited cursor: start again from the newest.
        result = await client.list_feedback(user.principal, limit=PAGE_SIZE, **api_filters)
    summaries = await client.label_summaries(user.principal, [item.id for item in result.data])
    urgent_ids = {feedback_id for feedback_id, s in summaries.items() if s.critical}
    # The urgent section is outside the results block, so HTMX updates need not fetch it.
    urgent = (
        None
        if is_htmx(request)
        else await client.list_feedback(user.principal, limit=URGENT_SHOWN, critical=True)
    )
    query = {k: v for k, v in filters.items() if v}
    return render(
        request,
        "staff/inbox.jinja",
        {
            "result": result,
            "filters": filters,
            "urgent": urgent,
            "urgent_ids": urgent_ids,
            "wards": structure.wards,
            "sites": structure.sites,
            "channels": CHANNELS,
            "respondent_types": RESPONDENT_TYPES,
            "respondent_labels": RESPONDENT_LABELS,
            "previous_url": (
                f"?{urlencode({**query, 'cursor': result.previous_cursor})}"
                if result.previous_cursor
                else None
            ),
            "next_url": (
                f"?{urlencode({**query, 'cursor': result.next_cursor})}"
                if result.next_cursor
                else None
            ),
            "export_url": "/staff/feedback/export.csv" + (f"?{urlencode(query)}" if query else ""),
        },
        block="results",
    )


@router.get("/feedback/export.csv")
async def export_csv(request: Request, user: FeedbackReader, client: FeedbackClientDep):
    """The inbox's records, with its filters, as a CSV file (redacted text unless the user is a
    PALS officer or patient experience manager)."""
    _, known = await _known_values(request, client)
    filters = _filters(request, known)
    body = await client.export_feedback_csv(user.principal, **_api_filters(filters))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


@router.get("/feedback/{feedback_id}")
async def feedback_detail(
    request: Request, feedback_id: uuid.UUID, user: FeedbackReader, client: FeedbackClientDep
):
    """One piece of feedback: its answers, who gave it and, for PALS and patient experience
    managers, equality data, accessible-information needs and contact details."""
    feedback = await client.get_feedback(user.principal, feedback_id)
    contact = None
    may_contact = user.principal.has_any(PERSONAL_DATA_ROLES)
    if feedback.contactable and may_contact:
        contact = await client.get_contact_details(user.principal, feedback_id)
    return render(
        request,
        "staff/feedback.jinja",
        {
            "feedback": feedback,
            "contact": contact,
            "may_contact": may_contact,
            "respondent_labels": RESPONDENT_LABELS,
            # The labels section (templates/insight/_labels.jinja).
            **await insight.labels_context(client, user, feedback_id),
        },
    )
