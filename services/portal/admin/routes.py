"""Administrators' pages: API keys, webhook subscriptions, CSV imports, the theme framework and
the names redacted in comments.

Secrets (an API key, a webhook's signing secret) are shown once, on the page that answers the
form that created them, and never again: feedback_api keeps only a key's hash. Every form
works without JavaScript (POST, then 303 to a page), and carries the CSRF token.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile

from services.common.http_client import DownstreamError
from services.common.roles import Role
from services.portal.accounts.service import SignedIn
from services.portal.csrf import verify_csrf
from services.portal.deps import FeedbackClientDep, PagePolicy, SettingsDep
from services.portal.errors import error_page
from services.portal.templating import render

admin_pages = PagePolicy("admin_pages", roles={Role.administrator})
Administrator = Annotated[SignedIn, Depends(admin_pages)]

router = APIRouter(prefix="/admin", tags=["admin"])

# Machine values as feedback_api defines them (its OpenAPI schema), with their labels.
CHANNELS = [
    ("fft", "Friends and Family Test"),
    ("compliment", "Compliment"),
    ("concern", "Concern"),
    ("complaint", "Complaint"),
    ("pals", "PALS enquiry"),
    ("inhouse_survey", "In-house survey"),
    ("national_survey", "National survey"),
    ("patient_story", "Patient story"),
    ("walkabout", "Walkabout or round"),
    ("social_media", "Social media"),
    ("quality_visit", "Quality visit"),
    ("focus_group", "Focus group"),
    ("dppg", "Digital Patient Participation Group"),
    ("clinical_audit", "Clinical audit"),
    ("perfect_ward", "Perfect Ward"),
]
EVENTS = [
    ("feedback.received", "Feedback received"),
    ("case.status_changed", "Case status changed"),
    ("action.completed", "Action completed"),
]
MODES = [
    ("other", "Other or not recorded"),
    ("sms", "SMS"),
    ("electronic_discharge", "Electronic at discharge"),
    ("electronic_home", "Electronic at home"),
    ("paper_discharge", "Paper at discharge"),
    ("paper_home", "Paper at home"),
    ("telephone", "Telephone"),
    ("online", "Online"),
    ("kiosk", "Kiosk or tablet"),
    ("qr_code", "QR code"),
    ("app", "App"),
]
COLUMNS = [
    ("answer", "Answer column", "FFT Answer", "The FFT answer: 1 to 6, or Very good to Don't know"),
    ("comment", "Comment column", "Comment", None),
    ("ward", "Ward code column", "Ward Code", None),
    ("date", "Date column", "Response Date", "YYYY-MM-DD or DD/MM/YYYY, optionally with a time"),
    ("mode", "Mode column", "Mode", "SMS, Paper at home, Telephone and so on"),
    (
        "response_id",
        "Response ID column",
        "Response ID",
        "The vendor's id for each response: a row with an id already imported is skipped",
    ),
]
NO_STORE = {"Cache-Control": "no-store"}


def _field_errors(exc: DownstreamError, fields: dict[str, str], default: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.field_errors:
        name = str(error.get("field", "")).split(".")[0]
        errors.setdefault(fields.get(name, default), str(error.get("message", "Check this")))
    if not errors:
        errors[default] = str(exc.problem.get("detail") or exc.problem.get("title") or "Error")
    return errors


@router.get("")
async def admin_home(request: Request, user: Administrator):
    """Where administrators manage integrations."""
    return render(request, "admin/home.jinja", {"title": "Integrations"})


# API keys


@router.get("/api-keys")
async def api_keys(request: Request, user: Administrator, client: FeedbackClientDep):
    """Every API key: what it may push, who made it, when it was last used."""
    keys = await client.list_api_keys(user.principal)
    return render(
        request, "admin/api_keys.jinja", {"keys": keys.data, "channel_labels": dict(CHANNELS)}
    )


@router.get("/api-keys/new")
async def new_api_key(request: Request, user: Administrator):
    """The form to create an API key."""
    return render(
        request, "admin/api_key_new.jinja", {"values": {"channels": []}, "errors": {}, **_lists()}
    )


def _lists() -> dict[str, Any]:
    return {"channels": CHANNELS, "events": EVENTS, "modes": MODES, "columns": COLUMNS}


@router.post("/api-keys", dependencies=[Depends(verify_csrf)])
async def create_api_key(request: Request, user: Administrator, client: FeedbackClientDep):
    """Create the key and show it, once."""
    form = await request.form()
    values = {"name": str(form.get("name", "")).strip(), "channels": form.getlist("channels")}
    errors = {}
    if not values["name"]:
        errors["name"] = "Enter a name for the key, such as the vendor or system that will use it"
    elif len(values["name"]) > 100:
        errors["name"] = "The name must be 100 characters or fewer"
    if not values["channels"]:
        errors["channels"] = "Select the channels this key may send"
    if not errors:
        try:
            created = await client.create_api_key(user.principal, values)
        except DownstreamError as exc:
            if exc.status != 422:
                raise
            errors = _field_errors(exc, {"name": "name", "channels": "channels"}, "name")
        else:
            return _no_store(
                render(
                    request,
                    "admin/api_key_created.jinja",
                    {"key": created, "channel_labels": dict(CHANNELS)},
                )
            )
    return render(
        request,
        "admin/api_key_new.jinja",
        {"values": values, "errors": errors, **_lists()},
        status_code=422,
    )


def _no_store(response):
    response.headers.update(NO_STORE)
    return response


@router.post("/api-keys/{key_id}/revoke", dependencies=[Depends(verify_csrf)])
async def revoke_api_key(
    request: Request, key_id: str, user: Administrator, client: FeedbackClientDep
):
    """Revoke a key at once."""
    if len(key_id) != 16 or any(c not in "0123456789abcdef" for c in key_id):
        return error_page(request, 404)
    await client.revoke_api_key(user.principal, key_id)
    return RedirectResponse(f"/admin/api-keys?revoked={key_id}", status_code=303)


# Webhooks


@router.get("/webhooks")
async def webhooks(request: Request, user: Administrator, client: FeedbackClientDep):
    """Every webhook subscription, with its last delivery and failure."""
    hooks = await client.list_webhooks(user.principal)
    return render(
        request, "admin/webhooks.jinja", {"hooks": hooks.data, "event_labels": dict(EVENTS)}
    )


@router.get("/webhooks/new")
async def new_webhook(request: Request, user: Administrator):
    """The form to subscribe a URL to events."""
    return render(
        request, "admin/webhook_new.jinja", {"values": {"events": []}, "errors": {}, **_lists()}
    )


@router.post("/webhooks", dependencies=[Depends(verify_csrf)])
async def create_webhook(request: Request, user: Administrator, client: FeedbackClientDep):
    """Subscribe, and show the signing secret once."""
    form = await request.form()
    values = {
        "name": str(form.get("name", "")).strip(),
        "url": str(form.get("url", "")).strip(),
        "events": form.getlist("events"),
    }
    errors = {}
    if not values["name"]:
        errors["name"] = "Enter a name for the subscription"
    if not values["url"]:
        errors["url"] = "Enter the address events are sent to, starting https://"
    if not values["events"]:
        errors["events"] = "Select the events to send"
    if not errors:
        try:
            created = await client.create_webhook(user.principal, values)
        except DownstreamError as exc:
            if exc.status != 422:
                raise
            errors = _field_errors(exc, {"name": "name", "url": "url", "events": "events"}, "url")
        else:
            return _no_store(
                render(
                    request,
                    "admin/webhook_created.jinja",
                    {"hook": created, "event_labels": dict(EVENTS)},
                )
            )
    return render(
        request,
        "admin/webhook_new.jinja",
        {"values": values, "errors": errors, **_lists()},
        status_code=422,
    )


@router.post("/webhooks/{webhook_id}/delete", dependencies=[Depends(verify_csrf)])
async def delete_webhook(
    request: Request, webhook_id: uuid.UUID, user: Administrator, client: FeedbackClientDep
):
    """Stop sending events to a URL."""
    await client.delete_webhook(user.principal, webhook_id)
    return RedirectResponse("/admin/webhooks?deleted=1", status_code=303)


# Imports


@router.get("/imports")
async def imports(request: Request, user: Administrator, client: FeedbackClientDep):
    """Recent CSV imports, newest first."""
    found = await client.list_imports(user.principal)
    return render(request, "admin/imports.jinja", {"imports": found.data})


@router.get("/imports/new")
async def new_import(request: Request, user: Administrator):
    """The form to upload an FFT vendor export."""
    return render(
        request,
        "admin/import_new.jinja",
        {
            "values": {"default_mode": "other"},
            "errors": {},
            "submission_key": str(uuid.uuid4()),
            **_lists(),
        },
    )


@router.post("/imports", dependencies=[Depends(verify_csrf)])
async def create_import(
    request: Request, user: Administrator, client: FeedbackClientDep, settings: SettingsDep
):
    """Send the file to feedback_api; show the result, with each rejected line."""
    form = await request.form()
    upload = form.get("file")
    values: dict[str, str] = {
        f"column_{name}": str(form.get(f"column_{name}", "")).strip() for name, *_ in COLUMNS
    }
    values["default_mode"] = str(form.get("default_mode", "other"))
    submission_key = str(form.get("submission_key", "")) or str(uuid.uuid4())
    errors: dict[str, str] = {}
    content = b""
    file_name = ""
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors["file"] = "Select a CSV file"
    else:
        file_name = upload.filename
        content = await upload.read(settings.max_batch_bytes + 1)
        if not content:
            errors["file"] = "The selected file is empty"
        elif len(content) > settings.max_batch_bytes:
            errors["file"] = "The selected file must be smaller than 10MB"
    if not errors:
        fields = {k: v for k, v in values.items() if v}
        try:
            result = await client.create_import(
                user.principal,
                file_name=file_name,
                content=content,
                fields=fields,
                idempotency_key=submission_key,
            )
        except DownstreamError as exc:
            if exc.status not in (409, 413, 422):
                raise
            names = {f"column_{name}": f"column_{name}" for name, *_ in COLUMNS}
            errors = _field_errors(
                exc, {**names, "file": "file", "default_mode": "default_mode"}, "file"
            )
        else:
            return RedirectResponse(f"/admin/imports/{result.id}", status_code=303)
    return render(
        request,
        "admin/import_new.jinja",
        {"values": values, "errors": errors, "submission_key": submission_key, **_lists()},
        status_code=422,
    )


@router.get("/imports/{import_id}")
async def import_result(
    request: Request, import_id: uuid.UUID, user: Administrator, client: FeedbackClientDep
):
    """One import: counts, and each rejected line with its reason."""
    result = await client.get_import(user.principal, import_id)
    return render(request, "admin/import_result.jinja", {"result": result})


# Theme framework


def _theme_groups(themes) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for theme in themes:
        groups.setdefault(theme.category, []).append(theme)
    return list(groups.items())


async def _themes_page(request: Request, user: SignedIn, client, values=None, errors=None):
    current = await client.theme_framework(user.principal)
    versions = await client.framework_versions(user.principal)
    groups = _theme_groups(current.themes)
    return render(
        request,
        "admin/themes.jinja",
        {
            "framework": current,
            "groups": groups,
            "categories": [category for category, _ in groups],
            "versions": list(reversed(versions)),
            "values": values or {"category": "", "new_category": "", "name": "", "description": ""},
            "errors": errors or {},
        },
        status_code=422 if errors else 200,
    )


@router.get("/themes")
async def themes(request: Request, user: Administrator, client: FeedbackClientDep):
    """The theme framework in use, its earlier versions, and the form to add a theme."""
    return await _themes_page(request, user, client)


@router.post("/themes", dependencies=[Depends(verify_csrf)])
async def add_theme(request: Request, user: Administrator, client: FeedbackClientDep):
    """Add a theme (a new framework version); feedback_api then re-analyses every record."""
    form = await request.form()
    values = {
        key: str(form.get(key, "")).strip()
        for key in ("category", "new_category", "name", "description")
    }
    category = values["new_category"] or values["category"]
    errors = {}
    if not category:
        errors["category"] = "Choose the category the theme belongs to, or name a new one"
    if not values["name"]:
        errors["name"] = "Enter the theme's name"
    if not errors:
        body = {"category": category, "name": values["name"], "description": values["description"]}
        try:
            created = await client.add_theme(user.principal, body)
        except DownstreamError as exc:
            if exc.status == 409:
                errors = {"name": str(exc.problem.get("detail") or "That theme already exists")}
            elif exc.status == 422:
                errors = _field_errors(
                    exc,
                    {"category": "category", "name": "name", "description": "description"},
                    "name",
                )
            else:
                raise
        else:
            return RedirectResponse(f"/admin/themes?added={created.name}", status_code=303)
    return await _themes_page(request, user, client, values, errors)


@router.post("/themes/reanalyse", dependencies=[Depends(verify_csrf)])
async def reanalyse(request: Request, user: Administrator, client: FeedbackClientDep):
    """Analyse every record again with the model and framework in use; corrections are kept."""
    await client.reanalyse(user.principal, everything=True)
    return RedirectResponse("/admin/themes?reanalysis=queued", status_code=303)


# Names redacted in comments


async def _names_page(request: Request, user: SignedIn, client, values=None, errors=None):
    found = await client.list_known_names(user.principal)
    staff = [n for n in found.data if n.source == "staff_directory"]
    added = [n for n in found.data if n.source == "added_by_admin"]
    return render(
        request,
        "admin/names.jinja",
        {
            "staff": staff,
            "added": added,
            "values": values or {"name": ""},
            "errors": errors or {},
        },
        status_code=422 if errors else 200,
    )


@router.get("/names")
async def names(request: Request, user: Administrator, client: FeedbackClientDep):
    """The names redacted in every comment: the staff directory's, and those added here."""
    return _no_store(await _names_page(request, user, client))


@router.post("/names", dependencies=[Depends(verify_csrf)])
async def add_name(request: Request, user: Administrator, client: FeedbackClientDep):
    """Add a person's name; feedback_api redacts it in new comments and, by its worker, in
    stored ones."""
    form = await request.form()
    values = {"name": " ".join(str(form.get("name", "")).split())}
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = "Enter the person's name"
    elif len(values["name"]) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if not errors:
        try:
            await client.add_known_name(user.principal, values["name"])
        except DownstreamError as exc:
            if exc.status == 409:
                errors = {"name": str(exc.problem.get("detail") or "That name is on the list")}
            elif exc.status == 422:
                errors = _field_errors(exc, {"name": "name"}, "name")
            else:
                raise
        else:
            return RedirectResponse("/admin/names?added=1", status_code=303)
    return _no_store(await _names_page(request, user, client, values, errors))


@router.post("/names/{name_id}/remove", dependencies=[Depends(verify_csrf)])
async def remove_name(
    request: Request, name_id: uuid.UUID, user: Administrator, client: FeedbackClientDep
):
    """Take a name added here off the list."""
    try:
        await client.remove_known_name(user.principal, name_id)
    except DownstreamError as exc:
        if exc.status not in (404, 409):
            raise
        # Already gone, or a staff directory name (it follows the account): nothing to remove.
        return RedirectResponse("/admin/names?not_removed=1", status_code=303)
    return RedirectResponse("/admin/names?removed=1", status_code=303)
