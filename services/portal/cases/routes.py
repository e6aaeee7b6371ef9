"""Staff pages for complaints and PALS cases: the list, the overdue list, opening a case and the
case page with its timeline and actions. Every form works without JavaScript (POST, then 303 to
the page); HTMX only swaps the list's results."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from services.common.http_client import DownstreamError
from services.common.roles import Role
from services.portal.accounts.service import SignedIn
from services.portal.cases import forms
from services.portal.cases.client import Case
from services.portal.csrf import verify_csrf
from services.portal.deps import FeedbackClientDep, PagePolicy
from services.portal.organisation import organisation_cache
from services.portal.templating import render

CASE_ROLES = frozenset({Role.pals_officer, Role.patient_experience_manager})
case_pages = PagePolicy("case_pages", roles=CASE_ROLES)
CaseRunner = Annotated[SignedIn, Depends(case_pages)]

router = APIRouter(prefix="/staff/cases", tags=["cases"])

PAGE_SIZE = 25
FILTERS = ("status", "case_type", "overdue", "ward_code", "mine", "reference")
# The form fields each API field's errors belong to, per form.
ACK_FIELDS = {
    "discussion_offered": "discussion_offered",
    "discussion_accepted": "discussion_accepted",
    "acknowledged_on": "acknowledged_on",
    "response_due": "acknowledged_on",
    "status": "discussion_offered",
    "oral_record_copy_sent": "oral_record_copy_sent",
    "note": "note",
}
DUE_FIELDS = {"response_due": "response_due", "reason": "reason"}
STATUS_FIELDS = {"status": "status", "late_reason": "late_reason", "note": "note"}
OUTCOME_FIELDS = {"outcome": "outcome", "signed_by": "signed_by", "note": "note"}
REOPEN_FIELDS = {"reason": "reason", "response_due": "response_due", "status": "reason"}
WAIVER_FIELDS = {"time_limit_waiver_reason": "time_limit_waiver_reason"}
PHSO_FIELDS = {"referred_on": "referred_on", "note": "note", "status": "referred_on"}
CASE_FIELDS = {
    name: name
    for name in (
        "case_type",
        "received_on",
        "received_how",
        "narrative",
        "complainant_name",
        "relationship",
        "consent",
        "event_on",
        "ward_code",
        "subjects",
        "service_area",
        "profession",
        "complainant_status",
        "complainant_ethnic_category",
        "time_limit_waiver_reason",
        "patient_age_at_event",
        "feedback_id",
    )
}
FIELD_LABELS = {
    "status": "Status",
    "response_due": "Response due",
    "acknowledged_on": "Acknowledged",
    "discussion_offered": "Discussion offered",
    "discussion_accepted": "Discussion accepted",
    "outcome": "Outcome",
    "signed_by": "Signed by",
    "phso_rights_included": "Ombudsman rights included",
    "response_sent_on": "Response sent",
    "closed_on": "Closed",
    "phso_referred_on": "Referred to the Ombudsman",
    "officer_name": "Officer",
    "agreed_with_complainant": "Agreed with the complainant",
    "late_reason": "Reason for lateness",
    "time_limit_waiver_reason": "Reason the time limit is waived",
    "oral_record_copy_sent_on": "Copy of the written record sent",
    "acknowledged_late": "Acknowledged late",
    "sent_late": "Sent late",
    "agreed_before_expiry": "Agreed before the previous date passed",
}
# Recorded on the timeline for the record, but not worth showing on every entry.
QUIET_KEYS = frozenset({"officer_id", "ack_due"})
EVENT_TITLES = {
    "opened": "Case opened",
    "acknowledged": "Acknowledged",
    "status_changed": "Status changed",
    "response_due_changed": "Response due date changed",
    "outcome_recorded": "Outcome recorded",
    "reopened": "Reopened",
    "referred_to_phso": "Referred to the Parliamentary and Health Service Ombudsman",
    "officer_assigned": "Officer assigned",
    "details_changed": "Details changed",
}


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "none"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    text = str(value)
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text).strftime("%-d %B %Y")
        except ValueError:
            pass
    return forms.STATUS_LABELS.get(text, text)


def timeline_entries(case: Case) -> list[dict[str, Any]]:
    """The case's events, newest first, as a person reads them."""
    entries = []
    for event in case.timeline:
        before, after = event.before or {}, event.after or {}
        changes = []
        if event.kind != "opened":
            for key, value in after.items():
                if key in QUIET_KEYS or (key in before and before[key] == value):
                    continue
                if key == "acknowledged_late" and not value:
                    continue
                label = FIELD_LABELS.get(key, key.replace("_", " ").capitalize())
                was = _shown(before[key]) if key in before else None
                changes.append((label, was, _shown(value)))
        entries.append(
            {
                "id": event.id,
                "when": event.occurred_at,
                "who": event.actor_name or event.actor_id,
                "title": EVENT_TITLES.get(event.kind, event.kind.replace("_", " ").capitalize()),
                "changes": changes,
                "note": event.note,
            }
        )
    return entries


def _empty_forms() -> dict[str, forms.Form]:
    return {
        name: forms.Form()
        for name in ("acknowledge", "due", "status", "outcome", "reopen", "phso", "waiver")
    }


async def _case_page(
    request: Request,
    client,
    user,
    case_id: uuid.UUID,
    *,
    failed: tuple[str, forms.Form] | None = None,
):
    case = await client.get_case(user.principal, case_id)
    page_forms = _empty_forms()
    if failed:
        page_forms[failed[0]] = failed[1]
    structure = await organisation_cache(request).get(client)
    wards = {w.code: w.name for w in structure.wards}
    return render(
        request,
        "cases/case.jinja",
        {
            "case": case,
            "ward_name": wards.get(case.ward_code or "", case.ward_code),
            "timeline": timeline_entries(case),
            "forms": page_forms,
            "failed": failed[0] if failed else None,
            "status_choices": [
                (s, forms.STATUS_LABELS[s])
                for s in case.allowed_next
                if s not in forms.DEDICATED_STATUSES
            ],
            "outcomes": forms.OUTCOMES,
            "can_record_outcome": case.status
            in ("acknowledged", "investigating", "response_drafted", "reopened"),
            "is_open": case.status
            in ("received", "acknowledged", "investigating", "response_drafted", "reopened"),
            "flash": request.query_params.get("done"),
        },
        status_code=422 if failed else 200,
    )


@router.get("")
async def case_list(request: Request, user: CaseRunner, client: FeedbackClientDep):
    """Cases, newest first, filtered and paged; HTMX swaps just the results."""
    filters = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    try:
        page = max(int(request.query_params.get("page", "1")), 1)
    except ValueError:
        page = 1
    query: dict[str, Any] = {
        "status": filters["status"] if filters["status"] in forms.STATUS_LABELS else None,
        "case_type": filters["case_type"]
        if filters["case_type"] in ("complaint", "pals")
        else None,
        "overdue": "true" if filters["overdue"] == "yes" else None,
        "ward_code": filters["ward_code"][:20] or None,
        "reference": filters["reference"][:20] or None,
        "assigned_officer_id": user.principal.sub if filters["mine"] == "yes" else None,
    }
    result = await client.list_cases(
        user.principal, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **query
    )
    counts = await client.overdue_case_counts(user.principal)
    pages = max(1, math.ceil(result.count / PAGE_SIZE))
    kept = {k: v for k, v in filters.items() if v}
    structure = await organisation_cache(request).get(client)
    return render(
        request,
        "cases/list.jinja",
        {
            "result": result,
            "counts": counts,
            "filters": filters,
            "page": page,
            "pages": pages,
            "wards": structure.wards,
            "ward_names": {w.code: w.name for w in structure.wards},
            "statuses": list(forms.STATUS_LABELS.items()),
            "previous_url": f"?{urlencode({**kept, 'page': page - 1})}" if page > 1 else None,
            "next_url": f"?{urlencode({**kept, 'page': page + 1})}" if page < pages else None,
        },
        block="results",
    )


@router.get("/overdue")
async def overdue_list(request: Request, user: CaseRunner, client: FeedbackClientDep):
    """Cases past their acknowledgement or response date, the longest overdue first."""
    try:
        page = max(int(request.query_params.get("page", "1")), 1)
    except ValueError:
        page = 1
    result = await client.overdue_cases(
        user.principal, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    pages = max(1, math.ceil(result.count / PAGE_SIZE))
    structure = await organisation_cache(request).get(client)
    return render(
        request,
        "cases/overdue.jinja",
        {
            "result": result,
            "page": page,
            "pages": pages,
            "ward_names": {w.code: w.name for w in structure.wards},
            "previous_url": f"?page={page - 1}" if page > 1 else None,
            "next_url": f"?page={page + 1}" if page < pages else None,
        },
    )


async def _new_case_context(request: Request, client, user, form: forms.Form) -> dict[str, Any]:
    structure = await organisation_cache(request).get(client)
    lists = {}
    for name in ("subject", "service_area", "profession", "complainant_status"):
        lists[name] = (await client.case_codes(user.principal, name)).data
    feedback = None
    if form.get("feedback_id"):
        try:
            feedback = await client.get_feedback(user.principal, uuid.UUID(form.get("feedback_id")))
        except (ValueError, DownstreamError):
            form.errors.setdefault("feedback_id", "The feedback this case was opened from is gone")
    return {
        "form": form,
        "feedback": feedback,
        "wards": structure.wards,
        "codes": lists,
        "case_types": forms.CASE_TYPES,
        "received_how": forms.RECEIVED_HOW,
        "relationships": forms.RELATIONSHIPS,
        "consent_choices": forms.CONSENT,
        "ethnic_categories": forms.ETHNIC_CATEGORIES,
    }


@router.get("/new")
async def new_case(request: Request, user: CaseRunner, client: FeedbackClientDep):
    """Open a case, from a complaint, concern or PALS feedback record or from scratch."""
    feedback_id = request.query_params.get("feedback_id", "").strip()
    form = forms.Form(
        values={
            "feedback_id": feedback_id,
            "relationship": "patient",
            "complainant_ethnic_category": "99",
            "received_on": request.app.state.clock.today().isoformat(),
            "subjects": [],
        }
    )
    context = await _new_case_context(request, client, user, form)
    feedback = context["feedback"]
    if feedback is not None:
        form.values["case_type"] = "complaint" if feedback.channel == "complaint" else "pals"
        form.values["received_on"] = feedback.received_at.date().isoformat()
        form.values["received_how"] = "online"
        form.values["ward_code"] = feedback.ward_code or ""
        form.values["narrative"] = feedback.comment or ""
    return render(request, "cases/new.jinja", context)


@router.post("/new", dependencies=[Depends(verify_csrf)])
async def create_case(request: Request, user: CaseRunner, client: FeedbackClientDep):
    """Send the new case to feedback_api and go to its page."""
    subjects = await client.case_codes(user.principal, "subject")
    form, body = forms.parse_new_case(
        await request.form(), subjects={c.code for c in subjects.data}
    )
    if not form.errors:
        try:
            case = await client.create_case(user.principal, body)
        except DownstreamError as exc:
            if exc.status != 422:
                raise
            form.add_api_errors(exc.field_errors, CASE_FIELDS)
        else:
            return RedirectResponse(f"/staff/cases/{case.id}?done=opened", status_code=303)
    context = await _new_case_context(request, client, user, form)
    return render(request, "cases/new.jinja", context, status_code=422)


@router.get("/{case_id}")
async def case_page(
    request: Request,
    case_id: uuid.UUID,
    user: CaseRunner,
    client: FeedbackClientDep,
):
    """A case: its details, the actions it allows now, and its timeline, newest first."""
    return await _case_page(request, client, user, case_id)


async def _act(request, client, user, case_id, name, parsed, call, fields, done):
    form, body = parsed
    if not form.errors:
        try:
            await call(user.principal, case_id, body)
        except DownstreamError as exc:
            if exc.status != 422:
                raise
            form.add_api_errors(
                exc.field_errors or [{"message": exc.problem.get("detail")}], fields
            )
        else:
            return RedirectResponse(f"/staff/cases/{case_id}?done={done}", status_code=303)
    return await _case_page(request, client, user, case_id, failed=(name, form))


@router.post("/{case_id}/acknowledge", dependencies=[Depends(verify_csrf)])
async def acknowledge(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Record the acknowledgement and the offer to discuss."""
    parsed = forms.parse_acknowledge(await request.form())
    return await _act(
        request,
        client,
        user,
        case_id,
        "acknowledge",
        parsed,
        client.acknowledge_case,
        ACK_FIELDS,
        "acknowledged",
    )


@router.post("/{case_id}/response-due", dependencies=[Depends(verify_csrf)])
async def response_due(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Agree or change the response due date, with the reason."""
    parsed = forms.parse_response_due(await request.form())
    return await _act(
        request,
        client,
        user,
        case_id,
        "due",
        parsed,
        client.set_case_response_due,
        DUE_FIELDS,
        "due",
    )


@router.post("/{case_id}/status", dependencies=[Depends(verify_csrf)])
async def change_status(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Move the case to its next status."""
    case = await client.get_case(user.principal, case_id)
    parsed = forms.parse_status(await request.form(), case.allowed_next)
    return await _act(
        request,
        client,
        user,
        case_id,
        "status",
        parsed,
        client.change_case_status,
        STATUS_FIELDS,
        "status",
    )


@router.post("/{case_id}/outcome", dependencies=[Depends(verify_csrf)])
async def record_outcome(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Record the outcome, who signs the response and the Ombudsman rights."""
    parsed = forms.parse_outcome(await request.form())
    return await _act(
        request,
        client,
        user,
        case_id,
        "outcome",
        parsed,
        client.record_case_outcome,
        OUTCOME_FIELDS,
        "outcome",
    )


@router.post("/{case_id}/reopen", dependencies=[Depends(verify_csrf)])
async def reopen(request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep):
    """Reopen the case, with the reason and the new response date."""
    parsed = forms.parse_reopen(await request.form())
    return await _act(
        request,
        client,
        user,
        case_id,
        "reopen",
        parsed,
        client.reopen_case,
        REOPEN_FIELDS,
        "reopened",
    )


@router.post("/{case_id}/phso", dependencies=[Depends(verify_csrf)])
async def refer_to_phso(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Record that the complainant has gone to the Ombudsman."""
    parsed = forms.parse_phso(await request.form())
    return await _act(
        request,
        client,
        user,
        case_id,
        "phso",
        parsed,
        client.refer_case_to_phso,
        PHSO_FIELDS,
        "phso",
    )


@router.post("/{case_id}/time-limit", dependencies=[Depends(verify_csrf)])
async def waive_time_limit(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Record why a complaint made after 12 months will still be investigated."""
    parsed = forms.parse_waiver(await request.form())
    return await _act(
        request,
        client,
        user,
        case_id,
        "waiver",
        parsed,
        client.update_case,
        WAIVER_FIELDS,
        "waiver",
    )


@router.post("/{case_id}/assign-to-me", dependencies=[Depends(verify_csrf)])
async def assign_to_me(
    request: Request, case_id: uuid.UUID, user: CaseRunner, client: FeedbackClientDep
):
    """Take the case on."""
    await client.assign_case_officer(
        user.principal,
        case_id,
        {"officer_id": user.principal.sub, "officer_name": user.principal.name},
    )
    return RedirectResponse(f"/staff/cases/{case_id}?done=assigned", status_code=303)
