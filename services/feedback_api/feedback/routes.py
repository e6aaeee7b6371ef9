from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, StreamingResponse
from sqlmodel import Session

from services.common.fft import FftAnswer
from services.common.problems import (
    Conflict,
    NotFound,
    PayloadTooLarge,
    Unprocessable,
    problem_responses,
)
from services.common.tokens import Principal
from services.feedback_api import policies
from services.feedback_api.deps import ClockDep, SessionDep, SettingsDep
from services.feedback_api.feedback import service
from services.feedback_api.feedback.models import Channel, FftSetting, RespondentType
from services.feedback_api.feedback.schemas import (
    FeedbackCreate,
    FeedbackDetail,
    FeedbackList,
    FeedbackPublic,
)
from services.feedback_api.idempotency import service as idempotency

router = APIRouter(prefix="/v1/feedback", tags=["feedback"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Optional. A retry with the same key and body returns the first result.",
    ),
]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedbackPublic,
    responses=problem_responses(Unprocessable, Conflict, PayloadTooLarge),
)
def create_feedback(
    data: FeedbackCreate,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Annotated[Principal, Depends(policies.submit_feedback)],
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Record one piece of feedback from a patient, a member of staff or an integration.

    Answers to other questions, the respondent type, contact details (only with consent),
    equality monitoring and accessible-information needs may come with it. The response shows
    the comment redacted unless the caller is a PALS officer or patient experience manager.
    """
    service.validate(session, data, max_comment_chars=settings.max_comment_chars)
    record = None
    if idempotency_key is not None:
        claimed = idempotency.claim(
            session,
            service.caller_name(caller),
            idempotency_key,
            data.model_dump(mode="json", exclude_unset=True),
        )
        if isinstance(claimed, idempotency.Replay):
            return JSONResponse(claimed.body, status_code=claimed.status_code)
        record = claimed
    try:
        feedback = service.build(session, data, caller, clock)
        session.add(feedback)
        session.flush()
        body = jsonable_encoder(
            service.to_public(
                feedback,
                service.ward_names(session),
                privileged=service.sees_personal_data(caller),
            )
        )
        if record is not None:
            idempotency.complete(session, record, status.HTTP_201_CREATED, body)
        session.commit()
    except Exception:
        if record is not None:
            idempotency.release(session, record)
        raise
    return JSONResponse(body, status_code=status.HTTP_201_CREATED)


def feedback_filters(
    channel: Annotated[Channel | None, Query(description="One channel")] = None,
    ward_code: Annotated[str | None, Query(max_length=20)] = None,
    site_code: Annotated[str | None, Query(max_length=10)] = None,
    fft_answer: FftAnswer | None = None,
    fft_setting: FftSetting | None = None,
    respondent_type: RespondentType | None = None,
    has_comment: Annotated[
        bool | None, Query(description="Only with (or without) a comment")
    ] = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    critical: Annotated[
        bool | None,
        Query(description="Only records flagged (or not flagged) as needing urgent attention"),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description='Words to find in comments: all must appear; "a phrase", or, -exclude',
        ),
    ] = None,
) -> service.FeedbackFilters:
    if received_from and received_to and received_to < received_from:
        raise Unprocessable(
            errors=[{"field": "received_to", "message": "received_to is before received_from."}]
        )
    return service.FeedbackFilters(
        channel=channel,
        ward_code=ward_code or None,
        site_code=site_code or None,
        fft_answer=fft_answer,
        fft_setting=fft_setting,
        respondent_type=respondent_type,
        has_comment=has_comment,
        received_from=received_from,
        received_to=received_to,
        critical=critical,
        text=q.strip() if q and q.strip() else None,
    )


FiltersDep = Annotated[service.FeedbackFilters, Depends(feedback_filters)]


@router.get("", response_model=FeedbackList, responses=problem_responses(Unprocessable))
def list_feedback(
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_feedback)],
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[
        str | None,
        Query(max_length=200, description="next_cursor or previous_cursor of another page"),
    ] = None,
    offset: Annotated[
        int, Query(ge=0, deprecated=True, description="Use cursor instead; ignored with one")
    ] = 0,
) -> FeedbackList:
    """Feedback in the caller's scope, newest first, filtered and paged by cursor.

    Comments are redacted unless the caller is a PALS officer or patient experience manager;
    contact details never appear here.
    """
    page = service.list_feedback(
        session, caller, filters, limit=limit, offset=0 if cursor else offset, cursor=cursor
    )
    names = service.ward_names(session)
    privileged = service.sees_personal_data(caller)
    people = None if privileged else service.known_names(session)
    return FeedbackList(
        data=[
            service.to_public(row, names, privileged=privileged, names=people) for row in page.rows
        ],
        count=page.count,
        limit=limit,
        offset=0 if cursor else offset,
        next_cursor=page.next_cursor,
        previous_cursor=page.previous_cursor,
    )


EXPORT_COLUMNS = [
    "id",
    "received_at",
    "channel",
    "fft_setting",
    "site_code",
    "ward_code",
    "ward_name",
    "fft_answer",
    "fft_answer_label",
    "collection_mode",
    "national_mode",
    "respondent_type",
    "language",
    "comment",
    "comment_is_redacted",
    "is_demo",
]


def _csv_rows(
    session: Session,
    caller: Principal,
    filters: service.FeedbackFilters,
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    names = service.ward_names(session)
    privileged = service.sees_personal_data(caller)
    people = None if privileged else service.known_names(session)
    try:
        for count, row in enumerate(service.iter_feedback(session, caller, filters), start=1):
            public = service.to_public(row, names, privileged=privileged, names=people)
            values = public.model_dump(mode="json")
            writer.writerow(["" if values[c] is None else values[c] for c in EXPORT_COLUMNS])
            if count % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    finally:
        # The request's session may already have been closed; this releases what we re-opened.
        session.close()


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, **problem_responses(Unprocessable)},
)
def export_feedback(
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_feedback)],
    filters: FiltersDep,
) -> StreamingResponse:
    """The same records as the list, with the same filters, as CSV (streamed).

    Comments are redacted unless the caller is a PALS officer or patient experience manager;
    contact details and equality data are never exported here.
    """
    return StreamingResponse(
        _csv_rows(session, caller, filters),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


@router.get("/{feedback_id}", responses=problem_responses(NotFound))
def get_feedback(
    feedback_id: uuid.UUID,
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_feedback)],
) -> FeedbackDetail:
    """One piece of feedback with its answers, if it is in the caller's scope.

    PALS officers and patient experience managers also see the original text, equality
    monitoring and accessible-information needs; others see redacted text and null for those.
    """
    feedback = service.get_feedback(session, caller, feedback_id)
    if feedback is None:
        raise NotFound("No feedback with this id in your scope.")
    return service.to_detail(session, feedback, caller, service.ward_names(session))
