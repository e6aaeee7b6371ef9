"""actions_api's client for feedback_api (ward codes, redaction, figures, webhook events), with its
own identity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.common.http_client import ServiceClient
from services.common.tokens import Principal


@dataclass(frozen=True)
class Redacted:
    text: str
    spans: list[dict[str, Any]]


@dataclass(frozen=True)
class Codes:
    wards: dict[str, dict[str, Any]]
    sites: set[str]
    directorates: set[str]


class FeedbackApiClient(ServiceClient):
    audience = "feedback"

    async def organisation(self, principal: Principal | None = None) -> dict[str, Any]:
        response = await self.request("GET", "/v1/organisation", principal=principal)
        return response.json()

    async def ward_codes(self, principal: Principal | None = None) -> set[str]:
        structure = await self.organisation(principal)
        return {ward["code"] for ward in structure["wards"]}

    async def codes(self, principal: Principal | None = None) -> Codes:
        """The trust's ward, site and directorate codes (to check what an action covers)."""
        structure = await self.organisation(principal)
        return Codes(
            wards={w["code"]: w for w in structure.get("wards", [])},
            sites={s["code"] for s in structure.get("sites", [])},
            directorates={d["code"] for d in structure.get("directorates", [])},
        )

    async def redact(
        self, text: str, *, known_names: list[str] | None = None, principal: Principal | None = None
    ) -> Redacted:
        """Personal data (names, NHS numbers, phone numbers ...) replaced by placeholders."""
        response = await self.request(
            "POST",
            "/v1/redact",
            json={"text": text, "known_names": known_names or []},
            principal=principal,
            # Redaction changes nothing, so a retry is safe.
            idempotency_key=None,
        )
        body = response.json()
        return Redacted(text=body["text"], spans=list(body.get("spans") or []))

    async def fft_positive(
        self, *, month: str, ward_code: str | None = None, principal: Principal | None = None
    ) -> dict[str, Any]:
        """The Friends and Family Test for one month (``YYYY-MM``), for one ward or the whole
        trust, from feedback_api's insight figures: ``{"positive_percent": 0-100 or None,
        "responses": int, "suppressed": bool}`` (None when there were no responses, or too few
        to publish)."""
        params = {"start": month, "end": month}
        if ward_code:
            params["ward_code"] = ward_code
        response = await self.request("GET", "/v1/insight/fft", principal=principal, params=params)
        level, code = ("ward", ward_code) if ward_code else ("trust", None)
        for row in response.json().get("rows", []):
            if (
                row["month"] == month
                and row["level"] == level
                and (code is None or row["code"] == code)
            ):
                fraction = row.get("percentage_positive")
                return {
                    "positive_percent": round(fraction * 100, 1) if fraction is not None else None,
                    "responses": row.get("total_responses", 0),
                    "suppressed": bool(row.get("suppressed")),
                }
        return {"positive_percent": None, "responses": 0, "suppressed": False}

    async def webhook_event(
        self, event: dict[str, Any], principal: Principal | None = None
    ) -> dict[str, Any]:
        """Hand an event that happened here (``action.completed``) to feedback_api, which sends
        it to the webhooks subscribed to it. Safe to repeat: feedback_api recognises the event's
        id and queues nothing twice."""
        response = await self.request("POST", "/v1/webhook-events", json=event, principal=principal)
        return response.json()
