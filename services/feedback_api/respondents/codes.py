"""Code lists for equality monitoring and accessible information (NHS-STANDARDS.md 3 and 4).

Every equality question is optional. A field that was not asked is stored as NULL; "prefer not to
say" is stored as the field's own "declined" code, so the two never mix. Where the NHS Data
Dictionary has no declined code (stated sex and age band), Heard uses ``Z`` (local, documented).
"""

from __future__ import annotations

from enum import StrEnum


class Ethnicity2021(StrEnum):
    """The ONS 2021 census categories people recognise (England)."""

    white_british = "white_british"
    white_irish = "white_irish"
    white_gypsy_irish_traveller = "white_gypsy_irish_traveller"
    white_roma = "white_roma"
    white_other = "white_other"
    mixed_white_black_caribbean = "mixed_white_black_caribbean"
    mixed_white_black_african = "mixed_white_black_african"
    mixed_white_asian = "mixed_white_asian"
    mixed_other = "mixed_other"
    asian_indian = "asian_indian"
    asian_pakistani = "asian_pakistani"
    asian_bangladeshi = "asian_bangladeshi"
    asian_chinese = "asian_chinese"
    asian_other = "asian_other"
    black_caribbean = "black_caribbean"
    black_african = "black_african"
    black_other = "black_other"
    other_arab = "other_arab"
    other_any = "other_any"
    prefer_not_to_say = "prefer_not_to_say"


# Label as asked, and the derived 2001 NHS Data Dictionary ETHNIC CATEGORY letter for returns.
# The 2001 scheme files Chinese under "Other ethnic groups" (R); Gypsy or Irish Traveller and
# Roma fall under "Any other White background" (C); Arab under "Any other ethnic group" (S).
ETHNICITY: dict[Ethnicity2021, tuple[str, str]] = {
    Ethnicity2021.white_british: (
        "White: English, Welsh, Scottish, Northern Irish or British",
        "A",
    ),
    Ethnicity2021.white_irish: ("White: Irish", "B"),
    Ethnicity2021.white_gypsy_irish_traveller: ("White: Gypsy or Irish Traveller", "C"),
    Ethnicity2021.white_roma: ("White: Roma", "C"),
    Ethnicity2021.white_other: ("White: Any other White background", "C"),
    Ethnicity2021.mixed_white_black_caribbean: (
        "Mixed or Multiple ethnic groups: White and Black Caribbean",
        "D",
    ),
    Ethnicity2021.mixed_white_black_african: (
        "Mixed or Multiple ethnic groups: White and Black African",
        "E",
    ),
    Ethnicity2021.mixed_white_asian: ("Mixed or Multiple ethnic groups: White and Asian", "F"),
    Ethnicity2021.mixed_other: (
        "Mixed or Multiple ethnic groups: Any other Mixed or Multiple background",
        "G",
    ),
    Ethnicity2021.asian_indian: ("Asian or Asian British: Indian", "H"),
    Ethnicity2021.asian_pakistani: ("Asian or Asian British: Pakistani", "J"),
    Ethnicity2021.asian_bangladeshi: ("Asian or Asian British: Bangladeshi", "K"),
    Ethnicity2021.asian_chinese: ("Asian or Asian British: Chinese", "R"),
    Ethnicity2021.asian_other: ("Asian or Asian British: Any other Asian background", "L"),
    Ethnicity2021.black_caribbean: ("Black, Black British, Caribbean or African: Caribbean", "M"),
    Ethnicity2021.black_african: ("Black, Black British, Caribbean or African: African", "N"),
    Ethnicity2021.black_other: (
        "Black, Black British, Caribbean or African: Any other Black, Black British or "
        "Caribbean background",
        "P",
    ),
    Ethnicity2021.other_arab: ("Other ethnic group: Arab", "S"),
    Ethnicity2021.other_any: ("Other ethnic group: Any other ethnic group", "S"),
    Ethnicity2021.prefer_not_to_say: ("Prefer not to say", "Z"),
}
# For returns: NULL (never asked) is reported as 99 "Not known".
ETHNIC_CATEGORY_NOT_KNOWN = "99"


class AgeBand(StrEnum):
    under_16 = "0-15"
    age_16_17 = "16-17"
    age_18_24 = "18-24"
    age_25_34 = "25-34"
    age_35_44 = "35-44"
    age_45_54 = "45-54"
    age_55_64 = "55-64"
    age_65_74 = "65-74"
    age_75_84 = "75-84"
    age_85_plus = "85+"
    prefer_not_to_say = "Z"


class Sex(StrEnum):
    """PERSON STATED GENDER CODE, plus local Z for "prefer not to say"."""

    male = "1"
    female = "2"
    indeterminate = "9"
    prefer_not_to_say = "Z"


class GenderIdentity(StrEnum):
    """GENDER IDENTITY CODE."""

    male = "1"
    female = "2"
    non_binary = "3"
    other = "4"
    prefer_not_to_say = "Z"


class SexualOrientation(StrEnum):
    """Sexual orientation monitoring (SCCI2094)."""

    heterosexual = "1"
    gay_or_lesbian = "2"
    bisexual = "3"
    other = "4"
    not_sure = "U"
    prefer_not_to_say = "Z"


class Disability(StrEnum):
    """DISABILITY CODE (several may apply; NN and ZZ stand alone)."""

    behaviour_emotional = "01"
    hearing = "02"
    manual_dexterity = "03"
    memory_learning = "04"
    mobility = "05"
    perception_of_danger = "06"
    self_care = "07"
    progressive_conditions = "08"
    sight = "09"
    speech = "10"
    other = "XX"
    none = "NN"
    prefer_not_to_say = "ZZ"


class Religion(StrEnum):
    """RELIGIOUS OR OTHER BELIEF SYSTEM AFFILIATION GROUP CODE."""

    bahai = "A"
    buddhist = "B"
    christian = "C"
    hindu = "D"
    jain = "E"
    jewish = "F"
    muslim = "G"
    pagan = "H"
    sikh = "I"
    zoroastrian = "J"
    other = "K"
    none = "L"
    prefer_not_to_say = "M"


LABELS: dict[str, dict[str, str]] = {
    "ethnicity": {code.value: label for code, (label, _) in ETHNICITY.items()},
    "age_band": {b.value: ("Prefer not to say" if b.value == "Z" else b.value) for b in AgeBand},
    "sex": {"1": "Male", "2": "Female", "9": "Intersex or indeterminate", "Z": "Prefer not to say"},
    "gender_identity": {
        "1": "Male (including trans man)",
        "2": "Female (including trans woman)",
        "3": "Non-binary",
        "4": "Other",
        "Z": "Prefer not to say",
    },
    "sexual_orientation": {
        "1": "Heterosexual or straight",
        "2": "Gay or lesbian",
        "3": "Bisexual",
        "4": "Other sexual orientation",
        "U": "Not sure",
        "Z": "Prefer not to say",
    },
    "disability": {
        "01": "Behaviour and emotional",
        "02": "Hearing",
        "03": "Manual dexterity",
        "04": "Memory, learning or understanding",
        "05": "Mobility",
        "06": "Perception of physical danger",
        "07": "Personal, self care and continence",
        "08": "Progressive conditions and physical health",
        "09": "Sight",
        "10": "Speech",
        "XX": "Other",
        "NN": "No disability",
        "ZZ": "Prefer not to say",
    },
    "religion": {
        "A": "Baha'i",
        "B": "Buddhist",
        "C": "Christian",
        "D": "Hindu",
        "E": "Jain",
        "F": "Jewish",
        "G": "Muslim",
        "H": "Pagan",
        "I": "Sikh",
        "J": "Zoroastrian",
        "K": "Other",
        "L": "No religion",
        "M": "Prefer not to say",
    },
}


class ContactMethod(StrEnum):
    email = "email"
    phone = "phone"
    sms = "sms"
    letter = "letter"


CONTACT_METHOD_LABELS = {
    ContactMethod.email: "Email",
    ContactMethod.phone: "Telephone",
    ContactMethod.sms: "Text message",
    ContactMethod.letter: "Letter",
}


class NeedCategory(StrEnum):
    """The Accessible Information Standard's four categories (DAPB1605)."""

    contact_method = "contact_method"
    information_format = "information_format"
    communication_professional = "communication_professional"
    communication_support = "communication_support"


NEED_CATEGORY_LABELS = {
    NeedCategory.contact_method: "Contact method",
    NeedCategory.information_format: "Information format",
    NeedCategory.communication_professional: "Communication professional",
    NeedCategory.communication_support: "Communication support",
}

# The common needs, seeded by the migration; administrators add more through the API.
SEEDED_NEEDS: list[tuple[str, str, str]] = [
    ("contact_by_email", "contact_method", "Contact by email"),
    ("contact_by_text", "contact_method", "Contact by text message"),
    ("contact_by_letter", "contact_method", "Contact by letter"),
    ("contact_via_carer", "contact_method", "Contact through a carer"),
    ("large_print", "information_format", "Large print"),
    ("easy_read", "information_format", "Easy Read"),
    ("braille", "information_format", "Braille"),
    ("audio", "information_format", "Audio"),
    ("bsl_interpreter", "communication_professional", "British Sign Language interpreter"),
    ("deafblind_interpreter", "communication_professional", "Deafblind manual interpreter"),
    ("lipspeaker", "communication_professional", "Lipspeaker"),
    ("spoken_language_interpreter", "communication_professional", "Spoken language interpreter"),
    ("hearing_loop", "communication_support", "Hearing loop"),
    ("longer_appointment", "communication_support", "Longer appointment"),
    ("advocate", "communication_support", "Advocate"),
]
