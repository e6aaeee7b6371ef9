from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

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
from services.feedback_api.feedback.models import Channel
from services.feedback_api.feedback.schemas import FeedbackCreate, FeedbackList, FeedbackPublic
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
    """Record one piece of feedback from a patient, a member of staff or an integration."""
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
        body = jsonable_encoder(service.to_public(feedback, service.ward_names(session)))
        if record is not None:
            idempotency.complete(session, record, status.HTTP_201_CREATED, body)
        session.commit()
    except Exception:
        if record is not None:
            idempotency.release(session, record)
        raise
    return JSONResponse(body, status_code=status.HTTP_201_CREATED)


@router.get("", response_model=FeedbackList)
def list_feedback(
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_feedback)],
    channel: Channel | None = None,
    ward_code: Annotated[str | None, Query(max_length=20)] = None,
    site_code: Annotated[str | None, Query(max_length=10)] = None,
    fft_answer: FftAnswer | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Text to find in comments")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> FeedbackList:
    """Feedback in the caller's scope, newest first, filtered and paged."""
    filters = service.FeedbackFilters(
        channel=channel,
        ward_code=ward_code,
        site_code=site_code,
        fft_answer=fft_answer,
        received_from=received_from,
        received_to=received_to,
        text=q.strip() if q else None,
    )
    rows, count = service.list_feedback(session, caller, filters, limit=limit, offset=offset)
    names = service.ward_names(session)
    return FeedbackList(
        data=[service.to_public(row, names) for row in rows],
        count=count,
        limit=limit,
        offset=offset,
    )


@router.get("/{feedback_id}", responses=problem_responses(NotFound))
def get_feedback(
    feedback_id: uuid.UUID,
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_feedback)],
) -> FeedbackPublic:
    """One piece of feedback, if it is in the caller's scope."""
    feedback = service.get_feedback(session, caller, feedback_id)
    if feedback is None:
        raise NotFound("No feedback with this id in your scope.")
    return service.to_public(feedback, service.ward_names(session))
