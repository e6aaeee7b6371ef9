from __future__ import annotations

from sqlmodel import Session, select

from services.common.problems import Conflict, Unprocessable, field_error
from services.feedback_api.organisation.models import Directorate, Organisation, Site, Ward
from services.feedback_api.organisation.schemas import (
    DirectoratePublic,
    OrganisationPublic,
    OrganisationStructure,
    SitePublic,
    WardCreate,
    WardPublic,
)


def get_organisation(session: Session) -> Organisation | None:
    return session.exec(select(Organisation)).first()


def list_sites(session: Session) -> list[Site]:
    return list(session.exec(select(Site).order_by(Site.name)))


def list_wards(session: Session, *, include_inactive: bool = False) -> list[Ward]:
    query = select(Ward).order_by(Ward.name)
    if not include_inactive:
        query = query.where(Ward.active)
    return list(session.exec(query))


def get_ward(session: Session, code: str) -> Ward | None:
    return session.get(Ward, code)


def structure(session: Session) -> OrganisationStructure:
    organisation = get_organisation(session)
    sites = list_sites(session)
    site_names = {s.code: s.name for s in sites}
    return OrganisationStructure(
        organisation=OrganisationPublic.model_validate(organisation) if organisation else None,
        sites=[SitePublic.model_validate(s) for s in sites],
        directorates=[
            DirectoratePublic.model_validate(d)
            for d in session.exec(select(Directorate).order_by(Directorate.name))
        ],
        wards=[
            WardPublic.model_validate(w, update={"site_name": site_names.get(w.site_code)})
            for w in list_wards(session)
        ],
    )


def create_ward(session: Session, data: WardCreate) -> Ward:
    if session.get(Ward, data.code):
        raise Conflict(f"A ward with the code {data.code} already exists.")
    if session.get(Site, data.site_code) is None:
        raise Unprocessable(errors=[field_error("site_code", "No site has this code.")])
    if data.directorate_code and session.get(Directorate, data.directorate_code) is None:
        raise Unprocessable(
            errors=[field_error("directorate_code", "No directorate has this code.")]
        )
    ward = Ward.model_validate(data)
    session.add(ward)
    session.commit()
    return ward


def ward_public(session: Session, ward: Ward) -> WardPublic:
    site = session.get(Site, ward.site_code)
    return WardPublic.model_validate(ward, update={"site_name": site.name if site else None})
