"""Code lists for complaints and PALS cases.

The KO41a lists (subjects, service areas, professions, complainant status) are data, held in the
versioned ``case_code`` table and edited by administrators through the API; the labels below are
the first version, seeded by the migration that creates the table (NHS-STANDARDS.md 2.2). Several
are marked there as secondary-source or unconfirmed: they are seeded as listed and can be
corrected through the API without touching older cases, which keep the version they were given.

The ethnic category letters are the national 2001 NHS Data Dictionary standard (NHS-STANDARDS.md
3.1) and are not editable. Age bands are derived from the patient's age at the event; KO41a's own
bands were not confirmed, so the band set is versioned here and a case keeps the age, never the
band.
"""

from __future__ import annotations

from enum import StrEnum


class CodeList(StrEnum):
    subject = "subject"
    service_area = "service_area"
    profession = "profession"
    complainant_status = "complainant_status"


CODE_LIST_LABELS: dict[CodeList, str] = {
    CodeList.subject: "Subject (KO41a section 7)",
    CodeList.service_area: "Service area (KO41a section 5)",
    CodeList.profession: "Profession or staff group (KO41a section 8)",
    CodeList.complainant_status: "Status of complainant (KO41a section 4)",
}

# Version 1 of each list: (code, label). The codes are Heard's own stable slugs.
SEED_VERSION = 1
SEED_VALID_FROM = "2015-04-01"  # the 2015-16 KO41a revision that introduced these subjects
SEED: dict[CodeList, list[tuple[str, str]]] = {
    CodeList.subject: [
        ("access_to_treatment", "Access to treatment or drugs"),
        (
            "admissions_discharges",
            "Admissions and discharges (excluding delayed discharge due to absence of care "
            "package)",
        ),
        ("appointments", "Appointments including delays and cancellations"),
        ("clinical_treatment", "Clinical treatment"),
        ("commissioning", "Commissioning"),
        ("communications", "Communications"),
        ("consent", "Consent"),
        ("end_of_life_care", "End of life care"),
        ("facilities", "Facilities"),
        (
            "integrated_care",
            "Integrated care (including delayed discharge due to absence of care package)",
        ),
        ("mortuary", "Mortuary and post-mortem arrangements"),
        ("other", "Other"),
        ("patient_care", "Patient care including nutrition/hydration"),
        ("prescribing", "Prescribing (errors)"),
        ("privacy_dignity", "Privacy, dignity and wellbeing"),
        ("restraint", "Restraint"),
        ("staff_numbers", "Staff numbers"),
        ("transport", "Transport (ambulances and other)"),
        ("trust_administration", "Trust administration"),
        ("values_behaviours", "Values and behaviours (staff)"),
        ("waiting_times", "Waiting times"),
    ],
    CodeList.service_area: [
        ("a_and_e", "A&E"),
        ("anaesthetics", "Anaesthetics"),
        ("dental", "Dental group"),
        ("mental_health", "Mental health"),
        ("obstetrics_gynaecology", "Obstetrics and gynaecology"),
        ("paediatric", "Paediatric group"),
        ("radiology", "Radiology group"),
        ("other", "Other"),
    ],
    CodeList.profession: [
        ("medical", "Medical (includes hospital doctors and surgeons)"),
        ("nursing_midwifery", "Nursing, Midwifery and Health Visiting"),
        ("scientific_technical", "Scientific, Therapeutic and Technical"),
        ("other", "Other"),
    ],
    # KO41a section 4 was not retrieved: the statuses below are the relationships a complainant
    # can have to the patient, which is what the section records; correct them through the API.
    CodeList.complainant_status: [
        ("patient", "Patient"),
        ("relative_carer", "Relative or carer"),
        ("representative", "Representative or advocate"),
        ("other", "Other"),
    ],
}

# The 2001 NHS Data Dictionary ETHNIC CATEGORY (NHS-STANDARDS.md 3.1): Z asked and not stated,
# 99 not known (not asked).
ETHNIC_CATEGORIES: dict[str, str] = {
    "A": "White - British",
    "B": "White - Irish",
    "C": "White - Any other White background",
    "D": "Mixed - White and Black Caribbean",
    "E": "Mixed - White and Black African",
    "F": "Mixed - White and Asian",
    "G": "Mixed - Any other mixed background",
    "H": "Asian or Asian British - Indian",
    "J": "Asian or Asian British - Pakistani",
    "K": "Asian or Asian British - Bangladeshi",
    "L": "Asian or Asian British - Any other Asian background",
    "M": "Black or Black British - Caribbean",
    "N": "Black or Black British - African",
    "P": "Black or Black British - Any other Black background",
    "R": "Other Ethnic Groups - Chinese",
    "S": "Other Ethnic Groups - Any other ethnic group",
    "Z": "Not stated",
    "99": "Not known",
}

# Age bands, version 1: (lowest age, label); each band runs to the next band's lowest age.
AGE_BANDS_VERSION = 1
AGE_BANDS: list[tuple[int, str]] = [
    (0, "0 to 17"),
    (18, "18 to 64"),
    (65, "65 to 74"),
    (75, "75 to 84"),
    (85, "85 and over"),
]


def age_band(age: int | None) -> str | None:
    if age is None or age < 0:
        return None
    label = None
    for lowest, band in AGE_BANDS:
        if age >= lowest:
            label = band
    return label
