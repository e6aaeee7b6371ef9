"""The first journey across all three services as real processes over real HTTP:
a patient answers the Friends and Family Test; a patient experience manager sees it."""

import time
import uuid

import httpx
import pytest
from bs4 import BeautifulSoup

from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer
from tests.support.pages import sign_in
from tests.support.stack import Stack

pytestmark = pytest.mark.e2e


def hidden_fields(html: str) -> dict[str, str]:
    page = BeautifulSoup(html, "html.parser")
    return {i["name"]: i.get("value", "") for i in page.select("form input[type=hidden]")}


def give_feedback(browser: httpx.Client, comment: str, answer: str = "2") -> httpx.Response:
    form = browser.get("/feedback?ward=L4")
    assert form.status_code == 200
    return browser.post(
        "/feedback",
        data={**hidden_fields(form.text), "ward_code": "L4", "answer": answer, "comment": comment},
    )


def test_a_patient_gives_feedback_and_the_manager_sees_it_in_the_inbox(stack: Stack) -> None:
    comment = f"The team on Ward 4 were kind and explained everything {uuid.uuid4()}"
    with httpx.Client(base_url=stack.url("portal")) as patient:
        response = give_feedback(patient, comment)
        assert response.status_code == 303
        thanks = patient.get(response.headers["location"])
        assert "Thank you for your feedback" in thanks.text

    with httpx.Client(base_url=stack.url("portal")) as manager:
        sign_in(manager, "pem@demo.heard.example")
        inbox = manager.get("/staff/feedback", params={"q": comment})
        assert inbox.status_code == 200
        assert comment in inbox.text
        assert "Ward 4 (Haemato-oncology)" in inbox.text


def test_bad_input_is_shown_back_with_the_answers_kept(stack: Stack) -> None:
    with httpx.Client(base_url=stack.url("portal")) as patient:
        form = patient.get("/feedback")
        response = patient.post(
            "/feedback", data={**hidden_fields(form.text), "ward_code": "L4", "comment": "Kept"}
        )
        assert response.status_code == 422
        assert "There is a problem" in response.text
        assert "Select how your experience was overall" in response.text
        assert ">Kept</textarea>" in response.text


def test_the_apis_refuse_calls_without_a_token_and_with_the_wrong_role(stack: Stack) -> None:
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    rep = Principal(sub="7", roles=frozenset({Role.patient_representative.value}))
    url = f"{stack.url('feedback')}/v1/feedback"
    unauthenticated = httpx.get(url)
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["content-type"] == "application/problem+json"
    forbidden = httpx.get(url, headers={"Authorization": f"Bearer {issuer.mint('feedback', rep)}"})
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"] == "application/problem+json"


def test_feedback_given_while_the_feedback_api_is_down_is_delivered_later(stack: Stack) -> None:
    comment = f"Sent while the service was down {uuid.uuid4()}"
    with httpx.Client(base_url=stack.url("portal")) as patient:
        form = patient.get("/feedback?ward=L4")  # the form opened while all was well
        stack.stop("feedback")
        try:
            response = patient.post(
                "/feedback",
                data={
                    **hidden_fields(form.text),
                    "ward_code": "L4",
                    "answer": "1",
                    "comment": comment,
                },
            )
            assert response.status_code == 303
            assert "Thank you" in patient.get(response.headers["location"]).text
        finally:
            stack.start("feedback")

    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    manager = Principal(sub="1", roles=frozenset({Role.patient_experience_manager.value}))
    deadline = time.monotonic() + 30
    found = []
    while time.monotonic() < deadline and not found:
        token = issuer.mint("feedback", manager)
        response = httpx.get(
            f"{stack.url('feedback')}/v1/feedback",
            params={"q": comment},
            headers={"Authorization": f"Bearer {token}"},
        )
        found = response.json()["data"]
        time.sleep(0.5)
    assert [item["comment"] for item in found] == [comment], stack.log("portal_worker")[-2000:]


def test_one_request_id_follows_a_submission_across_the_services(stack: Stack) -> None:
    request_id = uuid.uuid4().hex
    with httpx.Client(base_url=stack.url("portal")) as patient:
        form = patient.get("/feedback")
        response = patient.post(
            "/feedback",
            data={**hidden_fields(form.text), "ward_code": "L4", "answer": "1"},
            headers={"X-Request-ID": request_id},
        )
        assert response.headers["x-request-id"] == request_id
    deadline = time.monotonic() + 5
    while request_id not in stack.log("feedback") and time.monotonic() < deadline:
        time.sleep(0.1)
    feedback_lines = [line for line in stack.log("feedback").splitlines() if request_id in line]
    assert any('"path": "/v1/feedback"' in line for line in feedback_lines)


def test_staff_see_a_friendly_page_when_the_feedback_api_is_down(stack: Stack) -> None:
    with httpx.Client(base_url=stack.url("portal")) as manager:
        sign_in(manager, "pem@demo.heard.example")
        stack.stop("feedback")
        try:
            response = manager.get("/staff/feedback")
        finally:
            stack.start("feedback")
    assert response.status_code == 503
    assert "not available at the moment" in response.text
    assert "Traceback" not in response.text
