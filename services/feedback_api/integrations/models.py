"""API keys for integrations and webhook subscriptions (feedback_api owns both)."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id
from services.feedback_api.base import FeedbackTable


class ApiKey(FeedbackTable, table=True):
    """An integration's key: the id is stored in clear (it is the lookup), the secret hashed."""

    __tablename__ = "api_key"

    id: str = Field(primary_key=True, max_length=16)
    name: str = Field(max_length=100)
    secret_hash: str = Field(max_length=64)
    channels: list[str] = Field(default_factory=list, sa_type=JSONType)
    created_by: str = Field(max_length=120)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by: str | None = Field(default=None, max_length=120)


class WebhookEvent(StrEnum):
    """The events an integration may subscribe to. ``action.completed`` happens in actions_api,
    which hands it over to be delivered (see ``webhooks.relay``)."""

    feedback_received = "feedback.received"
    case_status_changed = "case.status_changed"
    action_completed = "action.completed"


class WebhookSubscription(FeedbackTable, table=True):
    """A URL that receives signed JSON POSTs for the events it subscribed to."""

    __tablename__ = "webhook_subscription"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=100)
    url: str = Field(max_length=2000)
    events: list[str] = Field(default_factory=list, sa_type=JSONType)
    # Kept as given: signing needs the secret itself, so it cannot be stored as a one-way hash.
    # It is shown to the administrator once and never returned by the API afterwards.
    secret: str = Field(max_length=100)
    created_by: str = Field(max_length=120)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_delivered_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_failed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)
