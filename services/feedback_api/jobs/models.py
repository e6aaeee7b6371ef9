from services.common.jobs import JobFields
from services.feedback_api.base import FeedbackTable


class Job(JobFields, FeedbackTable, table=True):
    """feedback_api's job/outbox table."""

    __tablename__ = "job"
