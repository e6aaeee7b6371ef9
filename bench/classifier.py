"""Benchmark the comment classifier on one core: start-up plus 1,500 comments.

Uses comments from the labelled data set when it is beside the repository, otherwise comments
from the committed fixtures. Prints `classifier comments/s: N` (wall time, start-up included),
the same per second of CPU time, `classifier load s: N`, then the same 1,500 comments through the
classify command as a user runs it, a new Python process included
(`classify command comments/s`), and the machine load average.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import csv  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.feedback_api.analysis.dataset import DataMissing, load_labelled  # noqa: E402
from services.feedback_api.analysis.model import DEFAULT_MODEL_DIR, load_model  # noqa: E402

COMMENTS = 1500
FIXTURES = REPO / "services" / "feedback_api" / "analysis" / "fixtures"


def sample_comments() -> list[str]:
    try:
        texts = [c.text for c in load_labelled(sys.argv[1] if len(sys.argv) > 1 else None)]
    except DataMissing:
        with (FIXTURES / "criticality.csv").open(encoding="utf-8", newline="") as handle:
            texts = [row["comment"] for row in csv.DictReader(handle)]
        lines = (FIXTURES / "redaction.jsonl").read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return (texts * (COMMENTS // len(texts) + 1))[:COMMENTS]


def classify_command_seconds(texts: list[str]) -> float:
    """Wall time of `python -m services.feedback_api.analysis classify IN OUT` on the texts."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.csv", Path(folder) / "out.csv"
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["comment"])
            writer.writerows([text] for text in texts)
        command = [sys.executable, "-m", "services.feedback_api.analysis", "classify"]
        started = time.perf_counter()
        subprocess.run([*command, str(source), str(target)], cwd=REPO, check=True)
        return time.perf_counter() - started


def main() -> None:
    texts = sample_comments()
    started, cpu_started = time.perf_counter(), time.process_time()
    analyser = load_model(DEFAULT_MODEL_DIR)
    loaded = time.perf_counter()
    analyser.analyse(texts)
    finished, cpu_finished = time.perf_counter(), time.process_time()
    print(f"classifier comments/s: {COMMENTS / (finished - started):.0f}")
    # CPU time of this one process: the figure on a busy machine, where wall time also counts
    # other processes' turns on the core.
    print(f"classifier comments/s of CPU time: {COMMENTS / (cpu_finished - cpu_started):.0f}")
    print(f"classifier load s: {loaded - started:.3f}")
    print(f"classify command comments/s: {COMMENTS / classify_command_seconds(texts):.0f}")
    print(f"machine load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
