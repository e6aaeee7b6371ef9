"""The analysis command line: train, evaluate, classify a CSV, redact stdin."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from .dataset import (
    DataMissing,
    critical_fixture_examples,
    framework_example_comments,
    load_labelled,
    load_phase1_sentiment,
    load_phase1_texts,
)
from .model import DEFAULT_MODEL_DIR, load_analyser

BATCH = 2000


def _train(args: argparse.Namespace) -> int:
    from .training import train_analyser

    comments = load_labelled(args.data)
    analyser = train_analyser(
        comments,
        framework_example_comments(),
        load_phase1_sentiment(args.data),
        critical_fixture_examples(),
        load_phase1_texts(args.data),
    )
    analyser.save(args.out)
    print(f"model {analyser.model_version} written to {args.out} ({len(comments)} comments)")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate

    evaluate(args.data, splits=args.splits)
    return 0


def _classify(args: argparse.Namespace) -> int:
    analyser = load_analyser(args.model)
    csv.field_size_limit(sys.maxsize)
    with open(args.input, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        if "comment" not in fields:
            print(f"{args.input}: no 'comment' column", file=sys.stderr)
            return 2
        rows = list(reader)
    results = []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        results.extend(analyser.analyse([row.get("comment") or "" for row in batch]))
    out_fields = fields + [f for f in ("themes", "sentiment", "critical") if f not in fields]
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=out_fields)
        writer.writeheader()
        for row, result in zip(rows, results, strict=True):
            row["themes"] = ";".join(result.themes)
            row["sentiment"] = result.sentiment
            row["critical"] = "true" if result.critical else "false"
            writer.writerow(row)
    return 0


def _redact(args: argparse.Namespace) -> int:
    from .redaction import redact

    sys.stdout.write(redact(sys.stdin.read(), args.known_name).text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m services.feedback_api.analysis")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, text in (
        ("train", _train, "train the committed model from the labelled comments"),
        ("evaluate", _evaluate, "train on 80%% by respondent, report on the rest and fixtures"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--data", type=Path, default=None, help="feedback-labelled folder")
        command.set_defaults(handler=handler)
    commands.choices["train"].add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    commands.choices["evaluate"].add_argument(
        "--splits", type=int, default=5, help="respondent-grouped splits to average over"
    )
    classify = commands.add_parser("classify", help="add themes, sentiment, critical to a CSV")
    classify.add_argument("input", type=Path)
    classify.add_argument("output", type=Path)
    classify.add_argument("--model", type=Path, default=None, help="model folder")
    classify.set_defaults(handler=_classify)
    redact = commands.add_parser("redact", help="redact personal data from stdin to stdout")
    redact.add_argument("--known-name", action="append", default=[], help="a name to redact")
    redact.set_defaults(handler=_redact)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except DataMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
