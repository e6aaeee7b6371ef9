"""The job/outbox worker: runs due jobs, retries with backoff, gives up, survives a crash."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from services.common.clock import utcnow
from services.common.jobs import DEAD, DONE, PENDING, RUNNING, Worker, enqueue
from services.feedback_api.jobs.models import Job


@pytest.fixture
def kind():
    """A job kind of this test's own, so tests sharing the committed table never meet."""
    return f"test_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def engine(engines):
    engine = engines["feedback"]
    yield engine
    with Session(engine) as session:
        session.execute(delete(Job).where(Job.kind.like("test_%")))
        session.commit()


def add(engine, kind: str, payload: dict, **kwargs) -> uuid.UUID:
    with Session(engine) as session:
        job = enqueue(session, Job, kind, payload, **kwargs)
        session.commit()
        return job.id


def load(engine, job_id: uuid.UUID) -> Job:
    with Session(engine) as session:
        return session.exec(select(Job).where(Job.id == job_id)).one()


def test_a_due_job_runs_once_and_is_marked_done(engine, kind: str) -> None:
    seen = []
    job_id = add(engine, kind, {"n": 1})
    worker = Worker(engine, Job, {kind: lambda _s, payload: seen.append(payload["n"])})
    assert worker.run_until_idle() == 1
    assert seen == [1]
    assert load(engine, job_id).status == DONE
    assert worker.run_until_idle() == 0


def test_a_failing_job_is_retried_later_with_backoff_then_given_up(engine, kind: str) -> None:
    def fail(_session, _payload) -> None:
        raise ConnectionError("feedback_api is down")

    job_id = add(engine, kind, {})
    worker = Worker(engine, Job, {kind: fail})
    before = utcnow()
    worker.run_until_idle()
    job = load(engine, job_id)
    assert job.status == PENDING
    assert job.attempts == 1
    assert "feedback_api is down" in job.last_error
    assert job.run_after >= before + dt.timedelta(seconds=2)
    assert worker.run_until_idle() == 0  # not due yet

    with Session(engine) as session:
        stored = session.get(Job, job_id)
        stored.attempts, stored.run_after = stored.max_attempts - 1, utcnow()
        session.add(stored)
        session.commit()
    worker.run_until_idle()
    assert load(engine, job_id).status == DEAD


def test_a_job_left_running_by_a_crashed_worker_is_taken_up_again(engine, kind: str) -> None:
    job_id = add(engine, kind, {})
    with Session(engine) as session:
        stored = session.get(Job, job_id)
        stored.status, stored.locked_until = RUNNING, utcnow() - dt.timedelta(seconds=1)
        session.add(stored)
        session.commit()
    ran = []
    Worker(engine, Job, {kind: lambda _s, _p: ran.append(True)}).run_until_idle()
    assert ran == [True]
    assert load(engine, job_id).status == DONE


def test_a_job_another_worker_holds_is_left_alone(engine, kind: str) -> None:
    job_id = add(engine, kind, {})
    with Session(engine) as session:
        stored = session.get(Job, job_id)
        stored.status, stored.locked_until = RUNNING, utcnow() + dt.timedelta(minutes=4)
        session.add(stored)
        session.commit()
    assert Worker(engine, Job, {kind: lambda _s, _p: None}).run_until_idle() == 0


def test_the_same_dedupe_key_cannot_be_queued_twice(engine, kind: str) -> None:
    key = f"{kind}-once"
    add(engine, kind, {}, dedupe_key=key)
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        add(engine, kind, {}, dedupe_key=key)


def test_work_enqueued_in_a_rolled_back_transaction_never_runs(engine, kind: str) -> None:
    with Session(engine) as session:
        enqueue(session, Job, kind, {})
        session.rollback()
    assert Worker(engine, Job, {kind: lambda _s, _p: None}).run_until_idle() == 0
