"""Each service's migrations: one head, upgrade/downgrade/upgrade, and models that match."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from services.actions_api.models import metadata as actions_metadata
from services.common.db import make_engine
from services.common.migrate import (
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
    version_table,
)
from services.common.migration_env import include_name
from services.feedback_api.models import metadata as feedback_metadata
from services.portal.models import metadata as portal_metadata
from tests.support.databases import create_database, drop_database, on_postgres

METADATA = {"portal": portal_metadata, "feedback": feedback_metadata, "actions": actions_metadata}


@pytest.fixture(params=sorted(METADATA))
def service(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def empty_database(tmp_path: Path, service: str):
    url = create_database(f"mig_{service}", tmp_path)
    yield url
    drop_database(url)


def test_each_service_has_a_single_migration_head(service: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(service, "sqlite://"))
    assert len(script.get_heads()) == 1


def test_upgrade_downgrade_upgrade_leaves_the_schema_at_head(
    service: str, empty_database: str
) -> None:
    upgrade(service, empty_database)
    engine = make_engine(empty_database, service)
    try:
        assert current_revision(engine, service) == head_revision(service)
        tables = set(inspect(engine).get_table_names(schema=service if on_postgres() else None))
        assert set(METADATA[service].tables) <= tables

        downgrade(service, empty_database)
        tables = set(inspect(engine).get_table_names(schema=service if on_postgres() else None))
        assert tables <= {version_table(service)}

        upgrade(service, empty_database)
        assert current_revision(engine, service) == head_revision(service)
    finally:
        engine.dispose()


def test_models_and_migrations_agree(service: str, empty_database: str) -> None:
    upgrade(service, empty_database)
    engine = make_engine(empty_database, service)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "version_table": version_table(service),
                    "include_name": include_name,
                },
            )
            differences = compare_metadata(context, METADATA[service])
        assert differences == []
    finally:
        engine.dispose()


def test_on_postgres_each_service_keeps_its_tables_in_its_own_schema(tmp_path: Path) -> None:
    if not on_postgres():
        pytest.skip("schemas are a PostgreSQL feature; SQLite keeps a file per service")
    url = create_database("schemas", tmp_path)
    try:
        for service in METADATA:
            upgrade(service, url)
        engine = make_engine(url, "feedback")
        inspector = inspect(engine)
        for service, metadata in METADATA.items():
            assert set(metadata.tables) <= set(inspector.get_table_names(schema=service))
        engine.dispose()
    finally:
        drop_database(url)
