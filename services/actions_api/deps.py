"""actions_api's dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.actions_api.clients import FeedbackApiClient
from services.actions_api.settings import ActionsSettings
from services.common.app import ClockDep, SessionDep
from services.common.tokens import Principal


def get_actions_settings(request: Request) -> ActionsSettings:
    return request.app.state.settings


def get_feedback_client(request: Request) -> FeedbackApiClient:
    return request.app.state.feedback_client


SettingsDep = Annotated[ActionsSettings, Depends(get_actions_settings)]
FeedbackDep = Annotated[FeedbackApiClient, Depends(get_feedback_client)]


async def scoped(request: Request, principal: Principal) -> Principal:
    """The caller with the wards of their directorates and sites added to their scope."""
    from services.actions_api.plans.scope import CodesCache, expanded

    cache = getattr(request.app.state, "codes_cache", None)
    if cache is None:
        cache = request.app.state.codes_cache = CodesCache()
    return await expanded(principal, request.app.state.feedback_client, cache)


__all__ = ["ClockDep", "FeedbackDep", "Principal", "SessionDep", "SettingsDep"]
