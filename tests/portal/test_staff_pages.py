"""Signing in, the inbox and who may see it."""

import uuid

import pytest

from tests.support.pages import check_page, error_summary, sign_in, text


def submit(portal, comment: str, ward: str = "L4", answer: str = "5") -> None:
    page = check_page(portal.get("/feedback").text)
    fields = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
    response = portal.post(
        "/feedback", data={**fields, "ward_code": ward, "answer": answer, "comment": comment}
    )
    assert response.status_code == 303


def test_staff_pages_send_you_to_sign_in_first(portal) -> None:
    response = portal.get("/staff/feedback?ward_code=L4")
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=/staff/feedback%3Fward_code%3DL4"


def test_a_patient_experience_manager_signs_in_and_sees_new_feedback(portal) -> None:
    comment = f"Waited too long for the pharmacy {uuid.uuid4()}"
    submit(portal, comment)
    response = sign_in(portal, "pem@demo.heard.example", next="/staff/feedback")
    assert response.headers["location"] == "/staff/feedback"
    cookie = response.headers["set-cookie"]
    assert "heard_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie

    inbox = check_page(portal.get("/staff/feedback").text)
    assert inbox.h1.get_text(strip=True) == "Feedback inbox"
    assert comment in text(inbox)
    first_row = inbox.select_one("tbody tr")
    assert comment in text(first_row) and "Very poor" in text(first_row)

    detail = check_page(portal.get(first_row.select_one("a")["href"]).text)
    assert comment in text(detail)
    assert "Ward 4 (Haemato-oncology)" in text(detail)


def test_the_inbox_filters_by_text_and_answer(portal) -> None:
    marker = uuid.uuid4().hex
    submit(portal, f"Poor parking {marker}", answer="4")
    submit(portal, f"Great care {marker}", answer="1")
    sign_in(portal, "pem@demo.heard.example")
    page = check_page(portal.get("/staff/feedback", params={"q": marker, "fft_answer": "1"}).text)
    assert "1 record" in text(page)
    assert f"Great care {marker}" in text(page) and "Poor parking" not in text(page)


def test_htmx_filtering_gets_only_the_results(portal) -> None:
    sign_in(portal, "pem@demo.heard.example")
    response = portal.get("/staff/feedback", headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="results">')
    assert "<html" not in response.text


def test_ward_staff_see_only_their_ward(portal) -> None:
    # Letters only: ward staff search redacted text, where digit runs may read as phone numbers.
    marker = uuid.uuid4().hex.translate(str.maketrans("0123456789", "ghijklmnop"))
    submit(portal, f"Radiotherapy {marker}", ward="RT-L")
    submit(portal, f"Ward four {marker}", ward="L4")
    sign_in(portal, "staff@demo.heard.example")
    page = text(check_page(portal.get("/staff/feedback", params={"q": marker}).text))
    assert f"Radiotherapy {marker}" in page and "Ward four" not in page


def test_a_patient_representative_may_not_open_the_inbox(portal) -> None:
    sign_in(portal, "rep@demo.heard.example")
    response = portal.get("/staff/feedback")
    assert response.status_code == 403
    assert "You do not have permission" in text(check_page(response.text))


def test_a_wrong_password_is_an_error_that_names_neither_field_alone(portal) -> None:
    response = sign_in(portal, "pem@demo.heard.example", password="not the password", expect=422)
    page = check_page(response.text)
    assert error_summary(page) == ["The email address or password is not right"]
    assert page.select_one("#email")["value"] == "pem@demo.heard.example"
    assert "heard_session" not in response.headers.get("set-cookie", "")


def test_empty_fields_are_named(portal) -> None:
    response = sign_in(portal, "", password="", expect=422)
    assert error_summary(check_page(response.text)) == [
        "Enter your email address",
        "Enter your password",
    ]


def test_repeated_wrong_passwords_are_slowed_down(portal) -> None:
    email = f"{uuid.uuid4().hex}@nowhere.example"
    for _ in range(10):
        sign_in(portal, email, password="wrong-password", expect=422)
    response = sign_in(portal, email, password="wrong-password", expect=429)
    assert "Too many attempts" in error_summary(check_page(response.text))[0]


def test_signing_out_ends_the_session(portal) -> None:
    sign_in(portal, "pem@demo.heard.example")
    assert portal.get("/staff/feedback").status_code == 200
    response = portal.post("/sign-out")
    assert response.status_code == 303
    assert portal.get("/staff/feedback").status_code == 303


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "javascript:x"])
def test_sign_in_never_redirects_to_another_site(portal, target: str) -> None:
    response = sign_in(portal, "pem@demo.heard.example", next=target)
    assert response.headers["location"] == "/staff"


def test_an_unknown_page_is_a_friendly_404(portal) -> None:
    response = portal.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in text(check_page(response.text))
