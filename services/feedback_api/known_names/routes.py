"""The list of known people's names: the portal keeps the staff directory's names in step,
administrators read the list and add or remove names of people without an account."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from services.common.problems import Conflict, Forbidden, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api.deps import ClockDep, SessionDep
from services.feedback_api.feedback.service import caller_name
from services.feedback_api.known_names import policies, service
from services.feedback_api.known_names.models import KnownName, NameSource
from services.feedback_api.known_names.schemas import (
    KnownNameCreate,
    KnownNameList,
    KnownNamePublic,
    StaffDirectory,
    StaffDirectorySynced,
    StaffName,
)

router = APIRouter(prefix="/v1/known-names", tags=["redaction"])

Admin = Annotated[Principal, Depends(policies.manage_known_names)]
Portal = Annotated[Principal, Depends(policies.sync_staff_directory)]
AccountRef = Annotated[str, Path(min_length=1, max_length=100)]


def _public(row: KnownName) -> KnownNamePublic:
    return KnownNamePublic.model_validate(row, from_attributes=True)


@router.get("", response_model=KnownNameList, responses=problem_responses(Forbidden))
def list_known_names(
    session: SessionDep, _caller: Admin, source: NameSource | None = Query(default=None)
) -> KnownNameList:
    """The names redacted in every comment besides the shipped name lists: the staff
    directory's (kept in step by the portal) and those administrators added. Names only:
    Heard never keeps a person's email address or role here."""
    rows = service.list_names(session, source=source)
    counts = service.counts(session)
    return KnownNameList(
        data=[_public(r) for r in rows],
        count=len(rows),
        staff_directory_count=counts[NameSource.staff_directory.value],
        added_by_admin_count=counts[NameSource.added_by_admin.value],
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=KnownNamePublic,
    responses=problem_responses(Conflict, Forbidden, Unprocessable),
)
def add_known_name(
    data: KnownNameCreate, session: SessionDep, clock: ClockDep, caller: Admin
) -> KnownNamePublic:
    """Add a person's name (a consultant, a GP, a volunteer without an account): it is redacted
    in new comments at once, and the worker redacts it in stored comments."""
    row = service.add(session, name=data.name, created_by=caller_name(caller), clock=clock)
    session.commit()
    return _public(row)


@router.delete(
    "/{name_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(Conflict, Forbidden, NotFound),
)
def remove_known_name(name_id: uuid.UUID, session: SessionDep, _caller: Admin) -> Response:
    """Take a name an administrator added off the list (staff directory names change with the
    accounts). Comments already redacted stay redacted."""
    service.remove(session, name_id=name_id)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(
    "/staff-directory",
    response_model=StaffDirectorySynced,
    responses=problem_responses(Forbidden, Unprocessable),
)
def sync_staff_directory(
    data: StaffDirectory, session: SessionDep, clock: ClockDep, _caller: Portal
) -> StaffDirectorySynced:
    """For the portal's service token only: the whole staff directory (each account's id and
    name), which replaces the directory's names here. Safe to repeat."""
    result = service.sync_staff(session, entries=[(e.ref, e.name) for e in data.data], clock=clock)
    session.commit()
    return StaffDirectorySynced(**result.__dict__)


@router.put(
    "/staff-directory/{ref}",
    response_model=KnownNamePublic,
    responses=problem_responses(Forbidden, Unprocessable),
)
def put_staff_name(
    ref: AccountRef, data: StaffName, session: SessionDep, clock: ClockDep, _caller: Portal
) -> KnownNamePublic:
    """For the portal's service token only: an account was made or renamed. Safe to repeat."""
    row, _changed = service.put_staff(session, ref=ref, name=data.name, clock=clock)
    session.commit()
    return _public(row)


@router.delete(
    "/staff-directory/{ref}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(Forbidden),
)
def delete_staff_name(ref: AccountRef, session: SessionDep, _caller: Portal) -> Response:
    """For the portal's service token only: an account was removed. Safe to repeat."""
    service.delete_staff(session, ref=ref)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
