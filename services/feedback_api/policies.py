"""The access rules of feedback_api's routes (roles as in DECISIONS.md)."""

from services.common.auth import Policy
from services.common.roles import FEEDBACK_READERS, Role

# Patients (through the portal), staff entering feedback for someone, and integrations.
submit_feedback = Policy("submit_feedback", anonymous=True, any_user=True, integrations=True)
read_feedback = Policy("read_feedback", roles=FEEDBACK_READERS)
# The organisation's structure is public: patients choose their ward on the form.
read_organisation = Policy("read_organisation", anonymous=True, any_user=True)
manage_organisation = Policy("manage_organisation", roles={Role.administrator})
# Contact details: PALS officers, and patient experience managers ("everything in feedback").
read_contact_details = Policy(
    "read_contact_details", roles={Role.pals_officer, Role.patient_experience_manager}
)
# The public form's optional second step (the patient, through the portal) or PALS/PEM staff.
add_respondent_details = Policy(
    "add_respondent_details",
    anonymous=True,
    roles={Role.pals_officer, Role.patient_experience_manager},
)
