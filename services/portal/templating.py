"""Jinja2 with the NHS.UK frontend macros; HTMX requests get just the page's block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from jinja2_fragments.fastapi import Jinja2Blocks

from services.common.fft import FFT_LABELS, FFT_QUESTION
from services.common.roles import ROLE_LABELS

TEMPLATES_DIR = Path(__file__).parent / "templates"


def make_templates() -> Jinja2Blocks:
    templates = Jinja2Blocks(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.loader = ChoiceLoader(
        [FileSystemLoader(str(TEMPLATES_DIR)), PackageLoader("nhsuk_frontend_jinja")]
    )
    # The NHS.UK macros read optional nested parameters; ChainableUndefined lets them be absent.
    env.undefined = ChainableUndefined
    env.autoescape = True
    env.globals.update(
        FFT_QUESTION=FFT_QUESTION,
        FFT_ANSWERS=[(int(code), label) for code, label in FFT_LABELS.items()],
        ROLE_LABELS={role.value: label for role, label in ROLE_LABELS.items()},
    )
    env.filters["date"] = long_date
    env.filters["month"] = month_name
    env.filters["datetime"] = lambda value: (
        value.strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")
        if value
        else ""
    )
    return templates


def long_date(value: dt.date | str | None) -> str:
    """A date as NHS pages write it, "4 June 2026" (a date or an ISO date string)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%-d %B %Y")


def month_name(value: str | None) -> str:
    """A month as people read it: "2026-06" becomes "June 2026" (anything else is left as is)."""
    try:
        return dt.datetime.strptime(value or "", "%Y-%m").strftime("%B %Y")
    except ValueError:
        return value or ""


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    block: str | None = None,
):
    """Render a page; for an HTMX request that names a block, only that block."""
    templates: Jinja2Blocks = request.app.state.templates
    ctx = {"request": request, **(context or {})}
    ctx.setdefault("current_user", getattr(request.state, "user", None))
    ctx.setdefault("csrf_token", getattr(request.state, "csrf_token", ""))
    if block and is_htmx(request):
        return templates.TemplateResponse(
            request, name, ctx, status_code=status_code, block_name=block
        )
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
