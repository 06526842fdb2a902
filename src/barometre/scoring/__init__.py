"""Scoring: pure functions from cells to means, shares, rankings and comparisons."""
