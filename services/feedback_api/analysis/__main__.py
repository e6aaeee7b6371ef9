"""Command line: `python -m services.feedback_api.analysis {train,evaluate,classify,redact}`."""

from __future__ import annotations

import os

# One core, as in production workers: set before numpy loads its BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from .cli import main  # noqa: E402

raise SystemExit(main())
