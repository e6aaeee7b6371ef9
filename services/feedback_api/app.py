"""feedback_api: where every piece of patient feedback lands."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from services.common.app import build_api
from services.feedback_api.cases.routes import codes_router as case_codes_router
from services.feedback_api.cases.routes import router as cases_router
from services.feedback_api.feedback.routes import router as feedback_router
from services.feedback_api.ingest.routes import router as ingest_router
from services.feedback_api.insight.routes import router as insight_router
from services.feedback_api.integrations import setup as integrations_setup
from services.feedback_api.integrations.routes import events_router as webhook_events_router
from services.feedback_api.integrations.routes import router as integrations_router
from services.feedback_api.known_names.routes import router as known_names_router
from services.feedback_api.labels import events as _label_events  # noqa: F401
from services.feedback_api.labels.routes import redaction_router
from services.feedback_api.labels.routes import router as labels_router
from services.feedback_api.organisation.routes import router as organisation_router
from services.feedback_api.respondents.routes import router as respondents_router
from services.feedback_api.settings import FeedbackSettings, get_settings

# The callers feedback_api accepts service tokens from.
TRUSTED_ISSUERS = ["portal", "actions"]


def create_app(settings: FeedbackSettings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = build_api(
        settings=settings,
        title="Heard feedback API",
        description=(
            "Patient feedback from every channel, the organisation's sites and wards, "
            "complaints and PALS cases. Errors are RFC 9457 problem details."
        ),
        routers=[
            organisation_router,
            feedback_router,
            respondents_router,
            labels_router,
            redaction_router,
            known_names_router,
            insight_router,
            cases_router,
            case_codes_router,
            ingest_router,
            integrations_router,
            webhook_events_router,
        ],
        trusted_issuers=TRUSTED_ISSUERS,
        larger_bodies={
            "/v1/feedback/batch": settings.max_batch_bytes,
            "/v1/imports": settings.max_batch_bytes,
            # The whole staff directory (account ids and names) in one body.
            "/v1/known-names/staff-directory": settings.max_batch_bytes,
        },
        engine=engine,
    )
    # The API-key resolver, and the listeners that emit webhook events for new feedback.
    return integrations_setup.install(app)
