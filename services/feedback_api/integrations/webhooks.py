"""Webhooks out: events enqueued with the change that caused them, delivered signed, at least once.

Every delivery is a JSON POST of one event::

    {"id": "<uuid>", "type": "feedback.received", "created_at": "<ISO 8601>", "data": {...}}

with the headers ``Heard-Event-Id``, ``Heard-Event-Type`` and
``Heard-Signature: t=<unix seconds>,v1=<hex>``, where ``v1`` is HMAC-SHA256, keyed with the
subscription's secret, over ``"<t>." + <the raw body bytes>``. A receiver recomputes it, compares
in constant time and refuses a ``t`` more than five minutes old (replays). Delivery is at least
once: a receiver that was down gets the event later (retries with exponential backoff), and may
get it twice, so it de-duplicates by the event ``id``.

``case.status_changed`` is emitted by the cases service at the one place a case's status
changes (with the timeline event, in the same transaction); its ``data`` is made by
``case_event_data`` and carries no personal data.

``feedback.received`` is emitted for every new feedback record, whichever path stored it (the
public form, staff, the single and batch endpoints, CSV and FHIR imports): a session listener
sees new ``Feedback`` rows at flush time and writes one delivery job per subscription in the
same transaction, so an event exists exactly when the feedback is committed. (The batch
endpoint's bulk insert is not seen by the listener; it calls ``feedback_stored`` itself.)
Its ``data`` holds the record's id, channel, FFT answer, ward, site, mode, how it arrived, when
it was given, and the comment as staff see it (redacted); contact details are never sent.

``action.completed`` happens in actions_api, which owns actions: it puts the event in its own
outbox with the change and its worker hands it over (``POST /v1/webhook-events``, its service
token only); :func:`relay` queues the deliveries here under the event id actions_api made, so a
handover repeated after a lost answer delivers nothing twice. Its ``data`` (checked against
``ActionCompletedData``) names the action, its plan, wards and directorates and when it was
completed, never a person or a narrative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import structlog
from sqlalchemy import event, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from services.common.clock import utcnow
from services.common.db import begin_write
from services.common.jobs import RetryLater
from services.common.problems import Forbidden

# Every table, so that mappers with relationships configure in the worker process too.
from services.feedback_api import models as _all_tables  # noqa: F401
from services.feedback_api.analysis.redaction import KnownNames
from services.feedback_api.cases.models import Case
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.feedback.service import known_names, redacted
from services.feedback_api.integrations.models import ApiKey, WebhookEvent, WebhookSubscription
from services.feedback_api.jobs.models import Job

log = structlog.get_logger(__name__)

DELIVER_WEBHOOK = "deliver_webhook"
SIGNATURE_HEADER = "Heard-Signature"
# With backoff capped at an hour, 15 attempts keep trying for about five hours.
MAX_ATTEMPTS = 15
TIMEOUT_SECONDS = 10.0
TOLERANCE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(
    secret: str, body: bytes, header: str, *, now: float | None = None, tolerance: int = 300
) -> bool:
    """What a receiver does (Python receivers may copy it): check signature and freshness."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


_FIELDS = (
    *("id", "channel", "fft_answer", "comment", "comment_redacted", "ward_code", "site_code"),
    *("collection_mode", "submitted_via", "received_at"),
)


def feedback_event_data(
    feedback: Feedback | Mapping[str, Any], names: KnownNames | None = None
) -> dict[str, Any]:
    """A record's event data, from a Feedback object or a ``feedback`` row (a bulk insert's);
    ``names`` (the known people's names) redact a row stored without its redaction."""
    row = feedback if isinstance(feedback, Mapping) else {k: getattr(feedback, k) for k in _FIELDS}
    received_at = row.get("received_at")
    shown = row.get("comment_redacted")
    if shown is None:
        shown = redacted(row.get("comment"), names)
    return {
        "feedback_id": str(row["id"]),
        "channel": row.get("channel"),
        "fft_answer": row.get("fft_answer"),
        # As staff see it: names and contact details taken out, never the raw text. Bulk
        # inserts leave the stored redaction to the worker, so it may be made here instead.
        "comment": shown,
        "ward_code": row.get("ward_code"),
        "site_code": row.get("site_code"),
        "collection_mode": row.get("collection_mode"),
        "submitted_via": row.get("submitted_via"),
        "received_at": received_at.isoformat() if received_at else None,
    }


def case_event_data(
    case: Case, previous: str, new: str, *, changed_at: dt.datetime | None, change: str
) -> dict[str, Any]:
    """``case.status_changed`` data: which case, the statuses before and after, where and when.
    Never the narrative, the complainant, the patient or a note: those stay with PALS roles."""
    return {
        "case_id": str(case.id),
        "reference": case.reference,
        "case_type": case.case_type,
        "previous_status": previous,
        "status": new,
        # The timeline entry's kind: acknowledged, status_changed, reopened, referred_to_phso...
        "change": change,
        "ward_code": case.ward_code,
        "site_code": case.site_code,
        "changed_at": changed_at.isoformat() if changed_at else None,
    }


def feedback_stored(session: OrmSession, rows: Sequence[Feedback | Mapping[str, Any]]) -> int:
    """Queue ``feedback.received`` for new records: called by the flush listener and by bulk
    Core inserts (the batch endpoint), which the listener does not see. The data is made lazily
    (a generator), so nothing is redacted when no one subscribes."""
    if not rows:
        return 0

    def datas() -> Iterator[dict[str, Any]]:
        names = None
        for row in rows:
            if names is None and _field(row, "comment_redacted") is None:
                names = known_names(session)
            yield feedback_event_data(row, names)

    return emit(session, WebhookEvent.feedback_received, datas())


def _field(row: Feedback | Mapping[str, Any], name: str) -> Any:
    return row.get(name) if isinstance(row, Mapping) else getattr(row, name)


def _subscribers(session: OrmSession, kind: WebhookEvent) -> list[uuid.UUID]:
    table = WebhookSubscription.__table__
    rows = session.connection().execute(select(table.c.id, table.c.events))
    return [sub_id for sub_id, events in rows if kind.value in (events or [])]


def _dedupe_key(event_id: str, subscription_id: uuid.UUID) -> str:
    return f"webhook:{event_id}:{subscription_id}"


def _delivery_rows(
    targets: Sequence[uuid.UUID], envelope: dict[str, Any], now: dt.datetime
) -> list[dict[str, Any]]:
    """One delivery job row per subscriber, for a Core insert."""
    columns = [c.name for c in Job.__table__.columns]
    rows = []
    for sub_id in targets:
        job = Job(
            kind=DELIVER_WEBHOOK,
            payload={"subscription_id": str(sub_id), "event": envelope},
            dedupe_key=_dedupe_key(envelope["id"], sub_id),
            max_attempts=MAX_ATTEMPTS,
            run_after=now,
            created_at=now,
        )
        rows.append({name: getattr(job, name) for name in columns})
    return rows


def _job_rows(
    targets: Sequence[uuid.UUID], kind: WebhookEvent, datas: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    now = utcnow()
    rows = []
    for data in datas:
        envelope = {
            "id": str(uuid.uuid4()),
            "type": kind.value,
            "created_at": now.isoformat(),
            "data": data,
        }
        rows.extend(_delivery_rows(targets, envelope, now))
    return rows


def emit(session: OrmSession, kind: WebhookEvent, datas: Iterable[dict[str, Any]]) -> int:
    """Queue deliveries of events of ``kind`` to every subscriber, in the session's transaction.

    feedback_api's own domains (feedback, cases) call this when their events happen; events of
    other services come through :func:`relay`. It writes nothing when no one subscribes.
    """
    if not datas:
        return 0
    targets = _subscribers(session, kind)
    if not targets:
        return 0
    rows = _job_rows(targets, kind, datas)
    if rows:
        session.connection().execute(insert(Job.__table__), rows)
    return len(rows)


@dataclass(frozen=True)
class Relayed:
    queued: int
    already_queued: int


def relay(session: OrmSession, envelope: dict[str, Any]) -> Relayed:
    """Queue deliveries of an event another service made (``action.completed`` from
    actions_api), keeping its id, in the session's transaction (the caller commits).

    The sender retries until it hears back, so the same event may come more than once: a
    subscriber whose delivery of this event id is already queued gets nothing new. The delivery
    jobs are the record of that (they are kept once done), and their dedupe key is unique, so a
    concurrent repeat cannot slip in either (see :func:`relay_once`). A subscriber added between
    two tries gets the event from the second: it never had it.
    """
    kind = WebhookEvent(envelope["type"])
    targets = _subscribers(session, kind)
    if not targets:
        return Relayed(queued=0, already_queued=0)
    keys = {_dedupe_key(envelope["id"], sub_id): sub_id for sub_id in targets}
    column = Job.__table__.c.dedupe_key
    connection = session.connection()
    already = set(connection.execute(select(column).where(column.in_(list(keys)))).scalars())
    new_targets = [sub_id for key, sub_id in keys.items() if key not in already]
    rows = _delivery_rows(new_targets, envelope, utcnow())
    if rows:
        connection.execute(insert(Job.__table__), rows)
    return Relayed(queued=len(rows), already_queued=len(already))


def relay_once(session: Session, envelope: dict[str, Any]) -> Relayed:
    """:func:`relay` and commit; when a concurrent repeat of the same event committed first
    (a unique dedupe key refused ours), the repeat is answered as what it is."""
    try:
        relayed = relay(session, envelope)
        session.commit()
    except IntegrityError:
        session.rollback()
        relayed = relay(session, envelope)
        session.commit()
    return relayed


def _check_integration_channels(session: OrmSession, new_feedback: list[Feedback]) -> None:
    """An API key never stores a channel outside its scope, whichever route it called."""
    cache: dict[str, frozenset[str]] = session.info.setdefault("heard_key_channels", {})
    table = ApiKey.__table__
    for feedback in new_feedback:
        created_by = feedback.created_by or ""
        if not created_by.startswith("integration:"):
            continue
        key_id = created_by.removeprefix("integration:")
        if key_id not in cache:
            row = (
                session.connection()
                .execute(select(table.c.channels).where(table.c.id == key_id))
                .first()
            )
            cache[key_id] = frozenset(row[0] or []) if row else frozenset()
        allowed = cache[key_id]
        if feedback.channel not in allowed:
            # Nothing of the refused request stays pending in the session.
            for obj in new_feedback:
                session.expunge(obj)
            raise Forbidden(
                f"This API key may not push the channel {feedback.channel!r}. "
                f"Allowed: {', '.join(sorted(allowed)) or 'none'}.",
                allowed_channels=sorted(allowed),
            )


@event.listens_for(OrmSession, "before_flush")
def _before_flush(session: OrmSession, _context: Any, _instances: Any) -> None:
    new_feedback = [obj for obj in session.new if isinstance(obj, Feedback)]
    if new_feedback:
        _check_integration_channels(session, new_feedback)


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session: OrmSession, _context: Any) -> None:
    new_feedback = [obj for obj in session.new if isinstance(obj, Feedback)]
    feedback_stored(session, new_feedback)


def deliver(session: Session, payload: dict[str, Any]) -> None:
    """The worker's handler: POST one event to one subscriber; raise to retry later. No
    transaction is open while the subscriber is called (it may take seconds to answer)."""
    subscription_id = uuid.UUID(payload["subscription_id"])
    subscription = session.get(WebhookSubscription, subscription_id)
    if subscription is None:
        return  # deleted since: nothing to deliver
    url, secret = subscription.url, subscription.secret
    session.commit()  # nothing written: ends the read before the call
    body = json.dumps(payload["event"], separators=(",", ":"), ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "heard-webhooks",
        "Heard-Event-Id": payload["event"]["id"],
        "Heard-Event-Type": payload["event"]["type"],
        SIGNATURE_HEADER: sign(secret, body, int(time.time())),
    }
    error = None
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=TIMEOUT_SECONDS)
        if not response.is_success:
            error = f"HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        error = type(exc).__name__
    now = utcnow()
    begin_write(session)
    subscription = session.get(WebhookSubscription, subscription_id)
    if error is None:
        if subscription is not None:
            subscription.last_delivered_at = now
            session.add(subscription)
        return
    if subscription is not None:
        subscription.last_failed_at = now
        subscription.last_error = f"{now:%Y-%m-%d %H:%M} UTC: {error}"[:500]
        session.add(subscription)
    session.commit()
    log.warning("webhook_failed", subscription=str(subscription_id), error=error)
    raise RetryLater(f"{url}: {error}")
