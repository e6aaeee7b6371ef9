"""Business rules for feedback: validation against the organisation, storage, scoped reading."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.fft import FftAnswer
from services.common.problems import Unprocessable, field_error
from services.common.tokens import Principal
from services.feedback_api.feedback.models import CHANNEL_LABELS, Channel, Feedback, SubmittedVia
from services.feedback_api.feedback.schemas import FeedbackCreate, FeedbackPublic
from services.feedback_api.organisation.models import Site, Ward


def caller_name(principal: Principal) -> str:
    if principal.integration:
        return f"integration:{principal.integration}"
    return f"{principal.issuer}:{principal.sub}"


def submitted_via(principal: Principal) -> SubmittedVia:
    if principal.integration:
        return SubmittedVia.integration
    if principal.is_anonymous:
        return SubmittedVia.portal
    return SubmittedVia.staff


def _check_codes(session: Session, data: FeedbackCreate) -> tuple[str | None, str | None]:
    site_code = data.site_code
    if data.ward_code is not None:
        ward = session.get(Ward, data.ward_code)
        if ward is None or not ward.active:
            known = sorted(w.code for w in session.exec(select(Ward).where(Ward.active)))
            raise Unprocessable(
                errors=[
                    field_error(
                        "ward_code",
                        f"Unknown ward code {data.ward_code!r}. Allowed: {', '.join(known[:50])}",
                    )
                ]
            )
        if site_code is not None and site_code != ward.site_code:
            raise Unprocessable(
                errors=[field_error("site_code", f"Ward {ward.code} is at site {ward.site_code}.")]
            )
        site_code = ward.site_code
    elif site_code is not None and session.get(Site, site_code) is None:
        known = sorted(s.code for s in session.exec(select(Site)))
        raise Unprocessable(
            errors=[
                field_error(
                    "site_code", f"Unknown site code {site_code!r}. Allowed: {', '.join(known)}"
                )
            ]
        )
    return data.ward_code, site_code


def validate(session: Session, data: FeedbackCreate, *, max_comment_chars: int) -> None:
    if data.comment is not None and len(data.comment) > max_comment_chars:
        raise Unprocessable(
            errors=[
                field_error(
                    "comment",
                    f"The comment is {len(data.comment):,} characters; the limit is "
                    f"{max_comment_chars:,}.",
                )
            ]
        )
    _check_codes(session, data)


def build(session: Session, data: FeedbackCreate, principal: Principal, clock: Clock) -> Feedback:
    """A new, unsaved record (the caller commits, so batches can share a transaction)."""
    ward_code, site_code = _check_codes(session, data)
    now = clock.now()
    return Feedback(
        channel=data.channel.value,
        fft_answer=int(data.fft_answer) if data.fft_answer is not None else None,
        comment=data.comment,
        ward_code=ward_code,
        site_code=site_code,
        collection_mode=data.collection_mode.value,
        submitted_via=submitted_via(principal).value,
        language=data.language,
        received_at=data.received_at or now,
        created_at=now,
        created_by=caller_name(principal),
    )


def to_public(feedback: Feedback, ward_names: dict[str, str] | None = None) -> FeedbackPublic:
    answer = FftAnswer(feedback.fft_answer) if feedback.fft_answer is not None else None
    return FeedbackPublic(
        id=feedback.id,
        channel=Channel(feedback.channel),
        channel_label=CHANNEL_LABELS[Channel(feedback.channel)],
        fft_answer=answer,
        fft_answer_label=answer.label if answer else None,
        comment=feedback.comment,
        ward_code=feedback.ward_code,
        ward_name=(ward_names or {}).get(feedback.ward_code or ""),
        site_code=feedback.site_code,
        collection_mode=feedback.collection_mode,
        submitted_via=feedback.submitted_via,
        language=feedback.language,
        received_at=feedback.received_at,
        is_demo=feedback.is_demo,
    )


@dataclass(frozen=True)
class FeedbackFilters:
    channel: Channel | None = None
    ward_code: str | None = None
    site_code: str | None = None
    fft_answer: FftAnswer | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str | None = None


def _scoped(query, principal: Principal):
    """Staff and matrons see their own wards, directorates and sites; trust-wide roles see all."""
    if principal.trust_wide:
        return query
    scope = principal.scope
    wards_in_directorates = select(Ward.code).where(
        Ward.directorate_code.in_(sorted(scope.directorates))
    )
    return query.where(
        or_(
            Feedback.ward_code.in_(sorted(scope.wards)),
            Feedback.site_code.in_(sorted(scope.sites)),
            Feedback.ward_code.in_(wards_in_directorates),
        )
    )


def _filtered(query, filters: FeedbackFilters):
    if filters.channel is not None:
        query = query.where(Feedback.channel == filters.channel.value)
    if filters.ward_code:
        query = query.where(Feedback.ward_code == filters.ward_code)
    if filters.site_code:
        query = query.where(Feedback.site_code == filters.site_code)
    if filters.fft_answer is not None:
        query = query.where(Feedback.fft_answer == int(filters.fft_answer))
    if filters.received_from:
        start = dt.datetime.combine(filters.received_from, dt.time(), tzinfo=dt.UTC)
        query = query.where(Feedback.received_at >= start)
    if filters.received_to:
        end = dt.datetime.combine(filters.received_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(Feedback.received_at < end)
    if filters.text:
        query = query.where(Feedback.comment.ilike(f"%{filters.text}%"))
    return query


def list_feedback(
    session: Session,
    principal: Principal,
    filters: FeedbackFilters,
    *,
    limit: int,
    offset: int,
) -> tuple[list[Feedback], int]:
    base = _filtered(_scoped(select(Feedback), principal), filters)
    count = session.exec(select(func.count()).select_from(base.subquery())).one()
    rows = session.exec(
        base.order_by(Feedback.received_at.desc(), Feedback.id).limit(limit).offset(offset)
    )
    return list(rows), count


def get_feedback(session: Session, principal: Principal, feedback_id: uuid.UUID) -> Feedback | None:
    query = _scoped(select(Feedback).where(Feedback.id == feedback_id), principal)
    return session.exec(query).first()


def ward_names(session: Session) -> dict[str, str]:
    return {w.code: w.name for w in session.exec(select(Ward))}
