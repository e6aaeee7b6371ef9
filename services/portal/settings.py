from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings

PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "development-only-secret"}


class PortalSettings(ServiceSettings):
    """Portal settings, from ``HEARD_PORTAL_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="HEARD_PORTAL_", extra="ignore", frozen=True)

    service_name: str = Field(default="portal", exclude=True)
    feedback_api_url: str = "http://127.0.0.1:8001"
    actions_api_url: str = "http://127.0.0.1:8002"
    # Signs the CSRF cookie. Required outside development and test.
    secret_key: SecretStr = SecretStr("development-only-secret")
    session_hours: float = Field(default=8.0, gt=0, le=24 * 7)
    session_idle_minutes: float = Field(default=60.0, gt=0)
    # Secure cookies need HTTPS; development over plain http turns them off.
    cookie_secure: bool | None = None
    # Email (sent only by the portal): an SMTP server, or the log when no host is set.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "heard@localhost"
    api_timeout_seconds: float = 10.0
    # Sign-in attempts per account and per client address in the window, before 429.
    sign_in_attempts: int = 10
    sign_in_window_minutes: int = 15

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> PortalSettings:
        if self.is_production and self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS:
            raise ValueError("HEARD_PORTAL_SECRET_KEY must be set to a real secret in production")
        return self

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.is_production


@lru_cache
def get_settings() -> PortalSettings:
    return PortalSettings()
