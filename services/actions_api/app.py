"""actions_api: plans, actions, measures, "You said, we did", proposals and involvement."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.settings import ActionsSettings, get_settings
from services.common.app import build_api

TRUSTED_ISSUERS = ["portal", "feedback"]


def create_app(settings: ActionsSettings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = build_api(
        settings=settings,
        title="Heard actions API",
        description=(
            'Strategies, pledges, actions and measures; "You said, we did"; proposals, '
            "decisions and the involvement register. Errors are RFC 9457 problem details."
        ),
        routers=[],
        trusted_issuers=TRUSTED_ISSUERS,
        engine=engine,
    )
    app.state.feedback_client = FeedbackApiClient(
        settings.feedback_api_url, app.state.token_issuer, timeout=settings.api_timeout_seconds
    )
    app.state.http_clients.append(app.state.feedback_client)
    return app
