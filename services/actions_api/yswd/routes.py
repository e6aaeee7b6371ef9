""" "You said, we did": drafting, approval, publication, and the published entries for everyone."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from services.actions_api import policies
from services.actions_api.deps import ClockDep, FeedbackDep, SessionDep
from services.actions_api.yswd import schemas, service
from services.actions_api.yswd.models import EntryKind, EntryState
from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.problems import (
    Conflict,
    Forbidden,
    NotFound,
    ServiceUnavailable,
    Unprocessable,
    field_error,
    problem_responses,
)
from services.common.tokens import Principal

router = APIRouter(prefix="/v1", tags=["you said, we did"])

Drafter = Annotated[Principal, Depends(policies.draft_yswd)]
Approver = Annotated[Principal, Depends(policies.approve_yswd)]
Public = Annotated[Principal, Depends(policies.read_public)]


async def _place(
    client, principal, ward_code: str | None, site_code: str | None
) -> tuple[str | None, str | None]:
    """Check the ward or site against feedback_api; a ward gives its site."""
    if not ward_code and not site_code:
        return None, None
    try:
        codes = await client.codes(principal)
    except (DownstreamUnavailable, DownstreamError) as exc:
        raise ServiceUnavailable(
            "The ward or site cannot be checked: feedback_api is unavailable. Nothing was saved."
        ) from exc
    if ward_code:
        ward = codes.wards.get(ward_code)
        if ward is None:
            raise Unprocessable(
                errors=[field_error("ward_code", f"Unknown ward code {ward_code!r}.")]
            )
        if site_code and site_code != ward["site_code"]:
            raise Unprocessable(
                errors=[
                    field_error("site_code", f"Ward {ward_code} is at site {ward['site_code']}.")
                ]
            )
        return ward_code, ward["site_code"]
    if site_code not in codes.sites:
        raise Unprocessable(errors=[field_error("site_code", f"Unknown site code {site_code!r}.")])
    return None, site_code


@router.get("/yswd")
def list_entries(
    session: SessionDep,
    _: Drafter,
    state: EntryState | None = None,
    ward_code: Annotated[str | None, Query(max_length=20)] = None,
    site_code: Annotated[str | None, Query(max_length=10)] = None,
    theme: Annotated[str | None, Query(max_length=120)] = None,
) -> schemas.EntryList:
    """Every entry in any state, most recently changed first (for staff who write them)."""
    rows = service.list_entries(
        session, state=state, ward_code=ward_code, site_code=site_code, theme=theme
    )
    return schemas.EntryList(data=[service.to_public(session, e) for e in rows], count=len(rows))


@router.post(
    "/yswd",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Unprocessable, ServiceUnavailable),
)
async def create_entry(
    data: schemas.EntryCreate,
    session: SessionDep,
    clock: ClockDep,
    client: FeedbackDep,
    caller: Drafter,
) -> schemas.EntryPublic:
    """Draft an entry: what patients said (summary, theme, ward or site, the feedback or themes
    behind it) and what changed (linked to the action)."""
    data.ward_code, data.site_code = await _place(client, caller, data.ward_code, data.site_code)
    return service.to_public(session, service.create(session, data, caller, clock))


@router.get("/yswd/{entry_id}", responses=problem_responses(NotFound))
def get_entry(entry_id: uuid.UUID, session: SessionDep, _: Drafter) -> schemas.EntryPublic:
    """One entry, with its original and (once published) its public text."""
    return service.to_public(session, service.get_entry(session, entry_id))


@router.patch(
    "/yswd/{entry_id}",
    responses=problem_responses(NotFound, Conflict, Forbidden, Unprocessable, ServiceUnavailable),
)
async def update_entry(
    entry_id: uuid.UUID,
    data: schemas.EntryUpdate,
    session: SessionDep,
    clock: ClockDep,
    client: FeedbackDep,
    caller: Drafter,
) -> schemas.EntryPublic:
    """Change a draft."""
    entry = service.get_entry(session, entry_id)
    if "ward_code" in data.model_fields_set or "site_code" in data.model_fields_set:
        data.ward_code, data.site_code = await _place(
            client, caller, data.ward_code, data.site_code
        )
    return service.to_public(session, service.update(session, entry, data, caller, clock))


@router.post("/yswd/{entry_id}/submit", responses=problem_responses(NotFound, Conflict, Forbidden))
def submit_entry(
    entry_id: uuid.UUID, session: SessionDep, clock: ClockDep, caller: Drafter
) -> schemas.EntryPublic:
    """Send a draft for approval."""
    entry = service.submit(session, service.get_entry(session, entry_id), caller, clock)
    return service.to_public(session, entry)


@router.post("/yswd/{entry_id}/return", responses=problem_responses(NotFound, Conflict))
def return_entry(
    entry_id: uuid.UUID, session: SessionDep, clock: ClockDep, _: Approver
) -> schemas.EntryPublic:
    """Send an entry awaiting approval back to draft (approvers)."""
    entry = service.return_to_draft(session, service.get_entry(session, entry_id), clock)
    return service.to_public(session, entry)


@router.post(
    "/yswd/{entry_id}/publish",
    responses=problem_responses(NotFound, Conflict, Forbidden, ServiceUnavailable),
)
async def publish_entry(
    entry_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    client: FeedbackDep,
    caller: Approver,
) -> schemas.EntryPublic:
    """Approve and publish an entry awaiting approval (patient experience managers). Both texts
    are redacted through feedback_api first; only the redacted text is ever public. If
    redaction is unavailable, nothing is published."""
    entry = service.get_entry(session, entry_id)
    try:
        entry = await service.publish(session, entry, caller, clock, client)
    except (DownstreamUnavailable, DownstreamError) as exc:
        session.rollback()
        raise ServiceUnavailable(
            "The text cannot be checked for personal data now (feedback_api is unavailable), "
            "so it has not been published. Try again shortly."
        ) from exc
    return service.to_public(session, entry)


@router.post("/yswd/{entry_id}/archive", responses=problem_responses(NotFound, Conflict))
def archive_entry(
    entry_id: uuid.UUID, session: SessionDep, clock: ClockDep, _: Approver
) -> schemas.EntryPublic:
    """Take a published entry off the public pages."""
    entry = service.archive(session, service.get_entry(session, entry_id), clock)
    return service.to_public(session, entry)


@router.get("/public/yswd", tags=["public"])
def published_entries(
    session: SessionDep,
    _: Public,
    ward_code: Annotated[str | None, Query(max_length=20)] = None,
    site_code: Annotated[str | None, Query(max_length=10)] = None,
    theme: Annotated[str | None, Query(max_length=120)] = None,
    kind: EntryKind | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> schemas.PublishedList:
    """Published entries only, newest first, with their redacted text (for the public pages and
    the ward noticeboard)."""
    rows, themes = service.published(
        session, ward_code=ward_code, site_code=site_code, theme=theme, kind=kind, limit=limit
    )
    return schemas.PublishedList(
        data=[service.to_published(e) for e in rows], count=len(rows), themes=themes
    )
