"""Request and response models for strategies, actions, progress, measures and snapshots."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from pydantic import BaseModel, Field, HttpUrl, field_validator

from services.actions_api.plans.models import ActionStatus, CommitmentKind, MeasureKind, Rag

Text = Field(min_length=1, max_length=5000)
# Control characters (other than tab and new lines) cannot be stored or put in a spreadsheet.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Input(BaseModel):
    """A request body whose text may be stored anywhere and exported to any spreadsheet."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value):
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and CONTROL.search(v) for v in values):
            raise ValueError("contains a control character; remove it and try again")
        return value


class StrategyCreate(Input):
    title: str = Field(min_length=1, max_length=300)
    organisation: str | None = Field(default=None, max_length=300)
    period: str | None = Field(default=None, max_length=100)
    summary: str | None = Field(default=None, max_length=5000)
    source: str | None = Field(default=None, max_length=300)


class CommitmentCreate(Input):
    kind: CommitmentKind
    number: int = Field(ge=1, le=999)
    title: str = Field(min_length=1, max_length=300)
    text: str | None = Field(default=None, max_length=5000)
    objectives: list[str] = Field(default_factory=list, max_length=50)


class CommitmentPublic(BaseModel):
    id: uuid.UUID
    kind: CommitmentKind
    number: int
    title: str
    text: str | None
    objectives: list[str]


class StrategyPublic(BaseModel):
    id: uuid.UUID
    title: str
    organisation: str | None
    period: str | None
    summary: str | None
    source: str | None
    commitments: list[CommitmentPublic] = []
    action_count: int = 0
    overdue_count: int = 0


class StrategyList(BaseModel):
    data: list[StrategyPublic]
    count: int


class DuePublic(BaseModel):
    kind: str
    first: dt.date | None
    last: dt.date | None
    milestones: list[DuePublic] = []
    recurrence: str | None
    text: str


class ActionCreate(Input):
    reference: str = Field(min_length=1, max_length=40)
    commitment_id: uuid.UUID | None = None
    objective: str | None = Field(default=None, max_length=5000)
    title: str = Text
    lead_user_id: str | None = Field(default=None, max_length=80)
    lead_name: str | None = Field(default=None, max_length=200)
    lead_role: str | None = Field(default=None, max_length=300)
    people: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="People named in the text, so public pages redact their names",
    )
    wards: list[str] = Field(default_factory=list, max_length=200)
    directorates: list[str] = Field(default_factory=list, max_length=100)
    start: str | None = Field(default=None, max_length=200, description="As written in the plan")
    due: str | None = Field(
        default=None,
        max_length=200,
        description='As written: "April 19", "Q4 2018/19", "2019/20", "2018 - 2020", "Quarterly"',
    )
    status: ActionStatus = ActionStatus.not_started
    status_reason: str | None = Field(default=None, max_length=5000)
    rag: Rag | None = None
    percent_complete: int = Field(default=0, ge=0, le=100)
    progress_text: str | None = Field(default=None, max_length=5000)


class ActionUpdate(Input):
    """Changes to what an action is (the plan itself): its lead or a manager."""

    commitment_id: uuid.UUID | None = None
    objective: str | None = Field(default=None, max_length=5000)
    title: str | None = Field(default=None, min_length=1, max_length=5000)
    lead_user_id: str | None = Field(default=None, max_length=80)
    lead_name: str | None = Field(default=None, max_length=200)
    lead_role: str | None = Field(default=None, max_length=300)
    people: list[str] | None = Field(default=None, max_length=50)
    wards: list[str] | None = Field(default=None, max_length=200)
    directorates: list[str] | None = Field(default=None, max_length=100)
    start: str | None = Field(default=None, max_length=200)
    due: str | None = Field(default=None, max_length=200)


class EvidencePublic(BaseModel):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class ProgressPublic(BaseModel):
    id: uuid.UUID
    author_id: str
    author_name: str
    created_at: dt.datetime
    note: str | None
    status_from: ActionStatus | None
    status_to: ActionStatus | None
    rag: Rag | None
    percent_complete: int | None
    evidence_url: str | None
    evidence: list[EvidencePublic] = []


class ActionPublic(BaseModel):
    id: uuid.UUID
    strategy_id: uuid.UUID
    strategy_title: str | None = None
    commitment_id: uuid.UUID | None
    commitment_label: str | None = None
    reference: str
    objective: str | None
    title: str
    lead_user_id: str | None
    lead_name: str | None
    lead_role: str | None
    people: list[str] = []
    wards: list[str]
    directorates: list[str]
    start: DuePublic | None
    due: DuePublic | None
    status: ActionStatus
    status_label: str
    status_reason: str | None
    rag: Rag | None
    percent_complete: int
    progress_text: str | None
    overdue: bool
    missed_update: bool
    days_overdue: int | None
    last_progress_at: dt.datetime | None
    updated_at: dt.datetime
    can_update: bool = False
    progress: list[ProgressPublic] | None = None


class ActionList(BaseModel):
    data: list[ActionPublic]
    count: int


class ProgressCreate(Input):
    note: str | None = Field(default=None, max_length=5000)
    status: ActionStatus | None = None
    status_reason: str | None = Field(default=None, max_length=5000)
    rag: Rag | None = None
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    evidence_url: HttpUrl | None = None


class Escalation(BaseModel):
    action: ActionPublic
    reasons: list[str]


class EscalationList(BaseModel):
    data: list[Escalation]
    count: int
    today: dt.date
    missed_update_days: int


class MeasureCreate(Input):
    commitment_id: uuid.UUID | None = None
    kind: MeasureKind = MeasureKind.kpi
    title: str = Text
    unit: str | None = Field(default=None, max_length=40)
    baseline: float | None = None
    target: float | None = None
    higher_is_better: bool = True
    source: dict[str, Any] | None = None
    defined_with_patients: bool = False


class MeasureValueCreate(Input):
    period: str = Field(pattern=r"^(\d{4}-\d{2}|Q[1-4] \d{4}/\d{2})$", examples=["2019-06"])
    value: float
    note: str | None = Field(default=None, max_length=2000)


class MeasurePull(BaseModel):
    period: str = Field(pattern=r"^\d{4}-\d{2}$", description="The month, e.g. 2019-06")


class MeasureValuePublic(BaseModel):
    period: str
    value: float
    source: str
    note: str | None
    recorded_by: str
    recorded_at: dt.datetime


class MeasurePublic(BaseModel):
    id: uuid.UUID
    strategy_id: uuid.UUID
    commitment_id: uuid.UUID | None
    kind: MeasureKind
    title: str
    unit: str | None
    baseline: float | None
    target: float | None
    higher_is_better: bool
    source: dict[str, Any] | None
    defined_with_patients: bool
    values: list[MeasureValuePublic] = []


class MeasureList(BaseModel):
    data: list[MeasurePublic]
    count: int


class SnapshotSummary(BaseModel):
    id: uuid.UUID
    quarter_end: dt.date
    label: str
    taken_at: dt.datetime
    action_count: int


class SnapshotList(BaseModel):
    data: list[SnapshotSummary]
    count: int


class SnapshotPublic(SnapshotSummary):
    actions: list[dict[str, Any]]


class SnapshotChange(BaseModel):
    action_id: str
    reference: str
    strategy_title: str | None
    title: str
    status_before: str | None
    status_after: str | None
    percent_before: int | None
    percent_after: int | None
    overdue_before: bool | None
    overdue_after: bool | None


class SnapshotComparison(BaseModel):
    before: SnapshotSummary
    after: SnapshotSummary
    changes: list[SnapshotChange]
    status_counts_before: dict[str, int]
    status_counts_after: dict[str, int]


class ImportRejection(BaseModel):
    line: int
    reason: str


class ImportResult(BaseModel):
    created: int
    updated: int
    rejected: list[ImportRejection] = []


class PublicAction(BaseModel):
    reference: str
    title: str
    status: ActionStatus
    status_text: str
    status_reason: str | None
    due_text: str | None
    percent_complete: int


class PublicCommitment(BaseModel):
    kind: CommitmentKind
    number: int
    title: str
    text: str | None
    actions: list[PublicAction]


class PublicStrategy(BaseModel):
    id: uuid.UUID
    title: str
    organisation: str | None
    commitments: list[PublicCommitment]


class PublicProgress(BaseModel):
    data: list[PublicStrategy]
