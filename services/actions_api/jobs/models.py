from services.actions_api.base import ActionsTable
from services.common.jobs import JobFields


class Job(JobFields, ActionsTable, table=True):
    """actions_api's job/outbox table: escalations, notifications, webhook events (handed to
    feedback_api), quarter-end snapshots."""

    __tablename__ = "job"
