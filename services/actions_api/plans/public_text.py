"""The text public pages show: pledges and actions redacted through feedback_api, so people's
names never appear there. Until a text has been checked it is not shown at all."""

from __future__ import annotations

from sqlmodel import Session, or_, select

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.plans.models import Action, ActionStatus, Commitment
from services.common.roles import Role
from services.common.tokens import Principal

# The identity actions_api uses for work no person is doing at the time (the worker).
SERVICE_PRINCIPAL = Principal(
    sub="actions-service",
    name="Heard actions service",
    roles=frozenset({Role.patient_experience_manager.value}),
    issuer="actions",
)


def known_names(session: Session) -> list[str]:
    """Names Heard knows are people's: every action's lead and the people its text names."""
    found: set[str] = set()
    for lead_name, people in session.exec(select(Action.lead_name, Action.people)):
        found.update(n.strip() for n in [lead_name, *(people or [])] if n and n.strip())
    return sorted(found)


async def refresh(
    session: Session, client: FeedbackApiClient, principal: Principal | None = None
) -> int:
    """Redact every pledge and action text not yet checked; returns how many were done.
    Raises DownstreamUnavailable when feedback_api cannot be reached (nothing is lost: the
    texts simply stay unpublished until the next try)."""
    principal = principal or SERVICE_PRINCIPAL
    names = known_names(session)
    done = 0
    for commitment in session.exec(select(Commitment).where(Commitment.public_title.is_(None))):
        commitment.public_title = (
            await client.redact(commitment.title, known_names=names, principal=principal)
        ).text
        if commitment.text:
            commitment.public_text = (
                await client.redact(commitment.text, known_names=names, principal=principal)
            ).text
        session.add(commitment)
        done += 1
    pending = select(Action).where(
        or_(
            Action.public_title.is_(None),
            (Action.status == ActionStatus.closed_without_change.value)
            & Action.public_status_reason.is_(None)
            & Action.status_reason.is_not(None),
        )
    )
    for action in session.exec(pending):
        action.public_title = (
            await client.redact(action.title, known_names=names, principal=principal)
        ).text
        if action.status_reason:
            action.public_status_reason = (
                await client.redact(action.status_reason, known_names=names, principal=principal)
            ).text
        session.add(action)
        done += 1
    session.commit()
    return done
