"""The complete feedback record: channels, modes, settings, answers, respondents, redaction."""

import uuid

import pytest
from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import (
    Channel,
    CollectionMode,
    Feedback,
    FeedbackAnswer,
    FftSetting,
    NationalMode,
    national_mode,
)
from services.feedback_api.respondents.models import EqualityMonitoring, RespondentContact

PEM = Role.patient_experience_manager
PALS = Role.pals_officer


def fft(**overrides):
    body = {"channel": "fft", "fft_answer": 2, "ward_code": "L4", "comment": "Kind staff."}
    body.update(overrides)
    return body


def create(feedback_api, mint, **overrides):
    response = feedback_api.post("/v1/feedback", json=fft(**overrides), headers=mint())
    assert response.status_code == 201, response.json()
    return response.json()


def detail(feedback_api, mint, feedback_id, *roles, **scope):
    response = feedback_api.get(
        f"/v1/feedback/{feedback_id}", headers=mint("feedback", *roles, **scope)
    )
    assert response.status_code == 200, response.json()
    return response.json()


def count(session, model) -> int:
    return len(session.exec(select(model)).all())


def test_every_channel_is_accepted_and_named_in_the_openapi_schema(feedback_api, mint) -> None:
    schema = feedback_api.get("/openapi.json").json()["components"]["schemas"]
    assert set(schema["Channel"]["enum"]) == {c.value for c in Channel}
    assert set(schema["CollectionMode"]["enum"]) == {m.value for m in CollectionMode}
    assert set(schema["FftSetting"]["enum"]) == {s.value for s in FftSetting}
    for channel in Channel:
        body = {"channel": channel.value, "comment": f"{channel.value} {uuid.uuid4()}"}
        if channel is Channel.fft:
            body["fft_answer"] = 1
        response = feedback_api.post("/v1/feedback", json=body, headers=mint())
        assert response.status_code == 201, (channel, response.json())
        assert response.json()["channel"] == channel.value


def test_collection_modes_map_onto_the_national_mode_columns() -> None:
    assert national_mode("kiosk", "inpatient") is NationalMode.electronic_discharge
    assert national_mode("qr_code", "inpatient") is NationalMode.online
    assert national_mode("electronic_home", "inpatient") is NationalMode.electronic_home
    # A&E and ambulance returns have no electronic-at-home column.
    assert national_mode("electronic_home", "ae") is NationalMode.online
    assert national_mode("electronic_home", "ambulance") is NationalMode.online
    for mode in CollectionMode:
        for setting in (*FftSetting, None):
            assert national_mode(mode, setting) in NationalMode


def test_the_fft_setting_comes_from_the_ward_unless_given(feedback_api, mint) -> None:
    from_ward = create(feedback_api, mint, ward_code="RT-L", collection_mode="kiosk")
    assert from_ward["fft_setting"] == "outpatient"
    assert from_ward["national_mode"] == "Mode Electronic Discharge"
    given = create(feedback_api, mint, ward_code="L4", fft_setting="maternity_birth")
    assert given["fft_setting"] == "maternity_birth"
    refused = feedback_api.post("/v1/feedback", json=fft(fft_setting="maternity"), headers=mint())
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "fft_setting" and "maternity_birth" in error["message"]


def test_answers_to_other_questions_are_kept_in_order(feedback_api, mint) -> None:
    answers = [
        {
            "question_key": "what_was_good",
            "question_text": "What was good?",
            "answer_text": "The nurses",
        },
        {
            "question_key": "what_could_be_better",
            "question_text": "What could be better?",
            "answer_text": "Parking",
        },
        {
            "question_key": "cqc_ip_q12",
            "question_text": "Were you given enough privacy?",
            "answer_value": "yes_always",
        },
    ]
    created = create(feedback_api, mint, answers=answers)
    got = detail(feedback_api, mint, created["id"], PEM)
    assert [(a["question_key"], a["answer_text"] or a["answer_value"]) for a in got["answers"]] == [
        ("what_was_good", "The nurses"),
        ("what_could_be_better", "Parking"),
        ("cqc_ip_q12", "yes_always"),
    ]


def test_bad_answers_are_refused_with_the_field_path_and_nothing_is_stored(
    feedback_api, mint, feedback_session
) -> None:
    before = (count(feedback_session, Feedback), count(feedback_session, FeedbackAnswer))
    good = {"question_key": "q1", "question_text": "Q?", "answer_text": "fine"}
    cases = [
        ({"answers": [good] * 101}, "answers"),
        ({"answers": [{**good, "answer_text": "x" * 5001}]}, "answers.0.answer_text"),
        ({"answers": [good, {**good, "question_key": "Bad Key"}]}, "answers.1.question_key"),
        ({"answers": [{"question_key": "q1", "question_text": "Q?"}]}, "answers.0"),
        ({"answers": [good, good]}, "body"),
        ({"answers": "what was good"}, "answers"),
    ]
    for overrides, field in cases:
        response = feedback_api.post("/v1/feedback", json=fft(**overrides), headers=mint())
        assert response.status_code == 422, overrides
        fields = [e["field"] for e in response.json()["errors"]]
        assert field in fields, (field, fields)
    after = (count(feedback_session, Feedback), count(feedback_session, FeedbackAnswer))
    assert after == before


CONTACT = {
    "consent": True,
    "name": "Ann Example",
    "email": "ann@example.org",
    "phone": "07700 900982",
    "preferred_method": "phone",
}


def test_contact_details_are_kept_apart_and_read_only_by_pals_and_pem(
    feedback_api, mint, feedback_session
) -> None:
    created = create(feedback_api, mint, respondent_type="carer", contact=CONTACT)
    assert created["contactable"] is True and created["respondent_type"] == "carer"
    assert "email" not in created and "contact" not in created
    stored = feedback_session.get(RespondentContact, uuid.UUID(created["id"]))
    assert stored.phone == "+447700900982" and stored.consent_at is not None

    for role in (PALS, PEM):
        contact = feedback_api.get(
            f"/v1/feedback/{created['id']}/contact", headers=mint("feedback", role)
        )
        assert contact.status_code == 200
        assert contact.json()["email"] == "ann@example.org"
        assert contact.json()["preferred_method_label"] == "Telephone"

    for role in (Role.staff, Role.matron, Role.board_reader, Role.administrator):
        denied = feedback_api.get(
            f"/v1/feedback/{created['id']}/contact",
            headers=mint("feedback", role, wards=("L4",)),
        )
        assert denied.status_code == 403, role
        assert denied.headers["content-type"] == "application/problem+json"

    listed = feedback_api.get(
        "/v1/feedback", params={"respondent_type": "carer"}, headers=mint("feedback", PALS)
    )
    assert "ann@example.org" not in listed.text and "Ann Example" not in listed.text


def test_no_contact_details_without_consent_or_with_a_bad_phone(
    feedback_api, mint, feedback_session
) -> None:
    before = count(feedback_session, Feedback)
    cases = [
        ({**CONTACT, "consent": False}, "contact", "consent"),
        ({**CONTACT, "phone": "12345"}, "contact.phone", "telephone number"),
        ({**CONTACT, "email": "not-an-email"}, "contact.email", ""),
        ({**CONTACT, "phone": None, "preferred_method": "sms"}, "contact", "phone"),
        ({**CONTACT, "preferred_method": "pigeon"}, "contact.preferred_method", "letter"),
    ]
    for contact, field, words in cases:
        response = feedback_api.post("/v1/feedback", json=fft(contact=contact), headers=mint())
        assert response.status_code == 422, contact
        errors = {e["field"]: e["message"] for e in response.json()["errors"]}
        assert field in errors, errors
        assert words in errors[field]
    assert count(feedback_session, Feedback) == before


def test_contact_details_for_feedback_without_any_are_not_found(feedback_api, mint) -> None:
    created = create(feedback_api, mint)
    response = feedback_api.get(
        f"/v1/feedback/{created['id']}/contact", headers=mint("feedback", PALS)
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("ethnicity", "letter"),
    [
        ("white_british", "A"),
        ("white_roma", "C"),
        ("white_gypsy_irish_traveller", "C"),
        ("asian_chinese", "R"),
        ("other_arab", "S"),
        ("black_african", "N"),
        ("prefer_not_to_say", "Z"),
    ],
)
def test_ethnicity_is_asked_in_2021_categories_and_stored_with_the_2001_letter(
    feedback_api, mint, feedback_session, ethnicity, letter
) -> None:
    created = create(feedback_api, mint, equality={"ethnicity": ethnicity})
    row = feedback_session.get(EqualityMonitoring, uuid.UUID(created["id"]))
    assert (row.ethnicity_2021, row.ethnic_category) == (ethnicity, letter)


def test_prefer_not_to_say_is_kept_apart_from_not_asked(feedback_api, mint) -> None:
    equality = {
        "ethnicity": "prefer_not_to_say",
        "sexual_orientation": "Z",
        "disability": ["ZZ"],
        "religion": "M",
    }
    declined = create(feedback_api, mint, equality=equality)
    got = detail(feedback_api, mint, declined["id"], PEM)["equality"]
    assert got["ethnic_category"] == "Z"
    assert got["labels"]["religion"] == "Prefer not to say"
    assert got["age_band"] is None and got["sex"] is None  # not asked

    partial = create(feedback_api, mint, equality={"age_band": "65-74"})
    got = detail(feedback_api, mint, partial["id"], PEM)["equality"]
    assert got["ethnicity"] is None and got["ethnic_category"] == "99"  # not asked
    assert detail(feedback_api, mint, create(feedback_api, mint)["id"], PEM)["equality"] is None


def test_unknown_equality_codes_are_refused_naming_the_allowed_values(
    feedback_api, mint, feedback_session
) -> None:
    before = count(feedback_session, Feedback)
    cases = [
        ({"ethnicity": "A"}, "equality.ethnicity", "white_british"),
        ({"sex": "M"}, "equality.sex", "'1'"),
        ({"religion": "Z"}, "equality.religion", "'M'"),
        ({"disability": ["02", "NN"]}, "equality.disability", "NN"),
        ({"age_band": "60"}, "equality.age_band", "65-74"),
    ]
    for equality, field, allowed in cases:
        response = feedback_api.post("/v1/feedback", json=fft(equality=equality), headers=mint())
        assert response.status_code == 422, equality
        errors = {e["field"]: e["message"] for e in response.json()["errors"]}
        assert field in errors, errors
        assert allowed in errors[field]
    assert count(feedback_session, Feedback) == before


def test_equality_data_and_needs_are_visible_only_to_pals_and_pem(feedback_api, mint) -> None:
    created = create(
        feedback_api,
        mint,
        equality={"ethnicity": "asian_indian", "sex": "2"},
        accessible_needs=["large_print", "bsl_interpreter"],
    )
    for role in (PALS, PEM):
        got = detail(feedback_api, mint, created["id"], role)
        assert got["personal_data_visible"] is True
        assert got["equality"]["ethnic_category"] == "H"
        assert {n["code"] for n in got["accessible_needs"]} == {"large_print", "bsl_interpreter"}
    ward_staff = detail(feedback_api, mint, created["id"], Role.staff, wards=("L4",))
    assert ward_staff["equality"] is None and ward_staff["accessible_needs"] is None
    assert ward_staff["personal_data_visible"] is False


def test_the_accessible_needs_list_is_seeded_and_administrators_extend_it(
    feedback_api, mint
) -> None:
    needs = feedback_api.get("/v1/accessible-needs", headers=mint()).json()
    by_code = {n["code"]: n for n in needs}
    for code in ("large_print", "easy_read", "bsl_interpreter", "hearing_loop", "braille"):
        assert code in by_code
    assert {n["category"] for n in needs} == {
        "contact_method",
        "information_format",
        "communication_professional",
        "communication_support",
    }
    code = f"moon_{uuid.uuid4().hex[:8]}"
    refused = feedback_api.post("/v1/feedback", json=fft(accessible_needs=[code]), headers=mint())
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "accessible_needs.0" and "large_print" in error["message"]

    need = {"code": code, "label": "Moon type", "category": "information_format"}
    assert (
        feedback_api.post(
            "/v1/accessible-needs", json=need, headers=mint("feedback", PEM)
        ).status_code
        == 403
    )
    admin = mint("feedback", Role.administrator)
    assert feedback_api.post("/v1/accessible-needs", json=need, headers=admin).status_code == 201
    assert feedback_api.post("/v1/accessible-needs", json=need, headers=admin).status_code == 409
    bad = feedback_api.post("/v1/accessible-needs", json={**need, "category": "x"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "category"
    assert create(feedback_api, mint, accessible_needs=[code])["id"]

    retired = feedback_api.patch(
        f"/v1/accessible-needs/{code}", json={"active": False}, headers=admin
    )
    assert retired.status_code == 200 and retired.json()["active"] is False
    again = feedback_api.post("/v1/feedback", json=fft(accessible_needs=[code]), headers=mint())
    assert again.status_code == 422


def test_the_submission_language_is_kept(feedback_api, mint) -> None:
    assert create(feedback_api, mint, language="cy")["language"] == "cy"
    refused = feedback_api.post("/v1/feedback", json=fft(language="Welsh!"), headers=mint())
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "language"


def test_comments_and_answers_are_redacted_except_for_pals_and_pem(feedback_api, mint) -> None:
    comment = "Nurse Sarah Jones was rude, ring me on 07700 900123"
    answers = [
        {
            "question_key": "what_could_be_better",
            "question_text": "What could be better?",
            "answer_text": "Email me at ann@example.org",
        }
    ]
    created = create(feedback_api, mint, comment=comment, answers=answers)
    assert "07700" not in created["comment"]  # the submitter's copy is redacted too

    staff = detail(feedback_api, mint, created["id"], Role.staff, wards=("L4",))
    assert "07700 900123" not in staff["comment"] and "[PHONE]" in staff["comment"]
    assert staff["comment_is_redacted"] is True
    assert "ann@example.org" not in staff["answers"][0]["answer_text"]

    for role in (PALS, PEM):
        full = detail(feedback_api, mint, created["id"], role)
        assert full["comment"] == comment and full["comment_is_redacted"] is False
        assert full["answers"][0]["answer_text"] == "Email me at ann@example.org"
