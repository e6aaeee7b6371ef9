"""What callers send and receive about respondents."""

from __future__ import annotations

import phonenumbers
from pydantic import BaseModel, EmailStr, Field, field_validator, model_validator

from services.feedback_api.feedback.models import RespondentType
from services.feedback_api.respondents.codes import (
    AgeBand,
    ContactMethod,
    Disability,
    Ethnicity2021,
    GenderIdentity,
    NeedCategory,
    Religion,
    Sex,
    SexualOrientation,
)


class ContactIn(BaseModel):
    """Contact details, stored only when the person has consented to be contacted."""

    consent: bool = Field(
        description="The person agreed to be contacted about this feedback. Must be true."
    )
    name: str | None = Field(default=None, max_length=200)
    email: EmailStr | None = Field(default=None, max_length=320)
    phone: str | None = Field(
        default=None, max_length=30, description="A UK or international number"
    )
    address: str | None = Field(default=None, max_length=500)
    postcode: str | None = Field(default=None, max_length=10)
    preferred_method: ContactMethod

    @field_validator("name", "address", "postcode", "phone", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("phone")
    @classmethod
    def _valid_phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            number = phonenumbers.parse(value, "GB")
        except phonenumbers.NumberParseException as exc:
            raise ValueError(
                "Enter a telephone number, like 01632 960 001 or 07700 900 982"
            ) from exc
        # "Possible" rather than "valid": Ofcom's drama ranges (07700 900xxx) must pass too.
        possible = phonenumbers.is_possible_number_with_reason(number)
        if possible != phonenumbers.ValidationResult.IS_POSSIBLE:
            raise ValueError("Enter a telephone number, like 01632 960 001 or 07700 900 982")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @model_validator(mode="after")
    def _consistent(self) -> ContactIn:
        if not self.consent:
            raise ValueError("Contact details are stored only with consent: consent must be true")
        needed = {
            ContactMethod.email: ("email", self.email),
            ContactMethod.phone: ("phone", self.phone),
            ContactMethod.sms: ("phone", self.phone),
            ContactMethod.letter: ("address", self.address),
        }[self.preferred_method]
        if needed[1] is None:
            raise ValueError(
                f"preferred_method {self.preferred_method.value} needs {needed[0]} to be given"
            )
        return self


class ContactPublic(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    address: str | None
    postcode: str | None
    preferred_method: ContactMethod
    preferred_method_label: str


class EqualityIn(BaseModel):
    """Optional equality monitoring: leave out what was not asked; each field has its own
    "prefer not to say" value."""

    ethnicity: Ethnicity2021 | None = Field(
        default=None, description="As asked, in the 2021 census categories"
    )
    age_band: AgeBand | None = None
    sex: Sex | None = None
    gender_identity: GenderIdentity | None = None
    sexual_orientation: SexualOrientation | None = None
    disability: list[Disability] | None = Field(default=None, max_length=13)
    religion: Religion | None = None

    @field_validator("disability")
    @classmethod
    def _alone(cls, value: list[Disability] | None) -> list[Disability] | None:
        if not value:
            return None
        for single in (Disability.none, Disability.prefer_not_to_say):
            if single in value and len(value) > 1:
                raise ValueError(f"{single.value} cannot be combined with other disability codes")
        return sorted(set(value), key=list(Disability).index)

    def is_empty(self) -> bool:
        return all(value is None for value in self.model_dump().values())


class EqualityPublic(BaseModel):
    ethnicity: str | None
    ethnicity_label: str | None
    ethnic_category: str = Field(description="2001 NHS Data Dictionary letter; 99 = not asked")
    age_band: str | None
    sex: str | None
    gender_identity: str | None
    sexual_orientation: str | None
    disability: list[str] | None
    religion: str | None
    labels: dict[str, str] = Field(description="A readable label for each answered field")


class AccessibleNeedBase(BaseModel):
    label: str = Field(min_length=1, max_length=200)
    category: NeedCategory
    snomed_code: str | None = Field(default=None, pattern=r"^\d{6,18}$")


class AccessibleNeedCreate(AccessibleNeedBase):
    code: str = Field(min_length=2, max_length=40, pattern=r"^[a-z0-9_]+$")


class AccessibleNeedUpdate(BaseModel):
    label: str | None = Field(default=None, min_length=1, max_length=200)
    snomed_code: str | None = Field(default=None, pattern=r"^\d{6,18}$")
    active: bool | None = None


class AccessibleNeedPublic(AccessibleNeedBase):
    code: str
    category_label: str
    active: bool


class RespondentDetailsIn(BaseModel):
    """Details added after the FFT answer on the public form's optional second step."""

    respondent_type: RespondentType | None = None
    contact: ContactIn | None = None
    equality: EqualityIn | None = None
    accessible_needs: list[str] = Field(default_factory=list, max_length=20)
