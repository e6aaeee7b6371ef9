"""Bodies of the insight endpoints."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


class FftCounts(BaseModel):
    very_good: int
    good: int
    neither: int
    poor: int
    very_poor: int
    dont_know: int


class FftRowPublic(BaseModel):
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
    rows: list[FftRowPublic]


class ThemeCountPublic(BaseModel):
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
    rows: list[ThemeCountPublic]


class SentimentMonthPublic(BaseModel):
    month: str
    positive: int
    neutral: int
    negative: int
    total: int


class SentimentReport(BaseModel):
    months: list[SentimentMonthPublic]


class HotspotComment(BaseModel):
    feedback_id: uuid.UUID
    received_at: str
    channel: str
    comment: str = Field(
        description="As written for PALS officers and patient experience managers; for "
        "everyone else the stored redacted copy, as on the feedback pages"
    )
    comment_is_redacted: bool


class HotspotPublic(BaseModel):
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
    month: str = Field(description="The month shown, YYYY-MM: the last complete one by default")
    complete: bool = Field(
        description="False for the month under way, whose counts are of its days so far"
    )
    counted_to: str = Field(
        description="The last day counted (ISO date): the month's last day, or today"
    )
    current_month: str = Field(description="The month under way today, YYYY-MM")
    rule: str = Field(description="How a hotspot is decided, in words")
    hotspots: list[HotspotPublic]


class EqualityCell(BaseModel):
    value: str
    label: str
    gave_feedback: str = Field(
        description='A number (0 included), "fewer than 5" for 1 to 4, or "hidden" for a count '
        "hidden so that a smaller one cannot be worked out by subtraction"
    )
    complained: str = Field(description="As gave_feedback")


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
