from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from services.common.problems import Conflict, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api import policies
from services.feedback_api.deps import ClockDep, SessionDep
from services.feedback_api.feedback.service import caller_name
from services.feedback_api.organisation import service
from services.feedback_api.organisation.schemas import (
    MONTH,
    DirectorateCreate,
    DirectoratePublic,
    DirectorateUpdate,
    EligibleCountPublic,
    EligibleCountsIn,
    OrganisationPublic,
    OrganisationSet,
    OrganisationStructure,
    SiteCreate,
    SitePublic,
    SiteUpdate,
    WardCreate,
    WardPublic,
    WardUpdate,
)

router = APIRouter(prefix="/v1/organisation", tags=["organisation"])

Admin = Annotated[Principal, Depends(policies.manage_organisation)]
WRITE_ERRORS = problem_responses(Conflict, NotFound, Unprocessable)


@router.get("", dependencies=[Depends(policies.read_organisation)])
def get_structure(session: SessionDep, include_inactive: bool = False) -> OrganisationStructure:
    """The trust, its sites, directorates and wards/services (active ones unless asked)."""
    return service.structure(session, include_inactive=include_inactive)


@router.put("", responses=problem_responses(Conflict, Unprocessable))
def set_organisation(
    data: OrganisationSet, session: SessionDep, _caller: Admin
) -> OrganisationPublic:
    """Set up the trust (administrators): its ODS code and name. Renaming is allowed; another
    ODS code is refused with 409 (one trust per deployment)."""
    return OrganisationPublic.model_validate(service.set_organisation(session, data))


@router.get(
    "/wards/{code}",
    dependencies=[Depends(policies.read_organisation)],
    responses=problem_responses(NotFound),
)
def get_ward(code: str, session: SessionDep) -> WardPublic:
    """One ward or service by its code (also when deactivated)."""
    ward = service.get_ward(session, code)
    if ward is None:
        raise NotFound(f"No ward has the code {code}.")
    return service.ward_public(session, ward)


@router.post("/wards", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS)
def create_ward(data: WardCreate, session: SessionDep, _caller: Admin) -> WardPublic:
    """Add a ward or service (administrators). 409 when the code exists; 422 for an unknown or
    inactive site or directorate."""
    return service.ward_public(session, service.create_ward(session, data))


@router.patch("/wards/{code}", responses=WRITE_ERRORS)
def update_ward(code: str, data: WardUpdate, session: SessionDep, _caller: Admin) -> WardPublic:
    """Change a ward (administrators): name, site, directorate, specialties, FFT setting.
    ``active: false`` deactivates it: it keeps its feedback but no longer takes new feedback."""
    return service.ward_public(session, service.update_ward(session, code, data))


@router.post("/sites", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS)
def create_site(data: SiteCreate, session: SessionDep, _caller: Admin) -> SitePublic:
    """Add a site by its ODS code (administrators). 409 when the code exists."""
    return SitePublic.model_validate(service.create_site(session, data))


@router.patch("/sites/{code}", responses=WRITE_ERRORS)
def update_site(code: str, data: SiteUpdate, session: SessionDep, _caller: Admin) -> SitePublic:
    """Rename or deactivate (``active: false``) a site (administrators). 409 while it still
    has active wards."""
    return SitePublic.model_validate(service.update_site(session, code, data))


@router.post("/directorates", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS)
def create_directorate(
    data: DirectorateCreate, session: SessionDep, _caller: Admin
) -> DirectoratePublic:
    """Add a directorate (administrators). 409 when the code exists."""
    return DirectoratePublic.model_validate(service.create_directorate(session, data))


@router.patch("/directorates/{code}", responses=WRITE_ERRORS)
def update_directorate(
    code: str, data: DirectorateUpdate, session: SessionDep, _caller: Admin
) -> DirectoratePublic:
    """Rename or deactivate (``active: false``) a directorate (administrators). 409 while it
    still has active wards."""
    return DirectoratePublic.model_validate(service.update_directorate(session, code, data))


@router.put("/eligible-counts", responses=problem_responses(Unprocessable))
def set_eligible_counts(
    data: EligibleCountsIn, session: SessionDep, clock: ClockDep, caller: Admin
) -> list[EligibleCountPublic]:
    """Set how many people were eligible to answer the FFT, per ward per month (administrators;
    the national return's Total Eligible). Replaces earlier figures; all stored or none."""
    rows = service.set_eligible_counts(
        session, data.counts, today=clock.today(), by=caller_name(caller), now=clock.now()
    )
    return [service.eligible_public(r) for r in rows]


@router.get(
    "/eligible-counts",
    dependencies=[Depends(policies.read_organisation)],
    responses=problem_responses(Unprocessable),
)
def list_eligible_counts(
    session: SessionDep,
    ward_code: Annotated[str | None, Query(max_length=20)] = None,
    month_from: Annotated[str | None, Query(pattern=MONTH, description="YYYY-MM")] = None,
    month_to: Annotated[str | None, Query(pattern=MONTH, description="YYYY-MM")] = None,
) -> list[EligibleCountPublic]:
    """Monthly eligible counts, oldest month first."""
    rows = service.list_eligible_counts(
        session,
        ward_code=ward_code,
        month_from=service.parse_month(month_from) if month_from else None,
        month_to=service.parse_month(month_to) if month_to else None,
    )
    return [service.eligible_public(r) for r in rows]
