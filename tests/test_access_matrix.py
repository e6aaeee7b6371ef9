"""Every route states who may use it, and the APIs refuse callers without credentials."""

import uuid

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from services.common.auth import Policy, route_policy
from services.portal.deps import PagePolicy

# FastAPI's own documentation routes are public by design.
DOCUMENTATION = {"/docs", "/docs/oauth2-redirect", "/openapi.json", "/redoc"}
# Every service has at least these many routes; a walk that finds fewer has missed routers.
AT_LEAST = {"feedback": 40, "actions": 25, "portal": 30}


def page_policy(route: APIRoute) -> PagePolicy | None:
    stack = list(route.dependant.dependencies)
    while stack:
        dependency = stack.pop()
        if isinstance(dependency.call, PagePolicy):
            return dependency.call
        stack.extend(dependency.dependencies)
    return None


def api_routes(app) -> list[tuple[str, APIRoute]]:
    """(full path, route) for every route of the app, included routers' routes too."""
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.route
        if isinstance(route, APIRoute) and context.path not in DOCUMENTATION:
            found.append((context.path, route))
    return found


@pytest.mark.parametrize("service", ["feedback", "actions", "portal"])
def test_the_walk_finds_every_router(apps, service: str) -> None:
    paths = {path for path, _ in api_routes(apps[service])}
    assert len(paths) >= AT_LEAST[service]
    assert {"/healthz", "/readyz"} <= paths


@pytest.mark.parametrize("service", ["feedback", "actions"])
def test_every_api_route_declares_a_policy(apps, service: str) -> None:
    missing = [
        f"{sorted(r.methods)} {path}"
        for path, r in api_routes(apps[service])
        if route_policy(r) is None
    ]
    assert missing == []


def test_every_portal_page_declares_a_policy(apps) -> None:
    missing = []
    for path, route in api_routes(apps["portal"]):
        if path in ("/healthz", "/readyz"):
            assert isinstance(route_policy(route), Policy)
            continue
        if page_policy(route) is None and route_policy(route) is None:
            missing.append(f"{sorted(route.methods)} {path}")
    assert missing == []


def _concrete(path: str) -> str:
    """A path with every parameter filled (a uuid fits ids; codes accept any text)."""
    parts = []
    for part in path.split("/"):
        parts.append(str(uuid.uuid4()) if part.startswith("{") else part)
    return "/".join(parts)


@pytest.mark.parametrize("service", ["feedback", "actions"])
def test_every_non_open_api_route_answers_401_without_a_token(apps, service: str) -> None:
    client = TestClient(apps[service], raise_server_exceptions=False)
    checked = 0
    for path, route in api_routes(apps[service]):
        if route_policy(route).open:
            continue
        for method in route.methods:
            response = client.request(method, _concrete(path))
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.headers["content-type"] == "application/problem+json"
            checked += 1
    assert checked >= AT_LEAST[service] - 5
