"""Fresh test databases: PostgreSQL when HEARD_TEST_DATABASE_URL names a server, else SQLite."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.common.db import normalise_url

SERVICES = ("portal", "feedback", "actions")


def server_url() -> str | None:
    url = os.environ.get("HEARD_TEST_DATABASE_URL", "").strip()
    return normalise_url(url) if url else None


def on_postgres() -> bool:
    return server_url() is not None


def create_database(label: str, sqlite_dir: Path) -> str:
    """A new, empty database; its URL. On SQLite, a new file under ``sqlite_dir``."""
    server = server_url()
    if server is None:
        sqlite_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{sqlite_dir / f'{label}-{uuid.uuid4().hex[:8]}.db'}"
    name = f"heard_test_{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    server = server_url()
    if server is None or not url.startswith("postgresql"):
        return
    name = make_url(url).database
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
