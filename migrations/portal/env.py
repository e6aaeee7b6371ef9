from services.common.migration_env import run
from services.portal.models import metadata

run("portal", metadata)
