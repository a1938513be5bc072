"""Chinese numerals as registers write them: birth orders (二孩, 第十二孩) and dates
(二〇一二年三月廿五日)."""

from __future__ import annotations

# 〇 (U+3007) is the numeral zero; ○ (U+25CB, a circle) is what Word and Excel input
# methods often put in its place, so a year typed 二○一二 must read like 二〇一二.
DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# 廿 and 卅 are twenty and thirty in one character (廿五 = 25), common in dates.
_TENS_WORDS = {"廿": 2, "卅": 3}


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral below 100 (一, 十, 十二, 二十, 二十三, 廿五, 卅), None if
    malformed."""
    if text[:1] in _TENS_WORDS:
        return _tens_and_units(_TENS_WORDS[text[0]], text[1:])
    if "十" not in text:
        return DIGITS.get(text) if len(text) == 1 else None
    tens_text, _, units_text = text.partition("十")
    if len(tens_text) > 1 or (tens_text and tens_text not in DIGITS):
        return None
    return _tens_and_units(DIGITS[tens_text] if tens_text else 1, units_text)


def _tens_and_units(tens: int, units_text: str) -> int | None:
    if len(units_text) > 1 or (units_text and units_text not in DIGITS):
        return None
    units = DIGITS[units_text] if units_text else 0
    # 〇十 or 十〇 are not how anyone writes a number.
    if tens == 0 or (units_text and units == 0):
        return None
    return tens * 10 + units


def digit_by_digit(text: str) -> int | None:
    """A number read digit by digit, as years are (二〇一二 = 2012); None if any character
    is not a digit. Arabic digits pass through."""
    if text.isascii():
        return int(text) if text.isdigit() else None
    if any(c not in DIGITS for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))
