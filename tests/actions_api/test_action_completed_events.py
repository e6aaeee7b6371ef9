"""``action.completed``: completing an action, whichever way (a progress update, with or without
an evidence file, a spreadsheet import, or an action added complete), puts one event in
actions_api's outbox with the change; saving it again puts none. The worker hands the event to
feedback_api (the real app, in process), which queues one delivery per subscriber however often
the handover is repeated; while feedback_api cannot be reached the job stays to be tried again."""

import datetime as dt
import json
import uuid

import httpx
import pytest
from sqlmodel import select

from services.actions_api.jobs.models import Job
from services.actions_api.plans import events, importexport
from services.actions_api.worker import handlers as actions_handlers
from services.common.jobs import PENDING, RetryLater
from services.common.roles import Role
from services.feedback_api.integrations import webhooks
from services.feedback_api.jobs.models import Job as FeedbackJob
from tests.support.stack import free_port

PEM = Role.patient_experience_manager
TITLE = "Jane Okafor to put clearer signs up to the discharge lounge"


@pytest.fixture
def pem(mint):
    return mint("actions", PEM, sub="pem-completions")


def new_plan(actions_api, pem) -> dict:
    response = actions_api.post(
        "/v1/strategies", json={"title": f"Discharge plan {uuid.uuid4().hex[:6]}"}, headers=pem
    )
    assert response.status_code == 201, response.text
    return response.json()


def new_action(actions_api, pem, strategy: dict, **fields) -> dict:
    body = {
        "reference": f"D{uuid.uuid4().hex[:4]}",
        "title": TITLE,
        "lead_name": "Helen Price",
        "lead_user_id": "user-helen",
        "people": ["Jane Okafor"],
        "wards": ["L4"],
        "directorates": ["HAEM"],
        "due": "Q4 2018/19",
        **fields,
    }
    response = actions_api.post(f"/v1/strategies/{strategy['id']}/actions", json=body, headers=pem)
    assert response.status_code == 201, response.text
    return response.json()


def progress(actions_api, pem, action: dict, **body) -> dict:
    response = actions_api.post(f"/v1/actions/{action['id']}/progress", json=body, headers=pem)
    assert response.status_code == 201, response.text
    return response.json()


def completions(session, action_id: str) -> list[Job]:
    jobs = session.exec(select(Job).where(Job.kind == events.RELAY_WEBHOOK_EVENT)).all()
    return sorted(
        (j for j in jobs if j.payload["event"]["data"]["action_id"] == action_id),
        key=lambda j: j.created_at,
    )


def test_completing_an_action_queues_one_event_naming_the_action_but_no_one(
    actions_api, pem, actions_session
):
    plan = new_plan(actions_api, pem)
    action = new_action(actions_api, pem, plan)
    assert completions(actions_session, action["id"]) == []  # adding it open is no completion
    marker = uuid.uuid4().hex
    update = progress(
        actions_api, pem, action, status="complete", note=f"Signs up, thanks to Jane {marker}"
    )

    [job] = completions(actions_session, action["id"])
    assert job.status == PENDING and job.max_attempts == events.MAX_ATTEMPTS
    event = job.payload["event"]
    assert event["type"] == "action.completed" and uuid.UUID(event["id"])
    assert event["data"] == {
        "action_id": action["id"],
        "reference": action["reference"],
        "title": TITLE,  # names are taken out by the worker, before it leaves actions_api
        "strategy_id": plan["id"],
        "strategy_title": plan["title"],
        "commitment_id": None,
        "previous_status": "not_started",
        "status": "complete",
        "wards": ["L4"],
        "directorates": ["HAEM"],
        "completed_at": event["data"]["completed_at"],
        "portal_path": f"/staff/actions/{action['id']}",
    }
    completed_at = dt.datetime.fromisoformat(event["data"]["completed_at"])
    assert completed_at == dt.datetime.fromisoformat(update["created_at"])
    stored = json.dumps(job.payload)
    assert marker not in stored and "Helen Price" not in stored and "user-helen" not in stored


def test_saving_a_completed_action_again_queues_no_second_event(actions_api, pem, actions_session):
    action = new_action(actions_api, pem, new_plan(actions_api, pem))
    progress(actions_api, pem, action, status="complete")
    progress(actions_api, pem, action, note="Photos of the new signs added")
    progress(actions_api, pem, action, status="complete", note="Still complete")
    edited = actions_api.patch(
        f"/v1/actions/{action['id']}", json={"title": "Clearer signs, done"}, headers=pem
    )
    assert edited.status_code == 200, edited.text
    assert len(completions(actions_session, action["id"])) == 1

    # Reopened and completed again: that is a completion of its own.
    progress(actions_api, pem, action, status="on_track", note="Patients still get lost")
    assert len(completions(actions_session, action["id"])) == 1
    progress(actions_api, pem, action, status="complete")
    first, second = completions(actions_session, action["id"])
    assert first.payload["event"]["id"] != second.payload["event"]["id"]
    assert second.payload["event"]["data"]["previous_status"] == "on_track"
    assert second.payload["event"]["data"]["title"] == "Clearer signs, done"


def test_closing_an_action_without_change_or_cancelling_it_is_no_completion(
    actions_api, pem, actions_session
):
    plan = new_plan(actions_api, pem)
    kept = new_action(actions_api, pem, plan)
    progress(actions_api, pem, kept, status="closed_without_change", status_reason="Kept as is")
    stopped = new_action(actions_api, pem, plan)
    progress(actions_api, pem, stopped, status="cancelled")
    assert completions(actions_session, kept["id"]) == []
    assert completions(actions_session, stopped["id"]) == []


def test_completing_an_action_with_an_evidence_file_queues_the_event(
    actions_api, pem, actions_session
):
    action = new_action(actions_api, pem, new_plan(actions_api, pem))
    response = actions_api.post(
        f"/v1/actions/{action['id']}/progress/evidence",
        data={"status": "complete", "note": "Photo of the signs"},
        files={"file": ("signs.pdf", b"%PDF-1.7\n% the new signs\n", "application/pdf")},
        headers=pem,
    )
    assert response.status_code == 201, response.text
    [job] = completions(actions_session, action["id"])
    assert job.payload["event"]["data"]["previous_status"] == "not_started"


def test_an_action_added_complete_queues_the_event(actions_api, pem, actions_session):
    action = new_action(actions_api, pem, new_plan(actions_api, pem), status="complete")
    [job] = completions(actions_session, action["id"])
    assert job.payload["event"]["data"]["previous_status"] is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_import_queues_an_event_for_each_action_it_completes_and_only_once(
    actions_api, pem, actions_session, fmt
):
    plan = new_plan(actions_api, pem)
    open_action = new_action(actions_api, pem, plan, reference="S1")
    done_action = new_action(actions_api, pem, plan, reference="S2")
    progress(actions_api, pem, done_action, status="complete")
    exported = actions_api.get(f"/v1/strategies/{plan['id']}/export", headers=pem)
    rows = list(importexport.read_rows(exported.content).values())
    for row in rows:
        row["status"] = "complete"  # S1 is completed by the import; S2 already was
    rows.append({**rows[0], "reference": "S3", "action": "Print a map of the hospital"})
    write = importexport.to_xlsx if fmt == "xlsx" else importexport.to_csv
    upload = {"file": (f"plan.{fmt}", write(rows), "application/octet-stream")}
    url = f"/v1/strategies/{plan['id']}/import"

    imported = actions_api.post(url, files=upload, headers=pem)
    assert imported.status_code == 200, imported.text
    assert (imported.json()["created"], imported.json()["updated"]) == (1, 2)
    [job] = completions(actions_session, open_action["id"])
    assert job.payload["event"]["data"]["previous_status"] == "not_started"
    assert len(completions(actions_session, done_action["id"])) == 1  # from its progress update
    jobs = actions_session.exec(select(Job).where(Job.kind == events.RELAY_WEBHOOK_EVENT)).all()
    [new_one] = [
        j for j in jobs
        if j.payload["event"]["data"]["strategy_id"] == plan["id"]
        and j.payload["event"]["data"]["reference"] == "S3"
    ]  # fmt: skip
    assert new_one.payload["event"]["data"]["previous_status"] is None

    # The same plan imported again changes no status: no new events.
    again = actions_api.post(url, files=upload, headers=pem)
    assert again.status_code == 200, again.text
    after = actions_session.exec(select(Job).where(Job.kind == events.RELAY_WEBHOOK_EVENT)).all()
    assert len(after) == len(jobs)


def test_the_worker_hands_the_event_over_once_with_peoples_names_taken_out(
    actions_api, pem, mint, feedback_api, apps, settings, actions_session, feedback_session
):
    admin = mint("feedback", Role.administrator, sub="admin-completions")
    subscription = {"name": "Plans", "url": "https://plans.example/hooks"}
    hook = feedback_api.post(
        "/v1/admin/webhooks", json={**subscription, "events": ["action.completed"]}, headers=admin
    )
    assert hook.status_code == 201, hook.text
    action = new_action(actions_api, pem, new_plan(actions_api, pem))
    progress(actions_api, pem, action, status="complete")
    [job] = completions(actions_session, action["id"])
    event = job.payload["event"]

    run = actions_handlers(
        settings["actions"], {"feedback": httpx.ASGITransport(app=apps["feedback"])}
    )
    run[events.RELAY_WEBHOOK_EVENT](actions_session, job.payload)
    # The answer was lost and the worker tries again: still one delivery.
    run[events.RELAY_WEBHOOK_EVENT](actions_session, job.payload)

    deliveries = [
        j
        for j in feedback_session.exec(
            select(FeedbackJob).where(FeedbackJob.kind == webhooks.DELIVER_WEBHOOK)
        )
        if j.payload["event"]["id"] == event["id"]
    ]
    assert [j.payload["subscription_id"] for j in deliveries] == [hook.json()["id"]]
    delivered = deliveries[0].payload["event"]
    assert delivered["type"] == "action.completed"
    data = delivered["data"]
    assert "Jane" not in data["title"] and "Okafor" not in data["title"]
    assert "clearer signs up to the discharge lounge" in data["title"]
    assert data["action_id"] == action["id"] and data["wards"] == ["L4"]
    assert data["portal_path"] == f"/staff/actions/{action['id']}"


def test_while_feedback_api_cannot_be_reached_the_event_is_kept_to_try_again(
    actions_api, pem, settings, actions_session
):
    action = new_action(actions_api, pem, new_plan(actions_api, pem))
    progress(actions_api, pem, action, status="complete")
    [job] = completions(actions_session, action["id"])
    nowhere = settings["actions"].model_copy(
        update={"feedback_api_url": f"http://127.0.0.1:{free_port()}"}
    )
    with pytest.raises(RetryLater, match="feedback is unavailable"):
        actions_handlers(nowhere)[events.RELAY_WEBHOOK_EVENT](actions_session, job.payload)
