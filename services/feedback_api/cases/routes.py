"""The cases API: complaints and PALS cases, their timeline, and the KO41a code lists."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from services.common.problems import Forbidden, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api.cases import policies, service
from services.feedback_api.cases.models import CaseStatus, CaseType
from services.feedback_api.cases.reference import CodeList
from services.feedback_api.cases.schemas import (
    Acknowledge,
    CaseCreate,
    CaseList,
    CasePublic,
    CaseUpdate,
    CodeCreate,
    CodeListPublic,
    CodePublic,
    CodeRelabel,
    CodeRetire,
    OfficerAssignment,
    OutcomeRecord,
    OverdueCounts,
    OverdueList,
    PhsoReferral,
    Reopen,
    ResponseDueChange,
    StatusChange,
)
from services.feedback_api.deps import ClockDep, SessionDep

router = APIRouter(prefix="/v1/cases", tags=["cases"])
codes_router = APIRouter(prefix="/v1/case-codes", tags=["cases"])

Runner = Annotated[Principal, Depends(policies.run_cases)]
ERRORS = problem_responses(Unprocessable, NotFound, Forbidden)


def _case(session, case_id: uuid.UUID):
    """The case to change, locked for this request's transaction."""
    return service.get_case_for_update(session, case_id)


def _done(session, case, clock) -> CasePublic:
    session.commit()
    return service.to_public(session, case, clock.today())


@router.post("", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def create_case(
    data: CaseCreate, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Open a complaint or PALS case, from a feedback record or directly. The reference number
    is the next of its type and year; the acknowledgement is due 3 working days after receipt and
    the response, unless agreed, 6 months after (PALS: 10 working days)."""
    case = service.create_case(session, data, caller, clock)
    return _done(session, case, clock)


@router.get("", responses=ERRORS)
def list_cases(
    session: SessionDep,
    clock: ClockDep,
    caller: Runner,
    status_: Annotated[CaseStatus | None, Query(alias="status")] = None,
    case_type: CaseType | None = None,
    overdue: bool | None = None,
    ward_code: Annotated[str | None, Query(max_length=20)] = None,
    site_code: Annotated[str | None, Query(max_length=10)] = None,
    assigned_officer_id: Annotated[str | None, Query(max_length=120)] = None,
    reference: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CaseList:
    """Cases, newest received first, filtered and paged (no narratives in the list)."""
    today = clock.today()
    filters = service.CaseFilters(
        status=status_,
        case_type=case_type,
        overdue=overdue,
        ward_code=ward_code,
        site_code=site_code,
        assigned_officer_id=assigned_officer_id,
        reference=reference,
    )
    rows, count = service.list_cases(session, filters, today, limit=limit, offset=offset)
    return CaseList(
        data=[service.to_summary(row, today) for row in rows],
        count=count,
        limit=limit,
        offset=offset,
    )


@router.get("/overdue", responses=ERRORS)
def overdue_cases(
    session: SessionDep,
    clock: ClockDep,
    caller: Runner,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> OverdueList:
    """Cases past their acknowledgement or response date (by the service's clock), the longest
    overdue first, with the counts of each."""
    today = clock.today()
    rows, count = service.list_overdue(session, today, limit=limit, offset=offset)
    return OverdueList(
        today=today,
        counts=service.overdue_counts(session, today),
        data=[service.to_summary(row, today) for row in rows],
        count=count,
        limit=limit,
        offset=offset,
    )


@router.get("/overdue/counts", responses=ERRORS)
def overdue_counts(session: SessionDep, clock: ClockDep, caller: Runner) -> OverdueCounts:
    """Just the counts of overdue acknowledgements and responses."""
    return service.overdue_counts(session, clock.today())


@router.get("/{case_id}", responses=ERRORS)
def get_case(
    case_id: uuid.UUID, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """One case with its timeline, newest event first."""
    return service.to_public(session, service.get_case(session, case_id), clock.today())


@router.patch("/{case_id}", responses=ERRORS)
def update_case(
    case_id: uuid.UUID, data: CaseUpdate, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Correct or complete a case's details and KO41a fields; each change goes on the timeline."""
    case = service.update_details(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.post("/{case_id}/acknowledge", responses=ERRORS)
def acknowledge(
    case_id: uuid.UUID, data: Acknowledge, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Record the acknowledgement and whether a discussion was offered (and accepted)."""
    case = service.acknowledge(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.put("/{case_id}/response-due", responses=ERRORS)
def set_response_due(
    case_id: uuid.UUID,
    data: ResponseDueChange,
    session: SessionDep,
    clock: ClockDep,
    caller: Runner,
) -> CasePublic:
    """Agree or change the response date, with the reason; every change is kept."""
    case = service.change_response_due(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.post("/{case_id}/status", responses=ERRORS)
def change_status(
    case_id: uuid.UUID, data: StatusChange, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Move the case along its lifecycle; a move it may not make is a 422 naming the allowed
    next statuses."""
    case = service.change_status(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.post("/{case_id}/outcome", responses=ERRORS)
def record_outcome(
    case_id: uuid.UUID, data: OutcomeRecord, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Record the outcome (upheld, partly upheld, not upheld), who signs the response and that
    it includes the right to go to the Ombudsman."""
    case = service.record_outcome(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.post("/{case_id}/reopen", responses=ERRORS)
def reopen(
    case_id: uuid.UUID, data: Reopen, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Reopen a responded or closed case, with the reason and a new response date."""
    case = service.reopen(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.post("/{case_id}/phso", responses=ERRORS)
def refer_to_phso(
    case_id: uuid.UUID, data: PhsoReferral, session: SessionDep, clock: ClockDep, caller: Runner
) -> CasePublic:
    """Record that the complainant has gone to the Parliamentary and Health Service Ombudsman."""
    case = service.refer_to_phso(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@router.put("/{case_id}/officer", responses=ERRORS)
def assign_officer(
    case_id: uuid.UUID,
    data: OfficerAssignment,
    session: SessionDep,
    clock: ClockDep,
    caller: Runner,
) -> CasePublic:
    """Assign the case to an officer (or unassign it)."""
    case = service.assign_officer(session, _case(session, case_id), data, caller, clock)
    return _done(session, case, clock)


@codes_router.get("/{code_list}", responses=problem_responses(Forbidden))
def read_code_list(
    code_list: CodeList,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.read_case_codes)],
    history: bool = False,
) -> CodeListPublic:
    """A KO41a code list: the codes in force today, or every version with ``history=true``."""
    return service.code_list(session, code_list, clock.today(), history=history)


@codes_router.post(
    "/{code_list}",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Unprocessable, Forbidden),
)
def add_code(
    code_list: CodeList,
    data: CodeCreate,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.manage_case_codes)],
) -> CodePublic:
    """Add a code to a list (administrators)."""
    row = service.add_code(session, code_list, data, caller, clock.today())
    session.commit()
    return _code_public(row, code_list, clock.today())


@codes_router.put("/{code_list}/{code}", responses=ERRORS)
def relabel_code(
    code_list: CodeList,
    code: str,
    data: CodeRelabel,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.manage_case_codes)],
) -> CodePublic:
    """Give a code a new label as a new version from ``valid_from``; cases already recorded keep
    the version (and label) they were given."""
    row = service.relabel_code(session, code_list, code, data, caller, clock.today())
    session.commit()
    return _code_public(row, code_list, clock.today())


@codes_router.post("/{code_list}/{code}/retire", responses=ERRORS)
def retire_code(
    code_list: CodeList,
    code: str,
    data: CodeRetire,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.manage_case_codes)],
) -> CodePublic:
    """Stop offering a code from ``valid_to``; cases that have it keep it."""
    row = service.retire_code(session, code_list, code, data.valid_to, clock.today())
    session.commit()
    return _code_public(row, code_list, clock.today())


def _code_public(row, code_list: CodeList, today: dt.date) -> CodePublic:
    return CodePublic(
        id=row.id,
        code_list=code_list,
        code=row.code,
        label=row.label,
        version=row.version,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        current=service.is_current(row, today),
    )
