"""Sign in and sign out."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from services.portal.accounts import service
from services.portal.csrf import verify_csrf
from services.portal.deps import SESSION_COOKIE, PublicUser, SessionDep, SettingsDep
from services.portal.templating import render

router = APIRouter(tags=["accounts"])


def _safe_next(target: str | None) -> str:
    """Only local paths, so the sign-in page cannot be used to redirect people elsewhere."""
    if not target:
        return "/staff"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/staff"
    return target


@router.get("/sign-in")
async def sign_in_form(request: Request, user: PublicUser, next: str | None = None):
    """The staff sign-in page."""
    if user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(
        request, "accounts/sign_in.jinja", {"next": _safe_next(next), "values": {}, "errors": {}}
    )


@router.post("/sign-in", dependencies=[Depends(verify_csrf)])
async def sign_in(request: Request, user: PublicUser, session: SessionDep, settings: SettingsDep):
    form = await request.form()
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    target = _safe_next(str(form.get("next") or ""))
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"
    status = 422
    if not errors:
        try:
            account = service.authenticate(
                session,
                email,
                password,
                client_address=request.client.host if request.client else None,
                max_attempts=settings.sign_in_attempts,
                window=dt.timedelta(minutes=settings.sign_in_window_minutes),
            )
        except service.TooManyAttempts:
            account = None
            status = 429
            errors["email"] = (
                "Too many attempts to sign in. Wait "
                f"{settings.sign_in_window_minutes} minutes and try again"
            )
        else:
            if account is None:
                errors["email"] = "The email address or password is not right"
        if account is not None:
            token = service.start_session(
                session, account, lifetime=dt.timedelta(hours=settings.session_hours)
            )
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(
                SESSION_COOKIE,
                token,
                max_age=int(settings.session_hours * 3600),
                httponly=True,
                secure=settings.secure_cookies,
                samesite="lax",
            )
            return response
    return render(
        request,
        "accounts/sign_in.jinja",
        {"next": target, "values": {"email": email}, "errors": errors},
        status_code=status,
    )


@router.post("/sign-out")
async def sign_out(request: Request, user: PublicUser, session: SessionDep):
    """End the session. Needs no CSRF token: signing someone out harms no one, and the
    session cookie is SameSite=Lax so another site cannot send it."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.end_session(session, token)
    response = RedirectResponse("/sign-in?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
