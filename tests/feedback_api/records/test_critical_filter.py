"""The feedback list's ``critical`` filter: only records flagged as needing urgent attention,
in the caller's scope, with a person's correction winning over the model."""

import uuid

from services.common.roles import Role

PEM = Role.patient_experience_manager
DAY = "2012-02-14"  # a day no other test uses, so the filtered list holds only this test's records


def submit(feedback_api, mint, comment: str, ward: str) -> str:
    body = {
        "channel": "fft",
        "fft_answer": 5,
        "ward_code": ward,
        "comment": f"{comment} {uuid.uuid4()}",
        "received_at": f"{DAY}T10:00:00Z",
    }
    response = feedback_api.post("/v1/feedback", json=body, headers=mint())
    assert response.status_code == 201, response.text
    return response.json()["id"]


def listed(feedback_api, headers, **params) -> set[str]:
    response = feedback_api.get(
        "/v1/feedback",
        params={"received_from": DAY, "received_to": DAY, "limit": 200, **params},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return {row["id"] for row in response.json()["data"]}


def test_critical_true_lists_only_flagged_records_in_scope(feedback_api, mint) -> None:
    urgent = submit(feedback_api, mint, "I want to end my life, I cannot go on", "RT-L")
    elsewhere = submit(feedback_api, mint, "I want to end my life, I cannot go on", "L4")
    calm = submit(feedback_api, mint, "The parking was expensive but the nurses were kind", "RT-L")

    pem = mint("feedback", PEM)
    assert listed(feedback_api, pem, critical="true") == {urgent, elsewhere}
    assert listed(feedback_api, pem, critical="false") == {calm}
    assert listed(feedback_api, pem) == {urgent, elsewhere, calm}

    ward_staff = mint("feedback", Role.staff, wards=("RT-L",))
    assert listed(feedback_api, ward_staff, critical="true") == {urgent}


def test_a_persons_correction_of_the_flag_wins_in_the_filter(feedback_api, mint) -> None:
    urgent = submit(feedback_api, mint, "I want to end my life", "RT-L")
    calm = submit(feedback_api, mint, "Lovely staff, the food was cold", "RT-L")
    pem = mint("feedback", PEM)
    assert listed(feedback_api, pem, critical="true") == {urgent}

    for feedback_id, flag in ((urgent, False), (calm, True)):
        response = feedback_api.patch(
            f"/v1/labels/feedback/{feedback_id}", json={"critical": flag}, headers=pem
        )
        assert response.status_code == 200, response.text

    assert listed(feedback_api, pem, critical="true") == {calm}
    assert listed(feedback_api, pem, critical="false") == {urgent}


def test_a_critical_value_that_is_not_a_boolean_is_refused(feedback_api, mint) -> None:
    response = feedback_api.get(
        "/v1/feedback", params={"critical": "maybe"}, headers=mint("feedback", PEM)
    )
    assert response.status_code == 422
    assert "critical" in response.text
