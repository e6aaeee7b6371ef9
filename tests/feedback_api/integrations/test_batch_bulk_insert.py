"""The batch endpoint's bulk insert of plain items: the stored redaction comes later from the
worker, but no reader ever shows personal data meanwhile; labels and webhooks still follow."""

import csv
import io
import uuid

from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.ingest import redaction
from services.feedback_api.integrations import webhooks
from services.feedback_api.jobs.models import Job
from services.feedback_api.labels import events
from services.feedback_api.labels.models import FeedbackLabel

PEM = Role.patient_experience_manager
NHS_NUMBER = "943 476 5919"


def letters() -> str:
    """A unique word of letters only (digit runs in redacted text may read as phone numbers)."""
    return uuid.uuid4().hex.translate(str.maketrans("0123456789", "ghijklmnop"))


def post_batch(feedback_api, headers, items) -> list[str]:
    response = feedback_api.post("/v1/feedback/batch", json={"items": items}, headers=headers)
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["results"]]


def job_for(session, kind: str, feedback_id: str) -> Job:
    jobs = session.exec(select(Job).where(Job.kind == kind)).all()
    return next(j for j in jobs if feedback_id in j.payload["feedback_ids"])


def test_personal_data_is_redacted_for_staff_before_and_after_the_worker_runs(
    feedback_api, mint, new_key, feedback_session
):
    marker = letters()
    headers, _ = new_key("fft")
    comment = f"Kind nurses {marker}, my NHS number is {NHS_NUMBER}"
    [feedback_id] = post_batch(
        feedback_api,
        headers,
        [{"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": comment}],
    )
    stored = feedback_session.get(Feedback, uuid.UUID(feedback_id))
    assert stored.comment == comment and stored.comment_redacted is None

    staff = mint("feedback", Role.staff, wards=("L4",))
    detail = feedback_api.get(f"/v1/feedback/{feedback_id}", headers=staff).json()
    assert NHS_NUMBER not in detail["comment"] and "[NHS NUMBER]" in detail["comment"]
    assert detail["comment_is_redacted"] is True
    listed = feedback_api.get("/v1/feedback", params={"ward_code": "L4"}, headers=staff).json()
    assert NHS_NUMBER not in str(listed)
    export = feedback_api.get(
        "/v1/feedback/export.csv", params={"ward_code": "L4"}, headers=staff
    ).text
    rows = [r for r in csv.reader(io.StringIO(export)) if any(marker in cell for cell in r)]
    assert rows and NHS_NUMBER not in str(rows) and "[NHS NUMBER]" in str(rows)
    # PALS and patient experience managers still read the words as given.
    privileged = feedback_api.get(f"/v1/feedback/{feedback_id}", headers=mint("feedback", PEM))
    assert privileged.json()["comment"] == comment

    redaction.handle_redact(
        feedback_session, job_for(feedback_session, "redact_feedback", feedback_id).payload
    )
    feedback_session.expire_all()
    stored = feedback_session.get(Feedback, uuid.UUID(feedback_id))
    assert stored.comment_redacted == f"Kind nurses {marker}, my NHS number is [NHS NUMBER]"
    found = feedback_api.get("/v1/feedback", params={"q": marker}, headers=staff).json()
    assert [row["id"] for row in found["data"]] == [feedback_id]
    assert NHS_NUMBER not in str(found)


def test_a_bulk_batch_gets_webhook_events_with_the_comment_redacted(
    feedback_api, admin, new_key, feedback_session, receiver
):
    hook = feedback_api.post(
        "/v1/admin/webhooks",
        json={"name": "Dashboard", "url": receiver.url, "events": ["feedback.received"]},
        headers=admin,
    ).json()
    headers, _ = new_key("fft")
    marker = letters()
    items = [
        {"channel": "fft", "fft_answer": 2, "ward_code": "L4", "comment": f"{marker} a.b@nhs.net"},
        {"channel": "fft", "fft_answer": 5, "ward_code": "RT-L"},
    ]
    ids = post_batch(feedback_api, headers, items)

    jobs = [
        j
        for j in feedback_session.exec(select(Job).where(Job.kind == webhooks.DELIVER_WEBHOOK))
        if j.payload["event"]["data"]["feedback_id"] in ids
    ]
    assert {j.payload["subscription_id"] for j in jobs} == {hook["id"]}
    by_id = {j.payload["event"]["data"]["feedback_id"]: j.payload["event"] for j in jobs}
    assert set(by_id) == set(ids)
    first = by_id[ids[0]]
    assert first["type"] == "feedback.received"
    assert first["data"]["comment"] == f"{marker} [EMAIL]"
    assert first["data"]["ward_code"] == "L4" and first["data"]["fft_answer"] == 2
    assert first["data"]["submitted_via"] == "integration"
    assert by_id[ids[1]]["data"]["comment"] is None
    assert by_id[ids[1]]["data"]["site_code"] is not None


def test_a_small_bulk_batch_is_labelled_at_once_and_a_large_one_by_the_worker(
    feedback_api, mint, feedback_session
):
    pem = mint("feedback", PEM)
    small = post_batch(
        feedback_api,
        pem,
        [{"channel": "fft", "fft_answer": 5, "comment": "The ward was dirty and staff were rude"}],
    )
    labelled = feedback_session.exec(
        select(FeedbackLabel).where(FeedbackLabel.feedback_id == uuid.UUID(small[0]))
    ).all()
    assert len(labelled) == 1 and labelled[0].has_comment is True

    items = [
        {"channel": "fft", "fft_answer": 1, "comment": f"Lovely caring staff {i}"}
        for i in range(events.INLINE_LIMIT + 1)
    ]
    large = post_batch(feedback_api, pem, items)
    ids = [uuid.UUID(i) for i in large]
    query = select(FeedbackLabel).where(FeedbackLabel.feedback_id.in_(ids))
    assert not feedback_session.exec(query).all()
    events.handle_analyse(
        feedback_session, job_for(feedback_session, events.ANALYSE_FEEDBACK, large[0]).payload
    )
    labels = feedback_session.exec(query).all()
    assert len(labels) == len(ids)
    assert all(label.has_comment and label.sentiment for label in labels)


def test_bulk_rows_and_rows_with_answers_are_stored_by_the_same_rules(
    feedback_api, new_key, mint, feedback_session
):
    headers, key_id = new_key("fft")
    marker = letters()
    plain = {
        "channel": "fft",
        "fft_answer": 3,
        "ward_code": "L4",
        "comment": f"Fine {marker}",
        "collection_mode": "sms",
        "received_at": "2026-03-04T10:00:00Z",
    }
    with_answers = {
        **plain,
        "answers": [
            {"question_key": "what_was_good", "question_text": "Good?", "answer_text": "x"}
        ],
    }
    ids = post_batch(feedback_api, headers, [plain, with_answers])
    rows = [feedback_session.get(Feedback, uuid.UUID(i)) for i in ids]
    shared = [
        "channel",
        "fft_answer",
        "comment",
        "ward_code",
        "site_code",
        "collection_mode",
        "fft_setting",
        "submitted_via",
        "language",
        "received_at",
        "created_by",
        "respondent_type",
        "is_demo",
        "contactable",
    ]
    assert [getattr(rows[0], name) for name in shared] == [
        getattr(rows[1], name) for name in shared
    ]
    assert rows[0].created_by == f"integration:{key_id}" and rows[0].fft_setting is not None
    # Only the bulk row waits for the worker's stored redaction.
    assert rows[0].comment_redacted is None and rows[1].comment_redacted == f"Fine {marker}"
    detail = feedback_api.get(f"/v1/feedback/{ids[0]}", headers=mint("feedback", PEM)).json()
    assert detail["national_mode"] and detail["answers"] == []


def test_a_time_without_its_offset_is_refused_and_the_other_items_kept(
    feedback_api, mint, feedback_session
):
    marker = letters()
    good = {
        "channel": "fft",
        "fft_answer": 1,
        "comment": marker,
        "received_at": "2026-03-04T10:00Z",
    }
    naive = {**good, "received_at": "2026-03-04T10:00:00"}
    response = feedback_api.post(
        "/v1/feedback/batch", json={"items": [naive, good]}, headers=mint("feedback", PEM)
    )
    assert response.status_code == 207
    first, second = response.json()["results"]
    assert first["status"] == "rejected" and first["errors"][0]["field"] == "received_at"
    assert second["status"] == "accepted"
    stored = feedback_session.exec(select(Feedback).where(Feedback.comment == marker)).all()
    assert [str(r.id) for r in stored] == [second["id"]]

    single = feedback_api.post("/v1/feedback", json=naive, headers=mint())
    assert single.status_code == 422
    assert single.json()["errors"][0]["field"] == "received_at"


def test_the_worker_runs_the_redaction_jobs():
    from services.feedback_api.settings import get_settings
    from services.feedback_api.worker import handlers

    assert handlers(get_settings())[redaction.REDACT_FEEDBACK] is redaction.handle_redact
