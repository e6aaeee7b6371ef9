"""Complaints and PALS cases, their timeline and the KO41a code lists."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable


class CaseType(StrEnum):
    complaint = "complaint"
    pals = "pals"


CASE_TYPE_LABELS = {CaseType.complaint: "Complaint", CaseType.pals: "PALS enquiry or concern"}
REFERENCE_PREFIX = {CaseType.complaint: "CMP", CaseType.pals: "PALS"}


class CaseStatus(StrEnum):
    received = "received"
    acknowledged = "acknowledged"
    investigating = "investigating"
    response_drafted = "response_drafted"
    response_sent = "response_sent"
    closed = "closed"
    reopened = "reopened"
    referred_to_phso = "referred_to_phso"


STATUS_LABELS = {
    CaseStatus.received: "Received",
    CaseStatus.acknowledged: "Acknowledged",
    CaseStatus.investigating: "Investigating",
    CaseStatus.response_drafted: "Response drafted",
    CaseStatus.response_sent: "Response sent",
    CaseStatus.closed: "Closed",
    CaseStatus.reopened: "Reopened",
    CaseStatus.referred_to_phso: "Referred to the Ombudsman",
}

# The lifecycle: from each status, the statuses a case may move to next.
TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.received: (CaseStatus.acknowledged, CaseStatus.closed),
    CaseStatus.acknowledged: (CaseStatus.investigating, CaseStatus.closed),
    CaseStatus.investigating: (CaseStatus.response_drafted, CaseStatus.closed),
    CaseStatus.response_drafted: (CaseStatus.investigating, CaseStatus.response_sent),
    CaseStatus.response_sent: (
        CaseStatus.closed,
        CaseStatus.reopened,
        CaseStatus.referred_to_phso,
    ),
    CaseStatus.closed: (CaseStatus.reopened, CaseStatus.referred_to_phso),
    CaseStatus.reopened: (CaseStatus.investigating, CaseStatus.response_drafted),
    CaseStatus.referred_to_phso: (CaseStatus.reopened, CaseStatus.closed),
}

# Statuses in which a response is still owed to the complainant.
OPEN_STATUSES = (
    CaseStatus.received,
    CaseStatus.acknowledged,
    CaseStatus.investigating,
    CaseStatus.response_drafted,
    CaseStatus.reopened,
)


class ReceivedHow(StrEnum):
    written = "written"
    email = "email"
    phone = "phone"
    in_person = "in_person"
    online = "online"


RECEIVED_HOW_LABELS = {
    ReceivedHow.written: "In writing (letter)",
    ReceivedHow.email: "Email",
    ReceivedHow.phone: "Telephone",
    ReceivedHow.in_person: "In person",
    ReceivedHow.online: "Online form",
}
# Oral complaints: the body makes a written record and gives the complainant a copy (reg. 13).
ORAL = frozenset({ReceivedHow.phone, ReceivedHow.in_person})


class Relationship(StrEnum):
    """The complainant's relationship to the patient."""

    patient = "patient"
    relative = "relative"
    carer = "carer"
    representative = "representative"
    advocate = "advocate"
    mp = "mp"
    other = "other"


RELATIONSHIP_LABELS = {
    Relationship.patient: "The patient",
    Relationship.relative: "Relative",
    Relationship.carer: "Carer",
    Relationship.representative: "Representative",
    Relationship.advocate: "Advocate",
    Relationship.mp: "Member of Parliament",
    Relationship.other: "Other",
}


class Consent(StrEnum):
    """Consent to act for the patient, when the complainant is not the patient."""

    given = "given"
    awaited = "awaited"
    not_needed = "not_needed"  # e.g. the patient has died or lacks capacity (say why in a note)


CONSENT_LABELS = {
    Consent.given: "Patient's consent given",
    Consent.awaited: "Patient's consent awaited",
    Consent.not_needed: "Consent not needed (patient has died or lacks capacity)",
}


class Outcome(StrEnum):
    """KO41a outcomes."""

    upheld = "upheld"
    partly_upheld = "partly_upheld"
    not_upheld = "not_upheld"


OUTCOME_LABELS = {
    Outcome.upheld: "Upheld",
    Outcome.partly_upheld: "Partially upheld",
    Outcome.not_upheld: "Not upheld",
}
OUTCOME_DEFINITIONS = {
    Outcome.upheld: "Substantive evidence supports the complaint (single-issue complaint).",
    Outcome.partly_upheld: "Several issues were raised and some, but not all, are upheld.",
    Outcome.not_upheld: "No evidence supports any aspect of the complaint.",
}


class CaseCode(FeedbackTable, table=True):
    """One version of one code in a KO41a list. Editing a label adds a version; cases point at
    the version they were given, so older cases keep their codes and labels."""

    __tablename__ = "case_code"
    __table_args__ = (UniqueConstraint("code_list", "code", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    code_list: str = Field(max_length=30, index=True)
    code: str = Field(max_length=60)
    label: str = Field(max_length=200)
    version: int = 1
    valid_from: dt.date
    valid_to: dt.date | None = None  # the first day it is no longer offered
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(default="seed", max_length=120)


class CaseSequence(FeedbackTable, table=True):
    """The last reference number given, per case type and year."""

    __tablename__ = "case_sequence"

    case_type: str = Field(primary_key=True, max_length=20)
    year: int = Field(primary_key=True)
    last_number: int = 0


class Case(FeedbackTable, table=True):
    """A complaint or PALS case: its current state. Every change is also a CaseEvent."""

    __tablename__ = "complaint_case"
    __table_args__ = (
        Index("ix_complaint_case_status_ack_due", "status", "ack_due"),
        Index("ix_complaint_case_status_response_due", "status", "response_due"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    reference: str = Field(max_length=20, unique=True)
    case_type: str = Field(max_length=20, index=True)
    status: str = Field(default=CaseStatus.received.value, max_length=30)
    feedback_id: uuid.UUID | None = Field(default=None, foreign_key="feedback.id", index=True)
    ward_code: str | None = Field(default=None, max_length=20, index=True)
    site_code: str | None = Field(default=None, max_length=10, index=True)

    received_on: dt.date
    received_how: str = Field(max_length=20)
    narrative: str = Field(sa_type=Text)
    oral_record_copy_sent_on: dt.date | None = None

    complainant_name: str | None = Field(default=None, max_length=200)
    complainant_contact: str | None = Field(default=None, max_length=500)
    relationship: str = Field(default=Relationship.patient.value, max_length=30)
    consent: str | None = Field(default=None, max_length=20)
    complainant_status_id: int | None = Field(default=None, foreign_key="case_code.id")
    complainant_ethnic_category: str = Field(default="99", max_length=2)

    event_on: dt.date | None = None
    outside_time_limit: bool = False
    time_limit_waiver_reason: str | None = Field(default=None, sa_type=Text)

    patient_date_of_birth: dt.date | None = None
    patient_age_at_event: int | None = None
    service_area_id: int | None = Field(default=None, foreign_key="case_code.id")
    profession_id: int | None = Field(default=None, foreign_key="case_code.id")

    ack_due: dt.date
    acknowledged_on: dt.date | None = None
    discussion_offered: bool | None = None
    discussion_accepted: bool | None = None
    response_due: dt.date
    response_due_agreed: bool = False
    response_sent_on: dt.date | None = None
    late_reason: str | None = Field(default=None, sa_type=Text)
    outcome: str | None = Field(default=None, max_length=20)
    phso_rights_included: bool = False
    signed_by: str | None = Field(default=None, max_length=200)
    closed_on: dt.date | None = None
    phso_referred_on: dt.date | None = None

    assigned_officer_id: str | None = Field(default=None, max_length=120, index=True)
    assigned_officer_name: str | None = Field(default=None, max_length=200)

    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(max_length=120)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseSubject(FeedbackTable, table=True):
    """A KO41a subject a case is recorded against (a case may have several)."""

    __tablename__ = "complaint_case_subject"

    case_id: uuid.UUID = Field(foreign_key="complaint_case.id", primary_key=True)
    code_id: int = Field(foreign_key="case_code.id", primary_key=True)


class CaseEvent(FeedbackTable, table=True):
    """One change to a case: who, when, what, the values before and after, and a note.
    Events are only ever added."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="complaint_case.id", index=True)
    occurred_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: str = Field(max_length=120)
    actor_name: str = Field(default="", max_length=200)
    kind: str = Field(max_length=40)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    note: str | None = Field(default=None, sa_type=Text)
