from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field

from services.actions_api.plans.schemas import Input
from services.actions_api.yswd.models import EntryKind, EntryState


class EntryCreate(Input):
    kind: EntryKind = EntryKind.you_said
    you_said: str = Field(min_length=1, max_length=5000, description="What patients told us")
    we_did: str = Field(min_length=1, max_length=5000, description="What changed")
    theme: str | None = Field(default=None, max_length=120)
    ward_code: str | None = Field(default=None, max_length=20)
    site_code: str | None = Field(default=None, max_length=10)
    feedback_ids: list[uuid.UUID] = Field(default_factory=list, max_length=500)
    themes: list[str] = Field(default_factory=list, max_length=50)
    action_id: uuid.UUID | None = None


class EntryUpdate(Input):
    kind: EntryKind | None = None
    you_said: str | None = Field(default=None, min_length=1, max_length=5000)
    we_did: str | None = Field(default=None, min_length=1, max_length=5000)
    theme: str | None = Field(default=None, max_length=120)
    ward_code: str | None = Field(default=None, max_length=20)
    site_code: str | None = Field(default=None, max_length=10)
    feedback_ids: list[uuid.UUID] | None = Field(default=None, max_length=500)
    themes: list[str] | None = Field(default=None, max_length=50)
    action_id: uuid.UUID | None = None


class EntryPublic(BaseModel):
    """The whole entry, for staff."""

    id: uuid.UUID
    kind: EntryKind
    state: EntryState
    you_said: str
    we_did: str
    theme: str | None
    ward_code: str | None
    site_code: str | None
    feedback_ids: list[str]
    themes: list[str]
    action_id: uuid.UUID | None
    action_reference: str | None = None
    public_you_said: str | None
    public_we_did: str | None
    redacted_spans: int | None
    created_by: str
    created_by_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    approved_by: str | None
    approved_by_name: str | None
    published_at: dt.datetime | None
    archived_at: dt.datetime | None


class EntryList(BaseModel):
    data: list[EntryPublic]
    count: int


class PublishedEntry(BaseModel):
    """What the public sees: the redacted text only."""

    id: uuid.UUID
    kind: EntryKind
    you_said: str
    we_did: str
    theme: str | None
    ward_code: str | None
    site_code: str | None
    published_at: dt.datetime


class PublishedList(BaseModel):
    data: list[PublishedEntry]
    count: int
    themes: list[str]
