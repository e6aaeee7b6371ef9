"""The batch endpoint's rules: each item accepted or rejected on its own, all accepted items
stored together in one transaction with one bulk insert."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.problems import Unprocessable
from services.common.tokens import Principal
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.feedback.schemas import FeedbackCreate
from services.feedback_api.ingest import redaction
from services.feedback_api.integrations import webhooks
from services.feedback_api.integrations.service import channel_refusal
from services.feedback_api.labels import events as labels_events
from services.feedback_api.organisation.models import Site, Ward


def pydantic_errors(exc: ValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())]
        errors.append(
            {
                "field": ".".join(location) or "item",
                "message": error.get("msg", "Invalid value"),
                "type": error.get("type", "value_error"),
            }
        )
    return errors


def preload_organisation(session: Session) -> list[object]:
    """Every ward and site, loaded in two queries instead of one per item."""
    return [*session.exec(select(Ward)).all(), *session.exec(select(Site)).all()]


def _plain(data: FeedbackCreate) -> bool:
    """The common FFT push: no answers and no respondent details, so one ``feedback`` row."""
    return (
        not data.answers
        and data.contact is None
        and data.equality is None
        and (not data.accessible_needs)
    )


def _lean_codes(
    data: FeedbackCreate, wards: dict[str, Ward], sites: set[str]
) -> tuple[str | None, str | None, str | None] | None:
    """(ward, site, ward's FFT setting) when the codes are plainly valid; None sends the item
    through ``feedback_service.validate`` (which names the problem) and ``build``."""
    if data.ward_code is not None:
        ward = wards.get(data.ward_code)
        if ward is None or not ward.active:
            return None
        if data.site_code is not None and data.site_code != ward.site_code:
            return None
        return ward.code, ward.site_code, ward.fft_setting
    if data.site_code is not None and data.site_code not in sites:
        return None
    return None, data.site_code, None


def store_batch(
    session: Session,
    items: list[Any],
    principal: Principal,
    clock: Clock,
    *,
    max_comment_chars: int,
) -> tuple[int, dict[str, Any]]:
    """Check every item, then store the accepted ones in one go (the caller commits). Returns
    the rejected count and the response body (``BatchResult``'s shape).

    Plain items (the common FFT push) become row dicts inserted with one Core executemany;
    items with answers or respondent details go through ``build`` and the ORM. A Core insert
    is not seen by the session's flush listeners, so the labels and webhooks hooks are called
    here, and the stored redaction is left to a ``redact_feedback`` job in the same transaction.
    """
    results: list[dict[str, Any]] = []
    records: list[tuple[int, Feedback]] = []
    rows: list[dict[str, Any]] = []
    # Held for the whole batch so that every ward and site lookup is answered from memory (the
    # session's identity map keeps objects only while something refers to them).
    organisation = preload_organisation(session)
    wards = {o.code: o for o in organisation if isinstance(o, Ward)}
    sites = {o.code for o in organisation if isinstance(o, Site)}
    now = clock.now()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            results.append(_rejected(index, [{"field": "item", "message": NOT_AN_OBJECT}]))
            continue
        try:
            data = FeedbackCreate.model_validate(item)
        except ValidationError as exc:
            results.append(_rejected(index, pydantic_errors(exc)))
            continue
        refusal = channel_refusal(principal, data.channel.value)
        if refusal:
            results.append(_rejected(index, [{"field": "channel", "message": refusal}]))
            continue
        codes = None
        if (
            _plain(data)
            and (data.comment is None or len(data.comment) <= max_comment_chars)
            and (data.received_at is None or data.received_at.tzinfo is not None)
        ):
            codes = _lean_codes(data, wards, sites)
        if codes is not None:
            ward_code, site_code, setting = codes
            row = feedback_service.row_for(
                data,
                principal,
                now,
                ward_code=ward_code,
                site_code=site_code,
                ward_setting=setting,
                redact_now=False,
            )
            rows.append(row)
            results.append({"index": index, "status": "accepted", "id": str(row["id"])})
            continue
        try:
            feedback_service.validate(session, data, max_comment_chars=max_comment_chars)
        except Unprocessable as exc:
            errors = list(exc.errors or [{"field": "item", "message": exc.detail or "Invalid"}])
            results.append(_rejected(index, errors))
            continue
        records.append((index, feedback_service.build(session, data, principal, clock)))
        results.append({"index": index, "status": "accepted"})
    if records:
        session.add_all([record for _, record in records])
        session.flush()
        for index, record in records:
            results[index]["id"] = str(record.id)  # one result per item, in item order
    if rows:
        connection = session.connection()
        connection.execute(insert(Feedback.__table__), rows)  # one executemany
        ids = [row["id"] for row in rows]
        redaction.enqueue(connection, ids)
        labels_events.feedback_stored(connection, ids)
        webhooks.feedback_stored(session, rows)
    del organisation
    accepted = len(records) + len(rows)
    rejected = len(items) - accepted
    body = {"received": len(items), "accepted": accepted, "rejected": rejected, "results": results}
    return rejected, body


NOT_AN_OBJECT = "Each item must be a JSON object"


def _rejected(index: int, errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"index": index, "status": "rejected", "errors": errors}
