"""Querying feedback: full-text search on both engines, filters, cursor paging, CSV export."""

import csv
import datetime as dt
import io
import uuid

from services.common.roles import Role

PEM = Role.patient_experience_manager
# Markers of letters only: redaction may read a run of digits as a phone number.
DIGITS_TO_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def fft(**overrides):
    body = {"channel": "fft", "fft_answer": 2, "ward_code": "L4"}
    body.update(overrides)
    return body


def create(feedback_api, mint, **overrides):
    response = feedback_api.post("/v1/feedback", json=fft(**overrides), headers=mint())
    assert response.status_code == 201, response.json()
    return response.json()


def search(feedback_api, mint, q, *roles, **params):
    roles = roles or (PEM,)
    response = feedback_api.get(
        "/v1/feedback", params={"q": q, **params}, headers=mint("feedback", *roles)
    )
    assert response.status_code == 200, response.json()
    return response.json()


def test_full_text_search_finds_a_word_in_a_comment(feedback_api, mint) -> None:
    marker = uuid.uuid4().hex[:12].translate(DIGITS_TO_LETTERS)
    wanted = create(feedback_api, mint, comment=f"The physiotherapists {marker} were brilliant")
    create(feedback_api, mint, comment=f"The porters {marker} were slow")
    found = search(feedback_api, mint, f"{marker} physiotherapists")
    assert [item["id"] for item in found["data"]] == [wanted["id"]]
    # Stemming: "physiotherapist" finds "physiotherapists".
    assert search(feedback_api, mint, f"physiotherapist {marker}")["count"] == 1
    # Excluding a word and matching a phrase.
    assert search(feedback_api, mint, f"{marker} -porters")["count"] == 1
    assert search(feedback_api, mint, f'"porters {marker}"')["count"] == 1
    assert search(feedback_api, mint, f"{marker} (brilliant or slow)")["count"] == 2
    assert search(feedback_api, mint, f"{marker} or nothingmatches")["count"] >= 2


def test_search_never_finds_redacted_words_for_roles_that_see_redacted_text(
    feedback_api, mint
) -> None:
    marker = uuid.uuid4().hex[:12].translate(DIGITS_TO_LETTERS)
    create(feedback_api, mint, comment=f"Call me on 07700 900456 about {marker}")
    assert search(feedback_api, mint, f"{marker} 900456")["count"] == 1
    ward_staff = feedback_api.get(
        "/v1/feedback",
        params={"q": f"{marker} 900456"},
        headers=mint("feedback", Role.staff, wards=("L4",)),
    ).json()
    assert ward_staff["count"] == 0
    ward_staff = feedback_api.get(
        "/v1/feedback", params={"q": marker}, headers=mint("feedback", Role.staff, wards=("L4",))
    ).json()
    assert ward_staff["count"] == 1 and "900456" not in ward_staff["data"][0]["comment"]


def test_filters_by_channel_site_respondent_type_and_comment(feedback_api, mint) -> None:
    marker = uuid.uuid4().hex[:12].translate(DIGITS_TO_LETTERS)
    create(feedback_api, mint, comment=f"carer {marker}", respondent_type="carer", ward_code="RT-W")
    create(feedback_api, mint, comment=f"patient {marker}", respondent_type="patient")
    create(
        feedback_api,
        mint,
        channel="compliment",
        fft_answer=None,
        comment=f"compliment {marker}",
        ward_code="RT-L",
    )

    def seen(**params):
        data = search(feedback_api, mint, marker, **params)["data"]
        return sorted(item["comment"].split()[0] for item in data)

    assert seen(respondent_type="carer") == ["carer"]
    assert seen(site_code="REN01") == ["carer"]
    assert seen(channel="compliment") == ["compliment"]
    assert seen(has_comment="true") == ["carer", "compliment", "patient"]
    bad = feedback_api.get(
        "/v1/feedback", params={"respondent_type": "alien"}, headers=mint("feedback", PEM)
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.respondent_type"
    assert "staff_on_behalf" in bad.json()["errors"][0]["message"]


def test_has_comment_false_finds_answers_without_a_comment(feedback_api, mint) -> None:
    start = dt.datetime(2019, 3, 4, 10, tzinfo=dt.UTC)
    made = create(feedback_api, mint, ward_code="PBT", received_at=start.isoformat())
    data = feedback_api.get(
        "/v1/feedback",
        params={"has_comment": "false", "received_from": "2019-03-04", "received_to": "2019-03-04"},
        headers=mint("feedback", PEM),
    ).json()["data"]
    assert made["id"] in [item["id"] for item in data]
    assert all(item["comment"] is None for item in data)


def test_cursor_paging_walks_forward_and_back_without_gaps(feedback_api, mint) -> None:
    marker = uuid.uuid4().hex[:12].translate(DIGITS_TO_LETTERS)
    base = dt.datetime(2020, 1, 1, 12, tzinfo=dt.UTC)
    ids = []
    for index in range(5):
        # Two records share a time, so the id breaks the tie.
        received = base + dt.timedelta(hours=index // 2)
        made = create(
            feedback_api, mint, comment=f"page {marker}", received_at=received.isoformat()
        )
        ids.append(made["id"])
    headers = mint("feedback", PEM)

    def page(**params):
        response = feedback_api.get(
            "/v1/feedback", params={"q": marker, "limit": 2, **params}, headers=headers
        )
        assert response.status_code == 200, response.json()
        return response.json()

    first = page()
    assert first["count"] == 5 and first["previous_cursor"] is None
    second = page(cursor=first["next_cursor"])
    third = page(cursor=second["next_cursor"])
    assert third["next_cursor"] is None and len(third["data"]) == 1
    walked = [item["id"] for p in (first, second, third) for item in p["data"]]
    assert sorted(walked) == sorted(ids) and len(set(walked)) == 5
    received = [item["received_at"] for p in (first, second, third) for item in p["data"]]
    assert received == sorted(received, reverse=True)

    back = page(cursor=third["previous_cursor"])
    assert [i["id"] for i in back["data"]] == [i["id"] for i in second["data"]]
    back = page(cursor=back["previous_cursor"])
    assert [i["id"] for i in back["data"]] == [i["id"] for i in first["data"]]
    assert back["previous_cursor"] is None

    broken = feedback_api.get("/v1/feedback", params={"cursor": "nonsense"}, headers=headers)
    assert broken.status_code == 422 and broken.json()["errors"][0]["field"] == "cursor"


def test_csv_export_uses_the_same_filters_and_redacts_for_staff(feedback_api, mint) -> None:
    marker = uuid.uuid4().hex[:12].translate(DIGITS_TO_LETTERS)
    create(feedback_api, mint, comment=f"Ring 07700 900789 {marker}", ward_code="RT-L")
    create(feedback_api, mint, comment=f"Elsewhere {marker}", ward_code="L4")

    def export(*roles, **scope):
        response = feedback_api.get(
            "/v1/feedback/export.csv",
            params={"q": marker},
            headers=mint("feedback", *roles, **scope),
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(response.text)))

    rows = export(PEM)
    assert len(rows) == 2 and "national_mode" in rows[0]
    assert any("07700 900789" in r["comment"] for r in rows)
    staff_rows = export(Role.staff, wards=("RT-L",))
    assert len(staff_rows) == 1
    assert (
        "07700" not in staff_rows[0]["comment"] and staff_rows[0]["comment_is_redacted"] == "True"
    )
    assert "email" not in staff_rows[0] and "ethnicity" not in staff_rows[0]

    denied = feedback_api.get(
        "/v1/feedback/export.csv", headers=mint("feedback", Role.board_reader)
    )
    assert denied.status_code == 403


def test_search_finds_words_in_free_text_answers_too(feedback_api, mint) -> None:
    marker = uuid.uuid4().hex[:12].translate(DIGITS_TO_LETTERS)
    answers = [
        {
            "question_key": "what_could_be_better",
            "question_text": "What could be better?",
            "answer_text": f"The hospital radio {marker}, and ring Ann on 07700 900321",
        }
    ]
    made = create(feedback_api, mint, comment="Fine", answers=answers)
    found = search(feedback_api, mint, f"radio {marker}")
    assert [item["id"] for item in found["data"]] == [made["id"]]
    assert search(feedback_api, mint, f"{marker} 900321")["count"] == 1
    ward_staff = feedback_api.get(
        "/v1/feedback",
        params={"q": f"{marker} 900321"},
        headers=mint("feedback", Role.staff, wards=("L4",)),
    ).json()
    assert ward_staff["count"] == 0  # the redacted answer has no phone number to find
