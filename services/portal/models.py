"""Every table the portal owns, imported here so its metadata (and Alembic) sees them all."""

from services.portal.accounts.models import LoginSession, SignInAttempt, User
from services.portal.base import PortalTable, portal_registry
from services.portal.jobs.models import Job

metadata = portal_registry.metadata

__all__ = ["Job", "LoginSession", "PortalTable", "SignInAttempt", "User", "metadata"]
