"""Typed clients for the two APIs: one method per endpoint, responses parsed into models."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from services.common.http_client import ServiceClient, query_params
from services.common.tokens import Principal
from services.portal.admin.client import AdminClientMixin
from services.portal.cases.client import CasesClientMixin
from services.portal.insight.client import InsightClientMixin
from services.portal.plans.client import PlansClientMixin


class Ward(BaseModel):
    code: str
    name: str
    site_code: str
    site_name: str | None = None
    directorate_code: str | None = None


class Site(BaseModel):
    code: str
    name: str


class Organisation(BaseModel):
    ods_code: str
    name: str


class OrganisationStructure(BaseModel):
    organisation: Organisation | None
    sites: list[Site]
    wards: list[Ward]


class Feedback(BaseModel):
    id: uuid.UUID
    channel: str
    channel_label: str
    fft_answer: int | None
    fft_answer_label: str | None
    comment: str | None
    ward_code: str | None
    ward_name: str | None
    site_code: str | None
    collection_mode: str
    submitted_via: str
    language: str
    received_at: dt.datetime
    is_demo: bool
    comment_is_redacted: bool = False
    national_mode: str | None = None
    fft_setting: str | None = None
    respondent_type: str | None = None
    contactable: bool = False


class FeedbackAnswer(BaseModel):
    question_key: str
    question_text: str
    answer_text: str | None
    answer_value: str | None


class EqualityData(BaseModel):
    ethnicity: str | None
    ethnicity_label: str | None
    ethnic_category: str
    labels: dict[str, str]


class AccessibleNeed(BaseModel):
    code: str
    label: str
    category: str
    category_label: str
    active: bool = True


class FeedbackDetail(Feedback):
    answers: list[FeedbackAnswer] = []
    equality: EqualityData | None = None
    accessible_needs: list[AccessibleNeed] | None = None
    personal_data_visible: bool = False


class ContactDetails(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    address: str | None
    postcode: str | None
    preferred_method: str
    preferred_method_label: str


class FeedbackPage(BaseModel):
    data: list[Feedback]
    count: int
    limit: int
    offset: int
    next_cursor: str | None = None
    previous_cursor: str | None = None


class FeedbackApiClient(AdminClientMixin, CasesClientMixin, InsightClientMixin, ServiceClient):
    audience = "feedback"

    async def organisation(self, principal: Principal | None = None) -> OrganisationStructure:
        response = await self.request("GET", "/v1/organisation", principal=principal)
        return OrganisationStructure.model_validate(response.json())

    async def submit_feedback(
        self,
        body: dict[str, Any],
        *,
        idempotency_key: str,
        principal: Principal | None = None,
        client_address: str | None = None,
    ) -> Feedback:
        response = await self.request(
            "POST",
            "/v1/feedback",
            json=body,
            principal=principal,
            idempotency_key=idempotency_key,
            client_address=client_address,
        )
        return Feedback.model_validate(response.json())

    async def list_feedback(
        self, principal: Principal, *, critical: bool | None = None, **filters: Any
    ) -> FeedbackPage:
        """``critical=True``: only records flagged as needing urgent attention."""
        params = query_params(filters)
        if critical is not None:
            params["critical"] = "true" if critical else "false"
        response = await self.request("GET", "/v1/feedback", principal=principal, params=params)
        return FeedbackPage.model_validate(response.json())

    async def get_feedback(self, principal: Principal, feedback_id: uuid.UUID) -> FeedbackDetail:
        response = await self.request("GET", f"/v1/feedback/{feedback_id}", principal=principal)
        return FeedbackDetail.model_validate(response.json())

    async def get_contact_details(
        self, principal: Principal, feedback_id: uuid.UUID
    ) -> ContactDetails:
        response = await self.request(
            "GET", f"/v1/feedback/{feedback_id}/contact", principal=principal
        )
        return ContactDetails.model_validate(response.json())

    async def export_feedback_csv(self, principal: Principal, **filters: Any) -> bytes:
        params = query_params(filters)
        response = await self.request(
            "GET", "/v1/feedback/export.csv", principal=principal, params=params
        )
        return response.content

    async def add_respondent_details(
        self,
        feedback_id: uuid.UUID,
        body: dict[str, Any],
        *,
        principal: Principal | None = None,
        client_address: str | None = None,
    ) -> None:
        await self.request(
            "POST",
            f"/v1/feedback/{feedback_id}/respondent",
            json=body,
            principal=principal,
            client_address=client_address,
        )

    async def accessible_needs(self, principal: Principal | None = None) -> list[AccessibleNeed]:
        response = await self.request("GET", "/v1/accessible-needs", principal=principal)
        return [AccessibleNeed.model_validate(item) for item in response.json()]


class ActionsApiClient(PlansClientMixin, ServiceClient):
    audience = "actions"

    async def ready(self) -> bool:
        response = await self.http.get("/readyz")
        return response.is_success
