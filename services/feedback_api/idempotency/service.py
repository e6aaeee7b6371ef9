"""``Idempotency-Key`` handling, after the IETF HTTP Idempotency-Key draft.

A key is scoped to its caller (an API key, or a service and its acting user) and covers the
whole request. The first request claims the key (committed at once, so a concurrent retry sees
it); its response is stored with the work in the same transaction. A retry with the same body
gets the stored response and stores nothing new; with another body, 422; while the first is
still running, 409.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services.common.clock import utcnow
from services.common.problems import Conflict, Unprocessable, field_error
from services.feedback_api.idempotency.models import IdempotencyRecord

MAX_KEY_LENGTH = 255


def request_hash(body: Any) -> str:
    """Two bodies are the same if their canonical JSON is the same."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Replay:
    status_code: int
    body: Any


def _check(existing: IdempotencyRecord, digest: str) -> Replay:
    if existing.request_hash != digest:
        raise Unprocessable(
            "This Idempotency-Key was used with a different request body.",
            errors=[field_error("Idempotency-Key", "reused with a different body")],
        )
    if not existing.completed:
        raise Conflict("A request with this Idempotency-Key is still being processed.")
    return Replay(existing.status_code or 200, existing.response_body)


def claim(session: Session, caller: str, key: str, body: Any) -> IdempotencyRecord | Replay:
    """Claim ``key`` for this request, or return the first request's response to replay."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Unprocessable(
            errors=[field_error("Idempotency-Key", f"must be 1 to {MAX_KEY_LENGTH} characters")]
        )
    digest = request_hash(body)
    query = select(IdempotencyRecord).where(
        IdempotencyRecord.caller == caller, IdempotencyRecord.key == key
    )
    existing = session.exec(query).first()
    if existing is not None:
        return _check(existing, digest)
    record = IdempotencyRecord(caller=caller, key=key, request_hash=digest)
    session.add(record)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.exec(query).first()
        if existing is None:
            raise
        return _check(existing, digest)
    return record


def complete(session: Session, record: IdempotencyRecord, status_code: int, body: Any) -> None:
    """Store the response; the caller commits it together with the work."""
    record.completed = True
    record.status_code = status_code
    record.response_body = body
    session.add(record)


def release(session: Session, record: IdempotencyRecord) -> None:
    """The request failed: free the key so a retry can run."""
    session.rollback()
    stored = session.get(IdempotencyRecord, record.id)
    if stored is not None and not stored.completed:
        session.delete(stored)
        session.commit()


def purge(session: Session, *, older_than: dt.timedelta) -> int:
    """Forget keys older than the retention period (kept at least 24 hours)."""
    cutoff = utcnow() - max(older_than, dt.timedelta(hours=24))
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff))
    session.commit()
    return result.rowcount or 0
