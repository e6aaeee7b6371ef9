from services.actions_api.models import metadata
from services.common.migration_env import run

run("actions", metadata)
