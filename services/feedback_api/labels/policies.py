"""Who may read, correct and re-run labels (roles as in DECISIONS.md)."""

from services.common.auth import Policy
from services.common.roles import FEEDBACK_READERS, Role

read_labels = Policy("read_labels", roles=FEEDBACK_READERS)
# The patient experience manager corrects labels trust-wide; PALS officers and matrons correct
# the records they work on (matrons within their own wards).
correct_labels = Policy(
    "correct_labels",
    roles={Role.patient_experience_manager, Role.pals_officer, Role.matron},
)
export_corrections = Policy("export_corrections", roles={Role.patient_experience_manager})
read_framework = Policy("read_framework", any_user=True)
manage_framework = Policy("manage_framework", roles={Role.administrator})
run_reanalysis = Policy(
    "run_reanalysis", roles={Role.administrator, Role.patient_experience_manager}
)
# Any signed-in user or service identity may redact text it is about to publish; never anonymous.
redact_text = Policy("redact_text", any_user=True)
