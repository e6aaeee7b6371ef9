"""A PALS officer opens a complaint and acknowledges it in a real browser, checked with axe-core."""

import uuid

import pytest

from services.portal.demo import DEMO_PASSWORD
from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser


def test_a_pals_officer_opens_and_acknowledges_a_complaint(page) -> None:
    narrative = f"My wife's hearing aids were lost on the ward {uuid.uuid4()}"
    page.goto("/sign-in?next=/staff/cases")
    page.fill("#email", "pals@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Cases"
    assert axe_violations(page) == []

    page.click("text=Open a case")
    assert page.locator("h1").inner_text() == "Open a case"
    page.check("#case_type")
    page.check("label:has-text('Email')")
    page.fill("#narrative", narrative)
    page.select_option("#ward_code", "L4")
    page.check("label:has-text('Patient care including nutrition/hydration')")
    assert axe_violations(page) == []
    page.click("button:has-text('Open the case')")

    heading = page.locator("h1").inner_text()
    assert heading.startswith("CMP-") and heading.endswith(": Complaint")
    assert narrative in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.click("button:has-text('Record the acknowledgement')")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Select whether you offered to discuss" in summary.inner_text()
    assert axe_violations(page) == []

    page.click(".nhsuk-error-summary a")
    page.check("#ack-discussion_offered")
    page.fill("#ack-note", "Spoke to Mr Patel, who would like a meeting")
    page.click("button:has-text('Record the acknowledgement')")
    assert "The acknowledgement has been recorded." in page.locator("main").inner_text()
    timeline = page.locator("#timeline li").first.inner_text()
    assert "Acknowledged" in timeline and "Tom Okafor" in timeline
    assert page.locator("form[action$='/acknowledge']").count() == 0
    assert axe_violations(page) == []
