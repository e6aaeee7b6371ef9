"""Heard's comment analysis: themes, sentiment, criticality and personal-data redaction.

Pure Python (no web framework, no database): the feedback API and its worker call
`load_analyser().analyse(texts)` and `redact(text, known_names)`.
"""

from .framework import Theme, load_framework
from .model import Analyser, CommentAnalysis, load_analyser
from .redaction import Redaction, Span, redact

__all__ = [
    "Analyser",
    "CommentAnalysis",
    "Redaction",
    "Span",
    "Theme",
    "load_analyser",
    "load_framework",
    "redact",
]
