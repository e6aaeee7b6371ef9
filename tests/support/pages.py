"""Checks every rendered page must pass (after alphagov/notifications-admin's page fixture)."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup

from services.portal.demo import DEMO_DOMAIN, DEMO_PASSWORD


def check_page(html: str) -> BeautifulSoup:
    """One h1, a title that starts with it, forms with an action and method, unique ids."""
    page = BeautifulSoup(html, "html.parser")
    headings = page.find_all("h1")
    assert len(headings) == 1, (
        f"expected one h1, found {[h.get_text(strip=True) for h in headings]}"
    )
    h1 = " ".join(headings[0].get_text().split())
    title = " ".join(page.title.get_text().split()) if page.title else ""
    assert title.removeprefix("Error: ").startswith(h1), (
        f"title {title!r} does not start with {h1!r}"
    )
    for form in page.find_all("form"):
        assert form.get("action"), f"a form has no action: {form.attrs}"
        assert form.get("method"), f"a form has no method: {form.attrs}"
    ids = Counter(tag["id"] for tag in page.find_all(attrs={"id": True}))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert page.find("html").get("lang") == "en"
    return page


def error_summary(page: BeautifulSoup) -> list[str]:
    summary = page.select_one(".nhsuk-error-summary")
    if summary is None:
        return []
    return [" ".join(a.get_text().split()) for a in summary.select("li")]


def text(page: BeautifulSoup) -> str:
    return " ".join(page.get_text(" ").split())


def csrf(portal, path: str = "/sign-in") -> str:
    """The CSRF token of the form on the page at ``path``."""
    return check_page(portal.get(path).text).select_one("input[name=csrf_token]")["value"]


def sign_in(
    portal,
    email_or_who: str,
    *,
    password: str = DEMO_PASSWORD,
    next: str = "/staff",
    signed_out_first: bool = False,
    expect: int = 303,
):
    """Send the staff sign-in form as a person would; returns the response, whose status must be
    ``expect``. A name without "@" (``"pem"``) is that demo user's address. ``signed_out_first``
    forgets the browser's cookies first, to sign in as someone else."""
    if signed_out_first:
        portal.cookies.clear()
    email = email_or_who
    if email and "@" not in email:
        email = f"{email}@{DEMO_DOMAIN}"
    response = portal.post(
        "/sign-in",
        data={
            "csrf_token": csrf(portal),
            "email": email,
            "password": password,
            "next": next,
        },
    )
    assert response.status_code == expect, response.text
    return response
