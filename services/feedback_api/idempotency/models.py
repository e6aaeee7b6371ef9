from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime
from services.feedback_api.base import FeedbackTable


class IdempotencyRecord(FeedbackTable, table=True):
    """One ``Idempotency-Key`` of one caller, and the response its first request got."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("caller", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    caller: str = Field(max_length=200)
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    completed: bool = False
    status_code: int | None = None
    response_body: dict[str, Any] | list[Any] | None = Field(default=None, sa_type=JSONType)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
