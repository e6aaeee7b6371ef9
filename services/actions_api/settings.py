from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings


class ActionsSettings(ServiceSettings):
    """actions_api settings, from ``HEARD_ACTIONS_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="HEARD_ACTIONS_", extra="ignore", frozen=True)

    service_name: str = Field(default="actions", exclude=True)
    feedback_api_url: str = "http://127.0.0.1:8001"
    portal_url: str = "http://127.0.0.1:8000"
    api_timeout_seconds: float = 10.0
    max_evidence_bytes: int = 10 * 1024 * 1024
    # An open action with no progress update for this many days is escalated.
    missed_update_days: int = Field(default=30, ge=1)


@lru_cache
def get_settings() -> ActionsSettings:
    return ActionsSettings()
