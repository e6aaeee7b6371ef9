"""Webhooks for real: the feedback worker delivers to a receiver on loopback that is stopped and
started again; every event arrives with a valid signature (duplicates allowed)."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer
from services.feedback_api.integrations import webhooks
from tests.support.stack import Stack, wait_for

pytestmark = pytest.mark.e2e


def test_every_event_reaches_a_receiver_that_was_down_for_a_while(stack: Stack, receiver) -> None:
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    admin = Principal(sub="e2e-admin", roles=frozenset({Role.administrator.value}))
    api = httpx.Client(base_url=stack.url("feedback"), timeout=10)

    def as_admin() -> dict[str, str]:
        return {"Authorization": f"Bearer {issuer.mint('feedback', admin)}"}

    hook = api.post(
        "/v1/admin/webhooks",
        json={"name": "e2e", "url": receiver.url, "events": ["feedback.received"]},
        headers=as_admin(),
    ).json()
    key = api.post(
        "/v1/admin/api-keys", json={"name": "e2e", "channels": ["fft"]}, headers=as_admin()
    ).json()["key"]
    vendor = {"Authorization": f"Bearer {key}"}
    marker = uuid.uuid4().hex
    expected: set[str] = set()

    def push(count: int, answer: int) -> None:
        items = [
            {"channel": "fft", "fft_answer": answer, "ward_code": "L4", "comment": f"{marker} {n}"}
            for n in range(count)
        ]
        response = api.post("/v1/feedback/batch", json={"items": items}, headers=vendor)
        assert response.status_code == 200, response.text
        expected.update(r["id"] for r in response.json()["results"])

    def arrived() -> set[str]:
        return {e["json"]["data"]["feedback_id"] for e in receiver.events()}

    try:
        push(3, 1)
        one = api.post(
            "/v1/feedback",
            json={"channel": "fft", "fft_answer": 2, "comment": f"{marker} single"},
            headers=vendor,
        )
        expected.add(one.json()["id"])
        assert wait_for(lambda: expected <= arrived(), 30), "the first events did not arrive"

        receiver.stop()
        push(4, 5)
        time.sleep(3)  # the worker tries, fails and backs off
        receiver.start()  # the same port again
        assert wait_for(lambda: expected <= arrived(), 60), (
            f"missing {len(expected - arrived())} events; worker log: "
            f"{stack.log('feedback_worker')[-2000:]}"
        )
    finally:
        api.delete(f"/v1/admin/webhooks/{hook['id']}", headers=as_admin())

    events = receiver.events()
    assert len(events) >= len(expected) == 8
    ids_by_feedback = {}
    for event in events:
        headers = {k.lower(): v for k, v in event["headers"].items()}
        assert webhooks.verify(hook["secret"], event["body"], headers["heard-signature"])
        assert event["json"]["type"] == "feedback.received"
        feedback_id = event["json"]["data"]["feedback_id"]
        # A duplicate of an event carries the same event id.
        assert ids_by_feedback.setdefault(feedback_id, event["json"]["id"]) == event["json"]["id"]
    shown = api.get("/v1/admin/webhooks", headers=as_admin())
    assert hook["id"] not in [w["id"] for w in shown.json()["data"]]


def test_a_case_acknowledgement_reaches_the_receiver_signed(stack: Stack, receiver) -> None:
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    admin = Principal(sub="e2e-admin", roles=frozenset({Role.administrator.value}))
    officer = Principal(sub="e2e-pals", roles=frozenset({Role.pals_officer.value}))
    api = httpx.Client(base_url=stack.url("feedback"), timeout=10)

    def auth(principal: Principal) -> dict[str, str]:
        return {"Authorization": f"Bearer {issuer.mint('feedback', principal)}"}

    hook = api.post(
        "/v1/admin/webhooks",
        json={"name": "e2e cases", "url": receiver.url, "events": ["case.status_changed"]},
        headers=auth(admin),
    ).json()
    marker = uuid.uuid4().hex
    try:
        case = api.post(
            "/v1/cases",
            json={
                "case_type": "pals",
                "received_how": "phone",
                "narrative": f"Nobody called me back {marker}",
                "ward_code": "L4",
            },
            headers=auth(officer),
        )
        assert case.status_code == 201, case.text
        case_id = case.json()["id"]
        done = api.post(
            f"/v1/cases/{case_id}/acknowledge",
            json={"discussion_offered": True},
            headers=auth(officer),
        )
        assert done.status_code == 200, done.text

        def mine() -> list[dict]:
            return [e for e in receiver.events() if e["json"]["data"].get("case_id") == case_id]

        assert wait_for(mine, 30), f"no event; worker log: {stack.log('feedback_worker')[-2000:]}"
    finally:
        api.delete(f"/v1/admin/webhooks/{hook['id']}", headers=auth(admin))

    event = mine()[0]
    headers = {k.lower(): v for k, v in event["headers"].items()}
    assert webhooks.verify(hook["secret"], event["body"], headers["heard-signature"])
    assert headers["heard-event-id"] == event["json"]["id"]
    assert event["json"]["type"] == headers["heard-event-type"] == "case.status_changed"
    data = event["json"]["data"]
    assert (data["previous_status"], data["status"]) == ("received", "acknowledged")
    assert data["reference"] == case.json()["reference"]
    assert marker.encode() not in event["body"]
