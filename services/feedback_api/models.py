"""Every table feedback_api owns, imported here so its metadata (and Alembic) sees them all."""

from services.feedback_api.base import FeedbackTable, feedback_registry
from services.feedback_api.cases import models as cases_models  # noqa: F401  (cases tables)
from services.feedback_api.feedback.models import Feedback
from services.feedback_api.idempotency.models import IdempotencyRecord
from services.feedback_api.ingest import models as ingest_models  # noqa: F401  (imports)
from services.feedback_api.integrations import models as integrations_models  # noqa: F401
from services.feedback_api.jobs.models import Job
from services.feedback_api.known_names.models import KnownName, KnownNameList
from services.feedback_api.labels import models as labels_models  # noqa: F401  (labels tables)
from services.feedback_api.organisation.models import Directorate, Organisation, Site, Ward
from services.feedback_api.respondents import models as respondents_models  # noqa: F401

metadata = feedback_registry.metadata

__all__ = [
    "Directorate",
    "Feedback",
    "FeedbackTable",
    "IdempotencyRecord",
    "Job",
    "KnownName",
    "KnownNameList",
    "Organisation",
    "Site",
    "Ward",
    "metadata",
]
