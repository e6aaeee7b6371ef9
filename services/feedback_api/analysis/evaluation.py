"""Held-out evaluation: themes, sentiment, criticality, redaction and speed, as `name: value` lines.

Themes and sentiment are measured on respondents the model never saw (80/20 split by Trust +
Respondent ID with a fixed seed); criticality and redaction on the committed fixtures.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupShuffleSplit

from .dataset import LabelledComment, framework_example_comments, load_labelled
from .fixtures_scoring import fixture_lines
from .model import Analyser, load_model
from .training import label_matrix, train_analyser

SPLIT_SEED = 20261121
TEST_SIZE = 0.2
MIN_TEST_EXAMPLES = 5
SPEED_COMMENTS = 1500
FIXTURES = Path(__file__).parent / "fixtures"


def split_by_respondent(
    comments: Sequence[LabelledComment],
) -> tuple[list[LabelledComment], list[LabelledComment]]:
    splitter = GroupShuffleSplit(n_splits=1, test_size=TEST_SIZE, random_state=SPLIT_SEED)
    train_idx, test_idx = next(splitter.split(comments, groups=[c.group for c in comments]))
    return [comments[i] for i in train_idx], [comments[i] for i in test_idx]


def theme_scores(
    analyser: Analyser, test: Sequence[LabelledComment], predicted: Sequence[tuple[str, ...]]
) -> Iterator[tuple[str, float]]:
    names = analyser.theme_names
    truth = label_matrix(test, names)
    guess = np.array([[n in p for n in names] for p in predicted], dtype=np.int8)
    scored = [j for j in range(len(names)) if truth[:, j].sum() >= MIN_TEST_EXAMPLES]
    per_theme = {names[j]: f1_score(truth[:, j], guess[:, j], zero_division=0) for j in scored}
    yield "theme macro F1", float(np.mean(list(per_theme.values())))
    yield "theme count evaluated", len(scored)
    for name, value in per_theme.items():
        yield f"theme F1 [{name}]", float(value)


def sentiment_accuracy(test: Sequence[LabelledComment], predicted: Sequence[str]) -> float:
    pairs = [(c.sentiment, p) for c, p in zip(test, predicted, strict=True) if c.sentiment]
    return sum(truth == guess for truth, guess in pairs) / len(pairs)


def classification_lines(data_dir: Path | str | None) -> Iterator[tuple[str, float | int]]:
    # Blank comments never reach the model (they get no themes by contract), so they are not
    # scored: counting them would only measure that contract.
    comments = [c for c in load_labelled(data_dir) if c.text.strip()]
    train, test = split_by_respondent(comments)
    extra = framework_example_comments(exclude=[c.text for c in test])
    analyser = train_analyser(train, extra)
    with tempfile.TemporaryDirectory() as folder:
        analyser.save(folder)
        texts = [c.text for c in test]
        speed_texts = (texts * (SPEED_COMMENTS // len(texts) + 1))[:SPEED_COMMENTS]
        started = time.perf_counter()
        reloaded = load_model(folder)
        reloaded.analyse(speed_texts)
        per_second = SPEED_COMMENTS / (time.perf_counter() - started)
    results = reloaded.analyse(texts)
    yield "train comments", len(train)
    yield "test comments", len(test)
    yield from theme_scores(reloaded, test, [r.themes for r in results])
    yield "sentiment accuracy", sentiment_accuracy(test, [r.sentiment for r in results])
    yield "comments per second", per_second


def format_line(name: str, value: float | int) -> str:
    return f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}"


def evaluate(data_dir: Path | str | None, emit: Callable[[str], None] = print) -> None:
    for name, value in classification_lines(data_dir):
        emit(format_line(name, value))
    for name, value in fixture_lines():
        emit(format_line(name, value))
