"""jisheng: indicator calculator for population and family-planning statistics."""

__version__ = "0.1.0"
