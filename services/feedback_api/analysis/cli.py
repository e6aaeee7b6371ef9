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


class InputError(Exception):
    """A problem with the files the user named, told in one line without a traceback."""


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    csv.field_size_limit(sys.maxsize)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            if not fields:
                raise InputError(f"{path}: the file is empty; it needs a header row with 'comment'")
            if "comment" not in fields:
                raise InputError(
                    f"{path}: no 'comment' column (the header row has: {', '.join(fields)})"
                )
            rows = []
            for row in reader:
                if None in row:  # more cells than the header names
                    raise InputError(
                        f"{path}, line {reader.line_num}: more cells than the header has columns"
                    )
                rows.append(row)
            return fields, rows
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the CSV as UTF-8 and try again") from None
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None


def _classify(args: argparse.Namespace) -> int:
    fields, rows = _read_rows(args.input)
    try:
        analyser = load_analyser(args.model)
    except FileNotFoundError:
        raise InputError(f"{args.model}: no model there (it needs model.json)") from None
    results = []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        results.extend(analyser.analyse([row.get("comment") or "" for row in batch]))
    out_fields = fields + [f for f in ("themes", "sentiment", "critical") if f not in fields]
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=out_fields)
            writer.writeheader()
            for row, result in zip(rows, results, strict=True):
                row["themes"] = ";".join(result.themes)
                row["sentiment"] = result.sentiment
                row["critical"] = "true" if result.critical else "false"
                writer.writerow(row)
    except OSError as error:
        raise InputError(f"{args.output}: cannot be written ({error.strerror})") from None
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
    except (DataMissing, InputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
