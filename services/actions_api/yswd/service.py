"""The "You said, we did" workflow: draft -> awaiting approval -> published -> archived.

Only an approver (a patient experience manager) publishes, and only an entry awaiting approval.
The public text is the redacted text feedback_api returns at publication; the original is never
shown in public, so an NHS number or a name in a draft cannot reach a public page.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.plans.models import Action
from services.actions_api.plans.public_text import known_names
from services.actions_api.yswd import schemas
from services.actions_api.yswd.models import Entry, EntryKind, EntryState
from services.common.clock import Clock
from services.common.problems import Conflict, Forbidden, NotFound, Unprocessable, field_error
from services.common.roles import Role
from services.common.tokens import Principal


def get_entry(session: Session, entry_id: uuid.UUID) -> Entry:
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise NotFound("No entry has this id.")
    return entry


def to_public(session: Session, entry: Entry) -> schemas.EntryPublic:
    action = session.get(Action, entry.action_id) if entry.action_id else None
    public = schemas.EntryPublic.model_validate(entry, from_attributes=True)
    public.action_reference = action.reference if action else None
    return public


def to_published(entry: Entry) -> schemas.PublishedEntry:
    assert entry.published_at is not None
    return schemas.PublishedEntry(
        id=entry.id,
        kind=EntryKind(entry.kind),
        you_said=entry.public_you_said or "",
        we_did=entry.public_we_did or "",
        theme=entry.theme,
        ward_code=entry.ward_code,
        site_code=entry.site_code,
        published_at=entry.published_at,
    )


def check_links(session: Session, action_id: uuid.UUID | None) -> None:
    if action_id is not None and session.get(Action, action_id) is None:
        raise Unprocessable(errors=[field_error("action_id", "No action has this id.")])


def create(
    session: Session, data: schemas.EntryCreate, principal: Principal, clock: Clock
) -> Entry:
    check_links(session, data.action_id)
    now = clock.now()
    entry = Entry(
        **data.model_dump(mode="json", exclude={"action_id"}),
        action_id=data.action_id,
        created_by=principal.sub,
        created_by_name=principal.name,
        created_at=now,
        updated_at=now,
    )
    session.add(entry)
    session.commit()
    return entry


def update(
    session: Session, entry: Entry, data: schemas.EntryUpdate, principal: Principal, clock: Clock
) -> Entry:
    if entry.state != EntryState.draft.value:
        raise Conflict("Only a draft can be changed: ask an approver to return it to draft.")
    _may_change(entry, principal)
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "action_id" in changes:
        check_links(session, data.action_id)
        changes["action_id"] = data.action_id
    for name, value in changes.items():
        if name in ("you_said", "we_did") and value is None:
            continue
        setattr(entry, name, value)
    entry.updated_at = clock.now()
    session.add(entry)
    session.commit()
    return entry


def _may_change(entry: Entry, principal: Principal) -> None:
    if principal.has_any({Role.patient_experience_manager}) or entry.created_by == principal.sub:
        return
    raise Forbidden("Only the entry's author or a patient experience manager may change it.")


def _move(entry: Entry, allowed_from: EntryState, to: EntryState, verb: str) -> None:
    if entry.state != allowed_from.value:
        raise Conflict(
            f"Only an entry that is {allowed_from.value.replace('_', ' ')} can be {verb}; "
            f"this one is {entry.state.replace('_', ' ')}."
        )
    entry.state = to.value


def submit(session: Session, entry: Entry, principal: Principal, clock: Clock) -> Entry:
    _may_change(entry, principal)
    _move(entry, EntryState.draft, EntryState.awaiting_approval, "sent for approval")
    entry.submitted_at = entry.updated_at = clock.now()
    session.add(entry)
    session.commit()
    return entry


def return_to_draft(session: Session, entry: Entry, clock: Clock) -> Entry:
    _move(entry, EntryState.awaiting_approval, EntryState.draft, "returned to draft")
    entry.updated_at = clock.now()
    session.add(entry)
    session.commit()
    return entry


async def publish(
    session: Session,
    entry: Entry,
    principal: Principal,
    clock: Clock,
    client: FeedbackApiClient,
) -> Entry:
    """Approve and publish: redact both texts through feedback_api first (a DownstreamUnavailable
    leaves the entry unpublished), then publish only the redacted text."""
    if entry.state != EntryState.awaiting_approval.value:
        raise Conflict(
            "Only an entry awaiting approval can be published; "
            f"this one is {entry.state.replace('_', ' ')}."
        )
    names = known_names(session) + ([entry.created_by_name] if entry.created_by_name else [])
    said = await client.redact(entry.you_said, known_names=names, principal=principal)
    did = await client.redact(entry.we_did, known_names=names, principal=principal)
    now = clock.now()
    entry.public_you_said, entry.public_we_did = said.text, did.text
    entry.redacted_spans = len(said.spans) + len(did.spans)
    entry.state = EntryState.published.value
    entry.approved_by, entry.approved_by_name = principal.sub, principal.name
    entry.published_at = entry.updated_at = now
    session.add(entry)
    session.commit()
    return entry


def archive(session: Session, entry: Entry, clock: Clock) -> Entry:
    _move(entry, EntryState.published, EntryState.archived, "archived")
    entry.archived_at = entry.updated_at = clock.now()
    session.add(entry)
    session.commit()
    return entry


def list_entries(
    session: Session,
    *,
    state: EntryState | None = None,
    ward_code: str | None = None,
    site_code: str | None = None,
    theme: str | None = None,
) -> list[Entry]:
    query = select(Entry).order_by(col(Entry.updated_at).desc())
    if state:
        query = query.where(Entry.state == state.value)
    if ward_code:
        query = query.where(Entry.ward_code == ward_code)
    if site_code:
        query = query.where(Entry.site_code == site_code)
    if theme:
        query = query.where(Entry.theme == theme)
    return list(session.exec(query))


def published(
    session: Session,
    *,
    ward_code: str | None = None,
    site_code: str | None = None,
    theme: str | None = None,
    kind: EntryKind | None = None,
    limit: int = 200,
) -> tuple[list[Entry], list[str]]:
    """Published entries, newest first, and every theme that has one (for the filter)."""
    base = select(Entry).where(Entry.state == EntryState.published.value)
    themes = sorted({t for t in session.exec(select(Entry.theme).where(
        Entry.state == EntryState.published.value)) if t})  # fmt: skip
    query = base.order_by(col(Entry.published_at).desc()).limit(limit)
    if ward_code:
        query = query.where(Entry.ward_code == ward_code)
    if site_code:
        query = query.where(Entry.site_code == site_code)
    if theme:
        query = query.where(Entry.theme == theme)
    if kind:
        query = query.where(Entry.kind == kind.value)
    return list(session.exec(query)), themes
