"""Settings shared by every Heard service.

Each service subclasses :class:`ServiceSettings` with its own environment prefix
(``HEARD_PORTAL_``, ``HEARD_FEEDBACK_``, ``HEARD_ACTIONS_``), so one process environment can
hold all three services' configuration without collisions.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
VAR_DIR = REPO_ROOT / "var"


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class ServiceSettings(BaseSettings):
    """Configuration common to all services; read from the environment."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    # The short name used in tokens (``iss``/``aud``), key file names and the database schema.
    service_name: str = Field(default="", exclude=True)

    environment: Environment = Environment.development
    database_url: str = ""
    # Fixes "today" for demo data, overdue rules and tests; unset means the real date.
    today: dt.date | None = None
    log_level: str = "INFO"
    log_json: bool = True

    # Service tokens: this service's private key, and the public keys of the callers it trusts.
    keys_dir: Path = VAR_DIR / "keys"
    signing_key: str | None = None
    trusted_keys: dict[str, list[str]] = Field(default_factory=dict)

    # Limits (DECISIONS.md): a request body 1 MiB, a batch or import 10 MiB.
    max_body_bytes: int = 1024 * 1024
    max_batch_bytes: int = 10 * 1024 * 1024
    max_comment_chars: int = 5000

    @model_validator(mode="after")
    def _default_database(self) -> ServiceSettings:
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{VAR_DIR / self.service_name}.db")
        return self

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.production

    def private_key_pem(self) -> str:
        """This service's signing key, from the setting or, outside production, the key file."""
        if self.signing_key:
            return self.signing_key
        path = self.keys_dir / f"{self.service_name}.pem"
        if path.exists():
            return path.read_text()
        raise RuntimeError(
            f"No signing key for {self.service_name}: set HEARD_..._SIGNING_KEY or create {path} "
            "with `python -m services.common.keys generate`."
        )

    def trusted_public_keys(self, issuers: list[str]) -> dict[str, list[str]]:
        """Public keys per trusted issuer; several per issuer so keys can be rotated."""
        if self.trusted_keys:
            return {issuer: self.trusted_keys.get(issuer, []) for issuer in issuers}
        found: dict[str, list[str]] = {}
        for issuer in issuers:
            files = sorted(self.keys_dir.glob(f"{issuer}*.pub"))
            found[issuer] = [f.read_text() for f in files]
        return found
