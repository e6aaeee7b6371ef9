"""Themes by source, sentiment over time, hotspots and equality counts."""

import datetime as dt
import uuid

from services.common.roles import Role
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.insight import service
from services.feedback_api.insight.equality import small_number
from tests.support.suppression import GROUP_OF_3, add_people, possible_values
from tests.support.themes import label, post_spike, staff_member

BOARD = Role.board_reader


def add_labelled(
    session,
    *,
    ward,
    month: dt.date,
    n,
    theme="Parking",
    sentiment="negative",
    channel="fft",
    comment="Parking was awful",
):
    rows = [
        Feedback(
            channel=channel,
            ward_code=ward,
            site_code="REN01",
            received_at=dt.datetime(month.year, month.month, 5 + i % 20, tzinfo=dt.UTC),
            comment=f"{comment} {uuid.uuid4().hex[:6]}",
            created_by="test",
        )
        for i in range(n)
    ]
    session.add_all(rows)
    session.flush()
    return label(session, rows, theme=theme, sentiment=sentiment)


def month(n: int) -> dt.date:
    index = 2017 * 12 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def test_hotspot_detection_flags_a_spike_and_not_steady_noise(feedback_api, feedback_session, mint):
    steady = [4, 6, 5, 7, 5, 4, 6, 5, 6, 5, 7, 4]
    quiet = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1]
    for i in range(12):
        add_labelled(feedback_session, ward="RT-W", month=month(i), n=steady[i])
        add_labelled(feedback_session, ward="PBT", month=month(i), n=quiet[i])
    add_labelled(feedback_session, ward="RT-W", month=month(12), n=8)  # within its noise
    spike = add_labelled(feedback_session, ward="PBT", month=month(12), n=9)
    add_labelled(feedback_session, ward="PBT", month=month(12), n=6, sentiment="positive")
    response = feedback_api.get(
        "/v1/insight/hotspots",
        params={"month": month(12).strftime("%Y-%m")},
        headers=mint("feedback", BOARD),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "control limit" in body["rule"]
    found = [(h["ward_code"], h["theme"]) for h in body["hotspots"]]
    assert found == [("PBT", "Parking")]
    spot = body["hotspots"][0]
    assert spot["count"] == 9 and spot["baseline"] == quiet
    assert spot["count"] > spot["upper_limit"]
    assert {c["feedback_id"] for c in spot["comments"]} == {str(i) for i in spike}


def test_the_control_rule_needs_a_minimum_count_and_a_baseline() -> None:
    assert not service.is_hotspot(4, [0] * 12)  # a jump from nothing to 4 is not enough
    assert service.is_hotspot(5, [0] * 12)
    assert not service.is_hotspot(9, [1, 0])  # too little history
    assert not service.is_hotspot(10, [5] * 12)  # 10 < 5 + 3 * sqrt(5)
    assert service.is_hotspot(13, [5] * 12)


def test_hotspot_comments_are_redacted(feedback_api, feedback_session, mint):
    for i in (21, 22, 23):  # three quiet months of history on the ward
        add_labelled(feedback_session, ward="CDU-W", month=month(i), n=1, sentiment="positive")
    add_labelled(
        feedback_session,
        ward="CDU-W",
        month=month(24),
        n=6,
        comment="Call me on 07700 900123 about the parking",
    )
    response = feedback_api.get(
        "/v1/insight/hotspots",
        params={"month": month(24).strftime("%Y-%m")},
        headers=mint("feedback", BOARD),
    )
    comments = [c["comment"] for h in response.json()["hotspots"] for c in h["comments"]]
    assert comments and all("[PHONE]" in c and "07700" not in c for c in comments)


def test_hotspots_show_the_last_complete_month_unless_another_is_chosen(
    feedback_api, feedback_session, mint, feedback_today
):
    for i in range(50, 62):  # a year of one negative comment a month
        add_labelled(feedback_session, ward="RT-W", month=month(i), n=1)
    last_month = add_labelled(feedback_session, ward="RT-W", month=month(62), n=9)
    so_far = add_labelled(feedback_session, ward="RT-W", month=month(63), n=7)
    feedback_today(month(63) + dt.timedelta(days=24))  # 25 April 2022
    board = mint("feedback", BOARD)

    body = feedback_api.get("/v1/insight/hotspots", headers=board).json()
    assert (body["month"], body["complete"], body["counted_to"]) == ("2022-03", True, "2022-03-31")
    assert body["current_month"] == "2022-04"
    assert {c["feedback_id"] for h in body["hotspots"] for c in h["comments"]} == {
        str(i) for i in last_month
    }

    body = feedback_api.get(
        "/v1/insight/hotspots", params={"month": "2022-04"}, headers=board
    ).json()
    assert (body["month"], body["complete"], body["counted_to"]) == ("2022-04", False, "2022-04-25")
    assert {c["feedback_id"] for h in body["hotspots"] for c in h["comments"]} == {
        str(i) for i in so_far
    }

    future = feedback_api.get("/v1/insight/hotspots", params={"month": "2022-05"}, headers=board)
    assert future.status_code == 422
    assert future.json()["errors"][0]["field"] == "month"
    assert "not started" in future.json()["errors"][0]["message"]


def test_a_staff_members_name_behind_a_hotspot_is_redacted_as_on_the_feedback_pages(
    feedback_api, feedback_session, mint
):
    family = staff_member(feedback_api, mint)
    for i in (70, 71, 72):  # three quiet months of history on the ward
        add_labelled(feedback_session, ward="L4", month=month(i), n=1, sentiment="positive")
    ids = post_spike(
        feedback_api,
        feedback_session,
        mint,
        month=dt.date(2023, 2, 1),
        comment=f"Nobody told us anything, and {family} was short with my mum",
    )

    def behind_hotspot(headers) -> list[dict]:
        response = feedback_api.get(
            "/v1/insight/hotspots", params={"month": "2023-02"}, headers=headers
        )
        assert response.status_code == 200, response.text
        spots = [h for h in response.json()["hotspots"] if h["ward_code"] == "L4"]
        assert len(spots) == 1
        assert {c["feedback_id"] for c in spots[0]["comments"]} == set(ids)
        return spots[0]["comments"]

    def on_feedback_page(headers, feedback_id) -> str:
        return feedback_api.get(f"/v1/feedback/{feedback_id}", headers=headers).json()["comment"]

    ward_staff = mint("feedback", Role.staff, wards=("L4",))
    for comment in behind_hotspot(ward_staff):
        assert family.lower() not in comment["comment"].lower()
        assert "[NAME] was short with my mum" in comment["comment"]
        assert comment["comment_is_redacted"]
        assert comment["comment"] == on_feedback_page(ward_staff, comment["feedback_id"])
    for comment in behind_hotspot(mint("feedback", BOARD)):
        assert family.lower() not in comment["comment"].lower()
        assert comment["comment_is_redacted"]
    for role in (Role.pals_officer, Role.patient_experience_manager):
        reader = mint("feedback", role)
        for comment in behind_hotspot(reader):
            assert f"{family} was short with my mum" in comment["comment"]
            assert not comment["comment_is_redacted"]
            assert comment["comment"] == on_feedback_page(reader, comment["feedback_id"])


def test_theme_counts_and_rates_by_source(feedback_api, feedback_session, mint):
    add_labelled(feedback_session, ward="RT-W", month=month(30), n=3, channel="complaint")
    add_labelled(
        feedback_session,
        ward="RT-W",
        month=month(30),
        n=1,
        channel="complaint",
        theme="Discharge",
        sentiment="neutral",
    )
    add_labelled(feedback_session, ward="RT-W", month=month(30), n=2, channel="fft")
    start = month(30)
    response = feedback_api.get(
        "/v1/insight/themes",
        params={"start": start.isoformat(), "end": (start + dt.timedelta(days=27)).isoformat()},
        headers=mint("feedback", BOARD),
    )
    rows = {(r["group"], r["theme"]): r for r in response.json()["rows"]}
    parking = rows[("complaint", "Parking")]
    assert parking["count"] == 3 and parking["comments"] == 4 and parking["rate"] == 0.75
    assert parking["group_name"] == "Complaint"
    assert rows[("fft", "Parking")]["rate"] == 1.0
    by_ward = feedback_api.get(
        "/v1/insight/themes",
        params={
            "start": start.isoformat(),
            "end": (start + dt.timedelta(days=27)).isoformat(),
            "group_by": "ward",
        },
        headers=mint("feedback", BOARD),
    ).json()
    assert {(r["group"], r["theme"], r["count"]) for r in by_ward["rows"]} == {
        ("RT-W", "Parking", 5),
        ("RT-W", "Discharge", 1),
    }


def test_sentiment_by_month_includes_empty_months(feedback_api, feedback_session, mint):
    add_labelled(feedback_session, ward="PBT", month=month(40), n=2, sentiment="positive")
    add_labelled(feedback_session, ward="PBT", month=month(42), n=3, sentiment="negative")
    response = feedback_api.get(
        "/v1/insight/sentiment",
        params={"start": month(40).strftime("%Y-%m"), "end": month(42).strftime("%Y-%m")},
        headers=mint("feedback", BOARD),
    )
    months = response.json()["months"]
    assert [(m["positive"], m["negative"], m["total"]) for m in months] == [
        (2, 0, 2),
        (0, 0, 0),
        (0, 3, 3),
    ]


def test_staff_see_figures_for_their_own_wards_only(feedback_api, feedback_session, mint):
    add_labelled(feedback_session, ward="PBT", month=month(44), n=2, sentiment="positive")
    params = {"start": month(44).strftime("%Y-%m"), "end": month(44).strftime("%Y-%m")}
    mine = feedback_api.get(
        "/v1/insight/sentiment", params=params, headers=mint("feedback", Role.staff, wards=("PBT",))
    ).json()
    other = feedback_api.get(
        "/v1/insight/sentiment", params=params, headers=mint("feedback", Role.staff, wards=("L4",))
    ).json()
    assert mine["months"][0]["positive"] == 2 and other["months"][0]["positive"] == 0


def test_small_numbers_are_shown_as_fewer_than_5() -> None:
    assert [small_number(n) for n in (0, 1, 4, 5, 12)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "12",
    ]


def test_equality_breakdown_shows_small_counts_as_fewer_than_5(
    feedback_api, feedback_session, mint
):
    from services.feedback_api.respondents.models import EqualityMonitoring

    at = dt.datetime(2016, 5, 10, tzinfo=dt.UTC)
    people = [("2", "fft")] * 7 + [("1", "complaint")] * 3 + [(None, "complaint")] * 2
    for sex, channel in people:
        record = Feedback(channel=channel, ward_code="L4", received_at=at, created_by="test")
        feedback_session.add(record)
        feedback_session.flush()
        if sex:
            feedback_session.add(
                EqualityMonitoring(feedback_id=record.id, sex=sex, disability=["02", "05"])
            )
    feedback_session.flush()
    response = feedback_api.get(
        "/v1/insight/equality",
        params={"start": "2016-05-01", "end": "2016-05-31"},
        headers=mint("feedback", BOARD),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total_feedback"] == "12" and body["total_complaints"] == "5"
    sex = next(b for b in body["breakdowns"] if b["characteristic"] == "sex")
    rows = {r["label"]: (r["gave_feedback"], r["complained"]) for r in sex["rows"]}
    assert rows["Female"] == ("7", "0")
    assert rows["Male"] == ("fewer than 5", "fewer than 5")
    assert rows["Prefer not to say"] == ("0", "0")
    assert rows["Not asked or not answered"] == ("fewer than 5", "fewer than 5")
    disability = next(b for b in body["breakdowns"] if b["characteristic"] == "disability")
    hearing = next(r for r in disability["rows"] if r["value"] == "02")
    assert hearing["gave_feedback"] == "10"


def equality_report(feedback_api, mint, start: str, end: str) -> dict:
    response = feedback_api.get(
        "/v1/insight/equality", params={"start": start, "end": end}, headers=mint("feedback", BOARD)
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_group_of_3_cannot_be_worked_out_by_subtracting_from_the_total(
    feedback_api, feedback_session, mint
):
    add_people(feedback_session, dt.datetime(2015, 7, 10, tzinfo=dt.UTC), GROUP_OF_3)
    body = equality_report(feedback_api, mint, "2015-07-01", "2015-07-31")
    assert (body["total_feedback"], body["total_complaints"]) == ("41", "17")
    sex = next(b for b in body["breakdowns"] if b["characteristic"] == "sex")
    rows = {r["label"]: (r["gave_feedback"], r["complained"]) for r in sex["rows"]}
    assert rows == {
        "Male": ("fewer than 5", "fewer than 5"),
        # the next smallest in each column is hidden with it
        "Female": ("20", "hidden"),
        "Intersex or indeterminate": ("0", "0"),
        "Prefer not to say": ("0", "0"),
        "Not asked or not answered": ("hidden", "8"),
    }
    male = [r["label"] for r in sex["rows"]].index("Male")
    for column, total in (("gave_feedback", 41), ("complained", 17)):
        published = [r[column] for r in sex["rows"]]
        assert len(possible_values(total, published, male)) > 1, column
    assert "cannot be worked out by subtracting" in body["note"]


def test_nothing_more_is_hidden_when_no_count_is_small(feedback_api, feedback_session, mint):
    people = [("2", "fft")] * 20 + [("1", "complaint")] * 9 + [(None, "fft")] * 6
    add_people(feedback_session, dt.datetime(2015, 9, 10, tzinfo=dt.UTC), people)
    body = equality_report(feedback_api, mint, "2015-09-01", "2015-09-30")
    sex = next(b for b in body["breakdowns"] if b["characteristic"] == "sex")
    rows = {r["label"]: (r["gave_feedback"], r["complained"]) for r in sex["rows"]}
    assert rows["Female"] == ("20", "0") and rows["Male"] == ("9", "9")
    assert rows["Prefer not to say"] == ("0", "0")  # 0 is shown as 0
    assert rows["Not asked or not answered"] == ("6", "0")
    cells = [c for b in body["breakdowns"] for r in b["rows"] for c in r.values()]
    assert "hidden" not in cells and "fewer than 5" not in cells
    assert all(b["note"] is None for b in body["breakdowns"])
    assert "hidden" not in body["note"].lower()


def test_one_small_group_hides_only_within_its_own_breakdown(feedback_api, feedback_session, mint):
    people = [("2", "fft")] * 20 + [("1", "fft")] * 3 + [(None, "fft")] * 10
    add_people(feedback_session, dt.datetime(2015, 11, 10, tzinfo=dt.UTC), people)
    body = equality_report(feedback_api, mint, "2015-11-01", "2015-11-30")
    by = {b["characteristic"]: b for b in body["breakdowns"]}
    sex = {r["label"]: r["gave_feedback"] for r in by["sex"]["rows"]}
    assert sex["Male"] == "fewer than 5" and sex["Not asked or not answered"] == "hidden"
    assert sex["Female"] == "20"
    # Age was answered by the same 23 people, all 25 to 34: nothing there to protect.
    age = {r["label"]: r["gave_feedback"] for r in by["age_band"]["rows"]}
    assert age["25-34"] == "23" and age["Not asked or not answered"] == "10"
    assert "hidden" not in [r["gave_feedback"] for r in by["age_band"]["rows"]]
