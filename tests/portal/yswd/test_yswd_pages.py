"""The public "You said, we did" pages, the ward noticeboard, pledge progress, and the staff
workflow from draft to published."""

import re
import uuid

import pytest

from services.common.roles import Role
from tests.support.pages import check_page, sign_in, text

PEM = Role.patient_experience_manager
NHS_NUMBER = "943 476 5919"


def letters(n: int = 10) -> str:
    """A unique marker with no digits: a run of digits in published text may be redacted."""
    return "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:n])


@pytest.fixture
def entries(actions_api, mint):
    pem = mint("actions", PEM, sub="pem-public-pages")

    def make(state: str, **fields):
        body = {
            "you_said": f"You said {letters()}",
            "we_did": "We changed it",
            "ward_code": "L4",
            **fields,
        }
        entry = actions_api.post("/v1/yswd", json=body, headers=pem).json()
        steps = {"draft": [], "awaiting_approval": ["submit"], "published": ["submit", "publish"],
                 "archived": ["submit", "publish", "archive"]}[state]  # fmt: skip
        for step in steps:
            assert (
                actions_api.post(f"/v1/yswd/{entry['id']}/{step}", headers=pem).status_code == 200
            )
        return body["you_said"]

    return make


def test_the_noticeboard_shows_only_published_entries_and_refreshes_itself(portal, entries):
    theme = f"Noticeboard {uuid.uuid4().hex[:6]}"
    published = entries("published", theme=theme, ward_code="TYA")
    hidden = [
        entries(s, theme=theme, ward_code="TYA") for s in ("draft", "awaiting_approval", "archived")
    ]
    seen = set()
    for item in range(3):
        response = portal.get("/noticeboard", params={"ward": "TYA", "item": item})
        assert response.status_code == 200
        page = check_page(response.text)
        assert page.h1.get_text(strip=True) == "You said, we did: Teenage and Young Adult Unit"
        refresh = page.select_one("meta[http-equiv=refresh]")["content"]
        assert re.fullmatch(r"\d+;url=/noticeboard\?ward=TYA&item=\d+", refresh)
        seen.add(text(page.select_one("main")))
    shown = " ".join(seen)
    assert published in shown
    assert not any(h in shown for h in hidden)
    by_site = check_page(portal.get("/noticeboard", params={"site": "REN20"}).text)
    assert by_site.h1.get_text(strip=True).endswith("Clatterbridge Cancer Centre - Liverpool")
    # The TV page keeps the portal's strict headers.
    assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]


def test_the_noticeboard_cycles_through_the_entries(portal, entries):
    ward = "CDU-W"
    made = {entries("published", ward_code=ward, theme="Cycle") for _ in range(2)}
    first = check_page(portal.get("/noticeboard", params={"ward": ward}).text)
    next_url = first.select_one("meta[http-equiv=refresh]")["content"].split("url=", 1)[1]
    second = check_page(portal.get(next_url).text)
    assert text(first.main) != text(second.main)
    assert "1 of" in text(first.main) and "2 of" in text(second.main)
    assert made


def test_the_public_page_filters_by_site_ward_and_theme(portal, entries):
    theme = f"Parking {uuid.uuid4().hex[:6]}"
    on_l4 = entries("published", theme=theme, ward_code="L4")
    on_wirral = entries("published", theme=theme, ward_code="RT-W")
    page = check_page(portal.get("/you-said-we-did", params={"theme": theme}).text)
    assert page.h1.get_text(strip=True) == "You said, we did"
    assert on_l4 in text(page) and on_wirral in text(page)
    by_site = text(
        check_page(portal.get("/you-said-we-did", params={"theme": theme, "site": "REN01"}).text)
    )
    assert on_wirral in by_site and on_l4 not in by_site
    by_ward = text(
        check_page(portal.get("/you-said-we-did", params={"theme": theme, "ward": "L4"}).text)
    )
    assert on_l4 in by_ward and on_wirral not in by_ward
    fragment = portal.get(
        "/you-said-we-did", params={"theme": theme}, headers={"HX-Request": "true"}
    )
    assert fragment.text.lstrip().startswith('<div id="results">')


def test_pledge_progress_is_in_plain_english_without_names(portal, actions_api, mint):
    pem = mint("actions", PEM, sub="pem-pledges")
    title = f"Pledges {uuid.uuid4().hex[:6]}"
    sid = actions_api.post("/v1/strategies", json={"title": title}, headers=pem).json()["id"]
    pledge = actions_api.post(
        f"/v1/strategies/{sid}/commitments",
        json={"kind": "pledge", "number": 4, "title": "Mental Health"},
        headers=pem,
    ).json()
    actions_api.post(
        f"/v1/strategies/{sid}/actions",
        json={
            "reference": "P4",
            "commitment_id": pledge["id"],
            "title": "Linda Morris and Debbie de Jonge to be signed off as Mental Health First "
            "Aid trainers.",
            "lead_name": "Linda Morris",
            "people": ["Linda Morris", "Debbie de Jonge"],
            "due": "Jan 2019",
        },
        headers=pem,
    )
    page = check_page(portal.get("/pledges").text)
    assert page.h1.get_text(strip=True) == "Our pledges and how we are doing"
    content = text(page)
    assert title in content and "Pledge 4: Mental Health" in content
    assert "We have not started this yet" in content
    assert "Linda" not in content and "Debbie" not in content and "Jonge" not in content


def test_a_matron_drafts_and_sends_an_entry_a_manager_publishes_it_redacted(portal):
    marker = letters()
    said = f"Staff read out my NHS number {NHS_NUMBER} at reception {marker}"
    sign_in(portal, "matron@demo.heard.example")
    page = check_page(portal.get("/staff/you-said-we-did").text)
    token = page.select_one("input[name=csrf_token]")["value"]
    response = portal.post(
        "/staff/you-said-we-did",
        data={"csrf_token": token, "kind": "you_said_we_did", "you_said": said,
              "we_did": f"Reception checks details quietly {marker}", "theme": "Privacy",
              "ward_code": "L4"},
    )  # fmt: skip
    assert response.status_code == 303
    page = check_page(portal.get("/staff/you-said-we-did").text)
    card = next(c for c in page.select(".nhsuk-card") if marker in text(c))
    assert card.select_one("form[action$='/publish']") is None  # a matron cannot publish
    portal.post(card.select_one("form[action$='/submit']")["action"], data={"csrf_token": token})
    portal.post("/sign-out", data={"csrf_token": token})

    sign_in(portal, "pem@demo.heard.example")
    page = check_page(portal.get("/staff/you-said-we-did").text)
    token = page.select_one("input[name=csrf_token]")["value"]
    card = next(c for c in page.select(".nhsuk-card") if marker in text(c))
    assert (
        portal.post(
            card.select_one("form[action$='/publish']")["action"], data={"csrf_token": token}
        ).status_code
        == 303
    )
    public = text(check_page(portal.get("/you-said-we-did", params={"theme": "Privacy"}).text))
    assert f"Reception checks details quietly {marker}" in public
    assert NHS_NUMBER not in public and "[NHS NUMBER]" in public


def test_a_draft_links_the_action_and_the_feedback_behind_it(portal, actions_api, mint):
    pem = mint("actions", PEM, sub="pem-links")
    sid = actions_api.post("/v1/strategies", json={"title": "Links"}, headers=pem).json()["id"]
    reference = f"L{uuid.uuid4().hex[:5]}"
    action = actions_api.post(
        f"/v1/strategies/{sid}/actions", json={"reference": reference, "title": "Quiet room"},
        headers=pem,
    ).json()  # fmt: skip
    feedback_id = str(uuid.uuid4())
    sign_in(portal, "pem@demo.heard.example")
    token = check_page(portal.get("/staff/you-said-we-did").text).select_one(
        "input[name=csrf_token]"
    )["value"]
    marker = uuid.uuid4().hex
    response = portal.post(
        "/staff/you-said-we-did",
        data={"csrf_token": token, "you_said": f"Nowhere private to talk {marker}",
              "we_did": "A quiet room", "action_id": action["id"], "themes": "Privacy, Environment",
              "feedback_ids": feedback_id},
    )  # fmt: skip
    assert response.status_code == 303
    entry = next(
        e
        for e in actions_api.get("/v1/yswd", headers=pem).json()["data"]
        if marker in e["you_said"]
    )
    assert entry["action_reference"] == reference
    assert entry["themes"] == ["Privacy", "Environment"] and entry["feedback_ids"] == [feedback_id]
    bad = portal.post(
        "/staff/you-said-we-did",
        data={"csrf_token": token, "you_said": "x", "we_did": "y", "feedback_ids": "not-an-id"},
    )
    assert bad.status_code == 422
    assert error_list(check_page(bad.text)) == [
        "Enter feedback ids as shown in the inbox, separated by spaces"
    ]


def error_list(page):
    return [text(li) for li in page.select(".nhsuk-error-summary li")]


def test_an_empty_draft_names_both_fields(portal):
    sign_in(portal, "pem@demo.heard.example")
    token = check_page(portal.get("/staff/you-said-we-did").text).select_one(
        "input[name=csrf_token]"
    )["value"]
    response = portal.post("/staff/you-said-we-did", data={"csrf_token": token, "theme": "Kept"})
    assert response.status_code == 422
    page = check_page(response.text)
    assert [text(li) for li in page.select(".nhsuk-error-summary li")] == [
        "Enter what patients told us",
        "Enter what we did about it",
    ]
    assert page.select_one("#theme")["value"] == "Kept"


def test_publishing_twice_says_the_entry_has_moved_on(portal, entries):
    sign_in(portal, "pem@demo.heard.example")
    marker = entries("awaiting_approval", theme="Twice")
    page = check_page(portal.get("/staff/you-said-we-did").text)
    token = page.select_one("input[name=csrf_token]")["value"]
    card = next(c for c in page.select(".nhsuk-card") if marker in text(c))
    action = card.select_one("form[action$='/publish']")["action"]
    assert portal.post(action, data={"csrf_token": token}).status_code == 303
    again = portal.post(action, data={"csrf_token": token})
    assert again.status_code == 409
    assert "already moved on" in text(check_page(again.text))
