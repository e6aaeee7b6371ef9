""" "You said, we did" (and "We said, we did" for co-produced changes)."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Text
from sqlmodel import Field

from services.actions_api.base import ActionsTable
from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id


class EntryKind(StrEnum):
    you_said = "you_said_we_did"
    we_said = "we_said_we_did"


class EntryState(StrEnum):
    draft = "draft"
    awaiting_approval = "awaiting_approval"
    published = "published"
    archived = "archived"


class Entry(ActionsTable, table=True):
    __tablename__ = "yswd_entry"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    kind: str = Field(default=EntryKind.you_said.value, max_length=20)
    state: str = Field(default=EntryState.draft.value, max_length=20, index=True)
    you_said: str = Field(sa_type=Text)
    we_did: str = Field(sa_type=Text)
    theme: str | None = Field(default=None, max_length=120, index=True)
    ward_code: str | None = Field(default=None, max_length=20, index=True)
    site_code: str | None = Field(default=None, max_length=10, index=True)
    feedback_ids: list[str] = Field(default_factory=list, sa_type=JSONType)
    themes: list[str] = Field(default_factory=list, sa_type=JSONType)
    action_id: uuid.UUID | None = Field(
        default=None, foreign_key="action.id", index=True, ondelete="SET NULL"
    )
    # Set only at publication, from feedback_api's redaction: public pages show only these.
    public_you_said: str | None = Field(default=None, sa_type=Text)
    public_we_did: str | None = Field(default=None, sa_type=Text)
    redacted_spans: int | None = None
    created_by: str = Field(max_length=80)
    created_by_name: str = Field(default="", max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by: str | None = Field(default=None, max_length=80)
    approved_by_name: str | None = Field(default=None, max_length=200)
    published_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    archived_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
