"""Names Heard knows are people's: the portal keeps the staff directory's names in step, an
administrator adds others, and every comment that names them is redacted for readers without a
PALS role, in downloads and in Heard's redaction endpoint, old comments included."""

import csv
import io
import uuid

import pytest
from sqlmodel import select

from services.common.roles import Role
from services.feedback_api.jobs.models import Job
from services.feedback_api.known_names import refresh
from services.feedback_api.known_names.service import REDACT_KNOWN_NAMES
from tests.support.names import made_up_surname

STAFF = (Role.staff,)
PALS = Role.pals_officer


@pytest.fixture
def portal_service(mint) -> dict[str, str]:
    """The portal's worker calling as itself."""
    return mint("feedback", sub="portal-service")


@pytest.fixture
def admin(mint) -> dict[str, str]:
    return mint("feedback", Role.administrator, sub="admin-user")


@pytest.fixture
def ward_staff(mint) -> dict[str, str]:
    return mint("feedback", Role.staff, wards=("L4",))


def put_staff(feedback_api, portal_service, name: str, ref: str | None = None) -> str:
    ref = ref or str(uuid.uuid4())
    response = feedback_api.put(
        f"/v1/known-names/staff-directory/{ref}", json={"name": name}, headers=portal_service
    )
    assert response.status_code == 200, response.text
    return ref


def submit(feedback_api, mint, comment: str) -> str:
    response = feedback_api.post(
        "/v1/feedback",
        json={"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": comment},
        headers=mint(),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def shown(feedback_api, headers, feedback_id: str) -> str:
    response = feedback_api.get(f"/v1/feedback/{feedback_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["comment"]


def run_refresh_jobs(session) -> int:
    jobs = session.exec(select(Job).where(Job.kind == REDACT_KNOWN_NAMES)).all()
    for job in jobs:
        refresh.handle(session, job.payload)
    session.expire_all()
    return len(jobs)


def test_a_staff_members_name_is_redacted_for_staff_and_in_downloads_but_not_for_pals(
    feedback_api, mint, portal_service, ward_staff
) -> None:
    family = made_up_surname()
    put_staff(feedback_api, portal_service, f"Chidinma {family}")
    comment = f"{family} was kind, and chidinma {family.lower()} held my hand all night."
    feedback_id = submit(feedback_api, mint, comment)

    assert shown(feedback_api, ward_staff, feedback_id) == (
        "[NAME] was kind, and [NAME] held my hand all night."
    )
    listed = feedback_api.get("/v1/feedback", params={"ward_code": "L4"}, headers=ward_staff)
    assert family not in listed.text and family.lower() not in listed.text
    export = feedback_api.get(
        "/v1/feedback/export.csv", params={"ward_code": "L4"}, headers=ward_staff
    ).text
    rows = [r for r in csv.reader(io.StringIO(export)) if r[0] == feedback_id]
    assert rows and "[NAME] was kind" in rows[0][EXPORT_COMMENT]
    assert family.lower() not in export.lower()
    # Search by a role that sees redacted text finds nothing under the name.
    found = feedback_api.get("/v1/feedback", params={"q": family}, headers=ward_staff).json()
    assert found["count"] == 0
    # PALS read the comment as written.
    assert shown(feedback_api, mint("feedback", PALS), feedback_id) == comment
    # Services publishing text get the directory's names redacted without sending them.
    redacted = feedback_api.post(
        "/v1/redact", json={"text": f"We saw dr {family.lower()} today."}, headers=ward_staff
    )
    assert redacted.json()["text"] == "We saw dr [NAME] today."


EXPORT_COMMENT = 13  # the export's comment column


def test_renaming_and_removing_an_account_changes_which_name_is_redacted(
    feedback_api, mint, portal_service, ward_staff
) -> None:
    before, after = made_up_surname(), made_up_surname()
    ref = put_staff(feedback_api, portal_service, f"Ngozi {before}")
    first = submit(feedback_api, mint, f"I asked {before} about parking.")
    assert shown(feedback_api, ward_staff, first) == "I asked [NAME] about parking."

    put_staff(feedback_api, portal_service, f"Ngozi {after}", ref=ref)
    renamed = submit(feedback_api, mint, f"I asked {after} about parking.")
    assert shown(feedback_api, ward_staff, renamed) == "I asked [NAME] about parking."
    old_name = submit(feedback_api, mint, f"I asked {before} about parking.")
    assert shown(feedback_api, ward_staff, old_name) == f"I asked {before} about parking."

    removed = feedback_api.delete(f"/v1/known-names/staff-directory/{ref}", headers=portal_service)
    assert removed.status_code == 204
    # Safe to repeat (deliveries are at least once).
    again = feedback_api.delete(f"/v1/known-names/staff-directory/{ref}", headers=portal_service)
    assert again.status_code == 204
    later = submit(feedback_api, mint, f"I asked {after} about parking.")
    assert shown(feedback_api, ward_staff, later) == f"I asked {after} about parking."
    # A redaction already made is never undone.
    assert shown(feedback_api, ward_staff, renamed) == "I asked [NAME] about parking."


def test_a_name_an_administrator_adds_is_redacted_in_old_comments_after_the_job_runs(
    feedback_api, mint, admin, ward_staff, feedback_session
) -> None:
    family = made_up_surname()
    old = submit(feedback_api, mint, f"Mr {family.lower()} the consultant explained it well.")
    other = submit(feedback_api, mint, "The consultant explained it well.")
    assert family.lower() in shown(feedback_api, ward_staff, old)

    added = feedback_api.post(
        "/v1/known-names", json={"name": f"  Dr Amara   {family} "}, headers=admin
    )
    assert added.status_code == 201, added.text
    assert added.json()["name"] == f"Dr Amara {family}"
    assert added.json()["source"] == "added_by_admin"
    assert run_refresh_jobs(feedback_session) >= 1

    assert shown(feedback_api, ward_staff, old) == "Mr [NAME] the consultant explained it well."
    assert shown(feedback_api, ward_staff, other) == "The consultant explained it well."
    found = feedback_api.get("/v1/feedback", params={"q": family}, headers=ward_staff).json()
    assert found["count"] == 0

    listed = feedback_api.get("/v1/known-names", headers=admin).json()
    assert f"Dr Amara {family}" in [n["name"] for n in listed["data"]]
    assert listed["added_by_admin_count"] >= 1
    gone = feedback_api.delete(f"/v1/known-names/{added.json()['id']}", headers=admin)
    assert gone.status_code == 204
    assert f"Dr Amara {family}" not in str(
        feedback_api.get("/v1/known-names", headers=admin).json()
    )


def test_a_name_that_is_also_an_everyday_word_does_not_wreck_ordinary_text(
    feedback_api, mint, portal_service, ward_staff
) -> None:
    put_staff(feedback_api, portal_service, "Will Hope")
    put_staff(feedback_api, portal_service, "Faith Ward")
    comment = (
        "I hope Will gets better soon; there is hope. My sister will visit on the ward. "
        "Faith in the staff on Ward 4 is high. Dr Hope was lovely and Will Hope too."
    )
    feedback_id = submit(feedback_api, mint, comment)
    assert shown(feedback_api, ward_staff, feedback_id) == (
        "I hope Will gets better soon; there is hope. My sister will visit on the ward. "
        "Faith in the staff on Ward 4 is high. Dr [NAME] was lovely and [NAME] too."
    )


def test_the_whole_directory_replaces_the_staff_names(feedback_api, portal_service, admin) -> None:
    keep, rename, drop = (str(uuid.uuid4()) for _ in range(3))
    names = {
        keep: f"Ada {made_up_surname()}",
        rename: f"Bea {made_up_surname()}",
        drop: f"Cy {made_up_surname()}",
    }
    first = feedback_api.put(
        "/v1/known-names/staff-directory",
        json={"data": [{"ref": ref, "name": name} for ref, name in names.items()]},
        headers=portal_service,
    )
    assert first.status_code == 200, first.text
    assert first.json()["added"] == 3

    renamed = f"Bea {made_up_surname()}"
    second = feedback_api.put(
        "/v1/known-names/staff-directory",
        json={
            "data": [
                {"ref": keep, "name": names[keep]},
                {"ref": rename, "name": renamed},
                {"ref": str(uuid.uuid4()), "name": "someone@example.nhs.uk"},
            ]
        },
        headers=portal_service,
    )
    assert second.json() == {"added": 0, "renamed": 1, "removed": 1, "unchanged": 1, "skipped": 1}
    listed = feedback_api.get(
        "/v1/known-names", params={"source": "staff_directory"}, headers=admin
    ).json()
    assert sorted(n["name"] for n in listed["data"]) == sorted([names[keep], renamed])
    assert listed["staff_directory_count"] == 2 and listed["count"] == 2
    assert "@" not in str(listed)


def test_only_the_portal_writes_the_directory_and_only_administrators_manage_names(
    feedback_api, mint, portal_service, admin
) -> None:
    body = {"name": "Ada Lovelace"}
    path = f"/v1/known-names/staff-directory/{uuid.uuid4()}"
    for headers in (
        admin,  # a user's token, even an administrator's, signed by the portal
        mint(),  # a patient on the public portal
        mint("feedback", Role.staff, sub="portal-service-not"),
    ):
        assert feedback_api.put(path, json=body, headers=headers).status_code == 403
    assert feedback_api.put(path, json=body).status_code == 401
    for headers in (portal_service, mint("feedback", Role.patient_experience_manager)):
        assert feedback_api.get("/v1/known-names", headers=headers).status_code == 403
        assert feedback_api.post("/v1/known-names", json=body, headers=headers).status_code == 403


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Enter the person's name."),
        ("jo.bloggs@example.com", "Enter the person's name, not an email address."),
        ("Bed 12", "Enter the person's name in letters, for example Dr Amara Okafor."),
        ("A" * 201, None),
    ],
)
def test_something_that_is_not_a_name_is_refused_with_a_reason(
    feedback_api, admin, portal_service, name, message
) -> None:
    for path, headers in (
        ("/v1/known-names", admin),
        (f"/v1/known-names/staff-directory/{uuid.uuid4()}", portal_service),
    ):
        method = feedback_api.post if headers is admin else feedback_api.put
        response = method(path, json={"name": name}, headers=headers)
        assert response.status_code == 422, response.text
        error = response.json()["errors"][0]
        assert error["field"] == "name"
        if message:
            assert error["message"] == message


def test_a_name_on_the_list_twice_or_from_the_directory_cannot_be_added_or_removed_here(
    feedback_api, admin, portal_service
) -> None:
    family = made_up_surname()
    assert feedback_api.post("/v1/known-names", json={"name": f"Ola {family}"}, headers=admin)
    twice = feedback_api.post(
        "/v1/known-names", json={"name": f"ola {family.lower()}"}, headers=admin
    )
    assert twice.status_code == 409
    ref = put_staff(feedback_api, portal_service, f"Efe {family}")
    staff_row = next(
        n
        for n in feedback_api.get("/v1/known-names", headers=admin).json()["data"]
        if n["source_ref"] == ref
    )
    refused = feedback_api.delete(f"/v1/known-names/{staff_row['id']}", headers=admin)
    assert refused.status_code == 409
    assert "staff directory" in refused.json()["detail"]
    missing = feedback_api.delete(f"/v1/known-names/{uuid.uuid4()}", headers=admin)
    assert missing.status_code == 404
