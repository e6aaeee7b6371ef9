"""feedback_api's dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.common.app import ClockDep, SessionDep
from services.common.tokens import Principal
from services.feedback_api.settings import FeedbackSettings


def get_feedback_settings(request: Request) -> FeedbackSettings:
    return request.app.state.settings


SettingsDep = Annotated[FeedbackSettings, Depends(get_feedback_settings)]

__all__ = ["ClockDep", "Principal", "SessionDep", "SettingsDep"]
