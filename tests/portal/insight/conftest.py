"""The browser fixtures (a real Chromium against the running stack) for the insight pages."""

from tests.browser.conftest import browser, page  # noqa: F401
