from __future__ import annotations

import datetime as dt
import uuid

from pydantic import AnyHttpUrl, BaseModel, Field, field_validator

from services.feedback_api.feedback.models import Channel
from services.feedback_api.integrations.models import WebhookEvent


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What the key is for")
    channels: list[Channel] = Field(
        min_length=1, max_length=len(Channel), description="The channels the key may push"
    )

    @field_validator("name")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("Enter a name for the key")
        return value


class ApiKeyPublic(BaseModel):
    id: str
    prefix: str = Field(description="The start of the key, to recognise it: hk_<id>_")
    name: str
    channels: list[Channel]
    created_by: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    revoked_by: str | None


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The whole key. Shown this once: Heard keeps only its hash.")


class ApiKeyList(BaseModel):
    data: list[ApiKeyPublic]
    count: int


class WebhookCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    url: AnyHttpUrl = Field(description="Where to POST events (https, or http on loopback)")
    events: list[WebhookEvent] = Field(min_length=1, max_length=len(WebhookEvent))

    @field_validator("url")
    @classmethod
    def _length(cls, value: AnyHttpUrl) -> AnyHttpUrl:
        if len(str(value)) > 2000:
            raise ValueError("The URL is longer than 2,000 characters")
        return value


class WebhookPublic(BaseModel):
    id: uuid.UUID
    name: str
    url: str
    events: list[WebhookEvent]
    created_by: str
    created_at: dt.datetime
    last_delivered_at: dt.datetime | None
    last_failed_at: dt.datetime | None
    last_error: str | None


class WebhookCreated(WebhookPublic):
    secret: str = Field(
        description="The signing secret. Shown this once; check each delivery's Heard-Signature."
    )


class WebhookList(BaseModel):
    data: list[WebhookPublic]
    count: int
