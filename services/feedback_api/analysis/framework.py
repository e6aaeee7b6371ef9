"""The v7 theme framework shipped with Heard, and how the older v6 labels map onto it.

The framework comes from the NHS "Patient Experience Qualitative Data Categorisation" project
(MIT licence); `resources/framework-v7.csv` is an unmodified copy.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FRAMEWORK_PATH = Path(__file__).parent / "resources" / "framework-v7.csv"


@dataclass(frozen=True, slots=True)
class Theme:
    """One v7 sub-category: what Heard calls a theme."""

    category: str
    name: str
    description: str


# v6 labels whose name differs from their v7 home. Labels with the same name in both frameworks
# map to themselves; labels in UNMAPPED_V6 are dropped because v7 has no equivalent.
V6_TO_V7: dict[str, str] = {
    "Number & deployment of staff": "Staffing levels & responsiveness",
    "Staff responsiveness": "Staffing levels & responsiveness",
    "Staff continuity": "Continuity of care",
    "Diagnosis & triage": "Continuity of care",
    "Referals & continuity of care": "Continuity of care",
    "Care plans": "Continuity of care",
    "Environment & Facilities": "Environment, facilities & equipment",
    "Provision of medical equipment": "Environment, facilities & equipment",
    "Existence of services": "Timeliness of care",
}

# "Not assigned" exists in v7 by name, but it means "no theme": we represent it as an empty
# theme set rather than predicting it as a theme of its own.
UNMAPPED_V6: frozenset[str] = frozenset(
    {
        "Not assigned",
        "Negative experience & dissatisfaction",
        "Impact of treatment/ care",
        "Equality, Diversity & Inclusion",
        "Admission",
        "Patient records",
        "Patient appearance & grooming",
        "Safeguarding concerns?",
        "Psychological therapy arrangements",
        "Choice of services",
        "Out of hours support (community services)",
        "Learning organisation",
    }
)

# v7 sub-categories that are never predicted as themes (see UNMAPPED_V6).
NOT_PREDICTED: frozenset[str] = frozenset({"Not assigned"})


@cache
def _read_framework(path: Path) -> tuple[tuple[Theme, ...], tuple[tuple[str, str, str], ...]]:
    themes: list[Theme] = []
    examples: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Sub-category"].strip()
            themes.append(
                Theme(row["Category"].strip(), name, row["Sub-category description"].strip())
            )
            examples.append((name, row.get("Examples") or "", row.get("Longer-Examples") or ""))
    return tuple(themes), tuple(examples)


def load_framework(path: Path | str | None = None) -> list[Theme]:
    """The themes of the v7 framework, in the framework's own order."""
    return list(_read_framework(Path(path) if path else FRAMEWORK_PATH)[0])


def framework_examples(path: Path | str | None = None) -> tuple[tuple[str, str, str], ...]:
    """(theme name, short examples, longer examples) per theme, as raw framework text."""
    return _read_framework(Path(path) if path else FRAMEWORK_PATH)[1]


def predictable_theme_names(path: Path | str | None = None) -> list[str]:
    """Theme names the classifier can assign, in framework order."""
    return [t.name for t in load_framework(path) if t.name not in NOT_PREDICTED]


def map_v6_label(label: str, v7_names: set[str] | frozenset[str]) -> str | None:
    """The v7 theme for a v6 label, or None when v7 has no equivalent.

    Raises ValueError for a label that is neither mapped nor known to be dropped, so a change in
    the training data cannot silently lose a theme.
    """
    if label in UNMAPPED_V6:
        return None
    target = V6_TO_V7.get(label, label)
    if target not in v7_names:
        raise ValueError(f"v6 label {label!r} has no v7 theme {target!r}")
    return target
