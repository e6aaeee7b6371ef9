"""Who gave feedback: contact details (only with consent), equality monitoring and
accessible-information needs, each in its own table, apart from the comment.

(No ``from __future__ import annotations``: SQLModel resolves these annotations at class creation.)
"""

import datetime as dt
import uuid

from sqlalchemy import Text
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime
from services.feedback_api.base import FeedbackTable


class RespondentContact(FeedbackTable, table=True):
    """How to reach the person who gave the feedback; read only by PALS and PEM roles."""

    __tablename__ = "respondent_contact"

    feedback_id: uuid.UUID = Field(foreign_key="feedback.id", primary_key=True, ondelete="CASCADE")
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=20, description="E.164")
    address: str | None = Field(default=None, sa_type=Text)
    postcode: str | None = Field(default=None, max_length=10)
    preferred_method: str = Field(max_length=20)
    consent_at: dt.datetime = Field(sa_type=UTCDateTime)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EqualityMonitoring(FeedbackTable, table=True):
    """Optional equality answers: NULL = not asked; a field's declined code = prefer not to say."""

    __tablename__ = "equality_monitoring"

    feedback_id: uuid.UUID = Field(foreign_key="feedback.id", primary_key=True, ondelete="CASCADE")
    ethnicity_2021: str | None = Field(default=None, max_length=40)
    ethnic_category: str | None = Field(default=None, max_length=2, index=True)
    age_band: str | None = Field(default=None, max_length=5)
    sex: str | None = Field(default=None, max_length=1)
    gender_identity: str | None = Field(default=None, max_length=1)
    sexual_orientation: str | None = Field(default=None, max_length=1)
    disability: list[str] | None = Field(default=None, sa_type=JSONType)
    religion: str | None = Field(default=None, max_length=1)


class EqualityCount(FeedbackTable, table=True):
    """How many people gave each equality answer, per day and per month, ward, and whether the
    record came as a complaint, concern or PALS enquiry: what the equality breakdown adds up.

    Kept by database triggers (migration 20261122_equality_counts) on every insert, update and
    delete of an equality answer and every change of a record's received time, ward or channel,
    in the same transaction as the change, so it always equals a count of the answers; no
    application code writes it. ``ward_code`` is the record's ward, ``""`` when it has none,
    and ``"*"`` on the rows that count every record whatever its ward (ward codes are
    letters, digits, ``-`` and ``_``). Disability has a row per named condition and one with
    the code ``"*answered*"`` for the people who answered the question at all.
    """

    __tablename__ = "equality_count"

    grain: str = Field(primary_key=True, max_length=5)  # "day" or "month"
    ward_code: str = Field(primary_key=True, max_length=20)
    period: dt.date = Field(primary_key=True)  # the day, or the first day of the month (UTC)
    complained: bool = Field(primary_key=True)
    characteristic: str = Field(primary_key=True, max_length=20)
    code: str = Field(primary_key=True, max_length=40)
    n: int


class AccessibleNeed(FeedbackTable, table=True):
    """An entry in the editable list of accessible-information needs (AIS categories)."""

    __tablename__ = "accessible_need"

    code: str = Field(primary_key=True, max_length=40)
    category: str = Field(max_length=40)
    label: str = Field(max_length=200)
    snomed_code: str | None = Field(default=None, max_length=20)
    active: bool = True


class FeedbackAccessibleNeed(FeedbackTable, table=True):
    __tablename__ = "feedback_accessible_need"

    feedback_id: uuid.UUID = Field(foreign_key="feedback.id", primary_key=True, ondelete="CASCADE")
    need_code: str = Field(foreign_key="accessible_need.code", primary_key=True, max_length=40)
