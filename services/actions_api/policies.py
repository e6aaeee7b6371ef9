"""The access rules of actions_api's routes (roles as in DECISIONS.md).

Roles say who may call a route; relations on top of them (the action's lead, the ward and
directorate scope) are checked in the service, which answers 403 when they do not hold.
"""

from services.common.auth import Policy
from services.common.roles import Role

STAFF = {
    Role.staff,
    Role.matron,
    Role.pals_officer,
    Role.patient_experience_manager,
    Role.board_reader,
    Role.administrator,
}
SENIOR = {Role.patient_experience_manager, Role.board_reader}

# Staff read plans and actions (the service narrows staff and matrons to their scope).
read_plans = Policy("read_plans", roles=STAFF)
# Create and change strategies, pledges, actions and measures; import plans.
manage_plans = Policy("manage_plans", roles={Role.patient_experience_manager})
# Progress on an action: matrons (their own actions or wards) and patient experience managers.
update_actions = Policy("update_actions", roles={Role.matron, Role.patient_experience_manager})
# Overdue actions, missed updates and quarter-on-quarter reports, for senior leaders.
read_escalations = Policy("read_escalations", roles=SENIOR)
# "You said, we did": matrons and managers draft; only a patient experience manager approves.
draft_yswd = Policy("draft_yswd", roles={Role.matron, Role.patient_experience_manager})
approve_yswd = Policy("approve_yswd", roles={Role.patient_experience_manager})
# Published, redacted pages anyone may read (the portal asks as the anonymous public).
read_public = Policy("read_public", anonymous=True, any_user=True)
