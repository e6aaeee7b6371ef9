"""The case pages in process: the list, the overdue list, opening a case, the case page and its
forms, and who may see them."""

import datetime as dt
import uuid

import pytest

from tests.support.pages import check_page, error_summary, sign_in, text


def csrf_of(page) -> str:
    return page.select_one("input[name=csrf_token]")["value"]


def open_case(portal, **fields) -> tuple[str, str]:
    """Open a case through the form; returns (case page path, narrative)."""
    page = check_page(portal.get("/staff/cases/new").text)
    narrative = fields.pop("narrative", f"The discharge letter went to the wrong GP {uuid.uuid4()}")
    data = {
        "csrf_token": csrf_of(page),
        "case_type": "complaint",
        "received_on": "2026-11-16",
        "received_how": "phone",
        "narrative": narrative,
        "relationship": "patient",
        "ward_code": "L4",
        "complainant_ethnic_category": "99",
        "subjects": ["communications"],
        **fields,
    }
    response = portal.post("/staff/cases/new", data=data)
    assert response.status_code == 303, error_summary(check_page(response.text))
    assert response.headers["location"].endswith("?done=opened")
    return response.headers["location"].split("?")[0], narrative


def test_a_pals_officer_opens_a_case_and_finds_it_in_the_list(portal) -> None:
    sign_in(portal, "pals@demo.heard.example")
    path, narrative = open_case(portal, patient_age_at_event="67")
    page = check_page(portal.get(path + "?done=opened").text)
    heading = page.h1.get_text(strip=True)
    assert heading.startswith("CMP-") and heading.endswith(": Complaint")
    assert "The case has been opened." in text(page)
    assert narrative in text(page)
    assert "67 (65 to 74)" in text(page)
    assert "Made orally: send the complainant a copy of the written record" in text(page)
    assert "Case opened" in text(page.select_one("#timeline"))
    assert "Tom Okafor" in text(page.select_one("#timeline"))

    reference = heading.split(":")[0]
    listing = check_page(portal.get("/staff/cases", params={"reference": reference}).text)
    assert listing.h1.get_text(strip=True) == "Cases"
    row = listing.select_one("#results tbody tr")
    assert reference in text(row) and "Received" in text(row)
    nav = [a.get_text(strip=True) for a in listing.select("header nav a")]
    assert "Cases" in nav


def test_opening_a_case_with_mistakes_shows_them_and_keeps_the_answers(portal) -> None:
    sign_in(portal, "pals@demo.heard.example")
    page = check_page(portal.get("/staff/cases/new").text)
    response = portal.post(
        "/staff/cases/new",
        data={
            "csrf_token": csrf_of(page),
            "received_on": "2026-13-40",
            "narrative": "Kept words",
            "relationship": "relative",
        },
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == [
        "Select whether this is a complaint or PALS",
        "Select how it was received",
        "Enter a real date for the date it was received",
        "Select whether the patient consents",
        "Select at least one subject",
    ]
    assert page.select_one("#narrative").get_text() == "Kept words"
    assert page.select_one("#relationship option[selected]")["value"] == "relative"
    for link in page.select(".nhsuk-error-summary a"):
        assert page.select_one(link["href"]) is not None, link["href"]


def test_acknowledging_with_a_mistake_then_correctly(portal, feedback_today) -> None:
    feedback_today(dt.date(2026, 11, 18))
    sign_in(portal, "pals@demo.heard.example")
    path, _ = open_case(portal)
    page = check_page(portal.get(path).text)
    assert "Due by 19 November 2026" in text(page)

    bad = portal.post(
        f"{path}/acknowledge",
        data={"csrf_token": csrf_of(page), "discussion_accepted": "yes", "note": "Rang them"},
    )
    assert bad.status_code == 422
    bad_page = check_page(bad.text)
    assert error_summary(bad_page) == [
        "Select whether you offered to discuss how the complaint will be handled"
    ]
    assert bad_page.select_one("#ack-note").get_text() == "Rang them"
    assert bad_page.select_one("#ack-discussion_offered") is not None

    good = portal.post(
        f"{path}/acknowledge",
        data={
            "csrf_token": csrf_of(page),
            "discussion_offered": "yes",
            "discussion_accepted": "no",
            "oral_record_copy_sent": "yes",
        },
    )
    assert good.status_code == 303
    done = check_page(portal.get(good.headers["location"]).text)
    assert "The acknowledgement has been recorded." in text(done)
    assert "acknowledged 18 November 2026" in text(done)
    assert "Offered, declined" in text(done)
    assert "Copy sent to the complainant 18 November 2026" in text(done)
    first = done.select_one("#timeline li")
    assert "Acknowledged" in text(first) and "Tom Okafor" in text(first)
    assert done.select_one("form[action$='/acknowledge']") is None


def test_the_due_date_needs_a_reason_and_every_change_is_on_the_timeline(portal) -> None:
    sign_in(portal, "pem@demo.heard.example")
    path, _ = open_case(portal)
    page = check_page(portal.get(path).text)
    refused = portal.post(
        f"{path}/response-due",
        data={"csrf_token": csrf_of(page), "response_due": "2027-01-15", "reason": ""},
    )
    assert refused.status_code == 422
    assert error_summary(check_page(refused.text)) == ["Enter the reason for the date"]
    done = portal.post(
        f"{path}/response-due",
        data={
            "csrf_token": csrf_of(page),
            "response_due": "2027-01-15",
            "reason": "Agreed in our call",
            "agreed": "yes",
        },
    )
    assert done.status_code == 303
    after = check_page(portal.get(path).text)
    entry = text(after.select_one("#timeline li"))
    assert "Response due date changed" in entry
    assert "→ 15 January 2027" in entry
    assert "Agreed in our call" in entry and "Priya Shah" in entry
    assert "15 January 2027 (agreed)" in text(after)


def test_the_status_and_outcome_forms_follow_the_lifecycle(portal) -> None:
    sign_in(portal, "pals@demo.heard.example")
    path, _ = open_case(portal)
    page = check_page(portal.get(path).text)
    options = [o["value"] for o in page.select("#status-status option") if o["value"]]
    assert options == ["closed"]  # acknowledging has its own form
    portal.post(
        f"{path}/acknowledge", data={"csrf_token": csrf_of(page), "discussion_offered": "yes"}
    )
    page = check_page(portal.get(path).text)
    moved = portal.post(
        f"{path}/status", data={"csrf_token": csrf_of(page), "status": "investigating"}
    )
    assert moved.status_code == 303
    page = check_page(portal.get(path).text)
    outcome = portal.post(
        f"{path}/outcome",
        data={
            "csrf_token": csrf_of(page),
            "outcome": "upheld",
            "signed_by": "Chief Executive",
            "phso_rights_included": "yes",
        },
    )
    assert outcome.status_code == 303
    page = check_page(portal.get(path).text)
    assert "Upheld" in text(page)
    # A status the case may not move to next is not offered, and refused if sent anyway.
    assert "response_sent" not in [o["value"] for o in page.select("#status-status option")]
    skipped = portal.post(
        f"{path}/status", data={"csrf_token": csrf_of(page), "status": "response_sent"}
    )
    assert skipped.status_code == 422
    assert error_summary(check_page(skipped.text)) == ["Select the case's new status"]
    for status in ("response_drafted", "response_sent"):
        moved = portal.post(f"{path}/status", data={"csrf_token": csrf_of(page), "status": status})
        assert moved.status_code == 303, error_summary(check_page(moved.text))
    page = check_page(portal.get(path).text)
    latest = text(page.select_one("#timeline li"))
    assert "Status changed" in latest and "Response drafted → Response sent" in latest

    bad_referral = portal.post(
        f"{path}/phso", data={"csrf_token": csrf_of(page), "referred_on": "yesterday"}
    )
    assert bad_referral.status_code == 422
    assert error_summary(check_page(bad_referral.text)) == [
        "Enter a real date for the date of the referral"
    ]
    referred = portal.post(f"{path}/phso", data={"csrf_token": csrf_of(page), "note": "PHSO ref 1"})
    assert referred.status_code == 303
    page = check_page(portal.get(path).text)
    assert "Referred to the Parliamentary and Health Service Ombudsman" in text(
        page.select_one("#timeline li")
    )
    reopened = portal.post(
        f"{path}/reopen",
        data={"csrf_token": csrf_of(page), "reason": "PHSO asked for a fresh look"},
    )
    assert reopened.status_code == 422
    assert error_summary(check_page(reopened.text)) == ["Enter the new date the response is due"]
    reopened = portal.post(
        f"{path}/reopen",
        data={
            "csrf_token": csrf_of(page),
            "reason": "PHSO asked for a fresh look",
            "response_due": "2099-01-31",
        },
    )
    assert reopened.status_code == 303
    page = check_page(portal.get(path).text)
    assert "The case has been reopened." not in text(page)  # only after the redirect's flag
    assert "31 January 2099 (agreed)" in text(page)


def test_a_closure_without_a_response_needs_a_note(portal) -> None:
    sign_in(portal, "pals@demo.heard.example")
    path, _ = open_case(portal)
    page = check_page(portal.get(path).text)
    refused = portal.post(f"{path}/status", data={"csrf_token": csrf_of(page), "status": "closed"})
    assert refused.status_code == 422
    assert "Say why the case is closed" in error_summary(check_page(refused.text))[0]


def test_the_overdue_list_counts_late_cases_by_the_clock(portal, feedback_today) -> None:
    sign_in(portal, "pals@demo.heard.example")
    feedback_today(dt.date(2026, 12, 24))
    path, _ = open_case(portal, received_on="2026-12-24")
    feedback_today(dt.date(2026, 12, 31))
    before = check_page(portal.get("/staff/cases/overdue").text)
    acknowledgements = int(before.select_one("#count-acknowledgements").get_text())
    assert path not in [a["href"] for a in before.select("tbody a")]

    feedback_today(dt.date(2027, 1, 1))
    after = check_page(portal.get("/staff/cases/overdue").text)
    assert after.h1.get_text(strip=True) == "Overdue cases"
    assert int(after.select_one("#count-acknowledgements").get_text()) == acknowledgements + 1
    assert path in [a["href"] for a in after.select("tbody a")]
    assert "As of 1 January 2027" in text(after)
    case_page = check_page(portal.get(path).text)
    assert "Acknowledgement overdue" in text(case_page)


def test_open_a_case_is_offered_on_complaint_feedback_to_pals_only(portal) -> None:
    sign_in(portal, "pals@demo.heard.example")
    comment = f"I want to complain about the car park {uuid.uuid4()}"
    page = check_page(portal.get("/feedback").text)
    fields = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
    portal.post("/feedback", data={**fields, "ward_code": "L4", "answer": "5", "comment": comment})
    inbox = check_page(portal.get("/staff/feedback", params={"q": comment}).text)
    detail = check_page(portal.get(inbox.select_one("tbody a")["href"]).text)
    assert "Open a case" not in text(detail)  # FFT feedback is not a complaint


def test_opening_from_complaint_feedback_fills_the_form(portal, feedback_api, mint) -> None:
    comment = f"Nobody called me back about my mother {uuid.uuid4()}"
    created = feedback_api.post(
        "/v1/feedback",
        json={"channel": "complaint", "comment": comment, "ward_code": "RT-L"},
        headers=mint(),
    )
    feedback_id = created.json()["id"]
    sign_in(portal, "pals@demo.heard.example")
    detail = check_page(portal.get(f"/staff/feedback/{feedback_id}").text)
    link = detail.find("a", string=lambda s: s and "Open a case" in s)
    assert link["href"] == f"/staff/cases/new?feedback_id={feedback_id}"
    form = check_page(portal.get(link["href"]).text)
    assert form.select_one("#narrative").get_text() == comment
    assert form.select_one("#ward_code option[selected]")["value"] == "RT-L"
    assert form.select_one("#case_type")["checked"] is not None


@pytest.mark.parametrize("email", ["staff@demo.heard.example", "admin@demo.heard.example"])
def test_roles_that_do_not_run_cases_are_refused(portal, email) -> None:
    sign_in(portal, "pals@demo.heard.example")
    path, _ = open_case(portal)
    portal.post("/sign-out")
    sign_in(portal, email)
    for url in ("/staff/cases", "/staff/cases/overdue", path, "/staff/cases/new"):
        response = portal.get(url)
        assert response.status_code == 403, url
    if email.startswith("staff"):
        inbox = check_page(portal.get("/staff/feedback").text)
        assert "Cases" not in [a.get_text(strip=True) for a in inbox.select("header nav a")]


def test_htmx_filtering_gets_only_the_results(portal) -> None:
    sign_in(portal, "pem@demo.heard.example")
    response = portal.get("/staff/cases?status=received", headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="results">')


def test_a_late_complaint_is_flagged_until_the_waiver_is_recorded(portal) -> None:
    sign_in(portal, "pals@demo.heard.example")
    path, _ = open_case(portal, event_on="2025-09-01")
    page = check_page(portal.get(path).text)
    assert "Made more than 12 months after the events" in text(page)
    empty = portal.post(f"{path}/time-limit", data={"csrf_token": csrf_of(page)})
    assert empty.status_code == 422
    assert error_summary(check_page(empty.text))[0].startswith("Enter the good reason")
    reason = "In hospital for most of the year; records are complete"
    done = portal.post(
        f"{path}/time-limit",
        data={"csrf_token": csrf_of(page), "time_limit_waiver_reason": reason},
    )
    assert done.status_code == 303
    page = check_page(portal.get(path).text)
    assert f"investigated because: {reason}" in text(page)
    assert page.select_one("form[action$='/time-limit']") is None
    assert "Reason the time limit is waived" in text(page.select_one("#timeline li"))
