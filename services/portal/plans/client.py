"""The portal's calls to actions_api for plans and "You said, we did": one method per endpoint,
responses parsed into models (mixed into ``ActionsApiClient`` in services/portal/clients.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from services.common.tokens import Principal


class Due(BaseModel):
    kind: str
    first: dt.date | None
    last: dt.date | None
    milestones: list[Due] = []
    recurrence: str | None
    text: str


class Evidence(BaseModel):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class Progress(BaseModel):
    id: uuid.UUID
    author_id: str
    author_name: str
    created_at: dt.datetime
    note: str | None
    status_from: str | None
    status_to: str | None
    rag: str | None
    percent_complete: int | None
    evidence_url: str | None
    evidence: list[Evidence] = []


class PlanAction(BaseModel):
    id: uuid.UUID
    strategy_id: uuid.UUID
    strategy_title: str | None
    commitment_id: uuid.UUID | None
    commitment_label: str | None
    reference: str
    objective: str | None
    title: str
    lead_user_id: str | None
    lead_name: str | None
    lead_role: str | None
    wards: list[str]
    directorates: list[str]
    start: Due | None
    due: Due | None
    status: str
    status_label: str
    status_reason: str | None
    rag: str | None
    percent_complete: int
    progress_text: str | None
    overdue: bool
    missed_update: bool
    days_overdue: int | None
    last_progress_at: dt.datetime | None
    updated_at: dt.datetime
    can_update: bool = False
    progress: list[Progress] | None = None


class PlanActionList(BaseModel):
    data: list[PlanAction]
    count: int


class Commitment(BaseModel):
    id: uuid.UUID
    kind: str
    number: int
    title: str
    text: str | None
    objectives: list[str]


class Strategy(BaseModel):
    id: uuid.UUID
    title: str
    organisation: str | None
    period: str | None
    summary: str | None
    source: str | None
    commitments: list[Commitment] = []
    action_count: int = 0
    overdue_count: int = 0


class StrategyList(BaseModel):
    data: list[Strategy]
    count: int


class Escalation(BaseModel):
    action: PlanAction
    reasons: list[str]


class EscalationList(BaseModel):
    data: list[Escalation]
    count: int
    today: dt.date
    missed_update_days: int


class PublicAction(BaseModel):
    reference: str
    title: str
    status: str
    status_text: str
    status_reason: str | None
    due_text: str | None
    percent_complete: int


class PublicCommitment(BaseModel):
    kind: str
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


class YswdEntry(BaseModel):
    id: uuid.UUID
    kind: str
    state: str
    you_said: str
    we_did: str
    theme: str | None
    ward_code: str | None
    site_code: str | None
    feedback_ids: list[str]
    themes: list[str]
    action_id: uuid.UUID | None
    action_reference: str | None = None
    public_you_said: str | None
    public_we_did: str | None
    redacted_spans: int | None
    created_by: str
    created_by_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    published_at: dt.datetime | None
    approved_by_name: str | None


class YswdList(BaseModel):
    data: list[YswdEntry]
    count: int


class PublishedEntry(BaseModel):
    id: uuid.UUID
    kind: str
    you_said: str
    we_did: str
    theme: str | None
    ward_code: str | None
    site_code: str | None
    published_at: dt.datetime


class PublishedList(BaseModel):
    data: list[PublishedEntry]
    count: int
    themes: list[str]


class Snapshot(BaseModel):
    id: uuid.UUID
    quarter_end: dt.date
    label: str
    taken_at: dt.datetime
    action_count: int


class SnapshotList(BaseModel):
    data: list[Snapshot]
    count: int


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
    before: Snapshot
    after: Snapshot
    changes: list[SnapshotChange]
    status_counts_before: dict[str, int]
    status_counts_after: dict[str, int]


class MeasureValue(BaseModel):
    period: str
    value: float
    source: str
    note: str | None
    recorded_at: dt.datetime


class Measure(BaseModel):
    id: uuid.UUID
    commitment_id: uuid.UUID | None
    kind: str
    title: str
    unit: str | None
    baseline: float | None
    target: float | None
    higher_is_better: bool
    defined_with_patients: bool
    values: list[MeasureValue] = []


class MeasureList(BaseModel):
    data: list[Measure]
    count: int


class ImportResult(BaseModel):
    created: int
    updated: int


def _params(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in filters.items() if v not in (None, "", False)}


class PlansClientMixin:
    """Needs ``self.request`` (from ServiceClient)."""

    async def list_strategies(self, principal: Principal) -> StrategyList:
        response = await self.request("GET", "/v1/strategies", principal=principal)  # type: ignore[attr-defined]
        return StrategyList.model_validate(response.json())

    async def list_actions(self, principal: Principal, **filters: Any) -> PlanActionList:
        response = await self.request(  # type: ignore[attr-defined]
            "GET", "/v1/actions", principal=principal, params=_params(filters)
        )
        return PlanActionList.model_validate(response.json())

    async def get_action(self, principal: Principal, action_id: uuid.UUID) -> PlanAction:
        response = await self.request("GET", f"/v1/actions/{action_id}", principal=principal)  # type: ignore[attr-defined]
        return PlanAction.model_validate(response.json())

    async def add_progress(
        self, principal: Principal, action_id: uuid.UUID, body: dict[str, Any]
    ) -> Progress:
        response = await self.request(  # type: ignore[attr-defined]
            "POST", f"/v1/actions/{action_id}/progress", principal=principal, json=body
        )
        return Progress.model_validate(response.json())

    async def add_progress_with_evidence(
        self,
        principal: Principal,
        action_id: uuid.UUID,
        fields: dict[str, str],
        filename: str,
        content: bytes,
    ) -> Progress:
        response = await self.request(  # type: ignore[attr-defined]
            "POST",
            f"/v1/actions/{action_id}/progress/evidence",
            principal=principal,
            data=fields,
            files={"file": (filename, content, "application/octet-stream")},
        )
        return Progress.model_validate(response.json())

    async def get_evidence(
        self, principal: Principal, action_id: uuid.UUID, evidence_id: uuid.UUID
    ) -> tuple[bytes, str, str]:
        """The file's bytes, content type and Content-Disposition."""
        response = await self.request(  # type: ignore[attr-defined]
            "GET", f"/v1/actions/{action_id}/evidence/{evidence_id}", principal=principal
        )
        return (
            response.content,
            response.headers.get("content-type", "application/octet-stream"),
            response.headers.get("content-disposition", "attachment"),
        )

    async def export_plan(
        self, principal: Principal, strategy_id: uuid.UUID, fmt: str
    ) -> tuple[bytes, str, str]:
        response = await self.request(  # type: ignore[attr-defined]
            "GET",
            f"/v1/strategies/{strategy_id}/export",
            principal=principal,
            params={"format": fmt},
        )
        return (
            response.content,
            response.headers.get("content-type", "application/octet-stream"),
            response.headers.get("content-disposition", "attachment"),
        )

    async def import_plan(
        self, principal: Principal, strategy_id: uuid.UUID, filename: str, content: bytes
    ) -> ImportResult:
        response = await self.request(  # type: ignore[attr-defined]
            "POST",
            f"/v1/strategies/{strategy_id}/import",
            principal=principal,
            files={"file": (filename, content, "application/octet-stream")},
        )
        return ImportResult.model_validate(response.json())

    async def get_strategy(self, principal: Principal, strategy_id: uuid.UUID) -> Strategy:
        response = await self.request(  # type: ignore[attr-defined]
            "GET", f"/v1/strategies/{strategy_id}", principal=principal
        )
        return Strategy.model_validate(response.json())

    async def list_measures(self, principal: Principal, strategy_id: uuid.UUID) -> MeasureList:
        response = await self.request(  # type: ignore[attr-defined]
            "GET", f"/v1/strategies/{strategy_id}/measures", principal=principal
        )
        return MeasureList.model_validate(response.json())

    async def list_snapshots(self, principal: Principal) -> SnapshotList:
        response = await self.request("GET", "/v1/snapshots", principal=principal)  # type: ignore[attr-defined]
        return SnapshotList.model_validate(response.json())

    async def compare_snapshots(
        self, principal: Principal, before: dt.date, after: dt.date
    ) -> SnapshotComparison:
        response = await self.request(  # type: ignore[attr-defined]
            "GET",
            "/v1/snapshots/compare",
            principal=principal,
            params={"before": before.isoformat(), "after": after.isoformat()},
        )
        return SnapshotComparison.model_validate(response.json())

    async def escalations(self, principal: Principal) -> EscalationList:
        response = await self.request("GET", "/v1/escalations", principal=principal)  # type: ignore[attr-defined]
        return EscalationList.model_validate(response.json())

    async def public_progress(self) -> PublicProgress:
        response = await self.request("GET", "/v1/public/progress")  # type: ignore[attr-defined]
        return PublicProgress.model_validate(response.json())

    async def list_yswd(self, principal: Principal, **filters: Any) -> YswdList:
        response = await self.request(  # type: ignore[attr-defined]
            "GET", "/v1/yswd", principal=principal, params=_params(filters)
        )
        return YswdList.model_validate(response.json())

    async def create_yswd(self, principal: Principal, body: dict[str, Any]) -> YswdEntry:
        response = await self.request("POST", "/v1/yswd", principal=principal, json=body)  # type: ignore[attr-defined]
        return YswdEntry.model_validate(response.json())

    async def yswd_step(self, principal: Principal, entry_id: uuid.UUID, step: str) -> YswdEntry:
        response = await self.request(  # type: ignore[attr-defined]
            "POST", f"/v1/yswd/{entry_id}/{step}", principal=principal
        )
        return YswdEntry.model_validate(response.json())

    async def published_yswd(self, **filters: Any) -> PublishedList:
        response = await self.request("GET", "/v1/public/yswd", params=_params(filters))  # type: ignore[attr-defined]
        return PublishedList.model_validate(response.json())
