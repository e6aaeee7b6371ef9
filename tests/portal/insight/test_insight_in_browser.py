"""Insight pages and the labels section in a real browser, checked with axe-core."""

import uuid

import httpx
import pytest

from services.common.roles import Role
from services.common.tokens import Principal, TokenIssuer
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
        # The hotspots page names its month: "Hotspots in June 2026".
        assert page.locator("h1").inner_text().startswith(link)
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


def test_the_ward_matrix_and_a_protected_equality_breakdown_pass_axe(page, stack) -> None:
    """March 2017 is this test's own: 3 people on one ward, 10 on another, 20 on a third."""
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    manager = Principal(
        sub="browser-test", name="Browser Test", roles=frozenset({Role.patient_experience_manager})
    )
    items = []
    for ward, answer, n, sex in (("RT-W", 1, 3, "1"), ("PBT", 2, 10, "2"), ("CDU-W", 4, 20, None)):
        for i in range(n):
            item = {
                "channel": "fft",
                "fft_answer": answer,
                "ward_code": ward,
                "received_at": f"2017-03-{10 + i % 10}T12:00:00Z",
            }
            if sex:
                item["equality"] = {"sex": sex}
            items.append(item)
    response = httpx.post(
        f"{stack.url('feedback')}/v1/feedback/batch",
        json={"items": items},
        headers={"Authorization": f"Bearer {issuer.mint('feedback', manager)}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text

    page.goto("/sign-in")
    page.fill("#email", "pem@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto("/insight/fft?start=2017-02&end=2017-04")
    matrix = page.locator("table.heard-matrix")
    assert matrix.locator("thead th").all_inner_texts()[1:] == [
        "February 2017",
        "March 2017",
        "April 2017",
    ]
    assert matrix.locator("tbody tr").count() == 3
    assert "*" in matrix.locator("tbody tr", has_text="Radiotherapy - Wirral").inner_text()
    assert axe_violations(page) == []

    page.goto("/insight/equality?start=2017-03-01&end=2017-03-31")
    sex = page.locator("h2:text-is('Sex') + figure + table, h2:text-is('Sex') ~ table").first
    assert "fewer than 5" in sex.inner_text() and "hidden" in sex.inner_text()
    assert axe_violations(page) == []
