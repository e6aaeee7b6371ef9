"""The application factory every Heard API shares: middleware, errors, health, tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text
from sqlmodel import Session

from services.common.auth import OPEN
from services.common.clock import Clock
from services.common.db import make_engine
from services.common.limits import BodyLimitMiddleware
from services.common.logging import AccessLogMiddleware, configure_logging
from services.common.migrate import current_revision, head_revision
from services.common.problems import PROBLEM_JSON, ServiceUnavailable, install_problem_handlers
from services.common.settings import ServiceSettings
from services.common.tokens import TokenIssuer, TokenVerifier


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_session(request: Request):
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def get_clock(request: Request) -> Clock:
    return request.app.state.clock


SessionDep = Annotated[Session, Depends(get_session)]
ClockDep = Annotated[Clock, Depends(get_clock)]


def health_router(service: str) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", dependencies=[Depends(OPEN)])
    def healthz() -> dict[str, str]:
        """Alive: the process answers."""
        return {"status": "ok", "service": service}

    @router.get("/readyz", dependencies=[Depends(OPEN)])
    def readyz(request: Request) -> JSONResponse:
        """Ready: the database answers and is migrated to the head revision."""
        engine: Engine = request.app.state.engine
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            current = current_revision(engine, service)
        except Exception:
            problem = ServiceUnavailable("The database is not reachable.")
            return JSONResponse(problem.body(), status_code=503, media_type=PROBLEM_JSON)
        head = head_revision(service)
        if current != head:
            problem = ServiceUnavailable(
                f"The database is at revision {current}, not the head {head}.",
            )
            return JSONResponse(problem.body(), status_code=503, media_type=PROBLEM_JSON)
        return JSONResponse({"status": "ready", "service": service, "revision": current})

    return router


def build_api(
    *,
    settings: ServiceSettings,
    title: str,
    description: str,
    routers: Iterable[APIRouter],
    trusted_issuers: list[str],
    larger_bodies: dict[str, int] | None = None,
    on_startup: Callable[[FastAPI], Any] | None = None,
    engine: Engine | None = None,
) -> FastAPI:
    """Build one of the JSON APIs from its settings."""
    service = settings.service_name
    configure_logging(service, settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if on_startup is not None:
            await on_startup(app)
        yield
        for client in getattr(app.state, "http_clients", []):
            await client.aclose()
        if engine is None:
            app.state.engine.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version="1",
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url, service)
    app.state.clock = Clock(settings.today)
    app.state.token_verifier = TokenVerifier(service, settings.trusted_public_keys(trusted_issuers))
    app.state.token_issuer = TokenIssuer(service, settings.private_key_pem())
    app.state.http_clients = []

    install_problem_handlers(app)
    app.include_router(health_router(service))
    for router in routers:
        app.include_router(router)

    app.add_middleware(
        BodyLimitMiddleware, default=settings.max_body_bytes, larger=larger_bodies or {}
    )
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")
    return app
