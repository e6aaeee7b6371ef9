"""The base of every typed client one Heard service uses to call another over REST.

One ``httpx.AsyncClient`` per downstream service, made at start-up. Each call carries a fresh
service token for the acting user, the request id and (from the portal) the patient's address.
Idempotent calls are retried with backoff on connection errors and 502/503/504; a POST is
idempotent only when it carries an ``Idempotency-Key``. Downstream errors become
:class:`DownstreamError` with the downstream's problem details, never a stack trace.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import structlog
from asgi_correlation_id import correlation_id

from services.common.tokens import Principal, TokenIssuer

log = structlog.get_logger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({502, 503, 504})


def query_params(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters as query parameters: a form's empty fields mean "not filtered", so leave them out."""
    return {name: value for name, value in filters.items() if value not in (None, "")}


class DownstreamError(Exception):
    """The downstream service answered with an error (its problem details kept)."""

    def __init__(self, service: str, status: int, problem: dict[str, Any]):
        self.service = service
        self.status = status
        self.problem = problem
        super().__init__(f"{service} answered {status}: {problem.get('title')}")

    @property
    def field_errors(self) -> list[dict[str, Any]]:
        return list(self.problem.get("errors") or [])


class DownstreamUnavailable(Exception):
    """The downstream service could not be reached, or kept failing."""

    def __init__(self, service: str, reason: str):
        self.service = service
        super().__init__(f"{service} is unavailable: {reason}")


class ServiceClient:
    """Base for the typed clients (``FeedbackApiClient``, ``ActionsApiClient``)."""

    audience: str = ""

    def __init__(
        self,
        base_url: str,
        issuer: TokenIssuer,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 0.2,
    ) -> None:
        self.issuer = issuer
        self.retries = retries
        self.backoff = backoff
        self.http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            headers={"User-Agent": f"heard-{issuer.issuer}"},
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        principal: Principal | None = None,
        client_address: str | None = None,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        request_id = correlation_id.get()
        if request_id:
            headers["X-Request-ID"] = request_id
        if client_address:
            headers["X-Forwarded-For"] = client_address
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        retryable = method.upper() in IDEMPOTENT_METHODS or idempotency_key is not None
        attempts = self.retries + 1 if retryable else 1

        last_reason = ""
        for attempt in range(attempts):
            # A fresh token per attempt: a retry after a wait must not carry a stale one.
            headers["Authorization"] = f"Bearer {self.issuer.mint(self.audience, principal)}"
            try:
                response = await self.http.request(method, path, headers=headers, **kwargs)
            except httpx.TransportError as exc:
                last_reason = type(exc).__name__
            else:
                if response.status_code not in RETRY_STATUSES:
                    return self._checked(response)
                last_reason = f"HTTP {response.status_code}"
            if attempt + 1 < attempts:
                await asyncio.sleep(self.backoff * (2**attempt))
        log.warning("downstream_unavailable", service=self.audience, path=path, reason=last_reason)
        raise DownstreamUnavailable(self.audience, last_reason)

    def _checked(self, response: httpx.Response) -> httpx.Response:
        if response.is_success:
            return response
        try:
            problem = response.json()
            if not isinstance(problem, dict):
                problem = {"title": str(problem)}
        except ValueError:
            problem = {"title": response.reason_phrase or "error"}
        raise DownstreamError(self.audience, response.status_code, problem)
