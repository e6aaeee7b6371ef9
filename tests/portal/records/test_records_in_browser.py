"""The optional second step and the PALS view of a record in a real browser, with axe-core."""

import uuid

import pytest

from services.portal.demo import DEMO_PASSWORD
from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser


def test_a_patient_asks_to_be_contacted_and_pals_sees_the_details(page) -> None:
    word = uuid.uuid4().hex[:12].translate(str.maketrans("0123456789", "ghijklmnop"))
    email = f"{word}@example.org"
    page.goto("/feedback")
    page.select_option("#ward_code", "L4")
    page.check("label:has-text('Poor')")
    page.fill("#comment", f"The discharge took all day {word}")
    page.click("button:has-text('Send feedback')")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    page.click("a:has-text('Tell us more')")
    assert page.locator("h1").inner_text() == "Tell us more (optional)"
    assert axe_violations(page) == []

    page.check("label:has-text('Yes, I agree to be contacted')")
    page.check("#preferred_method")  # the first choice: email
    page.click("button:has-text('Send')")
    assert "Enter your email address" in page.locator(".nhsuk-error-summary").inner_text()
    assert axe_violations(page) == []

    page.fill("#email", email)
    page.select_option("#ethnicity", "white_irish")
    page.click("button:has-text('Send')")
    assert page.locator("h1").inner_text() == "Thank you"

    page.goto("/sign-in")
    page.fill("#email", "pals@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.fill("#q", word)
    page.click("button:has-text('Apply filters')")
    page.locator("tbody tr a").first.wait_for()
    assert axe_violations(page) == []
    page.locator("tbody tr a").first.click()
    assert page.locator("#contact-details").is_visible()
    assert email in page.locator("main").inner_text()
    assert "White: Irish" in page.locator("main").inner_text()
    assert axe_violations(page) == []
