"""Administrators manage sites, directorates, wards and monthly FFT eligible counts."""

import uuid

from services.common.roles import Role

ADMIN = Role.administrator


def code(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


def test_administrators_create_update_and_deactivate_the_structure(feedback_api, mint) -> None:
    admin = mint("feedback", ADMIN)
    site = {"code": code("S"), "name": "Test site"}
    assert feedback_api.post("/v1/organisation/sites", json=site, headers=admin).status_code == 201
    assert feedback_api.post("/v1/organisation/sites", json=site, headers=admin).status_code == 409
    directorate = {"code": code("D"), "name": "Test directorate"}
    made = feedback_api.post("/v1/organisation/directorates", json=directorate, headers=admin)
    assert made.status_code == 201
    ward = {
        "code": code("W"),
        "name": "Ward X",
        "site_code": site["code"],
        "directorate_code": directorate["code"],
        "first_specialty": "303",
        "second_specialty": "370",
        "fft_setting": "maternity_postnatal_ward",
    }
    created = feedback_api.post("/v1/organisation/wards", json=ward, headers=admin)
    assert created.status_code == 201, created.json()
    assert created.json()["site_name"] == "Test site"

    # A site or directorate with active wards cannot be deactivated.
    blocked = feedback_api.patch(
        f"/v1/organisation/sites/{site['code']}", json={"active": False}, headers=admin
    )
    assert blocked.status_code == 409 and ward["code"] in blocked.json()["detail"]
    blocked = feedback_api.patch(
        f"/v1/organisation/directorates/{directorate['code']}",
        json={"active": False},
        headers=admin,
    )
    assert blocked.status_code == 409

    renamed = feedback_api.patch(
        f"/v1/organisation/wards/{ward['code']}", json={"name": "Ward Y"}, headers=admin
    )
    assert renamed.json()["name"] == "Ward Y"
    feedback = {"channel": "fft", "fft_answer": 1, "ward_code": ward["code"]}
    given = feedback_api.post("/v1/feedback", json=feedback, headers=mint())
    assert given.json()["fft_setting"] == "maternity_postnatal_ward"

    gone = feedback_api.patch(
        f"/v1/organisation/wards/{ward['code']}", json={"active": False}, headers=admin
    )
    assert gone.json()["active"] is False
    assert feedback_api.post("/v1/feedback", json=feedback, headers=mint()).status_code == 422
    structure = feedback_api.get("/v1/organisation", headers=mint()).json()
    assert ward["code"] not in {w["code"] for w in structure["wards"]}
    everything = feedback_api.get(
        "/v1/organisation", params={"include_inactive": "true"}, headers=mint()
    ).json()
    assert ward["code"] in {w["code"] for w in everything["wards"]}
    closed = feedback_api.patch(
        f"/v1/organisation/sites/{site['code']}", json={"active": False}, headers=admin
    )
    assert closed.status_code == 200 and closed.json()["active"] is False


def test_bad_organisation_writes_are_refused_clearly(feedback_api, mint) -> None:
    admin = mint("feedback", ADMIN)
    cases = [
        ({"code": code("W"), "name": "W", "site_code": "NOPE"}, "site_code", "REN20"),
        (
            {"code": code("W"), "name": "W", "site_code": "REN20", "directorate_code": "NOPE"},
            "directorate_code",
            "HAEM",
        ),
        (
            {"code": code("W"), "name": "W", "site_code": "REN20", "first_specialty": "cardio"},
            "first_specialty",
            "",
        ),
        (
            {"code": code("W"), "name": "W", "site_code": "REN20", "fft_setting": "ward"},
            "fft_setting",
            "inpatient",
        ),
        ({"code": "has space", "name": "W", "site_code": "REN20"}, "code", ""),
    ]
    for body, field, allowed in cases:
        response = feedback_api.post("/v1/organisation/wards", json=body, headers=admin)
        assert response.status_code == 422, body
        errors = {e["field"]: e["message"] for e in response.json()["errors"]}
        assert field in errors and allowed in errors[field], errors
    missing = feedback_api.patch("/v1/organisation/wards/NOPE", json={"name": "x"}, headers=admin)
    assert missing.status_code == 404
    null_name = feedback_api.patch("/v1/organisation/wards/L4", json={"name": None}, headers=admin)
    assert null_name.status_code == 422
    denied = feedback_api.post(
        "/v1/organisation/sites",
        json={"code": code("S"), "name": "x"},
        headers=mint("feedback", Role.patient_experience_manager),
    )
    assert denied.status_code == 403


def test_eligible_counts_per_ward_per_month(feedback_api, mint) -> None:
    admin = mint("feedback", ADMIN)
    counts = [
        {"ward_code": "L4", "month": "2021-01", "eligible": 120},
        {"ward_code": "L5", "month": "2021-01", "eligible": 80},
    ]
    stored = feedback_api.put(
        "/v1/organisation/eligible-counts", json={"counts": counts}, headers=admin
    )
    assert stored.status_code == 200, stored.json()
    again = feedback_api.put(
        "/v1/organisation/eligible-counts",
        json={"counts": [{"ward_code": "L4", "month": "2021-01", "eligible": 125}]},
        headers=admin,
    )
    assert again.json()[0]["eligible"] == 125
    listed = feedback_api.get(
        "/v1/organisation/eligible-counts",
        params={"month_from": "2021-01", "month_to": "2021-01"},
        headers=mint("feedback", Role.patient_experience_manager),
    ).json()
    assert {(c["ward_code"], c["month"], c["eligible"]) for c in listed} == {
        ("L4", "2021-01", 125),
        ("L5", "2021-01", 80),
    }

    bad = feedback_api.put(
        "/v1/organisation/eligible-counts",
        json={
            "counts": [
                {"ward_code": "L4", "month": "2021-02", "eligible": 1},
                {"ward_code": "NOPE", "month": "2021-02", "eligible": 1},
                {"ward_code": "L4", "month": "2999-01", "eligible": 1},
            ]
        },
        headers=admin,
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"counts.1.ward_code", "counts.2.month"}
    after = feedback_api.get(
        "/v1/organisation/eligible-counts",
        params={"month_from": "2021-02", "month_to": "2021-02"},
        headers=admin,
    ).json()
    assert after == []  # the good row of a refused request was not stored
    for body, field in [
        ({"counts": [{"ward_code": "L4", "month": "2021-13", "eligible": 1}]}, "counts.0.month"),
        (
            {"counts": [{"ward_code": "L4", "month": "2021-01", "eligible": -1}]},
            "counts.0.eligible",
        ),
        ({"counts": []}, "counts"),
    ]:
        response = feedback_api.put("/v1/organisation/eligible-counts", json=body, headers=admin)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == field
    assert (
        feedback_api.put(
            "/v1/organisation/eligible-counts",
            json={"counts": counts},
            headers=mint("feedback", Role.staff),
        ).status_code
        == 403
    )


def test_the_trust_is_renamed_but_its_ods_code_is_fixed(feedback_api, mint) -> None:
    admin = mint("feedback", ADMIN)
    current = feedback_api.get("/v1/organisation", headers=mint()).json()["organisation"]
    renamed = feedback_api.put(
        "/v1/organisation",
        json={"ods_code": current["ods_code"], "name": "New name"},
        headers=admin,
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "New name"
    other = feedback_api.put(
        "/v1/organisation", json={"ods_code": "RXX", "name": "Another trust"}, headers=admin
    )
    assert other.status_code == 409 and current["ods_code"] in other.json()["detail"]
    denied = feedback_api.put(
        "/v1/organisation",
        json={"ods_code": "REN", "name": "x"},
        headers=mint("feedback", Role.staff),
    )
    assert denied.status_code == 403
