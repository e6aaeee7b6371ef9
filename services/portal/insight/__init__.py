"""Insight pages: FFT by ward and month, themes by source, sentiment, hotspots, equality; and the
labels section of the feedback page."""
