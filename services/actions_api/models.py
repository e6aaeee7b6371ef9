"""Every table actions_api owns, imported here so its metadata (and Alembic) sees them all."""

from services.actions_api.base import ActionsTable, actions_registry
from services.actions_api.jobs.models import Job
from services.actions_api.plans.models import (
    Action,
    Commitment,
    Evidence,
    Measure,
    MeasureValue,
    ProgressUpdate,
    QuarterSnapshot,
    Strategy,
)
from services.actions_api.yswd.models import Entry

metadata = actions_registry.metadata

__all__ = [
    "Action",
    "ActionsTable",
    "Commitment",
    "Entry",
    "Evidence",
    "Job",
    "Measure",
    "MeasureValue",
    "ProgressUpdate",
    "QuarterSnapshot",
    "Strategy",
    "metadata",
]
