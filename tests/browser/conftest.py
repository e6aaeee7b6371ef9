"""Browser fixtures live in tests/support/browser.py, loaded for the whole suite by
tests/conftest.py, so every browser test shares one Chromium."""
