"""The Friends and Family Test form: parsing and validation, kept apart from the route."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.common.fft import FftAnswer


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
