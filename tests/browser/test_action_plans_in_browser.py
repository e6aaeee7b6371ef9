"""A matron updates an action's progress with JavaScript off, and the public "You said, we did"
pages pass axe-core's WCAG 2.2 AA checks, in a real Chromium against the running stack."""

import uuid

import httpx
import pytest

from services.common.roles import Role
from services.common.tokens import Principal, Scope, TokenIssuer
from services.portal.demo import DEMO_PASSWORD
from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser


def actions_headers(stack, *roles: Role, directorates=()) -> dict[str, str]:
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    principal = Principal(
        sub="browser-test",
        name="Browser Test",
        roles=frozenset(r.value for r in roles),
        scope=Scope(directorates=frozenset(directorates)),
    )
    return {"Authorization": f"Bearer {issuer.mint('actions', principal)}"}


def post(stack, path: str, body: dict, headers: dict) -> dict:
    response = httpx.post(f"{stack.url('actions')}{path}", json=body, headers=headers, timeout=30)
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_a_matron_updates_progress_without_javascript(browser, stack) -> None:
    pem = actions_headers(stack, Role.patient_experience_manager)
    # Letters only: a digit in the marker could make "B1" match another name on the page.
    marker = uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    strategy = post(stack, "/v1/strategies", {"title": f"Browser plan {marker}"}, pem)
    action = post(
        stack,
        f"/v1/strategies/{strategy['id']}/actions",
        {"reference": "B1", "title": f"New signs on Ward 4 {marker}", "due": "2019/20",
         "directorates": ["HAEM"]},
        pem,
    )  # fmt: skip

    context = browser.new_context(base_url=stack.url("portal"), java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in")
    page.fill("#email", "matron@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto(f"/staff/actions?q={marker}")
    assert page.locator("h1").inner_text() == "Your actions"
    page.click("text=B1")
    assert page.locator("h1").inner_text() == "Action B1"

    page.fill("#note", f"Signs ordered {marker}")
    page.select_option("#status", "on_track")
    page.fill("#percent_complete", "25")
    page.click("button:has-text('Save update')")
    assert "Your update has been saved" in page.locator("#progress-panel").inner_text()
    panel = page.locator("#progress-panel").inner_text()
    assert f"Signs ordered {marker}" in panel and "25% complete" in panel
    assert page.url.endswith(f"/staff/actions/{action['id']}?saved=1")
    context.close()


def test_the_public_pages_pass_accessibility_checks(page, stack) -> None:
    pem = actions_headers(stack, Role.patient_experience_manager)
    theme = f"Waiting {uuid.uuid4().hex[:6]}"
    entry = post(
        stack,
        "/v1/yswd",
        {"you_said": "There was nothing to read while we waited for chemotherapy.",
         "we_did": "We put a rack of books and magazines in the day unit.", "theme": theme,
         "ward_code": "L4"},
        pem,
    )  # fmt: skip
    post(stack, f"/v1/yswd/{entry['id']}/submit", {}, pem)
    post(stack, f"/v1/yswd/{entry['id']}/publish", {}, pem)

    page.goto(f"/you-said-we-did?theme={theme}")
    assert page.locator("h1").inner_text() == "You said, we did"
    assert "rack of books" in page.locator("#results").inner_text()
    assert axe_violations(page) == []

    page.goto("/pledges")
    assert axe_violations(page) == []

    page.goto("/noticeboard?ward=L4&pause=1")
    assert "rack of books" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    # The TV mode moves itself on with a meta refresh, by design for an unattended screen; that
    # is the only rule it breaks, and its "Pause on this one" link stops it for a reader.
    page.goto("/noticeboard?ward=L4")
    assert [v["id"] for v in axe_violations(page)] == ["meta-refresh"]
    page.click("text=Pause on this one")
    assert "pause=1" in page.url
