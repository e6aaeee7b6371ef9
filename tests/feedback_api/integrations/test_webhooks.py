"""Webhooks: subscriptions by administrators, one signed event per new feedback, retried."""

import json
import time
import uuid

import pytest
from sqlmodel import select

from services.common.jobs import RetryLater
from services.common.roles import Role
from services.feedback_api.integrations import webhooks
from services.feedback_api.integrations.models import WebhookSubscription
from services.feedback_api.jobs.models import Job
from tests.feedback_api.integrations.subscriptions import subscribe

PEM = Role.patient_experience_manager


def deliveries(session, feedback_ids: set[str]) -> list[Job]:
    jobs = session.exec(select(Job).where(Job.kind == webhooks.DELIVER_WEBHOOK)).all()
    return [j for j in jobs if j.payload["event"]["data"].get("feedback_id") in feedback_ids]


def test_a_subscription_shows_its_secret_once(feedback_api, admin):
    created = subscribe(feedback_api, admin)
    assert created["secret"].startswith("whsec_") and created["events"] == ["feedback.received"]
    listed = feedback_api.get("/v1/admin/webhooks", headers=admin).json()
    assert created["id"] in [w["id"] for w in listed["data"]]
    assert created["secret"] not in json.dumps(listed)


def test_bad_subscriptions_are_refused_naming_the_allowed_events(feedback_api, admin, mint):
    for body, field in [
        ({"name": "x", "url": "https://a.example", "events": ["feedback.deleted"]}, "events.0"),
        ({"name": "x", "url": "not a url", "events": ["feedback.received"]}, "url"),
        ({"name": "x", "url": "ftp://a.example", "events": ["feedback.received"]}, "url"),
        ({"name": "x", "url": "https://a.example", "events": []}, "events"),
    ]:
        response = feedback_api.post("/v1/admin/webhooks", json=body, headers=admin)
        assert response.status_code == 422, body
        assert field in [e["field"] for e in response.json()["errors"]]
    bad_event = feedback_api.post(
        "/v1/admin/webhooks",
        json={"name": "x", "url": "https://a.example", "events": ["feedback.deleted"]},
        headers=admin,
    )
    assert "case.status_changed" in str(bad_event.json()["errors"])
    pem = mint("feedback", PEM)
    assert feedback_api.get("/v1/admin/webhooks", headers=pem).status_code == 403


def test_each_new_feedback_queues_one_signed_delivery_per_subscriber(
    feedback_api, admin, mint, feedback_session, receiver
):
    hook = subscribe(feedback_api, admin, url=receiver.url)
    other = subscribe(feedback_api, admin, ["case.status_changed"], url="https://cases.example/h")
    one = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 5, "ward_code": "L4", "comment": "Cold"},
        headers=mint(),
    )
    batch = {"items": [{"channel": "compliment", "comment": "Thanks"}] * 3}
    many = feedback_api.post("/v1/feedback/batch", json=batch, headers=mint("feedback", PEM))
    ids = {one.json()["id"], *(r["id"] for r in many.json()["results"])}

    jobs = deliveries(feedback_session, ids)
    assert len(jobs) == 4
    assert {j.payload["subscription_id"] for j in jobs} == {hook["id"]} != {other["id"]}
    events = [j.payload["event"] for j in jobs]
    assert len({e["id"] for e in events}) == 4
    assert {e["type"] for e in events} == {"feedback.received"}
    assert sorted(e["data"]["channel"] for e in events) == ["compliment"] * 3 + ["fft"]

    for job in jobs:
        webhooks.deliver(feedback_session, job.payload)
    got = receiver.events()
    assert sorted(g["json"]["id"] for g in got) == sorted(e["id"] for e in events)
    for delivery in got:
        headers = {k.lower(): v for k, v in delivery["headers"].items()}
        assert headers["heard-event-id"] == delivery["json"]["id"]
        assert webhooks.verify(hook["secret"], delivery["body"], headers["heard-signature"])
        assert not webhooks.verify("whsec_wrong", delivery["body"], headers["heard-signature"])
    stored = feedback_session.get(WebhookSubscription, uuid.UUID(hook["id"]))
    assert stored.last_delivered_at is not None


def test_a_stale_or_tampered_signature_does_not_verify():
    body = b'{"id":"1"}'
    header = webhooks.sign("whsec_s", body, int(time.time()) - 600)
    assert not webhooks.verify("whsec_s", body, header)
    fresh = webhooks.sign("whsec_s", body, int(time.time()))
    assert webhooks.verify("whsec_s", body, fresh)
    assert not webhooks.verify("whsec_s", body + b" ", fresh)
    assert not webhooks.verify("whsec_s", body, "garbage")


def test_a_receiver_that_is_down_means_retry_later_and_the_failure_is_shown(
    feedback_api, admin, feedback_session, receiver
):
    hook = subscribe(feedback_api, admin, url=receiver.url)
    receiver.stop()
    payload = {
        "subscription_id": hook["id"],
        "event": {"id": str(uuid.uuid4()), "type": "feedback.received", "data": {}},
    }
    with pytest.raises(RetryLater):
        webhooks.deliver(feedback_session, payload)
    shown = feedback_api.get("/v1/admin/webhooks", headers=admin).json()
    mine = next(w for w in shown["data"] if w["id"] == hook["id"])
    assert mine["last_failed_at"] is not None and "ConnectError" in mine["last_error"]


def test_a_deleted_subscription_gets_nothing_more(feedback_api, admin, mint, feedback_session):
    hook = subscribe(feedback_api, admin, url="https://gone.example/h")
    assert feedback_api.delete(f"/v1/admin/webhooks/{hook['id']}", headers=admin).status_code == 204
    assert feedback_api.delete(f"/v1/admin/webhooks/{hook['id']}", headers=admin).status_code == 404
    stored = feedback_api.post(
        "/v1/feedback", json={"channel": "compliment", "comment": "Thank you"}, headers=mint()
    )
    assert stored.status_code == 201
    assert deliveries(feedback_session, {stored.json()["id"]}) == []
    # A delivery queued before the deletion is dropped quietly.
    webhooks.deliver(feedback_session, {"subscription_id": hook["id"], "event": {"id": "x"}})


def test_an_event_carries_the_redacted_comment_never_the_raw_one(
    feedback_api, admin, mint, feedback_session
):
    subscribe(feedback_api, admin)
    comment = "Nurse Bernadette Okonkwo was wonderful on the ward, call me on 07700 900123"
    stored = feedback_api.post(
        "/v1/feedback", json={"channel": "compliment", "comment": comment}, headers=mint()
    )
    [job] = deliveries(feedback_session, {stored.json()["id"]})
    sent = job.payload["event"]["data"]["comment"]
    assert "wonderful on the ward" in sent and "07700 900123" not in sent and sent != comment
