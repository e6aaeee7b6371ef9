"""Webhooks for cases: every change of a case's status queues ``case.status_changed`` with the
change, to subscribers of that event only, and never with the complaint's words or people."""

import json
import uuid

import pytest
from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.integrations import webhooks
from services.feedback_api.jobs.models import Job
from tests.feedback_api.integrations.subscriptions import subscribe


@pytest.fixture
def pals(mint):
    return mint("feedback", Role.pals_officer, sub="pals-officer-hooks")


def open_case(feedback_api, pals, marker: str) -> dict:
    body = {
        "case_type": "complaint",
        "received_how": "email",
        "received_on": "2026-11-16",
        "narrative": f"My mother was left without water {marker}",
        "complainant_name": f"Ann {marker}",
        "complainant_contact": f"ann-{marker}@example.org",
        "ward_code": "L4",
        "subjects": ["patient_care"],
    }
    response = feedback_api.post("/v1/cases", json=body, headers=pals)
    assert response.status_code == 201, response.text
    return response.json()


def case_jobs(session, case_id: str, subscription_id: str) -> list[Job]:
    jobs = session.exec(select(Job).where(Job.kind == webhooks.DELIVER_WEBHOOK)).all()
    return [
        job
        for job in jobs
        if job.payload["subscription_id"] == subscription_id
        and job.payload["event"]["data"].get("case_id") == case_id
    ]


def test_acknowledging_a_case_queues_its_status_change_without_personal_data(
    feedback_api, admin, pals, feedback_session
):
    hook = subscribe(feedback_api, admin, ["case.status_changed"])
    marker = uuid.uuid4().hex
    case = open_case(feedback_api, pals, marker)
    assert case_jobs(feedback_session, case["id"], hook["id"]) == []  # opening is no change

    url = f"/v1/cases/{case['id']}"
    done = feedback_api.post(f"{url}/acknowledge", json={"discussion_offered": True}, headers=pals)
    assert done.status_code == 200, done.text

    [job] = case_jobs(feedback_session, case["id"], hook["id"])
    event = job.payload["event"]
    assert event["type"] == "case.status_changed" and uuid.UUID(event["id"])
    assert event["data"] == {
        "case_id": case["id"],
        "reference": case["reference"],
        "case_type": "complaint",
        "previous_status": "received",
        "status": "acknowledged",
        "change": "acknowledged",
        "ward_code": "L4",
        "site_code": case["site_code"],
        "changed_at": event["data"]["changed_at"],
    }
    assert event["data"]["changed_at"].startswith(done.json()["acknowledged_on"])
    assert marker not in json.dumps(job.payload)  # no narrative, name or contact

    # A refused change queues nothing; the next accepted one queues its own event.
    again = feedback_api.post(f"{url}/acknowledge", json={"discussion_offered": True}, headers=pals)
    assert again.status_code == 422
    assert len(case_jobs(feedback_session, case["id"], hook["id"])) == 1
    moved = feedback_api.post(
        f"{url}/status", json={"status": "investigating", "note": marker}, headers=pals
    )
    assert moved.status_code == 200, moved.text
    jobs = case_jobs(feedback_session, case["id"], hook["id"])
    changes = sorted(
        (j.payload["event"]["data"]["previous_status"], j.payload["event"]["data"]["status"])
        for j in jobs
    )
    assert changes == [("acknowledged", "investigating"), ("received", "acknowledged")]
    assert len({j.payload["event"]["id"] for j in jobs}) == 2
    assert marker not in json.dumps([j.payload for j in jobs])  # nor the note


def test_a_feedback_only_subscriber_gets_no_case_changes(
    feedback_api, admin, pals, feedback_session
):
    feedback_only = subscribe(feedback_api, admin, ["feedback.received"])
    both = subscribe(feedback_api, admin, ["feedback.received", "case.status_changed"])
    case = open_case(feedback_api, pals, uuid.uuid4().hex)
    done = feedback_api.post(
        f"/v1/cases/{case['id']}/acknowledge", json={"discussion_offered": False}, headers=pals
    )
    assert done.status_code == 200, done.text
    assert case_jobs(feedback_session, case["id"], feedback_only["id"]) == []
    assert len(case_jobs(feedback_session, case["id"], both["id"])) == 1
