from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import (
    AnyHttpUrl,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

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


# Events other services own, handed to feedback_api to send to the webhooks subscribed to them.
# Their fields are fixed (unknown ones are refused), so no name or narrative can ride along.

Code = Annotated[str, StringConstraints(min_length=1, max_length=20)]


class ActionCompletedData(BaseModel):
    """Which action of which plan was completed, where and when. Never the lead, the people
    the action names, a status reason or a progress note."""

    model_config = ConfigDict(extra="forbid")

    action_id: uuid.UUID
    reference: str = Field(max_length=40, description="The action's reference in its plan")
    title: str = Field(
        min_length=1, max_length=5000, description="The action, with people's names taken out"
    )
    strategy_id: uuid.UUID
    strategy_title: str | None = Field(default=None, max_length=300)
    commitment_id: uuid.UUID | None = Field(
        default=None, description="The pledge, aim or promise the action serves"
    )
    previous_status: str | None = Field(
        default=None, max_length=30, description="None when the action was added complete"
    )
    status: Literal["complete"]
    wards: list[Code] = Field(default_factory=list, max_length=200)
    directorates: list[Code] = Field(default_factory=list, max_length=100)
    completed_at: AwareDatetime
    portal_path: str = Field(
        max_length=200,
        pattern=r"^/[A-Za-z0-9/_-]*$",
        description="The action's page in the portal, e.g. /staff/actions/<id>",
    )


class ActionCompletedEvent(BaseModel):
    """``action.completed``, from actions_api."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID = Field(
        description="Made where the event happened and kept across retries: a repeat of an id "
        "queues nothing new, and subscribers see it as the event's id"
    )
    type: Literal["action.completed"]
    created_at: AwareDatetime
    data: ActionCompletedData


# A union on ``type`` once another service hands over events of its own.
RelayedEvent = ActionCompletedEvent


class RelayedEventAccepted(BaseModel):
    id: uuid.UUID
    type: WebhookEvent
    queued: int = Field(description="Deliveries this request queued, one per new subscriber")
    already_queued: int = Field(
        description="Subscribers that already had this event queued (the request was a repeat)"
    )
