"""Pages for staff: the feedback inbox and a feedback record."""

from __future__ import annotations

import math
import uuid
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from services.portal.deps import FeedbackClientDep, FeedbackReader
from services.portal.organisation import organisation_cache
from services.portal.templating import render

router = APIRouter(prefix="/staff", tags=["staff"])

PAGE_SIZE = 25
FILTERS = ("channel", "ward_code", "fft_answer", "received_from", "received_to", "q")


@router.get("")
async def staff_home(request: Request, user: FeedbackReader):
    """Staff start at the inbox."""
    return RedirectResponse("/staff/feedback", status_code=303)


@router.get("/feedback")
async def inbox(request: Request, user: FeedbackReader, client: FeedbackClientDep, page: int = 1):
    """The feedback inbox: newest first, filtered, paged. HTMX swaps just the results."""
    filters = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    page = max(page, 1)
    result = await client.list_feedback(
        user.principal, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters
    )
    pages = max(1, math.ceil(result.count / PAGE_SIZE))
    query = {k: v for k, v in filters.items() if v}
    structure = await organisation_cache(request).get(client)
    return render(
        request,
        "staff/inbox.jinja",
        {
            "result": result,
            "filters": filters,
            "page": page,
            "pages": pages,
            "wards": structure.wards,
            "previous_url": f"?{urlencode({**query, 'page': page - 1})}" if page > 1 else None,
            "next_url": f"?{urlencode({**query, 'page': page + 1})}" if page < pages else None,
        },
        block="results",
    )


@router.get("/feedback/{feedback_id}")
async def feedback_detail(
    request: Request, feedback_id: uuid.UUID, user: FeedbackReader, client: FeedbackClientDep
):
    """One piece of feedback."""
    feedback = await client.get_feedback(user.principal, feedback_id)
    return render(request, "staff/feedback.jinja", {"feedback": feedback})
