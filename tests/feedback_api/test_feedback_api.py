"""feedback_api over HTTP in process, against the real database."""

import uuid

from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback

PEM = Role.patient_experience_manager


def fft(**overrides):
    body = {"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": "Kind staff."}
    body.update(overrides)
    return body


def test_a_patient_submission_is_stored_and_staff_can_read_it(feedback_api, mint) -> None:
    comment = f"The radiographers were wonderful {uuid.uuid4()}"
    created = feedback_api.post("/v1/feedback", json=fft(comment=comment), headers=mint())
    assert created.status_code == 201
    body = created.json()
    assert body["fft_answer_label"] == "Very good"
    assert body["site_code"] == "REN20"  # taken from the ward
    assert body["submitted_via"] == "portal"

    listed = feedback_api.get("/v1/feedback", params={"q": comment}, headers=mint("feedback", PEM))
    assert listed.status_code == 200
    assert [item["comment"] for item in listed.json()["data"]] == [comment]

    one = feedback_api.get(f"/v1/feedback/{body['id']}", headers=mint("feedback", PEM))
    assert one.json()["ward_name"] == "Ward 4 (Haemato-oncology)"


def test_without_a_token_the_api_answers_401_as_problem_json(feedback_api) -> None:
    response = feedback_api.get("/v1/feedback")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["status"] == 401


def test_a_forged_token_gets_401(feedback_api) -> None:
    response = feedback_api.get("/v1/feedback", headers={"Authorization": "Bearer not.a.token"})
    assert response.status_code == 401
    assert "refused" in response.json()["detail"]


def test_a_role_that_may_not_read_feedback_gets_403_as_problem_json(feedback_api, mint) -> None:
    for headers in (mint(), mint("feedback", Role.patient_representative)):
        response = feedback_api.get("/v1/feedback", headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"


def test_staff_see_only_the_wards_in_their_scope(feedback_api, mint) -> None:
    # Letters only: ward staff search redacted text, where digit runs may read as phone numbers.
    marker = uuid.uuid4().hex.translate(str.maketrans("0123456789", "ghijklmnop"))
    for ward in ("L4", "RT-L"):
        feedback_api.post("/v1/feedback", json=fft(ward_code=ward, comment=marker), headers=mint())

    radiotherapy = mint("feedback", Role.staff, wards=("RT-L",))
    seen = feedback_api.get("/v1/feedback", params={"q": marker}, headers=radiotherapy).json()
    assert [item["ward_code"] for item in seen["data"]] == ["RT-L"]

    haem_matron = mint("feedback", Role.matron, directorates=("HAEM",))
    seen = feedback_api.get("/v1/feedback", params={"q": marker}, headers=haem_matron).json()
    assert [item["ward_code"] for item in seen["data"]] == ["L4"]

    everyone = feedback_api.get("/v1/feedback", params={"q": marker}, headers=mint("feedback", PEM))
    assert everyone.json()["count"] == 2


def test_feedback_outside_your_scope_is_not_found(feedback_api, mint) -> None:
    created = feedback_api.post("/v1/feedback", json=fft(ward_code="L4"), headers=mint()).json()
    response = feedback_api.get(
        f"/v1/feedback/{created['id']}", headers=mint("feedback", Role.staff, wards=("RT-L",))
    )
    assert response.status_code == 404


def test_an_unknown_ward_is_refused_naming_the_allowed_codes(
    feedback_api, mint, feedback_session
) -> None:
    before = len(feedback_session.exec(select(Feedback)).all())
    response = feedback_api.post("/v1/feedback", json=fft(ward_code="NOPE"), headers=mint())
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "ward_code"
    assert "L4" in error["message"] and "RT-L" in error["message"]
    assert len(feedback_session.exec(select(Feedback)).all()) == before


def test_bad_fields_get_422_with_the_field_path(feedback_api, mint) -> None:
    cases = [
        (fft(fft_answer=9), "fft_answer"),
        (fft(channel="carrier-pigeon"), "channel"),
        ({"channel": "fft"}, "body"),
        (fft(comment="x" * 5001), "comment"),
        (fft(fft_answer="very good"), "fft_answer"),
    ]
    for body, field in cases:
        response = feedback_api.post("/v1/feedback", json=body, headers=mint())
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        fields = [e["field"] for e in response.json()["errors"]]
        assert field in fields, (body, fields)


def test_a_body_over_the_limit_gets_413(feedback_api, mint) -> None:
    response = feedback_api.post(
        "/v1/feedback",
        content=b'{"comment": "' + b"x" * (1024 * 1024 + 10) + b'"}',
        headers={**mint(), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["type"] == "urn:heard:problem:payload-too-large"


def test_malformed_json_gets_422_not_500(feedback_api, mint) -> None:
    response = feedback_api.post(
        "/v1/feedback", content=b"{not json", headers={**mint(), "Content-Type": "application/json"}
    )
    assert response.status_code == 422


def test_a_retry_with_the_same_idempotency_key_stores_nothing_new(
    feedback_api, mint, feedback_session
) -> None:
    key = str(uuid.uuid4())
    body = fft(comment=f"retried {key}")
    first = feedback_api.post("/v1/feedback", json=body, headers={**mint(), "Idempotency-Key": key})
    again = feedback_api.post("/v1/feedback", json=body, headers={**mint(), "Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    stored = feedback_session.exec(
        select(Feedback).where(Feedback.comment == body["comment"])
    ).all()
    assert len(stored) == 1


def test_the_same_idempotency_key_with_another_body_gets_422(feedback_api, mint) -> None:
    key = str(uuid.uuid4())
    feedback_api.post("/v1/feedback", json=fft(), headers={**mint(), "Idempotency-Key": key})
    response = feedback_api.post(
        "/v1/feedback", json=fft(fft_answer=5), headers={**mint(), "Idempotency-Key": key}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


def test_the_organisation_is_readable_by_patients(feedback_api, mint) -> None:
    structure = feedback_api.get("/v1/organisation", headers=mint()).json()
    assert structure["organisation"]["ods_code"] == "REN"
    assert {"L4", "RT-L"} <= {w["code"] for w in structure["wards"]}


def test_only_administrators_add_wards(feedback_api, mint) -> None:
    ward = {"code": f"W{uuid.uuid4().hex[:6]}", "name": "Ward 9", "site_code": "REN20"}
    denied = feedback_api.post("/v1/organisation/wards", json=ward, headers=mint("feedback", PEM))
    assert denied.status_code == 403
    made = feedback_api.post(
        "/v1/organisation/wards", json=ward, headers=mint("feedback", Role.administrator)
    )
    assert made.status_code == 201
    again = feedback_api.post(
        "/v1/organisation/wards", json=ward, headers=mint("feedback", Role.administrator)
    )
    assert again.status_code == 409


def test_health_and_readiness(feedback_api) -> None:
    assert feedback_api.get("/healthz").json()["status"] == "ok"
    ready = feedback_api.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


def test_responses_carry_a_request_id(feedback_api) -> None:
    response = feedback_api.get(
        "/healthz", headers={"X-Request-ID": "3f2b9c1e8a7d4e6f9b0a1c2d3e4f5a6b"}
    )
    assert response.headers["x-request-id"] == "3f2b9c1e8a7d4e6f9b0a1c2d3e4f5a6b"
    assert feedback_api.get("/healthz").headers["x-request-id"]
