"""Business rules for plans: who may change an action, overdue and missed updates, progress,
measures and quarter-end snapshots."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from sqlalchemy import or_
from sqlmodel import Session, col, select

from services.actions_api.plans import events, schemas
from services.actions_api.plans.due import Due, DueParseError, parse_due
from services.actions_api.plans.models import (
    CLOSED,
    PUBLIC_STATUS,
    STATUS_LABELS,
    Action,
    ActionStatus,
    Commitment,
    Evidence,
    Measure,
    MeasureValue,
    ProgressUpdate,
    QuarterSnapshot,
    Strategy,
)
from services.common.clock import Clock
from services.common.problems import Conflict, Forbidden, NotFound, Unprocessable, field_error
from services.common.roles import Role
from services.common.tokens import Principal

# --- who may do what --------------------------------------------------------------------------


def is_manager(principal: Principal) -> bool:
    return principal.has_any({Role.patient_experience_manager})


def leads(principal: Principal, action: Action) -> bool:
    return action.lead_user_id is not None and action.lead_user_id == principal.sub


def covers_scope(principal: Principal, action: Action) -> bool:
    scope = principal.scope
    return bool(set(action.wards) & scope.wards or set(action.directorates) & scope.directorates)


def can_update(principal: Principal, action: Action) -> bool:
    """Managers update any action; matrons those they lead or that cover their wards."""
    if is_manager(principal):
        return True
    if principal.has_any({Role.matron}):
        return leads(principal, action) or covers_scope(principal, action)
    return False


def can_edit_plan(principal: Principal, action: Action) -> bool:
    """What the action is (its text, lead, dates): its lead or a manager."""
    return is_manager(principal) or leads(principal, action)


def may_see(principal: Principal, action: Action) -> bool:
    """Action plans are the trust's published commitments, not personal data: every member of
    staff may read every action (``mine`` narrows a list to their own); changing one is what
    the lead and the ward or directorate scope govern (403 otherwise)."""
    return True


# --- dates ------------------------------------------------------------------------------------


def parse_field(field: str, text: str | None) -> Due | None:
    try:
        return parse_due(text)
    except DueParseError as exc:
        raise Unprocessable(errors=[field_error(field, str(exc))]) from exc


def apply_dates(action: Action, *, start: str | None, due: str | None) -> None:
    start_due, due_due = parse_field("start", start), parse_field("due", due)
    action.start_text = start.strip() if start and start.strip() else None
    action.start = start_due.to_json() if start_due else None
    action.due_text = due.strip() if due and due.strip() else None
    action.due = due_due.to_json() if due_due else None
    action.due_kind = due_due.kind.value if due_due else None
    action.due_first = due_due.first if due_due else None
    action.due_last = due_due.deadline if due_due else None


def is_open(action: Action) -> bool:
    return ActionStatus(action.status) not in CLOSED


def is_overdue(action: Action, today: dt.date) -> bool:
    return is_open(action) and action.due_last is not None and action.due_last < today


def missed_update(action: Action, today: dt.date, days: int) -> bool:
    """No progress update in ``days`` (counted from when the action was added, at first)."""
    if not is_open(action):
        return False
    last = action.last_progress_at or action.created_at
    return (today - last.date()).days > days


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFilters:
    strategy_id: uuid.UUID | None = None
    commitment_id: uuid.UUID | None = None
    status: ActionStatus | None = None
    ward: str | None = None
    directorate: str | None = None
    lead: str | None = None
    overdue: bool | None = None
    mine: bool = False
    q: str | None = None


def get_strategy(session: Session, strategy_id: uuid.UUID) -> Strategy:
    strategy = session.get(Strategy, strategy_id)
    if strategy is None:
        raise NotFound("No strategy has this id.")
    return strategy


def get_action(session: Session, principal: Principal, action_id: uuid.UUID) -> Action:
    action = session.get(Action, action_id)
    if action is None or not may_see(principal, action):
        raise NotFound("No action with this id in your scope.")
    return action


def commitment_label(commitment: Commitment | None) -> str | None:
    if commitment is None:
        return None
    return f"{commitment.kind.capitalize()} {commitment.number}: {commitment.title}"


def to_public(
    session: Session,
    action: Action,
    principal: Principal | None,
    today: dt.date,
    missed_days: int,
    *,
    with_progress: bool = False,
) -> schemas.ActionPublic:
    strategy = session.get(Strategy, action.strategy_id)
    commitment = session.get(Commitment, action.commitment_id) if action.commitment_id else None
    overdue = is_overdue(action, today)
    progress = None
    if with_progress:
        progress = [progress_public(session, p) for p in progress_of(session, action.id)]
    return schemas.ActionPublic(
        id=action.id,
        strategy_id=action.strategy_id,
        strategy_title=strategy.title if strategy else None,
        commitment_id=action.commitment_id,
        commitment_label=commitment_label(commitment),
        reference=action.reference,
        objective=action.objective,
        title=action.title,
        lead_user_id=action.lead_user_id,
        lead_name=action.lead_name,
        lead_role=action.lead_role,
        people=list(action.people),
        wards=list(action.wards),
        directorates=list(action.directorates),
        start=schemas.DuePublic.model_validate(action.start) if action.start else None,
        due=schemas.DuePublic.model_validate(action.due) if action.due else None,
        status=ActionStatus(action.status),
        status_label=STATUS_LABELS[ActionStatus(action.status)],
        status_reason=action.status_reason,
        rag=action.rag,
        percent_complete=action.percent_complete,
        progress_text=action.progress_text,
        overdue=overdue,
        missed_update=missed_update(action, today, missed_days),
        days_overdue=(today - action.due_last).days if overdue and action.due_last else None,
        last_progress_at=action.last_progress_at,
        updated_at=action.updated_at,
        can_update=can_update(principal, action) if principal else False,
        progress=progress,
    )


def _sort_key(action: Action) -> tuple:
    # What is due first comes first; recurring and undated work last.
    return (action.due_last is None, action.due_last or dt.date.max, action.reference)


def list_actions(
    session: Session, principal: Principal, filters: ActionFilters, today: dt.date
) -> list[Action]:
    query = select(Action)
    if filters.strategy_id:
        query = query.where(Action.strategy_id == filters.strategy_id)
    if filters.commitment_id:
        query = query.where(Action.commitment_id == filters.commitment_id)
    if filters.status:
        query = query.where(Action.status == filters.status.value)
    if filters.lead:
        query = query.where(Action.lead_user_id == filters.lead)
    if filters.q:
        like = f"%{filters.q.lower()}%"
        query = query.where(
            or_(
                col(Action.title).ilike(like),
                col(Action.reference).ilike(like),
                col(Action.lead_role).ilike(like),
            )
        )
    rows = [a for a in session.exec(query) if may_see(principal, a)]
    if filters.ward:
        rows = [a for a in rows if filters.ward in a.wards]
    if filters.directorate:
        rows = [a for a in rows if filters.directorate in a.directorates]
    if filters.mine:
        rows = [a for a in rows if leads(principal, a) or covers_scope(principal, a)]
    if filters.overdue is not None:
        rows = [a for a in rows if is_overdue(a, today) == filters.overdue]
    return sorted(rows, key=_sort_key)


def overdue_references(session: Session, strategy_id: uuid.UUID, today: dt.date) -> list[str]:
    actions = session.exec(select(Action).where(Action.strategy_id == strategy_id))
    return sorted(a.reference for a in actions if is_overdue(a, today))


def strategy_public(session: Session, strategy: Strategy, today: dt.date) -> schemas.StrategyPublic:
    commitments = session.exec(
        select(Commitment)
        .where(Commitment.strategy_id == strategy.id)
        .order_by(Commitment.kind, Commitment.number)
    ).all()
    actions = session.exec(select(Action).where(Action.strategy_id == strategy.id)).all()
    return schemas.StrategyPublic(
        id=strategy.id,
        title=strategy.title,
        organisation=strategy.organisation,
        period=strategy.period,
        summary=strategy.summary,
        source=strategy.source,
        commitments=[
            schemas.CommitmentPublic.model_validate(c, from_attributes=True) for c in commitments
        ],
        action_count=len(actions),
        overdue_count=sum(is_overdue(a, today) for a in actions),
    )


# --- writing the plan -------------------------------------------------------------------------


def create_strategy(session: Session, data: schemas.StrategyCreate) -> Strategy:
    strategy = Strategy(**data.model_dump())
    session.add(strategy)
    session.commit()
    return strategy


def create_commitment(
    session: Session, strategy: Strategy, data: schemas.CommitmentCreate
) -> Commitment:
    exists = session.exec(
        select(Commitment).where(
            Commitment.strategy_id == strategy.id,
            Commitment.kind == data.kind.value,
            Commitment.number == data.number,
        )
    ).first()
    if exists:
        raise Conflict(f"This strategy already has {data.kind.value} {data.number}.")
    commitment = Commitment(strategy_id=strategy.id, **data.model_dump(mode="json"))
    session.add(commitment)
    session.commit()
    return commitment


def check_codes(
    *, wards: list[str], directorates: list[str], known_wards: set[str], known_dirs: set[str]
) -> None:
    errors = []
    unknown = [w for w in wards if w not in known_wards]
    if unknown:
        errors.append(field_error("wards", f"Unknown ward codes: {', '.join(unknown)}."))
    unknown = [d for d in directorates if d not in known_dirs]
    if unknown:
        errors.append(
            field_error("directorates", f"Unknown directorate codes: {', '.join(unknown)}.")
        )
    if errors:
        raise Unprocessable(errors=errors)


def _check_commitment(session: Session, strategy_id: uuid.UUID, commitment_id: uuid.UUID | None):
    if commitment_id is None:
        return
    commitment = session.get(Commitment, commitment_id)
    if commitment is None or commitment.strategy_id != strategy_id:
        raise Unprocessable(
            errors=[field_error("commitment_id", "No pledge, aim or promise of this strategy.")]
        )


def _check_status(status: ActionStatus, reason: str | None) -> None:
    if status is ActionStatus.closed_without_change and not (reason and reason.strip()):
        raise Unprocessable(
            errors=[
                field_error(
                    "status_reason",
                    "Say why the action was closed without change: the reason is shown in public.",
                )
            ]
        )


def create_action(
    session: Session, strategy: Strategy, data: schemas.ActionCreate, clock: Clock
) -> Action:
    _check_commitment(session, strategy.id, data.commitment_id)
    _check_status(data.status, data.status_reason)
    exists = session.exec(
        select(Action).where(Action.strategy_id == strategy.id, Action.reference == data.reference)
    ).first()
    if exists:
        raise Conflict(f"This strategy already has an action {data.reference}.")
    now = clock.now()
    action = Action(
        strategy_id=strategy.id,
        commitment_id=data.commitment_id,
        reference=data.reference.strip(),
        objective=data.objective,
        title=data.title,
        lead_user_id=data.lead_user_id,
        lead_name=data.lead_name,
        lead_role=data.lead_role,
        people=[p.strip() for p in data.people if p.strip()],
        wards=list(dict.fromkeys(data.wards)),
        directorates=list(dict.fromkeys(data.directorates)),
        status=data.status.value,
        status_reason=data.status_reason,
        rag=data.rag.value if data.rag else None,
        percent_complete=data.percent_complete,
        progress_text=data.progress_text,
        created_at=now,
        updated_at=now,
    )
    apply_dates(action, start=data.start, due=data.due)
    session.add(action)
    events.status_changed(session, action, None, at=now)
    session.commit()
    return action


def update_action(
    session: Session,
    action: Action,
    principal: Principal,
    data: schemas.ActionUpdate,
    clock: Clock,
) -> Action:
    if not can_edit_plan(principal, action):
        raise Forbidden("Only the action's lead or a patient experience manager may change it.")
    changes = data.model_dump(exclude_unset=True)
    if "commitment_id" in changes:
        _check_commitment(session, action.strategy_id, data.commitment_id)
    start = changes.pop("start", action.start_text)
    due = changes.pop("due", action.due_text)
    apply_dates(action, start=start, due=due)
    for name, value in changes.items():
        if name == "title" and value is None:
            continue
        setattr(action, name, value)
    if "title" in changes or "people" in changes:
        action.public_title = None  # redacted again before it is shown in public
    action.updated_at = clock.now()
    session.add(action)
    session.commit()
    return action


# --- progress and evidence --------------------------------------------------------------------

EVIDENCE_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


def sniff_type(data: bytes) -> str | None:
    """The evidence file's type from its content (not its name), or None if not allowed."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def check_upload(upload: Upload) -> str:
    content_type = sniff_type(upload.data)
    if content_type is None:
        raise Unprocessable(
            errors=[
                field_error(
                    "file",
                    "The evidence must be a PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX) file; "
                    "this file's content is none of those.",
                )
            ]
        )
    return content_type


def add_progress(
    session: Session,
    action: Action,
    principal: Principal,
    data: schemas.ProgressCreate,
    clock: Clock,
    upload: Upload | None = None,
) -> ProgressUpdate:
    if not can_update(principal, action):
        raise Forbidden(
            "You may update only the actions you lead or that cover your wards or directorates."
        )
    if not (data.note or data.status or data.rag or data.percent_complete is not None or upload
            or data.evidence_url):  # fmt: skip
        raise Unprocessable(errors=[field_error("note", "Write a note or change something.")])
    content_type = check_upload(upload) if upload else None
    if data.status:
        _check_status(data.status, data.status_reason or action.status_reason)
    now = clock.now()
    update = ProgressUpdate(
        action_id=action.id,
        author_id=principal.sub,
        author_name=principal.name,
        created_at=now,
        note=data.note,
        status_from=action.status if data.status else None,
        status_to=data.status.value if data.status else None,
        rag=data.rag.value if data.rag else None,
        percent_complete=data.percent_complete,
        evidence_url=str(data.evidence_url) if data.evidence_url else None,
    )
    session.add(update)
    session.flush()
    if upload is not None and content_type is not None:
        session.add(
            Evidence(
                progress_id=update.id,
                action_id=action.id,
                filename=upload.filename[:255] or "evidence",
                content_type=content_type,
                size=len(upload.data),
                sha256=hashlib.sha256(upload.data).hexdigest(),
                data=upload.data,
                uploaded_at=now,
            )
        )
    if data.status:
        previous, action.status = action.status, data.status.value
        events.status_changed(session, action, previous, at=now)
        if data.status_reason:
            action.status_reason = data.status_reason
            action.public_status_reason = None
        if data.status is ActionStatus.complete and data.percent_complete is None:
            action.percent_complete = 100
    if data.rag:
        action.rag = data.rag.value
    if data.percent_complete is not None:
        action.percent_complete = data.percent_complete
    action.last_progress_at = now
    action.updated_at = now
    session.add(action)
    session.commit()
    return update


def progress_of(session: Session, action_id: uuid.UUID) -> list[ProgressUpdate]:
    return list(
        session.exec(
            select(ProgressUpdate)
            .where(ProgressUpdate.action_id == action_id)
            .order_by(col(ProgressUpdate.created_at).desc())
        )
    )


def progress_public(session: Session, update: ProgressUpdate) -> schemas.ProgressPublic:
    files = session.exec(select(Evidence).where(Evidence.progress_id == update.id)).all()
    return schemas.ProgressPublic(
        id=update.id,
        author_id=update.author_id,
        author_name=update.author_name,
        created_at=update.created_at,
        note=update.note,
        status_from=update.status_from,
        status_to=update.status_to,
        rag=update.rag,
        percent_complete=update.percent_complete,
        evidence_url=update.evidence_url,
        evidence=[
            schemas.EvidencePublic(
                id=f.id,
                filename=f.filename,
                content_type=f.content_type,
                size=f.size,
                uploaded_at=f.uploaded_at,
            )
            for f in files
        ],
    )


# --- escalation -------------------------------------------------------------------------------


def escalations(session: Session, today: dt.date, days: int) -> list[tuple[Action, list[str]]]:
    found = []
    for action in session.exec(select(Action)):
        reasons = []
        if is_overdue(action, today):
            reasons.append(f"Overdue since {action.due_last:%-d %B %Y} (due {action.due_text})")
        if missed_update(action, today, days):
            reasons.append(f"No progress update in the last {days} days")
        if reasons:
            found.append((action, reasons))
    return sorted(found, key=lambda pair: _sort_key(pair[0]))


# --- measures ---------------------------------------------------------------------------------


def create_measure(session: Session, strategy: Strategy, data: schemas.MeasureCreate) -> Measure:
    _check_commitment(session, strategy.id, data.commitment_id)
    measure = Measure(strategy_id=strategy.id, **data.model_dump(mode="json"))
    session.add(measure)
    session.commit()
    return measure


def record_value(
    session: Session,
    measure: Measure,
    *,
    period: str,
    value: float,
    source: str,
    note: str | None,
    principal: Principal,
    clock: Clock,
) -> MeasureValue:
    existing = session.exec(
        select(MeasureValue).where(
            MeasureValue.measure_id == measure.id, MeasureValue.period == period
        )
    ).first()
    row = existing or MeasureValue(
        measure_id=measure.id, period=period, value=value, recorded_by=""
    )
    row.value, row.source, row.note = value, source, note
    row.recorded_by, row.recorded_at = principal.sub, clock.now()
    session.add(row)
    session.commit()
    return row


def measure_public(session: Session, measure: Measure) -> schemas.MeasurePublic:
    values = session.exec(
        select(MeasureValue)
        .where(MeasureValue.measure_id == measure.id)
        .order_by(MeasureValue.period)
    ).all()
    return schemas.MeasurePublic(
        id=measure.id,
        strategy_id=measure.strategy_id,
        commitment_id=measure.commitment_id,
        kind=measure.kind,
        title=measure.title,
        unit=measure.unit,
        baseline=measure.baseline,
        target=measure.target,
        higher_is_better=measure.higher_is_better,
        source=measure.source,
        defined_with_patients=measure.defined_with_patients,
        values=[schemas.MeasureValuePublic.model_validate(v, from_attributes=True) for v in values],
    )


# --- quarter-end snapshots --------------------------------------------------------------------


def quarter_end_before(day: dt.date) -> dt.date:
    """The last quarter end on or before ``day`` (31 Mar, 30 Jun, 30 Sep, 31 Dec)."""
    month = ((day.month - 1) // 3) * 3 + 3
    end = dt.date(day.year, month, 1) + relativedelta(months=1, days=-1)
    if end > day:
        end = dt.date(day.year, month - 2, 1) - dt.timedelta(days=1)
    return end


def quarter_label(quarter_end: dt.date) -> str:
    """NHS financial quarters: Q1 is April to June."""
    start_year = quarter_end.year if quarter_end.month > 3 else quarter_end.year - 1
    number = {6: 1, 9: 2, 12: 3, 3: 4}[quarter_end.month]
    return f"Q{number} {start_year}/{(start_year + 1) % 100:02d}"


def take_snapshot(
    session: Session, quarter_end: dt.date, clock: Clock, missed_days: int
) -> QuarterSnapshot:
    """Every action's status as at the quarter end; once taken, never changed."""
    exists = session.exec(
        select(QuarterSnapshot).where(QuarterSnapshot.quarter_end == quarter_end)
    ).first()
    if exists is not None:
        return exists
    titles = {s.id: s.title for s in session.exec(select(Strategy))}
    rows = []
    for action in sorted(session.exec(select(Action)), key=_sort_key):
        rows.append(
            {
                "action_id": str(action.id),
                "strategy_id": str(action.strategy_id),
                "strategy_title": titles.get(action.strategy_id),
                "reference": action.reference,
                "title": action.title,
                "status": action.status,
                "rag": action.rag,
                "percent_complete": action.percent_complete,
                "due_text": action.due_text,
                "overdue": is_overdue(action, quarter_end + dt.timedelta(days=1)),
                "missed_update": missed_update(action, quarter_end, missed_days),
            }
        )
    snapshot = QuarterSnapshot(
        quarter_end=quarter_end,
        label=quarter_label(quarter_end),
        taken_at=clock.now(),
        actions=rows,
    )
    session.add(snapshot)
    session.commit()
    return snapshot


def snapshot_summary(snapshot: QuarterSnapshot) -> schemas.SnapshotSummary:
    return schemas.SnapshotSummary(
        id=snapshot.id,
        quarter_end=snapshot.quarter_end,
        label=snapshot.label,
        taken_at=snapshot.taken_at,
        action_count=len(snapshot.actions),
    )


def get_snapshot(session: Session, quarter_end: dt.date) -> QuarterSnapshot:
    snapshot = session.exec(
        select(QuarterSnapshot).where(QuarterSnapshot.quarter_end == quarter_end)
    ).first()
    if snapshot is None:
        raise NotFound(f"No snapshot was taken for the quarter ending {quarter_end}.")
    return snapshot


def compare(before: QuarterSnapshot, after: QuarterSnapshot) -> schemas.SnapshotComparison:
    old = {row["action_id"]: row for row in before.actions}
    new = {row["action_id"]: row for row in after.actions}
    changes = []
    for action_id in list(new) + [a for a in old if a not in new]:
        a, b = old.get(action_id), new.get(action_id)
        keys = ("status", "percent_complete", "overdue")
        if a and b and all(a.get(k) == b.get(k) for k in keys):
            continue
        row = b or a or {}
        changes.append(
            schemas.SnapshotChange(
                action_id=action_id,
                reference=row.get("reference", ""),
                strategy_title=row.get("strategy_title"),
                title=row.get("title", ""),
                status_before=a.get("status") if a else None,
                status_after=b.get("status") if b else None,
                percent_before=a.get("percent_complete") if a else None,
                percent_after=b.get("percent_complete") if b else None,
                overdue_before=a.get("overdue") if a else None,
                overdue_after=b.get("overdue") if b else None,
            )
        )
    return schemas.SnapshotComparison(
        before=snapshot_summary(before),
        after=snapshot_summary(after),
        changes=changes,
        status_counts_before=dict(Counter(r["status"] for r in before.actions)),
        status_counts_after=dict(Counter(r["status"] for r in after.actions)),
    )


# --- the public pledge progress page ----------------------------------------------------------


def public_progress(session: Session) -> schemas.PublicProgress:
    """Each strategy's pledges and their actions in plain English: only redacted text, so
    people's names never appear; actions whose text has not been checked yet say so."""
    strategies = []
    for strategy in session.exec(select(Strategy).order_by(Strategy.created_at)):
        commitments = session.exec(
            select(Commitment)
            .where(Commitment.strategy_id == strategy.id)
            .order_by(Commitment.kind, Commitment.number)
        ).all()
        actions = session.exec(select(Action).where(Action.strategy_id == strategy.id)).all()
        items = []
        for commitment in commitments:
            mine = sorted((a for a in actions if a.commitment_id == commitment.id), key=_sort_key)
            items.append(
                schemas.PublicCommitment(
                    kind=commitment.kind,
                    number=commitment.number,
                    title=commitment.public_title or "Details will appear here soon",
                    text=commitment.public_text,
                    actions=[_public_action(a) for a in mine],
                )
            )
        strategies.append(
            schemas.PublicStrategy(
                id=strategy.id,
                title=strategy.title,
                organisation=strategy.organisation,
                commitments=items,
            )
        )
    return schemas.PublicProgress(data=strategies)


def _public_action(action: Action) -> schemas.PublicAction:
    status = ActionStatus(action.status)
    reason = None
    if status is ActionStatus.closed_without_change:
        reason = action.public_status_reason or "The reason will appear here soon."
    return schemas.PublicAction(
        reference=action.reference,
        title=action.public_title or "Details of this action will appear here soon.",
        status=status,
        status_text=PUBLIC_STATUS[status],
        status_reason=reason,
        due_text=action.due_text,
        percent_complete=action.percent_complete,
    )
