"""CSV import of an FFT vendor export: mapping, rejected lines, and rows stored once."""

import uuid

from sqlalchemy import func
from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback

PEM = Role.patient_experience_manager
HEADER = "Response ID,Response Date,Ward Code,FFT Answer,Comment,Mode\n"


def upload(feedback_api, headers, content: str | bytes, name: str = "export.csv", **fields):
    data = content.encode() if isinstance(content, str) else content
    return feedback_api.post(
        "/v1/imports", files={"file": (name, data, "text/csv")}, data=fields, headers=headers
    )


def stored(session, marker: str) -> list[Feedback]:
    return session.exec(select(Feedback).where(Feedback.comment.contains(marker))).all()


def test_an_export_is_imported_with_each_bad_line_reported(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    content = HEADER + (
        f"R1-{marker},2026-11-01,L4,Very good,Lovely staff {marker},SMS\n"
        f'R2-{marker},02/11/2026,RT-L,4,"Long wait, cold room {marker}",Paper at home\n'
        f"R3-{marker},2026-11-03,L4,Excellent,Not an answer {marker},SMS\n"
        f"R4-{marker},2026-11-03,NOPE,2,Unknown ward {marker},SMS\n"
        f"R5-{marker},yesterday,L4,2,Bad date {marker},SMS\n"
        f"R6-{marker},2026-11-04,L4,,No answer {marker},SMS\n"
        f"R7-{marker},2026-11-04,L4,1,Odd mode {marker},pigeon\n"
        f"R8-{marker},2026-11-05,L4,6,,\n"
    )
    response = upload(feedback_api, mint("feedback", PEM), content)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["rows_total"], body["accepted"], body["rejected"], body["duplicates"]) == (
        8, 3, 5, 0,
    )  # fmt: skip
    reasons = {r["line"]: r["reason"] for r in body["rejections"]}
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert "'Excellent' is not an FFT answer" in reasons[4] and "1 Very good" in reasons[4]
    assert "Unknown ward code 'NOPE'" in reasons[5]
    assert "not a date" in reasons[6]
    assert "no FFT answer" in reasons[7]
    assert "mode 'pigeon'" in reasons[8]
    assert body["file_name"] == "export.csv" and len(body["file_hash"]) == 64
    assert body["created_by"] == "portal:test-user"

    rows = {r.comment: r for r in stored(feedback_session, marker)}
    good = rows[f"Lovely staff {marker}"]
    assert (good.fft_answer, good.ward_code, good.collection_mode) == (1, "L4", "sms")
    assert good.received_at.date().isoformat() == "2026-11-01"
    assert good.submitted_via == "import" and good.channel == "fft"
    wait = rows[f"Long wait, cold room {marker}"]
    assert (wait.fft_answer, wait.collection_mode, wait.site_code) == (4, "paper_home", "REN20")

    again = feedback_api.get(f"/v1/imports/{body['id']}", headers=mint("feedback", PEM))
    assert again.status_code == 200 and again.json()["rejections"] == body["rejections"]


def test_uploading_the_same_file_twice_stores_its_rows_once(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    content = HEADER + "".join(
        f"V{n}-{marker},2026-11-01,L4,{n % 6 + 1},Comment {n} {marker},SMS\n" for n in range(20)
    )
    first = upload(feedback_api, mint("feedback", PEM), content).json()
    second = upload(feedback_api, mint("feedback", PEM), content, name="again.csv").json()
    assert (first["accepted"], first["duplicates"]) == (20, 0)
    assert (second["accepted"], second["duplicates"]) == (0, 20)
    assert second["id"] != first["id"]
    assert len(stored(feedback_session, marker)) == 20

    # A later export that overlaps the first stores only the new responses.
    later = HEADER + "".join(
        f"V{n}-{marker},2026-11-01,L4,1,Comment {n} {marker},SMS\n" for n in range(15, 25)
    )
    third = upload(feedback_api, mint("feedback", PEM), later).json()
    assert (third["accepted"], third["duplicates"]) == (5, 5)
    assert len(stored(feedback_session, marker)) == 25


def test_without_response_ids_identical_rows_are_two_patients_but_a_reupload_adds_none(
    feedback_api, mint, feedback_session
):
    marker = uuid.uuid4().hex
    content = "Date,Ward,Score,Why\n" + f"2026-11-01,L4,1,Great {marker}\n" * 2
    fields = {
        "column_answer": "Score",
        "column_comment": "Why",
        "column_ward": "Ward",
        "column_date": "Date",
        "default_mode": "paper_discharge",
    }
    first = upload(feedback_api, mint("feedback", PEM), content, **fields).json()
    assert first["accepted"] == 2
    assert first["mapping"]["answer"] == "Score" and "response_id" not in first["mapping"]
    second = upload(feedback_api, mint("feedback", PEM), content, **fields).json()
    assert (second["accepted"], second["duplicates"]) == (0, 2)
    rows = stored(feedback_session, marker)
    assert len(rows) == 2 and {r.collection_mode for r in rows} == {"paper_discharge"}


def test_a_missing_answer_column_is_refused_naming_the_columns_found(
    feedback_api, mint, feedback_session
):
    marker = uuid.uuid4().hex
    response = upload(feedback_api, mint("feedback", PEM), f"Date,Rating\n2026-11-01,1 {marker}\n")
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "column_answer"
    assert "'FFT Answer'" in error["message"] and "Date, Rating" in error["message"]


def test_semicolons_and_windows_1252_files_are_read(feedback_api, mint, feedback_session):
    marker = uuid.uuid4().hex
    content = (
        f"Response ID;FFT Answer;Comment;Ward Code\nW-{marker};Don’t know;Café queue {marker};L4\n"
    ).encode("cp1252")
    body = upload(feedback_api, mint("feedback", PEM), content).json()
    assert body["accepted"] == 1, body
    assert stored(feedback_session, marker)[0].comment == f"Café queue {marker}"


def test_bad_uploads_get_clear_errors(feedback_api, mint):
    headers = mint("feedback", PEM)
    assert upload(feedback_api, headers, "").status_code == 422
    assert upload(feedback_api, headers, "x", default_mode="carrier").status_code == 422
    too_big = HEADER + "x" * (10 * 1024 * 1024)
    assert upload(feedback_api, headers, too_big).status_code == 413
    no_file = feedback_api.post("/v1/imports", data={"default_mode": "sms"}, headers=headers)
    assert no_file.status_code == 422
    assert no_file.json()["errors"][0]["field"] == "file"


def test_a_key_without_fft_may_not_import_and_staff_may_not_either(
    feedback_api, new_key, mint, feedback_session
):
    headers, _ = new_key("compliment")
    response = upload(feedback_api, headers, HEADER + "R,2026-11-01,L4,1,x,SMS\n")
    assert response.status_code == 403
    assert "Allowed: compliment" in response.json()["detail"]
    staff = mint("feedback", Role.staff, wards=("L4",))
    assert upload(feedback_api, staff, HEADER).status_code == 403
    count = feedback_session.exec(select(func.count()).select_from(Feedback)).one()
    assert count >= 0


def test_an_unknown_import_is_404(feedback_api, mint):
    response = feedback_api.get(f"/v1/imports/{uuid.uuid4()}", headers=mint("feedback", PEM))
    assert response.status_code == 404
