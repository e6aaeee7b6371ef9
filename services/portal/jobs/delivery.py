"""Delivering patients' submissions that could not reach feedback_api at the time.

The same ``Idempotency-Key`` the form carried is sent again, so a delivery that did reach the
API before a crash is never stored twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
from sqlmodel import Session

from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.jobs import RetryLater
from services.common.tokens import TokenIssuer
from services.portal.clients import FeedbackApiClient

DELIVER_FEEDBACK = "deliver_feedback"


class Undeliverable(Exception):
    """feedback_api refused the submission outright; retrying will not help."""


def make_deliver_feedback(
    base_url: str, issuer: TokenIssuer, transport: httpx.AsyncBaseTransport | None = None
) -> Callable[[Session, dict[str, Any]], None]:
    def deliver_feedback(_session: Session, payload: dict[str, Any]) -> None:
        async def send() -> None:
            client = FeedbackApiClient(base_url, issuer, transport=transport, retries=0)
            try:
                await client.submit_feedback(
                    payload["body"],
                    idempotency_key=payload["idempotency_key"],
                    client_address=payload.get("client_address"),
                )
            finally:
                await client.aclose()

        try:
            asyncio.run(send())
        except DownstreamUnavailable as exc:
            raise RetryLater(str(exc)) from exc
        except DownstreamError as exc:
            if exc.status == 409:
                raise RetryLater("the first delivery is still being stored") from exc
            raise Undeliverable(f"feedback_api refused it: {exc.problem}") from exc

    return deliver_feedback
