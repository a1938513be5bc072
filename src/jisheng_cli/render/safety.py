"""Spreadsheet formula-injection guard for text cells (docs/cli.md, "Spreadsheet safety")."""

from __future__ import annotations

# Excel, LibreOffice and Google Sheets start a formula (or DDE call) on these; a
# township named `=HYPERLINK(...)` must stay a name, not become a link.
_FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(s: str) -> str:
    """Prefix `'` to text a spreadsheet would read as a formula. Never call it on numbers:
    a negative number is data, and the quote would turn it into text."""
    if s.startswith(_FORMULA_STARTERS):
        return "'" + s
    return s
