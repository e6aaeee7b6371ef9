"""Analysis of every new comment, without the feedback package knowing about labels.

A session listener sees new Feedback rows after each flush. A few (a single submission, a small
batch) are analysed at once in the same transaction: the analyser handles thousands of comments
a second, so a request pays well under a millisecond each. Larger batches and imports are
handed to the worker as a job in the same transaction, so they are never lost. Bulk Core
inserts (the batch endpoint), which the listener does not see, call ``feedback_stored`` directly.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, event, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from services.common.clock import utcnow
from services.common.db import begin_write, new_id
from services.common.jobs import PENDING, enqueue
from services.feedback_api.analysis import load_analyser
from services.feedback_api.feedback.models import Feedback, FeedbackAnswer
from services.feedback_api.jobs.models import Job
from services.feedback_api.labels import framework, service
from services.feedback_api.labels.models import FeedbackLabel

INLINE_LIMIT = 50
ANALYSE_FEEDBACK = "analyse_feedback"
REANALYSE = "reanalyse"


def _after_flush(session: OrmSession, _context: object) -> None:
    ids = list(
        dict.fromkeys(
            [obj.id for obj in session.new if isinstance(obj, Feedback)]
            + [obj.feedback_id for obj in session.new if isinstance(obj, FeedbackAnswer)]
        )
    )
    if ids:
        feedback_stored(session.connection(), ids)


def feedback_stored(connection: Connection, ids: list[uuid.UUID]) -> None:
    """Analyse new records: inline for a few, a job for more. Called by the flush listener and
    by bulk Core inserts (the batch endpoint), which the listener does not see."""
    if not ids:
        return
    if len(ids) <= INLINE_LIMIT:
        # Answers added after their record (another flush) re-analyse the record's labels.
        service.store_analyses(connection, service.load_items(connection, ids))
        return
    now = utcnow()
    connection.execute(
        insert(Job),
        [
            {
                "id": new_id(),
                "kind": ANALYSE_FEEDBACK,
                "payload": {"feedback_ids": [str(i) for i in ids[start : start + 5000]]},
                "status": PENDING,
                "attempts": 0,
                "max_attempts": 12,
                "run_after": now,
                "created_at": now,
            }
            for start in range(0, len(ids), 5000)
        ],
    )


def register() -> None:
    """Listen on every ORM session (idempotent)."""
    if not event.contains(OrmSession, "after_flush", _after_flush):
        event.listen(OrmSession, "after_flush", _after_flush)


def handle_analyse(session, payload: dict) -> None:
    service.analyse_feedback(session, [uuid.UUID(i) for i in payload.get("feedback_ids", [])])


def handle_reanalyse(session, payload: dict) -> None:
    service.reanalyse(session, everything=bool(payload.get("everything", False)))


def queue_reanalysis_if_stale(session) -> bool:
    """After a new model or framework is installed: queue one re-analysis of the records
    labelled by another version. The worker calls this as it starts; the job's key names both
    versions, so several workers starting together queue it once. True when queued."""
    model_version = load_analyser().model_version
    begin_write(session)
    framework_name = framework.current(session).name
    stale = session.execute(
        select(FeedbackLabel.feedback_id)
        .where(
            (FeedbackLabel.model_version != model_version)
            | (FeedbackLabel.framework_version != framework_name)
        )
        .limit(1)
    ).first()
    if stale is None:
        return False
    key = f"{REANALYSE}:{model_version}:{framework_name}"
    if session.execute(select(Job.id).where(Job.dedupe_key == key)).first() is not None:
        return False
    enqueue(session, Job, REANALYSE, {"everything": False}, dedupe_key=key)
    try:
        session.commit()
    except IntegrityError:  # another worker queued it first
        session.rollback()
        return False
    return True


register()
