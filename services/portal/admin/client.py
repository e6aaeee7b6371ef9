"""feedback_api's integration endpoints for the portal's typed client, parsed into models."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from services.common.tokens import Principal


class ApiKey(BaseModel):
    id: str
    prefix: str
    name: str
    channels: list[str]
    created_by: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    revoked_by: str | None


class ApiKeyCreated(ApiKey):
    key: str


class ApiKeyList(BaseModel):
    data: list[ApiKey]
    count: int


class Webhook(BaseModel):
    id: uuid.UUID
    name: str
    url: str
    events: list[str]
    created_by: str
    created_at: dt.datetime
    last_delivered_at: dt.datetime | None
    last_failed_at: dt.datetime | None
    last_error: str | None


class WebhookCreated(Webhook):
    secret: str


class WebhookList(BaseModel):
    data: list[Webhook]
    count: int


class Rejection(BaseModel):
    line: int
    reason: str


class Import(BaseModel):
    id: uuid.UUID
    kind: str
    file_name: str
    file_hash: str
    file_bytes: int
    mapping: dict[str, Any]
    created_by: str
    created_at: dt.datetime
    rows_total: int
    accepted: int
    duplicates: int
    rejected: int
    rejections: list[Rejection]


class ImportList(BaseModel):
    data: list[Import]
    count: int


class KnownName(BaseModel):
    id: uuid.UUID
    name: str
    source: str
    source_ref: str | None
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime


class KnownNameList(BaseModel):
    data: list[KnownName]
    count: int
    staff_directory_count: int
    added_by_admin_count: int


class StaffDirectorySynced(BaseModel):
    added: int
    renamed: int
    removed: int
    unchanged: int
    skipped: int


class AdminClientMixin:
    """Methods of ``FeedbackApiClient`` for API keys, webhooks, imports and the names redacted
    in comments: one per endpoint.

    Mixed into the client (it supplies ``request``), kept here beside the pages that use them.
    """

    async def list_api_keys(self, principal: Principal) -> ApiKeyList:
        response = await self.request("GET", "/v1/admin/api-keys", principal=principal)
        return ApiKeyList.model_validate(response.json())

    async def create_api_key(self, principal: Principal, body: dict[str, Any]) -> ApiKeyCreated:
        response = await self.request("POST", "/v1/admin/api-keys", principal=principal, json=body)
        return ApiKeyCreated.model_validate(response.json())

    async def revoke_api_key(self, principal: Principal, key_id: str) -> ApiKey:
        response = await self.request(
            "POST", f"/v1/admin/api-keys/{key_id}/revoke", principal=principal
        )
        return ApiKey.model_validate(response.json())

    async def list_webhooks(self, principal: Principal) -> WebhookList:
        response = await self.request("GET", "/v1/admin/webhooks", principal=principal)
        return WebhookList.model_validate(response.json())

    async def create_webhook(self, principal: Principal, body: dict[str, Any]) -> WebhookCreated:
        response = await self.request("POST", "/v1/admin/webhooks", principal=principal, json=body)
        return WebhookCreated.model_validate(response.json())

    async def delete_webhook(self, principal: Principal, webhook_id: uuid.UUID) -> None:
        await self.request("DELETE", f"/v1/admin/webhooks/{webhook_id}", principal=principal)

    async def list_imports(self, principal: Principal) -> ImportList:
        response = await self.request("GET", "/v1/imports", principal=principal)
        return ImportList.model_validate(response.json())

    async def get_import(self, principal: Principal, import_id: uuid.UUID) -> Import:
        response = await self.request("GET", f"/v1/imports/{import_id}", principal=principal)
        return Import.model_validate(response.json())

    async def create_import(
        self,
        principal: Principal,
        *,
        file_name: str,
        content: bytes,
        fields: dict[str, str],
        idempotency_key: str | None = None,
    ) -> Import:
        response = await self.request(
            "POST",
            "/v1/imports",
            principal=principal,
            files={"file": (file_name, content, "text/csv")},
            data=fields,
            idempotency_key=idempotency_key,
        )
        return Import.model_validate(response.json())

    async def list_known_names(
        self, principal: Principal, *, source: str | None = None
    ) -> KnownNameList:
        params = {"source": source} if source else {}
        response = await self.request("GET", "/v1/known-names", principal=principal, params=params)
        return KnownNameList.model_validate(response.json())

    async def add_known_name(self, principal: Principal, name: str) -> KnownName:
        response = await self.request(
            "POST", "/v1/known-names", principal=principal, json={"name": name}
        )
        return KnownName.model_validate(response.json())

    async def remove_known_name(self, principal: Principal, name_id: uuid.UUID) -> None:
        await self.request("DELETE", f"/v1/known-names/{name_id}", principal=principal)

    # The staff directory: the portal's worker, as itself (``principal`` is its service identity).

    async def put_staff_name(self, principal: Principal, account_id: str, name: str) -> None:
        await self.request(
            "PUT",
            f"/v1/known-names/staff-directory/{account_id}",
            principal=principal,
            json={"name": name},
        )

    async def remove_staff_name(self, principal: Principal, account_id: str) -> None:
        await self.request(
            "DELETE", f"/v1/known-names/staff-directory/{account_id}", principal=principal
        )

    async def sync_staff_directory(
        self, principal: Principal, entries: list[tuple[str, str]]
    ) -> StaffDirectorySynced:
        body = {"data": [{"ref": ref, "name": name} for ref, name in entries]}
        response = await self.request(
            "PUT", "/v1/known-names/staff-directory", principal=principal, json=body
        )
        return StaffDirectorySynced.model_validate(response.json())
