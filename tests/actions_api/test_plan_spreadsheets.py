"""Action plans in and out of spreadsheets (CSV and XLSX), and the public pledge progress."""

import csv
import io
import uuid

import pytest
from openpyxl import load_workbook

from services.actions_api.plans.importexport import COLUMNS, read_rows
from services.common.roles import Role

PEM = Role.patient_experience_manager

ROWS = [
    {
        "commitment_kind": "pledge",
        "commitment_number": "5",
        "commitment_title": "Caring",
        "reference": "P5",
        "objective": "Pledge 5:  Caring",
        "action": 'Introduction of a Patient Flow team, "safe" discharge;\nMDT daily board round',
        "lead_user_id": "user-123",
        "lead_name": "Helen Price",
        "lead_role": "Matrons",
        "people": "Linda Morris; Debbie de Jonge",
        "wards": "CDU-W; RT-W",
        "directorates": "ACUTE",
        "start": "Nov 2018",
        "due": "Dec 18\nJan 19\nApril 19",
        "status": "closed_without_change",
        "status_reason": "Patients said the current discharge calls work — kept as they are.",
        "rag": "amber",
        "percent_complete": "60",
        "progress": "Meeting 27/11 with Govs",
    },
    {
        "commitment_kind": "pledge",
        "commitment_number": "6",
        "commitment_title": "Digital Transformation",
        "reference": "6-8",
        "objective": "- Up to date patient experience data",
        "action": '=HYPERLINK("http://example.invalid","Results posters to be displayed")',
        "lead_user_id": "",
        "lead_name": "",
        "lead_role": "Business Change Manger",
        "people": "",
        "wards": "",
        "directorates": "",
        "start": "",
        "due": "Quarterly review",
        "status": "not_started",
        "status_reason": "",
        "rag": "",
        "percent_complete": "0",
        "progress": "",
    },
]


@pytest.fixture
def pem(mint):
    return mint("actions", PEM, sub="pem-sheets")


def new_strategy(actions_api, pem) -> str:
    response = actions_api.post(
        "/v1/strategies", json={"title": f"Imported {uuid.uuid4().hex[:6]}"}, headers=pem
    )
    return response.json()["id"]


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def exported_rows(actions_api, pem, sid, fmt):
    response = actions_api.get(f"/v1/strategies/{sid}/export", params={"format": fmt}, headers=pem)
    assert response.status_code == 200
    if fmt == "csv":
        # Read as a spreadsheet shows it: the apostrophe that stops a formula is not shown.
        return response.content, list(read_rows(response.content).values())
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    return response.content, [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_plan_round_trips_through_a_spreadsheet_keeping_every_field(actions_api, pem, fmt):
    first = new_strategy(actions_api, pem)
    imported = actions_api.post(
        f"/v1/strategies/{first}/import",
        files={"file": ("plan.csv", to_csv(ROWS), "text/csv")},
        headers=pem,
    )
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 2
    content, rows = exported_rows(actions_api, pem, first, fmt)
    assert rows == ROWS

    second = new_strategy(actions_api, pem)
    again = actions_api.post(
        f"/v1/strategies/{second}/import",
        files={"file": (f"plan.{fmt}", content, "application/octet-stream")},
        headers=pem,
    )
    assert again.status_code == 200, again.text
    assert exported_rows(actions_api, pem, second, fmt)[1] == ROWS

    # The parsed dates survive too.
    p5 = actions_api.get(
        "/v1/actions", params={"strategy_id": second, "q": "P5"}, headers=pem
    ).json()["data"][0]
    assert p5["due"]["kind"] == "milestones" and p5["due"]["last"] == "2019-04-30"


def test_an_export_never_hands_a_spreadsheet_a_formula(actions_api, pem):
    sid = new_strategy(actions_api, pem)
    actions_api.post(
        f"/v1/strategies/{sid}/import",
        files={"file": ("plan.csv", to_csv(ROWS), "text/csv")},
        headers=pem,
    )
    exported = actions_api.get(f"/v1/strategies/{sid}/export", headers=pem).content.decode()
    assert "'=HYPERLINK(" in exported and ",=HYPERLINK(" not in exported
    xlsx = actions_api.get(
        f"/v1/strategies/{sid}/export", params={"format": "xlsx"}, headers=pem
    ).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_rejected_rows_are_reported_with_line_and_reason_and_nothing_is_imported(actions_api, pem):
    sid = new_strategy(actions_api, pem)
    bad = [
        ROWS[0],
        {**ROWS[1], "reference": "X1", "due": "sometime"},
        {**ROWS[1], "reference": "X2", "wards": "NOWHERE"},
        {**ROWS[1], "reference": "", "action": "No reference"},
        {**ROWS[1], "reference": "X3", "status": "done"},
    ]
    response = actions_api.post(
        f"/v1/strategies/{sid}/import",
        files={"file": ("plan.csv", to_csv(bad), "text/csv")},
        headers=pem,
    )
    assert response.status_code == 422
    errors = {e["line"]: e["message"] for e in response.json()["errors"]}
    assert sorted(errors) == [3, 4, 5, 6]
    assert "due" in errors[3] and "sometime" in errors[3]
    assert "NOWHERE" in errors[4]
    assert "reference is empty" in errors[5]
    assert "status 'done'" in errors[6]
    listed = actions_api.get("/v1/actions", params={"strategy_id": sid}, headers=pem).json()
    assert listed["count"] == 0


def test_a_file_that_is_not_a_plan_is_refused(actions_api, pem):
    sid = new_strategy(actions_api, pem)
    response = actions_api.post(
        f"/v1/strategies/{sid}/import",
        files={"file": ("plan.csv", b"name,age\nx,1\n", "text/csv")},
        headers=pem,
    )
    assert response.status_code == 422
    assert "missing: reference, action" in response.json()["errors"][0]["message"]


def test_public_progress_shows_redacted_text_in_plain_english(actions_api, pem, mint):
    sid = new_strategy(actions_api, pem)
    actions_api.post(
        f"/v1/strategies/{sid}/import",
        files={"file": ("plan.csv", to_csv(ROWS), "text/csv")},
        headers=pem,
    )
    pledges = actions_api.get(f"/v1/strategies/{sid}", headers=pem).json()["commitments"]
    created = actions_api.post(
        f"/v1/strategies/{sid}/actions",
        json={
            "commitment_id": next(p["id"] for p in pledges if p["number"] == 5),
            "reference": "P4",
            "title": "Linda Morris and Debbie de Jonge to be signed off as Mental Health First "
            "Aid trainers.",
            "lead_name": "Linda Morris",
            "people": ["Linda Morris", "Debbie de Jonge"],
            "due": "Jan 2019",
        },
        headers=pem,
    )
    assert created.status_code == 201, created.text
    public = actions_api.get("/v1/public/progress", headers=mint("actions")).json()
    strategy = next(s for s in public["data"] if s["id"] == sid)
    text = str(strategy)
    assert (
        "Linda" not in text
        and "Debbie" not in text
        and "Jonge" not in text
        and "Helen Price" not in text
    )
    pledge5 = next(c for c in strategy["commitments"] if c["number"] == 5)
    by_ref = {a["reference"]: a for a in pledge5["actions"]}
    assert "Mental Health First Aid trainers" in by_ref["P4"]["title"]
    assert "[NAME]" in by_ref["P4"]["title"]
    action = by_ref["P5"]
    assert action["status_text"] == "We looked at this and decided not to change it"
    assert action["status_reason"].startswith("Patients said the current discharge calls work")
