from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class BatchCreate(BaseModel):
    """Up to 1,000 pieces of feedback, each shaped as the single ``POST /v1/feedback`` body."""

    items: list[Any] = Field(
        min_length=1,
        max_length=1000,
        description="Each item is a FeedbackCreate object; each is accepted or rejected alone.",
    )


class ItemStatus(StrEnum):
    accepted = "accepted"
    rejected = "rejected"


class ItemResult(BaseModel):
    index: int = Field(description="The item's position in items, from 0")
    status: ItemStatus
    id: uuid.UUID | None = Field(default=None, description="The stored record, when accepted")
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="Why it was rejected: {field, message} pairs"
    )


class BatchResult(BaseModel):
    received: int
    accepted: int
    rejected: int
    results: list[ItemResult]


class Rejection(BaseModel):
    line: int = Field(description="The line of the file the row starts on (the header is 1)")
    reason: str


class ImportPublic(BaseModel):
    id: uuid.UUID
    kind: str
    file_name: str
    file_hash: str = Field(description="SHA-256 of the file as uploaded")
    file_bytes: int
    mapping: dict[str, Any]
    created_by: str
    created_at: dt.datetime
    rows_total: int
    accepted: int
    duplicates: int = Field(description="Rows already stored by an earlier upload")
    rejected: int
    rejections: list[Rejection]


class ImportList(BaseModel):
    data: list[ImportPublic]
    count: int
