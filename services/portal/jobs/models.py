from services.common.jobs import JobFields
from services.portal.base import PortalTable


class Job(JobFields, PortalTable, table=True):
    """The portal's job/outbox table: queued submissions, emails."""

    __tablename__ = "job"
