"""A matron's scope as the plans see it: her wards, plus every ward in her directorates and
sites (from feedback_api's organisation, kept for a few minutes)."""

from __future__ import annotations

import dataclasses
import time

import structlog

from services.actions_api.clients import Codes, FeedbackApiClient
from services.common.http_client import DownstreamError, DownstreamUnavailable
from services.common.tokens import Principal

log = structlog.get_logger(__name__)

REFRESH_SECONDS = 300


class CodesCache:
    def __init__(self) -> None:
        self._codes: Codes | None = None
        self._at = 0.0

    async def get(self, client: FeedbackApiClient) -> Codes | None:
        if self._codes is not None and time.monotonic() - self._at < REFRESH_SECONDS:
            return self._codes
        try:
            self._codes = await client.codes()
            self._at = time.monotonic()
        except (DownstreamUnavailable, DownstreamError) as exc:
            # Without the organisation, the scope is what the token names, no more.
            log.warning("organisation_unavailable_for_scope", error=str(exc))
        return self._codes


async def expanded(principal: Principal, client: FeedbackApiClient, cache: CodesCache) -> Principal:
    scope = principal.scope
    if not scope.directorates and not scope.sites:
        return principal
    codes = await cache.get(client)
    if codes is None:
        return principal
    wards = {
        code
        for code, ward in codes.wards.items()
        if ward.get("directorate_code") in scope.directorates
        or ward.get("site_code") in scope.sites
    }
    return dataclasses.replace(
        principal, scope=dataclasses.replace(scope, wards=scope.wards | frozenset(wards))
    )
