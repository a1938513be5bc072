"""Chinese resident ID numbers (公民身份号码, GB 11643): cleaning, checking, upgrading, masking."""

from __future__ import annotations

import re
from datetime import date

from jisheng_cli.errors import ParseError
from jisheng_cli.records.codes import SEX_FEMALE, SEX_MALE
from jisheng_cli.records.text import is_scientific, normalize

# ISO 7064 MOD 11-2 weights: 2**(17 - i) mod 11 for positions 0..16.
WEIGHTS: tuple[int, ...] = tuple(pow(2, 17 - i, 11) for i in range(17))

MIN_BIRTH_DATE = date(1800, 1, 1)
MAX_BIRTH_DATE = date(2099, 12, 31)

_ID18 = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_ID15 = re.compile(r"[0-9]{15}", re.ASCII)
_ID_LIKE = re.compile(r"[0-9X]{14,}", re.ASCII)
# A spreadsheet keeps 15 significant digits of a number: an 18-digit ID stored as one
# comes back with its last three digits zeroed (420525198803151234 → 420525198803151000).
ZEROED_TAIL = "000"


def clean_id(text: object) -> str:
    """Normalise an ID cell: NFKC, no whitespace anywhere, upper-case check character."""
    return "".join(normalize(text).split()).replace("x", "X")


def calc_check_digit(first17: str) -> str:
    """Check character (ISO 7064 MOD 11-2) for the first 17 digits; 'X' stands for 10."""
    total = sum(int(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _embedded_date(year: str, month: str, day: str) -> date:
    try:
        born = date(int(year), int(month), int(day))
    except ValueError:
        raise ParseError("id_malformed", "birth_date") from None
    if not MIN_BIRTH_DATE <= born <= MAX_BIRTH_DATE:
        raise ParseError("id_malformed", "birth_date")
    return born


def upgrade15(id15: str) -> str:
    """Legacy 15-digit number (GB 11643-1989, year 19YY) → its 18-character form."""
    first17 = id15[:6] + "19" + id15[6:15]
    return first17 + calc_check_digit(first17)


def parse_id(text: object) -> str:
    """Validate an ID cell and return its canonical 18-character form.

    Birth place is deliberately not checked: the area code is the one in force when the
    number was issued, so stdnum's birth-year lookup rejects real numbers (docs/data.md).
    """
    value = clean_id(text)
    if not value:
        raise ParseError("missing_value")
    if is_scientific(value):
        raise ParseError("id_scientific_notation")
    if _ID15.fullmatch(value):
        _embedded_date("19" + value[6:8], value[8:10], value[10:12])
        return upgrade15(value)
    if not _ID18.fullmatch(value):
        raise ParseError("id_malformed")
    _embedded_date(value[6:10], value[10:12], value[12:14])
    if calc_check_digit(value[:17]) != value[17]:
        # About 1 real ID in 1,100 ends in 000, and a real one passes its check; a number
        # cut to 15 digits ends in 000 and fails it 10 times in 11: the cause is the cut.
        raise ParseError("id_precision_lost" if value.endswith(ZEROED_TAIL) else "id_check_digit")
    return value


def _as18(id18: str) -> str:
    return upgrade15(id18) if len(id18) == 15 else id18


def id_birth_date(id18: str) -> date:
    """Holder's birth date from a canonical (or 15-digit) ID number."""
    value = _as18(id18)
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def id_sex(id18: str) -> int:
    """Holder's sex from a canonical (or 15-digit) ID number: odd sequence digit is male."""
    return SEX_MALE if int(_as18(id18)[16]) % 2 == 1 else SEX_FEMALE


def mask_id(text: object) -> str:
    """Masked ID for output: 420525********1234. Anything not ID-shaped is fully starred."""
    value = clean_id(text)
    if _ID_LIKE.fullmatch(value):
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    # Fully starred even when short: a fragment of an ID number is still personal data.
    return "*" * len(normalize(text))


def mask_name(text: object) -> str:
    """Masked name for output: surname kept, one star per remaining character (张三 → 张*)."""
    value = normalize(text)
    return value[:1] + "*" * (len(value) - 1) if value else ""
