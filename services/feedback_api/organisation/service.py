from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from services.common.problems import Conflict, NotFound, Unprocessable, field_error
from services.feedback_api.organisation.models import (
    Directorate,
    Organisation,
    Site,
    Ward,
    WardEligibleCount,
)
from services.feedback_api.organisation.schemas import (
    DirectorateCreate,
    DirectoratePublic,
    DirectorateUpdate,
    EligibleCountIn,
    EligibleCountPublic,
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


def get_organisation(session: Session) -> Organisation | None:
    return session.exec(select(Organisation)).first()


def list_sites(session: Session, *, include_inactive: bool = False) -> list[Site]:
    query = select(Site).order_by(Site.name)
    if not include_inactive:
        query = query.where(Site.active)
    return list(session.exec(query))


def list_wards(session: Session, *, include_inactive: bool = False) -> list[Ward]:
    query = select(Ward).order_by(Ward.name)
    if not include_inactive:
        query = query.where(Ward.active)
    return list(session.exec(query))


def get_ward(session: Session, code: str) -> Ward | None:
    return session.get(Ward, code)


def structure(session: Session, *, include_inactive: bool = False) -> OrganisationStructure:
    organisation = get_organisation(session)
    sites = list_sites(session, include_inactive=include_inactive)
    site_names = {s.code: s.name for s in sites}
    directorates = select(Directorate).order_by(Directorate.name)
    if not include_inactive:
        directorates = directorates.where(Directorate.active)
    return OrganisationStructure(
        organisation=OrganisationPublic.model_validate(organisation) if organisation else None,
        sites=[SitePublic.model_validate(s) for s in sites],
        directorates=[DirectoratePublic.model_validate(d) for d in session.exec(directorates)],
        wards=[
            WardPublic.model_validate(w, update={"site_name": site_names.get(w.site_code)})
            for w in list_wards(session, include_inactive=include_inactive)
        ],
    )


def _check_site(session: Session, code: str) -> None:
    site = session.get(Site, code)
    if site is None or not site.active:
        known = ", ".join(s.code for s in list_sites(session))
        raise Unprocessable(
            errors=[
                field_error("site_code", f"No active site has the code {code}. Allowed: {known}")
            ]
        )


def _check_directorate(session: Session, code: str | None) -> None:
    if code is None:
        return
    directorate = session.get(Directorate, code)
    if directorate is None or not directorate.active:
        known = ", ".join(
            d.code for d in session.exec(select(Directorate).where(Directorate.active))
        )
        raise Unprocessable(
            errors=[
                field_error(
                    "directorate_code",
                    f"No active directorate has the code {code}. Allowed: {known}",
                )
            ]
        )


def create_ward(session: Session, data: WardCreate) -> Ward:
    if session.get(Ward, data.code):
        raise Conflict(f"A ward with the code {data.code} already exists.")
    _check_site(session, data.site_code)
    _check_directorate(session, data.directorate_code)
    ward = Ward(**data.model_dump(mode="json"))
    session.add(ward)
    session.commit()
    return ward


def update_ward(session: Session, code: str, data: WardUpdate) -> Ward:
    ward = session.get(Ward, code)
    if ward is None:
        raise NotFound(f"No ward has the code {code}.")
    changes = data.model_dump(mode="json", exclude_unset=True)
    for field in ("name", "site_code", "fft_setting", "active"):
        if field in changes and changes[field] is None:
            raise Unprocessable(errors=[field_error(field, "This field cannot be null.")])
    if "site_code" in changes:
        _check_site(session, changes["site_code"])
    if changes.get("directorate_code") is not None:
        _check_directorate(session, changes["directorate_code"])
    for field, value in changes.items():
        setattr(ward, field, value)
    session.add(ward)
    session.commit()
    return ward


def ward_public(session: Session, ward: Ward) -> WardPublic:
    site = session.get(Site, ward.site_code)
    return WardPublic.model_validate(ward, update={"site_name": site.name if site else None})


def set_organisation(session: Session, data: OrganisationSet) -> Organisation:
    """Create the one trust of this deployment, or rename it; its ODS code is fixed once set."""
    organisation = get_organisation(session)
    if organisation is None:
        organisation = Organisation(ods_code=data.ods_code, name=data.name)
    elif organisation.ods_code != data.ods_code:
        raise Conflict(
            f"This deployment is for {organisation.ods_code}; one trust per deployment, and its "
            "ODS code cannot change."
        )
    organisation.name = data.name
    session.add(organisation)
    session.commit()
    return organisation


def create_site(session: Session, data: SiteCreate) -> Site:
    organisation = get_organisation(session)
    if organisation is None:
        raise Conflict("Set up the organisation before adding sites.")
    if session.get(Site, data.code):
        raise Conflict(f"A site with the code {data.code} already exists.")
    site = Site(code=data.code, name=data.name, organisation_code=organisation.ods_code)
    session.add(site)
    session.commit()
    return site


def _active_wards(session: Session, column, code: str) -> list[str]:
    return [w.code for w in session.exec(select(Ward).where(column == code, Ward.active))]


def update_site(session: Session, code: str, data: SiteUpdate) -> Site:
    site = session.get(Site, code)
    if site is None:
        raise NotFound(f"No site has the code {code}.")
    changes = data.model_dump(exclude_unset=True)
    if any(changes.get(f, "") is None for f in ("name", "active")):
        raise Unprocessable(errors=[field_error("body", "name and active cannot be null.")])
    if changes.get("active") is False:
        wards = _active_wards(session, Ward.site_code, code)
        if wards:
            raise Conflict(
                f"Site {code} still has active wards: {', '.join(wards)}. Deactivate or move "
                "them first."
            )
    for field, value in changes.items():
        setattr(site, field, value)
    session.add(site)
    session.commit()
    return site


def create_directorate(session: Session, data: DirectorateCreate) -> Directorate:
    if session.get(Directorate, data.code):
        raise Conflict(f"A directorate with the code {data.code} already exists.")
    directorate = Directorate(code=data.code, name=data.name)
    session.add(directorate)
    session.commit()
    return directorate


def update_directorate(session: Session, code: str, data: DirectorateUpdate) -> Directorate:
    directorate = session.get(Directorate, code)
    if directorate is None:
        raise NotFound(f"No directorate has the code {code}.")
    changes = data.model_dump(exclude_unset=True)
    if any(changes.get(f, "") is None for f in ("name", "active")):
        raise Unprocessable(errors=[field_error("body", "name and active cannot be null.")])
    if changes.get("active") is False:
        wards = _active_wards(session, Ward.directorate_code, code)
        if wards:
            raise Conflict(
                f"Directorate {code} still has active wards: {', '.join(wards)}. Move them first."
            )
    for field, value in changes.items():
        setattr(directorate, field, value)
    session.add(directorate)
    session.commit()
    return directorate


def parse_month(value: str) -> dt.date:
    year, month = value.split("-")
    return dt.date(int(year), int(month), 1)


def set_eligible_counts(
    session: Session, counts: list[EligibleCountIn], *, today: dt.date, by: str, now: dt.datetime
) -> list[WardEligibleCount]:
    """Store monthly eligible counts (replacing earlier figures); all or nothing."""
    errors = []
    this_month = today.replace(day=1)
    wards = {w.code for w in session.exec(select(Ward))}
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(counts):
        if item.ward_code not in wards:
            errors.append(
                field_error(f"counts.{index}.ward_code", f"No ward has the code {item.ward_code}.")
            )
        if parse_month(item.month) > this_month:
            errors.append(field_error(f"counts.{index}.month", "The month is in the future."))
        if (item.ward_code, item.month) in seen:
            errors.append(
                field_error(f"counts.{index}", "This ward and month appear twice in the request.")
            )
        seen.add((item.ward_code, item.month))
    if errors:
        raise Unprocessable(errors=errors)
    rows = []
    for item in counts:
        month = parse_month(item.month)
        row = session.get(WardEligibleCount, (item.ward_code, month))
        if row is None:
            row = WardEligibleCount(
                ward_code=item.ward_code, month=month, eligible=0, updated_by=by
            )
        row.eligible = item.eligible
        row.updated_at = now
        row.updated_by = by
        session.add(row)
        rows.append(row)
    session.commit()
    return rows


def list_eligible_counts(
    session: Session,
    *,
    ward_code: str | None,
    month_from: dt.date | None,
    month_to: dt.date | None,
) -> list[WardEligibleCount]:
    query = select(WardEligibleCount).order_by(WardEligibleCount.month, WardEligibleCount.ward_code)
    if ward_code:
        query = query.where(WardEligibleCount.ward_code == ward_code)
    if month_from:
        query = query.where(WardEligibleCount.month >= month_from)
    if month_to:
        query = query.where(WardEligibleCount.month <= month_to)
    return list(session.exec(query))


def eligible_public(row: WardEligibleCount) -> EligibleCountPublic:
    return EligibleCountPublic.model_validate(row, from_attributes=True)
