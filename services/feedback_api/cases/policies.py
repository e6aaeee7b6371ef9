"""Who may use the cases API (DECISIONS.md roles).

PALS and complaints officers and patient experience managers run cases and read complaint
narratives; nobody else reads a case, administrators included. Administrators keep the KO41a
code lists, which hold no personal data.
"""

from services.common.auth import Policy
from services.common.roles import Role

CASE_RUNNERS = frozenset({Role.pals_officer, Role.patient_experience_manager})

run_cases = Policy("run_cases", roles=CASE_RUNNERS)
read_case_codes = Policy("read_case_codes", roles=CASE_RUNNERS | {Role.administrator})
manage_case_codes = Policy("manage_case_codes", roles={Role.administrator})
