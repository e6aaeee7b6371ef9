"""API keys and webhook subscriptions: creation, revocation, lookup.

API keys look like ``hk_<id>_<secret>``. The id (16 hex characters) is stored in clear so a key
can be found in one primary-key lookup; the secret (32 random bytes from :mod:`secrets`) is
stored only as its SHA-256 digest. A slow password hash (argon2, bcrypt) protects low-entropy
secrets people choose; a 256-bit random secret cannot be guessed or brute-forced from its
digest, so a fast hash is enough and keeps every integration request cheap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import ipaddress
import secrets
import uuid
from urllib.parse import urlsplit

from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.problems import Forbidden, NotFound, Unprocessable, field_error
from services.common.tokens import Principal
from services.feedback_api.feedback.models import Channel
from services.feedback_api.integrations.models import ApiKey, WebhookEvent, WebhookSubscription
from services.feedback_api.integrations.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
)

KEY_PREFIX = "hk_"
# How stale last-used may get before a request writes it again (saves a write per request).
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def actor(principal: Principal) -> str:
    if principal.integration:
        return f"integration:{principal.integration}"
    return f"{principal.issuer}:{principal.sub}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_key(token: str) -> tuple[str, str] | None:
    """``hk_<id>_<secret>`` -> (id, secret); None for anything else."""
    if not token.startswith(KEY_PREFIX):
        return None
    key_id, sep, secret = token[len(KEY_PREFIX) :].partition("_")
    if not sep or len(key_id) != 16 or not secret or len(secret) > 100:
        return None
    return key_id, secret


def key_public(key: ApiKey) -> ApiKeyPublic:
    return ApiKeyPublic(
        id=key.id,
        prefix=f"{KEY_PREFIX}{key.id}_",
        name=key.name,
        channels=[Channel(c) for c in key.channels],
        created_by=key.created_by,
        created_at=key.created_at,
        last_used_at=key.last_used_at,
        revoked_at=key.revoked_at,
        revoked_by=key.revoked_by,
    )


def create_key(
    session: Session, data: ApiKeyCreate, *, created_by: str, clock: Clock
) -> ApiKeyCreated:
    """A new key; the whole key is in the answer and nowhere else, ever."""
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    key = ApiKey(
        id=key_id,
        name=data.name,
        secret_hash=_digest(secret),
        channels=sorted({c.value for c in data.channels}),
        created_by=created_by,
        created_at=clock.now(),
    )
    session.add(key)
    session.commit()
    return ApiKeyCreated(**key_public(key).model_dump(), key=f"{KEY_PREFIX}{key_id}_{secret}")


def list_keys(session: Session) -> list[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc())
    return list(session.exec(query))


def get_key(session: Session, key_id: str) -> ApiKey:
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound(f"No API key has the id {key_id}.")
    return key


def revoke_key(session: Session, key_id: str, *, revoked_by: str, clock: Clock) -> ApiKey:
    """Revoke a key at once; revoking twice keeps the first time."""
    key = get_key(session, key_id)
    if key.revoked_at is None:
        key.revoked_at = clock.now()
        key.revoked_by = revoked_by
        session.add(key)
        session.commit()
    return key


def resolve_key(session: Session, token: str, *, clock: Clock) -> Principal | None:
    """The principal for a valid, unrevoked key; None otherwise."""
    parts = split_key(token)
    if parts is None:
        return None
    key_id, secret = parts
    key = session.get(ApiKey, key_id)
    if key is None or not hmac.compare_digest(key.secret_hash, _digest(secret)):
        return None
    if key.revoked_at is not None:
        return None
    now = clock.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        key.last_used_at = now
        session.add(key)
        session.commit()
    return Principal(
        sub=f"api-key:{key.id}",
        name=key.name,
        issuer="integration",
        integration=key.id,
        channels=frozenset(key.channels),
    )


def allowed_channels_text(principal: Principal) -> str:
    return ", ".join(sorted(principal.channels)) or "none"


def channel_refusal(principal: Principal, channel: str) -> str | None:
    """Why an integration may not push ``channel``; None when it may (or is no integration)."""
    if principal.integration is None or channel in principal.channels:
        return None
    return (
        f"This API key may not push the channel {channel!r}. "
        f"Allowed: {allowed_channels_text(principal)}."
    )


def check_channel(principal: Principal, channel: str) -> None:
    refusal = channel_refusal(principal, channel)
    if refusal:
        raise Forbidden(refusal, allowed_channels=sorted(principal.channels))


# Webhooks


def _check_url(url: str, *, allow_plain_http: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    host = (parts.hostname or "").strip("[]")
    loopback = host == "localhost"
    with contextlib.suppress(ValueError):
        loopback = loopback or ipaddress.ip_address(host).is_loopback
    if not (allow_plain_http or loopback):
        raise Unprocessable(
            errors=[field_error("url", "Use an https:// address; deliveries carry patient words")]
        )


def webhook_public(subscription: WebhookSubscription) -> WebhookPublic:
    return WebhookPublic(
        id=subscription.id,
        name=subscription.name,
        url=subscription.url,
        events=[WebhookEvent(e) for e in subscription.events],
        created_by=subscription.created_by,
        created_at=subscription.created_at,
        last_delivered_at=subscription.last_delivered_at,
        last_failed_at=subscription.last_failed_at,
        last_error=subscription.last_error,
    )


def create_webhook(
    session: Session,
    data: WebhookCreate,
    *,
    created_by: str,
    clock: Clock,
    allow_plain_http: bool,
) -> WebhookCreated:
    url = str(data.url)
    _check_url(url, allow_plain_http=allow_plain_http)
    secret = "whsec_" + secrets.token_urlsafe(32)
    subscription = WebhookSubscription(
        name=data.name.strip() or "Webhook",
        url=url,
        events=sorted({e.value for e in data.events}),
        secret=secret,
        created_by=created_by,
        created_at=clock.now(),
    )
    session.add(subscription)
    session.commit()
    return WebhookCreated(**webhook_public(subscription).model_dump(), secret=secret)


def list_webhooks(session: Session) -> list[WebhookSubscription]:
    return list(
        session.exec(select(WebhookSubscription).order_by(WebhookSubscription.created_at.desc()))
    )


def delete_webhook(session: Session, subscription_id: uuid.UUID) -> None:
    """Stop deliveries to a URL (queued deliveries to it are dropped when they come due)."""
    subscription = session.get(WebhookSubscription, subscription_id)
    if subscription is None:
        raise NotFound(f"No webhook subscription has the id {subscription_id}.")
    session.delete(subscription)
    session.commit()
