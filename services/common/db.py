"""Database engines and sessions.

Every service owns one schema. On PostgreSQL its tables live in a schema named after the service
(``feedback``, ``actions``, ``portal``), reached through the connection's ``search_path``, so one
cluster or three can host them. On SQLite (the embedded default) each service has its own file.
Models carry no schema name, which keeps the same migrations valid on both engines.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, MetaData, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_registry() -> registry:
    """A registry (and so a metadata) of one service's own, so migrations never see another's."""
    return registry(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every engine (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# SQL NULL (not JSON null) for a missing value, on every engine.
JSONType = JSON(none_as_null=True)


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return url.startswith("sqlite")


def make_engine(url: str, schema: str, **kwargs: Any) -> Engine:
    """An engine whose connections see ``schema`` (PostgreSQL) or its own file (SQLite)."""
    url = normalise_url(url)
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _make_sqlite_transactional(engine)
        return engine

    engine = create_engine(url, pool_pre_ping=True, **kwargs)

    @event.listens_for(engine, "connect")
    def _set_search_path(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit so the setting outlives the connection's first transaction.
        previous = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f'SET search_path TO "{schema}"')
        dbapi_connection.autocommit = previous

    return engine


# How long a connection waits for another process's write to finish before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option that makes a SQLite transaction begin with the write lock (see begin_write).
_WRITE = "heard_sqlite_write"


def _make_sqlite_transactional(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, begin transactions, so SAVEPOINTs and rollbacks work.

    Several processes share each file (a service and its worker): WAL lets readers and one
    writer work at once, and the busy timeout makes a writer wait for another instead of failing.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def begin_write(session: Session) -> None:
    """Start the unit of work that reads and then writes, before its first read.

    On SQLite a transaction that began by reading cannot wait for the write lock: its first write
    fails at once with "database is locked" if another process (a worker) wrote meanwhile, however
    long the busy timeout. So a transaction that will write takes the lock as it begins (BEGIN
    IMMEDIATE), waiting up to the busy timeout for another writer, and reads the latest data. A
    transaction the session holds that has changed nothing yet (a page's look-up of the signed-in
    user) is ended first. Keep such a transaction short: never call another service inside it.
    On PostgreSQL, rows are locked as they are written, so nothing changes.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write must come before the unit of work changes anything")
        session.commit()
    session.connection(execution_options={_WRITE: True})


def ensure_schema(engine: Engine, schema: str) -> None:
    """Create the service's schema on PostgreSQL; SQLite has none to create."""
    if is_sqlite(engine):
        return
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))


def session_scope(engine: Engine) -> Iterator[Session]:
    """A session per request; the caller commits, anything uncommitted is rolled back."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
