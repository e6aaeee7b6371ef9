"""The service client: retries only what is safe to retry, and turns errors into clear ones."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from services.common.http_client import DownstreamError, DownstreamUnavailable, ServiceClient
from services.common.tokens import (
    TokenIssuer,
    TokenVerifier,
    generate_private_key_pem,
    public_key_pem,
)

KEY = generate_private_key_pem()


class FlakyService:
    """A downstream that fails the first ``failures`` calls with 503, then answers."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[Request] = []
        self.app = Starlette(routes=[Route("/thing", self.handle, methods=["GET", "POST"])])

    async def handle(self, request: Request) -> JSONResponse:
        self.calls.append(request)
        if len(self.calls) <= self.failures:
            return JSONResponse({"title": "busy"}, status_code=503)
        if request.query_params.get("missing"):
            return JSONResponse(
                {"title": "Not found", "status": 404},
                status_code=404,
                media_type="application/problem+json",
            )
        return JSONResponse({"ok": True, "auth": request.headers.get("authorization")})


def run(coroutine):
    """Run a coroutine on a loop of its own (a browser test may hold this thread's loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Client(ServiceClient):
    audience = "feedback"


def client_for(service: FlakyService) -> Client:
    return Client(
        "http://downstream",
        TokenIssuer("portal", KEY),
        transport=httpx.ASGITransport(app=service.app),
        retries=2,
        backoff=0.01,
    )


def test_a_get_is_retried_after_a_503_and_carries_a_valid_token() -> None:
    service = FlakyService(failures=1)
    response = run(client_for(service).request("GET", "/thing"))
    assert response.json()["ok"] is True
    assert len(service.calls) == 2
    token = response.json()["auth"].removeprefix("Bearer ")
    verifier = TokenVerifier("feedback", {"portal": [public_key_pem(KEY)]})
    assert verifier.verify(token).is_anonymous


def test_a_post_without_an_idempotency_key_is_not_retried() -> None:
    service = FlakyService(failures=1)
    with pytest.raises(DownstreamUnavailable):
        run(client_for(service).request("POST", "/thing", json={}))
    assert len(service.calls) == 1


def test_a_post_with_an_idempotency_key_is_retried_with_the_same_key() -> None:
    service = FlakyService(failures=2)
    response = run(client_for(service).request("POST", "/thing", json={}, idempotency_key="k-1"))
    assert response.json()["ok"] is True
    assert [c.headers["idempotency-key"] for c in service.calls] == ["k-1", "k-1", "k-1"]


def test_retries_give_up_with_a_clear_error() -> None:
    service = FlakyService(failures=10)
    with pytest.raises(DownstreamUnavailable, match="HTTP 503"):
        run(client_for(service).request("GET", "/thing"))
    assert len(service.calls) == 3


def test_a_downstream_problem_keeps_its_details() -> None:
    service = FlakyService(failures=0)
    with pytest.raises(DownstreamError) as caught:
        run(client_for(service).request("GET", "/thing", params={"missing": "1"}))
    assert caught.value.status == 404
    assert caught.value.problem["title"] == "Not found"


def test_an_unreachable_service_is_unavailable_not_a_crash() -> None:
    client = Client("http://127.0.0.1:9", TokenIssuer("portal", KEY), retries=1, backoff=0.01)
    with pytest.raises(DownstreamUnavailable):
        run(client.request("GET", "/thing"))
