"""Word and character n-gram TF-IDF features, rebuilt from plain arrays.

Training fits scikit-learn's TfidfVectorizer; the model file keeps only each block's vocabulary
and idf weights, and `Featuriser` reproduces the same vectors from that vocabulary. Nothing in the
model file is executed. At run time the n-grams are made here, exactly as scikit-learn's analyzers
make them (a test holds the two equal), because importing scikit-learn takes longer than
classifying a file of 1,500 comments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

_NEGATION_CUE = re.compile(r"^(?:not|no|never|nothing|nobody|none|nor|without|cannot|hardly)$|n't$")
_SCOPE_BREAK = re.compile(r"([.,!?;:\n]|\bbut\b)")
_TOKEN = re.compile(r"[a-z0-9']+")
# scikit-learn's defaults: its token pattern, and the runs of white space char_wb collapses.
_WORD = re.compile(r"(?u)\b\w\w+\b")
_WHITE_SPACES = re.compile(r"\s\s+")


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

    def ngrams(self, text: str) -> list[str]:
        """The block's n-grams of one comment, as scikit-learn's analyzer makes them."""
        spec = BLOCKS[self.name]
        low, high = spec["ngram_range"]
        if spec["analyzer"] == "char_wb":
            return _char_wb_ngrams(_WHITE_SPACES.sub(" ", text.lower()), low, high)
        preprocessor = spec.get("preprocessor")
        tokens = _WORD.findall(preprocessor(text) if preprocessor else text.lower())
        return _word_ngrams(tokens, low, high)

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Term counts of the block's vocabulary, one row per comment."""
        vocabulary = self.vocabulary
        indptr, indices, data = [0], [], []
        for text in texts:
            row: dict[int, int] = {}
            for gram in self.ngrams(text):
                column = vocabulary.get(gram)
                if column is not None:
                    row[column] = row.get(column, 0) + 1
            indices.extend(row)
            data.extend(row.values())
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
            shape=(len(texts), len(vocabulary)),
        )


def _word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:  # a short word counts once, whole
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


class Featuriser:
    """Turns comment texts into the L2-normalised, sublinear TF-IDF rows the model expects."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = tuple(blocks)

    @property
    def n_features(self) -> int:
        return sum(len(block.vocabulary) for block in self.blocks)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        parts = []
        for block in self.blocks:
            counts = block.counts(texts)
            counts.data = 1.0 + np.log(counts.data)  # sublinear tf
            weighted = counts @ sparse.diags(block.idf)
            parts.append(_l2_normalise(sparse.csr_matrix(weighted)))
        return sparse.hstack(parts, format="csr")

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Featuriser:
        from sklearn.feature_extraction.text import TfidfVectorizer

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
