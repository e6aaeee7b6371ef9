"""Request and response bodies for the list of known names."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field

from services.feedback_api.known_names.models import MAX_NAME_CHARS, NameSource

MAX_DIRECTORY_ENTRIES = 50_000


class KnownNamePublic(BaseModel):
    id: uuid.UUID
    name: str
    source: NameSource
    source_ref: str | None
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime


class KnownNameList(BaseModel):
    data: list[KnownNamePublic]
    count: int
    # How many names each source gave, whatever the filter.
    staff_directory_count: int
    added_by_admin_count: int


class KnownNameCreate(BaseModel):
    name: str = Field(max_length=MAX_NAME_CHARS)


class StaffName(BaseModel):
    name: str = Field(max_length=MAX_NAME_CHARS)


class StaffDirectoryEntry(BaseModel):
    ref: str = Field(min_length=1, max_length=100)
    name: str = Field(max_length=MAX_NAME_CHARS)


class StaffDirectory(BaseModel):
    data: list[StaffDirectoryEntry] = Field(max_length=MAX_DIRECTORY_ENTRIES)


class StaffDirectorySynced(BaseModel):
    added: int
    renamed: int
    removed: int
    unchanged: int
    skipped: int
