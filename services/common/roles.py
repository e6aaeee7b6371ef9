"""The roles of DECISIONS.md: granted by the portal, checked by the APIs."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    public = "public"
    patient_representative = "patient_representative"
    staff = "staff"
    matron = "matron"
    pals_officer = "pals_officer"
    patient_experience_manager = "patient_experience_manager"
    board_reader = "board_reader"
    administrator = "administrator"


ROLE_LABELS: dict[Role, str] = {
    Role.public: "Member of the public",
    Role.patient_representative: "Patient representative",
    Role.staff: "Staff",
    Role.matron: "Matron or ward lead",
    Role.pals_officer: "PALS and complaints officer",
    Role.patient_experience_manager: "Patient experience manager",
    Role.board_reader: "Board or governor reader",
    Role.administrator: "Administrator",
}

# Roles that see feedback at all (redacted, without contact details, unless PALS).
FEEDBACK_READERS = frozenset(
    {Role.staff, Role.matron, Role.pals_officer, Role.patient_experience_manager}
)
# Roles that see feedback across the whole trust rather than only their own wards.
TRUST_WIDE = frozenset({Role.pals_officer, Role.patient_experience_manager, Role.board_reader})
