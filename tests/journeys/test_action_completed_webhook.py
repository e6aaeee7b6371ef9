"""``action.completed`` across real processes: an administrator subscribes a receiver on loopback;
a manager completes an action in actions_api; the actions worker hands the event to feedback_api
with its service token and the feedback worker delivers it, signed, once. Saving the completed
action again sends nothing, and an event made while feedback_api is down arrives when it is back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from sqlmodel import Session, select

from services.actions_api.jobs.models import Job
from services.actions_api.plans import events
from services.common.db import make_engine
from services.common.jobs import DONE
from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer
from services.feedback_api.integrations import webhooks
from tests.feedback_api.integrations.conftest import Receiver
from tests.support.stack import Stack, wait_for

pytestmark = pytest.mark.e2e

ADMIN = Principal(sub="e2e-admin", roles=frozenset({Role.administrator.value}))
MANAGER = Principal(
    sub="e2e-pem", name="E2E Manager", roles=frozenset({Role.patient_experience_manager.value})
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def actions_worker(stack: Stack) -> Iterator[None]:
    stack.start("actions_worker")
    yield
    stack.stop("actions_worker")


class Heard:
    """The two APIs as the portal calls them, with a token per call."""

    def __init__(self, stack: Stack) -> None:
        self.issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
        self.feedback = httpx.Client(base_url=stack.url("feedback"), timeout=10)
        self.actions = httpx.Client(base_url=stack.url("actions"), timeout=10)

    def auth(self, audience: str, principal: Principal) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.issuer.mint(audience, principal)}"}

    def subscribe(self, url: str) -> dict:
        response = self.feedback.post(
            "/v1/admin/webhooks",
            json={"name": "Plan board", "url": url, "events": ["action.completed"]},
            headers=self.auth("feedback", ADMIN),
        )
        assert response.status_code == 201, response.text
        return response.json()

    def unsubscribe(self, hook: dict) -> None:
        self.feedback.delete(
            f"/v1/admin/webhooks/{hook['id']}", headers=self.auth("feedback", ADMIN)
        )

    def new_plan(self) -> dict:
        response = self.actions.post(
            "/v1/strategies",
            json={"title": f"Discharge plan {uuid.uuid4().hex[:6]}"},
            headers=self.auth("actions", MANAGER),
        )
        assert response.status_code == 201, response.text
        return response.json()

    def new_action(self, plan: dict, reference: str) -> dict:
        response = self.actions.post(
            f"/v1/strategies/{plan['id']}/actions",
            json={
                "reference": reference,
                "title": "Jane Okafor to put clearer signs up to the discharge lounge",
                "people": ["Jane Okafor"],
                "lead_name": "Helen Price",
                "wards": ["L4"],
                "directorates": ["HAEM"],
            },
            headers=self.auth("actions", MANAGER),
        )
        assert response.status_code == 201, response.text
        return response.json()

    def progress(self, action: dict, **body) -> None:
        response = self.actions.post(
            f"/v1/actions/{action['id']}/progress",
            json=body,
            headers=self.auth("actions", MANAGER),
        )
        assert response.status_code == 201, response.text


def arrived(receiver: Receiver, action: dict) -> list[dict]:
    return [e for e in receiver.events() if e["json"]["data"].get("action_id") == action["id"]]


def outbox(stack: Stack, action: dict) -> list[Job]:
    """actions_api's jobs that hand over this action's completions."""
    engine = make_engine(stack.databases["actions"], "actions")
    try:
        with Session(engine) as session:
            jobs = session.exec(select(Job).where(Job.kind == events.RELAY_WEBHOOK_EVENT)).all()
            return [j for j in jobs if j.payload["event"]["data"]["action_id"] == action["id"]]
    finally:
        engine.dispose()


def test_completing_an_action_sends_one_signed_event_and_saving_it_again_sends_none(
    stack: Stack, receiver: Receiver, actions_worker: None
) -> None:
    heard = Heard(stack)
    hook = heard.subscribe(receiver.url)
    marker = uuid.uuid4().hex
    try:
        plan = heard.new_plan()
        action = heard.new_action(plan, "D1")
        heard.progress(action, status="complete", note=f"Signs up, thanks to Jane {marker}")
        assert wait_for(lambda: arrived(receiver, action), 45), (
            f"no event; actions worker: {stack.log('actions_worker')[-2000:]}; "
            f"feedback worker: {stack.log('feedback_worker')[-2000:]}"
        )

        # Saved again: a note, the same status again, an edit of its text.
        heard.progress(action, note="Photos of the new signs")
        heard.progress(action, status="complete", note="Still complete")
        edited = heard.actions.patch(
            f"/v1/actions/{action['id']}",
            json={"title": "Clearer signs to the discharge lounge"},
            headers=heard.auth("actions", MANAGER),
        )
        assert edited.status_code == 200, edited.text
        # Another action completed after those saves: once its event is in, anything the
        # saves had queued would have been handed over and delivered before it.
        later = heard.new_action(plan, "D2")
        heard.progress(later, status="complete")
        assert wait_for(lambda: arrived(receiver, later), 45), stack.log("actions_worker")[-2000:]
    finally:
        heard.unsubscribe(hook)

    [job] = outbox(stack, action)
    assert job.status == DONE
    [event] = arrived(receiver, action)
    headers = {k.lower(): v for k, v in event["headers"].items()}
    assert webhooks.verify(hook["secret"], event["body"], headers["heard-signature"])
    body = event["json"]
    assert headers["heard-event-id"] == body["id"] == job.payload["event"]["id"]
    assert headers["heard-event-type"] == body["type"] == "action.completed"
    data = body["data"]
    assert data["action_id"] == action["id"] and data["reference"] == "D1"
    assert data["strategy_id"] == plan["id"] and data["strategy_title"] == plan["title"]
    assert (data["previous_status"], data["status"]) == ("not_started", "complete")
    assert (data["wards"], data["directorates"]) == (["L4"], ["HAEM"])
    assert data["portal_path"] == f"/staff/actions/{action['id']}"
    assert data["completed_at"] and "clearer signs up to the discharge lounge" in data["title"]
    # No person and no narrative: the named person is redacted, the lead and the note absent.
    for private in (b"Jane", b"Okafor", b"Helen Price", marker.encode()):
        assert private not in event["body"]


def test_an_event_made_while_feedback_api_is_down_arrives_when_it_is_back(
    stack: Stack, receiver: Receiver, actions_worker: None
) -> None:
    heard = Heard(stack)
    hook = heard.subscribe(receiver.url)
    try:
        action = heard.new_action(heard.new_plan(), "D3")
        stack.stop("feedback")
        try:
            heard.progress(action, status="complete")

            def tried_and_kept() -> bool:
                jobs = outbox(stack, action)
                return bool(jobs) and jobs[0].attempts >= 1 and jobs[0].status == "pending"

            assert wait_for(tried_and_kept, 30), stack.log("actions_worker")[-2000:]
            [job] = outbox(stack, action)
            assert "feedback is unavailable" in (job.last_error or "")
        finally:
            stack.start("feedback")
        assert wait_for(lambda: arrived(receiver, action), 60), stack.log("actions_worker")[-2000:]
    finally:
        heard.unsubscribe(hook)
    [event] = arrived(receiver, action)
    headers = {k.lower(): v for k, v in event["headers"].items()}
    assert webhooks.verify(hook["secret"], event["body"], headers["heard-signature"])
    assert [j.status for j in outbox(stack, action)] == [DONE]


def test_the_handover_route_refuses_users_and_bad_events(stack: Stack) -> None:
    heard = Heard(stack)
    event = {
        "id": str(uuid.uuid4()),
        "type": "action.completed",
        "created_at": "2026-11-20T14:05:01+00:00",
        "data": {"action_id": str(uuid.uuid4())},
    }
    as_admin = heard.auth("feedback", ADMIN)
    refused = heard.feedback.post("/v1/webhook-events", json=event, headers=as_admin)
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"

    actions = TokenIssuer("actions", (stack.keys_dir / "actions.pem").read_text())
    as_actions = {"Authorization": f"Bearer {actions.mint('feedback')}"}
    bad = heard.feedback.post("/v1/webhook-events", json=event, headers=as_actions)
    assert bad.status_code == 422
    assert "data.reference" in [e["field"] for e in bad.json()["errors"]]
    unknown = heard.feedback.post(
        "/v1/webhook-events", json={**event, "type": "action.deleted"}, headers=as_actions
    )
    assert unknown.status_code == 422
    assert "type" in [e["field"] for e in unknown.json()["errors"]]
