"""The Friends and Family Test and the staff inbox in a real browser, checked with axe-core."""

import re
import uuid

import pytest

from services.portal.demo import DEMO_PASSWORD
from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser


def test_a_patient_corrects_a_mistake_and_sends_feedback_then_the_manager_reads_it(page) -> None:
    comment = f"Reception were friendly and the wait was short {uuid.uuid4()}"
    page.goto("/feedback")
    assert axe_violations(page) == []

    page.select_option("#ward_code", "L4")
    page.fill("#comment", comment)
    page.click("button:has-text('Send feedback')")

    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Select how your experience was overall" in summary.inner_text()
    assert page.input_value("#comment") == comment  # nothing typed is lost
    assert axe_violations(page) == []

    page.click(".nhsuk-error-summary a")
    page.check("label:has-text('Very good')")
    page.click("button:has-text('Send feedback')")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    assert axe_violations(page) == []

    page.goto("/sign-in")
    page.fill("#email", "pem@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Feedback inbox"
    page.fill("#q", comment)
    page.click("button:has-text('Apply filters')")
    # The comment is already in the unfiltered list: wait for the filtered results instead.
    page.locator("#results", has_text=re.compile(r"\b1 record\b")).wait_for()
    assert comment in page.locator("#results").inner_text()
    assert axe_violations(page) == []


def test_the_form_works_without_javascript(browser, stack) -> None:
    context = browser.new_context(base_url=stack.url("portal"), java_script_enabled=False)
    page = context.new_page()
    comment = f"No scripts needed {uuid.uuid4()}"
    page.goto("/feedback")
    page.select_option("#ward_code", "RT-L")
    page.check("label:has-text('Good') >> nth=0")
    page.fill("#comment", comment)
    page.click("button:has-text('Send feedback')")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    context.close()
