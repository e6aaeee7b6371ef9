"""Stored labels for every comment (themes, sentiment, criticality), staff corrections, the theme
framework as versioned data, and re-analysis after a model or framework change."""
