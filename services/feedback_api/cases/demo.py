"""Invented complaints and PALS cases for the demo: a few showcase cases in every state, some
overdue, and a case for every demo complaint, concern and PALS enquiry.

Marked as demo by their creator (``demo``) and the words of their narratives; never loaded in
production. ``load_demo_cases`` does nothing if demo cases exist already.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.tokens import Principal
from services.feedback_api import demo_comments as words
from services.feedback_api.cases import service, workdays
from services.feedback_api.cases.models import Case
from services.feedback_api.cases.schemas import (
    Acknowledge,
    CaseCreate,
    OfficerAssignment,
    OutcomeRecord,
    StatusChange,
)
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.feedback.service import redacted
from services.feedback_api.organisation.models import Ward

DEMO = Principal(sub="demo", name="Demo data", roles=frozenset({"pals_officer"}))
MARK = "(Invented demo case.)"

# days before today it was received, the case, and how far along its lifecycle it has gone
CASES: list[tuple[int, dict, str]] = [
    (
        1,
        {
            "case_type": "complaint",
            "received_how": "email",
            "ward_code": "L4",
            "narrative": "My father waited over four hours for his pain relief on the ward and "
            "nobody explained why.",
            "subjects": ["patient_care", "communications"],
            "relationship": "relative",
            "consent": "given",
            "complainant_status": "relative_carer",
        },
        "received",
    ),
    (
        9,
        {
            "case_type": "complaint",
            "received_how": "phone",
            "ward_code": "RT-L",
            "narrative": "My radiotherapy appointments were cancelled twice without notice.",
            "subjects": ["appointments"],
            "complainant_status": "patient",
        },
        "received",
    ),
    (
        20,
        {
            "case_type": "pals",
            "received_how": "in_person",
            "narrative": "I would like help finding out when my scan results will be ready.",
            "subjects": ["communications"],
        },
        "acknowledged",
    ),
    (
        60,
        {
            "case_type": "complaint",
            "received_how": "written",
            "ward_code": "L4",
            "narrative": "Staff were dismissive when I raised concerns about my mother's "
            "nutrition.",
            "subjects": ["values_behaviours", "patient_care"],
            "relationship": "relative",
            "consent": "given",
            "profession": "nursing_midwifery",
        },
        "investigating",
    ),
    (
        200,
        {
            "case_type": "complaint",
            "received_how": "online",
            "narrative": "The discharge letter was sent to the wrong GP practice.",
            "subjects": ["admissions_discharges", "trust_administration"],
        },
        "investigating",
    ),
    (
        120,
        {
            "case_type": "complaint",
            "received_how": "email",
            "ward_code": "RT-L",
            "narrative": "Parking charges were taken twice during my treatment course.",
            "subjects": ["facilities"],
        },
        "closed",
    ),
]


# How long after receipt each step happened, for the cases opened from demo feedback.
COMPLAINT_STEPS = {"acknowledged": 2, "investigating": 10, "response_sent": 40}
PALS_STEPS = {"acknowledged": 1, "response_sent": 5}
OUTCOMES = ["upheld", "partly_upheld", "not_upheld", "partly_upheld", "not_upheld"]
RECEIVED_HOW = {
    "telephone": "phone",
    "in_person": "in_person",
    "online": "online",
    "other": "written",
}

# The complainant's relationship to the patient, from who gave the feedback.
RELATIONSHIP = {"carer": "carer", "family": "relative", "staff_on_behalf": "representative"}


def _open(session: Session, data: CaseCreate, received: dt.date) -> tuple[Case, Clock]:
    """Open the case on the day it was received, with the demo PALS officer assigned."""
    at = Clock(received)
    case = service.create_case(session, data, DEMO, at)
    session.flush()
    officer = OfficerAssignment(officer_id="demo-pals", officer_name="Tom Okafor")
    service.assign_officer(session, case, officer, DEMO, at)
    return case, at


def _demo_feedback(session: Session, fields: dict, received: dt.date) -> Feedback:
    """The complaint or PALS record a showcase case is opened from, so that it counts in the
    themes by source like any other."""
    ward = session.get(Ward, fields["ward_code"]) if fields.get("ward_code") else None
    at = dt.datetime.combine(received, dt.time(10), tzinfo=dt.UTC)
    feedback = Feedback(
        channel=fields["case_type"],
        comment=fields["narrative"],
        comment_redacted=redacted(fields["narrative"]),
        ward_code=ward.code if ward else None,
        site_code=ward.site_code if ward else None,
        collection_mode="other",
        submitted_via="staff",
        received_at=at,
        created_at=at,
        created_by=DEMO.sub,
        is_demo=True,
    )
    session.add(feedback)
    session.flush()
    return feedback


def _load_showcase(session: Session, today: dt.date) -> int:
    for days_ago, fields, stage in CASES:
        received = today - dt.timedelta(days=days_ago)
        feedback = _demo_feedback(session, fields, received)
        data = CaseCreate.model_validate(
            {
                **fields,
                "feedback_id": str(feedback.id),
                "received_on": received.isoformat(),
                "narrative": f"{fields['narrative']} {MARK}",
            }
        )
        case, at = _open(session, data, received)
        if stage == "received":
            continue
        service.acknowledge(session, case, Acknowledge(discussion_offered=True), DEMO, at)
        if stage == "acknowledged":
            continue
        service.change_status(session, case, StatusChange(status="investigating"), DEMO, at)
        if stage == "investigating":
            continue
        service.change_status(session, case, StatusChange(status="response_drafted"), DEMO, at)
        service.record_outcome(
            session,
            case,
            OutcomeRecord(outcome="upheld", signed_by="Chief Executive", phso_rights_included=True),
            DEMO,
            at,
        )
        service.change_status(session, case, StatusChange(status="response_sent"), DEMO, at)
        service.change_status(session, case, StatusChange(status="closed"), DEMO, at)
    return len(CASES)


def _progress(session: Session, case: Case, today: dt.date, n: int) -> None:
    """Take a case as far along its lifecycle as its age allows, every step in good time."""
    received = case.received_on
    complaint = case.case_type == "complaint"
    steps = COMPLAINT_STEPS if complaint else PALS_STEPS

    def on(step: str) -> Clock | None:
        day = received + dt.timedelta(days=steps[step])
        return Clock(day) if day <= today else None

    if (at := on("acknowledged")) is None:
        return
    due = workdays.add_working_days(received, 40) if complaint else None
    service.acknowledge(
        session, case, Acknowledge(discussion_offered=True, response_due=due), DEMO, at
    )
    if complaint:
        if (at := on("investigating")) is None:
            return
        service.change_status(session, case, StatusChange(status="investigating"), DEMO, at)
    if (at := on("response_sent")) is None:
        return
    if complaint:
        service.change_status(session, case, StatusChange(status="response_drafted"), DEMO, at)
        outcome = OutcomeRecord(
            outcome=OUTCOMES[n % len(OUTCOMES)],
            signed_by="Chief Executive",
            phso_rights_included=True,
        )
        service.record_outcome(session, case, outcome, DEMO, at)
    else:
        service.change_status(session, case, StatusChange(status="investigating"), DEMO, at)
        service.change_status(session, case, StatusChange(status="response_drafted"), DEMO, at)
    service.change_status(session, case, StatusChange(status="response_sent"), DEMO, at)
    service.change_status(session, case, StatusChange(status="closed"), DEMO, at)


def _load_from_feedback(session: Session, today: dt.date) -> int:
    """A case for every demo complaint, concern and PALS record without one."""
    opened = select(Case.feedback_id).where(Case.feedback_id.is_not(None))
    records = session.exec(
        select(Feedback)
        .where(
            Feedback.is_demo,
            Feedback.channel.in_(list(service.CASE_CHANNELS)),
            Feedback.id.not_in(opened),
        )
        .order_by(Feedback.received_at, Feedback.id)
    ).all()
    for n, feedback in enumerate(records):
        received = feedback.received_at.date()
        equality = feedback.equality
        relationship = RELATIONSHIP.get(feedback.respondent_type or "", "patient")
        data = CaseCreate(
            feedback_id=feedback.id,
            received_how=RECEIVED_HOW.get(feedback.collection_mode, "written"),
            narrative=f"{feedback.comment} {MARK}",
            subjects=words.case_subjects(feedback.comment or ""),
            relationship=relationship,
            consent=None if relationship == "patient" else "given",
            complainant_ethnic_category=equality.ethnic_category if equality else None,
        )
        case, _ = _open(session, data, received)
        _progress(session, case, today, n)
    return len(records)


def load_demo_cases(session: Session, clock: Clock) -> int:
    """Load the demo cases unless some exist; returns how many were loaded.

    The showcase cases above, in every state and some overdue, and a case for every demo
    complaint, concern and PALS enquiry (``demo.load_feedback``), as far along as its age
    allows. Each is opened from its feedback record, so it counts in the themes by source.
    """
    existing = session.exec(
        select(func.count()).select_from(Case).where(Case.created_by == DEMO.sub)
    ).one()
    if existing:
        return 0
    today = clock.today()
    loaded = _load_showcase(session, today)
    session.flush()
    loaded += _load_from_feedback(session, today)
    session.commit()
    return loaded
