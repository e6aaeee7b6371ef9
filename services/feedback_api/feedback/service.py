"""Business rules for feedback: validation against the organisation, storage, scoped reading,
redaction by role, search and cursor paging."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, column, exists, func, literal_column, or_, text, union
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.db import new_id
from services.common.fft import FftAnswer
from services.common.problems import Unprocessable, field_error
from services.common.roles import Role
from services.common.tokens import Principal
from services.feedback_api.analysis import redact
from services.feedback_api.analysis.redaction import KnownNames
from services.feedback_api.feedback.models import (
    CHANNEL_LABELS,
    Channel,
    Feedback,
    FeedbackAnswer,
    FftSetting,
    RespondentType,
    SubmittedVia,
    national_mode,
)
from services.feedback_api.feedback.schemas import (
    AnswerPublic,
    FeedbackCreate,
    FeedbackDetail,
    FeedbackPublic,
)
from services.feedback_api.known_names.service import matcher as known_names
from services.feedback_api.labels.models import FeedbackLabel
from services.feedback_api.organisation.models import Site, Ward
from services.feedback_api.respondents import service as respondents

# Roles that may read the original (unredacted) text, equality data and accessible needs.
PERSONAL_DATA_ROLES = frozenset({Role.pals_officer, Role.patient_experience_manager})


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


def sees_personal_data(principal: Principal) -> bool:
    return principal.has_any(PERSONAL_DATA_ROLES)


def redacted(text_: str | None, names: KnownNames | None = None) -> str | None:
    """The text with personal data replaced by placeholders. ``names`` are the known people's
    names (the staff directory and administrators' additions: ``known_names(session)``)."""
    if text_ is None:
        return None
    return redact(text_, names or ()).text


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


def _too_long(field: str, value: str, limit: int) -> dict[str, str]:
    return field_error(field, f"The text is {len(value):,} characters; the limit is {limit:,}.")


NAIVE_TIME = "Give the time with its UTC offset, e.g. 2026-03-04T10:00:00Z or +01:00."


def validate(session: Session, data: FeedbackCreate, *, max_comment_chars: int) -> None:
    """Checks that need the database or settings; raises Unprocessable naming the field."""
    errors = []
    if data.received_at is not None and data.received_at.tzinfo is None:
        errors.append(field_error("received_at", NAIVE_TIME))
    if data.comment is not None and len(data.comment) > max_comment_chars:
        errors.append(
            field_error(
                "comment",
                f"The comment is {len(data.comment):,} characters; the limit is "
                f"{max_comment_chars:,}.",
            )
        )
    for index, answer in enumerate(data.answers):
        if answer.answer_text is not None and len(answer.answer_text) > max_comment_chars:
            errors.append(
                _too_long(f"answers.{index}.answer_text", answer.answer_text, max_comment_chars)
            )
    errors.extend(respondents.need_errors(session, data.accessible_needs, "accessible_needs"))
    if errors:
        raise Unprocessable(errors=errors)
    _check_codes(session, data)


def row_for(
    data: FeedbackCreate,
    principal: Principal,
    now: dt.datetime,
    *,
    ward_code: str | None,
    site_code: str | None,
    ward_setting: str | None,
    redact_now: bool = True,
    names: KnownNames | None = None,
) -> dict[str, Any]:
    """The ``feedback`` row for checked ``data`` (codes already resolved by ``_check_codes``):
    the one set of rules for both ``build`` and the batch endpoint's bulk insert.

    ``redact_now=False`` leaves ``comment_redacted`` NULL for the worker to fill; until then every
    reader redacts on the fly (``_shown_text``), so personal data is never shown meanwhile."""
    setting = data.fft_setting.value if data.fft_setting is not None else ward_setting
    return {
        "id": new_id(),
        "channel": data.channel.value,
        "fft_answer": int(data.fft_answer) if data.fft_answer is not None else None,
        "comment": data.comment,
        "comment_redacted": redacted(data.comment, names) if redact_now else None,
        "ward_code": ward_code,
        "site_code": site_code,
        "collection_mode": data.collection_mode.value,
        "fft_setting": setting,
        "submitted_via": submitted_via(principal).value,
        "language": data.language,
        "received_at": data.received_at or now,
        "created_at": now,
        "created_by": caller_name(principal),
        "respondent_type": data.respondent_type.value if data.respondent_type else None,
        "is_demo": False,
        "contactable": False,
    }


def build(session: Session, data: FeedbackCreate, principal: Principal, clock: Clock) -> Feedback:
    """A new, unsaved record with its answers and respondent details (added to the session with
    it, by cascade); the caller commits, so batches can share a transaction."""
    ward_code, site_code = _check_codes(session, data)
    ward = session.get(Ward, ward_code) if ward_code is not None else None
    now = clock.now()
    names = known_names(session)
    feedback = Feedback(
        **row_for(
            data,
            principal,
            now,
            ward_code=ward_code,
            site_code=site_code,
            ward_setting=ward.fft_setting if ward is not None else None,
            names=names,
        )
    )
    feedback.answers = [
        FeedbackAnswer(
            position=position,
            question_key=answer.question_key,
            question_text=answer.question_text,
            answer_text=answer.answer_text,
            answer_text_redacted=redacted(answer.answer_text, names),
            answer_value=answer.answer_value,
        )
        for position, answer in enumerate(data.answers)
    ]
    respondents.attach(
        feedback,
        contact=data.contact,
        equality=data.equality,
        needs=data.accessible_needs,
        now=now,
    )
    return feedback


def _shown_text(
    original: str | None,
    stored_redaction: str | None,
    privileged: bool,
    names: KnownNames | None = None,
):
    if original is None:
        return None, False
    if privileged:
        return original, False
    return (stored_redaction if stored_redaction is not None else redacted(original, names)), True


def shown_comment(
    feedback: Feedback, *, privileged: bool, names: KnownNames | None = None
) -> tuple[str | None, bool]:
    """A record's comment as this reader may see it, and whether it is redacted: as written for
    PALS and the patient experience manager (``privileged``), otherwise the stored redacted
    copy, the text ward staff see on the feedback pages (redacted now with ``names``,
    ``known_names(session)``, while the worker has not stored it yet)."""
    return _shown_text(feedback.comment, feedback.comment_redacted, privileged, names)


def to_public(
    feedback: Feedback,
    ward_names: dict[str, str] | None = None,
    *,
    privileged: bool = False,
    names: KnownNames | None = None,
) -> FeedbackPublic:
    """The record as the API returns it: redacted text unless ``privileged`` (PALS or PEM).
    ``names`` (``known_names(session)``) redact a record whose stored redaction the worker has
    not made yet."""
    answer = FftAnswer(feedback.fft_answer) if feedback.fft_answer is not None else None
    comment, is_redacted = shown_comment(feedback, privileged=privileged, names=names)
    return FeedbackPublic(
        id=feedback.id,
        channel=Channel(feedback.channel),
        channel_label=CHANNEL_LABELS[Channel(feedback.channel)],
        fft_answer=answer,
        fft_answer_label=answer.label if answer else None,
        comment=comment,
        comment_is_redacted=is_redacted,
        ward_code=feedback.ward_code,
        ward_name=(ward_names or {}).get(feedback.ward_code or ""),
        site_code=feedback.site_code,
        collection_mode=feedback.collection_mode,
        national_mode=national_mode(feedback.collection_mode, feedback.fft_setting).value,
        fft_setting=feedback.fft_setting,
        submitted_via=feedback.submitted_via,
        language=feedback.language,
        received_at=feedback.received_at,
        respondent_type=feedback.respondent_type,
        contactable=feedback.contactable,
        is_demo=feedback.is_demo,
    )


def to_detail(
    session: Session, feedback: Feedback, principal: Principal, ward_names: dict[str, str]
) -> FeedbackDetail:
    privileged = sees_personal_data(principal)
    names = None if privileged else known_names(session)
    public = to_public(feedback, ward_names, privileged=privileged, names=names)
    answers = [
        AnswerPublic(
            question_key=a.question_key,
            question_text=a.question_text,
            answer_text=_shown_text(a.answer_text, a.answer_text_redacted, privileged, names)[0],
            answer_value=a.answer_value,
        )
        for a in feedback.answers
    ]
    detail = FeedbackDetail(**public.model_dump(), answers=answers)
    if privileged:
        detail.personal_data_visible = True
        detail.equality = respondents.equality_public(feedback.equality)
        detail.accessible_needs = respondents.needs_public(session, feedback)
    return detail


# --- reading: filters, search, cursor paging --------------------------------------------------


@dataclass(frozen=True)
class FeedbackFilters:
    channel: Channel | None = None
    ward_code: str | None = None
    site_code: str | None = None
    fft_answer: FftAnswer | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str | None = None
    respondent_type: RespondentType | None = None
    has_comment: bool | None = None
    fft_setting: FftSetting | None = None
    critical: bool | None = None


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


_WORD = re.compile(r"\w+", re.UNICODE)
_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')


def fts5_query(search: str, column: str) -> str | None:
    """A safe FTS5 query with the meaning of PostgreSQL's websearch_to_tsquery: words are ANDed,
    "quoted text" is a phrase, ``or`` between terms means OR, ``-word`` excludes a word."""
    positives: list[str] = []
    negatives: list[str] = []
    pending_or = False
    for match in _TERM.finditer(search):
        negate = match.group(1) == "-"
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        if match.group(3) is not None and raw.startswith("-") and len(raw) > 1:
            negate, raw = True, raw[1:]
        if match.group(3) is not None and raw.lower() == "or" and positives:
            pending_or = True
            continue
        words = _WORD.findall(raw)
        if not words:
            continue
        phrase = '"' + " ".join(words) + '"'
        if negate:
            negatives.append(phrase)
        elif pending_or:
            positives[-1] = f"({positives[-1]} OR {phrase})"
            pending_or = False
        else:
            positives.append(phrase)
    if not positives:
        return None
    expression = " AND ".join(positives)
    if negatives:
        expression = f"({expression}) NOT ({' OR '.join(negatives)})"
    return f"{column} : ({expression})"


def _text_search(query, session: Session, search: str, privileged: bool):
    """Full-text search in comments and free-text answers: PostgreSQL's text search, SQLite's
    FTS5 tables. A record matches when its comment, or one of its answers, has every word.

    Roles that see redacted text search the redacted text, so a search for a name cannot
    reveal which comment mentions it.
    """
    if session.get_bind().dialect.name == "postgresql":
        english = literal_column("'english'::regconfig")
        terms = func.websearch_to_tsquery(english, search)

        def matches(column):
            return func.to_tsvector(english, func.coalesce(column, "")).op("@@")(terms)

        comment = Feedback.comment if privileged else Feedback.comment_redacted
        answer = FeedbackAnswer.answer_text if privileged else FeedbackAnswer.answer_text_redacted
        # A union of two index scans (each side uses its GIN index), not an OR across tables.
        found = union(
            select(Feedback.id).where(matches(comment)),
            select(FeedbackAnswer.feedback_id).where(matches(answer)),
        )
        return query.where(Feedback.id.in_(found))
    suffix = "" if privileged else "_redacted"
    in_comments = fts5_query(search, f"comment{suffix}")
    in_answers = fts5_query(search, f"answer_text{suffix}")
    if in_comments is None or in_answers is None:
        return query
    found = (
        text(
            "SELECT feedback_id FROM feedback_fts WHERE feedback_fts MATCH :fts_comment "
            "UNION SELECT feedback_id FROM feedback_answer_fts "
            "WHERE feedback_answer_fts MATCH :fts_answer"
        )
        .bindparams(fts_comment=in_comments, fts_answer=in_answers)
        .columns(column("feedback_id"))
    )
    return query.where(Feedback.id.in_(found))


def _filtered(query, filters: FeedbackFilters, session: Session, privileged: bool):
    if filters.channel is not None:
        query = query.where(Feedback.channel == filters.channel.value)
    if filters.ward_code:
        query = query.where(Feedback.ward_code == filters.ward_code)
    if filters.site_code:
        query = query.where(Feedback.site_code == filters.site_code)
    if filters.fft_answer is not None:
        query = query.where(Feedback.fft_answer == int(filters.fft_answer))
    if filters.fft_setting is not None:
        query = query.where(Feedback.fft_setting == filters.fft_setting.value)
    if filters.respondent_type is not None:
        query = query.where(Feedback.respondent_type == filters.respondent_type.value)
    if filters.has_comment is True:
        query = query.where(Feedback.comment.is_not(None))
    elif filters.has_comment is False:
        query = query.where(Feedback.comment.is_(None))
    if filters.received_from:
        start = dt.datetime.combine(filters.received_from, dt.time(), tzinfo=dt.UTC)
        query = query.where(Feedback.received_at >= start)
    if filters.received_to:
        end = dt.datetime.combine(filters.received_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(Feedback.received_at < end)
    if filters.text:
        query = _text_search(query, session, filters.text, privileged)
    if filters.critical is not None:
        # The label's ``critical`` is the value as it stands: a person's correction wins over the
        # model. A record not analysed yet has no label, so it is not (yet) critical.
        flagged = exists().where(FeedbackLabel.feedback_id == Feedback.id, FeedbackLabel.critical)
        query = query.where(flagged if filters.critical else ~flagged)
    return query


@dataclass(frozen=True)
class Cursor:
    received_at: dt.datetime
    id: uuid.UUID
    backwards: bool = False

    def encode(self) -> str:
        raw = json.dumps(
            {"t": self.received_at.isoformat(), "i": str(self.id), "b": self.backwards},
            separators=(",", ":"),
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            padded = value + "=" * (-len(value) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode()))
            received = dt.datetime.fromisoformat(data["t"])
            if received.tzinfo is None:
                raise ValueError("naive")
            return cls(received, uuid.UUID(data["i"]), bool(data.get("b", False)))
        except (ValueError, KeyError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
            raise Unprocessable(
                errors=[field_error("cursor", "The cursor is not one this API gave out.")]
            ) from exc


@dataclass
class Page:
    rows: list[Feedback]
    count: int
    next_cursor: str | None
    previous_cursor: str | None


def _base(session: Session, principal: Principal, filters: FeedbackFilters):
    return _filtered(
        _scoped(select(Feedback), principal), filters, session, sees_personal_data(principal)
    )


def list_feedback(
    session: Session,
    principal: Principal,
    filters: FeedbackFilters,
    *,
    limit: int,
    offset: int = 0,
    cursor: str | None = None,
) -> Page:
    """Newest first. With a cursor, the page after (or before) it; otherwise from ``offset``."""
    base = _base(session, principal, filters)
    count = session.exec(select(func.count()).select_from(base.subquery())).one()
    position = Cursor.decode(cursor) if cursor else None
    newest_first = (Feedback.received_at.desc(), Feedback.id.desc())
    if position is None:
        rows = list(session.exec(base.order_by(*newest_first).limit(limit + 1).offset(offset)))
        more = len(rows) > limit
        rows = rows[:limit]
        has_previous = offset > 0
        has_next = more
    elif not position.backwards:
        after = or_(
            Feedback.received_at < position.received_at,
            and_(Feedback.received_at == position.received_at, Feedback.id < position.id),
        )
        rows = list(session.exec(base.where(after).order_by(*newest_first).limit(limit + 1)))
        has_next = len(rows) > limit
        rows = rows[:limit]
        has_previous = True
    else:
        before = or_(
            Feedback.received_at > position.received_at,
            and_(Feedback.received_at == position.received_at, Feedback.id > position.id),
        )
        oldest_first = (Feedback.received_at.asc(), Feedback.id.asc())
        rows = list(session.exec(base.where(before).order_by(*oldest_first).limit(limit + 1)))
        has_previous = len(rows) > limit
        rows = list(reversed(rows[:limit]))
        has_next = True
    next_cursor = Cursor(rows[-1].received_at, rows[-1].id).encode() if rows and has_next else None
    previous_cursor = (
        Cursor(rows[0].received_at, rows[0].id, backwards=True).encode()
        if rows and has_previous
        else None
    )
    return Page(rows, count, next_cursor, previous_cursor)


def iter_feedback(
    session: Session, principal: Principal, filters: FeedbackFilters, *, batch: int = 500
) -> Iterator[Feedback]:
    """Every matching record, newest first, read in keyset batches (for exports)."""
    base = _base(session, principal, filters).order_by(
        Feedback.received_at.desc(), Feedback.id.desc()
    )
    last: Feedback | None = None
    while True:
        query = base
        if last is not None:
            query = query.where(
                or_(
                    Feedback.received_at < last.received_at,
                    and_(Feedback.received_at == last.received_at, Feedback.id < last.id),
                )
            )
        rows = list(session.exec(query.limit(batch)))
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1]
        session.expunge_all()


def get_feedback(session: Session, principal: Principal, feedback_id: uuid.UUID) -> Feedback | None:
    query = _scoped(select(Feedback).where(Feedback.id == feedback_id), principal)
    return session.exec(query).first()


def ward_names(session: Session) -> dict[str, str]:
    return {w.code: w.name for w in session.exec(select(Ward))}
