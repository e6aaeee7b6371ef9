"""Scoring criticality and redaction against the committed fixtures.

A redaction span counts as found when a predicted span of the same kind overlaps it, so "Nurse
[NAME]" and "[NAME]" both count for "Nurse Sarah": what matters is that the person is hidden.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from .criticality import is_critical
from .redaction import KINDS, find_spans

FIXTURES = Path(__file__).parent / "fixtures"
CRITICALITY = FIXTURES / "criticality.csv"
CRITICALITY_CHECK = FIXTURES / "criticality-check.csv"
CRITICALITY_HOLDOUT = FIXTURES / "criticality-holdout.csv"
CRITICALITY_HOLDOUT_2 = FIXTURES / "criticality-holdout-2.csv"
CRITICALITY_HOLDOUT_3 = FIXTURES / "criticality-holdout-3.csv"
REDACTION = FIXTURES / "redaction.jsonl"


def criticality_scores(
    path: Path = CRITICALITY, flags: Callable[[list[str]], list[bool]] | None = None
) -> tuple[float, float]:
    """(recall, precision) on a comment,critical CSV of `flags` (default: the concept rules)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            (r["comment"], r["critical"].strip().lower() == "true") for r in csv.DictReader(handle)
        ]
    texts = [text for text, _ in rows]
    guesses = flags(texts) if flags else [is_critical(text) for text in texts]
    hits = Counter((truth, guess) for (_, truth), guess in zip(rows, guesses, strict=True))
    recall = hits[True, True] / max(1, hits[True, True] + hits[True, False])
    precision = hits[True, True] / max(1, hits[True, True] + hits[False, True])
    return recall, precision


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def redaction_scores(path: Path = REDACTION) -> dict[str, tuple[float, float, int]]:
    """Per kind: (recall, precision, number of marked entities)."""
    found, marked, correct, predicted = Counter(), Counter(), Counter(), Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        truth = [(e["kind"], (e["start"], e["end"])) for e in item["entities"]]
        guess = [(s.kind, (s.start, s.end)) for s in find_spans(item["text"])]
        for kind, span in truth:
            marked[kind] += 1
            found[kind] += any(k == kind and _overlaps(span, g) for k, g in guess)
        for kind, span in guess:
            predicted[kind] += 1
            correct[kind] += any(k == kind and _overlaps(span, t) for k, t in truth)
    return {
        kind: (
            found[kind] / marked[kind] if marked[kind] else 1.0,
            correct[kind] / predicted[kind] if predicted[kind] else 1.0,
            marked[kind],
        )
        for kind in KINDS
    }


def fixture_lines() -> Iterator[tuple[str, float | int]]:
    """Criticality of the committed analyser (rules + urgency score) and of the rules alone.

    The urgency score was trained on criticality.csv, criticality-check.csv and
    criticality-holdout.csv, so its figures there are in-sample. Neither the score nor the rules
    were fitted to criticality-holdout-2.csv, but the rules' author read it;
    criticality-holdout-3.csv was written apart from the rules and never read while changing
    them: the honest check.
    """
    from .model import load_analyser

    analyser = load_analyser()
    for label, path in (
        ("criticality", CRITICALITY),
        ("criticality check-set", CRITICALITY_CHECK),
        ("criticality holdout-1", CRITICALITY_HOLDOUT),
        ("criticality holdout-2 (not trained on; read when writing rules)", CRITICALITY_HOLDOUT_2),
        ("criticality holdout-3 (unseen)", CRITICALITY_HOLDOUT_3),
    ):
        recall, precision = criticality_scores(path, analyser.critical_flags)
        yield f"{label} recall", recall
        yield f"{label} precision", precision
        recall, precision = criticality_scores(path)
        yield f"{label} rules-only recall", recall
        yield f"{label} rules-only precision", precision
    for kind, (recall, precision, count) in redaction_scores().items():
        yield f"redaction {kind} recall", recall
        yield f"redaction {kind} precision", precision
        yield f"redaction {kind} entities", count
