"""Redaction benchmark: a batch of 1,000 comments redacted as feedback_api stores them.

Comments are the committed redaction fixture (211 comments with marked identifiers) repeated,
with one in four naming a member of staff. The staff directory is 2,000 invented people made
from the shipped name lists (seeded, so every run uses the same names).

Prints, for the batch, the time with the shipped lists and patterns alone and with the staff
directory's names as well (median of several runs, and comments per second), so the cost of
the directory reads as a ratio; and the time to compile the directory, which feedback_api does
once per change of the list, not per comment. ``HEARD_BENCH_STAFF`` changes the directory's
size.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.feedback_api.analysis import redaction  # noqa: E402
from services.feedback_api.analysis.namelists import given_names, surnames  # noqa: E402

FIXTURE = REPO / "services" / "feedback_api" / "analysis" / "fixtures" / "redaction.jsonl"
BATCH = 1000
STAFF = int(os.environ.get("HEARD_BENCH_STAFF", "2000"))
RUNS = 5


def staff_directory(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    given = sorted(given_names()[0])
    family = sorted(surnames()[0])
    return [f"{rng.choice(given).title()} {rng.choice(family).title()}" for _ in range(count)]


def batch(staff: list[str], seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    texts = [json.loads(line)["text"] for line in FIXTURE.read_text().splitlines() if line]
    comments = []
    for i in range(BATCH):
        text = texts[i % len(texts)]
        if i % 4 == 0:
            person = rng.choice(staff)
            text = f"{text} {person} on the ward was very kind to my mum."
        comments.append(text)
    return comments


def timed(comments: list[str], names: redaction.KnownNames | list[str]) -> float:
    start = time.perf_counter()
    for text in comments:
        redaction.redact(text, names)
    return time.perf_counter() - start


def main() -> int:
    staff = staff_directory(STAFF)
    comments = batch(staff)
    start = time.perf_counter()
    directory = redaction.compile_known_names(staff)
    compile_seconds = time.perf_counter() - start
    timed(comments[:50], directory)  # warm the shipped lists
    plain = statistics.median(timed(comments, []) for _ in range(RUNS))
    with_staff = statistics.median(timed(comments, directory) for _ in range(RUNS))
    print(f"redaction batch: {BATCH} comments, staff directory: {STAFF} names")
    print(f"redaction compile directory: {compile_seconds * 1000:.0f} ms (once per change)")
    print(f"redaction lists+patterns: {plain * 1000:.0f} ms ({BATCH / plain:,.0f} comments/s)")
    print(
        f"redaction with directory: {with_staff * 1000:.0f} ms "
        f"({BATCH / with_staff:,.0f} comments/s)"
    )
    print(f"redaction ratio: {with_staff / plain:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
