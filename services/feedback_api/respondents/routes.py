"""Respondent details and the editable list of accessible-information needs."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import structlog
from fastapi import APIRouter, Depends, status
from fastapi.responses import Response

from services.common.problems import Conflict, Forbidden, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api import policies
from services.feedback_api.deps import ClockDep, SessionDep
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.respondents import service
from services.feedback_api.respondents.schemas import (
    AccessibleNeedCreate,
    AccessibleNeedPublic,
    AccessibleNeedUpdate,
    ContactPublic,
    RespondentDetailsIn,
)

router = APIRouter(prefix="/v1", tags=["respondents"])
log = structlog.get_logger(__name__)

# How long after giving feedback a patient may add the optional details on the public form.
FOLLOW_UP_WINDOW = dt.timedelta(hours=2)


@router.get(
    "/feedback/{feedback_id}/contact",
    responses=problem_responses(NotFound),
)
def get_contact_details(
    feedback_id: uuid.UUID,
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_contact_details)],
) -> ContactPublic:
    """The contact details a person gave, with consent, to be contacted about their feedback.

    Readable by PALS and complaints officers, who reply to people, and by patient experience
    managers, who may do everything in feedback (DECISIONS.md). Staff, matrons, board readers
    and administrators get 403. 404 when the person gave no contact details.
    """
    feedback = feedback_service.get_feedback(session, caller, feedback_id)
    if feedback is None:
        raise NotFound("No feedback with this id in your scope.")
    if feedback.contact is None:
        raise NotFound("The person who gave this feedback did not leave contact details.")
    # Every read of personal contact details is logged: who, which record.
    log.info(
        "contact_details_read",
        feedback_id=str(feedback_id),
        reader=feedback_service.caller_name(caller),
    )
    return service.contact_public(feedback.contact)


@router.post(
    "/feedback/{feedback_id}/respondent",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problem_responses(NotFound, Conflict, Unprocessable, Forbidden),
)
def add_respondent_details(
    feedback_id: uuid.UUID,
    data: RespondentDetailsIn,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.add_respondent_details)],
) -> Response:
    """Add who gave the feedback, contact details (with consent), equality monitoring and
    accessible-information needs to a record, once.

    The public form's optional second step: a patient (through the portal) may add details to
    feedback given anonymously through the portal in the last two hours. 409 when details were
    already given. Nothing is returned, so the route reveals nothing about the record.
    """
    feedback = session.get(Feedback, feedback_id)
    if caller.is_anonymous:
        recent = feedback is not None and clock.now() - feedback.created_at <= FOLLOW_UP_WINDOW
        if not recent or feedback.created_by != feedback_service.caller_name(caller):
            raise NotFound("No recent feedback with this id to add details to.")
    elif feedback is None or feedback_service.get_feedback(session, caller, feedback_id) is None:
        raise NotFound("No feedback with this id in your scope.")
    service.add_details(
        session,
        feedback,
        respondent_type=data.respondent_type.value if data.respondent_type else None,
        contact=data.contact,
        equality=data.equality,
        needs=data.accessible_needs,
        now=clock.now(),
    )
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/accessible-needs", dependencies=[Depends(policies.read_organisation)])
def list_accessible_needs(
    session: SessionDep, include_inactive: bool = False
) -> list[AccessibleNeedPublic]:
    """The accessible-information needs people can record, in the Accessible Information
    Standard's four categories (contact method, information format, communication
    professional, communication support)."""
    return [
        service.need_public(n)
        for n in service.list_needs(session, include_inactive=include_inactive)
    ]


@router.post(
    "/accessible-needs",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Conflict, Unprocessable),
)
def create_accessible_need(
    data: AccessibleNeedCreate,
    session: SessionDep,
    _caller: Annotated[Principal, Depends(policies.manage_organisation)],
) -> AccessibleNeedPublic:
    """Add a need to the list (administrators). 409 when the code exists."""
    return service.need_public(service.create_need(session, data))


@router.patch(
    "/accessible-needs/{code}",
    responses=problem_responses(NotFound, Unprocessable),
)
def update_accessible_need(
    code: str,
    data: AccessibleNeedUpdate,
    session: SessionDep,
    _caller: Annotated[Principal, Depends(policies.manage_organisation)],
) -> AccessibleNeedPublic:
    """Relabel, add a SNOMED CT code, or retire (``active: false``) a need (administrators).
    Retired needs stay on the records that have them but can no longer be chosen."""
    return service.need_public(service.update_need(session, code, data))
