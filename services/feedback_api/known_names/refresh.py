"""Redacting stored comments again when a name joins the list (the worker's
``redact_known_names`` job, queued by ``service`` in the same transaction as the change).

Staff and public views, searches and exports read the stored redaction, so without this a
name added today would still show in last year's comments. The job reads the stored comments
and free-text answers a page at a time, looks for a word of the new names (a set probe per
word), and redacts again only those, with the whole list; a copy is written only if it changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from services.feedback_api.analysis.redaction import KnownNames, compile_known_names, redact
from services.feedback_api.feedback.models import Feedback, FeedbackAnswer
from services.feedback_api.known_names import service
from services.feedback_api.known_names.models import KnownName

PAGE = 1000


def _pages(connection: Connection, table: Any, text: Any, copy: Any) -> Iterator[list[Any]]:
    """Rows with a stored redaction, in pages by id (keyset, so each page is one index range)."""
    after: uuid.UUID | None = None
    while True:
        query = select(table.c.id, text, copy).where(copy.is_not(None), text.is_not(None))
        if after is not None:
            query = query.where(table.c.id > after)
        rows = connection.execute(query.order_by(table.c.id).limit(PAGE)).all()
        if not rows:
            return
        yield rows
        after = rows[-1].id


def redact_again(connection: Connection, new: KnownNames, everyone: KnownNames) -> int:
    """Stored redactions of texts that mention a word of ``new``, made again with ``everyone``
    (the whole list); returns how many copies changed."""
    changed = 0
    for table, text_column, copy_column in (
        (Feedback.__table__, "comment", "comment_redacted"),
        (FeedbackAnswer.__table__, "answer_text", "answer_text_redacted"),
    ):
        text, copy = table.c[text_column], table.c[copy_column]
        for rows in _pages(connection, table, text, copy):
            updates = []
            for row in rows:
                original, stored = row[1], row[2]
                if not new.mentioned_in(original):
                    continue
                fresh = redact(original, everyone).text
                if fresh != stored:
                    updates.append({"row_id": row.id, "fresh": fresh})
            if updates:
                connection.execute(
                    update(table)
                    .where(table.c.id == bindparam("row_id"))
                    .values({copy_column: bindparam("fresh")}),
                    updates,
                )
                changed += len(updates)
    return changed


def handle(session: Any, payload: dict[str, Any]) -> None:
    """The worker's handler (the worker commits). Names removed or renamed since the job was
    queued are read as they are now."""
    ids = [uuid.UUID(i) for i in payload.get("known_name_ids", [])]
    if not ids:
        return
    names = session.execute(select(KnownName.name).where(KnownName.id.in_(ids))).scalars().all()
    if not names:
        return
    redact_again(session.connection(), compile_known_names(names), service.matcher(session))
