"""Signing in to the portal while its worker is busy with the same database, as real processes.

On the embedded SQLite database the portal and its worker share one file. When the worker
starts it sends the staff directory to feedback_api and works through its outbox; staff signing
in at that moment must get in, not a "database is locked" error."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlmodel import Session, select

from services.common.db import make_engine
from services.common.jobs import PENDING, RUNNING
from services.portal.accounts import directory
from services.portal.accounts.models import User
from services.portal.demo import DEMO_DOMAIN
from services.portal.jobs.models import Job
from tests.support.pages import sign_in
from tests.support.stack import Stack, wait_for

pytestmark = pytest.mark.e2e

STAFF = ["pem", "pals", "matron", "staff", "board", "admin"]


def outbox_waiting(stack: Stack) -> int:
    engine = make_engine(stack.databases["portal"], "portal")
    try:
        with Session(engine) as session:
            kinds = [directory.SYNC_STAFF_NAME, directory.SYNC_STAFF_DIRECTORY]
            return len(
                session.exec(
                    select(Job.id).where(Job.kind.in_(kinds), Job.status.in_([PENDING, RUNNING]))
                ).all()
            )
    finally:
        engine.dispose()


def test_staff_sign_in_while_the_worker_starts_and_sends_the_staff_directory(
    stack: Stack,
) -> None:
    stack.stop("portal_worker")
    engine = make_engine(stack.databases["portal"], "portal")
    try:
        with Session(engine) as session:
            # Work waiting in the outbox, as after accounts were made while the worker was down.
            for user in session.exec(select(User).where(User.email.endswith(DEMO_DOMAIN))):
                for _ in range(10):
                    directory.queue_account(session, user.id)
            session.commit()
    finally:
        engine.dispose()

    stack.start("portal_worker")
    signed_in = 0
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not signed_in or outbox_waiting(stack)):
            for local in STAFF:
                with httpx.Client(base_url=stack.url("portal")) as browser:
                    sign_in(browser, f"{local}@{DEMO_DOMAIN}")  # signed in: not an error page
                    signed_in += 1
        assert wait_for(lambda: outbox_waiting(stack) == 0, 30), stack.log("portal_worker")[-3000:]
    finally:
        if stack.processes["portal_worker"].poll() is not None:
            stack.start("portal_worker")
    assert signed_in >= len(STAFF)
