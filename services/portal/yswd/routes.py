""" "You said, we did": the public pages (no sign-in), the ward noticeboard, the pledge progress
page, and the staff pages where entries are drafted, sent for approval and published."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.roles import Role
from services.portal.accounts.service import SignedIn
from services.portal.csrf import verify_csrf
from services.portal.deps import ActionsClientDep, FeedbackClientDep, PagePolicy, PublicUser
from services.portal.organisation import organisation_cache
from services.portal.templating import render

router = APIRouter(tags=["you said, we did"])

yswd_pages = PagePolicy("yswd_pages", roles={Role.matron, Role.patient_experience_manager})
YswdWriter = Annotated[SignedIn, Depends(yswd_pages)]

NOTICEBOARD_SECONDS = 20
STEPS = {"submit", "publish", "return", "archive"}


def _names(structure) -> tuple[dict[str, str], dict[str, str]]:
    return {w.code: w.name for w in structure.wards}, {s.code: s.name for s in structure.sites}


@router.get("/you-said-we-did")
async def public_list(
    request: Request,
    user: PublicUser,
    client: ActionsClientDep,
    feedback: FeedbackClientDep,
    site: str = "",
    ward: str = "",
    theme: str = "",
):
    """What patients told us and what changed, filtered by site, ward and theme."""
    result = await client.published_yswd(site_code=site, ward_code=ward, theme=theme)
    structure = await organisation_cache(request).get(feedback)
    wards, sites = _names(structure)
    return render(
        request,
        "public/yswd.jinja",
        {
            "result": result,
            "filters": {"site": site, "ward": ward, "theme": theme},
            "ward_list": structure.wards,
            "site_list": structure.sites,
            "ward_names": wards,
            "site_names": sites,
        },
        block="results",
    )


@router.get("/pledges")
async def pledge_progress(request: Request, user: PublicUser, client: ActionsClientDep):
    """Each pledge, aim or promise and how its actions are going, in plain English."""
    progress = await client.public_progress()
    return render(request, "public/yswd_pledges.jinja", {"progress": progress})


@router.get("/noticeboard")
async def noticeboard(
    request: Request,
    user: PublicUser,
    client: ActionsClientDep,
    feedback: FeedbackClientDep,
    ward: str = "",
    site: str = "",
    item: int = 0,
    pause: bool = False,
):
    """Full-screen "You said, we did" for a ward or department TV: one published entry at a
    time, moving to the next and refreshing itself (no JavaScript needed). ``pause=1`` stops
    the page moving on, for anyone reading it at their own pace."""
    structure = await organisation_cache(request).get(feedback)
    wards, sites = _names(structure)
    place = wards.get(ward) or sites.get(site) or "The trust"
    query = f"ward={ward}" if ward else (f"site={site}" if site else "")
    try:
        result = await client.published_yswd(ward_code=ward, site_code=site, limit=50)
    except DownstreamUnavailable:
        # A TV left on this page must come back by itself: keep refreshing, say nothing alarming.
        return render(
            request,
            "public/yswd_noticeboard.jinja",
            {"entry": None, "index": 0, "count": 0, "place": place, "seconds": 60,
             "next_url": f"/noticeboard?{query}"},
            status_code=503,
        )  # fmt: skip
    count = result.count
    index = item % count if count else 0
    next_url = f"/noticeboard?{query}{'&' if query else ''}item={index + 1}"
    return render(
        request,
        "public/yswd_noticeboard.jinja",
        {
            "entry": result.data[index] if count else None,
            "index": index,
            "count": count,
            "place": place,
            "next_url": next_url,
            "seconds": NOTICEBOARD_SECONDS,
            "paused": pause,
            "pause_url": f"/noticeboard?{query}{'&' if query else ''}item={index}&pause=1",
            "play_url": f"/noticeboard?{query}{'&' if query else ''}item={index}",
        },
    )


@router.get("/staff/you-said-we-did")
async def staff_list(
    request: Request,
    user: YswdWriter,
    client: ActionsClientDep,
    feedback: FeedbackClientDep,
    state: str = "",
):
    """Entries in every state, with a form to draft a new one."""
    result = await client.list_yswd(user.principal, state=state)
    structure = await organisation_cache(request).get(feedback)
    actions = await client.list_actions(user.principal)
    return render(
        request,
        "yswd/entries.jinja",
        {
            "actions": actions.data,
            "result": result,
            "state": state,
            "form": {},
            "errors": {},
            "ward_list": structure.wards,
            "approver": Role.patient_experience_manager.value in user.user.roles,
        },
    )


@router.post("/staff/you-said-we-did", dependencies=[Depends(verify_csrf)])
async def staff_create(
    request: Request, user: YswdWriter, client: ActionsClientDep, feedback: FeedbackClientDep
):
    """Draft an entry."""
    form = {k: str(v).strip() for k, v in (await request.form()).items()}
    errors = {}
    if not form.get("you_said"):
        errors["you_said"] = "Enter what patients told us"
    if not form.get("we_did"):
        errors["we_did"] = "Enter what we did about it"
    if not errors:
        body = {
            "kind": "we_said_we_did" if form.get("kind") == "we_said_we_did" else "you_said_we_did",
            "you_said": form["you_said"],
            "we_did": form["we_did"],
            "theme": form.get("theme") or None,
            "ward_code": form.get("ward_code") or None,
            "action_id": form.get("action_id") or None,
            "themes": [t.strip() for t in form.get("themes", "").split(",") if t.strip()],
            "feedback_ids": [f.strip() for f in form.get("feedback_ids", "").split() if f.strip()],
        }
        try:
            await client.create_yswd(user.principal, body)
            return RedirectResponse("/staff/you-said-we-did", status_code=303)
        except DownstreamError as exc:
            if exc.status != 422:
                raise
            for error in exc.field_errors:
                parts = str(error.get("field", "you_said")).split(".")
                field = "feedback_ids" if "feedback_ids" in parts else parts[-1]
                errors[field] = (
                    "Enter feedback ids as shown in the inbox, separated by spaces"
                    if field == "feedback_ids"
                    else str(error["message"])
                )
    result = await client.list_yswd(user.principal)
    structure = await organisation_cache(request).get(feedback)
    actions = await client.list_actions(user.principal)
    return render(
        request,
        "yswd/entries.jinja",
        {
            "actions": actions.data,
            "result": result,
            "state": "",
            "form": form,
            "errors": errors,
            "ward_list": structure.wards,
            "approver": Role.patient_experience_manager.value in user.user.roles,
        },
        status_code=422,
    )


@router.post("/staff/you-said-we-did/{entry_id}/{step}", dependencies=[Depends(verify_csrf)])
async def staff_step(
    request: Request, entry_id: uuid.UUID, step: str, user: YswdWriter, client: ActionsClientDep
):
    """Send for approval, publish (approvers), return to draft or archive."""
    if step not in STEPS:
        return RedirectResponse("/staff/you-said-we-did", status_code=303)
    try:
        await client.yswd_step(user.principal, entry_id, step)
    except DownstreamError as exc:
        if exc.status != 409:
            raise
        # Someone else moved it on first (or it was sent twice): say so, do not fail.
        return render(
            request,
            "errors/error.jinja",
            {
                "title": "This entry has already moved on",
                "body": exc.problem.get("detail") or "Go back to the list to see where it is now.",
                "status": 409,
            },
            status_code=409,
        )
    return RedirectResponse("/staff/you-said-we-did", status_code=303)
