"""An administrator adds a name on the Names to redact page in a real browser (checked with
axe-core), and feedback_api's worker takes it out of a comment received before."""

import httpx
import pytest

from services.common.roles import Role
from services.common.tokens import Principal, Scope, TokenIssuer
from services.portal.demo import DEMO_PASSWORD
from tests.support.browser import axe_violations
from tests.support.names import made_up_surname
from tests.support.stack import wait_for

pytestmark = pytest.mark.browser


def test_an_added_name_is_taken_out_of_a_comment_received_before(page, stack) -> None:
    family = made_up_surname()
    issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())
    feedback = stack.url("feedback")
    comment = f"Mr {family.lower()} the consultant took time to explain everything."
    created = httpx.post(
        f"{feedback}/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": comment},
        headers={"Authorization": f"Bearer {issuer.mint('feedback')}"},
    )
    assert created.status_code == 201, created.text
    ward_staff = Principal(
        sub="ward-staff", name="Ward Staff", roles=frozenset({Role.staff.value}),
        scope=Scope(wards=frozenset({"L4"})),
    )  # fmt: skip

    def seen_by_ward_staff() -> str:
        headers = {"Authorization": f"Bearer {issuer.mint('feedback', ward_staff)}"}
        response = httpx.get(f"{feedback}/v1/feedback/{created.json()['id']}", headers=headers)
        return response.json()["comment"]

    assert seen_by_ward_staff() == comment

    page.goto("/sign-in")
    page.fill("#email", "admin@demo.heard.example")
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto("/admin")
    page.click("main a:has-text('Names to redact')")
    assert page.locator("h1").inner_text() == "Names to redact"
    page.click("summary:has-text('names from staff accounts')")
    assert page.locator("details li", has_text="Priya Shah").is_visible()
    assert axe_violations(page) == []

    page.click("button:has-text('Add name')")
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert axe_violations(page) == []

    page.fill("#name", f"Dr Kofi {family}")
    page.click("button:has-text('Add name')")
    assert "The name has been added" in page.locator(".nhsuk-notification-banner").inner_text()
    assert page.locator("table tbody tr", has_text=f"Dr Kofi {family}").is_visible()
    assert axe_violations(page) == []

    expected = "Mr [NAME] the consultant took time to explain everything."
    assert wait_for(lambda: seen_by_ward_staff() == expected, timeout=30)
