"""The deploy checks read files and settings classes only: they need no database.

The suite-wide `base_data` fixture (tests/conftest.py) loads demo data into every service's
database once per session; overriding it here keeps `pytest tests/deploy` fast and independent
of the database and of the state of the models.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def base_data() -> None:
    """Nothing to load for these tests."""
