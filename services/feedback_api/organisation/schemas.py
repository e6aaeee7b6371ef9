from __future__ import annotations

from pydantic import BaseModel

from services.feedback_api.organisation.models import (
    DirectorateBase,
    OrganisationBase,
    SiteBase,
    WardBase,
)


class OrganisationPublic(OrganisationBase):
    pass


class SitePublic(SiteBase):
    pass


class DirectoratePublic(DirectorateBase):
    pass


class WardPublic(WardBase):
    site_name: str | None = None


class WardCreate(WardBase):
    pass


class OrganisationStructure(BaseModel):
    """The whole structure in one response: small, and read on every form."""

    organisation: OrganisationPublic | None
    sites: list[SitePublic]
    directorates: list[DirectoratePublic]
    wards: list[WardPublic]
