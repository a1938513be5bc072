"""Hardening tests: bad input, faults, fuzzing, privacy and spreadsheet safety."""
