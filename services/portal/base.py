"""The portal schema's own SQLModel base, so its metadata holds only the portal's tables."""

from sqlmodel import SQLModel

from services.common.db import new_registry

portal_registry = new_registry()


class PortalTable(SQLModel, registry=portal_registry):
    pass
