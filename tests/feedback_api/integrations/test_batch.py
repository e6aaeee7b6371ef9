"""The batch endpoint: per-item results, one transaction, Idempotency-Key over the whole batch."""

import uuid

from sqlalchemy import func
from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.idempotency import service as idempotency

PEM = Role.patient_experience_manager


def item(marker: str, **overrides) -> dict:
    body = {"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": f"Kind {marker}"}
    body.update(overrides)
    return body


def stored(session, marker: str) -> int:
    query = select(func.count()).select_from(Feedback).where(Feedback.comment.contains(marker))
    return session.exec(query).one()


def test_a_mixed_batch_stores_the_good_items_and_names_each_bad_one(
    feedback_api, new_key, feedback_session
):
    headers, _ = new_key("fft", "compliment")
    marker = uuid.uuid4().hex
    items = [
        item(marker),
        item(marker, fft_answer=9),
        item(marker, ward_code="NOPE"),
        item(marker, channel="compliment", fft_answer=None),
        "not an object",
        item(marker, comment="x" * 5001 + marker),
        item(marker, channel="complaint"),
        item(marker, fft_answer=4, collection_mode="sms"),
    ]
    response = feedback_api.post("/v1/feedback/batch", json={"items": items}, headers=headers)
    assert response.status_code == 207
    body = response.json()
    assert (body["received"], body["accepted"], body["rejected"]) == (8, 3, 5)
    results = body["results"]
    assert [r["index"] for r in results] == list(range(8))
    assert [r["status"] for r in results] == [
        "accepted", "rejected", "rejected", "accepted", "rejected", "rejected", "rejected",
        "accepted",
    ]  # fmt: skip
    assert results[1]["errors"][0]["field"] == "fft_answer"
    assert results[2]["errors"][0]["field"] == "ward_code" and "L4" in str(results[2]["errors"])
    assert results[4]["errors"][0]["message"] == "Each item must be a JSON object"
    assert results[5]["errors"][0]["field"] == "comment"
    assert "Allowed: compliment, fft" in results[6]["errors"][0]["message"]
    ids = {r["id"] for r in results if r["status"] == "accepted"}
    rows = feedback_session.exec(select(Feedback).where(Feedback.comment.contains(marker))).all()
    assert {str(r.id) for r in rows} == ids
    assert {r.submitted_via for r in rows} == {"integration"}


def test_a_good_batch_gets_200(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    items = [item(marker, fft_answer=n % 6 + 1) for n in range(50)]
    response = feedback_api.post(
        "/v1/feedback/batch", json={"items": items}, headers=mint("feedback", PEM)
    )
    assert response.status_code == 200
    assert response.json()["accepted"] == 50
    assert stored(feedback_session, marker) == 50


def test_a_retried_batch_returns_the_first_result_and_stores_nothing_new(
    feedback_api, new_key, feedback_session
):
    headers, _ = new_key("fft")
    marker = uuid.uuid4().hex
    batch = {"items": [item(marker), item(marker, fft_answer=3), item(marker, fft_answer=0)]}
    headers = {**headers, "Idempotency-Key": f"batch-{marker}"}
    first = feedback_api.post("/v1/feedback/batch", json=batch, headers=headers)
    assert first.status_code == 207
    again = feedback_api.post("/v1/feedback/batch", json=batch, headers=headers)
    assert again.status_code == 207
    assert again.json() == first.json()
    assert stored(feedback_session, marker) == 2


def test_the_same_key_with_another_body_gets_422(feedback_api, new_key, feedback_session):
    headers, _ = new_key("fft")
    marker = uuid.uuid4().hex
    headers = {**headers, "Idempotency-Key": f"batch-{marker}"}
    feedback_api.post("/v1/feedback/batch", json={"items": [item(marker)]}, headers=headers)
    other = {"items": [item(marker), item(marker)]}
    response = feedback_api.post("/v1/feedback/batch", json=other, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert stored(feedback_session, marker) == 1


def test_a_retry_while_the_first_is_running_gets_409(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    batch = {"items": [item(marker)]}
    # The first request has claimed the key and not finished.
    idempotency.claim(feedback_session, "portal:test-user", f"batch-{marker}", batch)
    response = feedback_api.post(
        "/v1/feedback/batch",
        json=batch,
        headers={**mint("feedback", PEM), "Idempotency-Key": f"batch-{marker}"},
    )
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert stored(feedback_session, marker) == 0


def test_more_than_1000_items_or_none_are_refused(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    for items in ([item(marker)] * 1001, []):
        response = feedback_api.post(
            "/v1/feedback/batch", json={"items": items}, headers=mint("feedback", PEM)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "items"
    assert stored(feedback_session, marker) == 0


def test_a_batch_over_10_mib_gets_413(feedback_api, mint):
    body = b'{"items": ["' + b"x" * (10 * 1024 * 1024) + b'"]}'
    response = feedback_api.post(
        "/v1/feedback/batch",
        content=body,
        headers={**mint("feedback", PEM), "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_patients_and_ward_staff_may_not_send_batches(feedback_api, mint):
    for headers in (mint(), mint("feedback", Role.staff, wards=("L4",))):
        response = feedback_api.post(
            "/v1/feedback/batch", json={"items": [item("x")]}, headers=headers
        )
        assert response.status_code == 403


def test_malformed_json_gets_422(feedback_api, mint):
    response = feedback_api.post(
        "/v1/feedback/batch",
        content=b'{"items": [',
        headers={**mint("feedback", PEM), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
