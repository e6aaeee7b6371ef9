"""Alembic, one environment per service: ``migrations/<service>/``, each with its own version table.

``python -m services.common.migrate upgrade|downgrade|current|revision <service> [...]``
"""

from __future__ import annotations

import sys
from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from services.common.db import ensure_schema, make_engine, normalise_url
from services.common.settings import REPO_ROOT

MIGRATIONS_DIR = REPO_ROOT / "migrations"
SERVICES = ("portal", "feedback", "actions")


def version_table(service: str) -> str:
    return f"alembic_version_{service}"


def alembic_config(service: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR / service))
    config.set_main_option("sqlalchemy.url", normalise_url(database_url).replace("%", "%%"))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(slug)s")
    config.attributes["service"] = service
    return config


def upgrade(service: str, database_url: str, revision: str = "heads") -> None:
    engine = make_engine(database_url, service)
    try:
        ensure_schema(engine, service)
        config = alembic_config(service, database_url)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def downgrade(service: str, database_url: str, revision: str = "base") -> None:
    engine = make_engine(database_url, service)
    try:
        config = alembic_config(service, database_url)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


@lru_cache
def head_revisions(service: str) -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config(service, "sqlite://"))
    return frozenset(script.get_heads())


def head_revision(service: str) -> str | None:
    """The single head (a test keeps each service at one); several are joined with '+'."""
    return "+".join(sorted(head_revisions(service))) or None


def current_revisions(engine: Engine, service: str) -> frozenset[str]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": version_table(service)}
        )
        return frozenset(context.get_current_heads())


def current_revision(engine: Engine, service: str) -> str | None:
    return "+".join(sorted(current_revisions(engine, service))) or None


def main(argv: list[str]) -> int:
    from services.common.settings import VAR_DIR

    if len(argv) < 2 or argv[0] not in ("upgrade", "downgrade", "current", "revision"):
        print(__doc__, file=sys.stderr)
        return 2
    action, service = argv[0], argv[1]
    import os

    prefix = {"portal": "PORTAL", "feedback": "FEEDBACK", "actions": "ACTIONS"}[service]
    url = os.environ.get(f"HEARD_{prefix}_DATABASE_URL") or f"sqlite:///{VAR_DIR / service}.db"
    if action == "upgrade":
        upgrade(service, url, argv[2] if len(argv) > 2 else "heads")
    elif action == "downgrade":
        downgrade(service, url, argv[2] if len(argv) > 2 else "base")
    elif action == "current":
        engine = make_engine(url, service)
        print(current_revision(engine, service))
    else:
        message = argv[2] if len(argv) > 2 else "change"
        engine = make_engine(url, service)
        config = alembic_config(service, url)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
