from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field, field_validator, model_validator

from services.common.fft import FftAnswer
from services.feedback_api.feedback.models import (
    Channel,
    CollectionMode,
    FftSetting,
    RespondentType,
)
from services.feedback_api.respondents.schemas import (
    AccessibleNeedPublic,
    ContactIn,
    EqualityIn,
    EqualityPublic,
)

MAX_ANSWERS = 100


class AnswerIn(BaseModel):
    """An answer to any question besides the FFT question (free text or a coded value)."""

    question_key: str = Field(
        min_length=1,
        max_length=80,
        pattern=r"^[a-z0-9][a-z0-9_.-]*$",
        description="A stable key, e.g. what_was_good, what_could_be_better, cqc_ip_q12",
    )
    question_text: str = Field(min_length=1, max_length=500, description="The question as asked")
    answer_text: str | None = Field(default=None, description="Free text, up to 5,000 characters")
    answer_value: str | None = Field(
        default=None, max_length=200, description="A coded or numeric answer"
    )

    @model_validator(mode="after")
    def _has_an_answer(self) -> AnswerIn:
        if self.answer_text is not None and not self.answer_text.strip():
            self.answer_text = None
        if self.answer_text is None and self.answer_value is None:
            raise ValueError("give answer_text or answer_value")
        return self


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
    collection_mode: CollectionMode = Field(
        default=CollectionMode.online,
        description="How it was collected, as staff call it; each maps onto a national FFT mode",
    )
    fft_setting: FftSetting | None = Field(
        default=None, description="The FFT setting; defaults to the ward's"
    )
    language: str = Field(
        default="en",
        min_length=2,
        max_length=10,
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$",
        description="The language the feedback was given in (BCP 47, e.g. en, cy, pl)",
    )
    received_at: dt.datetime | None = Field(
        default=None, description="When it was given; defaults to when it arrives"
    )
    answers: list[AnswerIn] = Field(
        default_factory=list,
        max_length=MAX_ANSWERS,
        description="Answers to other questions, such as what_was_good and what_could_be_better",
    )
    respondent_type: RespondentType | None = Field(default=None, description="Who gave it")
    contact: ContactIn | None = Field(
        default=None, description="Contact details, only with the person's consent"
    )
    equality: EqualityIn | None = Field(default=None, description="Optional equality monitoring")
    accessible_needs: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Codes from GET /v1/accessible-needs",
    )

    @field_validator("accessible_needs")
    @classmethod
    def _unique_needs(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _fft_needs_answer(self) -> FeedbackCreate:
        if self.channel is Channel.fft and self.fft_answer is None:
            raise ValueError("fft_answer is required for Friends and Family Test feedback")
        if self.comment is not None and not self.comment.strip():
            self.comment = None
        keys = [a.question_key for a in self.answers]
        if len(keys) != len(set(keys)):
            raise ValueError("each question_key may appear once in answers")
        return self


class FeedbackPublic(BaseModel):
    id: uuid.UUID
    channel: Channel
    channel_label: str
    fft_answer: FftAnswer | None
    fft_answer_label: str | None
    comment: str | None = Field(
        description="The comment; redacted (personal data replaced) unless the caller is a "
        "PALS officer or patient experience manager"
    )
    comment_is_redacted: bool = False
    ward_code: str | None
    ward_name: str | None = None
    site_code: str | None
    collection_mode: CollectionMode
    national_mode: str = Field(description="The national FFT return's mode column")
    fft_setting: FftSetting | None = None
    submitted_via: str
    language: str
    received_at: dt.datetime
    respondent_type: RespondentType | None = None
    contactable: bool = False
    is_demo: bool


class AnswerPublic(BaseModel):
    question_key: str
    question_text: str
    answer_text: str | None
    answer_value: str | None


class FeedbackDetail(FeedbackPublic):
    """One record with its answers; equality data and accessible-information needs only for the
    roles that need them (otherwise null). Contact details have their own endpoint."""

    answers: list[AnswerPublic] = []
    equality: EqualityPublic | None = None
    accessible_needs: list[AccessibleNeedPublic] | None = None
    personal_data_visible: bool = Field(
        default=False, description="Whether the caller may see equality data and needs"
    )


class FeedbackList(BaseModel):
    data: list[FeedbackPublic]
    count: int = Field(description="How many records match the filters in all")
    limit: int
    offset: int
    next_cursor: str | None = Field(default=None, description="Pass as cursor for the next page")
    previous_cursor: str | None = Field(
        default=None, description="Pass as cursor for the previous page"
    )
