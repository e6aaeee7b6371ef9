"""The portal's dependencies: the signed-in user, page policies, the API clients."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from services.common.app import SessionDep, get_session
from services.common.roles import FEEDBACK_READERS, Role
from services.portal.accounts import service as accounts
from services.portal.accounts.service import SignedIn
from services.portal.clients import ActionsApiClient, FeedbackApiClient
from services.portal.settings import PortalSettings

SESSION_COOKIE = "heard_session"


class NotSignedIn(Exception):
    """The page needs a signed-in user: send them to sign in, then back."""


class PageForbidden(Exception):
    """Signed in, but without a role this page needs."""


def get_portal_settings(request: Request) -> PortalSettings:
    return request.app.state.settings


def get_feedback_client(request: Request) -> FeedbackApiClient:
    return request.app.state.feedback_client


def get_actions_client(request: Request) -> ActionsApiClient:
    return request.app.state.actions_client


SettingsDep = Annotated[PortalSettings, Depends(get_portal_settings)]
FeedbackClientDep = Annotated[FeedbackApiClient, Depends(get_feedback_client)]
ActionsClientDep = Annotated[ActionsApiClient, Depends(get_actions_client)]


def signed_in(request: Request, session: Session, settings: PortalSettings) -> SignedIn | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return accounts.resume_session(
        session, token, idle=dt.timedelta(minutes=settings.session_idle_minutes)
    )


class PagePolicy:
    """Who may open a page. Every portal route declares one (the access-matrix test checks)."""

    def __init__(
        self, name: str, *, roles: frozenset[Role] | set[Role] = frozenset(), public: bool = False
    ):
        self.name = name
        self.roles = frozenset(roles)
        self.public = public

    def __repr__(self) -> str:
        return f"PagePolicy({self.name!r})"

    def __call__(
        self,
        request: Request,
        session: Annotated[Session, Depends(get_session)],
        settings: Annotated[PortalSettings, Depends(get_portal_settings)],
    ) -> SignedIn | None:
        current = signed_in(request, session, settings)
        request.state.user = current.user if current else None
        request.state.signed_in = current
        if self.public:
            return current
        if current is None:
            raise NotSignedIn
        if self.roles and not (set(current.user.roles) & {r.value for r in self.roles}):
            raise PageForbidden
        return current


public_page = PagePolicy("public", public=True)
feedback_pages = PagePolicy("feedback_pages", roles=FEEDBACK_READERS)

PublicUser = Annotated[SignedIn | None, Depends(public_page)]
FeedbackReader = Annotated[SignedIn, Depends(feedback_pages)]

__all__ = ["SessionDep"]
