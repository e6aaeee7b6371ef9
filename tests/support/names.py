"""Made-up people's names for the tests of the names Heard redacts in comments."""

from __future__ import annotations

import uuid

_DIGITS_TO_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def made_up_surname() -> str:
    """A unique made-up surname, "Zu" and eight letters (letters only, so it is no one's and no
    everyday word)."""
    return "Zu" + uuid.uuid4().hex[:8].translate(_DIGITS_TO_LETTERS)
