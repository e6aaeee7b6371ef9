"""Insight pages and the labels section in a real browser, checked with axe-core."""

import uuid

import pytest

from services.portal.demo import DEMO_PASSWORD
from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser


def test_a_manager_reads_the_dashboards_and_corrects_a_comment(page) -> None:
    comment = f"Parking was impossible and the ward was filthy {uuid.uuid4()}"
    page.goto("/feedback")
    page.select_option("#ward_code", "L4")
    page.check("label:has-text('Very poor')")
    page.fill("#comment", comment)
    page.click("button:has-text('Send feedback')")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"

    page.goto("/sign-in")
    page.fill("#email", "pem@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")

    page.click("header a:has-text('Insight')")
    assert page.locator("h1").inner_text() == "Insight"
    page.click("main a:has-text('Friends and Family Test by ward and month')")
    chart = page.locator("figure svg[role=img]")
    title_id = chart.get_attribute("aria-labelledby").split()[0]
    assert "FFT percentage positive" in page.locator(f"[id='{title_id}']").text_content()
    assert page.locator("table caption").first.is_visible()
    assert axe_violations(page) == []
    for link in ("Themes by source", "Sentiment over time", "Hotspots", "Who gives feedback"):
        page.click(f"nav[aria-label='Insight pages'] a:has-text('{link}')")
        assert page.locator("h1").inner_text() == link
        assert axe_violations(page) == []

    page.goto("/staff/feedback")
    page.fill("#q", comment)
    page.click("button:has-text('Apply filters')")
    page.wait_for_selector(f"text={comment}")
    page.click("#results tbody tr a")
    section = page.locator("#labels")
    assert "Themes and sentiment" in section.inner_text()
    page.click("#labels summary")
    if not page.is_checked("#labels input[value='Parking']"):
        page.check("#labels input[value='Parking']")
    page.check("#labels label:has-text('Neutral or mixed')")
    page.click("#labels button:has-text('Save labels')")
    page.wait_for_selector("#labels >> text=Your correction has been saved")
    assert "(set by Priya Shah" in page.locator("#labels").inner_text()
    assert axe_violations(page) == []
