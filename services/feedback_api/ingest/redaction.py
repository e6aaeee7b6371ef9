"""Stored redactions for records the batch endpoint inserted in bulk.

The batch endpoint leaves ``comment_redacted`` NULL and queues one ``redact_feedback`` job in the
same transaction; the worker fills the stored redaction (searched by roles that see redacted
text, and indexed for it). Until it runs, every reader redacts on the fly, so personal data is
never shown to roles that may not see it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from services.common.clock import utcnow
from services.common.db import new_id
from services.common.jobs import PENDING
from services.feedback_api.feedback.models import Feedback, FeedbackAnswer
from services.feedback_api.feedback.service import known_names, redacted
from services.feedback_api.jobs.models import Job

REDACT_FEEDBACK = "redact_feedback"
IDS_PER_JOB = 5000


def enqueue(connection: Connection, ids: Sequence[uuid.UUID]) -> None:
    """Queue the redaction of these records, in the caller's transaction."""
    if not ids:
        return
    now = utcnow()
    connection.execute(
        insert(Job.__table__),
        [
            {
                "id": new_id(),
                "kind": REDACT_FEEDBACK,
                "payload": {"feedback_ids": [str(i) for i in ids[start : start + IDS_PER_JOB]]},
                "status": PENDING,
                "attempts": 0,
                "max_attempts": 12,
                "run_after": now,
                "created_at": now,
            }
            for start in range(0, len(ids), IDS_PER_JOB)
        ],
    )


def redact_stored(connection: Connection, ids: Sequence[uuid.UUID]) -> int:
    """Fill the missing stored redactions of these records' comments and free-text answers."""
    if not ids:
        return 0
    names = known_names(connection)
    table = Feedback.__table__
    rows = connection.execute(
        select(table.c.id, table.c.comment).where(
            table.c.id.in_(list(ids)),
            table.c.comment_redacted.is_(None),
            table.c.comment.is_not(None),
        )
    ).all()
    if rows:
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"), table.c.comment_redacted.is_(None))
            .values(comment_redacted=bindparam("text")),
            [{"row_id": row.id, "text": redacted(row.comment, names)} for row in rows],
        )
    answers = FeedbackAnswer.__table__
    answer_rows = connection.execute(
        select(answers.c.id, answers.c.answer_text).where(
            answers.c.feedback_id.in_(list(ids)),
            answers.c.answer_text_redacted.is_(None),
            answers.c.answer_text.is_not(None),
        )
    ).all()
    if answer_rows:
        connection.execute(
            update(answers)
            .where(answers.c.id == bindparam("row_id"), answers.c.answer_text_redacted.is_(None))
            .values(answer_text_redacted=bindparam("text")),
            [{"row_id": row.id, "text": redacted(row.answer_text, names)} for row in answer_rows],
        )
    return len(rows) + len(answer_rows)


def handle_redact(session: Any, payload: dict[str, Any]) -> None:
    """The worker's handler (the worker commits)."""
    ids = [uuid.UUID(i) for i in payload.get("feedback_ids", [])]
    redact_stored(session.connection(), ids)
