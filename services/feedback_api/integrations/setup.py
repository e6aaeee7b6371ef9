"""Wires integrations into feedback_api: the API-key resolver and the webhook listeners."""

from __future__ import annotations

from fastapi import FastAPI, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from services.common.app import get_session
from services.common.tokens import Principal
from services.feedback_api.integrations import service
from services.feedback_api.integrations import webhooks as _webhooks  # noqa: F401  (listeners)


def _resolve(request: Request, token: str) -> Principal | None:
    clock = request.app.state.clock
    # Use the session the routes get (tests replace it with their rolled-back one).
    override = request.app.dependency_overrides.get(get_session)
    if override is not None:
        return service.resolve_key(override(), token, clock=clock)
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        return service.resolve_key(session, token, clock=clock)


async def resolve_api_key(request: Request, token: str) -> Principal | None:
    return await run_in_threadpool(_resolve, request, token)


def install(app: FastAPI) -> FastAPI:
    app.state.api_key_resolver = resolve_api_key
    return app
