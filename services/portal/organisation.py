"""A short-lived copy of the trust's structure, so the feedback form still opens when
feedback_api is briefly unavailable (answers are then queued, never lost)."""

from __future__ import annotations

import time

from fastapi import Request

from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.portal.clients import FeedbackApiClient, OrganisationStructure

REFRESH_SECONDS = 300


class OrganisationCache:
    def __init__(self) -> None:
        self._value: OrganisationStructure | None = None
        self._fetched_at = 0.0

    async def get(self, client: FeedbackApiClient) -> OrganisationStructure:
        if self._value is not None and time.monotonic() - self._fetched_at < REFRESH_SECONDS:
            return self._value
        try:
            self._value = await client.organisation()
            self._fetched_at = time.monotonic()
        except (DownstreamUnavailable, DownstreamError):
            if self._value is None:
                return OrganisationStructure(organisation=None, sites=[], wards=[])
        return self._value

    def clear(self) -> None:
        self._value = None


def organisation_cache(request: Request) -> OrganisationCache:
    return request.app.state.organisation_cache
