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

__all__ = ["ClockDep", "FeedbackDep", "Principal", "SessionDep", "SettingsDep"]
