"""The Friends and Family Test form: parsing and validation, kept apart from the route."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from services.common.fft import FftAnswer

# The code lists are feedback_api's (a constants module, no database): one source of truth.
from services.feedback_api.respondents.codes import LABELS


@dataclass
class FftForm:
    ward_code: str = ""
    answer: str = ""
    comment: str = ""
    submission_key: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: dict[str, str]) -> FftForm:
        return cls(
            ward_code=(form.get("ward_code") or "").strip(),
            answer=(form.get("answer") or "").strip(),
            comment=(form.get("comment") or "").replace("\r\n", "\n"),
            submission_key=(form.get("submission_key") or "").strip(),
        )

    def validate(self, *, ward_codes: set[str], max_comment_chars: int) -> bool:
        self.errors = {}
        if ward_codes and self.ward_code not in ward_codes:
            self.errors["ward_code"] = "Select the ward or service you used"
        if self.answer not in {str(int(a)) for a in FftAnswer}:
            self.errors["answer"] = "Select how your experience was overall"
        if len(self.comment) > max_comment_chars:
            self.errors["comment"] = (
                f"Your comment must be {max_comment_chars:,} characters or fewer"
            )
        return not self.errors

    def api_body(self) -> dict[str, object]:
        body: dict[str, object] = {
            "channel": "fft",
            "fft_answer": int(self.answer),
            "collection_mode": "online",
        }
        if self.ward_code:
            body["ward_code"] = self.ward_code
        if self.comment.strip():
            body["comment"] = self.comment.strip()
        return body


# --- the optional second step: who you are, contact (with consent), about you ------------------

RESPONDENT_TYPES = [
    ("patient", "I am the patient"),
    ("carer", "I am a carer"),
    ("family", "I am a family member or friend"),
    ("public", "I am a member of the public"),
    ("staff_on_behalf", "I am a member of staff, writing for a patient"),
]
CONTACT_METHODS = [
    ("email", "Email"),
    ("phone", "Telephone"),
    ("sms", "Text message"),
    ("letter", "Letter"),
]
EQUALITY_FIELDS = (
    "ethnicity",
    "age_band",
    "sex",
    "gender_identity",
    "sexual_orientation",
    "religion",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def equality_options() -> dict[str, list[tuple[str, str]]]:
    """Each equality question's answers as (value, label), "Prefer not to say" last."""
    options: dict[str, list[tuple[str, str]]] = {}
    for name in (*EQUALITY_FIELDS, "disability"):
        items = list(LABELS[name].items())
        declined = [(v, label) for v, label in items if label == "Prefer not to say"]
        rest = [(v, label) for v, label in items if label != "Prefer not to say"]
        options[name] = rest + declined
    return options


@dataclass
class AboutYouForm:
    respondent_type: str = ""
    contact_wanted: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    preferred_method: str = ""
    equality: dict[str, str] = field(default_factory=dict)
    disability: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: Any) -> AboutYouForm:
        def one(name: str, limit: int = 200) -> str:
            return (form.get(name) or "").strip()[:limit]

        return cls(
            respondent_type=one("respondent_type"),
            contact_wanted=one("contact_wanted"),
            name=one("name", 201),
            email=one("email", 321),
            phone=one("phone", 31),
            address=one("address", 501).replace("\r\n", "\n"),
            postcode=one("postcode", 11),
            preferred_method=one("preferred_method"),
            equality={name: one(name) for name in EQUALITY_FIELDS},
            disability=[v for v in form.getlist("disability") if v][:13],
            needs=[v for v in form.getlist("needs") if v][:20],
        )

    def validate(self, *, need_codes: set[str]) -> bool:
        self.errors = {}
        options = equality_options()
        if self.respondent_type and self.respondent_type not in dict(RESPONDENT_TYPES):
            self.errors["respondent_type"] = "Select who is giving this feedback"
        if self.contact_wanted not in ("", "yes", "no"):
            self.errors["contact_wanted"] = "Select yes if you would like us to contact you"
        if self.contact_wanted == "yes":
            self._validate_contact()
        for name in EQUALITY_FIELDS:
            value = self.equality.get(name, "")
            if value and value not in dict(options[name]):
                self.errors[name] = "Select an answer from the list, or leave it blank"
        if any(v not in dict(options["disability"]) for v in self.disability):
            self.errors["disability"] = "Select from the list"
        elif len(self.disability) > 1 and ({"NN", "ZZ"} & set(self.disability)):
            self.errors["disability"] = (
                "Select conditions, or select 'No disability' or 'Prefer not to say' on its own"
            )
        if any(v not in need_codes for v in self.needs):
            self.errors["needs"] = "Select from the list"
        return not self.errors

    def _validate_contact(self) -> None:
        if len(self.name) > 200:
            self.errors["name"] = "Your name must be 200 characters or fewer"
        if self.email and (len(self.email) > 320 or not _EMAIL.match(self.email)):
            self.errors["email"] = (
                "Enter an email address in the correct format, like name@example.com"
            )
        if len(self.address) > 500:
            self.errors["address"] = "Your address must be 500 characters or fewer"
        if len(self.postcode) > 10:
            self.errors["postcode"] = "Enter a real postcode"
        if self.preferred_method not in dict(CONTACT_METHODS):
            self.errors["preferred_method"] = "Select how you would like us to contact you"
            return
        needed = {
            "email": ("email", "Enter your email address"),
            "phone": ("phone", "Enter your telephone number"),
            "sms": ("phone", "Enter a mobile number for text messages"),
            "letter": ("address", "Enter your address"),
        }[self.preferred_method]
        if not getattr(self, needed[0]) and needed[0] not in self.errors:
            self.errors[needed[0]] = needed[1]

    def is_empty(self) -> bool:
        return not (
            self.respondent_type
            or self.contact_wanted == "yes"
            or any(self.equality.values())
            or self.disability
            or self.needs
        )

    def api_body(self) -> dict[str, object]:
        body: dict[str, object] = {}
        if self.respondent_type:
            body["respondent_type"] = self.respondent_type
        if self.contact_wanted == "yes":
            contact: dict[str, object] = {
                "consent": True,
                "preferred_method": self.preferred_method,
            }
            for name in ("name", "email", "phone", "address", "postcode"):
                if getattr(self, name):
                    contact[name] = getattr(self, name)
            body["contact"] = contact
        equality: dict[str, object] = {k: v for k, v in self.equality.items() if v}
        if self.disability:
            equality["disability"] = self.disability
        if equality:
            body["equality"] = equality
        if self.needs:
            body["accessible_needs"] = self.needs
        return body
