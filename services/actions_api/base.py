"""The actions schema's own SQLModel base, so its metadata holds only actions_api's tables."""

from sqlmodel import SQLModel

from services.common.db import new_registry

actions_registry = new_registry()


class ActionsTable(SQLModel, registry=actions_registry):
    pass
