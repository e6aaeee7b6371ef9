"""Insight: aggregate figures across every source (FFT, complaints, PALS, surveys...)."""
