"""API keys: made and revoked by administrators, shown once, stored hashed, scoped to channels."""

import hashlib
import uuid

from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.integrations.models import ApiKey


def fft(comment: str) -> dict:
    return {"channel": "fft", "fft_answer": 2, "ward_code": "L4", "comment": comment}


def test_a_key_is_shown_once_and_stored_only_as_a_hash(feedback_api, admin, feedback_session):
    created = feedback_api.post(
        "/v1/admin/api-keys", json={"name": "SMS vendor", "channels": ["fft"]}, headers=admin
    )
    assert created.status_code == 201
    body = created.json()
    key = body["key"]
    assert key.startswith(f"hk_{body['id']}_") and len(key) > 50
    assert body["created_by"] == "portal:admin-user" and body["last_used_at"] is None

    listed = feedback_api.get("/v1/admin/api-keys", headers=admin).json()
    mine = next(k for k in listed["data"] if k["id"] == body["id"])
    assert "key" not in mine and key not in str(listed)
    assert mine["prefix"] == f"hk_{body['id']}_" and mine["channels"] == ["fft"]

    stored = feedback_session.get(ApiKey, body["id"])
    secret = key.split("_", 2)[2]
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in stored.model_dump_json()


def test_a_key_pushes_its_channels_and_its_last_use_is_recorded(feedback_api, new_key, admin):
    headers, key_id = new_key("fft", "compliment")
    response = feedback_api.post("/v1/feedback", json=fft("Lovely ward"), headers=headers)
    assert response.status_code == 201
    assert response.json()["submitted_via"] == "integration"
    shown = feedback_api.get(f"/v1/admin/api-keys/{key_id}", headers=admin).json()
    assert shown["last_used_at"] is not None


def test_a_channel_outside_the_keys_scope_gets_403_naming_the_allowed_ones(
    feedback_api, new_key, feedback_session
):
    headers, _ = new_key("fft", "compliment")
    marker = uuid.uuid4().hex
    response = feedback_api.post(
        "/v1/feedback",
        json={"channel": "complaint", "comment": f"Not allowed {marker}"},
        headers=headers,
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert "Allowed: compliment, fft" in response.json()["detail"]
    assert response.json()["allowed_channels"] == ["compliment", "fft"]
    stored = feedback_session.exec(select(Feedback).where(Feedback.comment.contains(marker)))
    assert stored.all() == []


def test_a_revoked_key_gets_401(feedback_api, new_key, admin):
    headers, key_id = new_key("fft")
    assert feedback_api.post("/v1/feedback", json=fft("ok"), headers=headers).status_code == 201
    revoked = feedback_api.post(f"/v1/admin/api-keys/{key_id}/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    response = feedback_api.post("/v1/feedback", json=fft("again"), headers=headers)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_wrong_or_malformed_key_gets_401(feedback_api, new_key):
    _, key_id = new_key("fft")
    for token in (f"hk_{key_id}_not-the-secret", "hk_short", "hk_" + "0" * 16 + "_x"):
        response = feedback_api.post(
            "/v1/feedback", json=fft("x"), headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 401, token


def test_only_administrators_manage_keys(feedback_api, mint, new_key):
    body = {"name": "x", "channels": ["fft"]}
    for headers in (mint("feedback", Role.patient_experience_manager), mint(), new_key("fft")[0]):
        assert feedback_api.post("/v1/admin/api-keys", json=body, headers=headers).status_code in (
            403,
        )
        assert feedback_api.get("/v1/admin/api-keys", headers=headers).status_code == 403


def test_bad_key_requests_name_the_field(feedback_api, admin):
    cases = [
        ({"name": "x", "channels": ["carrier_pigeon"]}, "channels.0", "fft"),
        ({"name": "x", "channels": []}, "channels", None),
        ({"name": "   ", "channels": ["fft"]}, "name", None),
        ({"name": "x" * 101, "channels": ["fft"]}, "name", None),
        ({"channels": ["fft"]}, "name", None),
    ]
    for body, field, named in cases:
        response = feedback_api.post("/v1/admin/api-keys", json=body, headers=admin)
        assert response.status_code == 422, body
        errors = response.json()["errors"]
        assert field in [e["field"] for e in errors], errors
        if named:
            assert named in str(errors)


def test_revoking_an_unknown_key_is_404(feedback_api, admin):
    response = feedback_api.post("/v1/admin/api-keys/0123456789abcdef/revoke", headers=admin)
    assert response.status_code == 404
