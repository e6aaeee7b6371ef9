"""feedback_api's cases endpoints for the portal's typed client, parsed into models."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from services.common.http_client import query_params
from services.common.tokens import Principal


class CaseCode(BaseModel):
    code: str
    label: str
    version: int


class CaseEvent(BaseModel):
    id: int
    occurred_at: dt.datetime
    actor_id: str
    actor_name: str
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


class CaseSummary(BaseModel):
    id: uuid.UUID
    reference: str
    case_type: str
    case_type_label: str
    status: str
    status_label: str
    received_on: dt.date
    ward_code: str | None
    site_code: str | None
    complainant_name: str | None
    ack_due: dt.date
    acknowledged_on: dt.date | None
    response_due: dt.date
    acknowledgement_overdue: bool
    response_overdue: bool
    overdue: bool
    outcome: str | None
    assigned_officer_id: str | None
    assigned_officer_name: str | None


class Case(CaseSummary):
    feedback_id: uuid.UUID | None
    received_how: str
    received_how_label: str
    oral: bool
    oral_record_copy_sent_on: dt.date | None
    narrative: str
    complainant_contact: str | None
    relationship: str
    relationship_label: str
    consent: str | None
    complainant_status: CaseCode | None
    complainant_ethnic_category: str
    complainant_ethnic_category_label: str
    event_on: dt.date | None
    outside_time_limit: bool
    time_limit_waiver_reason: str | None
    time_limit_needs_decision: bool
    patient_date_of_birth: dt.date | None
    patient_age_at_event: int | None
    patient_age_band: str | None
    subjects: list[CaseCode]
    service_area: CaseCode | None
    profession: CaseCode | None
    discussion_offered: bool | None
    discussion_accepted: bool | None
    response_due_agreed: bool
    response_sent_on: dt.date | None
    late_reason: str | None
    outcome_label: str | None
    phso_rights_included: bool
    signed_by: str | None
    closed_on: dt.date | None
    phso_referred_on: dt.date | None
    allowed_next: list[str]
    created_at: dt.datetime
    created_by: str
    timeline: list[CaseEvent]


class CasePage(BaseModel):
    data: list[CaseSummary]
    count: int
    limit: int
    offset: int


class OverdueCounts(BaseModel):
    acknowledgements: int
    responses: int
    total: int


class OverduePage(CasePage):
    today: dt.date
    counts: OverdueCounts


class CaseCodeVersion(BaseModel):
    id: int
    code_list: str
    code: str
    label: str
    version: int
    valid_from: dt.date
    valid_to: dt.date | None
    current: bool


class CaseCodeList(BaseModel):
    code_list: str
    label: str
    data: list[CaseCodeVersion]


class CasesClientMixin:
    """Methods of ``FeedbackApiClient`` for complaints and PALS cases: one per endpoint.

    Mixed into the client (it supplies ``request``), kept here beside the pages that use them.
    """

    async def list_cases(self, principal: Principal, **filters: Any) -> CasePage:
        response = await self.request(
            "GET", "/v1/cases", principal=principal, params=query_params(filters)
        )
        return CasePage.model_validate(response.json())

    async def overdue_cases(self, principal: Principal, **paging: Any) -> OverduePage:
        response = await self.request(
            "GET", "/v1/cases/overdue", principal=principal, params=query_params(paging)
        )
        return OverduePage.model_validate(response.json())

    async def overdue_case_counts(self, principal: Principal) -> OverdueCounts:
        response = await self.request("GET", "/v1/cases/overdue/counts", principal=principal)
        return OverdueCounts.model_validate(response.json())

    async def get_case(self, principal: Principal, case_id: uuid.UUID) -> Case:
        response = await self.request("GET", f"/v1/cases/{case_id}", principal=principal)
        return Case.model_validate(response.json())

    async def create_case(self, principal: Principal, body: dict[str, Any]) -> Case:
        response = await self.request("POST", "/v1/cases", principal=principal, json=body)
        return Case.model_validate(response.json())

    async def _case_command(
        self, method: str, principal: Principal, case_id: uuid.UUID, action: str, body: dict
    ) -> Case:
        """Change one case (`action`: the path after its id); returns the case as it is now."""
        path = f"/v1/cases/{case_id}{action}"
        response = await self.request(method, path, principal=principal, json=body)
        return Case.model_validate(response.json())

    async def update_case(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("PATCH", principal, case_id, "", body)

    async def acknowledge_case(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("POST", principal, case_id, "/acknowledge", body)

    async def set_case_response_due(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("PUT", principal, case_id, "/response-due", body)

    async def change_case_status(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("POST", principal, case_id, "/status", body)

    async def record_case_outcome(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("POST", principal, case_id, "/outcome", body)

    async def reopen_case(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("POST", principal, case_id, "/reopen", body)

    async def refer_case_to_phso(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("POST", principal, case_id, "/phso", body)

    async def assign_case_officer(
        self, principal: Principal, case_id: uuid.UUID, body: dict[str, Any]
    ) -> Case:
        return await self._case_command("PUT", principal, case_id, "/officer", body)

    async def case_codes(self, principal: Principal, code_list: str) -> CaseCodeList:
        response = await self.request("GET", f"/v1/case-codes/{code_list}", principal=principal)
        return CaseCodeList.model_validate(response.json())
