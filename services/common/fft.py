"""The national Friends and Family Test question and answers (NHS England guidance, April 2020).

A national standard, not a setting: the wording must be used exactly as written, and the codes
are those of the monthly return. Positive and negative are as NHS England defines them.
"""

from __future__ import annotations

from enum import IntEnum

FFT_QUESTION = "Overall, how was your experience of our service?"


class FftAnswer(IntEnum):
    very_good = 1
    good = 2
    neither = 3
    poor = 4
    very_poor = 5
    dont_know = 6

    @property
    def label(self) -> str:
        return FFT_LABELS[self]

    @property
    def is_positive(self) -> bool:
        return self in (FftAnswer.very_good, FftAnswer.good)

    @property
    def is_negative(self) -> bool:
        return self in (FftAnswer.poor, FftAnswer.very_poor)


FFT_LABELS: dict[FftAnswer, str] = {
    FftAnswer.very_good: "Very good",
    FftAnswer.good: "Good",
    FftAnswer.neither: "Neither good nor poor",
    FftAnswer.poor: "Poor",
    FftAnswer.very_poor: "Very poor",
    FftAnswer.dont_know: "Don't know",
}
