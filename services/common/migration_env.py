"""The body of every service's Alembic ``env.py``: online migrations on the given connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData

from services.common.db import make_engine

# Search structures a migration creates outside the models: SQLite's FTS5 tables and their
# shadow tables (feedback_fts, feedback_fts_data ...) and PostgreSQL's text-search expression
# indexes (ix_feedback_comment_fts ...). Autogenerate and the models-vs-migrations check leave
# them alone.
UNMANAGED_TABLE_MARKER = "_fts"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    unmanaged = type_ in ("table", "index") and name is not None
    return not (unmanaged and UNMANAGED_TABLE_MARKER in name)


def run(service: str, metadata: MetaData) -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or "", service)
        with engine.begin() as connection:
            _configure_and_run(service, metadata, connection)
        engine.dispose()
    else:
        _configure_and_run(service, metadata, connection)


def _configure_and_run(service: str, metadata: MetaData, connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=f"alembic_version_{service}",
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
