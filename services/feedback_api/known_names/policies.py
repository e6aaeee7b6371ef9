"""Who may read and change the list of known names (roles as in DECISIONS.md)."""

from services.common.auth import Policy
from services.common.roles import Role
from services.common.tokens import Principal, service_subject
from services.feedback_api.integrations.policies import ServiceOnly


class PortalService(ServiceOnly):
    """The portal calling as itself (its worker, with its own service token), never on behalf
    of a user: the staff directory is the portal's, and it alone says who is in it."""

    def allows(self, principal: Principal) -> bool:
        return super().allows(principal) and principal.sub == service_subject("portal")


# Administrators see the list (names only) and add or remove names without an account.
manage_known_names = Policy("manage_known_names", roles={Role.administrator})
sync_staff_directory = PortalService("sync_staff_directory", issuers={"portal"})
