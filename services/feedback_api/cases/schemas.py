"""The shapes of the cases API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from services.feedback_api.cases.models import (
    CaseStatus,
    CaseType,
    Consent,
    Outcome,
    ReceivedHow,
    Relationship,
)
from services.feedback_api.cases.reference import ETHNIC_CATEGORIES, CodeList

MAX_NARRATIVE_CHARS = 20_000
MAX_NOTE_CHARS = 5_000

Note = Field(default=None, max_length=MAX_NOTE_CHARS)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


def _required_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be blank")
    return value


def _ethnic(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    if value not in ETHNIC_CATEGORIES:
        allowed = ", ".join(ETHNIC_CATEGORIES)
        raise ValueError(f"unknown ethnic category {value!r}; allowed: {allowed}")
    return value


class CaseDetails(BaseModel):
    """The fields of a case that can be corrected after it is opened (each change is an event)."""

    complainant_name: str | None = Field(default=None, max_length=200)
    complainant_contact: str | None = Field(default=None, max_length=500)
    relationship: Relationship | None = None
    consent: Consent | None = None
    complainant_status: str | None = Field(
        default=None, max_length=60, description="A complainant_status code (KO41a section 4)"
    )
    complainant_ethnic_category: str | None = Field(
        default=None,
        description="NHS 2001 ethnic category: A..S (no I, O, Q), Z not stated, 99 not known",
    )
    event_on: dt.date | None = Field(default=None, description="When the events happened")
    time_limit_waiver_reason: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)
    oral_record_copy_sent_on: dt.date | None = None
    patient_date_of_birth: dt.date | None = None
    patient_age_at_event: int | None = Field(default=None, ge=0, le=130)
    ward_code: str | None = Field(default=None, max_length=20)
    site_code: str | None = Field(default=None, max_length=10)
    subjects: list[str] | None = Field(
        default=None, max_length=30, description="subject codes (KO41a section 7), one or more"
    )
    service_area: str | None = Field(default=None, max_length=60)
    profession: str | None = Field(default=None, max_length=60)

    _blank = field_validator(
        "complainant_name",
        "complainant_contact",
        "complainant_status",
        "time_limit_waiver_reason",
        "ward_code",
        "site_code",
        "service_area",
        "profession",
        mode="before",
    )(_blank_to_none)
    _ethnic = field_validator("complainant_ethnic_category")(_ethnic)


class CaseCreate(CaseDetails):
    """A new case, from a feedback record (``feedback_id``) or entered directly by staff."""

    feedback_id: uuid.UUID | None = Field(
        default=None, description="The complaint, concern or PALS feedback this case is opened from"
    )
    case_type: CaseType | None = Field(
        default=None, description="Required unless taken from the feedback's channel"
    )
    received_on: dt.date | None = Field(
        default=None, description="The day it was received; defaults to the feedback's or today"
    )
    received_how: ReceivedHow
    narrative: str | None = Field(
        default=None,
        max_length=MAX_NARRATIVE_CHARS,
        description="The complaint in the complainant's words (for oral complaints, the written "
        "record). Defaults to the feedback's comment.",
    )
    response_due: dt.date | None = Field(
        default=None, description="An agreed response date; default 6 months from receipt"
    )

    _narrative = field_validator("narrative", mode="before")(_blank_to_none)


class CaseUpdate(CaseDetails):
    note: str | None = Note


class Acknowledge(BaseModel):
    acknowledged_on: dt.date | None = Field(default=None, description="Default: today")
    discussion_offered: bool = Field(
        description="Whether the complainant was offered a discussion of how the complaint will "
        "be handled and when the response is likely (regulation 13)"
    )
    discussion_accepted: bool | None = None
    response_due: dt.date | None = Field(
        default=None, description="The response date agreed (or set, if the offer was declined)"
    )
    oral_record_copy_sent: bool = Field(
        default=False,
        description="An oral complaint: the complainant was sent a copy of the written record "
        "with the acknowledgement (regulation 13)",
    )
    note: str | None = Note


class ResponseDueChange(BaseModel):
    response_due: dt.date
    reason: str = Field(max_length=MAX_NOTE_CHARS)
    agreed_with_complainant: bool = True

    _reason = field_validator("reason")(_required_text)


class StatusChange(BaseModel):
    status: CaseStatus
    note: str | None = Note
    late_reason: str | None = Field(
        default=None,
        max_length=MAX_NOTE_CHARS,
        description="Why the response is later than the agreed date (needed when it is)",
    )

    _note = field_validator("note", "late_reason", mode="before")(_blank_to_none)


class OutcomeRecord(BaseModel):
    outcome: Outcome = Field(
        description="KO41a outcome: upheld (substantive evidence supports the complaint, single "
        "issue); partly_upheld (several issues raised, some but not all upheld); not_upheld (no "
        "evidence supports any aspect)"
    )
    signed_by: str | None = Field(
        default=None, max_length=200, description="The responsible person who signs the response"
    )
    phso_rights_included: bool = Field(
        default=False,
        description="The response tells the complainant of their right to go to "
        "the Parliamentary and Health Service Ombudsman",
    )
    note: str | None = Note

    _signed = field_validator("signed_by", mode="before")(_blank_to_none)


class Reopen(BaseModel):
    reason: str = Field(max_length=MAX_NOTE_CHARS)
    response_due: dt.date

    _reason = field_validator("reason")(_required_text)


class PhsoReferral(BaseModel):
    referred_on: dt.date | None = Field(default=None, description="Default: today")
    note: str | None = Note


class OfficerAssignment(BaseModel):
    officer_id: str | None = Field(
        default=None, max_length=120, description="The user id; null to unassign"
    )
    officer_name: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _name_with_id(self) -> OfficerAssignment:
        if self.officer_id and not (self.officer_name and self.officer_name.strip()):
            raise ValueError("officer_name is required with officer_id")
        return self


class CodeValue(BaseModel):
    code: str
    label: str
    version: int


class CaseEventPublic(BaseModel):
    id: int
    occurred_at: dt.datetime
    actor_id: str
    actor_name: str
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


class CaseSummary(BaseModel):
    id: uuid.UUID
    reference: str
    case_type: CaseType
    case_type_label: str
    status: CaseStatus
    status_label: str
    received_on: dt.date
    ward_code: str | None
    site_code: str | None
    complainant_name: str | None
    ack_due: dt.date
    acknowledged_on: dt.date | None
    response_due: dt.date
    acknowledgement_overdue: bool
    response_overdue: bool
    overdue: bool
    outcome: Outcome | None
    assigned_officer_id: str | None
    assigned_officer_name: str | None


class CasePublic(CaseSummary):
    feedback_id: uuid.UUID | None
    received_how: ReceivedHow
    received_how_label: str
    oral: bool
    oral_record_copy_sent_on: dt.date | None
    narrative: str
    complainant_contact: str | None
    relationship: Relationship
    relationship_label: str
    consent: Consent | None
    complainant_status: CodeValue | None
    complainant_ethnic_category: str
    complainant_ethnic_category_label: str
    event_on: dt.date | None
    outside_time_limit: bool
    time_limit_waiver_reason: str | None
    time_limit_needs_decision: bool = Field(
        description="Made more than 12 months after the event and no waiver reason recorded"
    )
    patient_date_of_birth: dt.date | None
    patient_age_at_event: int | None
    patient_age_band: str | None
    subjects: list[CodeValue]
    service_area: CodeValue | None
    profession: CodeValue | None
    discussion_offered: bool | None
    discussion_accepted: bool | None
    response_due_agreed: bool
    response_sent_on: dt.date | None
    late_reason: str | None
    outcome_label: str | None
    phso_rights_included: bool
    signed_by: str | None
    closed_on: dt.date | None
    phso_referred_on: dt.date | None
    allowed_next: list[CaseStatus] = Field(description="The statuses this case may move to next")
    created_at: dt.datetime
    created_by: str
    timeline: list[CaseEventPublic] = Field(description="Every change, newest first")


class CaseList(BaseModel):
    data: list[CaseSummary]
    count: int
    limit: int
    offset: int


class OverdueCounts(BaseModel):
    acknowledgements: int = Field(description="Cases not acknowledged by their due date")
    responses: int = Field(description="Open cases past their response due date")
    total: int = Field(description="Cases overdue on either count")


class OverdueList(BaseModel):
    today: dt.date
    counts: OverdueCounts
    data: list[CaseSummary]
    count: int
    limit: int
    offset: int


class CodePublic(BaseModel):
    id: int
    code_list: CodeList
    code: str
    label: str
    version: int
    valid_from: dt.date
    valid_to: dt.date | None
    current: bool


class CodeListPublic(BaseModel):
    code_list: CodeList
    label: str
    data: list[CodePublic]


class CodeCreate(BaseModel):
    code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=200)
    valid_from: dt.date | None = Field(default=None, description="Default: today")


class CodeRelabel(BaseModel):
    label: str = Field(min_length=1, max_length=200)
    valid_from: dt.date | None = Field(default=None, description="Default: today")


class CodeRetire(BaseModel):
    valid_to: dt.date | None = Field(
        default=None, description="The first day it is no longer offered; default today"
    )
