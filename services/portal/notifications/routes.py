"""The portal's internal notification endpoint: the APIs deliver notification events here (at
least once) and the portal, which holds people's email addresses, emails them.

Only actions_api and feedback_api may call it, with their own signed service tokens. Events are
de-duplicated by their id: a repeated delivery queues no second email.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services.common.app import get_session
from services.common.db import begin_write
from services.common.jobs import enqueue
from services.common.problems import PROBLEM_JSON, Forbidden, Problem, Unauthorized
from services.common.tokens import InvalidToken, Principal, TokenVerifier
from services.portal.accounts.models import User
from services.portal.deps import PagePolicy, get_portal_settings
from services.portal.jobs.models import Job
from services.portal.notifications.email import SEND_EMAIL
from services.portal.settings import PortalSettings

router = APIRouter(prefix="/internal", tags=["internal"])

SERVICE_CALLERS = frozenset({"actions", "feedback"})


class ServiceCallerRefused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


class ServicePolicy(PagePolicy):
    """Not a page: an endpoint for Heard's own APIs, which prove who they are with a service
    token (checked against their public keys)."""

    def __init__(self, name: str, issuers: frozenset[str]):
        super().__init__(name)
        self.issuers = issuers

    def __call__(  # type: ignore[override]
        self,
        request: Request,
        session: Annotated[Session, Depends(get_session)],
        settings: Annotated[PortalSettings, Depends(get_portal_settings)],
    ) -> Principal:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise ServiceCallerRefused(Unauthorized("Send a service token as a Bearer token."))
        verifier: TokenVerifier = request.app.state.token_verifier
        try:
            principal = verifier.verify(header[7:].strip())
        except InvalidToken as exc:
            raise ServiceCallerRefused(
                Unauthorized(f"The service token was refused: {exc}.")
            ) from exc
        if principal.issuer not in self.issuers:
            raise ServiceCallerRefused(Forbidden("Only Heard's APIs may send notifications."))
        return principal


service_callers = ServicePolicy("service_callers", SERVICE_CALLERS)


class NotificationEvent(BaseModel):
    event_id: uuid.UUID
    kind: str = Field(max_length=80)
    user_id: uuid.UUID
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=20000)
    link: str | None = Field(default=None, max_length=2000)


@router.post("/notifications", status_code=202)
def receive_notification(
    event: NotificationEvent,
    caller: Annotated[Principal, Depends(service_callers)],
    session: Annotated[Session, Depends(get_session)],
) -> JSONResponse:
    """Queue an email for one user; a repeated event id is acknowledged and ignored."""
    key = f"notification:{event.event_id}"
    begin_write(session)
    if session.exec(select(Job.id).where(Job.dedupe_key == key)).first() is not None:
        return JSONResponse({"status": "duplicate", "event_id": str(event.event_id)}, 202)
    user = session.get(User, event.user_id)
    if user is None or not user.active:
        # Nobody to tell (the account has gone): acknowledged, so the sender stops retrying.
        return JSONResponse({"status": "no-recipient", "event_id": str(event.event_id)}, 202)
    enqueue(
        session,
        Job,
        SEND_EMAIL,
        {
            "event_id": str(event.event_id),
            "kind": event.kind,
            "from_service": caller.issuer,
            "to": user.email,
            "subject": event.subject,
            "body": event.body,
            "link": event.link,
        },
        dedupe_key=key,
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # the same event, delivered twice at once
        return JSONResponse({"status": "duplicate", "event_id": str(event.event_id)}, 202)
    return JSONResponse({"status": "queued", "event_id": str(event.event_id)}, 202)


def problem_json(problem: Problem) -> JSONResponse:
    return JSONResponse(
        problem.body(), status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers
    )


def install(app) -> None:
    """Register the endpoint and its JSON errors (the rest of the portal answers in HTML)."""

    @app.exception_handler(ServiceCallerRefused)
    async def _refused(_request: Request, exc: ServiceCallerRefused) -> JSONResponse:
        return problem_json(exc.problem)

    app.include_router(router)
