"""Every table actions_api owns, imported here so its metadata (and Alembic) sees them all."""

from services.actions_api.base import ActionsTable, actions_registry
from services.actions_api.jobs.models import Job

metadata = actions_registry.metadata

__all__ = ["ActionsTable", "Job", "metadata"]
