"""Reading the labelled FFT comments used to train and evaluate the classifier.

The labelled data is not part of the repository: it lives beside it in `shared/data` on the team's
machines. Everything here fails with `DataMissing` (and a message saying where it looked) when it
is absent, so a user's clone still classifies with the committed model.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .framework import framework_examples, load_framework, map_v6_label

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "feedback-labelled"
TRAIN_FILE = "v6-train.csv"

# Columns of v6-train.csv before the one-hot theme columns start.
_META_COLUMNS = 11
_TEXT_COLUMN = "FFT answer"
_SENTIMENT_COLUMN = "Comment sentiment"


class DataMissing(RuntimeError):
    """The labelled data set is not where we were told to find it."""


@dataclass(frozen=True, slots=True)
class LabelledComment:
    text: str
    themes: frozenset[str]
    sentiment: str | None  # positive / neutral / negative, None where not labelled
    group: str  # one respondent: their comments must stay on one side of a split


def sentiment_from_score(score: str) -> str | None:
    """Map the 1 (very positive) .. 5 (very negative) labels onto our three classes."""
    value = score.strip()
    if value in {"1", "2"}:
        return "positive"
    if value == "3":
        return "neutral"
    if value in {"4", "5"}:
        return "negative"
    return None


def resolve_data_dir(data_dir: Path | str | None) -> Path:
    """The labelled-data folder, checked to hold the training file."""
    folder = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    if not (folder / TRAIN_FILE).is_file():
        raise DataMissing(
            f"labelled data not found: {folder / TRAIN_FILE} does not exist. "
            "Pass --data DIR pointing at the feedback-labelled folder."
        )
    return folder


def load_labelled(data_dir: Path | str | None = None) -> list[LabelledComment]:
    """Every comment of v6-train.csv with its v7 themes and three-class sentiment."""
    path = resolve_data_dir(data_dir) / TRAIN_FILE
    v7_names = {t.name for t in load_framework()}
    comments: list[LabelledComment] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        theme_columns = list(enumerate(header))[_META_COLUMNS:]
        index = {name: i for i, name in enumerate(header)}
        for row in reader:
            themes = frozenset(
                theme
                for i, label in theme_columns
                if row[i].strip() == "1" and (theme := map_v6_label(label, v7_names))
            )
            comments.append(
                LabelledComment(
                    text=row[index[_TEXT_COLUMN]],
                    themes=themes,
                    sentiment=sentiment_from_score(row[index[_SENTIMENT_COLUMN]]),
                    group=f"{row[index['Trust']]}|{row[index['Respondent ID']]}",
                )
            )
    return comments


_SENTIMENT_PREFIX = re.compile(r"(?im)^\s*(positi?ve|negative|mixed|neutral)[^:\n]*:\s*")
_EXAMPLE_SEPARATOR = re.compile(r"[‘’'\"]\s*,\s*[‘’'\"]|\n")


def normalise_for_matching(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def framework_example_comments(exclude: Iterable[str] = ()) -> list[LabelledComment]:
    """The framework's own example comments, one theme each.

    They add a few dozen clear examples for the rarest themes. `exclude` holds comments (the
    evaluation part) that must not leak in as examples.
    """
    excluded = {normalise_for_matching(text) for text in exclude}
    examples: list[LabelledComment] = []
    for theme, short, longer in framework_examples():
        text = _SENTIMENT_PREFIX.sub("", f"{short}\n{longer}")
        for part in _EXAMPLE_SEPARATOR.split(text):
            part = part.strip(" ‘’'\".")
            if len(part) < 4 or normalise_for_matching(part) in excluded:
                continue
            themes = frozenset() if theme == "Not assigned" else frozenset({theme})
            examples.append(LabelledComment(part, themes, None, f"framework|{theme}"))
    return examples


PHASE1_FILE = "phase1-criticality.csv"
# phase1-criticality.csv scores how critical (negative) a comment is, -4 .. 4. Its clearly positive
# and clearly negative comments add sentiment examples; the middle (-1 .. 1) is left out because
# there the score does not say whether a comment is neutral or mixed.
PHASE1_POSITIVE_FROM = 2
PHASE1_NEGATIVE_TO = -2


def load_phase1_sentiment(
    data_dir: Path | str | None = None, exclude: Iterable[str] = ()
) -> list[LabelledComment]:
    """Extra sentiment-only examples from phase1-criticality.csv (no themes: it uses another
    framework). `exclude` holds comments (the evaluation part) that must not leak in; an absent
    file gives no examples."""
    path = resolve_data_dir(data_dir) / PHASE1_FILE
    if not path.is_file():
        return []
    excluded = {normalise_for_matching(text) for text in exclude}
    examples: list[LabelledComment] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row.get("feedback") or ""
            try:
                score = int((row.get("criticality") or "").strip())
            except ValueError:
                continue  # a few junk values such as NA
            if score >= PHASE1_POSITIVE_FROM:
                sentiment = "positive"
            elif score <= PHASE1_NEGATIVE_TO:
                sentiment = "negative"
            else:
                continue
            if text.strip() and normalise_for_matching(text) not in excluded:
                examples.append(LabelledComment(text, frozenset(), sentiment, "phase1"))
    return examples


FIXTURES_DIR = Path(__file__).parent / "fixtures"
# Written comments that train the urgency score. criticality-everyday.csv holds complaints about
# waits and communication that are not danger; criticality-written-2.csv holds the wordings the
# concept rules were widened with (indirect disclosures, and sayings that are not danger);
# criticality-written-3.csv holds complaint and PALS stories about relatives, mostly not urgent,
# told the way urgent ones are ("nobody told us", "my dad", "all night").
# criticality-holdout-2.csv and criticality-holdout-3.csv are never trained on: they stay checks,
# holdout-3 also unseen by whoever wrote the rules.
CRITICAL_TRAINING_FIXTURES = (
    "criticality.csv",
    "criticality-check.csv",
    "criticality-holdout.csv",
    "criticality-everyday.csv",
    "criticality-written-2.csv",
    "criticality-written-3.csv",
)


def critical_fixture_examples() -> list[tuple[str, bool]]:
    """(comment, urgent) pairs from the committed criticality fixtures used for training."""
    pairs: list[tuple[str, bool]] = []
    for name in CRITICAL_TRAINING_FIXTURES:
        with (FIXTURES_DIR / name).open(encoding="utf-8", newline="") as handle:
            pairs.extend(
                (row["comment"], row["critical"].strip().lower() == "true")
                for row in csv.DictReader(handle)
            )
    return pairs


def load_phase1_texts(
    data_dir: Path | str | None = None, *, at_least: int = -1, exclude: Iterable[str] = ()
) -> list[str]:
    """phase1 comments scored `at_least` or above: everyday comments, not urgent ones."""
    path = resolve_data_dir(data_dir) / PHASE1_FILE
    if not path.is_file():
        return []
    excluded = {normalise_for_matching(text) for text in exclude}
    texts: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                score = int((row.get("criticality") or "").strip())
            except ValueError:
                continue
            text = row.get("feedback") or ""
            if score >= at_least and text.strip() and normalise_for_matching(text) not in excluded:
                texts.append(text)
    return texts
