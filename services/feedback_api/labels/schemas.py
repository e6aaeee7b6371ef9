"""Request and response bodies for labels, corrections, the framework and redaction."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field

from services.feedback_api.labels.models import Sentiment

MAX_REDACT_CHARS = 20_000


class ThemeLabel(BaseModel):
    name: str
    source: str
    set_by: str | None = None
    set_by_name: str | None = None
    set_at: dt.datetime | None = None


class ValueLabel(BaseModel):
    value: str | bool
    source: str
    set_by: str | None = None
    set_by_name: str | None = None
    set_at: dt.datetime | None = None


class CorrectionPublic(BaseModel):
    field: str
    action: str
    value: str
    previous: str | None
    corrected_by: str
    corrected_by_name: str
    corrected_at: dt.datetime


class LabelsPublic(BaseModel):
    feedback_id: uuid.UUID
    analysed: bool
    themes: list[ThemeLabel]
    removed_themes: list[ThemeLabel]
    sentiment: ValueLabel | None
    critical: ValueLabel | None
    model_version: str | None
    framework_version: str | None
    analysed_at: dt.datetime | None
    corrections: list[CorrectionPublic]


class LabelsCorrect(BaseModel):
    """A person's correction; only what is given changes."""

    add_themes: list[str] = Field(default_factory=list, max_length=40)
    remove_themes: list[str] = Field(default_factory=list, max_length=40)
    sentiment: Sentiment | None = None
    critical: bool | None = None


class LabelSummary(BaseModel):
    feedback_id: uuid.UUID
    themes: list[str]
    sentiment: str | None
    critical: bool


class LabelSummaryList(BaseModel):
    data: list[LabelSummary]


class ThemePublic(BaseModel):
    category: str
    name: str
    description: str


class FrameworkVersionSummary(BaseModel):
    name: str
    number: int
    note: str
    created_at: dt.datetime
    created_by: str
    created_by_name: str | None = Field(
        default=None, description="The name of the person who added the version's theme"
    )


class FrameworkPublic(FrameworkVersionSummary):
    themes: list[ThemePublic]


class ThemeCreate(BaseModel):
    category: str = Field(min_length=1, max_length=120)
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=2000)


class ReanalysisQueued(BaseModel):
    job_id: uuid.UUID
    everything: bool


class RedactRequest(BaseModel):
    text: str = Field(max_length=MAX_REDACT_CHARS)
    known_names: list[str] = Field(default_factory=list, max_length=2000)


class SpanPublic(BaseModel):
    kind: str
    start: int
    end: int


class RedactResponse(BaseModel):
    text: str
    spans: list[SpanPublic]
