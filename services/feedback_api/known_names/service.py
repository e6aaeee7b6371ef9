"""The list of known people's names: kept in step with the portal's staff directory, added to
by administrators, and compiled once for redaction until it changes.

Every change gives the list a new version (``known_name_list``) and queues the redaction of
stored comments that mention a new or renamed name (``refresh``), in the same transaction.
Removing a name does not put it back into comments already redacted: a redaction is never
undone.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.db import new_id
from services.common.jobs import enqueue
from services.common.problems import Conflict, NotFound, Unprocessable, field_error
from services.feedback_api.analysis.redaction import (
    NO_KNOWN_NAMES,
    KnownNames,
    compile_known_names,
    name_words,
)
from services.feedback_api.jobs.models import Job
from services.feedback_api.known_names.models import (
    MAX_NAME_CHARS,
    KnownName,
    KnownNameList,
    NameSource,
)

SESSION_KEY = "heard_known_names"
# The worker's job that redacts stored comments again for new or renamed names (``refresh``).
REDACT_KNOWN_NAMES = "redact_known_names"

_lock = threading.Lock()
_latest: tuple[uuid.UUID, KnownNames] | None = None


# --- the compiled list -----------------------------------------------------------------------


def _version(connection: Connection) -> uuid.UUID | None:
    return connection.execute(
        select(KnownNameList.version).where(KnownNameList.id == 1)
    ).scalar_one_or_none()


def _compile(connection: Connection) -> KnownNames:
    names = connection.execute(select(KnownName.name)).scalars().all()
    return compile_known_names(names) if names else NO_KNOWN_NAMES


def matcher(session: OrmSession | Connection) -> KnownNames:
    """The known names, compiled. One small query checks the list's version (once per ORM
    session, which is one request or one job); the list is read and compiled again only
    when it has changed, and the compiled copy is shared by every request of the process."""
    global _latest
    if isinstance(session, OrmSession):
        cached = session.info.get(SESSION_KEY)
        if cached is not None:
            return cached
        connection = session.connection()
    else:
        connection = session
    version = _version(connection)
    latest = _latest
    if version is not None and latest is not None and latest[0] == version:
        compiled = latest[1]
    else:
        compiled = _compile(connection)
        if version is not None:
            with _lock:
                _latest = (version, compiled)
    if isinstance(session, OrmSession):
        session.info[SESSION_KEY] = compiled
    return compiled


def _changed(session: Session) -> None:
    """A new version of the list, in the caller's transaction."""
    stamp = session.get(KnownNameList, 1) or KnownNameList(id=1)
    stamp.version = new_id()
    session.add(stamp)
    session.info.pop(SESSION_KEY, None)


def _queue_refresh(session: Session, ids: list[uuid.UUID]) -> None:
    """Queue the redaction of stored comments that mention these names, in the caller's
    transaction (so it exists only if the change commits)."""
    enqueue(session, Job, REDACT_KNOWN_NAMES, {"known_name_ids": [str(i) for i in ids]})


# --- reading and changing the list -----------------------------------------------------------

_SPACES = re.compile(r"\s+")


def clean_name(value: str, field: str = "name") -> str:
    """A person's name as it is kept: spaces tidied; an email address, a number or an empty
    value is refused with a message naming the field."""
    name = _SPACES.sub(" ", value or "").strip()
    if not name:
        message = "Enter the person's name."
    elif len(name) > MAX_NAME_CHARS:
        message = f"The name is {len(name):,} characters; the limit is {MAX_NAME_CHARS}."
    elif "@" in name:
        message = "Enter the person's name, not an email address."
    elif any(c.isdigit() for c in name) or not name_words(name):
        message = "Enter the person's name in letters, for example Dr Amara Okafor."
    else:
        return name
    raise Unprocessable(errors=[field_error(field, message)])


def list_names(session: Session, *, source: NameSource | None = None) -> list[KnownName]:
    query = select(KnownName).order_by(KnownName.name, KnownName.id)
    if source is not None:
        query = query.where(KnownName.source == source.value)
    return list(session.exec(query))


def counts(session: Session) -> dict[str, int]:
    """How many names each source gave."""
    found = {s.value: 0 for s in NameSource}
    found.update(
        session.exec(select(KnownName.source, func.count()).group_by(KnownName.source)).all()
    )
    return found


def add(session: Session, *, name: str, created_by: str, clock: Clock) -> KnownName:
    """An administrator's addition (a consultant, a GP, anyone without an account). The caller
    commits; stored comments that mention it are redacted again by the worker."""
    name = clean_name(name)
    wanted = name.casefold()
    for existing in list_names(session, source=NameSource.added_by_admin):
        if existing.name.casefold() == wanted:
            raise Conflict(f"{name} is already on the list.")
    now = clock.now()
    row = KnownName(
        name=name,
        source=NameSource.added_by_admin.value,
        created_at=now,
        updated_at=now,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    _changed(session)
    _queue_refresh(session, [row.id])
    return row


def remove(session: Session, *, name_id: uuid.UUID) -> None:
    """Take an administrator's addition off the list (the caller commits). Staff directory
    names follow the portal's accounts and are changed there."""
    row = session.get(KnownName, name_id)
    if row is None:
        raise NotFound("No name with this id on the list.")
    if row.source != NameSource.added_by_admin.value:
        raise Conflict(
            "This name comes from the staff directory: it changes when the account is renamed "
            "or removed in Heard."
        )
    session.delete(row)
    _changed(session)


@dataclass(frozen=True)
class SyncResult:
    added: int
    renamed: int
    removed: int
    unchanged: int
    skipped: int  # entries whose name is not a person's name (an email address, digits)


def _staff_row(session: Session, ref: str) -> KnownName | None:
    return session.exec(
        select(KnownName).where(
            KnownName.source == NameSource.staff_directory.value, KnownName.source_ref == ref
        )
    ).first()


def _named_staff_row(row: KnownName | None, *, ref: str, name: str, now: dt.datetime) -> KnownName:
    """The staff directory row for account ``ref`` (a new one when there is none) with ``name``."""
    if row is None:
        row = KnownName(
            name=name,
            source=NameSource.staff_directory.value,
            source_ref=ref,
            created_at=now,
            created_by="portal:staff-directory",
        )
    row.name, row.updated_at = name, now
    return row


def put_staff(session: Session, *, ref: str, name: str, clock: Clock) -> tuple[KnownName, bool]:
    """Set a staff account's name (the portal calls this when an account is made or renamed).
    Returns the row and whether anything changed; the caller commits. Safe to repeat."""
    name = clean_name(name)
    row = _staff_row(session, ref)
    now = clock.now()
    if row is not None and row.name == name:
        return row, False
    row = _named_staff_row(row, ref=ref, name=name, now=now)
    session.add(row)
    session.flush()
    _changed(session)
    _queue_refresh(session, [row.id])
    return row, True


def delete_staff(session: Session, *, ref: str) -> bool:
    """Take a removed account's name off the list; False when it was not there."""
    row = _staff_row(session, ref)
    if row is None:
        return False
    session.delete(row)
    _changed(session)
    return True


def sync_staff(session: Session, *, entries: Iterable[tuple[str, str]], clock: Clock) -> SyncResult:
    """Make the staff directory names exactly these (account id, name) pairs: the portal sends
    the whole directory once, and again whenever its worker starts. An entry whose name is not
    a person's name is skipped (and, if it was there before, removed). The caller commits."""
    wanted: dict[str, str] = {}
    skipped = 0
    for ref, name in entries:
        try:
            wanted[ref] = clean_name(name)
        except Unprocessable:  # one odd account name must not hold up the whole directory
            skipped += 1
    existing = {
        row.source_ref: row for row in list_names(session, source=NameSource.staff_directory)
    }
    now = clock.now()
    added = renamed = unchanged = 0
    touched: list[KnownName] = []
    for ref, name in wanted.items():
        row = existing.get(ref)
        if row is not None and row.name == name:
            unchanged += 1
            continue
        if row is None:
            added += 1
        else:
            renamed += 1
        row = _named_staff_row(row, ref=ref, name=name, now=now)
        session.add(row)
        touched.append(row)
    gone = [ref for ref in existing if ref not in wanted]
    if gone:
        session.execute(
            delete(KnownName).where(
                KnownName.source == NameSource.staff_directory.value,
                KnownName.source_ref.in_(gone),
            )
        )
    if touched or gone:
        session.flush()
        _changed(session)
    if touched:
        _queue_refresh(session, [row.id for row in touched])
    return SyncResult(
        added=added, renamed=renamed, removed=len(gone), unchanged=unchanged, skipped=skipped
    )
