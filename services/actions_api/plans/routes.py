"""Strategies, actions, progress, measures, escalations, snapshots and the public progress page."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import structlog
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile, status
from fastapi.responses import Response
from pydantic import ValidationError
from sqlmodel import select

from services.actions_api import policies
from services.actions_api.deps import ClockDep, FeedbackDep, SessionDep, SettingsDep, scoped
from services.actions_api.plans import importexport, public_text, schemas, service
from services.actions_api.plans.models import (
    ActionStatus,
    Evidence,
    Measure,
    QuarterSnapshot,
    Rag,
    Strategy,
)
from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
    Unprocessable,
    field_error,
    problem_responses,
    validation_errors,
)
from services.common.tokens import Principal

log = structlog.get_logger(__name__)

router = APIRouter(prefix="/v1", tags=["plans"])

Reader = Annotated[Principal, Depends(policies.read_plans)]
Manager = Annotated[Principal, Depends(policies.manage_plans)]
Updater = Annotated[Principal, Depends(policies.update_actions)]


async def _check_codes(client, principal, wards: list[str], directorates: list[str]) -> None:
    if not wards and not directorates:
        return
    try:
        codes = await client.codes(principal)
    except (DownstreamUnavailable, DownstreamError) as exc:
        raise ServiceUnavailable(
            "Ward and directorate codes cannot be checked: feedback_api is unavailable. "
            "Nothing was saved; try again shortly."
        ) from exc
    service.check_codes(
        wards=wards,
        directorates=directorates,
        known_wards=set(codes.wards),
        known_dirs=codes.directorates,
    )


async def _refresh_public_text(session, client, principal) -> None:
    """Best effort: public text is redacted now if feedback_api answers, else by the worker."""
    try:
        await public_text.refresh(session, client, principal)
    except (DownstreamUnavailable, DownstreamError) as exc:
        session.rollback()
        log.warning("public_text_not_redacted_yet", error=str(exc))


# --- strategies -------------------------------------------------------------------------------


@router.get("/strategies")
def list_strategies(session: SessionDep, clock: ClockDep, _: Reader) -> schemas.StrategyList:
    """Every strategy with its pledges, aims or promises, and how many actions are overdue."""
    strategies = session.exec(select(Strategy).order_by(Strategy.created_at)).all()
    data = [service.strategy_public(session, s, clock.today()) for s in strategies]
    return schemas.StrategyList(data=data, count=len(data))


@router.post(
    "/strategies",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Unprocessable),
)
def create_strategy(
    data: schemas.StrategyCreate, session: SessionDep, clock: ClockDep, _: Manager
) -> schemas.StrategyPublic:
    """A new strategy (patient experience managers)."""
    strategy = service.create_strategy(session, data)
    return service.strategy_public(session, strategy, clock.today())


@router.get("/strategies/{strategy_id}", responses=problem_responses(NotFound))
def get_strategy(
    strategy_id: uuid.UUID, session: SessionDep, clock: ClockDep, _: Reader
) -> schemas.StrategyPublic:
    """One strategy and its pledges, aims or promises."""
    return service.strategy_public(
        session, service.get_strategy(session, strategy_id), clock.today()
    )


@router.post(
    "/strategies/{strategy_id}/commitments",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Conflict, Unprocessable),
)
async def create_commitment(
    strategy_id: uuid.UUID,
    data: schemas.CommitmentCreate,
    session: SessionDep,
    client: FeedbackDep,
    caller: Manager,
) -> schemas.CommitmentPublic:
    """Add a numbered pledge, aim or promise to a strategy."""
    commitment = service.create_commitment(
        session, service.get_strategy(session, strategy_id), data
    )
    await _refresh_public_text(session, client, caller)
    return schemas.CommitmentPublic.model_validate(commitment, from_attributes=True)


@router.post(
    "/strategies/{strategy_id}/actions",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Conflict, Unprocessable, ServiceUnavailable),
)
async def create_action(
    strategy_id: uuid.UUID,
    data: schemas.ActionCreate,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    client: FeedbackDep,
    caller: Manager,
) -> schemas.ActionPublic:
    """Add an action. Start and due are kept as written and parsed ("April 19", "Q4 2018/19",
    "2019/20", "2018 - 2020", several dates as milestones, "Quarterly"); ward and directorate
    codes are checked against feedback_api."""
    strategy = service.get_strategy(session, strategy_id)
    await _check_codes(client, caller, data.wards, data.directorates)
    action = service.create_action(session, strategy, data, clock)
    await _refresh_public_text(session, client, caller)
    return service.to_public(session, action, caller, clock.today(), settings.missed_update_days)


@router.get("/strategies/{strategy_id}/export", responses=problem_responses(NotFound))
def export_plan(
    strategy_id: uuid.UUID,
    session: SessionDep,
    _: Reader,
    format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",
) -> Response:
    """The strategy's action plan as a spreadsheet (CSV or XLSX), one row per action."""
    strategy = service.get_strategy(session, strategy_id)
    rows = importexport.export_rows(session, strategy)
    slug = "".join(c if c.isalnum() else "-" for c in strategy.title.lower()).strip("-")[:60]
    if format == "xlsx":
        return Response(
            importexport.to_xlsx(rows),
            media_type=importexport.XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{slug}.xlsx"'},
        )
    return Response(
        importexport.to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{slug}.csv"'},
    )


@router.post(
    "/strategies/{strategy_id}/import",
    responses=problem_responses(NotFound, Unprocessable, PayloadTooLarge, ServiceUnavailable),
)
async def import_plan(
    strategy_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    client: FeedbackDep,
    caller: Manager,
    file: Annotated[UploadFile, File(description="The plan as CSV or XLSX")],
) -> schemas.ImportResult:
    """Load an action plan from a spreadsheet (CSV or XLSX, in the export's columns). Actions are
    matched by reference: new ones are added, existing ones updated. If any row is rejected,
    nothing is changed and every rejected row is reported with its line and reason."""
    strategy = service.get_strategy(session, strategy_id)
    data = await file.read(settings.max_batch_bytes + 1)
    if len(data) > settings.max_batch_bytes:
        raise PayloadTooLarge(f"The file is larger than {settings.max_batch_bytes:,} bytes.")
    rows = importexport.read_rows(data)
    wards = sorted({w for r in rows.values() for w in importexport.codes(r.get("wards"))})
    dirs = sorted({d for r in rows.values() for d in importexport.codes(r.get("directorates"))})
    known_wards: set[str] | None = None
    known_dirs: set[str] | None = None
    if wards or dirs:
        try:
            codes = await client.codes(caller)
        except (DownstreamUnavailable, DownstreamError) as exc:
            raise ServiceUnavailable(
                "Ward and directorate codes cannot be checked: feedback_api is unavailable."
            ) from exc
        known_wards, known_dirs = set(codes.wards), codes.directorates
    result = importexport.apply(
        session, strategy, rows, clock, known_wards=known_wards, known_dirs=known_dirs
    )
    if result.rejected:
        raise Unprocessable(
            "No rows were imported: correct the rows named in errors and try again.",
            errors=[
                {"field": f"line {r.line}", "line": r.line, "message": r.reason}
                for r in result.rejected
            ],
        )
    await _refresh_public_text(session, client, caller)
    return result


# --- actions ----------------------------------------------------------------------------------


@router.get("/actions")
async def list_actions(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Reader,
    strategy_id: uuid.UUID | None = None,
    commitment_id: uuid.UUID | None = None,
    status_: Annotated[ActionStatus | None, Query(alias="status")] = None,
    ward: Annotated[str | None, Query(max_length=20)] = None,
    directorate: Annotated[str | None, Query(max_length=20)] = None,
    lead: Annotated[str | None, Query(max_length=80)] = None,
    overdue: bool | None = None,
    mine: Annotated[
        bool, Query(description="Only actions the caller leads or that cover their scope")
    ] = False,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> schemas.ActionList:
    """Actions, what is due first first; ``mine`` keeps those the caller leads or that cover
    their wards (including the wards of their directorates and sites)."""
    caller = await scoped(request, caller)
    filters = service.ActionFilters(
        strategy_id=strategy_id,
        commitment_id=commitment_id,
        status=status_,
        ward=ward,
        directorate=directorate,
        lead=lead,
        overdue=overdue,
        mine=mine,
        q=q.strip() if q else None,
    )
    today = clock.today()
    rows = service.list_actions(session, caller, filters, today)
    data = [service.to_public(session, a, caller, today, settings.missed_update_days) for a in rows]
    return schemas.ActionList(data=data, count=len(data))


@router.get("/actions/{action_id}", responses=problem_responses(NotFound))
async def get_action(
    request: Request,
    action_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Reader,
) -> schemas.ActionPublic:
    """One action with its progress history, newest first."""
    caller = await scoped(request, caller)
    action = service.get_action(session, caller, action_id)
    return service.to_public(
        session, action, caller, clock.today(), settings.missed_update_days, with_progress=True
    )


@router.patch(
    "/actions/{action_id}",
    responses=problem_responses(NotFound, Forbidden, Unprocessable, ServiceUnavailable),
)
async def update_action(
    action_id: uuid.UUID,
    data: schemas.ActionUpdate,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    client: FeedbackDep,
    caller: Updater,
) -> schemas.ActionPublic:
    """Change what an action is: its text, lead, coverage or dates (its lead or a manager)."""
    action = service.get_action(session, caller, action_id)
    if not service.can_edit_plan(caller, action):
        raise Forbidden("Only the action's lead or a patient experience manager may change it.")
    await _check_codes(client, caller, data.wards or [], data.directorates or [])
    action = service.update_action(session, action, caller, data, clock)
    await _refresh_public_text(session, client, caller)
    return service.to_public(session, action, caller, clock.today(), settings.missed_update_days)


@router.post(
    "/actions/{action_id}/progress",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Forbidden, Unprocessable),
)
async def add_progress(
    request: Request,
    action_id: uuid.UUID,
    data: schemas.ProgressCreate,
    session: SessionDep,
    clock: ClockDep,
    client: FeedbackDep,
    caller: Updater,
) -> schemas.ProgressPublic:
    """Append a progress update: a note, a status change, RAG, percent complete, an evidence
    link. Updates are never edited or removed."""
    caller = await scoped(request, caller)
    action = service.get_action(session, caller, action_id)
    update = service.add_progress(session, action, caller, data, clock)
    if data.status_reason:
        await _refresh_public_text(session, client, caller)
    return service.progress_public(session, update)


@router.post(
    "/actions/{action_id}/progress/evidence",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Forbidden, Unprocessable, PayloadTooLarge),
)
async def add_progress_with_evidence(
    request: Request,
    action_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    client: FeedbackDep,
    caller: Updater,
    file: Annotated[UploadFile, File(description="PDF, PNG, JPEG, DOCX or XLSX, up to 10 MiB")],
    note: Annotated[str | None, Form(max_length=5000)] = None,
    status_: Annotated[ActionStatus | None, Form(alias="status")] = None,
    status_reason: Annotated[str | None, Form(max_length=5000)] = None,
    rag: Annotated[Rag | None, Form()] = None,
    percent_complete: Annotated[int | None, Form(ge=0, le=100)] = None,
    evidence_url: Annotated[str | None, Form(max_length=2000)] = None,
) -> schemas.ProgressPublic:
    """A progress update with an evidence file (multipart). The file's type is checked from its
    content, not its name."""
    caller = await scoped(request, caller)
    action = service.get_action(session, caller, action_id)
    data_bytes = await file.read(settings.max_evidence_bytes + 1)
    if len(data_bytes) > settings.max_evidence_bytes:
        raise PayloadTooLarge(
            f"The evidence file is larger than the limit of {settings.max_evidence_bytes:,} bytes."
        )
    try:
        data = schemas.ProgressCreate(
            note=note or None,
            status=status_,
            status_reason=status_reason or None,
            rag=rag,
            percent_complete=percent_complete,
            evidence_url=evidence_url or None,
        )
    except ValidationError as exc:
        raise Unprocessable(errors=validation_errors(exc)) from exc  # type: ignore[arg-type]
    upload = service.Upload(filename=file.filename or "evidence", data=data_bytes)
    update = service.add_progress(session, action, caller, data, clock, upload)
    if data.status_reason:
        await _refresh_public_text(session, client, caller)
    return service.progress_public(session, update)


@router.get("/actions/{action_id}/evidence/{evidence_id}", responses=problem_responses(NotFound))
def get_evidence(
    action_id: uuid.UUID, evidence_id: uuid.UUID, session: SessionDep, caller: Reader
) -> Response:
    """Download an evidence file."""
    service.get_action(session, caller, action_id)
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.action_id != action_id:
        raise NotFound("No evidence with this id on this action.")
    safe = "".join(c for c in evidence.filename if c.isalnum() or c in "._- ")[:100] or "evidence"
    return Response(
        evidence.data,
        media_type=evidence.content_type,
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )


# --- escalation, measures, snapshots ---------------------------------------------------------


@router.get("/escalations")
def list_escalations(
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Annotated[Principal, Depends(policies.read_escalations)],
) -> schemas.EscalationList:
    """Overdue actions and actions with no progress update in the set number of days, for
    senior leaders; what is due first first."""
    today = clock.today()
    days = settings.missed_update_days
    found = service.escalations(session, today, days)
    return schemas.EscalationList(
        data=[
            schemas.Escalation(
                action=service.to_public(session, action, caller, today, days), reasons=reasons
            )
            for action, reasons in found
        ],
        count=len(found),
        today=today,
        missed_update_days=days,
    )


@router.get("/strategies/{strategy_id}/measures", responses=problem_responses(NotFound))
def list_measures(strategy_id: uuid.UUID, session: SessionDep, _: Reader) -> schemas.MeasureList:
    """The strategy's measures (KPIs and Always Events) with their values by period."""
    service.get_strategy(session, strategy_id)
    measures = session.exec(
        select(Measure).where(Measure.strategy_id == strategy_id).order_by(Measure.created_at)
    ).all()
    data = [service.measure_public(session, m) for m in measures]
    return schemas.MeasureList(data=data, count=len(data))


@router.post(
    "/strategies/{strategy_id}/measures",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Unprocessable),
)
def create_measure(
    strategy_id: uuid.UUID, data: schemas.MeasureCreate, session: SessionDep, _: Manager
) -> schemas.MeasurePublic:
    """Add a KPI (baseline, target) or an Always Event defined with patients."""
    measure = service.create_measure(session, service.get_strategy(session, strategy_id), data)
    return service.measure_public(session, measure)


def _measure(session, measure_id: uuid.UUID) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFound("No measure has this id.")
    return measure


@router.post(
    "/measures/{measure_id}/values",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Unprocessable),
)
def record_value(
    measure_id: uuid.UUID,
    data: schemas.MeasureValueCreate,
    session: SessionDep,
    clock: ClockDep,
    caller: Updater,
) -> schemas.MeasurePublic:
    """Record a measure's value for a period (a month or a financial quarter)."""
    measure = _measure(session, measure_id)
    service.record_value(
        session,
        measure,
        period=data.period,
        value=data.value,
        source="manual",
        note=data.note,
        principal=caller,
        clock=clock,
    )
    return service.measure_public(session, measure)


@router.post(
    "/measures/{measure_id}/pull",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Unprocessable, ServiceUnavailable),
)
async def pull_value(
    measure_id: uuid.UUID,
    data: schemas.MeasurePull,
    session: SessionDep,
    clock: ClockDep,
    client: FeedbackDep,
    caller: Updater,
) -> schemas.MeasurePublic:
    """Pull a month's value from feedback_api's figures (e.g. % FFT positive for a ward or the
    whole trust), recording where it came from."""
    measure = _measure(session, measure_id)
    source = measure.source or {}
    if source.get("figure") != "fft_positive":
        raise Unprocessable(
            errors=[field_error("source", "This measure has no figure to pull from feedback_api.")]
        )
    ward = source.get("ward_code")
    try:
        figures = await client.fft_positive(month=data.period, ward_code=ward, principal=caller)
    except DownstreamUnavailable as exc:
        raise ServiceUnavailable(
            "feedback_api's figures are unavailable; try again later."
        ) from exc
    except DownstreamError as exc:
        raise ServiceUnavailable(
            f"feedback_api could not give the figure ({exc.status}); it may not be available yet."
        ) from exc
    value = figures.get("positive_percent")
    if value is None:
        reason = (
            f"There are too few FFT responses for {data.period} to publish a percentage."
            if figures.get("responses")
            else f"There are no FFT responses for {data.period}."
        )
        raise Unprocessable(errors=[field_error("period", reason)])
    service.record_value(
        session,
        measure,
        period=data.period,
        value=float(value),
        source=f"feedback_api:fft_positive:{ward or 'trust'}",
        note=f"{figures.get('responses', '?')} responses",
        principal=caller,
        clock=clock,
    )
    return service.measure_public(session, measure)


@router.get("/snapshots")
def list_snapshots(
    session: SessionDep, _: Annotated[Principal, Depends(policies.read_escalations)]
) -> schemas.SnapshotList:
    """Quarter-end snapshots, newest first."""
    rows = session.exec(
        select(QuarterSnapshot).order_by(QuarterSnapshot.quarter_end.desc())  # type: ignore[union-attr]
    ).all()
    return schemas.SnapshotList(data=[service.snapshot_summary(s) for s in rows], count=len(rows))


@router.post("/snapshots", status_code=status.HTTP_201_CREATED)
def take_snapshot(
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    _: Manager,
    quarter_end: dt.date | None = None,
) -> schemas.SnapshotSummary:
    """Take the snapshot of the last quarter to end (or the one named); an existing snapshot is
    returned unchanged, never retaken."""
    end = quarter_end or service.quarter_end_before(clock.today())
    if end != service.quarter_end_before(end):
        raise Unprocessable(errors=[field_error("quarter_end", "This is not a quarter end.")])
    if end > clock.today():
        raise Unprocessable(errors=[field_error("quarter_end", "This quarter has not ended.")])
    snapshot = service.take_snapshot(session, end, clock, settings.missed_update_days)
    return service.snapshot_summary(snapshot)


@router.get("/snapshots/compare", responses=problem_responses(NotFound))
def compare_snapshots(
    session: SessionDep,
    _: Annotated[Principal, Depends(policies.read_escalations)],
    before: dt.date,
    after: dt.date,
) -> schemas.SnapshotComparison:
    """What changed between two quarter ends: each action whose status, percent complete or
    overdue state differs, and the count of actions by status in each."""
    return service.compare(
        service.get_snapshot(session, before), service.get_snapshot(session, after)
    )


@router.get("/snapshots/{quarter_end}", responses=problem_responses(NotFound))
def get_snapshot(
    quarter_end: dt.date,
    session: SessionDep,
    _: Annotated[Principal, Depends(policies.read_escalations)],
) -> schemas.SnapshotPublic:
    """One quarter's snapshot, as it was taken."""
    snapshot = service.get_snapshot(session, quarter_end)
    return schemas.SnapshotPublic(
        **service.snapshot_summary(snapshot).model_dump(), actions=snapshot.actions
    )


# --- public -----------------------------------------------------------------------------------


@router.get("/public/progress", tags=["public"])
def public_progress(
    session: SessionDep, _: Annotated[Principal, Depends(policies.read_public)]
) -> schemas.PublicProgress:
    """Each strategy's pledges, aims or promises and their actions' status in plain English,
    with redacted text only: people's names never appear."""
    return service.public_progress(session)
