"""The public form's optional second step adds details to the patient's own recent feedback."""

from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.respondents.models import RespondentContact


def test_a_patient_adds_details_once_to_their_own_feedback(feedback_api, mint) -> None:
    made = feedback_api.post(
        "/v1/feedback", json={"channel": "fft", "fft_answer": 1, "ward_code": "L4"}, headers=mint()
    ).json()
    details = {
        "respondent_type": "family",
        "contact": {"consent": True, "email": "b@example.org", "preferred_method": "email"},
        "equality": {"ethnicity": "mixed_white_asian", "religion": "M"},
        "accessible_needs": ["easy_read"],
    }
    path = f"/v1/feedback/{made['id']}/respondent"
    assert feedback_api.post(path, json=details, headers=mint()).status_code == 204
    assert feedback_api.post(path, json=details, headers=mint()).status_code == 409
    got = feedback_api.get(
        f"/v1/feedback/{made['id']}", headers=mint("feedback", Role.pals_officer)
    ).json()
    assert got["respondent_type"] == "family" and got["contactable"] is True
    assert got["equality"]["ethnic_category"] == "F"
    assert [n["code"] for n in got["accessible_needs"]] == ["easy_read"]


def test_patients_cannot_add_details_to_feedback_they_did_not_give(
    feedback_api, mint, feedback_session
) -> None:
    staff_made = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "L4"},
        headers=mint("feedback", Role.staff, wards=("L4",)),
    ).json()
    details = {"contact": {"consent": True, "email": "c@example.org", "preferred_method": "email"}}
    response = feedback_api.post(
        f"/v1/feedback/{staff_made['id']}/respondent", json=details, headers=mint()
    )
    assert response.status_code == 404
    stored = feedback_session.exec(
        select(RespondentContact).where(RespondentContact.email == "c@example.org")
    ).all()
    assert stored == []
