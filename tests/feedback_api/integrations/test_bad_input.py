"""Malformed input to the integration routes gets a 4xx naming the problem, never a 500."""

import json

from services.common.roles import Role
from services.feedback_api.ingest import fhir


def qr(**overrides) -> bytes:
    resource = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": fhir.QUESTIONNAIRE_URL,
        "item": [{"linkId": "fft", "answer": [{"valueCoding": {"code": "1"}}]}],
    }
    resource.update(overrides)
    return json.dumps(resource).encode()


def test_malformed_batches_never_get_a_500(feedback_api, mint):
    headers = {
        **mint("feedback", Role.patient_experience_manager),
        "Content-Type": "application/json",
    }
    for body in [
        b"[]",
        b'{"items": null}',
        b'{"items": [null, 1, [], {"channel": {}}]}',
        b'{"items": [{"channel": "fft", "fft_answer": 1, "received_at": "x"}]}',
        b'{"items": [{"channel": "fft", "fft_answer": 1, "ward_code": "' + b"x" * 50 + b'"}]}',
        b"\xff\xfe",
        b'{"items": [{"channel": "fft", "fft_answer": 1, "language": 5}]}',
    ]:
        response = feedback_api.post("/v1/feedback/batch", content=body, headers=headers)
        assert response.status_code in (207, 422), (body, response.status_code)


def test_malformed_fhir_resources_get_422(feedback_api, mint):
    headers = {
        **mint("feedback", Role.patient_experience_manager),
        "Content-Type": "application/fhir+json",
    }
    long_comment = [{"linkId": "comment", "answer": [{"valueString": "x" * 6000}]}]
    for body in [
        b"[]",
        b'"x"',
        qr(item="x"),
        qr(item=[{"linkId": "fft", "answer": [{"valueCoding": {}}]}]),
        qr(item=[{"linkId": "fft", "answer": [{"valueCoding": {"code": "1"}}]}, *long_comment]),
        qr(language="klingon-xx-yy!"),
        qr(extension=[{"url": fhir.WARD_EXTENSION}]),
        qr(extension=[{"url": fhir.MODE_EXTENSION, "valueCode": "carrier_pigeon"}]),
    ]:
        response = feedback_api.post(
            "/v1/fhir/QuestionnaireResponse", content=body, headers=headers
        )
        assert response.status_code == 422, (body[:80], response.status_code, response.text)


def test_malformed_csv_files_get_4xx(feedback_api, mint):
    headers = mint("feedback", Role.patient_experience_manager)
    for content in [
        b"\x00\x01\x02",
        b"FFT Answer\n\x00\n",
        b"\x81\x8d",
        b'FFT Answer,Comment\n1,"unterminated\n',
        b"FFT Answer,Response ID\n1," + b"r" * 500 + b"\n",
    ]:
        response = feedback_api.post(
            "/v1/imports", files={"file": ("a.csv", content, "text/csv")}, headers=headers
        )
        assert 200 <= response.status_code < 500, (content[:20], response.status_code)
    too_long = feedback_api.post(
        "/v1/imports",
        files={"file": ("a.csv", b"x", "text/csv")},
        data={"column_answer": "y" * 200},
        headers=headers,
    )
    assert too_long.status_code == 422


def test_malformed_admin_requests_get_422(feedback_api, mint):
    admin = mint("feedback", Role.administrator)
    for body in [
        {"name": "x", "url": "https://" + "a" * 2100 + ".example", "events": ["feedback.received"]},
        {"name": "x" * 200, "url": "https://a.example", "events": ["feedback.received"]},
        {"name": 1, "url": 2, "events": "x"},
    ]:
        assert feedback_api.post("/v1/admin/webhooks", json=body, headers=admin).status_code == 422
    assert feedback_api.get("/v1/admin/api-keys/NOTHEX", headers=admin).status_code == 422
    assert feedback_api.delete("/v1/admin/webhooks/not-a-uuid", headers=admin).status_code == 422
