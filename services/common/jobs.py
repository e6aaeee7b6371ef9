"""Durable background work: a job/outbox table in each service's database and a worker loop.

Work that must not be lost (deliveries, analysis of batches, notifications, escalations) is
written as a row in the same transaction as the change that caused it, then run by the
service's worker process (``python -m services.<service>.worker``). Delivery is at least once:
a handler may run again after a crash, so receivers de-duplicate by the event id.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import sys
import threading
import traceback
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

import structlog
from sqlalchemy import Engine, Text, or_, select, update
from sqlmodel import Field, Session, SQLModel

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, begin_write, is_sqlite, new_id
from services.common.http_client import DownstreamError, DownstreamUnavailable

log = structlog.get_logger(__name__)

PENDING, RUNNING, DONE, DEAD = "pending", "running", "done", "dead"
LEASE = dt.timedelta(minutes=5)
MAX_BACKOFF = dt.timedelta(hours=1)


class JobFields(SQLModel):
    """Columns of every service's ``job`` table (each service declares its own table class)."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    kind: str = Field(max_length=80, index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    status: str = Field(default=PENDING, max_length=16, index=True)
    attempts: int = 0
    max_attempts: int = 12
    # Optional: a second enqueue with the same key is ignored (e.g. one delivery per submission).
    dedupe_key: str | None = Field(default=None, sa_column_kwargs={"unique": True}, max_length=200)
    run_after: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    locked_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


Handler = Callable[[Session, dict[str, Any]], None]


class RetryLater(Exception):
    """A handler raises this when the failure is temporary (a service down, a timeout)."""


def run_delivery(
    send: Callable[[], Coroutine[Any, Any, None]],
    refused: Callable[[DownstreamError], Exception],
) -> None:
    """Run one call to another service from a job handler: the service being unavailable or
    failing (5xx) is RetryLater; any other refusal is raised as `refused(error)`."""
    try:
        asyncio.run(send())
    except DownstreamUnavailable as exc:
        raise RetryLater(str(exc)) from exc
    except DownstreamError as exc:
        if exc.status >= 500:
            raise RetryLater(str(exc)) from exc
        raise refused(exc) from exc


def enqueue(
    session: Session,
    job_model: type[JobFields],
    kind: str,
    payload: dict[str, Any],
    *,
    dedupe_key: str | None = None,
    run_after: dt.datetime | None = None,
) -> JobFields:
    """Add a job in the caller's transaction, so it exists only if the change commits."""
    job = job_model(kind=kind, payload=payload, dedupe_key=dedupe_key)
    if run_after is not None:
        job.run_after = run_after
    session.add(job)
    return job


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(seconds=2**attempts), MAX_BACKOFF)


class Worker:
    """Claims due jobs one at a time and runs their handlers until stopped."""

    def __init__(
        self,
        engine: Engine,
        job_model: type[JobFields],
        handlers: dict[str, Handler],
        *,
        poll_interval: float = 1.0,
        name: str = "worker",
    ) -> None:
        self.engine = engine
        self.job_model = job_model
        self.handlers = handlers
        self.poll_interval = poll_interval
        self.name = name
        self.stop_event = threading.Event()

    def claim(self) -> uuid.UUID | None:
        job = self.job_model
        now = utcnow()
        due = (job.run_after <= now) & (
            (job.status == PENDING) | ((job.status == RUNNING) & (job.locked_until < now))
        )
        with Session(self.engine) as session:
            begin_write(session)
            query = select(job.id).where(due, job.kind.in_(list(self.handlers))).limit(1)
            if not is_sqlite(self.engine):
                query = query.with_for_update(skip_locked=True)
            query = query.order_by(job.run_after)
            job_id = session.execute(query).scalar_one_or_none()
            if job_id is None:
                return None
            # The conditional update makes the claim safe even where SKIP LOCKED is missing.
            claimed = session.execute(
                update(job)
                .where(job.id == job_id, or_(job.status == PENDING, job.locked_until < now))
                .values(status=RUNNING, locked_until=now + LEASE, attempts=job.attempts + 1)
            )
            session.commit()
            return job_id if claimed.rowcount == 1 else None

    def run_one(self) -> bool:
        """Run one due job; False when there was none.

        The handler runs in its own session, and the job is marked done in a short transaction
        of its own afterwards: no transaction here stays open while a handler calls another
        service, so the service's own requests never wait for (or trip over) a delivery. A
        handler commits what it writes; if the worker stops before the job is marked done, the
        job runs again when its lease ends (at least once)."""
        job_id = self.claim()
        if job_id is None:
            return False
        with Session(self.engine) as session:
            job = session.get(self.job_model, job_id)
            assert job is not None
            kind, payload = job.kind, dict(job.payload)
            session.rollback()
            try:
                self.handlers[kind](session, payload)
                session.commit()
            except Exception as exc:
                session.rollback()
                self._failed(job_id, exc)
                return True
        with Session(self.engine) as session:
            begin_write(session)
            job = session.get(self.job_model, job_id)
            assert job is not None
            job.status, job.finished_at, job.locked_until = DONE, utcnow(), None
            job.last_error = None
            session.add(job)
            session.commit()
            log.info("job_done", kind=job.kind, job_id=str(job_id), attempts=job.attempts)
        return True

    def _failed(self, job_id: uuid.UUID, exc: Exception) -> None:
        with Session(self.engine) as session:
            begin_write(session)
            job = session.get(self.job_model, job_id)
            assert job is not None
            job.last_error = "".join(traceback.format_exception_only(exc)).strip()[:2000]
            job.locked_until = None
            if job.attempts >= job.max_attempts:
                job.status, job.finished_at = DEAD, utcnow()
                log.error("job_dead", kind=job.kind, job_id=str(job_id), error=job.last_error)
            else:
                job.status = PENDING
                job.run_after = utcnow() + backoff(job.attempts)
                log.warning("job_retry", kind=job.kind, job_id=str(job_id), error=job.last_error)
            session.add(job)
            session.commit()

    def run_until_idle(self, limit: int = 1000) -> int:
        """Run due jobs until none is left (used by tests and one-off commands)."""
        ran = 0
        while ran < limit and self.run_one():
            ran += 1
        return ran

    def run_forever(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self.stop_event.set())
        log.info("worker_started", worker=self.name, kinds=sorted(self.handlers))
        while not self.stop_event.is_set():
            try:
                worked = self.run_one()
            except Exception:
                log.exception("worker_loop_error", worker=self.name)
                worked = False
            if not worked:
                self.stop_event.wait(self.poll_interval)
        log.info("worker_stopped", worker=self.name)


def schedule_command(worker: Worker, argv: list[str], schedules: dict[str, str]) -> int:
    """A worker's command line: run forever, or ``schedule NAME`` to enqueue scheduled work
    (what a Kubernetes CronJob runs)."""
    if argv[:1] == ["schedule"]:
        if len(argv) < 2 or argv[1] not in schedules:
            names = "|".join(sorted(schedules)) or "(none yet)"
            print(f"usage: schedule {names}", file=sys.stderr)
            return 2
        with Session(worker.engine) as session:
            enqueue(session, worker.job_model, schedules[argv[1]], {})
            session.commit()
        return 0
    worker.run_forever()
    return 0
