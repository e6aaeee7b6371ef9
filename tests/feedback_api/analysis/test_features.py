"""The run-time featuriser makes the very n-grams and counts scikit-learn's vectorisers made when
the model was trained, and classifying does not import scikit-learn (its import alone takes
longer than classifying 1,500 comments)."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from services.feedback_api.analysis import load_analyser
from services.feedback_api.analysis.dataset import critical_fixture_examples
from services.feedback_api.analysis.features import BLOCKS

AWKWARD = [
    "",
    " ",
    "a",
    "x" * 30,
    "I\tam  here\n\nnow",
    "  leading and trailing  ",
    "Ça va? naïve café — “quoted” don’t WON'T",
    "not very helpful, but kind. Never again!! no-one came",
    "A&E at 3am: 10/10, 24hrs, e-mail me@example.org",
]


@pytest.mark.parametrize("block", load_analyser().featuriser.blocks, ids=lambda b: b.name)
def test_counts_match_the_vectoriser_the_model_was_trained_with(block):
    texts = AWKWARD + [text for text, _ in critical_fixture_examples()]
    spec = BLOCKS[block.name]
    reference = CountVectorizer(
        analyzer=spec["analyzer"],
        ngram_range=spec["ngram_range"],
        preprocessor=spec.get("preprocessor"),
        vocabulary=block.vocabulary,
        dtype=np.float64,
    ).transform(texts)
    counts = block.counts(texts)
    assert counts.shape == reference.shape
    assert abs(counts - reference).sum() == 0


def test_classifying_does_not_import_scikit_learn():
    script = (
        "import sys\n"
        "from services.feedback_api.analysis import load_analyser\n"
        "result = load_analyser().analyse(['The nurses were kind but the food was cold.'])[0]\n"
        "assert result.themes, result\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
