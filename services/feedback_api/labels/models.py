"""Tables for the theme framework (versioned data) and the labels on each piece of feedback.

A label value is set either by the model (``source = "model"``, with the model version) or by a
person (``source = "person"``, with who and when). A person's value always wins: analysis and
re-analysis only ever rewrite values whose source is the model.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, UniqueConstraint
from sqlalchemy import Uuid as SaUuid
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable
from services.feedback_api.feedback.models import Feedback


class Source(StrEnum):
    model = "model"
    person = "person"


class Sentiment(StrEnum):
    positive = "positive"
    neutral = "neutral"
    negative = "negative"


class FrameworkVersion(FeedbackTable, table=True):
    """One version of the theme framework; the highest ``number`` is the one in use."""

    __tablename__ = "theme_framework_version"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    number: int = Field(unique=True)
    name: str = Field(max_length=40, unique=True)
    note: str = Field(default="", max_length=500)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(max_length=120)
    # The person's name when they added the theme ("" for the version Heard ships with).
    created_by_name: str = Field(default="", max_length=200)


class Theme(FeedbackTable, table=True):
    """A theme (a v7 sub-category) within one framework version."""

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("framework_version_id", "name"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    framework_version_id: uuid.UUID = Field(
        sa_column=Column(
            SaUuid, ForeignKey("theme_framework_version.id", ondelete="CASCADE"), nullable=False
        )
    )
    position: int
    category: str = Field(max_length=120)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=2000)


class FeedbackLabel(FeedbackTable, table=True):
    """Sentiment and criticality of one piece of feedback, and what the model last said."""

    __tablename__ = "feedback_label"
    __table_args__ = (
        Index("ix_feedback_label_critical_sentiment", "critical", "sentiment"),
        Index("ix_feedback_label_received_sentiment", "received_at", "has_comment", "sentiment"),
        Index("ix_feedback_label_ward_received", "ward_code", "received_at"),
        # Covering indexes for the insight aggregates (index-only scans on a million records).
        Index("ix_feedback_label_month_sentiment", "received_month", "has_comment", "sentiment"),
        Index(
            "ix_feedback_label_received_groups",
            "received_at",
            "has_comment",
            "channel",
            "site_code",
            "ward_code",
        ),
    )

    feedback_id: uuid.UUID = Field(
        sa_column=Column(SaUuid, ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True)
    )
    sentiment: str = Field(max_length=10)
    sentiment_source: str = Field(default=Source.model.value, max_length=10)
    sentiment_set_by: str | None = Field(default=None, max_length=120)
    sentiment_set_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    critical: bool = False
    critical_source: str = Field(default=Source.model.value, max_length=10)
    critical_set_by: str | None = Field(default=None, max_length=120)
    critical_set_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What the model said last time, kept even where a person overrode it.
    model_themes: list[str] = Field(default_factory=list, sa_type=JSONType)
    model_sentiment: str = Field(max_length=10)
    model_critical: bool = False
    model_version: str = Field(max_length=80)
    framework_version: str = Field(max_length=40)
    analysed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Copies of the record's own fields, so insight aggregates read one narrow table.
    has_comment: bool = False
    received_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    received_month: dt.date | None = None  # the first day of received_at's month (UTC)
    channel: str | None = Field(default=None, max_length=30)
    site_code: str | None = Field(default=None, max_length=10)
    ward_code: str | None = Field(default=None, max_length=20)


class FeedbackTheme(FeedbackTable, table=True):
    """One theme on one piece of feedback. ``included = False`` records a person's removal of a
    theme, so re-analysis cannot put it back."""

    __tablename__ = "feedback_theme"
    __table_args__ = (
        Index("ix_feedback_theme_theme_included", "theme", "included"),
        Index("ix_feedback_theme_received_theme", "received_at", "theme"),
        Index(
            "ix_feedback_theme_hotspots",
            "received_month",
            "sentiment",
            "included",
            "ward_code",
            "theme",
        ),
        Index(
            "ix_feedback_theme_received_groups",
            "received_at",
            "included",
            "theme",
            "channel",
            "site_code",
            "ward_code",
        ),
    )

    feedback_id: uuid.UUID = Field(
        sa_column=Column(SaUuid, ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True)
    )
    theme: str = Field(max_length=120, primary_key=True)
    included: bool = True
    source: str = Field(default=Source.model.value, max_length=10)
    set_by: str | None = Field(default=None, max_length=120)
    set_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Copies of the record's own fields, for aggregates by period, source and ward, and of the
    # record's sentiment as it stands (kept in step by analysis and corrections), for hotspots.
    received_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    received_month: dt.date | None = None
    sentiment: str | None = Field(default=None, max_length=10)
    channel: str | None = Field(default=None, max_length=30)
    site_code: str | None = Field(default=None, max_length=10)
    ward_code: str | None = Field(default=None, max_length=20)


class LabelCorrection(FeedbackTable, table=True):
    """The history of people's corrections: who changed what, and when."""

    __tablename__ = "label_correction"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    feedback_id: uuid.UUID = Field(
        sa_column=Column(
            SaUuid,
            ForeignKey("feedback.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    field: str = Field(max_length=20)  # theme, sentiment, critical
    action: str = Field(max_length=10)  # add, remove, set
    value: str = Field(max_length=120)
    previous: str | None = Field(default=None, max_length=120)
    corrected_by: str = Field(max_length=120)
    corrected_by_name: str = Field(default="", max_length=200)
    corrected_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


# The FFT figures are counted from the feedback table itself (the record of what patients
# answered); this covering index lets a year of them be counted by an index-only scan.
Index(
    "ix_feedback_insight_fft",
    Feedback.received_at,
    Feedback.fft_answer,
    Feedback.site_code,
    Feedback.ward_code,
)
