"""An administrator adds a theme to the framework in the portal, without code, and staff use it."""

import uuid

from sqlmodel import select

from services.feedback_api.jobs.models import Job
from services.feedback_api.labels.events import REANALYSE
from tests.support.pages import check_page, csrf, error_summary, sign_in, text


def test_an_administrator_adds_a_theme_that_staff_can_then_give(
    portal, feedback_api, feedback_session, mint
) -> None:
    sign_in(portal, "admin")
    home = check_page(portal.get("/admin").text)
    assert "/admin/themes" in [a["href"] for a in home.select("main a")]
    page = check_page(portal.get("/admin/themes").text)
    assert page.h1.get_text(strip=True) == "Theme framework"
    assert "Framework in use: v7" in text(page)
    assert "Staff manner & personal attributes" in text(page)
    assert "Waiting times" not in [o.get_text() for o in page.select("#category option")]

    name = f"Chaplaincy {uuid.uuid4().hex[:6]}"
    token = csrf(portal, "/admin/themes")
    added = portal.post(
        "/admin/themes",
        data={
            "csrf_token": token,
            "category": "",
            "new_category": "Spiritual care",
            "name": name,
            "description": "Chaplains, prayer rooms, faith needs",
        },
    )
    assert added.status_code == 303
    after = check_page(portal.get(added.headers["location"]).text)
    assert "The theme has been added in framework v7.1" in text(after)
    assert "Framework in use: v7.1" in text(after)
    assert name in text(after) and "Chaplains, prayer rooms" in text(after)
    # The versions list names the person who added the theme, not their account id.
    versions = [text(li) for li in after.select("#versions + ul li")]
    assert (
        versions[0].startswith("v7.1, ")
        and f", added by Alex Morgan: v7 plus the theme '{name}'" in versions[0]
    )
    assert versions[-1].startswith("v7, ") and ", as Heard ships it: NHS Patient" in versions[-1]
    assert "portal:" not in " ".join(versions)
    # Every record is analysed again under the new version, by the worker.
    assert feedback_session.exec(select(Job).where(Job.kind == REANALYSE)).first() is not None

    # A manager can now give a comment the new theme on its feedback page.
    created = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": "The chaplain"},
        headers=mint(),
    )
    portal.cookies.clear()
    sign_in(portal, "pem")
    record = check_page(portal.get(f"/staff/feedback/{created.json()['id']}").text)
    assert name in [i["value"] for i in record.select("#labels input[name=themes]")]


def test_a_theme_without_a_name_or_one_that_exists_is_explained(portal) -> None:
    sign_in(portal, "admin")
    token = csrf(portal, "/admin/themes")
    empty = portal.post("/admin/themes", data={"csrf_token": token, "category": "", "name": ""})
    assert empty.status_code == 422
    page = check_page(empty.text)
    assert error_summary(page) == [
        "Choose the category the theme belongs to, or name a new one",
        "Enter the theme's name",
    ]
    taken = portal.post(
        "/admin/themes",
        data={
            "csrf_token": token,
            "category": "Staff",
            "name": "staff manner & personal attributes",
        },
    )
    assert taken.status_code == 422
    assert "already has a theme" in " ".join(error_summary(check_page(taken.text)))
    assert taken.text.count('value="staff manner &amp; personal attributes"') == 1


def test_an_administrator_asks_for_every_comment_to_be_analysed_again(
    portal, feedback_session
) -> None:
    sign_in(portal, "admin")
    token = csrf(portal, "/admin/themes")
    response = portal.post("/admin/themes/reanalyse", data={"csrf_token": token})
    assert response.status_code == 303
    assert "analysed again" in text(check_page(portal.get(response.headers["location"]).text))
    job = feedback_session.exec(select(Job).where(Job.kind == REANALYSE)).first()
    assert job is not None and job.payload == {"everything": True}


def test_only_administrators_manage_the_framework(portal) -> None:
    token = csrf(portal)
    sign_in(portal, "pem")
    assert portal.get("/admin/themes").status_code == 403
    assert portal.post("/admin/themes/reanalyse", data={"csrf_token": token}).status_code == 403
