"""Every route states who may use it, and the APIs refuse callers without credentials."""

import pytest
from fastapi.routing import APIRoute

from services.common.auth import Policy, route_policy
from services.portal.deps import PagePolicy

# FastAPI's own documentation routes are public by design.
DOCUMENTATION = {"/docs", "/docs/oauth2-redirect", "/openapi.json", "/redoc"}


def page_policy(route: APIRoute) -> PagePolicy | None:
    stack = list(route.dependant.dependencies)
    while stack:
        dependency = stack.pop()
        if isinstance(dependency.call, PagePolicy):
            return dependency.call
        stack.extend(dependency.dependencies)
    return None


def api_routes(app):
    return [r for r in app.routes if isinstance(r, APIRoute) and r.path not in DOCUMENTATION]


@pytest.mark.parametrize("service", ["feedback", "actions"])
def test_every_api_route_declares_a_policy(apps, service: str) -> None:
    missing = [
        f"{r.methods} {r.path}" for r in api_routes(apps[service]) if route_policy(r) is None
    ]
    assert missing == []


def test_every_portal_page_declares_a_policy(apps) -> None:
    missing = []
    for route in api_routes(apps["portal"]):
        if route.path in ("/healthz", "/readyz"):
            assert isinstance(route_policy(route), Policy)
            continue
        if page_policy(route) is None:
            missing.append(f"{route.methods} {route.path}")
    assert missing == []


@pytest.mark.parametrize("service", ["feedback", "actions"])
def test_every_non_open_api_route_answers_401_without_a_token(apps, service: str) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(apps[service], raise_server_exceptions=False)
    for route in api_routes(apps[service]):
        policy = route_policy(route)
        if policy.open:
            continue
        path = route.path.replace("{", "").replace("}", "")
        for method in route.methods:
            response = client.request(method, path)
            assert response.status_code == 401, (method, route.path, response.status_code)
