"""A piece of patient feedback, from any channel, and the answers attached to it.

(No ``from __future__ import annotations`` here: SQLModel resolves relationship annotations at
class creation.)
"""

import datetime as dt
import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Index, Text, false
from sqlmodel import Field, Relationship

from services.common.clock import utcnow
from services.common.db import UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable

if TYPE_CHECKING:
    from services.feedback_api.respondents.models import (
        EqualityMonitoring,
        FeedbackAccessibleNeed,
        RespondentContact,
    )


class Channel(StrEnum):
    """Every channel the strategies name (machine values; labels in CHANNEL_LABELS)."""

    fft = "fft"
    compliment = "compliment"
    concern = "concern"
    complaint = "complaint"
    pals = "pals"
    inhouse_survey = "inhouse_survey"
    national_survey = "national_survey"
    patient_story = "patient_story"
    walkabout = "walkabout"
    social_media = "social_media"
    quality_visit = "quality_visit"
    focus_group = "focus_group"
    dppg = "dppg"
    clinical_audit = "clinical_audit"
    perfect_ward = "perfect_ward"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.fft: "Friends and Family Test",
    Channel.compliment: "Compliment",
    Channel.concern: "Concern",
    Channel.complaint: "Complaint",
    Channel.pals: "PALS enquiry",
    Channel.inhouse_survey: "In-house survey",
    Channel.national_survey: "National survey",
    Channel.patient_story: "Patient story",
    Channel.walkabout: "Walkabout or round",
    Channel.social_media: "Social media",
    Channel.quality_visit: "Quality visit",
    Channel.focus_group: "Focus group",
    Channel.dppg: "Digital Patient Participation Group",
    Channel.clinical_audit: "Clinical audit",
    Channel.perfect_ward: "Perfect Ward",
}


class CollectionMode(StrEnum):
    """How the feedback was collected, as staff call it; each maps onto a national FFT mode."""

    sms = "sms"
    kiosk = "kiosk"
    qr_code = "qr_code"
    online = "online"
    app = "app"
    electronic_discharge = "electronic_discharge"
    electronic_home = "electronic_home"
    paper_discharge = "paper_discharge"
    paper_home = "paper_home"
    telephone = "telephone"
    in_person = "in_person"
    other = "other"


class NationalMode(StrEnum):
    """NHS England's mode-of-collection columns in the FFT return (NHS-STANDARDS.md 1.3)."""

    sms = "Mode SMS"
    electronic_discharge = "Mode Electronic Discharge"
    electronic_home = "Mode Electronic Home"
    paper_discharge = "Mode Paper Discharge"
    paper_home = "Mode Paper Home"
    telephone = "Mode Telephone"
    online = "Mode Online"
    other = "Mode Other"


NATIONAL_MODE: dict[CollectionMode, NationalMode] = {
    CollectionMode.sms: NationalMode.sms,
    # A kiosk or tablet on the ward is electronic at the point of care.
    CollectionMode.kiosk: NationalMode.electronic_discharge,
    CollectionMode.qr_code: NationalMode.online,
    CollectionMode.online: NationalMode.online,
    CollectionMode.app: NationalMode.online,
    CollectionMode.electronic_discharge: NationalMode.electronic_discharge,
    CollectionMode.electronic_home: NationalMode.electronic_home,
    CollectionMode.paper_discharge: NationalMode.paper_discharge,
    CollectionMode.paper_home: NationalMode.paper_home,
    CollectionMode.telephone: NationalMode.telephone,
    CollectionMode.in_person: NationalMode.other,
    CollectionMode.other: NationalMode.other,
}


class FftSetting(StrEnum):
    """The FFT setting a record counts towards in the national return (NHS-STANDARDS.md 1.3)."""

    inpatient = "inpatient"  # includes day cases and children and young people
    ae = "ae"  # A&E types 1 and 2, walk-in centres and minor injury units
    maternity_antenatal = "maternity_antenatal"  # Q1
    maternity_birth = "maternity_birth"  # Q2
    maternity_postnatal_ward = "maternity_postnatal_ward"  # Q3
    maternity_postnatal_community = "maternity_postnatal_community"  # Q4
    outpatient = "outpatient"
    community = "community"
    mental_health = "mental_health"
    ambulance = "ambulance"
    patient_transport = "patient_transport"
    post_covid = "post_covid"
    gp = "gp"
    dental = "dental"


FFT_SETTING_LABELS: dict[FftSetting, str] = {
    FftSetting.inpatient: "Inpatient",
    FftSetting.ae: "A&E",
    FftSetting.maternity_antenatal: "Maternity Q1: antenatal",
    FftSetting.maternity_birth: "Maternity Q2: birth",
    FftSetting.maternity_postnatal_ward: "Maternity Q3: postnatal ward",
    FftSetting.maternity_postnatal_community: "Maternity Q4: postnatal community",
    FftSetting.outpatient: "Outpatient",
    FftSetting.community: "Community health",
    FftSetting.mental_health: "Mental health",
    FftSetting.ambulance: "Ambulance",
    FftSetting.patient_transport: "Patient transport",
    FftSetting.post_covid: "Post-COVID assessment clinic",
    FftSetting.gp: "GP practice",
    FftSetting.dental: "Dental practice",
}

# A&E and ambulance returns have no "Mode Electronic Home" column (NHS-STANDARDS.md 1.3).
NO_ELECTRONIC_HOME = frozenset({FftSetting.ae, FftSetting.ambulance, FftSetting.patient_transport})


def national_mode(mode: CollectionMode | str, setting: FftSetting | str | None) -> NationalMode:
    """The national mode column a record counts in, for the setting of its return.

    In the A&E and ambulance returns, which have no electronic-at-home column, an electronic
    survey completed at home (an emailed or texted link) counts as online.
    """
    national = NATIONAL_MODE[CollectionMode(mode)]
    home = national is NationalMode.electronic_home
    if home and setting is not None and FftSetting(setting) in NO_ELECTRONIC_HOME:
        return NationalMode.online
    return national


class RespondentType(StrEnum):
    """Who gave the feedback."""

    patient = "patient"
    carer = "carer"
    family = "family"
    public = "public"
    staff_on_behalf = "staff_on_behalf"


RESPONDENT_TYPE_LABELS: dict[RespondentType, str] = {
    RespondentType.patient: "Patient",
    RespondentType.carer: "Carer",
    RespondentType.family: "Family member or friend",
    RespondentType.public: "Member of the public",
    RespondentType.staff_on_behalf: "Member of staff on behalf of a patient",
}

# Question keys of the two usual free-text follow-ups to the FFT question.
WHAT_WAS_GOOD = "what_was_good"
WHAT_COULD_BE_BETTER = "what_could_be_better"


class SubmittedVia(StrEnum):
    portal = "portal"
    staff = "staff"
    integration = "integration"
    import_ = "import"


class Feedback(FeedbackTable, table=True):
    __table_args__ = (
        Index("ix_feedback_ward_received", "ward_code", "received_at"),
        # The equality breakdown's totals (who gave feedback, who complained) are counted from
        # the records: this covering index makes a year of them an index-only scan.
        Index("ix_feedback_received_channel_ward", "received_at", "channel", "ward_code"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    channel: str = Field(max_length=30, index=True)
    fft_answer: int | None = Field(default=None, ge=1, le=6, index=True)
    comment: str | None = Field(default=None, sa_type=Text)
    site_code: str | None = Field(default=None, max_length=10, index=True)
    ward_code: str | None = Field(default=None, max_length=20)
    collection_mode: str = Field(default=CollectionMode.online.value, max_length=30)
    submitted_via: str = Field(default=SubmittedVia.portal.value, max_length=20)
    language: str = Field(default="en", max_length=10)
    received_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(max_length=120)
    # Demo data is invented; it is marked so that it can never be mistaken for a patient's words.
    is_demo: bool = False
    # The comment with personal data replaced by placeholders: what most roles see.
    comment_redacted: str | None = Field(default=None, sa_type=Text)
    fft_setting: str | None = Field(default=None, max_length=30)
    respondent_type: str | None = Field(default=None, max_length=30, index=True)
    # True when contact details were given with consent (they are kept in respondent_contact).
    contactable: bool = Field(default=False, sa_column_kwargs={"server_default": false()})

    answers: list["FeedbackAnswer"] = Relationship(
        sa_relationship_kwargs={
            "order_by": "FeedbackAnswer.position",
            "cascade": "all, delete-orphan",
            "lazy": "select",
        }
    )
    contact: Optional["RespondentContact"] = Relationship(
        sa_relationship_kwargs={"uselist": False, "cascade": "all, delete-orphan"}
    )
    equality: Optional["EqualityMonitoring"] = Relationship(
        sa_relationship_kwargs={"uselist": False, "cascade": "all, delete-orphan"}
    )
    accessible_needs: list["FeedbackAccessibleNeed"] = Relationship(
        sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class FeedbackAnswer(FeedbackTable, table=True):
    """One answer to a question other than the FFT question: a survey of any length fits here."""

    __tablename__ = "feedback_answer"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    feedback_id: uuid.UUID = Field(foreign_key="feedback.id", index=True, ondelete="CASCADE")
    position: int = 0
    question_key: str = Field(max_length=80)
    question_text: str = Field(max_length=500)
    answer_text: str | None = Field(default=None, sa_type=Text)
    answer_text_redacted: str | None = Field(default=None, sa_type=Text)
    answer_value: str | None = Field(default=None, max_length=200)
