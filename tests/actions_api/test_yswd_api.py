""" "You said, we did": only an approver publishes, only redacted text is public."""

import uuid

import pytest

from services.common.roles import Role

PEM = Role.patient_experience_manager
NHS_NUMBER = "943 476 5919"  # a valid NHS number (the checksum holds)


@pytest.fixture
def pem(mint):
    return lambda: mint("actions", PEM, sub="pem-approver")


def draft(actions_api, headers, **fields):
    body = {
        "you_said": f"The waiting area had nothing to read {uuid.uuid4().hex[:6]}",
        "we_did": "We put up a rack of leaflets and magazines.",
        "theme": "Environment",
        "ward_code": "L4",
        **fields,
    }
    response = actions_api.post("/v1/yswd", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_an_entry_cannot_be_published_before_it_is_sent_for_approval(
    actions_api, pem, mint
) -> None:
    entry = draft(actions_api, pem())
    assert entry["site_code"] == "REN20"  # from the ward
    response = actions_api.post(f"/v1/yswd/{entry['id']}/publish", headers=pem())
    assert response.status_code == 409
    public = actions_api.get(
        "/v1/public/yswd", params={"ward_code": "L4"}, headers=mint("actions")
    ).json()
    assert entry["id"] not in [e["id"] for e in public["data"]]


def test_a_matron_drafts_and_submits_but_only_an_approver_publishes(actions_api, pem, mint) -> None:
    matron = mint("actions", Role.matron, sub="matron-y", directorates=("HAEM",))
    entry = draft(actions_api, matron)
    submitted = actions_api.post(f"/v1/yswd/{entry['id']}/submit", headers=matron)
    assert submitted.json()["state"] == "awaiting_approval"
    assert actions_api.post(f"/v1/yswd/{entry['id']}/publish", headers=matron).status_code == 403
    published = actions_api.post(f"/v1/yswd/{entry['id']}/publish", headers=pem())
    assert published.status_code == 200, published.text
    assert published.json()["state"] == "published"
    assert published.json()["approved_by"] == "pem-approver"


def test_an_nhs_number_never_reaches_the_public_text(actions_api, pem, mint) -> None:
    entry = draft(
        actions_api,
        pem(),
        you_said=f"My husband's NHS number {NHS_NUMBER} was read out in the waiting room.",
        we_did="Reception now checks details at the desk, quietly.",
    )
    actions_api.post(f"/v1/yswd/{entry['id']}/submit", headers=pem())
    published = actions_api.post(f"/v1/yswd/{entry['id']}/publish", headers=pem()).json()
    assert NHS_NUMBER not in published["public_you_said"]
    assert "[NHS NUMBER]" in published["public_you_said"]
    assert published["redacted_spans"] >= 1

    public = actions_api.get(
        "/v1/public/yswd", params={"ward_code": "L4"}, headers=mint("actions")
    ).json()
    shown = next(e for e in public["data"] if e["id"] == entry["id"])
    assert NHS_NUMBER not in shown["you_said"] and "[NHS NUMBER]" in shown["you_said"]
    assert "Environment" in public["themes"]


def test_a_published_entry_is_archived_off_the_public_list(actions_api, pem, mint) -> None:
    entry = draft(actions_api, pem(), ward_code="RT-L")
    for step in ("submit", "publish", "archive"):
        assert actions_api.post(f"/v1/yswd/{entry['id']}/{step}", headers=pem()).status_code == 200
    public = actions_api.get(
        "/v1/public/yswd", params={"ward_code": "RT-L"}, headers=mint("actions")
    ).json()
    assert entry["id"] not in [e["id"] for e in public["data"]]


def test_only_drafts_can_be_edited_and_wards_are_checked(actions_api, pem) -> None:
    entry = draft(actions_api, pem())
    bad = actions_api.patch(f"/v1/yswd/{entry['id']}", json={"ward_code": "ZZ9"}, headers=pem())
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "ward_code"
    actions_api.post(f"/v1/yswd/{entry['id']}/submit", headers=pem())
    locked = actions_api.patch(f"/v1/yswd/{entry['id']}", json={"we_did": "x"}, headers=pem())
    assert locked.status_code == 409


def test_the_public_cannot_draft(actions_api, mint) -> None:
    anonymous = mint("actions")
    assert (
        actions_api.post(
            "/v1/yswd", json={"you_said": "a", "we_did": "b"}, headers=anonymous
        ).status_code
        == 403
    )
    assert actions_api.get("/v1/public/yswd", headers=anonymous).status_code == 200


def test_nothing_is_published_while_redaction_is_unavailable(actions_api, apps, pem) -> None:
    from services.actions_api.clients import FeedbackApiClient

    app = apps["actions"]
    # A feedback_api nobody answers on (port 9, discard): the network fails, not our code.
    unreachable = FeedbackApiClient("http://127.0.0.1:9", app.state.token_issuer, retries=0)
    entry = draft(actions_api, pem())
    actions_api.post(f"/v1/yswd/{entry['id']}/submit", headers=pem())
    real = app.state.feedback_client
    app.state.feedback_client = unreachable
    try:
        response = actions_api.post(f"/v1/yswd/{entry['id']}/publish", headers=pem())
    finally:
        app.state.feedback_client = real
    assert response.status_code == 503
    state = actions_api.get(f"/v1/yswd/{entry['id']}", headers=pem()).json()["state"]
    assert state == "awaiting_approval"
