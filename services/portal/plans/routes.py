"""Staff pages for action plans: a matron's actions (hers to lead or on her wards), every plan
for a patient experience manager with filters, progress updates in place, and the escalation
list for senior leaders."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from services.common.http_client import DownstreamError
from services.common.roles import Role
from services.portal.accounts.service import SignedIn
from services.portal.csrf import verify_csrf
from services.portal.deps import ActionsClientDep, FeedbackClientDep, PagePolicy
from services.portal.organisation import organisation_cache
from services.portal.templating import is_htmx, render

router = APIRouter(prefix="/staff/actions", tags=["action plans"])

STAFF_ROLES = {
    Role.staff,
    Role.matron,
    Role.pals_officer,
    Role.patient_experience_manager,
    Role.board_reader,
    Role.administrator,
}
action_pages = PagePolicy("action_pages", roles=STAFF_ROLES)
escalation_pages = PagePolicy(
    "escalation_pages", roles={Role.patient_experience_manager, Role.board_reader}
)
ActionReader = Annotated[SignedIn, Depends(action_pages)]
SeniorLeader = Annotated[SignedIn, Depends(escalation_pages)]

STATUSES = [
    ("not_started", "Not started"),
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("off_track", "Off track"),
    ("complete", "Complete"),
    ("closed_without_change", "Closed without change"),
    ("cancelled", "Cancelled"),
]
RAGS = [("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("blue", "Blue (complete)")]
FILTERS = ("strategy_id", "status", "ward", "directorate", "overdue", "q")
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def _trust_wide(user: SignedIn) -> bool:
    return bool(
        set(user.user.roles)
        & {Role.patient_experience_manager.value, Role.board_reader.value, Role.pals_officer.value}
    )


@router.get("")
async def action_list(
    request: Request,
    user: ActionReader,
    client: ActionsClientDep,
    feedback: FeedbackClientDep,
    view: str | None = None,
):
    """A matron's actions (led by her or covering her wards and directorates), what is due
    first first; managers see every plan, with filters."""
    filters = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    view = view or ("all" if _trust_wide(user) else "mine")
    mine = view == "mine"
    overdue = {"yes": True, "no": False}.get(filters["overdue"])
    result = await client.list_actions(user.principal, **{**filters, "overdue": overdue}, mine=mine)
    strategies = await client.list_strategies(user.principal)
    structure = await organisation_cache(request).get(feedback)
    return render(
        request,
        "plans/actions.jinja",
        {
            "result": result,
            "filters": filters,
            "view": view,
            "strategies": strategies.data,
            "wards": structure.wards,
            "statuses": STATUSES,
            "directorates": sorted(
                {w.directorate_code for w in structure.wards if w.directorate_code}
            ),
            "query": urlencode({k: v for k, v in filters.items() if v}),
        },
        block="results",
    )


plan_managers = PagePolicy("plan_managers", roles={Role.patient_experience_manager})
PlanManager = Annotated[SignedIn, Depends(plan_managers)]


@router.get("/plans")
async def plans(request: Request, user: ActionReader, client: ActionsClientDep):
    """Every plan, to download as a spreadsheet; managers also load one from a spreadsheet."""
    strategies = await client.list_strategies(user.principal)
    return render(
        request,
        "plans/plans.jinja",
        {
            "strategies": strategies.data,
            "manager": Role.patient_experience_manager.value in user.user.roles,
            "errors": {},
            "rejected": [],
        },
    )


@router.get("/plans/{strategy_id}/measures")
async def measures(
    request: Request, strategy_id: uuid.UUID, user: ActionReader, client: ActionsClientDep
):
    """The plan's measures (KPIs with baseline, target and values by period) and its Always
    Events, grouped by pledge, aim or promise."""
    strategy = await client.get_strategy(user.principal, strategy_id)
    result = await client.list_measures(user.principal, strategy_id)
    labels = {c.id: f"{c.kind.capitalize()} {c.number}" for c in strategy.commitments}
    return render(
        request,
        "plans/measures.jinja",
        {"strategy": strategy, "measures": result.data, "labels": labels},
    )


@router.get("/plans/{strategy_id}/export")
async def export_plan(
    strategy_id: uuid.UUID, user: ActionReader, client: ActionsClientDep, format: str = "csv"
):
    """The plan as CSV or XLSX."""
    content, content_type, disposition = await client.export_plan(
        user.principal, strategy_id, "xlsx" if format == "xlsx" else "csv"
    )
    return Response(content, media_type=content_type, headers={"Content-Disposition": disposition})


@router.post("/plans/{strategy_id}/import", dependencies=[Depends(verify_csrf)])
async def import_plan(
    request: Request, strategy_id: uuid.UUID, user: PlanManager, client: ActionsClientDep
):
    """Load a plan from a spreadsheet; every rejected row is listed with its line and reason,
    and nothing is changed until all rows are right."""
    upload = (await request.form()).get("file")
    errors: dict[str, str] = {}
    rejected: list[dict] = []
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors["file"] = "Choose a CSV or Excel (XLSX) file"
    else:
        try:
            result = await client.import_plan(
                user.principal, strategy_id, upload.filename, await upload.read()
            )
            return RedirectResponse(
                f"/staff/actions/plans?imported={result.created + result.updated}", status_code=303
            )
        except DownstreamError as exc:
            if exc.status not in (413, 422):
                raise
            rejected = [e for e in exc.field_errors if "line" in e]
            errors["file"] = (
                f"{len(rejected)} {'row was' if len(rejected) == 1 else 'rows were'} rejected: "
                "nothing was imported"
                if rejected
                else str((exc.field_errors or [{}])[0].get("message") or exc.problem.get("detail"))
            )
    strategies = await client.list_strategies(user.principal)
    return render(
        request,
        "plans/plans.jinja",
        {
            "strategies": strategies.data,
            "manager": True,
            "errors": errors,
            "rejected": rejected,
            "import_strategy": str(strategy_id),
        },
        status_code=422,
    )


@router.get("/quarters")
async def quarters(
    request: Request,
    user: SeniorLeader,
    client: ActionsClientDep,
    before: dt.date | None = None,
    after: dt.date | None = None,
):
    """Quarter on quarter: every plan's status at each quarter end, kept as it was, and what
    changed between two of them (the latest two unless chosen)."""
    snapshots = (await client.list_snapshots(user.principal)).data
    if after is None and snapshots:
        after = snapshots[0].quarter_end
    if before is None and len(snapshots) > 1:
        before = snapshots[1].quarter_end
    comparison = None
    if before and after:
        comparison = await client.compare_snapshots(user.principal, before, after)
    return render(
        request,
        "plans/quarters.jinja",
        {
            "snapshots": snapshots,
            "comparison": comparison,
            "before": before,
            "after": after,
            "labels": dict(STATUSES),
        },
    )


@router.get("/escalations")
async def escalations(request: Request, user: SeniorLeader, client: ActionsClientDep):
    """Overdue actions and missed updates, for senior leaders to hold people to account."""
    result = await client.escalations(user.principal)
    return render(request, "plans/escalations.jinja", {"result": result})


@router.get("/{action_id}")
async def action_detail(
    request: Request, action_id: uuid.UUID, user: ActionReader, client: ActionsClientDep
):
    """One action: what it is, who leads it, when it is due, its progress history, and (for
    those who may) the form to add an update."""
    action = await client.get_action(user.principal, action_id)
    return render(
        request,
        "plans/action.jinja",
        {"action": action, "form": {}, "errors": {}, "statuses": STATUSES, "rags": RAGS},
    )


@router.get("/{action_id}/evidence/{evidence_id}")
async def evidence(
    action_id: uuid.UUID, evidence_id: uuid.UUID, user: ActionReader, client: ActionsClientDep
):
    """Download an evidence file (always as an attachment, never shown inline)."""
    content, content_type, disposition = await client.get_evidence(
        user.principal, action_id, evidence_id
    )
    return Response(
        content,
        media_type=content_type,
        headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )


def _check(form: dict[str, str]) -> dict[str, str]:
    errors = {}
    percent = form.get("percent_complete", "").strip()
    if percent and (not percent.isdigit() or int(percent) > 100):
        errors["percent_complete"] = "Enter percent complete as a whole number from 0 to 100"
    url = form.get("evidence_url", "").strip()
    if url and not url.startswith(("https://", "http://")):
        errors["evidence_url"] = "Enter a link that starts with https://"
    status = form.get("status", "")
    if status == "closed_without_change" and not form.get("status_reason", "").strip():
        errors["status_reason"] = "Say why the action is closed without change (shown in public)"
    return errors


@router.post("/{action_id}/progress", dependencies=[Depends(verify_csrf)])
async def add_progress(
    request: Request, action_id: uuid.UUID, user: ActionReader, client: ActionsClientDep
):
    """Add a progress update (a plain form; HTMX swaps just the progress panel). A matron who
    may not update this action gets the permission page."""
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    upload = raw.get("file")
    errors = _check(form)
    content = b""
    filename = ""
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read(MAX_EVIDENCE_BYTES + 1)
        filename = upload.filename
        if len(content) > MAX_EVIDENCE_BYTES:
            errors["file"] = "The file must be smaller than 10 MB"
    fields = {
        "note": form.get("note", "").strip(),
        "status": form.get("status", ""),
        "status_reason": form.get("status_reason", "").strip(),
        "rag": form.get("rag", ""),
        "percent_complete": form.get("percent_complete", "").strip(),
        "evidence_url": form.get("evidence_url", "").strip(),
    }
    if not errors and not any(fields.values()) and not content:
        errors["note"] = "Write a progress note, or change the status, RAG or percent complete"
    if not errors:
        try:
            if content:
                await client.add_progress_with_evidence(
                    user.principal,
                    action_id,
                    {k: v for k, v in fields.items() if v},
                    filename,
                    content,
                )
            else:
                body = {k: v for k, v in fields.items() if v}
                if "percent_complete" in body:
                    body["percent_complete"] = int(body["percent_complete"])
                await client.add_progress(user.principal, action_id, body)
        except DownstreamError as exc:
            if exc.status not in (413, 422):
                raise
            for error in exc.field_errors or [
                {"field": "file", "message": exc.problem.get("detail")}
            ]:
                field = str(error.get("field", "note")).split(".")[-1]
                errors[field if field in fields or field == "file" else "note"] = str(
                    error.get("message") or "Check this answer"
                )
    action = await client.get_action(user.principal, action_id)
    context = {"action": action, "statuses": STATUSES, "rags": RAGS}
    if errors:
        return render(
            request,
            "plans/action.jinja",
            {**context, "form": fields, "errors": errors},
            # HTMX swaps only successful responses; the page itself says 422.
            status_code=200 if is_htmx(request) else 422,
            block="progress_panel",
        )
    if is_htmx(request):
        return render(
            request,
            "plans/action.jinja",
            {**context, "form": {}, "errors": {}, "saved": True},
            block="progress_panel",
        )
    return RedirectResponse(f"/staff/actions/{action_id}?saved=1", status_code=303)
