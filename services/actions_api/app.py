"""actions_api: plans, actions, measures, "You said, we did", proposals and involvement."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy import Engine

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.plans.routes import router as plans_router
from services.actions_api.settings import ActionsSettings, get_settings
from services.actions_api.yswd.routes import router as yswd_router
from services.common.app import build_api

TRUSTED_ISSUERS = ["portal", "feedback"]
# Multipart overhead on top of the largest file a route accepts.
MULTIPART_ALLOWANCE = 64 * 1024


def create_app(
    settings: ActionsSettings | None = None,
    engine: Engine | None = None,
    transports: dict[str, httpx.AsyncBaseTransport] | None = None,
) -> FastAPI:
    """Build actions_api. ``transports`` points its feedback_api client elsewhere (tests use the
    real feedback app in process)."""
    settings = settings or get_settings()
    transports = transports or {}
    app = build_api(
        settings=settings,
        title="Heard actions API",
        description=(
            'Strategies, pledges, actions and measures; "You said, we did"; proposals, '
            "decisions and the involvement register. Errors are RFC 9457 problem details."
        ),
        routers=[plans_router, yswd_router],
        trusted_issuers=TRUSTED_ISSUERS,
        larger_bodies={
            "/v1/actions/": settings.max_evidence_bytes + MULTIPART_ALLOWANCE,
            "/v1/strategies/": settings.max_batch_bytes + MULTIPART_ALLOWANCE,
        },
        engine=engine,
    )
    app.state.feedback_client = FeedbackApiClient(
        settings.feedback_api_url,
        app.state.token_issuer,
        transport=transports.get("feedback"),
        timeout=settings.api_timeout_seconds,
    )
    app.state.http_clients.append(app.state.feedback_client)
    return app
