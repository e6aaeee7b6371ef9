"""Escalation across real processes: the deployed command `schedule escalate-overdue`, the
actions worker delivering to the running portal, and the portal worker sending the email
(logged, as no SMTP host is set in the test stack)."""

import subprocess
import sys
import time
import uuid

import httpx
import pytest
from sqlmodel import Session, select

from services.common.db import make_engine
from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer
from services.portal.accounts.models import User
from tests.support.stack import REPO_ROOT, Stack

pytestmark = pytest.mark.e2e


def test_the_daily_schedule_emails_the_lead_of_an_overdue_action(stack: Stack) -> None:
    engine = make_engine(stack.databases["portal"], "portal")
    with Session(engine) as session:
        helen = session.exec(select(User).where(User.email == "matron@demo.heard.example")).one()
    engine.dispose()
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    pem = Principal(sub="e2e-pem", name="E2E", roles=frozenset({Role.patient_experience_manager}))
    headers = {"Authorization": f"Bearer {issuer.mint('actions', pem)}"}
    reference = f"E2E-{uuid.uuid4().hex[:6]}"
    with httpx.Client(base_url=stack.url("actions"), headers=headers, timeout=30) as api:
        sid = api.post("/v1/strategies", json={"title": f"Plan {reference}"}).json()["id"]
        created = api.post(
            f"/v1/strategies/{sid}/actions",
            json={"reference": reference, "title": "Signage", "due": "Q4 2018/19",
                  "lead_user_id": str(helen.id), "lead_name": helen.name},
        )  # fmt: skip
        assert created.status_code == 201, created.text

    command = [sys.executable, "-m", "services.actions_api.worker", "schedule", "escalate-overdue"]
    subprocess.run(command, cwd=REPO_ROOT, env=stack.env, check=True, timeout=60)
    stack.start("actions_worker")
    try:
        deadline = time.monotonic() + 45
        subject = f"Action {reference} needs your attention"
        while time.monotonic() < deadline and subject not in stack.log("portal_worker"):
            time.sleep(0.5)
    finally:
        stack.stop("actions_worker")
    log = stack.log("portal_worker")
    assert subject in log, stack.log("actions_worker")[-2000:]
    assert "matron@demo.heard.example" in log
