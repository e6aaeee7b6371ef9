from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings


class FeedbackSettings(ServiceSettings):
    """feedback_api settings, from ``HEARD_FEEDBACK_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="HEARD_FEEDBACK_", extra="ignore", frozen=True)

    service_name: str = Field(default="feedback", exclude=True)
    # Idempotency keys are kept at least this long (the IETF draft asks for 24 hours).
    idempotency_retention_hours: int = 48
    max_batch_items: int = 1000


@lru_cache
def get_settings() -> FeedbackSettings:
    return FeedbackSettings()
