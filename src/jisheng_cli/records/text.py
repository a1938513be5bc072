"""Text normalisation shared by every cell parser."""

from __future__ import annotations

import math
import re
import unicodedata

# Characters that spreadsheets and exporters leave around values but that NFKC keeps
# and str.strip() does not treat as whitespace: the byte-order mark and zero-width marks.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

# Excel shows long numbers as 4.20525E+17 and, once saved, that is all that is left.
_SCIENTIFIC = re.compile(r"[0-9](?:[.,][0-9]*)?E[+]?[0-9]{1,3}", re.ASCII | re.IGNORECASE)


def is_scientific(value: str) -> bool:
    """A normalised cell a spreadsheet turned into scientific notation (4.20525E+17)."""
    return _SCIENTIFIC.fullmatch(value) is not None


def normalize(text: object) -> str:
    """NFKC-normalise a raw cell and strip surrounding whitespace and invisible marks.

    NFKC folds full-width digits, letters and punctuation to ASCII and turns U+3000 and
    NBSP into ordinary spaces, so one strip removes every kind of padding. None and a
    float NaN (how pandas spells an empty cell) give "".
    """
    if text is None:
        return ""
    if isinstance(text, float) and math.isnan(text):
        return ""
    if not isinstance(text, str):
        text = str(text)
    if text.isascii():
        # NFKC leaves ASCII as it is and the invisible marks are not ASCII: one strip.
        return text.strip()
    text = unicodedata.normalize("NFKC", text)
    # Strip repeatedly: a BOM may sit inside the padding (" \ufeff 1 ").
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip(_INVISIBLE)
    return text
