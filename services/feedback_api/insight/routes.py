"""Insight routes (aggregates only)."""

from fastapi import APIRouter

router = APIRouter(prefix="/v1/insight", tags=["insight"])
