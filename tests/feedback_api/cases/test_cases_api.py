"""The complaints and PALS cases API, in process against the real database."""

import datetime as dt
import re
import threading
import uuid

import pytest
from sqlalchemy import delete, func
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.problems import Unprocessable
from services.common.roles import Role
from services.common.tokens import Principal
from services.feedback_api.cases import service
from services.feedback_api.cases.models import Case, CaseEvent, CaseSequence, CaseSubject
from services.feedback_api.cases.schemas import Acknowledge, CaseCreate
from services.feedback_api.feedback.models import Feedback

PALS = Role.pals_officer
PEM = Role.patient_experience_manager
D = dt.date


def body(**overrides):
    data = {
        "case_type": "complaint",
        "received_how": "email",
        "received_on": "2026-11-16",
        "narrative": f"My father waited nine hours for pain relief {uuid.uuid4()}",
        "ward_code": "L4",
        "subjects": ["patient_care", "communications"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def pals(mint):
    return mint("feedback", PALS, sub="pals-officer-1")


def open_case(feedback_api, headers, **overrides) -> dict:
    response = feedback_api.post("/v1/cases", json=body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def count_cases(feedback_session: Session) -> int:
    return feedback_session.exec(select(func.count()).select_from(Case)).one()


def test_a_complaint_gets_a_reference_and_its_statutory_dates(
    feedback_api, pals, feedback_today
) -> None:
    feedback_today(D(2026, 11, 22))
    case = open_case(feedback_api, pals, received_on="2026-11-20")
    assert re.fullmatch(r"CMP-2026-\d{5}", case["reference"])
    assert case["status"] == "received"
    assert case["ack_due"] == "2026-11-25"  # Friday + 3 working days
    assert case["response_due"] == "2027-05-20"  # six months
    assert case["response_due_agreed"] is False
    assert case["site_code"] == "REN20"
    assert sorted(s["code"] for s in case["subjects"]) == ["communications", "patient_care"]
    assert case["allowed_next"] == ["acknowledged", "closed"]
    assert case["overdue"] is False


def test_references_are_sequential_per_type_and_year(feedback_api, pals, feedback_today) -> None:
    feedback_today(D(2026, 11, 22))
    first = open_case(feedback_api, pals)["reference"]
    second = open_case(feedback_api, pals)["reference"]
    enquiry = open_case(feedback_api, pals, case_type="pals")["reference"]
    assert int(second.rsplit("-", 1)[1]) == int(first.rsplit("-", 1)[1]) + 1
    assert re.fullmatch(r"PALS-2026-\d{5}", enquiry)
    feedback_today(D(2027, 1, 4))
    assert open_case(feedback_api, pals, received_on="2027-01-04")["reference"].startswith(
        "CMP-2027-"
    )


def test_a_case_opened_from_complaint_feedback_takes_its_words_and_ward(
    feedback_api, mint, pals
) -> None:
    comment = f"Nobody told us mum had been moved {uuid.uuid4()}"
    feedback = feedback_api.post(
        "/v1/feedback",
        json={"channel": "concern", "comment": comment, "ward_code": "RT-L"},
        headers=mint(),
    ).json()
    case = feedback_api.post(
        "/v1/cases",
        json={"feedback_id": feedback["id"], "received_how": "online"},
        headers=pals,
    ).json()
    assert case["case_type"] == "pals"
    assert case["reference"].startswith("PALS-")
    assert case["narrative"] == comment
    assert case["ward_code"] == "RT-L"
    assert case["feedback_id"] == feedback["id"]
    assert case["timeline"][0]["after"]["feedback_id"] == feedback["id"]


def test_a_case_cannot_be_opened_from_fft_feedback(feedback_api, mint, pals, feedback_session):
    fft = feedback_api.post(
        "/v1/feedback", json={"channel": "fft", "fft_answer": 1}, headers=mint()
    ).json()
    before = count_cases(feedback_session)
    response = feedback_api.post(
        "/v1/cases", json={"feedback_id": fft["id"], "received_how": "online"}, headers=pals
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "feedback_id"
    assert count_cases(feedback_session) == before


def test_bad_input_is_refused_naming_the_field_and_stores_nothing(
    feedback_api, pals, feedback_session
) -> None:
    before = count_cases(feedback_session)
    cases = [
        ({"subjects": ["not_a_subject"]}, "subjects.0", "Allowed: access_to_treatment"),
        ({"relationship": "relative"}, "consent", "not the patient"),
        ({"complainant_ethnic_category": "I"}, "complainant_ethnic_category", "allowed: A, B"),
        ({"received_how": "pigeon"}, "received_how", ""),
        ({"ward_code": "NOPE"}, "ward_code", "Unknown ward code"),
        ({"event_on": "2026-11-30"}, "event_on", "after the date received"),
        ({"narrative": "x" * 20_001}, "narrative", ""),
        ({"service_area": "space"}, "service_area", "Allowed: a_and_e"),
        ({"received_on": "9999-12-30"}, "received_on", "cannot be in the future"),
        ({"response_due": "2026-01-01"}, "response_due", "before receipt"),
        ({"patient_age_at_event": 131}, "patient_age_at_event", ""),
    ]
    for overrides, field, message in cases:
        response = feedback_api.post("/v1/cases", json=body(**overrides), headers=pals)
        assert response.status_code == 422, overrides
        errors = response.json()["errors"]
        assert errors[0]["field"] == field, errors
        assert message in errors[0]["message"], errors
    assert count_cases(feedback_session) == before


def test_a_relative_complains_with_consent_and_monitoring(feedback_api, pals) -> None:
    case = open_case(
        feedback_api,
        pals,
        relationship="relative",
        consent="given",
        complainant_name="Ada Jones",
        complainant_status="relative_carer",
        complainant_ethnic_category="n",
        service_area="a_and_e",
        profession="nursing_midwifery",
        patient_date_of_birth="1950-03-01",
        event_on="2026-11-01",
    )
    assert case["relationship_label"] == "Relative"
    assert case["consent"] == "given"
    assert case["complainant_status"]["label"] == "Relative or carer"
    assert case["complainant_ethnic_category"] == "N"
    assert case["complainant_ethnic_category_label"] == "Black or Black British - African"
    assert case["service_area"]["label"] == "A&E"
    assert case["patient_age_at_event"] == 76
    assert case["patient_age_band"] == "75 to 84"


def test_a_complaint_made_over_twelve_months_on_is_flagged_until_a_waiver_is_recorded(
    feedback_api, pals
) -> None:
    case = open_case(feedback_api, pals, event_on="2025-10-01")
    assert case["outside_time_limit"] is True
    assert case["time_limit_needs_decision"] is True
    updated = feedback_api.patch(
        f"/v1/cases/{case['id']}",
        json={"time_limit_waiver_reason": "In hospital until September; can still investigate"},
        headers=pals,
    ).json()
    assert updated["time_limit_needs_decision"] is False
    assert updated["timeline"][0]["kind"] == "details_changed"
    assert updated["timeline"][0]["before"] == {"time_limit_waiver_reason": None}


def test_roles_without_pals_rights_get_403(feedback_api, mint, pals) -> None:
    case = open_case(feedback_api, pals)
    for role in (Role.staff, Role.matron, Role.administrator, Role.board_reader):
        headers = mint("feedback", role, wards=("L4",))
        response = feedback_api.get(f"/v1/cases/{case['id']}", headers=headers)
        assert response.status_code == 403, role
        assert response.headers["content-type"] == "application/problem+json"
        assert feedback_api.get("/v1/cases", headers=headers).status_code == 403
        assert feedback_api.post("/v1/cases", json=body(), headers=headers).status_code == 403
    assert feedback_api.get(f"/v1/cases/{case['id']}", headers=mint("feedback", PEM)).is_success


def test_the_lifecycle_runs_only_along_allowed_transitions(
    feedback_api, pals, feedback_today
) -> None:
    feedback_today(D(2026, 11, 22))
    case = open_case(feedback_api, pals)
    url = f"/v1/cases/{case['id']}"

    refused = feedback_api.post(f"{url}/status", json={"status": "investigating"}, headers=pals)
    assert refused.status_code == 422
    assert refused.json()["allowed_next"] == ["acknowledged", "closed"]
    assert "Allowed next: acknowledged, closed" in refused.json()["errors"][0]["message"]

    acknowledged = feedback_api.post(
        f"{url}/acknowledge",
        json={"discussion_offered": True, "discussion_accepted": True},
        headers=pals,
    ).json()
    assert acknowledged["status"] == "acknowledged"
    assert acknowledged["acknowledged_on"] == "2026-11-22"
    again = feedback_api.post(f"{url}/acknowledge", json={"discussion_offered": True}, headers=pals)
    assert again.status_code == 422

    for status in ("investigating", "response_drafted"):
        moved = feedback_api.post(f"{url}/status", json={"status": status}, headers=pals)
        assert moved.json()["status"] == status

    not_ready = feedback_api.post(f"{url}/status", json={"status": "response_sent"}, headers=pals)
    assert not_ready.status_code == 422
    assert {e["field"] for e in not_ready.json()["errors"]} == {
        "outcome",
        "signed_by",
        "phso_rights_included",
    }

    outcome = feedback_api.post(
        f"{url}/outcome",
        json={
            "outcome": "partly_upheld",
            "signed_by": "Chief Executive",
            "phso_rights_included": True,
        },
        headers=pals,
    ).json()
    assert outcome["outcome_label"] == "Partially upheld"
    sent = feedback_api.post(f"{url}/status", json={"status": "response_sent"}, headers=pals)
    assert sent.json()["response_sent_on"] == "2026-11-22"
    closed = feedback_api.post(f"{url}/status", json={"status": "closed"}, headers=pals).json()
    assert closed["closed_on"] == "2026-11-22"
    assert closed["allowed_next"] == ["reopened", "referred_to_phso"]

    wrong = feedback_api.post(f"{url}/reopen", json={"reason": "  "}, headers=pals)
    assert wrong.status_code == 422
    reopened = feedback_api.post(
        f"{url}/reopen",
        json={"reason": "New questions after the meeting", "response_due": "2026-12-18"},
        headers=pals,
    ).json()
    assert reopened["status"] == "reopened" and reopened["response_due"] == "2026-12-18"
    assert reopened["closed_on"] is None

    phso = feedback_api.post(f"{url}/phso", json={}, headers=pals)
    assert phso.status_code == 422
    assert phso.json()["allowed_next"] == ["investigating", "response_drafted"]

    kinds = [event["kind"] for event in reopened["timeline"]]
    assert kinds == [
        "reopened",
        "status_changed",
        "status_changed",
        "outcome_recorded",
        "status_changed",
        "status_changed",
        "acknowledged",
        "opened",
    ]


def test_an_oral_complaint_records_when_its_written_copy_was_sent(feedback_api, pals) -> None:
    written = open_case(feedback_api, pals, received_how="written")
    refused = feedback_api.post(
        f"/v1/cases/{written['id']}/acknowledge",
        json={"discussion_offered": True, "oral_record_copy_sent": True},
        headers=pals,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "oral_record_copy_sent"

    oral = open_case(feedback_api, pals, received_how="in_person")
    assert oral["oral"] is True and oral["oral_record_copy_sent_on"] is None
    done = feedback_api.post(
        f"/v1/cases/{oral['id']}/acknowledge",
        json={"discussion_offered": True, "oral_record_copy_sent": True},
        headers=pals,
    ).json()
    assert done["oral_record_copy_sent_on"] == done["acknowledged_on"]
    assert done["timeline"][0]["after"]["oral_record_copy_sent_on"] == done["acknowledged_on"]


def test_a_case_is_referred_to_the_ombudsman_after_its_response(
    feedback_api, pals, feedback_today
) -> None:
    feedback_today(D(2026, 11, 22))  # the response goes out on time: a late one needs a reason
    case = open_case(feedback_api, pals, case_type="pals")
    url = f"/v1/cases/{case['id']}"
    feedback_api.post(f"{url}/acknowledge", json={"discussion_offered": False}, headers=pals)
    for status in ("investigating", "response_drafted", "response_sent"):
        assert feedback_api.post(f"{url}/status", json={"status": status}, headers=pals).is_success
    referred = feedback_api.post(f"{url}/phso", json={"note": "PHSO letter"}, headers=pals).json()
    assert referred["status"] == "referred_to_phso"
    assert referred["phso_referred_on"] is not None
    assert referred["timeline"][0]["note"] == "PHSO letter"


def test_the_timeline_records_who_and_when_and_keeps_every_due_date(
    feedback_api, mint, feedback_today
) -> None:
    feedback_today(D(2026, 11, 22))
    officer = mint("feedback", PALS, sub="officer-7")
    manager = mint("feedback", PEM, sub="manager-3")
    case = open_case(feedback_api, officer)
    url = f"/v1/cases/{case['id']}"
    first = feedback_api.put(
        f"{url}/response-due",
        json={"response_due": "2027-01-29", "reason": "Agreed by phone"},
        headers=manager,
    ).json()
    second = feedback_api.put(
        f"{url}/response-due",
        json={"response_due": "2027-02-26", "reason": "Waiting for the ward's statement"},
        headers=officer,
    ).json()
    assert second["response_due"] == "2027-02-26"
    events = second["timeline"]
    assert [e["actor_id"] for e in events] == ["officer-7", "manager-3", "officer-7"]
    assert all(e["actor_name"] == "Test User" for e in events)
    assert events[0]["before"] == {"response_due": "2027-01-29"}
    assert events[0]["note"] == "Waiting for the ward's statement"
    assert events[1]["before"] == {"response_due": case["response_due"]}
    assert events[1]["after"]["agreed_before_expiry"] is True
    assert dt.datetime.fromisoformat(events[0]["occurred_at"]).date() == D(2026, 11, 22)
    assert first["response_due_agreed"] is True

    no_reason = feedback_api.put(
        f"{url}/response-due", json={"response_due": "2027-03-01", "reason": ""}, headers=officer
    )
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"


def test_overdue_cases_are_shown_and_counted_by_the_clock(
    feedback_api, pals, feedback_today
) -> None:
    feedback_today(D(2026, 12, 31))
    counts_before = feedback_api.get("/v1/cases/overdue", headers=pals).json()["counts"]
    christmas = open_case(feedback_api, pals, received_on="2026-12-24")
    assert christmas["ack_due"] == "2026-12-31"
    assert christmas["acknowledgement_overdue"] is False  # due today, not yet late

    feedback_today(D(2027, 1, 1))
    late = feedback_api.get(f"/v1/cases/{christmas['id']}", headers=pals).json()
    assert late["acknowledgement_overdue"] is True and late["overdue"] is True
    overdue = feedback_api.get("/v1/cases/overdue", headers=pals, params={"limit": 200}).json()
    assert christmas["id"] in [c["id"] for c in overdue["data"]]
    assert overdue["counts"]["acknowledgements"] == counts_before["acknowledgements"] + 1
    assert overdue["today"] == "2027-01-01"

    listed = feedback_api.get(
        "/v1/cases", headers=pals, params={"overdue": "true", "reference": christmas["reference"]}
    ).json()
    assert [c["id"] for c in listed["data"]] == [christmas["id"]]

    feedback_api.post(
        f"/v1/cases/{christmas['id']}/acknowledge",
        json={"discussion_offered": True},
        headers=pals,
    )
    feedback_today(D(2027, 6, 25))  # past the six months
    late = feedback_api.get(f"/v1/cases/{christmas['id']}", headers=pals).json()
    assert late["acknowledgement_overdue"] is False
    assert late["response_overdue"] is True
    sent_late = feedback_api.post(
        f"/v1/cases/{christmas['id']}/status", json={"status": "investigating"}, headers=pals
    )
    assert sent_late.is_success


def test_cases_are_listed_with_filters_and_pages(feedback_api, pals, mint) -> None:
    marker = uuid.uuid4().hex[:8]
    officer = {"officer_id": f"user-{marker}", "officer_name": "Tom Okafor"}
    ids = []
    for _ in range(3):
        case = open_case(feedback_api, pals, ward_code="RT-L")
        feedback_api.put(f"/v1/cases/{case['id']}/officer", json=officer, headers=pals)
        ids.append(case["id"])
    page = feedback_api.get(
        "/v1/cases",
        headers=pals,
        params={"assigned_officer_id": officer["officer_id"], "limit": 2, "status": "received"},
    ).json()
    assert page["count"] == 3 and len(page["data"]) == 2
    assert page["data"][0]["assigned_officer_name"] == "Tom Okafor"
    assert "narrative" not in page["data"][0]
    second = feedback_api.get(
        "/v1/cases",
        headers=pals,
        params={"assigned_officer_id": officer["officer_id"], "limit": 2, "offset": 2},
    ).json()
    assert {c["id"] for c in page["data"] + second["data"]} == set(ids)
    none = feedback_api.get(
        "/v1/cases",
        headers=pals,
        params={"assigned_officer_id": officer["officer_id"], "ward_code": "L4"},
    ).json()
    assert none["count"] == 0
    bad = feedback_api.get("/v1/cases", headers=pals, params={"status": "lost"})
    assert bad.status_code == 422


def test_administrators_version_the_code_lists_and_older_cases_keep_theirs(
    feedback_api, mint, pals, feedback_today
) -> None:
    admin = mint("feedback", Role.administrator)
    code = f"sub_{uuid.uuid4().hex[:8]}"
    feedback_today(D(2026, 11, 1))
    added = feedback_api.post(
        "/v1/case-codes/subject", json={"code": code, "label": "Car parking"}, headers=admin
    )
    assert added.status_code == 201 and added.json()["version"] == 1
    old = open_case(feedback_api, pals, received_on="2026-10-30", subjects=[code])

    feedback_today(D(2026, 11, 22))
    relabelled = feedback_api.put(
        f"/v1/case-codes/subject/{code}", json={"label": "Car parking and access"}, headers=admin
    ).json()
    assert relabelled["version"] == 2
    new = open_case(feedback_api, pals, subjects=[code])
    assert new["subjects"] == [{"code": code, "label": "Car parking and access", "version": 2}]
    kept = feedback_api.get(f"/v1/cases/{old['id']}", headers=pals).json()
    assert kept["subjects"] == [{"code": code, "label": "Car parking", "version": 1}]

    history = feedback_api.get(
        "/v1/case-codes/subject", params={"history": "true"}, headers=pals
    ).json()
    versions = [(c["version"], c["current"]) for c in history["data"] if c["code"] == code]
    assert versions == [(1, False), (2, True)]

    retired = feedback_api.post(f"/v1/case-codes/subject/{code}/retire", json={}, headers=admin)
    assert retired.json()["current"] is False
    refused = feedback_api.post("/v1/cases", json=body(subjects=[code]), headers=pals)
    assert refused.status_code == 422
    assert (
        feedback_api.post(
            "/v1/case-codes/subject", json={"code": code, "label": "x"}, headers=pals
        ).status_code
        == 403
    )


def test_the_seeded_lists_hold_the_ko41a_labels(feedback_api, pals) -> None:
    subjects = feedback_api.get("/v1/case-codes/subject", headers=pals).json()["data"]
    labels = {c["label"] for c in subjects if c["version"] == 1}
    assert {"Communications", "Values and behaviours (staff)", "Waiting times"} <= labels
    professions = feedback_api.get("/v1/case-codes/profession", headers=pals).json()["data"]
    assert "Nursing, Midwifery and Health Visiting" in {c["label"] for c in professions}
    assert feedback_api.get("/v1/case-codes/nonsense", headers=pals).status_code == 422


def test_the_seed_migration_matches_the_reference_module() -> None:
    import importlib.util
    from pathlib import Path

    from services.feedback_api.cases.reference import SEED

    path = Path("migrations/feedback/versions/20261122_complaints_and_pals_cases.py")
    spec = importlib.util.spec_from_file_location("cases_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {k.value: v for k, v in SEED.items()} == module.SEED


def _remove_year(engine, year: int) -> None:
    """Delete the committed cases of a test's private year."""
    with Session(engine) as session:
        ids = select(Case.id).where(Case.reference.like(f"%-{year}-%"))
        session.execute(delete(CaseEvent).where(CaseEvent.case_id.in_(ids)))
        session.execute(delete(CaseSubject).where(CaseSubject.case_id.in_(ids)))
        session.execute(delete(Case).where(Case.reference.like(f"%-{year}-%")))
        session.execute(delete(CaseSequence).where(CaseSequence.year == year))
        session.commit()


def _at_once(count: int, work) -> list[object]:
    """Run ``work()`` on ``count`` threads released together; returns results or exceptions."""
    results: list[object] = []
    barrier = threading.Barrier(count)

    def run() -> None:
        barrier.wait()
        try:
            results.append(work())
        except Exception as exc:
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


CONCURRENT = Principal(sub="concurrency", name="Concurrency", roles=frozenset({"pals_officer"}))


def test_references_stay_unique_when_cases_are_opened_at_once(engines) -> None:
    """Eight cases opened at the same moment on separate connections, each committing."""
    engine = engines["feedback"]
    year = 2100 + (uuid.uuid4().int % 5000)
    clock = Clock(D(year, 3, 2))
    data = CaseCreate.model_validate(body(received_on=f"{year}-03-02", subjects=["other"]))

    def open_one() -> str:
        with Session(engine, expire_on_commit=False) as session:
            case = service.create_case(session, data, CONCURRENT, clock)
            session.commit()
            return case.reference

    try:
        references = _at_once(8, open_one)
        assert sorted(references) == [f"CMP-{year}-{n:05d}" for n in range(1, 9)]
    finally:
        _remove_year(engine, year)


def test_two_acknowledgements_at_once_record_one(engines) -> None:
    engine = engines["feedback"]
    year = 2100 + (uuid.uuid4().int % 5000)
    clock = Clock(D(year, 3, 2))
    data = CaseCreate.model_validate(body(received_on=f"{year}-03-02", subjects=["other"]))
    try:
        with Session(engine, expire_on_commit=False) as session:
            case_id = service.create_case(session, data, CONCURRENT, clock).id
            session.commit()

        def acknowledge() -> str:
            with Session(engine, expire_on_commit=False) as session:
                case = service.get_case_for_update(session, case_id)
                service.acknowledge(
                    session, case, Acknowledge(discussion_offered=True), CONCURRENT, clock
                )
                session.commit()
                return case.status

        results = _at_once(4, acknowledge)
        assert results.count("acknowledged") == 1
        refused = [r for r in results if r != "acknowledged"]
        assert all(isinstance(r, Unprocessable) for r in refused), results
        with Session(engine) as session:
            kinds = session.exec(select(CaseEvent.kind).where(CaseEvent.case_id == case_id)).all()
        assert sorted(kinds) == ["acknowledged", "opened"]
    finally:
        _remove_year(engine, year)


def test_the_demo_cases_cover_the_lifecycle_and_are_loaded_once(feedback_session) -> None:
    from services.feedback_api.cases.demo import MARK, load_demo_cases

    clock = Clock(D(2026, 11, 22))
    assert load_demo_cases(feedback_session, clock) == 6
    assert load_demo_cases(feedback_session, clock) == 0
    cases = feedback_session.exec(select(Case).where(Case.created_by == "demo")).all()
    assert {c.status for c in cases} == {"received", "acknowledged", "investigating", "closed"}
    assert all(MARK in c.narrative for c in cases)
    # Each is opened from a demo complaint or PALS record, so it counts in the themes by source.
    records = [feedback_session.get(Feedback, c.feedback_id) for c in cases]
    assert all(r.is_demo and r.channel == c.case_type for r, c in zip(records, cases, strict=True))
    counts = service.overdue_counts(feedback_session, clock.today())
    assert counts.acknowledgements >= 1 and counts.responses >= 1
