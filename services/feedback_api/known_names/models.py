"""The names Heard knows are people's, and the stamp that says when the list last changed.

Staff directory entries come from the portal (which owns the accounts): one row per account,
found again by the account's id (``source_ref``) when it is renamed or removed. Administrators
add others (consultants, GPs, volunteers without accounts). Only the name is kept: never an
email address or role.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable

MAX_NAME_CHARS = 200


class NameSource(StrEnum):
    staff_directory = "staff_directory"
    added_by_admin = "added_by_admin"


class KnownName(FeedbackTable, table=True):
    __tablename__ = "known_name"
    __table_args__ = (UniqueConstraint("source", "source_ref"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=MAX_NAME_CHARS)
    source: str = Field(max_length=40, index=True)
    # The portal's account id for staff directory entries; NULL for administrators' additions.
    source_ref: str | None = Field(default=None, max_length=100)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(max_length=120)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class KnownNameList(FeedbackTable, table=True):
    """One row: a new random ``version`` with every change to the list, so each process can
    tell with one small query whether its compiled copy of the list is still the current one."""

    __tablename__ = "known_name_list"

    id: int = Field(default=1, primary_key=True)
    version: uuid.UUID = Field(default_factory=new_id)
    changed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
