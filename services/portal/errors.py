"""The portal's error pages: friendly, in the NHS.UK style, never a stack trace."""

from __future__ import annotations

from urllib.parse import quote

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.portal.csrf import CsrfFailed
from services.portal.deps import NotSignedIn, PageForbidden
from services.portal.templating import render

log = structlog.get_logger(__name__)

PAGES = {
    400: ("There is a problem with the address", "Check the web address is right and try again."),
    403: (
        "You do not have permission to see this page",
        "If you think you should, ask your Heard administrator to give you the right role.",
    ),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    500: (
        "Sorry, there is a problem with the service",
        "Try again later. Anything you were entering has not been saved.",
    ),
    503: (
        "Sorry, part of the service is not available at the moment",
        "Try again in a few minutes. If you were giving feedback, it has been kept safe.",
    ),
}


def error_page(request: Request, status: int, detail: str | None = None):
    title, body = PAGES.get(status, PAGES[500])
    return render(
        request,
        "errors/error.jinja",
        {"title": title, "body": detail or body, "status": status},
        status_code=status,
    )


def install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, exc: NotSignedIn):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?next={quote(target)}", status_code=303)

    @app.exception_handler(PageForbidden)
    async def _forbidden(request: Request, exc: PageForbidden):
        return error_page(request, 403)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed):
        return error_page(
            request,
            400,
            "The form had been open too long or was sent from another site. "
            "Go back, refresh the page and try again.",
        )

    @app.exception_handler(DownstreamUnavailable)
    async def _unavailable(request: Request, exc: DownstreamUnavailable):
        return error_page(request, 503)

    @app.exception_handler(DownstreamError)
    async def _downstream(request: Request, exc: DownstreamError):
        if exc.status in (403, 404):
            return error_page(request, exc.status)
        log.error("downstream_error", service=exc.service, status=exc.status, problem=exc.problem)
        return error_page(request, 500)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error_page(request, 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return error_page(request, exc.status_code if exc.status_code in PAGES else 404)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled_error", path=request.url.path)
        return error_page(request, 500)
