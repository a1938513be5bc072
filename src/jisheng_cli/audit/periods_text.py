"""A claim's period as a work report writes it ("2012年度", "2010—2012年",
"2011-10-01至2012-09-30"), read into a Period by periods.py's own option parsing: the
words and dashes are turned into the `--year` / `--from --to` forms, nothing more."""

from __future__ import annotations

import re
import unicodedata

from jisheng_cli.errors import UsageError
from jisheng_cli.periods import Period, period_from_options

_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
# Between two years or two dates: "..", 至, 到, ~ and the dashes reports use.
_SEPARATOR = re.compile(r"\s*(?:\.\.|至|到|~|～|—+|–|－)\s*")
_YEARS = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4}))?$")
_DATES = re.compile(rf"^({_DATE})(?:\.\.|-)({_DATE})$")


def parse_period_text(text: str) -> Period | None:
    """The Period `text` names (statistical years, or two dates, both inclusive), None
    when it names none."""
    s = unicodedata.normalize("NFKC", text).strip()
    s = re.sub(r"统计年度|年度?", "", s)
    s = _SEPARATOR.sub("..", s).strip()
    try:
        dates = _DATES.match(s)
        if dates:
            return period_from_options(None, dates.group(1), dates.group(2))
        years = _YEARS.match(s)
        if years:  # "2010-2012": the years option's ".."
            s = years.group(1) + (f"..{years.group(2)}" if years.group(2) else "")
        return period_from_options(s, None, None)
    except UsageError:
        return None
