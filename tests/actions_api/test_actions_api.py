"""The actions API: plans, who may update an action, progress with evidence, escalation,
measures and quarter-end snapshots."""

import datetime as dt
import io
import uuid
import zipfile

import pytest

from services.actions_api.plans import service
from services.common.roles import Role

PEM = Role.patient_experience_manager


@pytest.fixture
def pem(mint):
    return lambda: mint("actions", PEM, sub="pem-user")


def make_plan(actions_api, pem, **action):
    strategy = actions_api.post(
        "/v1/strategies", json={"title": f"Plan {uuid.uuid4().hex[:8]}"}, headers=pem()
    )
    assert strategy.status_code == 201, strategy.text
    sid = strategy.json()["id"]
    pledge = actions_api.post(
        f"/v1/strategies/{sid}/commitments",
        json={"kind": "pledge", "number": 1, "title": "Listen and act"},
        headers=pem(),
    )
    assert pledge.status_code == 201, pledge.text
    body = {
        "reference": "A1",
        "commitment_id": pledge.json()["id"],
        "title": "Put You said, we did boards on every ward",
        "due": "Q4 2018/19",
        **action,
    }
    created = actions_api.post(f"/v1/strategies/{sid}/actions", json=body, headers=pem())
    assert created.status_code == 201, created.text
    return sid, created.json()


def test_an_action_keeps_its_dates_as_written_and_parsed(actions_api, pem) -> None:
    _, action = make_plan(actions_api, pem, due="Dec 18\nJan 19\nApril 19", start="Nov 2018")
    assert action["due"]["text"] == "Dec 18\nJan 19\nApril 19"
    assert action["due"]["kind"] == "milestones"
    assert [m["last"] for m in action["due"]["milestones"]] == [
        "2018-12-31",
        "2019-01-31",
        "2019-04-30",
    ]
    assert action["start"]["first"] == "2018-11-01"


def test_an_unreadable_due_date_or_ward_is_a_422_naming_the_field(actions_api, pem) -> None:
    strategy = actions_api.post("/v1/strategies", json={"title": "Plan"}, headers=pem()).json()
    url = f"/v1/strategies/{strategy['id']}/actions"
    response = actions_api.post(
        url, json={"reference": "X", "title": "Do it", "due": "whenever"}, headers=pem()
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "due"
    response = actions_api.post(
        url, json={"reference": "X", "title": "Do it", "wards": ["NOPE"]}, headers=pem()
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "wards"
    assert "NOPE" in response.json()["errors"][0]["message"]
    actions = actions_api.get(
        "/v1/actions", params={"strategy_id": strategy["id"]}, headers=pem()
    ).json()
    assert actions["count"] == 0  # nothing was saved


def test_a_matron_updates_her_directorates_action_but_not_another_directorates(
    actions_api, pem, mint
) -> None:
    _, haem = make_plan(actions_api, pem, directorates=["HAEM"])
    _, radio = make_plan(actions_api, pem, directorates=["RADIO"])
    matron = mint("actions", Role.matron, sub="matron-1", directorates=("HAEM",))

    mine = actions_api.get("/v1/actions", params={"mine": "true"}, headers=matron).json()
    ids = [a["id"] for a in mine["data"]]
    assert haem["id"] in ids and radio["id"] not in ids

    response = actions_api.post(
        f"/v1/actions/{haem['id']}/progress",
        json={
            "note": "Boards ordered",
            "status": "on_track",
            "rag": "green",
            "percent_complete": 40,
        },
        headers=matron,
    )
    assert response.status_code == 201, response.text
    assert response.json()["status_from"] == "not_started"
    refused = actions_api.post(
        f"/v1/actions/{radio['id']}/progress", json={"note": "Not mine"}, headers=matron
    )
    assert refused.status_code == 403

    detail = actions_api.get(f"/v1/actions/{haem['id']}", headers=matron).json()
    assert detail["status"] == "on_track" and detail["percent_complete"] == 40
    assert [p["note"] for p in detail["progress"]] == ["Boards ordered"]
    # A matron may not change the plan itself for an action she does not lead.
    assert (
        actions_api.patch(
            f"/v1/actions/{haem['id']}", json={"title": "Something else"}, headers=matron
        ).status_code
        == 403
    )


def test_the_lead_updates_an_action_outside_her_wards(actions_api, pem, mint) -> None:
    _, action = make_plan(actions_api, pem, lead_user_id="matron-2", directorates=["RADIO"])
    matron = mint("actions", Role.matron, sub="matron-2", directorates=("HAEM",))
    response = actions_api.post(
        f"/v1/actions/{action['id']}/progress", json={"note": "Started"}, headers=matron
    )
    assert response.status_code == 201


def test_ward_staff_cannot_update_actions(actions_api, pem, mint) -> None:
    _, action = make_plan(actions_api, pem, wards=["RT-L"])
    staff = mint("actions", Role.staff, sub="staff-1", wards=("RT-L",))
    assert actions_api.get(f"/v1/actions/{action['id']}", headers=staff).status_code == 200
    response = actions_api.post(
        f"/v1/actions/{action['id']}/progress", json={"note": "x"}, headers=staff
    )
    assert response.status_code == 403


def test_closing_without_change_needs_a_public_reason(actions_api, pem) -> None:
    _, action = make_plan(actions_api, pem)
    url = f"/v1/actions/{action['id']}/progress"
    response = actions_api.post(url, json={"status": "closed_without_change"}, headers=pem())
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status_reason"
    response = actions_api.post(
        url,
        json={
            "status": "closed_without_change",
            "status_reason": "Patients told us the current signs work well.",
        },
        headers=pem(),
    )
    assert response.status_code == 201


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_evidence_files_are_checked_by_content_and_kept(actions_api, pem) -> None:
    _, action = make_plan(actions_api, pem)
    url = f"/v1/actions/{action['id']}/progress/evidence"
    pdf = b"%PDF-1.7\n% minutes of the meeting\n"
    response = actions_api.post(
        url,
        data={"note": "Minutes attached", "percent_complete": "50"},
        files={"file": ("minutes.pdf", pdf, "application/pdf")},
        headers=pem(),
    )
    assert response.status_code == 201, response.text
    evidence = response.json()["evidence"][0]
    assert evidence["content_type"] == "application/pdf" and evidence["size"] == len(pdf)
    download = actions_api.get(
        f"/v1/actions/{action['id']}/evidence/{evidence['id']}", headers=pem()
    )
    assert download.content == pdf

    docx = actions_api.post(
        url, files={"file": ("plan.docx", _docx(), "application/octet-stream")}, headers=pem()
    )
    assert docx.status_code == 201
    assert docx.json()["evidence"][0]["content_type"].endswith("wordprocessingml.document")

    # A script renamed to .pdf is refused: the type comes from the content, not the name.
    refused = actions_api.post(
        url,
        files={"file": ("minutes.pdf", b"#!/bin/sh\nrm -rf /\n", "application/pdf")},
        headers=pem(),
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "file"


def test_evidence_over_ten_mebibytes_is_refused(actions_api, pem) -> None:
    _, action = make_plan(actions_api, pem)
    big = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    response = actions_api.post(
        f"/v1/actions/{action['id']}/progress/evidence",
        files={"file": ("big.pdf", big, "application/pdf")},
        headers=pem(),
    )
    assert response.status_code == 413
    detail = actions_api.get(f"/v1/actions/{action['id']}", headers=pem()).json()
    assert detail["progress"] == []


def test_overdue_and_missed_updates_are_escalated_to_senior_leaders(actions_api, pem, mint) -> None:
    # The clock is the real date here, so a plan due in Q4 2018/19 is long overdue.
    _, action = make_plan(actions_api, pem, lead_user_id="lead-1")
    board = mint("actions", Role.board_reader, sub="board-1")
    found = actions_api.get("/v1/escalations", headers=board).json()
    mine = [e for e in found["data"] if e["action"]["id"] == action["id"]]
    assert mine and mine[0]["reasons"][0].startswith("Overdue since 31 March 2019")
    matron = mint("actions", Role.matron, sub="m")
    assert actions_api.get("/v1/escalations", headers=matron).status_code == 403


def test_a_measure_records_values_by_period(actions_api, pem) -> None:
    sid, _ = make_plan(actions_api, pem)
    measure = actions_api.post(
        f"/v1/strategies/{sid}/measures",
        json={
            "title": "Reduced number of complaints about communication",
            "baseline": 40,
            "target": 20,
            "higher_is_better": False,
        },
        headers=pem(),
    ).json()
    url = f"/v1/measures/{measure['id']}/values"
    assert (
        actions_api.post(url, json={"period": "2019-06", "value": 31}, headers=pem()).status_code
        == 201
    )
    assert (
        actions_api.post(url, json={"period": "June", "value": 1}, headers=pem()).status_code == 422
    )
    listed = actions_api.get(f"/v1/strategies/{sid}/measures", headers=pem()).json()
    values = listed["data"][0]["values"]
    assert [(v["period"], v["value"], v["source"]) for v in values] == [("2019-06", 31.0, "manual")]


def test_quarter_snapshots_are_kept_unchanged_and_compared(actions_api, actions_session, pem, mint):
    _, action = make_plan(actions_api, pem)
    from services.common.clock import Clock

    q1 = service.take_snapshot(
        actions_session, dt.date(2019, 6, 30), Clock(dt.date(2019, 7, 1)), 30
    )
    actions_api.post(
        f"/v1/actions/{action['id']}/progress",
        json={"status": "complete", "note": "Boards up on every ward"},
        headers=pem(),
    )
    q2 = service.take_snapshot(
        actions_session, dt.date(2019, 9, 30), Clock(dt.date(2019, 10, 1)), 30
    )
    assert q1.label == "Q1 2019/20" and q2.label == "Q2 2019/20"
    again = service.take_snapshot(
        actions_session, dt.date(2019, 6, 30), Clock(dt.date(2019, 12, 1)), 30
    )
    assert again.id == q1.id and again.actions == q1.actions  # never retaken

    board = mint("actions", Role.board_reader, sub="board-2")
    comparison = actions_api.get(
        "/v1/snapshots/compare",
        params={"before": "2019-06-30", "after": "2019-09-30"},
        headers=board,
    ).json()
    change = next(c for c in comparison["changes"] if c["action_id"] == action["id"])
    assert (change["status_before"], change["status_after"]) == ("not_started", "complete")
    listed = actions_api.get("/v1/snapshots", headers=board).json()
    assert {"Q1 2019/20", "Q2 2019/20"} <= {s["label"] for s in listed["data"]}


@pytest.mark.parametrize(
    ("day", "end"),
    [
        ("2019-07-01", "2019-06-30"),
        ("2019-06-30", "2019-06-30"),
        ("2019-01-01", "2018-12-31"),
        ("2019-05-15", "2019-03-31"),
    ],
)
def test_the_last_quarter_end(day, end) -> None:
    assert service.quarter_end_before(dt.date.fromisoformat(day)).isoformat() == end


def test_a_measure_pulls_the_fft_positive_figure_from_feedback_api(
    actions_api, feedback_api, pem, mint
):
    # Six answers on the Aintree outpatients in May 2019: five positive, one poor.
    for answer in (1, 1, 2, 2, 1, 4):
        response = feedback_api.post(
            "/v1/feedback",
            json={"channel": "fft", "fft_answer": answer, "ward_code": "OPD-A",
                  "received_at": "2019-05-14T10:00:00Z"},
            headers=mint("feedback"),
        )  # fmt: skip
        assert response.status_code == 201, response.text
    sid, _ = make_plan(actions_api, pem)
    measure = actions_api.post(
        f"/v1/strategies/{sid}/measures",
        json={"title": "% FFT positive in outpatients", "unit": "%", "target": 90,
              "source": {"figure": "fft_positive", "ward_code": "OPD-A"}},
        headers=pem(),
    ).json()  # fmt: skip
    pulled = actions_api.post(
        f"/v1/measures/{measure['id']}/pull", json={"period": "2019-05"}, headers=pem()
    )
    assert pulled.status_code == 201, pulled.text
    (value,) = pulled.json()["values"]
    assert value["value"] == 83.3
    assert value["source"] == "feedback_api:fft_positive:OPD-A"

    empty = actions_api.post(
        f"/v1/measures/{measure['id']}/pull", json={"period": "2019-01"}, headers=pem()
    )
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "period"


def test_a_matron_updates_an_action_on_a_ward_of_her_directorate(actions_api, pem, mint) -> None:
    # Ward 4 is in Haemato-oncology: a matron for that directorate may update its actions.
    _, action = make_plan(actions_api, pem, wards=["L4"])
    matron = mint("actions", Role.matron, sub="matron-haem", directorates=("HAEM",))
    mine = actions_api.get("/v1/actions", params={"mine": "true"}, headers=matron).json()
    assert action["id"] in [a["id"] for a in mine["data"]]
    response = actions_api.post(
        f"/v1/actions/{action['id']}/progress", json={"note": "On it"}, headers=matron
    )
    assert response.status_code == 201
    other = mint("actions", Role.matron, sub="matron-radio", directorates=("RADIO",))
    refused = actions_api.post(
        f"/v1/actions/{action['id']}/progress", json={"note": "Not mine"}, headers=other
    )
    assert refused.status_code == 403


def test_progress_updates_cannot_be_edited_or_removed(actions_api, pem) -> None:
    _, action = make_plan(actions_api, pem)
    url = f"/v1/actions/{action['id']}/progress"
    update = actions_api.post(url, json={"note": "First"}, headers=pem()).json()
    for method in ("PUT", "PATCH", "DELETE"):
        assert actions_api.request(method, url, headers=pem()).status_code == 405
        assert actions_api.request(method, f"{url}/{update['id']}", headers=pem()).status_code in (
            404,
            405,
        )
    history = actions_api.get(f"/v1/actions/{action['id']}", headers=pem()).json()["progress"]
    assert [p["note"] for p in history] == ["First"]


def test_control_characters_are_refused_not_stored(actions_api, pem) -> None:
    strategy = actions_api.post("/v1/strategies", json={"title": "Plan"}, headers=pem()).json()
    response = actions_api.post(
        f"/v1/strategies/{strategy['id']}/actions",
        json={"reference": "N1", "title": "Nul\x00byte"},
        headers=pem(),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "title"
    sheet = b"reference,action\r\nN2,bell\x07here\r\n"
    imported = actions_api.post(
        f"/v1/strategies/{strategy['id']}/import",
        files={"file": ("plan.csv", sheet, "text/csv")},
        headers=pem(),
    )
    assert imported.status_code == 422
    assert imported.json()["errors"][0]["message"] == "action contains a control character"
