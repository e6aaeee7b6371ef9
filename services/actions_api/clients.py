"""actions_api's client for feedback_api (ward codes, redaction, figures), with its own identity."""

from __future__ import annotations

from typing import Any

from services.common.http_client import ServiceClient
from services.common.tokens import Principal


class FeedbackApiClient(ServiceClient):
    audience = "feedback"

    async def organisation(self, principal: Principal | None = None) -> dict[str, Any]:
        response = await self.request("GET", "/v1/organisation", principal=principal)
        return response.json()

    async def ward_codes(self, principal: Principal | None = None) -> set[str]:
        structure = await self.organisation(principal)
        return {ward["code"] for ward in structure["wards"]}
