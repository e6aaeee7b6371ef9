"""Errors as RFC 9457 problem details (``application/problem+json``).

Domain code raises a :class:`Problem` (or a subclass); one set of handlers renders every error,
including FastAPI's validation errors and unexpected exceptions, so no caller ever sees a stack
trace and every error names its field and reason.
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "urn:heard:problem:"

log = structlog.get_logger(__name__)


class ProblemModel(BaseModel):
    """The body of every error response (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class Problem(Exception):
    status: int = 500
    code: str = "internal-error"
    title: str = "Something went wrong"

    def __init__(
        self,
        detail: str | None = None,
        *,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        if title:
            self.title = title
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


class BadRequest(Problem):
    status, code, title = 400, "bad-request", "The request could not be understood"


class Unauthorized(Problem):
    status, code, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kwargs)


class Forbidden(Problem):
    status, code, title = 403, "forbidden", "You do not have permission to do this"


class NotFound(Problem):
    status, code, title = 404, "not-found", "Not found"


class Conflict(Problem):
    status, code, title = 409, "conflict", "The request conflicts with the current state"


class PayloadTooLarge(Problem):
    status, code, title = 413, "payload-too-large", "The request body is too large"


class Unprocessable(Problem):
    status, code, title = 422, "validation-error", "The request has invalid fields"


class TooManyRequests(Problem):
    status, code, title = 429, "rate-limited", "Too many requests"


class ServiceUnavailable(Problem):
    status, code, title = 503, "service-unavailable", "A service Heard depends on is unavailable"


def field_error(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Turn pydantic's errors into ``{field, message}`` pairs a person can read."""
    errors = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        errors.append(
            {
                "field": ".".join(location) or "body",
                "message": error.get("msg", "Invalid value"),
                "type": error.get("type", "value_error"),
            }
        )
    return errors


def problem_response(problem: Problem, request: Request | None = None) -> JSONResponse:
    instance = str(request.url.path) if request is not None else None
    return JSONResponse(
        problem.body(instance),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=problem.headers,
    )


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            Unprocessable("Check the fields named in errors.", errors=validation_errors(exc)),
            request,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        problem = Problem(str(exc.detail) if exc.detail else None, headers=exc.headers)
        problem.status = exc.status_code
        problem.code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http")
        problem.title = {404: "Not found", 405: "Method not allowed"}.get(
            exc.status_code, str(exc.detail)
        )
        return problem_response(problem, request)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", path=request.url.path)
        return problem_response(Problem("An unexpected error occurred. It has been logged."))


def problem_responses(*problems: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries so the docs show which problems a route returns."""
    return {
        p.status: {"model": ProblemModel, "description": p.title, "content": {PROBLEM_JSON: {}}}
        for p in problems
    }
