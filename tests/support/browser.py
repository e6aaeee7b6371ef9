"""A real Chromium (Debian's) driven by Playwright against the running stack, with axe-core.

Loaded as a plugin by tests/conftest.py: one browser for the whole run, whichever folder a
browser test lives in (a fixture imported into a test module would start a second one)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.stack import REPO_ROOT, Stack

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "Chromium is missing: CI must run the browser tests (apt-get install chromium)"
            )
        pytest.skip("Chromium is not installed: apt-get install chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, stack: Stack):
    # bypass_csp lets axe-core be injected; the pages themselves keep their strict policy.
    context = browser.new_context(base_url=stack.url("portal"), bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(
    page, rules: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now."""
    if not Path(AXE).exists():
        pytest.fail("axe-core is missing: run `npm ci` (make setup does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        list(rules),
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]
