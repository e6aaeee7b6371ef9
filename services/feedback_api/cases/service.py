"""The rules of complaints and PALS cases: references, the lifecycle, deadlines, the timeline.

The case row holds the current state; every change also appends a :class:`CaseEvent` with who,
when, the values before and after and a note, so nothing that was recorded is ever lost.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, delete, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from services.common.clock import Clock
from services.common.problems import NotFound, Unprocessable, field_error
from services.common.tokens import Principal
from services.feedback_api.cases import workdays
from services.feedback_api.cases.models import (
    CASE_TYPE_LABELS,
    OPEN_STATUSES,
    ORAL,
    OUTCOME_LABELS,
    RECEIVED_HOW_LABELS,
    REFERENCE_PREFIX,
    RELATIONSHIP_LABELS,
    STATUS_LABELS,
    TRANSITIONS,
    Case,
    CaseCode,
    CaseEvent,
    CaseSequence,
    CaseStatus,
    CaseSubject,
    CaseType,
    Consent,
    Outcome,
    ReceivedHow,
    Relationship,
)
from services.feedback_api.cases.reference import (
    CODE_LIST_LABELS,
    ETHNIC_CATEGORIES,
    CodeList,
    age_band,
)
from services.feedback_api.cases.schemas import (
    Acknowledge,
    CaseCreate,
    CaseDetails,
    CaseEventPublic,
    CasePublic,
    CaseSummary,
    CaseUpdate,
    CodeCreate,
    CodeListPublic,
    CodePublic,
    CodeRelabel,
    CodeValue,
    OfficerAssignment,
    OutcomeRecord,
    OverdueCounts,
    PhsoReferral,
    Reopen,
    ResponseDueChange,
    StatusChange,
)
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.integrations import webhooks
from services.feedback_api.integrations.models import WebhookEvent
from services.feedback_api.organisation.models import Site, Ward

# The feedback channels a case may be opened from, and the case type each suggests.
CASE_CHANNELS = {"complaint": CaseType.complaint, "concern": CaseType.pals, "pals": CaseType.pals}
# PALS aims to resolve enquiries quickly: a local default, changeable per case like any due date.
PALS_RESPONSE_WORKING_DAYS = 10
# Statuses reached through their own endpoint, because they record more than the status.
DEDICATED = {
    CaseStatus.acknowledged: "acknowledge",
    CaseStatus.reopened: "reopen",
    CaseStatus.referred_to_phso: "phso",
}


def _unprocessable(field: str, message: str) -> Unprocessable:
    return Unprocessable(errors=[field_error(field, message)])


# --- Reference numbers --------------------------------------------------------------------------


def _insert_ignore(session: Session):
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(CaseSequence)


def hold_write_lock(session: Session) -> None:
    """Begin the transaction with a write on SQLite (a no-op update), taking its write lock."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(CaseSequence)
            .where(CaseSequence.year == -1)
            .values(last_number=CaseSequence.last_number)
        )


def next_reference(session: Session, case_type: CaseType, year: int) -> str:
    """The next reference for this type and year, e.g. CMP-2026-00042.

    The counter row is updated in place, which locks it until the transaction ends: concurrent
    requests queue on PostgreSQL's row lock or SQLite's write lock, so no number is given twice
    and none is skipped by a rolled-back request. It must be the transaction's first statement
    on SQLite (a write that opens the transaction waits for the lock instead of failing).
    """
    bump = (
        update(CaseSequence)
        .where(CaseSequence.case_type == case_type.value, CaseSequence.year == year)
        .values(last_number=CaseSequence.last_number + 1)
        .returning(CaseSequence.last_number)
    )
    number = session.execute(bump).scalar()
    if number is None:
        session.execute(
            _insert_ignore(session)
            .values(case_type=case_type.value, year=year, last_number=0)
            .on_conflict_do_nothing()
        )
        number = session.execute(bump).scalar_one()
    return f"{REFERENCE_PREFIX[case_type]}-{year}-{number:05d}"


# --- Code lists ---------------------------------------------------------------------------------


def is_current(code: CaseCode, today: dt.date) -> bool:
    return code.valid_from <= today and (code.valid_to is None or code.valid_to > today)


def current_codes(session: Session, code_list: CodeList, today: dt.date) -> list[CaseCode]:
    query = (
        select(CaseCode)
        .where(CaseCode.code_list == code_list.value, CaseCode.valid_from <= today)
        .where(or_(col(CaseCode.valid_to).is_(None), col(CaseCode.valid_to) > today))
        .order_by(CaseCode.label)
    )
    return list(session.exec(query))


def resolve_code(
    session: Session, code_list: CodeList, code: str, today: dt.date, field: str
) -> CaseCode:
    """The version of ``code`` in force today, or a 422 naming the allowed codes."""
    codes = current_codes(session, code_list, today)
    for candidate in codes:
        if candidate.code == code:
            return candidate
    allowed = ", ".join(sorted(c.code for c in codes))
    raise _unprocessable(field, f"Unknown {code_list.value} code {code!r}. Allowed: {allowed}")


def code_value(code: CaseCode | None) -> CodeValue | None:
    if code is None:
        return None
    return CodeValue(code=code.code, label=code.label, version=code.version)


def code_list(
    session: Session, which: CodeList, today: dt.date, *, history: bool
) -> CodeListPublic:
    query = select(CaseCode).where(CaseCode.code_list == which.value)
    rows = session.exec(query.order_by(CaseCode.code, CaseCode.version)).all()
    data = [
        CodePublic(
            id=row.id or 0,
            code_list=which,
            code=row.code,
            label=row.label,
            version=row.version,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            current=is_current(row, today),
        )
        for row in rows
        if history or is_current(row, today)
    ]
    return CodeListPublic(code_list=which, label=CODE_LIST_LABELS[which], data=data)


def _latest(session: Session, which: CodeList, code: str) -> CaseCode | None:
    query = (
        select(CaseCode)
        .where(CaseCode.code_list == which.value, CaseCode.code == code)
        .order_by(col(CaseCode.version).desc())
    )
    return session.exec(query).first()


def add_code(
    session: Session, which: CodeList, data: CodeCreate, principal: Principal, today: dt.date
) -> CaseCode:
    if _latest(session, which, data.code) is not None:
        raise _unprocessable("code", f"The {which.value} list already has the code {data.code!r}.")
    row = CaseCode(
        code_list=which.value,
        code=data.code,
        label=data.label.strip(),
        version=1,
        valid_from=data.valid_from or today,
        created_by=principal.sub,
    )
    session.add(row)
    session.flush()
    return row


def relabel_code(
    session: Session,
    which: CodeList,
    code: str,
    data: CodeRelabel,
    principal: Principal,
    today: dt.date,
) -> CaseCode:
    """A new version of the code from ``valid_from``; cases keep the version they were given."""
    latest = _latest(session, which, code)
    if latest is None:
        raise NotFound(f"No {which.value} code {code!r}.")
    starts = data.valid_from or today
    if starts <= latest.valid_from:
        raise _unprocessable(
            "valid_from", f"The new version must start after {latest.valid_from.isoformat()}."
        )
    if latest.valid_to is None or latest.valid_to > starts:
        latest.valid_to = starts
        session.add(latest)
    row = CaseCode(
        code_list=which.value,
        code=code,
        label=data.label.strip(),
        version=latest.version + 1,
        valid_from=starts,
        created_by=principal.sub,
    )
    session.add(row)
    session.flush()
    return row


def retire_code(
    session: Session, which: CodeList, code: str, valid_to: dt.date | None, today: dt.date
) -> CaseCode:
    latest = _latest(session, which, code)
    if latest is None:
        raise NotFound(f"No {which.value} code {code!r}.")
    ends = valid_to or today
    if ends < latest.valid_from:
        raise _unprocessable(
            "valid_to", f"It cannot be before the version's start, {latest.valid_from.isoformat()}."
        )
    latest.valid_to = ends
    session.add(latest)
    session.flush()
    return latest


# --- Reading ------------------------------------------------------------------------------------


def get_case(session: Session, case_id: uuid.UUID) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("No case with this id.")
    return case


def get_case_for_update(session: Session, case_id: uuid.UUID) -> Case:
    """The case, locked until the transaction ends, so two changes made at once are applied one
    after the other (each sees the other's result) rather than one silently undoing the other."""
    hold_write_lock(session)
    case = session.get(Case, case_id, with_for_update=True)
    if case is None:
        raise NotFound("No case with this id.")
    return case


def _is_ack_overdue(case: Case, today: dt.date) -> bool:
    return (
        case.acknowledged_on is None
        and CaseStatus(case.status) in OPEN_STATUSES
        and case.ack_due < today
    )


def _is_response_overdue(case: Case, today: dt.date) -> bool:
    return CaseStatus(case.status) in OPEN_STATUSES and case.response_due < today


def _open_values() -> list[str]:
    return [s.value for s in OPEN_STATUSES]


def ack_overdue_clause(today: dt.date):
    return and_(
        col(Case.acknowledged_on).is_(None),
        col(Case.status).in_(_open_values()),
        Case.ack_due < today,
    )


def response_overdue_clause(today: dt.date):
    return and_(col(Case.status).in_(_open_values()), Case.response_due < today)


def to_summary(case: Case, today: dt.date) -> CaseSummary:
    ack = _is_ack_overdue(case, today)
    response = _is_response_overdue(case, today)
    return CaseSummary(
        id=case.id,
        reference=case.reference,
        case_type=CaseType(case.case_type),
        case_type_label=CASE_TYPE_LABELS[CaseType(case.case_type)],
        status=CaseStatus(case.status),
        status_label=STATUS_LABELS[CaseStatus(case.status)],
        received_on=case.received_on,
        ward_code=case.ward_code,
        site_code=case.site_code,
        complainant_name=case.complainant_name,
        ack_due=case.ack_due,
        acknowledged_on=case.acknowledged_on,
        response_due=case.response_due,
        acknowledgement_overdue=ack,
        response_overdue=response,
        overdue=ack or response,
        outcome=Outcome(case.outcome) if case.outcome else None,
        assigned_officer_id=case.assigned_officer_id,
        assigned_officer_name=case.assigned_officer_name,
    )


def _age_at_event(case: Case) -> int | None:
    if case.patient_age_at_event is not None:
        return case.patient_age_at_event
    if case.patient_date_of_birth and case.event_on:
        return relativedelta(case.event_on, case.patient_date_of_birth).years
    return None


def subjects_of(session: Session, case_id: uuid.UUID) -> list[CaseCode]:
    query = (
        select(CaseCode)
        .join(CaseSubject, col(CaseSubject.code_id) == col(CaseCode.id))
        .where(CaseSubject.case_id == case_id)
        .order_by(CaseCode.label)
    )
    return list(session.exec(query))


def timeline(session: Session, case_id: uuid.UUID) -> list[CaseEvent]:
    query = (
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id)
        .order_by(col(CaseEvent.occurred_at).desc(), col(CaseEvent.id).desc())
    )
    return list(session.exec(query))


def to_public(session: Session, case: Case, today: dt.date) -> CasePublic:
    summary = to_summary(case, today)
    age = _age_at_event(case)
    return CasePublic(
        **summary.model_dump(),
        feedback_id=case.feedback_id,
        received_how=ReceivedHow(case.received_how),
        received_how_label=RECEIVED_HOW_LABELS[ReceivedHow(case.received_how)],
        oral=ReceivedHow(case.received_how) in ORAL,
        oral_record_copy_sent_on=case.oral_record_copy_sent_on,
        narrative=case.narrative,
        complainant_contact=case.complainant_contact,
        relationship=Relationship(case.relationship),
        relationship_label=RELATIONSHIP_LABELS[Relationship(case.relationship)],
        consent=Consent(case.consent) if case.consent else None,
        complainant_status=code_value(_code(session, case.complainant_status_id)),
        complainant_ethnic_category=case.complainant_ethnic_category,
        complainant_ethnic_category_label=ETHNIC_CATEGORIES.get(
            case.complainant_ethnic_category, "Not known"
        ),
        event_on=case.event_on,
        outside_time_limit=case.outside_time_limit,
        time_limit_waiver_reason=case.time_limit_waiver_reason,
        time_limit_needs_decision=case.outside_time_limit and not case.time_limit_waiver_reason,
        patient_date_of_birth=case.patient_date_of_birth,
        patient_age_at_event=age,
        patient_age_band=age_band(age),
        subjects=[v for c in subjects_of(session, case.id) if (v := code_value(c))],
        service_area=code_value(_code(session, case.service_area_id)),
        profession=code_value(_code(session, case.profession_id)),
        discussion_offered=case.discussion_offered,
        discussion_accepted=case.discussion_accepted,
        response_due_agreed=case.response_due_agreed,
        response_sent_on=case.response_sent_on,
        late_reason=case.late_reason,
        outcome_label=OUTCOME_LABELS[Outcome(case.outcome)] if case.outcome else None,
        phso_rights_included=case.phso_rights_included,
        signed_by=case.signed_by,
        closed_on=case.closed_on,
        phso_referred_on=case.phso_referred_on,
        allowed_next=list(TRANSITIONS[CaseStatus(case.status)]),
        created_at=case.created_at,
        created_by=case.created_by,
        timeline=[
            CaseEventPublic.model_validate(event, from_attributes=True)
            for event in timeline(session, case.id)
        ],
    )


def _code(session: Session, code_id: int | None) -> CaseCode | None:
    return session.get(CaseCode, code_id) if code_id is not None else None


@dataclass(frozen=True)
class CaseFilters:
    status: CaseStatus | None = None
    case_type: CaseType | None = None
    overdue: bool | None = None
    ward_code: str | None = None
    site_code: str | None = None
    assigned_officer_id: str | None = None
    reference: str | None = None


def _filtered(query, filters: CaseFilters, today: dt.date):
    if filters.status is not None:
        query = query.where(Case.status == filters.status.value)
    if filters.case_type is not None:
        query = query.where(Case.case_type == filters.case_type.value)
    if filters.ward_code:
        query = query.where(Case.ward_code == filters.ward_code)
    if filters.site_code:
        query = query.where(Case.site_code == filters.site_code)
    if filters.assigned_officer_id:
        query = query.where(Case.assigned_officer_id == filters.assigned_officer_id)
    if filters.reference:
        query = query.where(func.upper(Case.reference) == filters.reference.strip().upper())
    overdue = or_(ack_overdue_clause(today), response_overdue_clause(today))
    if filters.overdue is True:
        query = query.where(overdue)
    elif filters.overdue is False:
        query = query.where(~overdue)
    return query


def list_cases(
    session: Session, filters: CaseFilters, today: dt.date, *, limit: int, offset: int
) -> tuple[list[Case], int]:
    base = _filtered(select(Case), filters, today)
    count = session.exec(select(func.count()).select_from(base.subquery())).one()
    rows = session.exec(
        base.order_by(col(Case.received_on).desc(), col(Case.reference).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), count


def overdue_counts(session: Session, today: dt.date) -> OverdueCounts:
    def count(clause) -> int:
        return session.exec(select(func.count()).select_from(Case).where(clause)).one()

    ack = ack_overdue_clause(today)
    response = response_overdue_clause(today)
    return OverdueCounts(
        acknowledgements=count(ack), responses=count(response), total=count(or_(ack, response))
    )


def list_overdue(
    session: Session, today: dt.date, *, limit: int, offset: int
) -> tuple[list[Case], int]:
    """Overdue cases, the longest overdue first."""
    clause = or_(ack_overdue_clause(today), response_overdue_clause(today))
    base = select(Case).where(clause)
    count = session.exec(select(func.count()).select_from(base.subquery())).one()
    earliest = func.min(Case.ack_due, Case.response_due)
    if session.get_bind().dialect.name == "postgresql":
        earliest = func.least(Case.ack_due, Case.response_due)
    rows = session.exec(base.order_by(earliest, col(Case.reference)).limit(limit).offset(offset))
    return list(rows), count


# --- Changing -----------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def record_event(
    session: Session,
    case: Case,
    principal: Principal,
    clock: Clock,
    kind: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> CaseEvent:
    now = clock.now()
    event = CaseEvent(
        case_id=case.id,
        occurred_at=now,
        actor_id=principal.sub,
        actor_name=principal.name or principal.sub,
        kind=kind,
        before={k: _json(v) for k, v in before.items()} if before else None,
        after={k: _json(v) for k, v in after.items()} if after else None,
        note=note.strip() if note and note.strip() else None,
    )
    case.updated_at = now
    session.add(case)
    session.add(event)
    return event


def _check_place(
    session: Session, ward_code: str | None, site_code: str | None
) -> tuple[str | None, str | None]:
    if ward_code is not None:
        ward = session.get(Ward, ward_code)
        if ward is None:
            known = sorted(w.code for w in session.exec(select(Ward).where(Ward.active)))
            raise _unprocessable(
                "ward_code", f"Unknown ward code {ward_code!r}. Allowed: {', '.join(known[:50])}"
            )
        if site_code is not None and site_code != ward.site_code:
            raise _unprocessable("site_code", f"Ward {ward.code} is at site {ward.site_code}.")
        return ward.code, ward.site_code
    if site_code is not None and session.get(Site, site_code) is None:
        known = sorted(s.code for s in session.exec(select(Site)))
        raise _unprocessable(
            "site_code", f"Unknown site code {site_code!r}. Allowed: {', '.join(known)}"
        )
    return None, site_code


def _check_consent(relationship: Relationship, consent: Consent | None) -> Consent | None:
    if relationship is Relationship.patient:
        return None
    if consent is None:
        raise _unprocessable(
            "consent",
            "The complainant is not the patient: record the patient's consent "
            f"({', '.join(c.value for c in Consent)}).",
        )
    return consent


def _check_dates(case: Case, today: dt.date) -> None:
    if case.received_on > today:
        raise _unprocessable("received_on", "The date received cannot be in the future.")
    if case.event_on is not None and case.event_on > case.received_on:
        raise _unprocessable("event_on", "The events cannot be after the date received.")
    born = case.patient_date_of_birth
    if born is not None and born > (case.event_on or case.received_on):
        raise _unprocessable("patient_date_of_birth", "It must be before the events.")
    if case.oral_record_copy_sent_on is not None and case.oral_record_copy_sent_on < (
        case.received_on
    ):
        raise _unprocessable(
            "oral_record_copy_sent_on", "The copy cannot be sent before the complaint was received."
        )


def _apply_details(
    session: Session, case: Case, data: CaseDetails, today: dt.date
) -> list[int] | None:
    """Copy the given (set) fields onto the case, checking codes; returns new subject code ids."""
    given = data.model_fields_set
    for name in (
        "complainant_name",
        "complainant_contact",
        "time_limit_waiver_reason",
        "event_on",
        "oral_record_copy_sent_on",
        "patient_date_of_birth",
        "patient_age_at_event",
    ):
        if name in given:
            setattr(case, name, getattr(data, name))
    if "complainant_ethnic_category" in given:
        case.complainant_ethnic_category = data.complainant_ethnic_category or "99"
    if "relationship" in given or "consent" in given:
        relationship = data.relationship or Relationship(case.relationship)
        consent = data.consent if "consent" in given else None
        if "consent" not in given and case.consent:
            consent = Consent(case.consent)
        case.relationship = relationship.value
        checked = _check_consent(relationship, consent)
        case.consent = checked.value if checked else None
    if "ward_code" in given or "site_code" in given:
        ward = data.ward_code if "ward_code" in given else case.ward_code
        site = data.site_code if "site_code" in given else (None if ward else case.site_code)
        case.ward_code, case.site_code = _check_place(session, ward, site)
    for field, which, attr in (
        ("complainant_status", CodeList.complainant_status, "complainant_status_id"),
        ("service_area", CodeList.service_area, "service_area_id"),
        ("profession", CodeList.profession, "profession_id"),
    ):
        if field in given:
            value = getattr(data, field)
            code = resolve_code(session, which, value, today, field) if value else None
            setattr(case, attr, code.id if code else None)
    subjects = None
    if "subjects" in given and data.subjects is not None:
        subjects = []
        for index, code in enumerate(dict.fromkeys(data.subjects)):
            subjects.append(
                resolve_code(session, CodeList.subject, code, today, f"subjects.{index}").id
            )
    case.outside_time_limit = workdays.outside_time_limit(case.event_on, case.received_on)
    return subjects


def _snapshot(session: Session, case: Case) -> dict[str, Any]:
    """The case's recordable fields, for before/after values on the timeline."""
    values = {
        name: getattr(case, name)
        for name in (
            "status",
            "ward_code",
            "site_code",
            "received_on",
            "received_how",
            "complainant_name",
            "complainant_contact",
            "relationship",
            "consent",
            "complainant_ethnic_category",
            "event_on",
            "outside_time_limit",
            "time_limit_waiver_reason",
            "oral_record_copy_sent_on",
            "patient_date_of_birth",
            "patient_age_at_event",
            "ack_due",
            "response_due",
        )
    }
    for field, attr in (
        ("complainant_status", "complainant_status_id"),
        ("service_area", "service_area_id"),
        ("profession", "profession_id"),
    ):
        code = _code(session, getattr(case, attr))
        values[field] = f"{code.code} (v{code.version})" if code else None
    return values


def _subject_labels(session: Session, ids: list[int]) -> list[str]:
    return sorted(f"{c.code} (v{c.version})" for i in ids if (c := _code(session, i)))


def create_case(session: Session, data: CaseCreate, principal: Principal, clock: Clock) -> Case:
    today = clock.today()
    # On SQLite the transaction's first statement must be a write, so that a concurrent create
    # waits for the lock rather than failing on a stale snapshot (see next_reference).
    hold_write_lock(session)
    feedback = None
    case_type = data.case_type
    if data.feedback_id is not None:
        feedback = session.get(Feedback, data.feedback_id)
        if feedback is None:
            raise _unprocessable("feedback_id", "No feedback with this id.")
        if feedback.channel not in CASE_CHANNELS:
            raise _unprocessable(
                "feedback_id",
                "A case is opened from complaint, concern or PALS feedback, "
                f"not {feedback.channel}.",
            )
        case_type = case_type or CASE_CHANNELS[feedback.channel]
    if case_type is None:
        raise _unprocessable("case_type", "Choose complaint or pals (or give a feedback_id).")
    narrative = data.narrative or (feedback.comment if feedback else None)
    if not narrative:
        raise _unprocessable("narrative", "Enter the complaint or enquiry in the person's words.")
    received_on = data.received_on or (feedback.received_at.date() if feedback else today)
    ward_code = data.ward_code if "ward_code" in data.model_fields_set else None
    site_code = data.site_code if "site_code" in data.model_fields_set else None
    if feedback is not None and ward_code is None and site_code is None:
        ward_code, site_code = feedback.ward_code, feedback.site_code
    if received_on > today:
        raise _unprocessable("received_on", "The date received cannot be in the future.")
    reference = next_reference(session, case_type, today.year)
    case = Case(
        reference=reference,
        case_type=case_type.value,
        status=CaseStatus.received.value,
        feedback_id=feedback.id if feedback else None,
        received_on=received_on,
        received_how=data.received_how.value,
        narrative=narrative,
        relationship=(data.relationship or Relationship.patient).value,
        ack_due=workdays.acknowledgement_due(received_on),
        response_due=data.response_due or default_response_due(case_type, received_on),
        response_due_agreed=data.response_due is not None,
        created_at=clock.now(),
        created_by=principal.sub,
        updated_at=clock.now(),
    )
    case.ward_code, case.site_code = _check_place(session, ward_code, site_code)
    checked = _check_consent(Relationship(case.relationship), data.consent)
    case.consent = checked.value if checked else None
    details = data.model_copy()
    subjects = _apply_details(
        session,
        case,
        CaseDetails.model_validate(
            details.model_dump(
                include=set(CaseDetails.model_fields) - {"ward_code", "site_code", "relationship"},
                exclude_unset=True,
            )
        ),
        today,
    )
    _check_dates(case, today)
    if case.response_due < case.received_on:
        raise _unprocessable("response_due", "The response cannot be due before receipt.")
    session.add(case)
    session.flush()
    for code_id in subjects or []:
        session.add(CaseSubject(case_id=case.id, code_id=code_id))
    after = _snapshot(session, case)
    after["reference"] = case.reference
    after["case_type"] = case.case_type
    after["subjects"] = _subject_labels(session, subjects or [])
    if feedback is not None:
        after["feedback_id"] = feedback.id
    record_event(session, case, principal, clock, "opened", after=after)
    return case


def default_response_due(case_type: CaseType, received_on: dt.date) -> dt.date:
    if case_type is CaseType.pals:
        return workdays.add_working_days(received_on, PALS_RESPONSE_WORKING_DAYS)
    return workdays.default_response_due(received_on)


def update_details(
    session: Session, case: Case, data: CaseUpdate, principal: Principal, clock: Clock
) -> Case:
    today = clock.today()
    before = _snapshot(session, case)
    before_subjects = [s.id for s in subjects_of(session, case.id) if s.id is not None]
    subjects = _apply_details(session, case, data, today)
    _check_dates(case, today)
    after = _snapshot(session, case)
    changed_before = {k: v for k, v in before.items() if after[k] != v}
    changed_after = {k: after[k] for k in changed_before}
    if subjects is not None and set(subjects) != set(before_subjects):
        if not subjects:
            raise _unprocessable("subjects", "Record at least one subject.")
        session.execute(delete(CaseSubject).where(col(CaseSubject.case_id) == case.id))
        for code_id in subjects:
            session.add(CaseSubject(case_id=case.id, code_id=code_id))
        changed_before["subjects"] = _subject_labels(session, before_subjects)
        changed_after["subjects"] = _subject_labels(session, subjects)
    if not changed_after:
        return case
    record_event(
        session,
        case,
        principal,
        clock,
        "details_changed",
        before=changed_before,
        after=changed_after,
        note=data.note,
    )
    return case


def _refuse_transition(case: Case, target: CaseStatus) -> Unprocessable:
    current = CaseStatus(case.status)
    allowed = TRANSITIONS[current]
    names = ", ".join(s.value for s in allowed) or "none"
    return Unprocessable(
        f"A case that is {current.value} cannot become {target.value}.",
        errors=[
            field_error(
                "status",
                f"Cannot move from {current.value} to {target.value}. Allowed next: {names}.",
            )
        ],
        allowed_next=[s.value for s in allowed],
    )


def _move(
    session: Session,
    case: Case,
    target: CaseStatus,
    principal: Principal,
    clock: Clock,
    *,
    kind: str = "status_changed",
    extra_before: dict[str, Any] | None = None,
    extra_after: dict[str, Any] | None = None,
    note: str | None = None,
) -> None:
    current = CaseStatus(case.status)
    if target not in TRANSITIONS[current]:
        raise _refuse_transition(case, target)
    case.status = target.value
    event = record_event(
        session,
        case,
        principal,
        clock,
        kind,
        before={"status": current.value, **(extra_before or {})},
        after={"status": target.value, **(extra_after or {})},
        note=note,
    )
    # Webhooks out: every status change queues case.status_changed in this same transaction.
    data = webhooks.case_event_data(
        case, current.value, target.value, changed_at=event.occurred_at, change=kind
    )
    webhooks.emit(session, WebhookEvent.case_status_changed, [data])


def acknowledge(
    session: Session, case: Case, data: Acknowledge, principal: Principal, clock: Clock
) -> Case:
    today = clock.today()
    if CaseStatus.acknowledged not in TRANSITIONS[CaseStatus(case.status)]:
        raise _refuse_transition(case, CaseStatus.acknowledged)
    on = data.acknowledged_on or today
    if on > today:
        raise _unprocessable("acknowledged_on", "The acknowledgement date cannot be in the future.")
    if on < case.received_on:
        raise _unprocessable("acknowledged_on", "It cannot be before the case was received.")
    if data.discussion_accepted is not None and not data.discussion_offered:
        raise _unprocessable(
            "discussion_accepted", "A discussion can only be accepted if it was offered."
        )
    if data.response_due is not None and data.response_due < on:
        raise _unprocessable("response_due", "The response cannot be due before today.")
    if data.oral_record_copy_sent and ReceivedHow(case.received_how) not in ORAL:
        raise _unprocessable(
            "oral_record_copy_sent", "The complaint was made in writing: no record to copy."
        )
    before = {
        "acknowledged_on": None,
        "response_due": case.response_due,
        "oral_record_copy_sent_on": case.oral_record_copy_sent_on,
    }
    if data.oral_record_copy_sent and case.oral_record_copy_sent_on is None:
        case.oral_record_copy_sent_on = on
    case.acknowledged_on = on
    case.discussion_offered = data.discussion_offered
    case.discussion_accepted = data.discussion_accepted
    if data.response_due is not None:
        case.response_due = data.response_due
        case.response_due_agreed = True
    after = {
        "acknowledged_on": on,
        "ack_due": case.ack_due,
        "acknowledged_late": on > case.ack_due,
        "discussion_offered": data.discussion_offered,
        "discussion_accepted": data.discussion_accepted,
        "response_due": case.response_due,
        "oral_record_copy_sent_on": case.oral_record_copy_sent_on,
    }
    _move(
        session,
        case,
        CaseStatus.acknowledged,
        principal,
        clock,
        kind="acknowledged",
        extra_before=before,
        extra_after=after,
        note=data.note,
    )
    return case


def change_response_due(
    session: Session, case: Case, data: ResponseDueChange, principal: Principal, clock: Clock
) -> Case:
    if CaseStatus(case.status) not in OPEN_STATUSES:
        raise _unprocessable(
            "response_due", f"A case that is {case.status} owes no response to reschedule."
        )
    if data.response_due < case.received_on:
        raise _unprocessable("response_due", "The response cannot be due before receipt.")
    if data.response_due == case.response_due:
        raise _unprocessable("response_due", "That is already the response date.")
    today = clock.today()
    before = {"response_due": case.response_due}
    agreed_before_expiry = today <= case.response_due
    case.response_due = data.response_due
    case.response_due_agreed = data.agreed_with_complainant
    record_event(
        session,
        case,
        principal,
        clock,
        "response_due_changed",
        before=before,
        after={
            "response_due": data.response_due,
            "agreed_with_complainant": data.agreed_with_complainant,
            "agreed_before_expiry": agreed_before_expiry,
        },
        note=data.reason,
    )
    return case


def change_status(
    session: Session, case: Case, data: StatusChange, principal: Principal, clock: Clock
) -> Case:
    target = data.status
    current = CaseStatus(case.status)
    if target not in TRANSITIONS[current]:
        raise _refuse_transition(case, target)
    if target in DEDICATED:
        raise _unprocessable(
            "status", f"Use POST /v1/cases/{{id}}/{DEDICATED[target]} to make a case {target}."
        )
    today = clock.today()
    extra_before: dict[str, Any] = {}
    extra_after: dict[str, Any] = {}
    if target is CaseStatus.response_sent:
        if case.case_type == CaseType.complaint.value:
            missing = []
            if not case.outcome:
                missing.append(field_error("outcome", "Record the outcome before the response."))
            if not case.signed_by:
                missing.append(
                    field_error("signed_by", "The response is signed by the responsible person.")
                )
            if not case.phso_rights_included:
                missing.append(
                    field_error(
                        "phso_rights_included",
                        "The response must tell the complainant of their right to go to the "
                        "Parliamentary and Health Service Ombudsman.",
                    )
                )
            if missing:
                raise Unprocessable("The response is not ready to send.", errors=missing)
        if today > case.response_due and not data.late_reason:
            raise _unprocessable(
                "late_reason",
                f"The response was due on {case.response_due.isoformat()}: give the reason it is "
                "late (the complainant is told in writing).",
            )
        extra_before["response_sent_on"] = case.response_sent_on
        case.response_sent_on = today
        case.late_reason = data.late_reason if today > case.response_due else None
        extra_after["response_sent_on"] = today
        extra_after["sent_late"] = today > case.response_due
        if case.late_reason:
            extra_after["late_reason"] = case.late_reason
    if target is CaseStatus.closed:
        if case.response_sent_on is None and not data.note:
            raise _unprocessable(
                "note", "Say why the case is closed without a response (for example, withdrawn)."
            )
        extra_before["closed_on"] = case.closed_on
        case.closed_on = today
        extra_after["closed_on"] = today
    _move(
        session,
        case,
        target,
        principal,
        clock,
        extra_before=extra_before,
        extra_after=extra_after,
        note=data.note,
    )
    return case


OUTCOME_STATUSES = (
    CaseStatus.acknowledged,
    CaseStatus.investigating,
    CaseStatus.response_drafted,
    CaseStatus.reopened,
)


def record_outcome(
    session: Session, case: Case, data: OutcomeRecord, principal: Principal, clock: Clock
) -> Case:
    if CaseStatus(case.status) not in OUTCOME_STATUSES:
        allowed = ", ".join(s.value for s in OUTCOME_STATUSES)
        raise _unprocessable(
            "outcome", f"An outcome is recorded while the case is one of: {allowed}."
        )
    before = {
        "outcome": case.outcome,
        "signed_by": case.signed_by,
        "phso_rights_included": case.phso_rights_included,
    }
    case.outcome = data.outcome.value
    case.signed_by = data.signed_by
    case.phso_rights_included = data.phso_rights_included
    after = {
        "outcome": case.outcome,
        "signed_by": case.signed_by,
        "phso_rights_included": case.phso_rights_included,
    }
    record_event(
        session,
        case,
        principal,
        clock,
        "outcome_recorded",
        before=before,
        after=after,
        note=data.note,
    )
    return case


def reopen(session: Session, case: Case, data: Reopen, principal: Principal, clock: Clock) -> Case:
    today = clock.today()
    if CaseStatus.reopened not in TRANSITIONS[CaseStatus(case.status)]:
        raise _refuse_transition(case, CaseStatus.reopened)
    if data.response_due < today:
        raise _unprocessable("response_due", "The new response date cannot be in the past.")
    before = {
        "response_due": case.response_due,
        "response_sent_on": case.response_sent_on,
        "closed_on": case.closed_on,
    }
    case.response_due = data.response_due
    case.response_due_agreed = True
    case.response_sent_on = None
    case.closed_on = None
    _move(
        session,
        case,
        CaseStatus.reopened,
        principal,
        clock,
        kind="reopened",
        extra_before=before,
        extra_after={
            "response_due": data.response_due,
            "response_sent_on": None,
            "closed_on": None,
        },
        note=data.reason,
    )
    return case


def refer_to_phso(
    session: Session, case: Case, data: PhsoReferral, principal: Principal, clock: Clock
) -> Case:
    today = clock.today()
    if CaseStatus.referred_to_phso not in TRANSITIONS[CaseStatus(case.status)]:
        raise _refuse_transition(case, CaseStatus.referred_to_phso)
    on = data.referred_on or today
    if on > today:
        raise _unprocessable("referred_on", "The referral date cannot be in the future.")
    before = {"phso_referred_on": case.phso_referred_on}
    case.phso_referred_on = on
    _move(
        session,
        case,
        CaseStatus.referred_to_phso,
        principal,
        clock,
        kind="referred_to_phso",
        extra_before=before,
        extra_after={"phso_referred_on": on},
        note=data.note,
    )
    return case


def assign_officer(
    session: Session, case: Case, data: OfficerAssignment, principal: Principal, clock: Clock
) -> Case:
    before = {"officer_id": case.assigned_officer_id, "officer_name": case.assigned_officer_name}
    name = data.officer_name.strip() if data.officer_id and data.officer_name else None
    if data.officer_id == case.assigned_officer_id and name == case.assigned_officer_name:
        return case
    case.assigned_officer_id = data.officer_id or None
    case.assigned_officer_name = name
    record_event(
        session,
        case,
        principal,
        clock,
        "officer_assigned",
        before=before,
        after={"officer_id": case.assigned_officer_id, "officer_name": name},
    )
    return case
