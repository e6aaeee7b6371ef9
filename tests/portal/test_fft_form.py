"""The Friends and Family Test form in the portal, through the real feedback API in process."""

import uuid

from sqlmodel import select

from services.common.fft import FFT_QUESTION
from services.feedback_api.feedback.models import Feedback
from tests.support.pages import check_page, error_summary, text

ANSWERS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]


def open_form(portal, path: str = "/feedback"):
    response = portal.get(path)
    assert response.status_code == 200
    page = check_page(response.text)
    fields = {i["name"]: i.get("value", "") for i in page.select("form input[type=hidden]")}
    return page, fields


def test_the_form_asks_the_national_question_with_its_six_answers(portal) -> None:
    page, _ = open_form(portal)
    legend = page.select_one("fieldset legend")
    assert " ".join(legend.get_text().split()) == FFT_QUESTION
    labels = [" ".join(label.get_text().split()) for label in page.select(".nhsuk-radios__label")]
    assert labels == ANSWERS
    values = [radio["value"] for radio in page.select("input[name=answer]")]
    assert values == ["1", "2", "3", "4", "5", "6"]


def test_a_qr_code_link_chooses_the_ward(portal) -> None:
    page, _ = open_form(portal, "/feedback?ward=RT-L")
    assert page.select_one("#ward_code option[selected]")["value"] == "RT-L"


def test_sending_the_form_stores_the_feedback_and_confirms(portal, feedback_session) -> None:
    _, fields = open_form(portal)
    comment = f"Everyone was lovely {uuid.uuid4()}"
    response = portal.post(
        "/feedback", data={**fields, "ward_code": "L5", "answer": "2", "comment": comment}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/feedback/thank-you"
    stored = feedback_session.exec(select(Feedback).where(Feedback.comment == comment)).one()
    assert (stored.fft_answer, stored.ward_code, stored.site_code) == (2, "L5", "REN20")

    confirmation = check_page(portal.get("/feedback/thank-you").text)
    assert "Thank you for your feedback" in text(confirmation)


def test_sending_twice_from_the_same_form_stores_it_once(portal, feedback_session) -> None:
    _, fields = open_form(portal)
    comment = f"Double click {uuid.uuid4()}"
    data = {**fields, "ward_code": "L5", "answer": "1", "comment": comment}
    assert portal.post("/feedback", data=data).status_code == 303
    assert portal.post("/feedback", data=data).status_code == 303
    stored = feedback_session.exec(select(Feedback).where(Feedback.comment == comment)).all()
    assert len(stored) == 1


def test_no_answer_shows_the_error_summary_and_keeps_what_was_typed(portal) -> None:
    _, fields = open_form(portal)
    response = portal.post(
        "/feedback", data={**fields, "ward_code": "L5", "comment": "The nurses were great"}
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert page.title.get_text().startswith("Error: ")
    assert error_summary(page) == ["Select how your experience was overall"]
    assert page.select_one(".nhsuk-error-summary a")["href"] == "#answer"
    assert page.select_one("input#answer[type=radio]") is not None
    assert page.select_one("textarea#comment").get_text() == "The nurses were great"
    assert page.select_one("#ward_code option[selected]")["value"] == "L5"


def test_a_comment_over_the_limit_is_refused_and_kept(portal, feedback_session) -> None:
    _, fields = open_form(portal)
    long_comment = "a" * 5001
    response = portal.post(
        "/feedback", data={**fields, "ward_code": "L5", "answer": "4", "comment": long_comment}
    )
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == ["Your comment must be 5,000 characters or fewer"]
    assert page.select_one("textarea#comment").get_text() == long_comment
    assert page.select_one("input[name=answer][value='4']").has_attr("checked")
    stored = feedback_session.exec(select(Feedback).where(Feedback.comment == long_comment)).all()
    assert stored == []


def test_no_ward_chosen_is_an_error(portal) -> None:
    _, fields = open_form(portal)
    response = portal.post("/feedback", data={**fields, "answer": "1"})
    assert error_summary(check_page(response.text)) == ["Select the ward or service you used"]


def test_a_post_without_the_csrf_token_is_refused(portal) -> None:
    _, fields = open_form(portal)
    fields.pop("csrf_token")
    response = portal.post("/feedback", data={**fields, "ward_code": "L5", "answer": "1"})
    assert response.status_code == 400
    assert "try again" in text(check_page(response.text))


def test_pages_set_security_headers(portal) -> None:
    response = portal.get("/feedback")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
