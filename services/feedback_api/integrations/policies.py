"""The access rules of the integration and import routes (roles as in DECISIONS.md)."""

from collections.abc import Iterable

from fastapi import Request

from services.common.auth import Policy, authenticate
from services.common.problems import Forbidden
from services.common.roles import Role
from services.common.tokens import Principal


class ServiceOnly(Policy):
    """A route for Heard's other services, calling as themselves with their own signed service
    tokens: no user's token (even an administrator's, which the portal signs) and no API key."""

    def __init__(self, name: str, *, issuers: Iterable[str]) -> None:
        super().__init__(name)
        self.issuers = frozenset(issuers)

    async def __call__(self, request: Request) -> Principal:
        principal = await authenticate(request)
        if not self.allows(principal):
            raise Forbidden(
                f"Only Heard's own services ({self.describe_roles()}) may call this, "
                "with their service tokens."
            )
        request.state.principal = principal
        return principal

    def allows(self, principal: Principal) -> bool:
        return principal.integration is None and principal.issuer in self.issuers

    def describe_roles(self) -> str:
        return ", ".join(sorted(self.issuers))


# API keys and webhook subscriptions: administrators only.
manage_integrations = Policy("manage_integrations", roles={Role.administrator})
# Many records at once (batch, CSV, FHIR): integrations with a key, and the trust's managers.
bulk_submit = Policy(
    "bulk_submit",
    integrations=True,
    roles={Role.administrator, Role.patient_experience_manager},
)
read_imports = Policy(
    "read_imports", integrations=True, roles={Role.administrator, Role.patient_experience_manager}
)
# Heard's FFT Questionnaire is a published definition: any caller may read it.
read_questionnaire = Policy("read_questionnaire", anonymous=True, any_user=True, integrations=True)
# Events other services own (action.completed), handed over to be sent to webhooks.
relay_webhook_events = ServiceOnly("relay_webhook_events", issuers={"actions"})
