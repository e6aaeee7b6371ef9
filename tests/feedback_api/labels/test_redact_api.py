"""Redaction over REST for services and the portal."""

from services.common.roles import Role


def test_a_comment_with_an_nhs_number_phone_email_and_name_comes_back_redacted(
    feedback_api, mint
) -> None:
    text = (
        "My NHS number is 943 476 5919, call me on 07700 900123 or email jo.bloggs@example.com. "
        "Nurse Okonkwo was wonderful."
    )
    response = feedback_api.post(
        "/v1/redact",
        json={"text": text, "known_names": ["Okonkwo"]},
        headers=mint("feedback", Role.staff),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    for secret in ("943 476 5919", "07700 900123", "jo.bloggs@example.com", "Okonkwo"):
        assert secret not in body["text"]
    for placeholder in ("[NHS NUMBER]", "[PHONE]", "[EMAIL]", "[NAME]"):
        assert placeholder in body["text"]
    kinds = {span["kind"] for span in body["spans"]}
    assert {"nhs_number", "phone", "email", "name"} <= kinds
    first = body["spans"][0]
    assert text[first["start"] : first["end"]] in ("943 476 5919",)


def test_redaction_needs_a_signed_in_caller_and_limits_the_text(feedback_api, mint) -> None:
    anonymous = feedback_api.post("/v1/redact", json={"text": "hi"}, headers=mint())
    assert anonymous.status_code == 403
    assert feedback_api.post("/v1/redact", json={"text": "hi"}).status_code == 401
    too_long = feedback_api.post(
        "/v1/redact", json={"text": "a" * 20_001}, headers=mint("feedback", Role.board_reader)
    )
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "text"
