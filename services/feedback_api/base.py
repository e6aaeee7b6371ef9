"""The feedback schema's own SQLModel base, so its metadata holds only feedback_api's tables."""

from sqlmodel import SQLModel

from services.common.db import new_registry

feedback_registry = new_registry()


class FeedbackTable(SQLModel, registry=feedback_registry):
    pass
