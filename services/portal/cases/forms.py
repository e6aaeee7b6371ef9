"""The case forms: what staff typed, checked, and turned into API bodies.

Each form keeps every answer so that a page shown again after a mistake loses nothing, and its
errors are keyed by the field's name; the template gives each form's fields a prefix so that the
several forms on the case page never share an id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

MAX_NOTE_CHARS = 5000
MAX_NARRATIVE_CHARS = 20000

CASE_TYPES = [("complaint", "Complaint"), ("pals", "PALS enquiry or concern")]
RECEIVED_HOW = [
    ("written", "In writing (letter)"),
    ("email", "Email"),
    ("phone", "Telephone"),
    ("in_person", "In person"),
    ("online", "Online form"),
]
RELATIONSHIPS = [
    ("patient", "The patient"),
    ("relative", "Relative"),
    ("carer", "Carer"),
    ("representative", "Representative"),
    ("advocate", "Advocate"),
    ("mp", "Member of Parliament"),
    ("other", "Other"),
]
CONSENT = [
    ("given", "The patient's consent has been given"),
    ("awaited", "The patient's consent is awaited"),
    ("not_needed", "Not needed: the patient has died or lacks capacity"),
]
OUTCOMES = [
    ("upheld", "Upheld", "Substantive evidence supports the complaint (single issue)."),
    ("partly_upheld", "Partially upheld", "Several issues were raised; some, not all, upheld."),
    ("not_upheld", "Not upheld", "No evidence supports any aspect of the complaint."),
]
STATUS_LABELS = {
    "received": "Received",
    "acknowledged": "Acknowledged",
    "investigating": "Investigating",
    "response_drafted": "Response drafted",
    "response_sent": "Response sent",
    "closed": "Closed",
    "reopened": "Reopened",
    "referred_to_phso": "Referred to the Ombudsman",
}
# Statuses with their own form (they record more than the status).
DEDICATED_STATUSES = {"acknowledged", "reopened", "referred_to_phso"}
ETHNIC_CATEGORIES = [
    ("A", "White - British"),
    ("B", "White - Irish"),
    ("C", "White - Any other White background"),
    ("D", "Mixed - White and Black Caribbean"),
    ("E", "Mixed - White and Black African"),
    ("F", "Mixed - White and Asian"),
    ("G", "Mixed - Any other mixed background"),
    ("H", "Asian or Asian British - Indian"),
    ("J", "Asian or Asian British - Pakistani"),
    ("K", "Asian or Asian British - Bangladeshi"),
    ("L", "Asian or Asian British - Any other Asian background"),
    ("M", "Black or Black British - Caribbean"),
    ("N", "Black or Black British - African"),
    ("P", "Black or Black British - Any other Black background"),
    ("R", "Other Ethnic Groups - Chinese"),
    ("S", "Other Ethnic Groups - Any other ethnic group"),
    ("Z", "Not stated (asked, preferred not to say)"),
    ("99", "Not known (not asked)"),
]


@dataclass
class Form:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def get(self, name: str, default: Any = "") -> Any:
        return self.values.get(name, default)

    def add_api_errors(self, errors: list[dict[str, Any]], fields: Mapping[str, str]) -> None:
        """Put the API's field errors against this form's fields (unknown ones on the first)."""
        for error in errors:
            name = str(error.get("field", "")).split(".")[0]
            target = fields.get(name) or next(iter(fields.values()))
            self.errors.setdefault(target, str(error.get("message", "Check this answer")))


def _text(data: FormData, name: str) -> str:
    return str(data.get(name) or "").replace("\r\n", "\n").strip()


def _date(form: Form, name: str, message: str, *, required: bool) -> dt.date | None:
    raw = form.values.get(name, "")
    if not raw:
        if required:
            form.errors[name] = message
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        form.errors[name] = f"{message.replace('Enter', 'Enter a real date for', 1)}"
        return None


def _limit(form: Form, name: str, label: str, limit: int = MAX_NOTE_CHARS) -> None:
    if len(form.values.get(name, "")) > limit:
        form.errors[name] = f"{label} must be {limit:,} characters or fewer"


def _choice(form: Form, name: str, allowed: set[str], message: str) -> str | None:
    value = form.values.get(name, "")
    if value not in allowed:
        form.errors[name] = message
        return None
    return value


def parse_new_case(data: FormData, *, subjects: set[str]) -> tuple[Form, dict[str, Any]]:
    names = [
        "feedback_id",
        "case_type",
        "received_on",
        "received_how",
        "narrative",
        "complainant_name",
        "relationship",
        "consent",
        "event_on",
        "time_limit_waiver_reason",
        "ward_code",
        "service_area",
        "profession",
        "complainant_status",
        "complainant_ethnic_category",
        "patient_age_at_event",
    ]
    form = Form(values={name: _text(data, name) for name in names})
    form.values["subjects"] = [str(s) for s in data.getlist("subjects")]
    body: dict[str, Any] = {}
    if form.get("feedback_id"):
        body["feedback_id"] = form.get("feedback_id")
    case_type = _choice(
        form, "case_type", {c for c, _ in CASE_TYPES}, "Select whether this is a complaint or PALS"
    )
    how = _choice(form, "received_how", {c for c, _ in RECEIVED_HOW}, "Select how it was received")
    received = _date(form, "received_on", "Enter the date it was received", required=True)
    event_on = _date(form, "event_on", "Enter the date of the events", required=False)
    if not form.get("narrative") and not form.get("feedback_id"):
        form.errors["narrative"] = "Enter the complaint or enquiry in the person's words"
    _limit(form, "narrative", "The complaint", MAX_NARRATIVE_CHARS)
    relationship = _choice(
        form,
        "relationship",
        {c for c, _ in RELATIONSHIPS},
        "Select the complainant's relationship to the patient",
    )
    if relationship and relationship != "patient":
        _choice(form, "consent", {c for c, _ in CONSENT}, "Select whether the patient consents")
    if not form.values["subjects"]:
        form.errors["subjects"] = "Select at least one subject"
    elif not set(form.values["subjects"]) <= subjects:
        form.errors["subjects"] = "Select subjects from the list"
    _limit(form, "time_limit_waiver_reason", "The reason")
    age = form.get("patient_age_at_event")
    if age and not (age.isdigit() and int(age) <= 130):
        form.errors["patient_age_at_event"] = "Enter the patient's age in whole years, like 67"
    if form.errors:
        return form, {}
    body.update(
        {
            "case_type": case_type,
            "received_how": how,
            "received_on": received.isoformat() if received else None,
            "relationship": relationship,
            "subjects": form.values["subjects"],
        }
    )
    if event_on:
        body["event_on"] = event_on.isoformat()
    for name in (
        "narrative",
        "complainant_name",
        "time_limit_waiver_reason",
        "ward_code",
        "service_area",
        "profession",
        "complainant_status",
        "complainant_ethnic_category",
    ):
        if form.get(name):
            body[name] = form.get(name)
    if relationship != "patient":
        body["consent"] = form.get("consent")
    if age:
        body["patient_age_at_event"] = int(age)
    return form, body


def parse_acknowledge(data: FormData) -> tuple[Form, dict[str, Any]]:
    form = Form(
        values={
            name: _text(data, name)
            for name in (
                "acknowledged_on",
                "discussion_offered",
                "discussion_accepted",
                "oral_record_copy_sent",
                "note",
            )
        }
    )
    on = _date(form, "acknowledged_on", "Enter the date it was acknowledged", required=False)
    offered = _choice(
        form,
        "discussion_offered",
        {"yes", "no"},
        "Select whether you offered to discuss how the complaint will be handled",
    )
    accepted = form.get("discussion_accepted") or "not_yet"
    if accepted not in {"yes", "no", "not_yet"}:
        form.errors["discussion_accepted"] = "Select whether the offer was accepted"
    if offered == "no" and accepted in {"yes", "no"}:
        form.errors["discussion_accepted"] = "A discussion can only be accepted if it was offered"
    _limit(form, "note", "The note")
    if form.errors:
        return form, {}
    body: dict[str, Any] = {
        "discussion_offered": offered == "yes",
        "oral_record_copy_sent": form.get("oral_record_copy_sent") == "yes",
    }
    if on:
        body["acknowledged_on"] = on.isoformat()
    if accepted in {"yes", "no"}:
        body["discussion_accepted"] = accepted == "yes"
    if form.get("note"):
        body["note"] = form.get("note")
    return form, body


def parse_response_due(data: FormData) -> tuple[Form, dict[str, Any]]:
    form = Form(values={name: _text(data, name) for name in ("response_due", "reason", "agreed")})
    due = _date(form, "response_due", "Enter the date the response is due", required=True)
    if not form.get("reason"):
        form.errors["reason"] = "Enter the reason for the date"
    _limit(form, "reason", "The reason")
    if form.errors or due is None:
        return form, {}
    return form, {
        "response_due": due.isoformat(),
        "reason": form.get("reason"),
        "agreed_with_complainant": form.get("agreed") == "yes",
    }


def parse_status(data: FormData, allowed: list[str]) -> tuple[Form, dict[str, Any]]:
    form = Form(values={name: _text(data, name) for name in ("status", "note", "late_reason")})
    status = _choice(
        form, "status", set(allowed) - DEDICATED_STATUSES, "Select the case's new status"
    )
    _limit(form, "note", "The note")
    _limit(form, "late_reason", "The reason")
    if form.errors:
        return form, {}
    body: dict[str, Any] = {"status": status}
    for name in ("note", "late_reason"):
        if form.get(name):
            body[name] = form.get(name)
    return form, body


def parse_outcome(data: FormData) -> tuple[Form, dict[str, Any]]:
    form = Form(
        values={
            name: _text(data, name)
            for name in ("outcome", "signed_by", "phso_rights_included", "note")
        }
    )
    outcome = _choice(form, "outcome", {c for c, _, _ in OUTCOMES}, "Select the outcome")
    if len(form.get("signed_by")) > 200:
        form.errors["signed_by"] = "The name must be 200 characters or fewer"
    _limit(form, "note", "The note")
    if form.errors:
        return form, {}
    body: dict[str, Any] = {
        "outcome": outcome,
        "phso_rights_included": form.get("phso_rights_included") == "yes",
    }
    for name in ("signed_by", "note"):
        if form.get(name):
            body[name] = form.get(name)
    return form, body


def parse_reopen(data: FormData) -> tuple[Form, dict[str, Any]]:
    form = Form(values={name: _text(data, name) for name in ("reason", "response_due")})
    if not form.get("reason"):
        form.errors["reason"] = "Enter why the case is reopened"
    _limit(form, "reason", "The reason")
    due = _date(form, "response_due", "Enter the new date the response is due", required=True)
    if form.errors or due is None:
        return form, {}
    return form, {"reason": form.get("reason"), "response_due": due.isoformat()}


def parse_phso(data: FormData) -> tuple[Form, dict[str, Any]]:
    form = Form(values={name: _text(data, name) for name in ("referred_on", "note")})
    on = _date(form, "referred_on", "Enter the date of the referral", required=False)
    _limit(form, "note", "The note")
    if form.errors:
        return form, {}
    body: dict[str, Any] = {}
    if on:
        body["referred_on"] = on.isoformat()
    if form.get("note"):
        body["note"] = form.get("note")
    return form, body


def parse_waiver(data: FormData) -> tuple[Form, dict[str, Any]]:
    form = Form(values={"time_limit_waiver_reason": _text(data, "time_limit_waiver_reason")})
    if not form.get("time_limit_waiver_reason"):
        form.errors["time_limit_waiver_reason"] = (
            "Enter the good reason for the delay and why it can still be investigated fairly"
        )
    _limit(form, "time_limit_waiver_reason", "The reason")
    if form.errors:
        return form, {}
    return form, {"time_limit_waiver_reason": form.get("time_limit_waiver_reason")}
