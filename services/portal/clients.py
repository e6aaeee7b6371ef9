"""Typed clients for the two APIs: one method per endpoint, responses parsed into models."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from services.common.http_client import ServiceClient
from services.common.tokens import Principal
from services.portal.cases.client import CasesClientMixin


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


class FeedbackPage(BaseModel):
    data: list[Feedback]
    count: int
    limit: int
    offset: int


class FeedbackApiClient(CasesClientMixin, ServiceClient):
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

    async def list_feedback(self, principal: Principal, **filters: Any) -> FeedbackPage:
        params = {k: v for k, v in filters.items() if v not in (None, "")}
        response = await self.request("GET", "/v1/feedback", principal=principal, params=params)
        return FeedbackPage.model_validate(response.json())

    async def get_feedback(self, principal: Principal, feedback_id: uuid.UUID) -> Feedback:
        response = await self.request("GET", f"/v1/feedback/{feedback_id}", principal=principal)
        return Feedback.model_validate(response.json())


class ActionsApiClient(ServiceClient):
    audience = "actions"

    async def ready(self) -> bool:
        response = await self.http.get("/readyz")
        return response.is_success
