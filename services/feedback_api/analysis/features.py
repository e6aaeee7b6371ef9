"""Word and character n-gram TF-IDF features, rebuilt from plain arrays.

Training fits scikit-learn's TfidfVectorizer; the model file keeps only each block's vocabulary
and idf weights, and `Featuriser` reproduces the same vectors with CountVectorizer given that
vocabulary. Nothing in the model file is executed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

_NEGATION_CUE = re.compile(r"^(?:not|no|never|nothing|nobody|none|nor|without|cannot|hardly)$|n't$")
_SCOPE_BREAK = re.compile(r"([.,!?;:\n]|\bbut\b)")
_TOKEN = re.compile(r"[a-z0-9']+")


def mark_negation(text: str) -> str:
    """Lower-case words, with those after a negation prefixed until the clause ends:
    "not very helpful, but kind" -> "not neg_very neg_helpful , but kind"."""
    out: list[str] = []
    for piece in _SCOPE_BREAK.split(text.lower()):
        if _SCOPE_BREAK.fullmatch(piece or "x"):
            out.append(piece.strip() or ".")
            continue
        negated = False
        for word in _TOKEN.findall(piece):
            out.append(f"neg_{word}" if negated else word)
            negated = negated or bool(_NEGATION_CUE.search(word))
    return " ".join(out)


# Each block: analyzer, n-gram range, minimum document frequency. Char n-grams cope with the
# typos and odd capitalisation of FFT comments ("FrIendly and carIng"); words carry meaning.
BLOCKS: dict[str, dict[str, Any]] = {
    "word": {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2},
    "char": {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3},
    # Words in the scope of a negation kept apart: "not helpful" is not "helpful".
    "negword": {
        "analyzer": "word",
        "ngram_range": (1, 2),
        "min_df": 2,
        "preprocessor": mark_negation,
    },
}
# The blocks a newly trained model uses.
TRAINED_BLOCKS = ("negword", "char")


@dataclass(frozen=True, slots=True)
class Block:
    name: str
    vocabulary: dict[str, int]
    idf: np.ndarray

    def vectoriser(self) -> CountVectorizer:
        spec = BLOCKS[self.name]
        return CountVectorizer(
            analyzer=spec["analyzer"],
            ngram_range=spec["ngram_range"],
            preprocessor=spec.get("preprocessor"),
            vocabulary=self.vocabulary,
            lowercase=True,
            dtype=np.float64,
        )


class Featuriser:
    """Turns comment texts into the L2-normalised, sublinear TF-IDF rows the model expects."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = tuple(blocks)
        self._vectorisers = [block.vectoriser() for block in self.blocks]

    @property
    def n_features(self) -> int:
        return sum(len(block.vocabulary) for block in self.blocks)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        parts = []
        for block, vectoriser in zip(self.blocks, self._vectorisers, strict=True):
            counts = vectoriser.transform(texts).tocsr()
            counts.data = 1.0 + np.log(counts.data)  # sublinear tf
            weighted = counts @ sparse.diags(block.idf)
            parts.append(_l2_normalise(sparse.csr_matrix(weighted)))
        return sparse.hstack(parts, format="csr")

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Featuriser:
        blocks = []
        for name in TRAINED_BLOCKS:
            spec = BLOCKS[name]
            tfidf = TfidfVectorizer(sublinear_tf=True, **spec).fit(texts)
            vocabulary = {term: int(i) for term, i in tfidf.vocabulary_.items()}
            blocks.append(Block(name, vocabulary, tfidf.idf_.astype(np.float64)))
        return cls(blocks)


def _l2_normalise(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
