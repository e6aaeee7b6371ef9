"""``POST /v1/webhook-events``: actions_api hands over ``action.completed``; feedback_api queues
one signed delivery per subscriber of that event, once per event id however often it is sent,
and accepts it only from actions_api's own service token, with the event's fields only."""

import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer
from services.feedback_api.integrations import webhooks
from services.feedback_api.jobs.models import Job
from tests.feedback_api.integrations.subscriptions import subscribe

URL = "/v1/webhook-events"


@pytest.fixture
def as_actions(keys_dir: Path) -> dict[str, str]:
    """actions_api's worker, calling as itself."""
    issuer = TokenIssuer("actions", (keys_dir / "actions.pem").read_text())
    worker = Principal(sub="actions-service", roles=frozenset({Role.patient_experience_manager}))
    return {"Authorization": f"Bearer {issuer.mint('feedback', worker)}"}


def completed_event(**data_overrides) -> dict:
    action_id = str(uuid.uuid4())
    data = {
        "action_id": action_id,
        "reference": "1.2",
        "title": "Put up clearer signs to the discharge lounge",
        "strategy_id": str(uuid.uuid4()),
        "strategy_title": "Patient experience strategy 2019-2022",
        "commitment_id": None,
        "previous_status": "on_track",
        "status": "complete",
        "wards": ["L4"],
        "directorates": ["MED"],
        "completed_at": "2026-11-20T14:05:00+00:00",
        "portal_path": f"/staff/actions/{action_id}",
    }
    data.update(data_overrides)
    return {
        "id": str(uuid.uuid4()),
        "type": "action.completed",
        "created_at": "2026-11-20T14:05:01+00:00",
        "data": data,
    }


def deliveries(session, event_id: str) -> list[Job]:
    jobs = session.exec(select(Job).where(Job.kind == webhooks.DELIVER_WEBHOOK)).all()
    return [j for j in jobs if j.payload["event"]["id"] == event_id]


def test_a_completed_action_is_queued_once_for_each_subscriber_of_action_completed(
    feedback_api, admin, as_actions, feedback_session
):
    plans = subscribe(feedback_api, admin, ["action.completed"])
    everything = subscribe(
        feedback_api, admin, ["feedback.received", "case.status_changed", "action.completed"]
    )
    feedback_only = subscribe(feedback_api, admin, ["feedback.received"])
    event = completed_event()

    response = feedback_api.post(URL, json=event, headers=as_actions)

    assert response.status_code == 202, response.text
    assert response.json() == {
        "id": event["id"],
        "type": "action.completed",
        "queued": 2,
        "already_queued": 0,
    }
    jobs = deliveries(feedback_session, event["id"])
    assert sorted(j.payload["subscription_id"] for j in jobs) == sorted(
        [plans["id"], everything["id"]]
    )
    assert feedback_only["id"] not in [j.payload["subscription_id"] for j in jobs]
    delivered = jobs[0].payload["event"]
    # The id actions_api made is the id subscribers de-duplicate by.
    assert delivered["id"] == event["id"] and delivered["type"] == "action.completed"
    assert delivered["data"]["action_id"] == event["data"]["action_id"]
    assert delivered["data"]["title"] == event["data"]["title"]
    assert delivered["data"]["wards"] == ["L4"]
    assert delivered["data"]["portal_path"] == event["data"]["portal_path"]


def test_the_same_event_sent_again_queues_nothing_new(
    feedback_api, admin, as_actions, feedback_session
):
    subscribe(feedback_api, admin, ["action.completed"])
    event = completed_event()
    first = feedback_api.post(URL, json=event, headers=as_actions)
    assert first.json()["queued"] == 1

    # actions_api never heard the answer and tries again, perhaps with a title redacted anew.
    event["data"]["title"] = "Put up clearer signs"
    again = feedback_api.post(URL, json=event, headers=as_actions)

    assert again.status_code == 202, again.text
    assert (again.json()["queued"], again.json()["already_queued"]) == (0, 1)
    [job] = deliveries(feedback_session, event["id"])
    assert job.payload["event"]["data"]["title"] == "Put up clearer signs to the discharge lounge"
    # Another completion is another event, delivered in its own right.
    other = feedback_api.post(URL, json=completed_event(), headers=as_actions)
    assert other.json()["queued"] == 1


def test_an_event_no_one_subscribes_to_is_accepted_and_queues_nothing(
    feedback_api, admin, as_actions, feedback_session
):
    subscribe(feedback_api, admin, ["feedback.received"])
    event = completed_event()
    response = feedback_api.post(URL, json=event, headers=as_actions)
    assert response.status_code == 202, response.text
    assert (response.json()["queued"], response.json()["already_queued"]) == (0, 0)
    assert deliveries(feedback_session, event["id"]) == []


def test_only_actions_api_may_hand_over_events(feedback_api, admin, mint, new_key, keys_dir):
    event = completed_event()
    assert feedback_api.post(URL, json=event).status_code == 401
    # Users, whatever their role, get 403: the administrator subscribes, never sends.
    for user in (admin, mint("feedback", Role.patient_experience_manager), mint("feedback")):
        refused = feedback_api.post(URL, json=event, headers=user)
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert "actions" in refused.json()["detail"]
    key_headers, _ = new_key("fft")
    assert feedback_api.post(URL, json=event, headers=key_headers).status_code == 403
    # The portal signing a token as itself is still not actions_api.
    portal = TokenIssuer("portal", (keys_dir / "portal.pem").read_text())
    as_portal = {"Authorization": f"Bearer {portal.mint('feedback')}"}
    assert feedback_api.post(URL, json=event, headers=as_portal).status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "action.deleted"}, "type"),
        # feedback_api's own events are made here, never handed over.
        ({"type": "feedback.received"}, "type"),
        ({"id": "not-a-uuid"}, "id"),
        ({"created_at": "2026-11-20T14:05:01"}, "created_at"),
        ({"data": None}, "data"),
        ({"extra": "field"}, "extra"),
    ],
)
def test_a_bad_event_gets_422_naming_the_field(feedback_api, as_actions, change, field):
    event = {**completed_event(), **change}
    response = feedback_api.post(URL, json=event, headers=as_actions)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("data_change", "field"),
    [
        ({"status": "on_track"}, "data.status"),
        # Fields are fixed, so no name or narrative rides along.
        ({"lead_name": "Helen Matron"}, "data.lead_name"),
        ({"status_reason": "Because"}, "data.status_reason"),
        ({"action_id": 7}, "data.action_id"),
        ({"title": ""}, "data.title"),
        ({"wards": ["x" * 21]}, "data.wards.0"),
        ({"portal_path": "https://elsewhere.example/"}, "data.portal_path"),
    ],
)
def test_bad_event_data_gets_422_naming_the_field(feedback_api, as_actions, data_change, field):
    response = feedback_api.post(URL, json=completed_event(**data_change), headers=as_actions)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]


def test_a_body_that_is_not_an_event_gets_a_problem_never_a_500(feedback_api, as_actions):
    headers = {**as_actions, "Content-Type": "application/json"}
    for body in (b"", b"[]", b"{", b"\xff"):
        response = feedback_api.post(URL, content=body, headers=headers)
        # 400 where the bytes are not text at all, 422 where the JSON is not an event.
        assert response.status_code == (400 if body == b"\xff" else 422), body
        assert response.headers["content-type"] == "application/problem+json"
