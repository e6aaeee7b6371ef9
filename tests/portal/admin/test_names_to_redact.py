"""The staff directory's names reach feedback_api through the portal's outbox when accounts are
made, renamed or removed (and all at once as the worker starts), and an administrator sees
them and adds or removes other names on the admin pages, without JavaScript."""

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlmodel import select

from services.common.roles import Role
from services.portal.accounts import directory
from services.portal.accounts.service import create_user, deactivate_user, rename_user
from services.portal.jobs.models import Job
from tests.support.names import made_up_surname
from tests.support.pages import check_page, csrf, error_summary, sign_in, text

PASSWORD = "a-long-enough-password"


@pytest.fixture
def deliver(apps, portal_issuer, portal_session):
    """Run the portal's queued staff directory jobs as its worker would, against the real
    feedback_api app (in process, on this test's database transaction)."""
    handlers = directory.make_handlers(
        "http://feedback", portal_issuer, httpx.ASGITransport(app=apps["feedback"])
    )

    def run() -> list[str]:
        kinds = []
        for job in portal_session.exec(
            select(Job).where(Job.kind.in_(list(handlers)), Job.status == "pending")
        ).all():
            # On a thread of its own: the handler runs its own event loop, and a browser test
            # earlier in the session may hold this thread's.
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(handlers[job.kind], portal_session, dict(job.payload)).result()
            job.status = "done"
            portal_session.add(job)
            kinds.append(job.kind)
        portal_session.flush()
        return kinds

    return run


def staff_names(feedback_api, mint) -> list[str]:
    admin = mint("feedback", Role.administrator, sub="admin-user")
    response = feedback_api.get(
        "/v1/known-names", params={"source": "staff_directory"}, headers=admin
    )
    assert response.status_code == 200, response.text
    return [n["name"] for n in response.json()["data"]]


def test_an_account_made_renamed_and_removed_changes_the_names_redacted_in_comments(
    portal_session, deliver, feedback_api, mint
) -> None:
    family, married = made_up_surname(), made_up_surname()
    user = create_user(
        portal_session,
        email=f"{family.lower()}@trust.example",
        name=f"Adaeze {family}",
        password=PASSWORD,
        roles=[Role.matron],
    )
    queued = portal_session.exec(select(Job).where(Job.kind == directory.SYNC_STAFF_NAME)).all()
    assert {"user_id": str(user.id)} in [j.payload for j in queued]
    deliver()
    assert f"Adaeze {family}" in staff_names(feedback_api, mint)
    assert f"{family.lower()}@trust.example" not in str(staff_names(feedback_api, mint))

    staff = mint("feedback", Role.staff, wards=("L4",))
    comment = {"channel": "fft", "fft_answer": 1, "ward_code": "L4"}
    first = feedback_api.post(
        "/v1/feedback", json={**comment, "comment": f"{family} was so kind"}, headers=mint()
    ).json()["id"]
    assert feedback_api.get(f"/v1/feedback/{first}", headers=staff).json()["comment"] == (
        "[NAME] was so kind"
    )

    rename_user(portal_session, user, f"Adaeze  {married} ")
    deliver()
    names = staff_names(feedback_api, mint)
    assert f"Adaeze {married}" in names and f"Adaeze {family}" not in names

    deactivate_user(portal_session, user)
    deliver()
    assert f"Adaeze {married}" not in staff_names(feedback_api, mint)


def test_patient_representatives_are_not_in_the_staff_directory(
    portal_session, deliver, feedback_api, mint
) -> None:
    family = made_up_surname()
    create_user(
        portal_session,
        email=f"{family.lower()}@example.org",
        name=f"Joy {family}",
        password=PASSWORD,
        roles=[Role.patient_representative],
    )
    deliver()
    assert f"Joy {family}" not in staff_names(feedback_api, mint)


def test_the_whole_directory_is_sent_once_when_the_worker_starts(
    portal_session, deliver, feedback_api, mint
) -> None:
    assert directory.queue_directory(portal_session) is True
    assert directory.queue_directory(portal_session) is False  # already waiting
    assert directory.SYNC_STAFF_DIRECTORY in deliver()
    names = staff_names(feedback_api, mint)
    # The demo staff accounts, but not the patient representative (Joan Davies).
    assert {"Priya Shah", "Tom Okafor", "Helen Price", "Sam Lee", "Alex Morgan"} <= set(names)
    assert "Joan Davies" not in names


def test_an_administrator_sees_the_staff_names_and_adds_and_removes_others(
    portal, portal_session, deliver, feedback_api, mint
) -> None:
    directory.queue_directory(portal_session)
    deliver()
    sign_in(portal, "admin")
    home = check_page(portal.get("/admin").text)
    assert "/admin/names" in [a["href"] for a in home.select("main a")]
    response = portal.get("/admin/names")
    assert response.headers["cache-control"] == "no-store"
    page = check_page(response.text)
    assert page.h1.get_text(strip=True) == "Names to redact"
    count = len(staff_names(feedback_api, mint))
    assert f"{count} names of people with a staff account" in text(page)
    shown = [li.get_text(strip=True) for li in page.select("details li")]
    assert "Priya Shah" in shown and "pem@demo.heard.example" not in page.text
    assert "No names have been added here yet." in text(page) or page.select("table")

    name = f"Dr Kwame {made_up_surname()}"
    added = portal.post(
        "/admin/names", data={"csrf_token": csrf(portal, "/admin/names"), "name": name}
    )
    assert added.status_code == 303
    after = check_page(portal.get(added.headers["location"]).text)
    assert "The name has been added" in text(after)
    row = next(r for r in after.select("table tbody tr") if name in r.get_text())
    remove = row.select_one("form")
    assert remove["method"] == "post" and remove["action"].endswith("/remove")
    assert f"Remove {name}" in " ".join(remove.get_text().split())

    removed = portal.post(remove["action"], data={"csrf_token": csrf(portal, "/admin/names")})
    assert removed.status_code == 303
    final = check_page(portal.get(removed.headers["location"]).text)
    assert "has been removed from the list" in text(final)
    assert name not in [r.get_text() for r in final.select("table tbody tr")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the person's name"),
        ("jo.bloggs@example.com", "Enter the person's name, not an email address."),
        ("Bay 4", "Enter the person's name in letters, for example Dr Amara Okafor."),
    ],
)
def test_a_name_that_is_not_a_name_is_explained(portal, name, message) -> None:
    sign_in(portal, "admin")
    token = csrf(portal, "/admin/names")
    response = portal.post("/admin/names", data={"csrf_token": token, "name": name})
    assert response.status_code == 422
    page = check_page(response.text)
    assert error_summary(page) == [message]
    assert page.select_one("#name")["value"] == name if name else True


def test_a_name_already_added_is_explained(portal) -> None:
    sign_in(portal, "admin")
    name = f"Ifeoma {made_up_surname()}"
    token = csrf(portal, "/admin/names")
    assert portal.post("/admin/names", data={"csrf_token": token, "name": name}).status_code == 303
    again = portal.post("/admin/names", data={"csrf_token": token, "name": name.upper()})
    assert again.status_code == 422
    assert error_summary(check_page(again.text)) == [f"{name.upper()} is already on the list."]


def test_only_administrators_manage_the_names(portal) -> None:
    token = csrf(portal)
    sign_in(portal, "pals")
    assert portal.get("/admin/names").status_code == 403
    refused = portal.post("/admin/names", data={"csrf_token": token, "name": "Ada Lovelace"})
    assert refused.status_code == 403
