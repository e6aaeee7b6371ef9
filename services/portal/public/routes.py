"""Pages for patients and the public: no sign-in needed."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.jobs import enqueue
from services.portal.csrf import verify_csrf
from services.portal.deps import FeedbackClientDep, PublicUser, SessionDep, SettingsDep
from services.portal.jobs.delivery import DELIVER_FEEDBACK
from services.portal.jobs.models import Job
from services.portal.organisation import organisation_cache
from services.portal.public.forms import FftForm
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
    try:
        await client.submit_feedback(
            body, idempotency_key=form.submission_key, client_address=_client_address(request)
        )
    except DownstreamUnavailable:
        # A patient's words are never lost: keep them in the outbox and deliver them later.
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
    return RedirectResponse("/feedback/thank-you", status_code=303)


@router.get("/feedback/thank-you")
async def thank_you(request: Request, user: PublicUser):
    """Confirmation that the feedback was received."""
    return render(request, "public/thank_you.jinja")
