from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field, model_validator

from services.common.fft import FftAnswer
from services.feedback_api.feedback.models import Channel, CollectionMode


class FeedbackCreate(BaseModel):
    """One piece of feedback as a patient, a member of staff or an integration sends it."""

    channel: Channel = Field(description="The channel, as a fixed machine value")
    fft_answer: FftAnswer | None = Field(
        default=None,
        description="The FFT answer code: 1 Very good, 2 Good, 3 Neither good nor poor, "
        "4 Poor, 5 Very poor, 6 Don't know. Required when channel is fft.",
    )
    comment: str | None = Field(default=None, description="Free text, up to 5,000 characters")
    ward_code: str | None = Field(default=None, max_length=20)
    site_code: str | None = Field(default=None, max_length=10)
    collection_mode: CollectionMode = CollectionMode.online
    language: str = Field(
        default="en", min_length=2, max_length=10, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
    )
    received_at: dt.datetime | None = Field(
        default=None, description="When it was given; defaults to when it arrives"
    )

    @model_validator(mode="after")
    def _fft_needs_answer(self) -> FeedbackCreate:
        if self.channel is Channel.fft and self.fft_answer is None:
            raise ValueError("fft_answer is required for Friends and Family Test feedback")
        if self.comment is not None and not self.comment.strip():
            self.comment = None
        return self


class FeedbackPublic(BaseModel):
    id: uuid.UUID
    channel: Channel
    channel_label: str
    fft_answer: FftAnswer | None
    fft_answer_label: str | None
    comment: str | None
    ward_code: str | None
    ward_name: str | None = None
    site_code: str | None
    collection_mode: CollectionMode
    submitted_via: str
    language: str
    received_at: dt.datetime
    is_demo: bool


class FeedbackList(BaseModel):
    data: list[FeedbackPublic]
    count: int = Field(description="How many records match the filters in all")
    limit: int
    offset: int
