"""FHIR R4: Heard's FFT Questionnaire, and QuestionnaireResponses stored as FFT records."""

import uuid

from fhir.resources.R4B.questionnaire import Questionnaire
from sqlmodel import select

from services.common.fft import FFT_QUESTION
from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.ingest import fhir

PEM = Role.patient_experience_manager
FHIR_JSON = "application/fhir+json"


def response(marker: str, code: str = "4", **overrides) -> dict:
    resource = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": fhir.QUESTIONNAIRE_URL,
        "status": "completed",
        "authored": "2026-11-02T14:30:00+00:00",
        "extension": [
            {"url": fhir.WARD_EXTENSION, "valueCode": "L4"},
            {"url": fhir.MODE_EXTENSION, "valueCode": "sms"},
        ],
        "item": [
            {
                "linkId": "fft",
                "answer": [{"valueCoding": {"system": fhir.ANSWER_SYSTEM, "code": code}}],
            },
            {"linkId": "comment", "answer": [{"valueString": f"Noisy at night {marker}"}]},
        ],
    }
    resource.update(overrides)
    return resource


def post(feedback_api, headers, resource):
    return feedback_api.post(
        "/v1/fhir/QuestionnaireResponse",
        json=resource,
        headers={**headers, "Content-Type": FHIR_JSON},
    )


def stored(session, marker: str) -> list[Feedback]:
    return session.exec(select(Feedback).where(Feedback.comment.contains(marker))).all()


def test_the_questionnaire_is_valid_r4_with_the_national_question_and_six_answers(
    feedback_api, mint
):
    got = feedback_api.get("/v1/fhir/Questionnaire/fft", headers=mint())
    assert got.status_code == 200
    assert got.headers["content-type"].startswith(FHIR_JSON)
    questionnaire = Questionnaire.model_validate(got.json())
    assert questionnaire.url == "https://heard.example/fhir/Questionnaire/fft"
    fft_item, comment_item = questionnaire.item
    assert (fft_item.linkId, fft_item.text, fft_item.required) == ("fft", FFT_QUESTION, True)
    codes = [(o.valueCoding.code, o.valueCoding.display) for o in fft_item.answerOption]
    assert codes == [
        ("1", "Very good"), ("2", "Good"), ("3", "Neither good nor poor"), ("4", "Poor"),
        ("5", "Very poor"), ("6", "Don't know"),
    ]  # fmt: skip
    assert comment_item.linkId == "comment"
    code_system = feedback_api.get("/v1/fhir/CodeSystem/fft-answer", headers=mint()).json()
    assert code_system["url"] == fft_item.answerOption[0].valueCoding.system
    assert len(code_system["concept"]) == 6
    value_set = feedback_api.get("/v1/fhir/ValueSet/fft-answer", headers=mint()).json()
    assert value_set["url"] == fft_item.answerValueSet


def test_a_questionnaire_response_becomes_an_fft_record(feedback_api, new_key, feedback_session):
    headers, _ = new_key("fft")
    marker = uuid.uuid4().hex
    created = post(feedback_api, headers, response(marker))
    assert created.status_code == 201, created.text
    assert created.headers["content-type"].startswith(FHIR_JSON)
    [record] = stored(feedback_session, marker)
    assert created.json()["id"] == str(record.id)
    assert (record.channel, record.fft_answer, record.ward_code, record.site_code) == (
        "fft", 4, "L4", "REN20",
    )  # fmt: skip
    assert record.collection_mode == "sms" and record.submitted_via == "integration"
    assert record.received_at.isoformat() == "2026-11-02T14:30:00+00:00"


def test_the_ward_may_be_a_location_subject(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    resource = response(marker, code="1", extension=[])
    resource["subject"] = {
        "type": "Location",
        "identifier": {"system": fhir.WARD_SYSTEM, "value": "RT-L"},
    }
    assert post(feedback_api, mint("feedback", PEM), resource).status_code == 201
    [record] = stored(feedback_session, marker)
    assert (record.ward_code, record.fft_answer, record.collection_mode) == ("RT-L", 1, "other")


def test_invalid_responses_get_an_operation_outcome_naming_the_path(
    feedback_api, mint, feedback_session
):
    marker = uuid.uuid4().hex
    headers = mint("feedback", PEM)
    cases = [
        (response(marker, code="9"), "QuestionnaireResponse.item[0].answer[0].valueCoding.code"),
        (response(marker, authored="last tuesday"), "QuestionnaireResponse.authored"),
        (response(marker, status="in-progress"), "QuestionnaireResponse.status"),
        (response(marker, questionnaire="http://x/Q"), "QuestionnaireResponse.questionnaire"),
        (response(marker, item=[{"linkId": "other"}]), "QuestionnaireResponse.item[0].linkId"),
        (response(marker, item=[]), "QuestionnaireResponse.item"),
        (
            response(marker, extension=[{"url": fhir.WARD_EXTENSION, "valueCode": "NOPE"}]),
            "QuestionnaireResponse.extension",
        ),
        ({"resourceType": "Patient"}, "resourceType"),
        (response(marker, item=[{"answer": []}]), "QuestionnaireResponse.item[0].linkId"),
    ]
    for resource, path in cases:
        got = post(feedback_api, headers, resource)
        assert got.status_code == 422, (path, got.text)
        assert got.headers["content-type"].startswith(FHIR_JSON)
        outcome = got.json()
        assert outcome["resourceType"] == "OperationOutcome"
        paths = [e for issue in outcome["issue"] for e in issue["expression"]]
        assert path in paths, (path, outcome)
    assert stored(feedback_session, marker) == []


def test_a_response_with_an_identifier_is_stored_once(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    resource = response(marker, identifier={"system": "https://vendor.example/id", "value": marker})
    first = post(feedback_api, mint("feedback", PEM), resource)
    again = post(feedback_api, mint("feedback", PEM), resource)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert len(stored(feedback_session, marker)) == 1


def test_a_key_without_fft_gets_403(feedback_api, new_key):
    headers, _ = new_key("compliment")
    got = post(feedback_api, headers, response("x"))
    assert got.status_code == 403
    assert "Allowed: compliment" in got.json()["detail"]
