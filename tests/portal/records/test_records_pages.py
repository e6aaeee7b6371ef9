"""The inbox's filters, cursor paging and export; the feedback page by role; the optional
second step of the public form."""

import csv
import datetime as dt
import io
import uuid

from sqlmodel import select

from services.feedback_api.respondents.models import EqualityMonitoring, RespondentContact
from tests.support.pages import check_page, error_summary, sign_in, text

LETTERS = str.maketrans("0123456789", "ghijklmnop")


def marker() -> str:
    return uuid.uuid4().hex[:12].translate(LETTERS)


def give(feedback_api, mint, **body) -> dict:
    body = {"channel": "fft", "fft_answer": 2, "ward_code": "RT-L", **body}
    response = feedback_api.post("/v1/feedback", json=body, headers=mint())
    assert response.status_code == 201, response.json()
    return response.json()


def test_the_inbox_filters_by_channel_site_and_respondent_type(portal, feedback_api, mint) -> None:
    word = marker()
    give(feedback_api, mint, comment=f"carer {word}", respondent_type="carer", ward_code="RT-W")
    give(feedback_api, mint, comment=f"patient {word}", respondent_type="patient")
    give(feedback_api, mint, channel="compliment", fft_answer=None, comment=f"thanks {word}")
    sign_in(portal, "pem")
    page = check_page(portal.get("/staff/feedback").text)
    assert page.select_one("select#channel") and page.select_one("select#site_code")
    assert page.select_one("select#respondent_type")

    def rows(**params):
        html = portal.get("/staff/feedback", params={"q": word, **params}).text
        return [text(row) for row in check_page(html).select("tbody tr")]

    assert len(rows()) == 3
    found = rows(respondent_type="carer")
    assert len(found) == 1 and "Carer" in found[0]
    assert len(rows(site_code="REN01")) == 1
    assert ["thanks" in r for r in rows(channel="compliment")] == [True]
    # A value the API would refuse is ignored rather than breaking the page.
    assert len(rows(channel="carrier-pigeon")) == 3


def test_next_and_previous_links_page_through_the_inbox_without_javascript(
    portal, feedback_api, mint
) -> None:
    word = marker()
    start = dt.datetime(2018, 5, 1, 9, tzinfo=dt.UTC)
    for index in range(27):
        received = (start + dt.timedelta(minutes=index)).isoformat()
        give(feedback_api, mint, comment=f"paging {word} {index}", received_at=received)
    sign_in(portal, "pem")
    first = check_page(portal.get("/staff/feedback", params={"q": word}).text)
    assert "27 records" in text(first)
    assert len(first.select("tbody tr")) == 25
    assert first.select_one("a[rel=prev]") is None
    next_link = first.select_one("a[rel=next]")["href"]
    assert f"q={word}" in next_link

    second = check_page(portal.get("/staff/feedback" + next_link).text)
    assert len(second.select("tbody tr")) == 2
    assert second.select_one("a[rel=next]") is None
    assert f"paging {word} 0" in text(second)  # the oldest is last

    back = check_page(portal.get("/staff/feedback" + second.select_one("a[rel=prev]")["href"]).text)
    assert [text(r) for r in back.select("tbody tr")] == [text(r) for r in first.select("tbody tr")]

    stale = portal.get("/staff/feedback", params={"q": word, "cursor": "edited"})
    assert stale.status_code == 200 and "27 records" in text(check_page(stale.text))


def test_the_export_link_downloads_the_filtered_records_as_csv(portal, feedback_api, mint) -> None:
    word = marker()
    give(feedback_api, mint, comment=f"export {word}")
    give(feedback_api, mint, comment=f"other {word}", fft_answer=5)
    sign_in(portal, "pem")
    page = check_page(portal.get("/staff/feedback", params={"q": word, "fft_answer": "5"}).text)
    link = next(a for a in page.select("a") if "Export CSV" in a.get_text())
    response = portal.get(link["href"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["comment"] for r in rows] == [f"other {word}"]


def detailed_feedback(feedback_api, mint) -> dict:
    return give(
        feedback_api,
        mint,
        comment=f"Ask for Ann on 07700 900111 {marker()}",
        respondent_type="family",
        answers=[
            {
                "question_key": "what_was_good",
                "question_text": "What was good?",
                "answer_text": "The tea trolley",
            }
        ],
        contact={
            "consent": True,
            "name": "Ann Example",
            "email": "ann@example.org",
            "preferred_method": "email",
        },
        equality={"ethnicity": "black_caribbean", "age_band": "65-74"},
        accessible_needs=["large_print"],
    )


def test_pals_see_contact_details_equality_and_needs_on_the_feedback_page(
    portal, feedback_api, mint
) -> None:
    made = detailed_feedback(feedback_api, mint)
    sign_in(portal, "pals")
    page = check_page(portal.get(f"/staff/feedback/{made['id']}").text)
    words = text(page)
    assert page.select_one("h2#contact-details").get_text() == "Contact details"
    assert "ann@example.org" in words and "Ann Example" in words
    assert "07700 900111" in words  # the original comment
    assert "Black, Black British, Caribbean or African: Caribbean" in words
    assert "Large print" in words and "Family member or friend" in words
    assert "What was good?" in words and "The tea trolley" in words


def test_ward_staff_see_answers_but_no_personal_data(portal, feedback_api, mint) -> None:
    made = detailed_feedback(feedback_api, mint)
    sign_in(portal, "staff")  # scoped to RT-L
    page = check_page(portal.get(f"/staff/feedback/{made['id']}").text)
    words = text(page)
    assert "The tea trolley" in words and "Family member or friend" in words
    assert "Contact details" not in words and "ann@example.org" not in words
    assert "07700 900111" not in words and "[PHONE]" in words
    assert "Caribbean" not in words and "Large print" not in words


def give_on_the_form(portal) -> None:
    page = check_page(portal.get("/feedback").text)
    fields = {i["name"]: i.get("value", "") for i in page.select("form input[type=hidden]")}
    response = portal.post(
        "/feedback", data={**fields, "ward_code": "L5", "answer": "1", "comment": marker()}
    )
    assert response.status_code == 303


def about_you_fields(portal) -> dict:
    page = check_page(portal.get("/feedback/about-you").text)
    return {i["name"]: i.get("value", "") for i in page.select("form input[type=hidden]")}


def test_the_optional_second_step_adds_contact_and_about_you(portal, feedback_session) -> None:
    give_on_the_form(portal)
    thanks = check_page(portal.get("/feedback/thank-you").text)
    assert thanks.select_one("a[href='/feedback/about-you']")
    page = check_page(portal.get("/feedback/about-you").text)
    for name in ("ethnicity", "age_band", "religion"):
        options = [o.get_text() for o in page.select(f"select#{name} option")]
        assert options[-1] == "Prefer not to say"
    labels = [" ".join(label.get_text().split()) for label in page.select("label")]
    assert labels.count("Prefer not to say") == 4  # sex, gender, orientation, disability

    email = f"{marker()}@example.org"
    response = portal.post(
        "/feedback/about-you",
        data={
            **about_you_fields(portal),
            "respondent_type": "carer",
            "contact_wanted": "yes",
            "email": email,
            "preferred_method": "email",
            "ethnicity": "asian_chinese",
            "sex": "Z",
            "disability": ["02", "09"],
            "needs": ["easy_read"],
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/feedback/about-you/done"
    contact = feedback_session.exec(
        select(RespondentContact).where(RespondentContact.email == email)
    ).one()
    equality = feedback_session.get(EqualityMonitoring, contact.feedback_id)
    assert (equality.ethnic_category, equality.sex, equality.disability) == ("R", "Z", ["02", "09"])
    assert equality.religion is None  # not answered is not "prefer not to say"
    # The step is offered once: afterwards the page sends you back.
    assert portal.get("/feedback/about-you").status_code == 303


def test_contact_without_details_shows_the_error_summary_and_keeps_answers(portal) -> None:
    give_on_the_form(portal)
    response = portal.post(
        "/feedback/about-you",
        data={
            **about_you_fields(portal),
            "contact_wanted": "yes",
            "preferred_method": "phone",
            "name": "Bo",
            "age_band": "25-34",
        },
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == ["Enter your telephone number"]
    assert page.select_one(".nhsuk-error-summary a")["href"] == "#phone"
    assert page.select_one("input#name")["value"] == "Bo"
    assert page.select_one("select#age_band option[selected]")["value"] == "25-34"


def test_a_bad_phone_number_is_named_by_the_api_and_shown_on_the_field(portal) -> None:
    give_on_the_form(portal)
    response = portal.post(
        "/feedback/about-you",
        data={
            **about_you_fields(portal),
            "contact_wanted": "yes",
            "preferred_method": "phone",
            "phone": "12345",
        },
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == ["Enter a telephone number, like 01632 960 001 or 07700 900 982"]


def test_skipping_the_second_step_stores_nothing_more(portal, feedback_session) -> None:
    give_on_the_form(portal)
    before = len(feedback_session.exec(select(EqualityMonitoring)).all())
    response = portal.post("/feedback/about-you", data=about_you_fields(portal))
    assert response.status_code == 303
    assert len(feedback_session.exec(select(EqualityMonitoring)).all()) == before
    done = check_page(portal.get("/feedback/about-you/done").text)
    assert "Thank you" in text(done)


def test_without_a_recent_submission_there_is_no_second_step(portal) -> None:
    assert portal.get("/feedback/about-you").headers["location"] == "/feedback/thank-you"
    thanks = check_page(portal.get("/feedback/thank-you").text)
    assert thanks.select_one("a[href='/feedback/about-you']") is None
