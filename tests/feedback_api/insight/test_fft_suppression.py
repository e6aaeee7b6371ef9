"""FFT figures as NHS England computes and suppresses them (NHS-STANDARDS.md 1.2 and 1.4)."""

import datetime as dt

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.insight.suppression import Unit, primary, suppress_children

MONTH = "2019-03"


def add(session, ward: str, answers: dict[int, int], day: int = 10) -> None:
    at = dt.datetime(2019, 3, day, 12, tzinfo=dt.UTC)
    for answer, n in answers.items():
        for _ in range(n):
            session.add(
                Feedback(
                    channel="fft",
                    fft_answer=answer,
                    ward_code=ward,
                    site_code=site(ward),
                    received_at=at,
                    created_by="test",
                )
            )
    session.flush()


def site(ward: str) -> str:
    return {"RT-W": "REN01", "PBT": "REN01", "CDU-W": "REN01", "L4": "REN20"}[ward]


def report(feedback_api, mint, *roles, **params) -> dict:
    response = feedback_api.get(
        "/v1/insight/fft",
        params={"start": MONTH, "end": MONTH, **params},
        headers=mint("feedback", *(roles or (Role.board_reader,))),
    )
    assert response.status_code == 200, response.text
    return {(r["level"], r["code"]): r for r in response.json()["rows"]}


def test_percentages_count_dont_know_in_the_denominator(feedback_api, feedback_session, mint):
    add(feedback_session, "CDU-W", {1: 8, 2: 4, 3: 2, 4: 1, 5: 1, 6: 4})
    row = report(feedback_api, mint)[("ward", "CDU-W")]
    assert row["total_responses"] == 20
    assert row["percentage_positive"] == 0.6  # (8 + 4) / 20, not / 16
    assert row["percentage_negative"] == 0.1
    assert row["counts"]["dont_know"] == 4 and not row["suppressed"]
    empty = report(feedback_api, mint)[("ward", "L4")]
    assert empty["total_responses"] == 0 and empty["percentage_positive"] is None
    assert empty["suppressed"] is False  # zero is not suppressed


def test_a_count_of_3_is_hidden_and_cannot_be_recovered_by_subtraction(
    feedback_api, feedback_session, mint
):
    add(feedback_session, "RT-W", {1: 3})
    add(feedback_session, "PBT", {1: 6, 2: 4})
    add(feedback_session, "CDU-W", {1: 12, 2: 8})
    rows = report(feedback_api, mint)
    small, second, large = rows[("ward", "RT-W")], rows[("ward", "PBT")], rows[("ward", "CDU-W")]
    assert small["counts"] is None and small["percentage_positive"] is None
    assert small["suppression"] == ["primary"]
    assert small["total_responses"] == 3  # NHS England keeps Total Responses visible
    # Secondary suppression hides the next-smallest ward's counts, but not its percentages.
    assert second["counts"] is None and second["suppression"] == ["secondary"]
    assert second["percentage_positive"] == 1.0
    assert large["counts"]["very_good"] == 12
    site_row = rows[("site", "REN01")]
    assert site_row["counts"]["very_good"] == 21
    # Subtracting every visible ward from the site leaves two wards together, never the one.
    visible = sum(
        r["counts"]["very_good"] for k, r in rows.items() if k[0] == "ward" and r["counts"]
    )
    assert site_row["counts"]["very_good"] - visible == 3 + 6
    assert all(
        r["counts"] is None for k, r in rows.items() if k in (("ward", "RT-W"), ("ward", "PBT"))
    )


def test_suppression_is_worked_out_trust_wide_before_narrowing_to_a_ward(
    feedback_api, feedback_session, mint
):
    add(feedback_session, "RT-W", {1: 3})
    add(feedback_session, "PBT", {1: 10})
    rows = report(feedback_api, mint, Role.patient_experience_manager, ward_code="PBT")
    assert set(rows) == {("trust", "REN"), ("site", "REN01"), ("ward", "PBT")}
    assert rows[("ward", "PBT")]["counts"] is None  # still secondary-suppressed
    response = feedback_api.get(
        "/v1/insight/fft",
        params={"start": MONTH, "end": MONTH},
        headers=mint("feedback", Role.staff, wards=("PBT",)),
    )
    scoped = {(r["level"], r["code"]): r for r in response.json()["rows"]}
    assert [k for k in scoped if k[0] == "ward"] == [("ward", "PBT")]
    assert scoped[("ward", "PBT")]["counts"] is None


def test_secondary_suppression_follows_the_dense_rank_and_zeros_are_ignored() -> None:
    children = [Unit("A", 0), Unit("B", 2), Unit("C", 2), Unit("D", 7), Unit("E", 9)]
    suppress_children(None, children)
    reasons = {u.code: sorted(u.reasons) for u in children}
    assert reasons["A"] == []  # zero responses: not suppressed, not ranked
    assert reasons["B"] == ["primary"] and reasons["C"] == ["primary"]
    assert reasons["D"] == ["secondary"]  # rank 2 after a suppressed rank 1
    assert reasons["E"] == []


def test_a_tie_for_second_smallest_hides_one_ward_chosen_by_specialty_then_name(
    feedback_api, feedback_session, mint
):
    # Radiotherapy and Proton Beam Therapy share specialty 800; the day unit's is 370.
    add(feedback_session, "RT-W", {1: 3})
    add(feedback_session, "PBT", {1: 7})
    add(feedback_session, "CDU-W", {2: 7})
    rows = report(feedback_api, mint)
    assert rows[("ward", "RT-W")]["suppression"] == ["primary"]
    assert rows[("ward", "CDU-W")]["suppression"] == ["secondary"]  # 370 before 800
    assert rows[("ward", "PBT")]["counts"]["very_good"] == 7


def test_a_tie_within_a_specialty_is_broken_by_ward_name(feedback_api, feedback_session, mint):
    add(feedback_session, "CDU-W", {1: 2})
    add(feedback_session, "RT-W", {1: 9})
    add(feedback_session, "PBT", {3: 9})
    rows = report(feedback_api, mint)
    assert rows[("ward", "PBT")]["suppression"] == ["secondary"]  # "Proton ..." < "Radio..."
    assert rows[("ward", "RT-W")]["suppressed"] is False


def test_a_second_smallest_with_1_to_4_is_hidden_once_and_nothing_more_is() -> None:
    children = [Unit("A", 2), Unit("B", 3), Unit("C", 10)]
    suppress_children(None, children)
    assert {u.code: sorted(u.reasons) for u in children} == {
        "A": ["primary"],
        "B": ["primary"],  # not also "secondary": it is hidden for its own small number
        "C": [],
    }


def test_a_site_hidden_by_secondary_suppression_cascades_to_its_two_smallest_wards(
    feedback_api, feedback_session, mint
):
    # Sites of the trust: REN20 (Liverpool) 3 responses, REN01 (Wirral) 22, REN03 none.
    add(feedback_session, "L4", {1: 3})
    add(feedback_session, "RT-W", {1: 5})
    add(feedback_session, "PBT", {1: 7})
    add(feedback_session, "CDU-W", {1: 10})
    rows = report(feedback_api, mint)
    assert rows[("site", "REN20")]["suppression"] == ["primary"]
    assert rows[("site", "REN01")]["suppression"] == ["secondary"]
    # Its wards would otherwise add up to the hidden site: the two smallest are hidden too,
    # counts only, as NHS England does.
    assert rows[("ward", "RT-W")]["suppression"] == ["cascade"]
    assert rows[("ward", "PBT")]["suppression"] == ["cascade"]
    assert rows[("ward", "PBT")]["percentage_positive"] == 1.0
    assert rows[("ward", "CDU-W")]["counts"]["very_good"] == 10
    assert rows[("trust", "REN")]["counts"]["very_good"] == 25


def test_no_secondary_suppression_when_the_smallest_is_not_suppressed() -> None:
    children = [Unit("A", 5), Unit("B", 6)]
    suppress_children(None, children)
    assert not any(u.suppressed for u in children)


def test_a_suppressed_parent_cascades_to_its_two_smallest_children() -> None:
    parent = Unit("site", 4)
    primary([parent])
    children = [Unit("A", 1), Unit("B", 3), Unit("C", 0)]
    suppress_children(parent, children)
    assert {u.code for u in children if "cascade" in u.reasons} == {"A", "B"}
    assert "C" not in {u.code for u in children if u.suppressed}


def test_bad_months_are_named(feedback_api, mint) -> None:
    response = feedback_api.get(
        "/v1/insight/fft", params={"start": "2019-13"}, headers=mint("feedback", Role.board_reader)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.start"
    backwards = feedback_api.get(
        "/v1/insight/fft",
        params={"start": "2019-05", "end": "2019-01"},
        headers=mint("feedback", Role.board_reader),
    )
    assert backwards.status_code == 422


def test_patients_and_representatives_may_not_read_insight(feedback_api, mint) -> None:
    for headers in (mint(), mint("feedback", Role.patient_representative)):
        assert feedback_api.get("/v1/insight/fft", headers=headers).status_code == 403
