"""A few invented complaints and PALS cases for the demo, in every state, some overdue.

Marked as demo by their creator (``demo``) and the words of their narratives; never loaded in
production. ``load_demo_cases`` does nothing if demo cases exist already.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.tokens import Principal
from services.feedback_api.cases import service
from services.feedback_api.cases.models import Case
from services.feedback_api.cases.schemas import (
    Acknowledge,
    CaseCreate,
    OfficerAssignment,
    OutcomeRecord,
    StatusChange,
)

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


def load_demo_cases(session: Session, clock: Clock) -> int:
    """Load the demo cases unless some exist; returns how many were loaded."""
    existing = session.exec(
        select(func.count()).select_from(Case).where(Case.created_by == DEMO.sub)
    ).one()
    if existing:
        return 0
    today = clock.today()
    for days_ago, fields, stage in CASES:
        received = today - dt.timedelta(days=days_ago)
        at = Clock(received)
        data = CaseCreate.model_validate(
            {
                **fields,
                "received_on": received.isoformat(),
                "narrative": f"{fields['narrative']} {MARK}",
            }
        )
        case = service.create_case(session, data, DEMO, at)
        session.flush()
        service.assign_officer(
            session,
            case,
            OfficerAssignment(officer_id="demo-pals", officer_name="Tom Okafor"),
            DEMO,
            at,
        )
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
    session.commit()
    return len(CASES)
