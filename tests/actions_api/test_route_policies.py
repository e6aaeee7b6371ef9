"""Every plans and "You said, we did" route states its policy and refuses callers without a
token (checked on the routers themselves, whatever way the app nests them)."""

import pytest
from fastapi.routing import APIRoute

from services.actions_api.plans.routes import router as plans_router
from services.actions_api.yswd.routes import router as yswd_router
from services.common.auth import route_policy
from services.portal.deps import PagePolicy
from services.portal.notifications.routes import router as notifications_router
from services.portal.plans.routes import router as plan_pages
from services.portal.yswd.routes import router as yswd_pages

API_ROUTES = [r for r in plans_router.routes + yswd_router.routes if isinstance(r, APIRoute)]


def page_policy(route: APIRoute) -> PagePolicy | None:
    stack = list(route.dependant.dependencies)
    while stack:
        dependency = stack.pop()
        if isinstance(dependency.call, PagePolicy):
            return dependency.call
        stack.extend(dependency.dependencies)
    return None


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: f"{sorted(r.methods)} {r.path}")
def test_each_api_route_has_a_policy_and_answers_401_without_a_token(actions_api, route) -> None:
    assert route_policy(route) is not None
    path = route.path.replace("{", "").replace("}", "")
    for method in route.methods:
        assert actions_api.request(method, path).status_code == 401


@pytest.mark.parametrize(
    "route",
    [r for r in plan_pages.routes + yswd_pages.routes + notifications_router.routes
     if isinstance(r, APIRoute)],
    ids=lambda r: f"{sorted(r.methods)} {r.path}",
)  # fmt: skip
def test_each_portal_page_declares_a_page_policy(route) -> None:
    assert page_policy(route) is not None
