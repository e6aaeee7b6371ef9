from services.common.migration_env import run
from services.feedback_api.models import metadata

run("feedback", metadata)
