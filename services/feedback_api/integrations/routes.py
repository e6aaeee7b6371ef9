"""Administrators' routes for API keys and webhook subscriptions (the portal's admin pages), and
the internal route other services hand their webhook events over by."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from services.common.problems import Forbidden, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api.deps import ClockDep, SessionDep, SettingsDep
from services.feedback_api.integrations import policies, service, webhooks
from services.feedback_api.integrations.models import WebhookEvent
from services.feedback_api.integrations.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyList,
    ApiKeyPublic,
    RelayedEvent,
    RelayedEventAccepted,
    WebhookCreate,
    WebhookCreated,
    WebhookList,
)

router = APIRouter(prefix="/v1/admin", tags=["integrations"])
Admin = Annotated[Principal, Depends(policies.manage_integrations)]
Relayer = Annotated[Principal, Depends(policies.relay_webhook_events)]
KeyId = Annotated[str, Path(max_length=16, pattern=r"^[0-9a-f]{16}$")]


@router.post(
    "/api-keys",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Unprocessable),
)
def create_api_key(
    data: ApiKeyCreate, session: SessionDep, clock: ClockDep, caller: Admin
) -> ApiKeyCreated:
    """Create an API key scoped to channels. The key is in this answer only: Heard keeps its
    hash, so it cannot be shown again."""
    return service.create_key(session, data, created_by=service.actor(caller), clock=clock)


@router.get("/api-keys")
def list_api_keys(session: SessionDep, _caller: Admin) -> ApiKeyList:
    """Every API key, active first, with when it was last used."""
    keys = service.list_keys(session)
    return ApiKeyList(data=[service.key_public(k) for k in keys], count=len(keys))


@router.get("/api-keys/{key_id}", responses=problem_responses(NotFound))
def get_api_key(key_id: KeyId, session: SessionDep, _caller: Admin) -> ApiKeyPublic:
    """One API key (never its secret)."""
    return service.key_public(service.get_key(session, key_id))


@router.post("/api-keys/{key_id}/revoke", responses=problem_responses(NotFound))
def revoke_api_key(
    key_id: KeyId, session: SessionDep, clock: ClockDep, caller: Admin
) -> ApiKeyPublic:
    """Revoke a key: from now on it gets 401."""
    key = service.revoke_key(session, key_id, revoked_by=service.actor(caller), clock=clock)
    return service.key_public(key)


@router.post(
    "/webhooks",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Unprocessable),
)
def create_webhook(
    data: WebhookCreate,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Admin,
) -> WebhookCreated:
    """Subscribe a URL to events. The signing secret is in this answer only."""
    return service.create_webhook(
        session,
        data,
        created_by=service.actor(caller),
        clock=clock,
        allow_plain_http=not settings.is_production,
    )


@router.get("/webhooks")
def list_webhooks(session: SessionDep, _caller: Admin) -> WebhookList:
    """Every webhook subscription, with its last delivery and last failure."""
    subscriptions = service.list_webhooks(session)
    return WebhookList(
        data=[service.webhook_public(s) for s in subscriptions], count=len(subscriptions)
    )


@router.delete(
    "/webhooks/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(NotFound),
)
def delete_webhook(subscription_id: uuid.UUID, session: SessionDep, _caller: Admin) -> Response:
    """Stop sending events to this URL."""
    service.delete_webhook(session, subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


events_router = APIRouter(prefix="/v1", tags=["integrations"])


@events_router.post(
    "/webhook-events",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(Forbidden, Unprocessable),
)
def relay_webhook_event(
    event: RelayedEvent, session: SessionDep, _caller: Relayer
) -> RelayedEventAccepted:
    """For Heard's services only (actions_api's service token; users and API keys get 403):
    queue a signed delivery of an event that happened there (``action.completed``) to every
    webhook subscribed to its type. Safe to repeat: a subscriber already given this event id
    gets nothing new."""
    relayed = webhooks.relay_once(session, event.model_dump(mode="json"))
    return RelayedEventAccepted(
        id=event.id,
        type=WebhookEvent(event.type),
        queued=relayed.queued,
        already_queued=relayed.already_queued,
    )
