"""What the portal reads from feedback_api's labels and insight endpoints."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel


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


class Correction(BaseModel):
    field: str
    action: str
    value: str
    previous: str | None
    corrected_by: str
    corrected_by_name: str
    corrected_at: dt.datetime


class Labels(BaseModel):
    feedback_id: uuid.UUID
    analysed: bool
    themes: list[ThemeLabel]
    removed_themes: list[ThemeLabel]
    sentiment: ValueLabel | None
    critical: ValueLabel | None
    model_version: str | None
    framework_version: str | None
    analysed_at: dt.datetime | None
    corrections: list[Correction]


class LabelSummary(BaseModel):
    feedback_id: uuid.UUID
    themes: list[str]
    sentiment: str | None
    critical: bool


class FrameworkTheme(BaseModel):
    category: str
    name: str
    description: str


class Framework(BaseModel):
    name: str
    number: int
    note: str = ""
    created_at: dt.datetime | None = None
    themes: list[FrameworkTheme]


class FrameworkVersion(BaseModel):
    name: str
    number: int
    note: str
    created_at: dt.datetime
    created_by_name: str | None = None


class FftCounts(BaseModel):
    very_good: int
    good: int
    neither: int
    poor: int
    very_poor: int
    dont_know: int


class FftRow(BaseModel):
    month: str
    level: str
    code: str
    name: str
    parent_code: str | None
    total_responses: int
    counts: FftCounts | None
    percentage_positive: float | None
    percentage_negative: float | None
    suppressed: bool
    suppression: list[str]


class FftReport(BaseModel):
    months: list[str]
    rows: list[FftRow]


class ThemeCount(BaseModel):
    theme: str
    group: str
    group_name: str
    count: int
    comments: int
    rate: float | None


class ThemeReport(BaseModel):
    group_by: str
    start: str
    end: str
    rows: list[ThemeCount]


class SentimentMonth(BaseModel):
    month: str
    positive: int
    neutral: int
    negative: int
    total: int


class SentimentReport(BaseModel):
    months: list[SentimentMonth]


class HotspotComment(BaseModel):
    feedback_id: uuid.UUID
    received_at: str
    channel: str
    comment: str
    comment_is_redacted: bool = False


class Hotspot(BaseModel):
    ward_code: str
    ward_name: str
    theme: str
    month: str
    count: int
    baseline_mean: float
    upper_limit: float
    baseline: list[int]
    comments: list[HotspotComment]


class HotspotReport(BaseModel):
    month: str
    complete: bool
    counted_to: str
    current_month: str
    rule: str
    hotspots: list[Hotspot]


class EqualityCell(BaseModel):
    value: str
    label: str
    gave_feedback: str
    complained: str


class EqualityBreakdown(BaseModel):
    characteristic: str
    label: str
    rows: list[EqualityCell]
    note: str | None = None


class EqualityReport(BaseModel):
    start: str
    end: str
    total_feedback: str
    total_complaints: str
    breakdowns: list[EqualityBreakdown]
    note: str
