"""Where feedback happens: the trust, its sites, directorates and wards/services.

One trust per deployment; its structure is data (DECISIONS.md), held here and referred to by
code from the other services.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import UTCDateTime
from services.feedback_api.base import FeedbackTable


class OrganisationBase(FeedbackTable):
    ods_code: str = Field(max_length=10, description="The trust's ODS code, e.g. REN")
    name: str = Field(max_length=200)


class Organisation(OrganisationBase, table=True):
    ods_code: str = Field(primary_key=True, max_length=10)


class SiteBase(FeedbackTable):
    code: str = Field(max_length=10, description="ODS site code")
    name: str = Field(max_length=200)
    active: bool = True


class Site(SiteBase, table=True):
    code: str = Field(primary_key=True, max_length=10)
    organisation_code: str = Field(foreign_key="organisation.ods_code", max_length=10)


class DirectorateBase(FeedbackTable):
    code: str = Field(max_length=20)
    name: str = Field(max_length=200)
    active: bool = True


class Directorate(DirectorateBase, table=True):
    code: str = Field(primary_key=True, max_length=20)


class WardBase(FeedbackTable):
    code: str = Field(max_length=20, description="The trust's own code for the ward or service")
    name: str = Field(max_length=200)
    site_code: str = Field(max_length=10)
    directorate_code: str | None = Field(default=None, max_length=20)
    first_specialty: str | None = Field(default=None, max_length=10)
    second_specialty: str | None = Field(default=None, max_length=10)
    fft_setting: str = Field(default="inpatient", max_length=30)
    active: bool = True


class Ward(WardBase, table=True):
    code: str = Field(primary_key=True, max_length=20)
    site_code: str = Field(foreign_key="site.code", max_length=10, index=True)
    directorate_code: str | None = Field(
        default=None, foreign_key="directorate.code", max_length=20, index=True
    )


class WardEligibleCount(FeedbackTable, table=True):
    """How many people could have answered the FFT on a ward in a month (the national return's
    Total Eligible)."""

    __tablename__ = "ward_eligible_count"

    ward_code: str = Field(foreign_key="ward.code", primary_key=True, max_length=20)
    month: dt.date = Field(primary_key=True, description="The first day of the month")
    eligible: int = Field(ge=0)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: str = Field(max_length=120)
