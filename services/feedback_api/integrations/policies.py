"""The access rules of the integration and import routes (roles as in DECISIONS.md)."""

from services.common.auth import Policy
from services.common.roles import Role

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
