from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from services.feedback_api.feedback.models import FftSetting
from services.feedback_api.organisation.models import (
    DirectorateBase,
    OrganisationBase,
    SiteBase,
    WardBase,
)

# Main specialty / treatment function codes are three digits (e.g. 303 Clinical haematology).
SPECIALTY = r"^\d{3}$"
CODE = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class OrganisationPublic(OrganisationBase):
    pass


class SitePublic(SiteBase):
    pass


class DirectoratePublic(DirectorateBase):
    pass


class WardPublic(WardBase):
    site_name: str | None = None


class WardCreate(BaseModel):
    code: str = Field(max_length=20, pattern=CODE, description="The trust's own ward code")
    name: str = Field(min_length=1, max_length=200)
    site_code: str = Field(max_length=10)
    directorate_code: str | None = Field(default=None, max_length=20)
    first_specialty: str | None = Field(default=None, pattern=SPECIALTY)
    second_specialty: str | None = Field(default=None, pattern=SPECIALTY)
    fft_setting: FftSetting = FftSetting.inpatient
    active: bool = True


class WardUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    site_code: str | None = Field(default=None, max_length=10)
    directorate_code: str | None = Field(default=None, max_length=20)
    first_specialty: str | None = Field(default=None, pattern=SPECIALTY)
    second_specialty: str | None = Field(default=None, pattern=SPECIALTY)
    fft_setting: FftSetting | None = None
    active: bool | None = None


class OrganisationSet(BaseModel):
    ods_code: str = Field(max_length=10, pattern=CODE, description="The trust's ODS code, e.g. REN")
    name: str = Field(min_length=1, max_length=200)


class SiteCreate(BaseModel):
    code: str = Field(max_length=10, pattern=CODE, description="ODS site code, e.g. REN20")
    name: str = Field(min_length=1, max_length=200)


class SiteUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = None


class DirectorateCreate(BaseModel):
    code: str = Field(max_length=20, pattern=CODE)
    name: str = Field(min_length=1, max_length=200)


class DirectorateUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = None


class EligibleCountIn(BaseModel):
    ward_code: str = Field(max_length=20)
    month: str = Field(pattern=MONTH, description="YYYY-MM")
    eligible: int = Field(ge=0, le=10_000_000, description="People eligible to answer the FFT")


class EligibleCountsIn(BaseModel):
    """Several counts at once; all are stored or, on any error, none."""

    counts: list[EligibleCountIn] = Field(min_length=1, max_length=5000)


class EligibleCountPublic(BaseModel):
    ward_code: str
    month: str
    eligible: int
    updated_at: dt.datetime
    updated_by: str

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m")
        return value


class OrganisationStructure(BaseModel):
    """The whole structure in one response: small, and read on every form."""

    organisation: OrganisationPublic | None
    sites: list[SitePublic]
    directorates: list[DirectoratePublic]
    wards: list[WardPublic]
