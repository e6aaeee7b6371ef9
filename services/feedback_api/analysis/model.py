"""The comment analyser: themes, sentiment and criticality for a batch of comments.

A model is a folder with `model.json` (version, labels, vocabularies) and `weights.npz` (idf
weights, coefficients, thresholds; read with allow_pickle=False). Loading never executes code from
the files: the predictor is rebuilt here from plain arrays.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .criticality import is_critical, mentions_harm
from .features import Block, Featuriser

DEFAULT_MODEL_DIR = Path(__file__).parent / "model"
MODEL_JSON = "model.json"
WEIGHTS_NPZ = "weights.npz"
FORMAT = 1

SENTIMENTS = ("negative", "neutral", "positive")
# Answers that say nothing: their sentiment is neutral whatever the model makes of "N/A" or "?",
# so they do not move a ward's sentiment figures. (Their themes stay the model's: the labelled
# data gives "Did not answer" a theme of its own.)
_NON_ANSWERS = frozenset(
    {
        "na",
        "n a",
        "nil",
        "no comment",
        "no comments",
        "not applicable",
        "did not answer",
        "no answer",
        "nothing to say",
        "test",
    }
)


def says_nothing(text: str) -> bool:
    words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    return not words or words in _NON_ANSWERS


@dataclass(frozen=True, slots=True)
class CommentAnalysis:
    """What Heard understood of one comment."""

    themes: tuple[str, ...]
    sentiment: str
    critical: bool
    model_version: str


@dataclass(frozen=True, slots=True)
class LinearHead:
    """Scores = X @ coef + bias; coef is (n_features, n_outputs)."""

    coef: np.ndarray
    bias: np.ndarray

    def scores(self, features) -> np.ndarray:
        return np.asarray(features @ self.coef) + self.bias


def urgent(text: str, score: float, threshold: float, harm_threshold: float) -> bool:
    """The urgency flag: the rules, a confident score, or a fair score with a sign of harm."""
    if score > threshold:
        return True
    if score > harm_threshold and mentions_harm(text):
        return True
    return is_critical(text)


class Analyser:
    def __init__(
        self,
        *,
        model_version: str,
        featuriser: Featuriser,
        theme_names: Sequence[str],
        themes: LinearHead,
        theme_thresholds: np.ndarray,
        sentiment_classes: Sequence[str],
        sentiment: LinearHead,
        critical: LinearHead | None = None,
        critical_threshold: float = 0.0,
        critical_harm_threshold: float | None = None,
    ) -> None:
        self.model_version = model_version
        self.featuriser = featuriser
        self.theme_names = tuple(theme_names)
        self.themes = themes
        self.theme_thresholds = theme_thresholds
        self.sentiment_classes = tuple(sentiment_classes)
        self.sentiment = sentiment
        # Urgency: the concept rules, or this linear score (a second opinion that copes with
        # wordings the rules never saw) above its threshold, or above the lower harm threshold
        # when the comment has a word for harm, danger, the body or basic care.
        self.critical = critical
        self.critical_threshold = float(critical_threshold)
        self.critical_harm_threshold = float(
            critical_threshold if critical_harm_threshold is None else critical_harm_threshold
        )

    def critical_flags(self, texts: Sequence[str], features=None) -> list[bool]:
        """Whether each (non-blank) comment needs urgent attention."""
        if self.critical is None:
            return [is_critical(text) for text in texts]
        if features is None:
            features = self.featuriser.transform(texts)
        scores = self.critical.scores(features)[:, 0]
        return [
            urgent(text, float(score), self.critical_threshold, self.critical_harm_threshold)
            for text, score in zip(texts, scores, strict=True)
        ]

    def analyse(self, texts: Sequence[str]) -> list[CommentAnalysis]:
        """Analyse comments in order; blank comments get no themes, neutral, not critical."""
        texts = [text or "" for text in texts]
        filled = [i for i, text in enumerate(texts) if text.strip()]
        results = [CommentAnalysis((), "neutral", False, self.model_version) for _ in texts]
        if not filled:
            return results
        features = self.featuriser.transform([texts[i] for i in filled])
        theme_hits = self.themes.scores(features) > self.theme_thresholds
        sentiment_index = self.sentiment.scores(features).argmax(axis=1)
        critical = self.critical_flags([texts[i] for i in filled], features)
        for row, i in enumerate(filled):
            results[i] = CommentAnalysis(
                themes=tuple(
                    n for n, hit in zip(self.theme_names, theme_hits[row], strict=True) if hit
                ),
                sentiment=(
                    "neutral"
                    if says_nothing(texts[i])
                    else self.sentiment_classes[sentiment_index[row]]
                ),
                critical=critical[row],
                model_version=self.model_version,
            )
        return results

    def save(self, folder: Path | str) -> None:
        """Write model.json and weights.npz (coefficients as float16 to keep the file small)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "model_version": self.model_version,
            "theme_names": list(self.theme_names),
            "sentiment_classes": list(self.sentiment_classes),
            "blocks": [
                {"name": b.name, "terms": sorted(b.vocabulary, key=b.vocabulary.__getitem__)}
                for b in self.featuriser.blocks
            ],
        }
        (folder / MODEL_JSON).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        arrays = {f"idf_{b.name}": b.idf.astype(np.float32) for b in self.featuriser.blocks}
        arrays |= {
            "theme_coef": self.themes.coef.astype(np.float16),
            "theme_bias": self.themes.bias.astype(np.float32),
            "theme_thresholds": self.theme_thresholds.astype(np.float32),
            "sentiment_coef": self.sentiment.coef.astype(np.float16),
            "sentiment_bias": self.sentiment.bias.astype(np.float32),
        }
        if self.critical is not None:
            arrays |= {
                "critical_coef": self.critical.coef.astype(np.float16),
                "critical_bias": self.critical.bias.astype(np.float32),
                "critical_threshold": np.array([self.critical_threshold], dtype=np.float32),
                "critical_harm_threshold": np.array(
                    [self.critical_harm_threshold], dtype=np.float32
                ),
            }
        np.savez_compressed(folder / WEIGHTS_NPZ, **arrays)


def load_model(folder: Path | str) -> Analyser:
    """Rebuild an Analyser from a model folder without unpickling anything."""
    folder = Path(folder)
    meta = json.loads((folder / MODEL_JSON).read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"unsupported model format {meta.get('format')!r} in {folder}")
    with np.load(folder / WEIGHTS_NPZ, allow_pickle=False) as weights:
        arrays = {key: weights[key] for key in weights.files}
    blocks = [
        Block(
            b["name"],
            {term: i for i, term in enumerate(b["terms"])},
            arrays[f"idf_{b['name']}"].astype(np.float64),
        )
        for b in meta["blocks"]
    ]
    return Analyser(
        model_version=meta["model_version"],
        featuriser=Featuriser(blocks),
        theme_names=meta["theme_names"],
        themes=LinearHead(arrays["theme_coef"].astype(np.float32), arrays["theme_bias"]),
        theme_thresholds=arrays["theme_thresholds"],
        sentiment_classes=meta["sentiment_classes"],
        sentiment=LinearHead(arrays["sentiment_coef"].astype(np.float32), arrays["sentiment_bias"]),
        critical=(
            LinearHead(arrays["critical_coef"].astype(np.float32), arrays["critical_bias"])
            if "critical_coef" in arrays
            else None
        ),
        critical_threshold=float(arrays.get("critical_threshold", np.zeros(1))[0]),
        critical_harm_threshold=(
            float(arrays["critical_harm_threshold"][0])
            if "critical_harm_threshold" in arrays
            else None
        ),
    )


@cache
def _cached_default() -> Analyser:
    return load_model(DEFAULT_MODEL_DIR)


def load_analyser(path: Path | str | None = None) -> Analyser:
    """The analyser in `path`, or the committed model (loaded once per process) by default."""
    return load_model(path) if path is not None else _cached_default()
