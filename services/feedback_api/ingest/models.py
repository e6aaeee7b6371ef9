"""Imports of vendor files, and the rows already stored from them (so a re-upload adds nothing)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable


class ImportRecord(FeedbackTable, table=True):
    """One uploaded file: who, when, what it was, and what became of its rows."""

    __tablename__ = "import_record"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    kind: str = Field(default="fft_csv", max_length=20)
    file_name: str = Field(max_length=255)
    file_hash: str = Field(max_length=64, index=True)
    file_bytes: int = 0
    mapping: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_by: str = Field(max_length=120)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    rows_total: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    # [{"line": 7, "reason": "..."}], the first 1,000 rejected lines.
    rejections: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)


class ImportRow(FeedbackTable, table=True):
    """A row stored from an import, keyed so the same row is never stored twice.

    The key is the vendor's response id where the file has one (``response:<id>``), otherwise
    the file's SHA-256 and the line number (``line:<hash>:<n>``), or a FHIR resource's identifier
    (``fhir:<system>|<value>``), never the row's content: two
    patients may give identical answers on the same day.
    """

    __tablename__ = "import_row"

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=200, unique=True)
    # The import it came from; none for a FHIR resource identified by its own identifier.
    import_id: uuid.UUID | None = Field(default=None, foreign_key="import_record.id", index=True)
    line: int = 0
    feedback_id: uuid.UUID
