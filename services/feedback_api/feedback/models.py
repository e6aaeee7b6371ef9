"""A piece of patient feedback, from any channel."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable


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


class SubmittedVia(StrEnum):
    portal = "portal"
    staff = "staff"
    integration = "integration"
    import_ = "import"


class Feedback(FeedbackTable, table=True):
    __table_args__ = (Index("ix_feedback_ward_received", "ward_code", "received_at"),)

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
