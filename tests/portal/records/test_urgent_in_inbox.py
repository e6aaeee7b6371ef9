"""Comments that need urgent attention come first in the inbox: a section above the results and
an "Urgent" tag on their rows, for the patient experience manager, PALS and ward staff."""

import uuid

from tests.support.pages import check_page, sign_in, text

URGENT = "I want to end my life, nobody listens. Ring me on 07700 900123"


def give_feedback(portal, comment: str, ward: str = "RT-L") -> str:
    """Sends the public FFT form; returns a word unique to this comment, to find it by."""
    portal.cookies.clear()
    page = check_page(portal.get("/feedback").text)
    fields = {i["name"]: i.get("value", "") for i in page.select("form input[type=hidden]")}
    marker = f"ref{uuid.uuid4().hex[:12]}"
    response = portal.post(
        "/feedback",
        data={**fields, "ward_code": ward, "answer": "5", "comment": f"{comment} {marker}"},
    )
    assert response.status_code == 303
    return marker


def inbox(portal, **params):
    response = portal.get("/staff/feedback", params=params)
    assert response.status_code == 200
    return check_page(response.text)


def urgent_section(page) -> str:
    section = page.select_one("#urgent")
    return text(section) if section is not None else ""


def row_for(page, marker: str):
    rows = [r for r in page.select("#results tbody tr") if marker in text(r)]
    assert len(rows) == 1, f"{marker} is not in the inbox"
    return rows[0]


def is_tagged(row) -> bool:
    return any(t.get_text(strip=True) == "Urgent" for t in row.select(".nhsuk-tag"))


def test_an_urgent_comment_comes_first_for_pem_and_pals_and_a_calm_one_does_not(portal) -> None:
    urgent = give_feedback(portal, URGENT)
    calm = give_feedback(portal, "The car park was full and the coffee was cold")
    for who in ("pem", "pals"):
        sign_in(portal, who, signed_out_first=True)
        page = inbox(portal)
        section = urgent_section(page)
        assert "Needs urgent attention" in section
        assert urgent in section and "07700 900123" in section  # these roles see the original
        assert calm not in section
        link = next(a for a in page.select("#urgent a") if a["href"].startswith("/staff/feedback/"))
        assert urgent in text(check_page(portal.get(link["href"]).text))
        assert is_tagged(row_for(page, urgent))
        assert not is_tagged(row_for(page, calm))


def test_ward_staff_see_the_urgent_comment_redacted(portal) -> None:
    urgent = give_feedback(portal, URGENT, ward="RT-L")
    sign_in(portal, "staff")
    page = inbox(portal)
    section = urgent_section(page)
    assert urgent in section
    assert "07700 900123" not in section and "[PHONE]" in section
    assert is_tagged(row_for(page, urgent))


def test_the_urgent_only_filter_lists_only_urgent_comments(portal) -> None:
    urgent = give_feedback(portal, URGENT)
    calm = give_feedback(portal, "Kind nurses, a clean ward")
    sign_in(portal, "pem")
    page = inbox(portal, critical="true")
    rows = text(page.select_one("#results"))
    assert urgent in rows and calm not in rows
    assert page.select_one("input[name=critical][value=true]").has_attr("checked")


def test_a_correction_removing_the_flag_takes_it_out_of_the_section(portal) -> None:
    urgent = give_feedback(portal, URGENT)
    sign_in(portal, "pem")
    page = inbox(portal)
    assert urgent in urgent_section(page)
    record = check_page(portal.get(row_for(page, urgent).a["href"]).text)
    form = record.select_one("#labels form")
    sentiment = form.select_one("input[name=sentiment][checked]")
    data = {
        "csrf_token": form.select_one("input[name=csrf_token]")["value"],
        "themes": [i["value"] for i in form.select("input[name=themes][checked]")],
        # No "critical" field: the box is unticked.
    }
    if sentiment is not None:
        data["sentiment"] = sentiment["value"]
    assert portal.post(form["action"], data=data).status_code == 303

    page = inbox(portal)
    assert urgent not in urgent_section(page)
    assert not is_tagged(row_for(page, urgent))
