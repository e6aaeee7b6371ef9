from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status

from services.common.problems import Conflict, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api import policies
from services.feedback_api.deps import SessionDep
from services.feedback_api.organisation import service
from services.feedback_api.organisation.schemas import (
    OrganisationStructure,
    WardCreate,
    WardPublic,
)

router = APIRouter(prefix="/v1/organisation", tags=["organisation"])


@router.get("", dependencies=[Depends(policies.read_organisation)])
def get_structure(session: SessionDep) -> OrganisationStructure:
    """The trust, its sites, directorates and active wards/services."""
    return service.structure(session)


@router.get(
    "/wards/{code}",
    dependencies=[Depends(policies.read_organisation)],
    responses=problem_responses(NotFound),
)
def get_ward(code: str, session: SessionDep) -> WardPublic:
    """One ward or service by its code."""
    ward = service.get_ward(session, code)
    if ward is None:
        raise NotFound(f"No ward has the code {code}.")
    return service.ward_public(session, ward)


@router.post(
    "/wards",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Conflict, Unprocessable),
)
def create_ward(
    data: WardCreate,
    session: SessionDep,
    _caller: Annotated[Principal, Depends(policies.manage_organisation)],
) -> WardPublic:
    """Add a ward or service (administrators)."""
    return service.ward_public(session, service.create_ward(session, data))
