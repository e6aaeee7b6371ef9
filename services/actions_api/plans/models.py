"""Strategies, their pledges / aims / promises, actions, progress, evidence, measures, snapshots."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field

from services.actions_api.base import ActionsTable
from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id


class CommitmentKind(StrEnum):
    pledge = "pledge"
    aim = "aim"
    promise = "promise"


class ActionStatus(StrEnum):
    not_started = "not_started"
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"
    complete = "complete"
    closed_without_change = "closed_without_change"
    cancelled = "cancelled"


STATUS_LABELS = {
    ActionStatus.not_started: "Not started",
    ActionStatus.on_track: "On track",
    ActionStatus.at_risk: "At risk",
    ActionStatus.off_track: "Off track",
    ActionStatus.complete: "Complete",
    ActionStatus.closed_without_change: "Closed without change",
    ActionStatus.cancelled: "Cancelled",
}
# Plain English for the public pledge progress page.
PUBLIC_STATUS = {
    ActionStatus.not_started: "We have not started this yet",
    ActionStatus.on_track: "We are working on this and it is on track",
    ActionStatus.at_risk: "We are working on this but it may be late",
    ActionStatus.off_track: "We are working on this and it is behind plan",
    ActionStatus.complete: "We have done this",
    ActionStatus.closed_without_change: "We looked at this and decided not to change it",
    ActionStatus.cancelled: "We have stopped this action",
}
CLOSED = frozenset(
    {ActionStatus.complete, ActionStatus.closed_without_change, ActionStatus.cancelled}
)


class Rag(StrEnum):
    red = "red"
    amber = "amber"
    green = "green"
    blue = "blue"  # complete


class MeasureKind(StrEnum):
    kpi = "kpi"
    always_event = "always_event"


class Strategy(ActionsTable, table=True):
    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    title: str = Field(max_length=300)
    organisation: str | None = Field(default=None, max_length=300)
    period: str | None = Field(default=None, max_length=100)
    summary: str | None = Field(default=None, sa_type=Text)
    source: str | None = Field(default=None, max_length=300)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Commitment(ActionsTable, table=True):
    """A pledge, aim or promise of a strategy, numbered as in the strategy."""

    __table_args__ = (UniqueConstraint("strategy_id", "kind", "number"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    strategy_id: uuid.UUID = Field(foreign_key="strategy.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    number: int
    title: str = Field(max_length=300)
    text: str | None = Field(default=None, sa_type=Text)
    objectives: list[str] = Field(default_factory=list, sa_type=JSONType)
    public_title: str | None = Field(default=None, max_length=300)
    public_text: str | None = Field(default=None, sa_type=Text)


class Action(ActionsTable, table=True):
    __table_args__ = (
        UniqueConstraint("strategy_id", "reference"),
        Index("ix_action_due_last", "due_last"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    strategy_id: uuid.UUID = Field(foreign_key="strategy.id", index=True, ondelete="CASCADE")
    commitment_id: uuid.UUID | None = Field(
        default=None, foreign_key="commitment.id", index=True, ondelete="SET NULL"
    )
    reference: str = Field(max_length=40)
    objective: str | None = Field(default=None, sa_type=Text)
    title: str = Field(sa_type=Text)
    lead_user_id: str | None = Field(default=None, max_length=80, index=True)
    lead_name: str | None = Field(default=None, max_length=200)
    lead_role: str | None = Field(default=None, max_length=300)
    # People named in the action's text: their names are redacted from public pages.
    people: list[str] = Field(default_factory=list, sa_type=JSONType)
    wards: list[str] = Field(default_factory=list, sa_type=JSONType)
    directorates: list[str] = Field(default_factory=list, sa_type=JSONType)
    start_text: str | None = Field(default=None, max_length=200)
    start: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    due_text: str | None = Field(default=None, max_length=200)
    due: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    due_kind: str | None = Field(default=None, max_length=20)
    due_first: dt.date | None = None
    due_last: dt.date | None = None
    status: str = Field(default=ActionStatus.not_started.value, max_length=30, index=True)
    status_reason: str | None = Field(default=None, sa_type=Text)
    rag: str | None = Field(default=None, max_length=10)
    percent_complete: int = Field(default=0, ge=0, le=100)
    progress_text: str | None = Field(default=None, sa_type=Text)
    # Redacted through feedback_api; public pages show only these.
    public_title: str | None = Field(default=None, sa_type=Text)
    public_status_reason: str | None = Field(default=None, sa_type=Text)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_progress_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class ProgressUpdate(ActionsTable, table=True):
    """Appended, never edited or deleted: the action's history."""

    __tablename__ = "progress_update"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    action_id: uuid.UUID = Field(foreign_key="action.id", index=True, ondelete="CASCADE")
    author_id: str = Field(max_length=80)
    author_name: str = Field(default="", max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    note: str | None = Field(default=None, sa_type=Text)
    status_from: str | None = Field(default=None, max_length=30)
    status_to: str | None = Field(default=None, max_length=30)
    rag: str | None = Field(default=None, max_length=10)
    percent_complete: int | None = None
    evidence_url: str | None = Field(default=None, max_length=2000)


class Evidence(ActionsTable, table=True):
    """An uploaded file, kept in the database so the service stays stateless."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    progress_id: uuid.UUID = Field(foreign_key="progress_update.id", index=True, ondelete="CASCADE")
    action_id: uuid.UUID = Field(foreign_key="action.id", index=True, ondelete="CASCADE")
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=120)
    size: int
    sha256: str = Field(max_length=64)
    data: bytes = Field(sa_type=LargeBinary)
    uploaded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Measure(ActionsTable, table=True):
    """A KPI or an Always Event, with a baseline, a target and values by period."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    strategy_id: uuid.UUID = Field(foreign_key="strategy.id", index=True, ondelete="CASCADE")
    commitment_id: uuid.UUID | None = Field(
        default=None, foreign_key="commitment.id", index=True, ondelete="SET NULL"
    )
    kind: str = Field(default=MeasureKind.kpi.value, max_length=20)
    title: str = Field(sa_type=Text)
    unit: str | None = Field(default=None, max_length=40)
    baseline: float | None = None
    target: float | None = None
    # Higher is better unless stated (fewer complaints is better).
    higher_is_better: bool = True
    # Where a value may be pulled from: e.g. {"figure": "fft_positive", "ward_code": "L4"}.
    source: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    defined_with_patients: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MeasureValue(ActionsTable, table=True):
    __tablename__ = "measure_value"
    __table_args__ = (UniqueConstraint("measure_id", "period"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    measure_id: uuid.UUID = Field(foreign_key="measure.id", index=True, ondelete="CASCADE")
    period: str = Field(max_length=20, description="2019-06 (a month) or Q1 2019/20")
    value: float
    source: str = Field(default="manual", max_length=120)
    note: str | None = Field(default=None, sa_type=Text)
    recorded_by: str = Field(max_length=80)
    recorded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class QuarterSnapshot(ActionsTable, table=True):
    """Every plan's status at a quarter end, kept unchanged."""

    __tablename__ = "quarter_snapshot"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    quarter_end: dt.date = Field(sa_column_kwargs={"unique": True})
    label: str = Field(max_length=20)
    taken_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actions: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
