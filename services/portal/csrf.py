"""CSRF protection for the portal's forms (double-submit cookie, signed with the secret key).

Every browser gets a signed CSRF cookie; every form carries the matching token in a hidden
``csrf_token`` field; fastapi-csrf-protect checks the pair on each POST. Session cookies are also
``SameSite=Lax``, so a cross-site POST never carries the session in the first place.
"""

from __future__ import annotations

import http.cookies

from fastapi import Request
from fastapi_csrf_protect import CsrfProtect
from fastapi_csrf_protect.exceptions import CsrfProtectError
from itsdangerous import BadData, URLSafeTimedSerializer
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "heard_csrf"
FIELD_NAME = "csrf_token"
MAX_AGE_SECONDS = 12 * 60 * 60


class CsrfFailed(Exception):
    """The form's token is missing, expired or does not match the cookie."""


class _CsrfConfig(BaseModel):
    secret_key: str
    cookie_key: str = COOKIE_NAME
    cookie_samesite: str = "lax"
    cookie_secure: bool = False
    token_location: str = "body"
    token_key: str = FIELD_NAME
    max_age: int = MAX_AGE_SECONDS


def configure(secret_key: str, secure: bool) -> None:
    CsrfProtect.load_config(lambda: _CsrfConfig(secret_key=secret_key, cookie_secure=secure))


class CsrfCookieMiddleware:
    """Gives each browser a CSRF cookie and puts its token on ``request.state.csrf_token``."""

    def __init__(self, app: ASGIApp, *, secret_key: str, secure: bool) -> None:
        self.app = app
        self.serializer = URLSafeTimedSerializer(secret_key, salt="fastapi-csrf-token")
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        signed = Request(scope).cookies.get(COOKIE_NAME)
        token = None
        if signed:
            try:
                token = self.serializer.loads(signed, max_age=MAX_AGE_SECONDS)
            except BadData:
                token = None
        new_cookie = None
        if token is None:
            token, new_cookie = CsrfProtect().generate_csrf_tokens()
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_cookie(message: Message) -> None:
            if new_cookie and message["type"] == "http.response.start":
                cookie: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
                cookie[COOKIE_NAME] = new_cookie
                morsel = cookie[COOKIE_NAME]
                morsel["path"] = "/"
                morsel["httponly"] = True
                morsel["samesite"] = "Lax"
                morsel["max-age"] = MAX_AGE_SECONDS
                if self.secure:
                    morsel["secure"] = True
                MutableHeaders(scope=message).append("set-cookie", cookie.output(header="").strip())
            await send(message)

        await self.app(scope, receive, send_with_cookie)


async def verify_csrf(request: Request) -> None:
    """Dependency for every state-changing form post."""
    await request.form()
    try:
        await CsrfProtect().validate_csrf(request)
    except CsrfProtectError as exc:
        raise CsrfFailed(str(exc)) from exc
