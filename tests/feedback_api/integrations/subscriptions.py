"""Subscribing a webhook receiver, as an administrator does in the portal."""

from __future__ import annotations

from collections.abc import Sequence


def subscribe(
    feedback_api,
    admin: dict[str, str],
    events: Sequence[str] = ("feedback.received",),
    url: str = "https://receiver.example/hooks",
) -> dict:
    """The webhook created for `url` and `events` (asserting it was created)."""
    response = feedback_api.post(
        "/v1/admin/webhooks",
        json={"name": "Ward dashboard", "url": url, "events": list(events)},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    return response.json()
