"""Test fixtures: real databases migrated once per run, each test in a rolled-back transaction,
the three apps in process (the portal's clients pointed at the real API apps)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from services.actions_api.app import create_app as create_actions_app
from services.actions_api.settings import ActionsSettings
from services.common.app import get_session
from services.common.clock import Clock
from services.common.db import make_engine
from services.common.keys import generate
from services.common.migrate import upgrade
from services.common.roles import Role
from services.common.tokens import Principal, Scope, TokenIssuer
from services.feedback_api import demo as feedback_demo
from services.feedback_api.app import create_app as create_feedback_app
from services.feedback_api.settings import FeedbackSettings
from services.portal import demo as portal_demo
from services.portal.app import create_app as create_portal_app
from services.portal.settings import PortalSettings
from tests.support.databases import SERVICES, create_database, drop_database
from tests.support.stack import Stack, start_stack

pytest_plugins = ["tests.support.browser"]

os.environ.setdefault("HEARD_PORTAL_LOG_JSON", "true")


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("keys")
    generate(directory)
    return directory


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One database per service (on PostgreSQL all three share one, in their own schemas)."""
    sqlite_dir = tmp_path_factory.mktemp("db")
    if os.environ.get("HEARD_TEST_DATABASE_URL"):
        shared = create_database("main", sqlite_dir)
        urls = dict.fromkeys(SERVICES, shared)
    else:
        urls = {service: create_database(service, sqlite_dir) for service in SERVICES}
    for service, url in urls.items():
        upgrade(service, url)
    yield urls
    for url in set(urls.values()):
        drop_database(url)


@pytest.fixture(scope="session")
def settings(database_urls: dict[str, str], keys_dir: Path) -> dict[str, object]:
    common = {"environment": "test", "keys_dir": keys_dir, "log_json": True, "log_level": "WARNING"}
    return {
        "portal": PortalSettings(database_url=database_urls["portal"], **common),
        "feedback": FeedbackSettings(database_url=database_urls["feedback"], **common),
        "actions": ActionsSettings(database_url=database_urls["actions"], **common),
    }


@pytest.fixture(scope="session")
def engines(database_urls: dict[str, str]) -> Iterator[dict[str, Engine]]:
    engines = {service: make_engine(url, service) for service, url in database_urls.items()}
    yield engines
    for engine in engines.values():
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def base_data(engines: dict[str, Engine]) -> None:
    """The demo organisation and accounts, committed once: every test may rely on them."""
    with Session(engines["feedback"]) as session:
        feedback_demo.load_organisation(session)
    with Session(engines["portal"]) as session:
        portal_demo.load_users(session)


def _transactional_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test; the code under test
    may commit freely (its commits release savepoints)."""
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


@pytest.fixture
def feedback_session(engines: dict[str, Engine]) -> Iterator[Session]:
    yield from _transactional_session(engines["feedback"])


@pytest.fixture(scope="module")
def feedback_module_session(engines: dict[str, Engine]) -> Iterator[Session]:
    """One rolled-back feedback session for a whole module, for tests that only read what its
    fixtures set up once."""
    yield from _transactional_session(engines["feedback"])


@pytest.fixture
def portal_session(engines: dict[str, Engine]) -> Iterator[Session]:
    yield from _transactional_session(engines["portal"])


@pytest.fixture
def actions_session(engines: dict[str, Engine]) -> Iterator[Session]:
    yield from _transactional_session(engines["actions"])


@pytest.fixture(scope="session")
def feedback_app(settings, engines):
    return create_feedback_app(settings["feedback"], engine=engines["feedback"])


@pytest.fixture(scope="session")
def actions_app(settings, engines, feedback_app):
    return create_actions_app(
        settings["actions"],
        engine=engines["actions"],
        transports={"feedback": httpx.ASGITransport(app=feedback_app)},
    )


@pytest.fixture(scope="session")
def portal_app(settings, engines, feedback_app, actions_app):
    return create_portal_app(
        settings["portal"],
        engine=engines["portal"],
        transports={
            "feedback": httpx.ASGITransport(app=feedback_app),
            "actions": httpx.ASGITransport(app=actions_app),
        },
    )


def _provider(session: Session):
    def provide() -> Session:
        return session

    return provide


@pytest.fixture
def apps(feedback_app, actions_app, portal_app, feedback_session, actions_session, portal_session):
    """All three apps, each using this test's rolled-back session."""
    pairs = [
        (feedback_app, feedback_session),
        (actions_app, actions_session),
        (portal_app, portal_session),
    ]
    for app, session in pairs:
        app.dependency_overrides[get_session] = _provider(session)
    portal_app.state.organisation_cache.clear()
    yield {"feedback": feedback_app, "actions": actions_app, "portal": portal_app}
    for app, _ in pairs:
        app.dependency_overrides.clear()


@pytest.fixture
def feedback_today(apps):
    """Fix feedback_api's clock for one test: ``feedback_today(dt.date(...))``."""
    app = apps["feedback"]
    original = app.state.clock

    def set_today(day: dt.date) -> None:
        app.state.clock = Clock(day)

    yield set_today
    app.state.clock = original


@pytest.fixture
def feedback_api(apps) -> TestClient:
    return TestClient(apps["feedback"], raise_server_exceptions=False)


@pytest.fixture
def actions_api(apps) -> TestClient:
    return TestClient(apps["actions"], raise_server_exceptions=False)


@pytest.fixture
def portal(apps) -> TestClient:
    return TestClient(apps["portal"], raise_server_exceptions=False, follow_redirects=False)


@pytest.fixture(scope="session")
def portal_issuer(keys_dir: Path) -> TokenIssuer:
    return TokenIssuer("portal", (keys_dir / "portal.pem").read_text())


@pytest.fixture(scope="session")
def mint(portal_issuer: TokenIssuer):
    """``mint(audience, *roles, wards=..., sub=...)``: Authorization headers as the portal sends."""

    def _mint(
        audience: str = "feedback",
        *roles: Role,
        sub: str = "test-user",
        wards: tuple[str, ...] = (),
        directorates: tuple[str, ...] = (),
        sites: tuple[str, ...] = (),
    ) -> dict[str, str]:
        principal = None
        if roles or sub != "test-user":
            principal = Principal(
                sub=sub,
                name="Test User",
                roles=frozenset(r.value for r in roles),
                scope=Scope(frozenset(wards), frozenset(directorates), frozenset(sites)),
            )
        return {"Authorization": f"Bearer {portal_issuer.mint(audience, principal)}"}

    return _mint


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The three services and their workers as real processes, shared by every end-to-end and
    browser test of the run (each test uses data of its own)."""
    stack = start_stack(tmp_path_factory.mktemp("stack"))
    yield stack
    stack.shutdown()
