"""The access rules of feedback_api's routes (roles as in DECISIONS.md)."""

from services.common.auth import Policy
from services.common.roles import FEEDBACK_READERS, Role

# Patients (through the portal), staff entering feedback for someone, and integrations.
submit_feedback = Policy("submit_feedback", anonymous=True, any_user=True, integrations=True)
read_feedback = Policy("read_feedback", roles=FEEDBACK_READERS)
# The organisation's structure is public: patients choose their ward on the form.
read_organisation = Policy("read_organisation", anonymous=True, any_user=True)
manage_organisation = Policy("manage_organisation", roles={Role.administrator})
