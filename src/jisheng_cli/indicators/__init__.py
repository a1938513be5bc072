"""Indicator families: partial sums per group and batch, merged, then finalised into rates."""
