"""The portal: server-rendered pages for patients, staff and the public."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from services.common.app import health_router
from services.common.clock import Clock
from services.common.db import make_engine
from services.common.limits import BodyLimitMiddleware
from services.common.logging import AccessLogMiddleware, configure_logging
from services.common.tokens import TokenIssuer, TokenVerifier
from services.portal import csrf
from services.portal.accounts.routes import router as accounts_router
from services.portal.admin.routes import router as admin_router
from services.portal.cases.routes import router as cases_router
from services.portal.clients import ActionsApiClient, FeedbackApiClient
from services.portal.errors import install_error_pages
from services.portal.insight.routes import router as insight_router
from services.portal.notifications.routes import install as install_notifications
from services.portal.organisation import OrganisationCache
from services.portal.plans.routes import router as plans_router
from services.portal.public.routes import router as public_router
from services.portal.security import SecurityHeadersMiddleware
from services.portal.settings import PortalSettings, get_settings
from services.portal.staff.routes import router as staff_router
from services.portal.templating import make_templates
from services.portal.yswd.routes import router as yswd_router

STATIC_DIR = Path(__file__).parent / "static"
TRUSTED_ISSUERS = ["feedback", "actions"]


def create_app(
    settings: PortalSettings | None = None,
    engine: Engine | None = None,
    transports: dict[str, httpx.AsyncBaseTransport] | None = None,
) -> FastAPI:
    """Build the portal. ``transports`` points its API clients elsewhere (tests use the real
    API apps in process)."""
    settings = settings or get_settings()
    transports = transports or {}
    configure_logging("portal", settings.log_level, settings.log_json)
    issuer = TokenIssuer("portal", settings.private_key_pem())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await app.state.feedback_client.aclose()
        await app.state.actions_client.aclose()
        if engine is None:
            app.state.engine.dispose()

    app = FastAPI(
        title="Heard portal",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url, "portal")
    app.state.clock = Clock(settings.today)
    app.state.templates = make_templates()
    app.state.token_issuer = issuer
    app.state.token_verifier = TokenVerifier(
        "portal", settings.trusted_public_keys(TRUSTED_ISSUERS)
    )
    app.state.organisation_cache = OrganisationCache()
    app.state.feedback_client = FeedbackApiClient(
        settings.feedback_api_url,
        issuer,
        transport=transports.get("feedback"),
        timeout=settings.api_timeout_seconds,
    )
    app.state.actions_client = ActionsApiClient(
        settings.actions_api_url,
        issuer,
        transport=transports.get("actions"),
        timeout=settings.api_timeout_seconds,
    )

    csrf.configure(settings.secret_key.get_secret_value(), settings.secure_cookies)
    install_error_pages(app)
    app.include_router(health_router("portal"))
    app.include_router(public_router)
    app.include_router(accounts_router)
    app.include_router(staff_router)
    app.include_router(insight_router)
    app.include_router(plans_router)
    app.include_router(yswd_router)
    install_notifications(app)
    app.include_router(cases_router)
    app.include_router(admin_router)
    STATIC_DIR.mkdir(exist_ok=True)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    app.add_middleware(
        csrf.CsrfCookieMiddleware,
        secret_key=settings.secret_key.get_secret_value(),
        secure=settings.secure_cookies,
    )
    app.add_middleware(
        BodyLimitMiddleware,
        default=settings.max_body_bytes,
        # CSV imports: the file plus the form around it.
        larger={
            "/admin/imports": settings.max_batch_bytes + 64 * 1024,
            # Evidence files on action progress (10 MiB), plus the form around them.
            "/staff/actions/": 10 * 1024 * 1024 + 64 * 1024,
        },
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")
    return app
