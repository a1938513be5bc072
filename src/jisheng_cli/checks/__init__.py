"""Vectorised row checks per input kind, derived from the shared scalar parsers."""
