"""feedback_api's labels, redaction and insight endpoints for the portal's typed client."""

from __future__ import annotations

import uuid
from typing import Any

from services.common.http_client import query_params
from services.common.tokens import Principal
from services.portal.insight.schemas import (
    EqualityReport,
    FftReport,
    Framework,
    FrameworkVersion,
    HotspotReport,
    Labels,
    LabelSummary,
    SentimentReport,
    ThemeReport,
)


class InsightClientMixin:
    """One method per endpoint; mixed into FeedbackApiClient."""

    async def labels(self, principal: Principal, feedback_id: uuid.UUID) -> Labels:
        response = await self.request(
            "GET", f"/v1/labels/feedback/{feedback_id}", principal=principal
        )
        return Labels.model_validate(response.json())

    async def correct_labels(
        self, principal: Principal, feedback_id: uuid.UUID, body: dict[str, Any]
    ) -> Labels:
        response = await self.request(
            "PATCH", f"/v1/labels/feedback/{feedback_id}", principal=principal, json=body
        )
        return Labels.model_validate(response.json())

    async def label_summaries(
        self, principal: Principal, feedback_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, LabelSummary]:
        if not feedback_ids:
            return {}
        response = await self.request(
            "GET",
            "/v1/labels",
            principal=principal,
            params={"ids": [str(i) for i in feedback_ids]},
        )
        rows = [LabelSummary.model_validate(r) for r in response.json()["data"]]
        return {r.feedback_id: r for r in rows}

    async def theme_framework(self, principal: Principal) -> Framework:
        response = await self.request("GET", "/v1/labels/framework", principal=principal)
        return Framework.model_validate(response.json())

    async def framework_versions(self, principal: Principal) -> list[FrameworkVersion]:
        response = await self.request("GET", "/v1/labels/framework/versions", principal=principal)
        return [FrameworkVersion.model_validate(v) for v in response.json()]

    async def add_theme(self, principal: Principal, body: dict[str, str]) -> Framework:
        response = await self.request(
            "POST", "/v1/labels/framework/themes", principal=principal, json=body
        )
        return Framework.model_validate(response.json())

    async def reanalyse(self, principal: Principal, *, everything: bool) -> None:
        await self.request(
            "POST",
            "/v1/labels/reanalyse",
            principal=principal,
            params={"everything": "true" if everything else "false"},
        )

    async def corrections_csv(self, principal: Principal) -> bytes:
        response = await self.request("GET", "/v1/labels/corrections.csv", principal=principal)
        return response.content

    async def redact(self, principal: Principal, text: str, known_names: list[str]) -> str:
        response = await self.request(
            "POST",
            "/v1/redact",
            principal=principal,
            json={"text": text, "known_names": known_names},
        )
        return response.json()["text"]

    async def fft_report(self, principal: Principal, **filters: Any) -> FftReport:
        response = await self.request(
            "GET", "/v1/insight/fft", principal=principal, params=query_params(filters)
        )
        return FftReport.model_validate(response.json())

    async def themes_report(self, principal: Principal, **filters: Any) -> ThemeReport:
        response = await self.request(
            "GET", "/v1/insight/themes", principal=principal, params=query_params(filters)
        )
        return ThemeReport.model_validate(response.json())

    async def sentiment_report(self, principal: Principal, **filters: Any) -> SentimentReport:
        response = await self.request(
            "GET", "/v1/insight/sentiment", principal=principal, params=query_params(filters)
        )
        return SentimentReport.model_validate(response.json())

    async def hotspots_report(self, principal: Principal, **filters: Any) -> HotspotReport:
        response = await self.request(
            "GET", "/v1/insight/hotspots", principal=principal, params=query_params(filters)
        )
        return HotspotReport.model_validate(response.json())

    async def equality_report(self, principal: Principal, **filters: Any) -> EqualityReport:
        response = await self.request(
            "GET", "/v1/insight/equality", principal=principal, params=query_params(filters)
        )
        return EqualityReport.model_validate(response.json())
