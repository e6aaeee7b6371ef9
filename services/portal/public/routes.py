"""Pages for patients and the public: no sign-in needed."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from services.common.db import begin_write
from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.jobs import enqueue
from services.portal.csrf import verify_csrf
from services.portal.deps import FeedbackClientDep, PublicUser, SessionDep, SettingsDep
from services.portal.jobs.delivery import DELIVER_FEEDBACK
from services.portal.jobs.models import Job
from services.portal.organisation import organisation_cache
from services.portal.public.forms import (
    CONTACT_METHODS,
    EQUALITY_FIELDS,
    RESPONDENT_TYPES,
    AboutYouForm,
    FftForm,
    equality_options,
)
from services.portal.settings import PortalSettings
from services.portal.templating import render

router = APIRouter(tags=["public"])


@router.get("/")
async def home(request: Request, user: PublicUser, client: FeedbackClientDep):
    """The start page: give feedback, or sign in as staff."""
    structure = await organisation_cache(request).get(client)
    return render(request, "public/home.jinja", {"organisation": structure.organisation})


def _client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/feedback")
async def fft_form(
    request: Request, user: PublicUser, client: FeedbackClientDep, ward: str | None = None
):
    """The Friends and Family Test, optionally for one ward (as a QR code on the ward links)."""
    structure = await organisation_cache(request).get(client)
    form = FftForm(submission_key=str(uuid.uuid4()))
    if ward and any(w.code == ward for w in structure.wards):
        form.ward_code = ward
    return render(request, "public/fft.jinja", {"form": form, "wards": structure.wards})


@router.post("/feedback", dependencies=[Depends(verify_csrf)])
async def submit_fft(
    request: Request,
    user: PublicUser,
    client: FeedbackClientDep,
    session: SessionDep,
    settings: SettingsDep,
):
    """Send the answers to feedback_api; if it is down, keep them and deliver them later."""
    structure = await organisation_cache(request).get(client)
    form = FftForm.parse(dict(await request.form()))
    if not form.submission_key:
        form.submission_key = str(uuid.uuid4())
    valid = form.validate(
        ward_codes={w.code for w in structure.wards}, max_comment_chars=settings.max_comment_chars
    )
    if not valid:
        return render(
            request, "public/fft.jinja", {"form": form, "wards": structure.wards}, status_code=422
        )
    body = form.api_body()
    created = None
    try:
        created = await client.submit_feedback(
            body, idempotency_key=form.submission_key, client_address=_client_address(request)
        )
    except DownstreamUnavailable:
        # A patient's words are never lost: keep them in the outbox and deliver them later.
        begin_write(session)
        enqueue(
            session,
            Job,
            DELIVER_FEEDBACK,
            {
                "body": body,
                "idempotency_key": form.submission_key,
                "client_address": _client_address(request),
            },
            dedupe_key=f"feedback:{form.submission_key}",
        )
        session.commit()
    except DownstreamError as exc:
        if exc.status == 409:
            # The same submission is already being stored (a double click): that is success.
            return RedirectResponse("/feedback/thank-you", status_code=303)
        if exc.status != 422:
            raise
        for error in exc.field_errors:
            form.errors[str(error.get("field", "form"))] = str(
                error.get("message", "Check this answer")
            )
        return render(
            request, "public/fft.jinja", {"form": form, "wards": structure.wards}, status_code=422
        )
    response = RedirectResponse("/feedback/thank-you", status_code=303)
    if created is not None:
        # The optional second step may add details to this feedback, and only to this one.
        response.set_cookie(
            FOLLOW_UP_COOKIE,
            _sign(settings, str(created.id)),
            max_age=FOLLOW_UP_SECONDS,
            path="/feedback",
            httponly=True,
            samesite="lax",
            secure=settings.secure_cookies,
        )
    return response


# --- the optional second step ----------------------------------------------------------------

FOLLOW_UP_COOKIE = "heard_follow_up"
FOLLOW_UP_SECONDS = 60 * 60  # feedback_api accepts the details for two hours


def _sign(settings: PortalSettings, feedback_id: str, now: float | None = None) -> str:
    stamp = str(int(now if now is not None else time.time()))
    message = f"{feedback_id}.{stamp}"
    key = settings.secret_key.get_secret_value().encode()
    signature = hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
    return f"{message}.{signature}"


def _follow_up_id(request: Request, settings: PortalSettings) -> uuid.UUID | None:
    """The feedback this browser just gave, from the signed cookie, if still fresh."""
    value = request.cookies.get(FOLLOW_UP_COOKIE, "")
    parts = value.split(".")
    if len(parts) != 3:
        return None
    feedback_id, stamp, _ = parts
    if not stamp.isdigit() or time.time() - int(stamp) > FOLLOW_UP_SECONDS:
        return None
    if not hmac.compare_digest(value, _sign(settings, feedback_id, float(stamp))):
        return None
    try:
        return uuid.UUID(feedback_id)
    except ValueError:
        return None


@router.get("/feedback/thank-you")
async def thank_you(request: Request, user: PublicUser, settings: SettingsDep):
    """Confirmation that the feedback was received, with the optional next step."""
    follow_up = _follow_up_id(request, settings) is not None
    return render(request, "public/thank_you.jinja", {"follow_up": follow_up})


async def _about_you_context(request: Request, client, form: AboutYouForm) -> dict:
    needs = await client.accessible_needs()
    return {
        "form": form,
        "respondent_types": RESPONDENT_TYPES,
        "contact_methods": CONTACT_METHODS,
        "options": equality_options(),
        "needs": needs,
    }


@router.get("/feedback/about-you")
async def about_you(
    request: Request, user: PublicUser, client: FeedbackClientDep, settings: SettingsDep
):
    """Optional: who is giving the feedback, whether they would like to be contacted, and
    equality monitoring questions. Every question may be skipped."""
    if _follow_up_id(request, settings) is None:
        return RedirectResponse("/feedback/thank-you", status_code=303)
    return render(
        request, "public/about_you.jinja", await _about_you_context(request, client, AboutYouForm())
    )


@router.post("/feedback/about-you", dependencies=[Depends(verify_csrf)])
async def submit_about_you(
    request: Request, user: PublicUser, client: FeedbackClientDep, settings: SettingsDep
):
    """Add the optional details to the feedback just given; nothing is sent when all is blank."""
    feedback_id = _follow_up_id(request, settings)
    if feedback_id is None:
        return RedirectResponse("/feedback/thank-you", status_code=303)
    form = AboutYouForm.parse(await request.form())
    context = await _about_you_context(request, client, form)
    if not form.validate(need_codes={n.code for n in context["needs"]}):
        return render(request, "public/about_you.jinja", context, status_code=422)
    if not form.is_empty():
        try:
            await client.add_respondent_details(
                feedback_id, form.api_body(), client_address=_client_address(request)
            )
        except DownstreamUnavailable:
            # The feedback itself is already stored; keep these answers on the page to retry.
            form.errors["form"] = (
                "We could not save these details just now. Your feedback was received. "
                "Try sending this page again in a few minutes."
            )
            return render(request, "public/about_you.jinja", context, status_code=503)
        except DownstreamError as exc:
            if exc.status == 409:
                pass  # already given (a second click): nothing more to do
            elif exc.status == 422:
                for error in exc.field_errors:
                    name = str(error.get("field", "form")).split(".")[-1]
                    known = name in form.__dataclass_fields__ or name in EQUALITY_FIELDS
                    message = str(error.get("message", "Check this answer"))
                    form.errors[name if known else "form"] = message.removeprefix("Value error, ")
                return render(request, "public/about_you.jinja", context, status_code=422)
            else:
                raise
    response = RedirectResponse("/feedback/about-you/done", status_code=303)
    response.delete_cookie(FOLLOW_UP_COOKIE, path="/feedback")
    return response


@router.get("/feedback/about-you/done")
async def about_you_done(request: Request, user: PublicUser):
    """Confirmation after the optional second step."""
    return render(request, "public/about_you_done.jinja")
