"""Route policies for the APIs: who may call a route, checked from the service token.

Every route declares a :class:`Policy` (the access-matrix test fails on one that does not), so a
public route is public by choice. Missing or invalid credentials give 401; valid credentials
without the right role give 403.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from fastapi import Request
from fastapi.security import HTTPBearer

from services.common.problems import Forbidden, Unauthorized
from services.common.roles import Role
from services.common.tokens import InvalidToken, Principal, TokenVerifier

API_KEY_PREFIX = "hk_"

# Resolves an integration's API key to a principal (feedback_api registers one).
ApiKeyResolver = Callable[[Request, str], Awaitable[Principal | None]]

_bearer = HTTPBearer(auto_error=False, description="A service token, or an integration API key")


class Policy:
    """A named rule: which callers may use a route.

    ``roles``: any of these roles is enough. ``anonymous``: a patient on the public portal
    (``sub=anonymous``) may call it. ``integrations``: an API key may call it. ``open``: no
    credentials at all (health checks only).
    """

    def __init__(
        self,
        name: str,
        *,
        roles: Iterable[Role] = (),
        anonymous: bool = False,
        integrations: bool = False,
        any_user: bool = False,
        open: bool = False,
    ) -> None:
        self.name = name
        self.roles = frozenset(roles)
        self.anonymous = anonymous
        self.integrations = integrations
        self.any_user = any_user
        self.open = open

    def __repr__(self) -> str:
        return f"Policy({self.name!r})"

    async def __call__(self, request: Request) -> Principal:
        if self.open:
            return Principal(sub="anonymous", roles=frozenset({Role.public.value}))
        principal = await authenticate(request)
        if not self.allows(principal):
            raise Forbidden(f"This needs one of the roles: {self.describe_roles()}.")
        request.state.principal = principal
        return principal

    def allows(self, principal: Principal) -> bool:
        if principal.integration is not None:
            return self.integrations
        if principal.is_anonymous:
            return self.anonymous
        if self.any_user or self.anonymous:
            return True
        return principal.has_any(self.roles)

    def describe_roles(self) -> str:
        names = sorted(r.value for r in self.roles)
        if self.integrations:
            names.append("integration API key")
        return ", ".join(names) or "none"


async def authenticate(request: Request) -> Principal:
    credentials = await _bearer(request)
    if credentials is None or not credentials.credentials:
        raise Unauthorized("Send a service token or an API key as a Bearer token.")
    token = credentials.credentials
    if token.startswith(API_KEY_PREFIX):
        resolver: ApiKeyResolver | None = getattr(request.app.state, "api_key_resolver", None)
        principal = await resolver(request, token) if resolver else None
        if principal is None:
            raise Unauthorized("The API key is not recognised or has been revoked.")
        return principal
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return verifier.verify(token)
    except InvalidToken as exc:
        raise Unauthorized(f"The service token was refused: {exc}.") from exc


def client_address(request: Request, principal: Principal) -> str | None:
    """The patient's address: forwarded by the portal, trusted from no one else."""
    if principal.issuer == "portal":
        forwarded = request.headers.get("x-forwarded-for")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.client.host if request.client else None


def route_policy(route: object) -> Policy | None:
    """The policy a route declares (looked for among its dependencies), if any."""
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return None
    stack = list(dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, Policy):
            return dep.call
        stack.extend(dep.dependencies)
    return None


OPEN = Policy("open", open=True)
