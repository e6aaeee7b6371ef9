"""The batch endpoint's rules: each item accepted or rejected on its own, all accepted items
stored together in one transaction with one bulk insert."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.problems import Unprocessable
from services.common.tokens import Principal
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.feedback.schemas import FeedbackCreate
from services.feedback_api.ingest.schemas import BatchResult, ItemResult, ItemStatus
from services.feedback_api.integrations.service import channel_refusal
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


def check_item(
    session: Session, item: Any, principal: Principal, *, max_comment_chars: int
) -> FeedbackCreate | list[dict[str, Any]]:
    """The parsed item, or the reasons it is refused."""
    if not isinstance(item, dict):
        return [{"field": "item", "message": "Each item must be a JSON object"}]
    try:
        data = FeedbackCreate.model_validate(item)
    except ValidationError as exc:
        return pydantic_errors(exc)
    refusal = channel_refusal(principal, data.channel.value)
    if refusal:
        return [{"field": "channel", "message": refusal}]
    try:
        feedback_service.validate(session, data, max_comment_chars=max_comment_chars)
    except Unprocessable as exc:
        return list(exc.errors or [{"field": "item", "message": exc.detail or "Invalid"}])
    return data


def store_batch(
    session: Session,
    items: list[Any],
    principal: Principal,
    clock: Clock,
    *,
    max_comment_chars: int,
) -> BatchResult:
    """Check every item, then flush the accepted ones in one go (the caller commits)."""
    results: list[ItemResult] = []
    records: list[tuple[int, Feedback]] = []
    # Held for the whole batch so that every ward and site lookup is answered from the
    # session's identity map (it keeps objects only while something refers to them).
    organisation = preload_organisation(session)
    for index, item in enumerate(items):
        checked = check_item(session, item, principal, max_comment_chars=max_comment_chars)
        if isinstance(checked, list):
            results.append(ItemResult(index=index, status=ItemStatus.rejected, errors=checked))
            continue
        records.append((index, feedback_service.build(session, checked, principal, clock)))
    if records:
        session.add_all([record for _, record in records])
        session.flush()
    results.extend(
        ItemResult(index=index, status=ItemStatus.accepted, id=record.id)
        for index, record in records
    )
    results.sort(key=lambda r: r.index)
    del organisation
    accepted = len(records)
    return BatchResult(
        received=len(items), accepted=accepted, rejected=len(items) - accepted, results=results
    )
