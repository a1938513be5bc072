"""Figures as a report prints them: the number, its decimals and its unit, read back from
text ("99.17%", "1,562 人", "716万元", "1:4.54"), and the words around a gap, a change and a
target. Exact: a printed number is a Decimal with the decimals it was written with, so
"99.10%" keeps its two decimals and "716万元" is 7,160,000 yuan."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from jisheng_cli.messages.change import CHANGE_WORDS


class NotAFigure(ValueError):
    """The text holds no figure this module can read (the check becomes cannot_check)."""


# Units a figure may carry after its number, longest first where one starts another.
# Each maps to (the unit's canonical text, its factor to the base unit).
_UNITS: dict[str, tuple[str, int]] = {
    "%": ("%", 1), "‰": ("‰", 1),
    "个百分点": ("个百分点", 1), "百分点": ("个百分点", 1), "个千分点": ("个千分点", 1),
    "千分点": ("个千分点", 1),
    "亿元": ("元", 10**8), "万元": ("元", 10**4), "元": ("元", 1),
    "万人": ("人", 10**4), "人": ("人", 1), "例": ("例", 1), "名": ("人", 1), "个": ("个", 1),
    "件": ("件", 1), "户": ("户", 1), "对": ("对", 1), "条": ("条", 1), "次": ("次", 1),
    "倍": ("倍", 1),
}
#: Count words: a figure in one of them is a number of things, not a rate.
COUNT_UNITS = frozenset({"人", "例", "个", "件", "户", "对", "条", "次"})
_UNIT_PATTERN = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_NUMBER = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FIGURE = re.compile(rf"(?P<ratio>1\s*:\s*)?(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT_PATTERN})?")


def clean(text: object) -> str:
    """NFKC (full-width digits, ％ and ，become ASCII), the ratio colon ∶ as ":", and the
    ideographic comma between thousands (1，562 after NFKC is 1,562) kept as a comma."""
    s = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return s.replace("∶", ":").replace("\u3000", " ").strip()


@dataclass(frozen=True)
class Printed:
    """A number as printed: `value` in the printed unit (99.17 for "99.17%", 716 for
    "716万元", 4.54 for "1:4.54"), `decimals` as written, `unit` canonical ("%", "‰",
    "个百分点", "个千分点", "元", "人", "例", "倍", "1:x", or "" for a bare number) and
    `factor` to the base unit (10,000 for 万元: `base` is then yuan)."""

    text: str
    value: Decimal
    decimals: int
    unit: str
    factor: int = 1

    @property
    def base(self) -> Decimal:
        return self.value * self.factor

    @property
    def exact(self) -> Fraction:
        return Fraction(self.base)

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS

    @property
    def half_unit(self) -> Fraction:
        """Half a unit of the last printed decimal, in the printed unit: 0.005 for 99.17."""
        return Fraction(1, 2 * 10**self.decimals)


def _printed(match: re.Match[str], text: str) -> Printed:
    number = match.group("number").replace(",", "").replace("−", "-")
    value = Decimal(number)
    decimals = len(number.partition(".")[2])
    if match.group("ratio"):
        return Printed(text, value, decimals, "1:x")
    unit, factor = _UNITS.get(match.group("unit") or "", ("", 1))
    return Printed(text, value, decimals, unit, factor)


def parse_printed(text: object) -> Printed:
    """The one figure of a cell: "99.17%", "7.16‰", "1,562人", "716万元", "0.22", "1:4.54",
    "136". Words around it are refused: a claims file's `printed` holds the figure only."""
    s = clean(text)
    m = _FIGURE.fullmatch(s.replace(" ", "")) if s else None
    if m is None:
        raise NotAFigure(s)
    return _printed(m, s)


def find_figures(text: str) -> list[tuple[int, int, Printed]]:
    """Every figure in a sentence, as (start, end, figure), left to right (extraction)."""
    s = clean(text)
    return [(m.start(), m.end(), _printed(m, m.group(0))) for m in _FIGURE.finditer(s)]


def _first_figure(s: str) -> tuple[Printed, str, str]:
    """(figure, text before it, text after it) of the first figure in `s`."""
    m = _FIGURE.search(s)
    if m is None:
        raise NotAFigure(s)
    return _printed(m, m.group(0).strip()), s[:m.start()], s[m.end():]


# ---- direction words -------------------------------------------------------------------
#: A rise or a fall as reports word it: the sentence's own words (messages.change) and the
#: other words reports use. 持平 and 相同 say there was no change.
RISE_WORDS = frozenset({w for words in CHANGE_WORDS["zh"].values() for w in words[:1]}
                       | {"增长", "增加", "提高", "上升", "上涨", "增多", "多", "升高", "递增"})
FALL_WORDS = frozenset({w for words in CHANGE_WORDS["zh"].values() for w in words[1:2]}
                       | {"减少", "下降", "降低", "回落", "减", "少", "下滑", "递减"})
SAME_WORDS = frozenset({"持平", "相同", "不变", "相当"})


@dataclass(frozen=True)
class ChangeText:
    """"比上年增长 50.33%": direction +1 (rise), −1 (fall) or 0 (持平), the word, and the
    amount (None for 持平)."""

    direction: int
    word: str
    amount: Printed | None


def _word_before(before: str, words: frozenset[str]) -> str | None:
    """The last of `words` in `before` (longest first at the same place)."""
    best: tuple[int, int, str] | None = None
    for w in words:
        i = before.rfind(w)
        if i >= 0 and (best is None or (i + len(w), len(w)) > best[:2]):
            best = (i + len(w), len(w), w)
    return best[2] if best else None


def parse_change(text: object) -> ChangeText:
    """"比上年增长 50.33%", "同比减少 288 例", "提高0.44个百分点", "增长1.5倍", "与上年持平"."""
    s = clean(text)
    if not s:
        raise NotAFigure(s)
    if any(w in s for w in SAME_WORDS) and _FIGURE.search(s) is None:
        return ChangeText(0, next(w for w in SAME_WORDS if w in s), None)
    amount, before, _ = _first_figure(s)
    rise, fall = _word_before(before, RISE_WORDS), _word_before(before, FALL_WORDS)
    if rise and fall:  # the later word decides: "减少后增长 3%" is a rise
        rise, fall = (rise, None) if before.rfind(rise) > before.rfind(fall) else (None, fall)
    if rise:
        return ChangeText(1, rise, amount)
    if fall:
        return ChangeText(-1, fall, amount)
    if amount.value < 0:  # "-3.2%"
        return ChangeText(-1, "", Printed(amount.text, -amount.value, amount.decimals,
                                          amount.unit, amount.factor))
    raise NotAFigure(s)


# ---- gaps and targets ------------------------------------------------------------------
#: Words that place a value against a target: better, worse, above, below.
BETTER_WORDS = frozenset({"优于", "好于", "超过", "超出", "高出", "超"})
WORSE_WORDS = frozenset({"未达到", "未达", "落后"})
ABOVE_WORDS = frozenset({"高于", "多于", "大于"})
BELOW_WORDS = frozenset({"低于", "少于", "小于"})
GAP_WORDS = {"better": BETTER_WORDS, "worse": WORSE_WORDS, "above": ABOVE_WORDS,
             "below": BELOW_WORDS}


@dataclass(frozen=True)
class GapText:
    """"优于责任指标 4.31 个百分点": `sense` better/worse/above/below (None: a bare number),
    the word as written, and the amount."""

    sense: str | None
    word: str
    amount: Printed


def parse_gap(text: object) -> GapText:
    s = clean(text)
    amount, before, _ = _first_figure(s)
    found = [(before.rfind(w), len(w), sense, w) for sense, words in GAP_WORDS.items()
             for w in words if w in before]
    # 超过 inside 未超过 is no "better": the longest word at the latest place wins.
    if not found:
        return GapText(None, "", amount)
    _, _, sense, word = max(found, key=lambda f: (f[0] + f[1], f[1]))
    if before[:before.rfind(word)].endswith(("未", "没有", "不")):
        sense = "worse" if sense == "better" else sense
    return GapText(sense, word, amount)


@dataclass(frozen=True)
class TargetText:
    """A target as written: "≥92%" (min), "不高于1‰" (max), "103-107" (a range), "92%"
    (side not said: None)."""

    low: Printed | None
    high: Printed | None
    side: str | None  # "min", "max", "range" or None

    @property
    def bound(self) -> Printed:
        b = self.low if self.low is not None else self.high
        assert b is not None
        return b


_MIN_WORDS = ("≥", ">=", ">", "不低于", "不少于", "达到", "达", "以上", "及以上", "至少")
_MAX_WORDS = ("≤", "<=", "<", "不高于", "不超过", "不多于", "控制在", "以内", "以下",
              "低于", "小于", "最多")
_RANGE = re.compile(rf"(?P<a>{_NUMBER}\s*(?:%|‰)?)\s*(?:-|~|～|—|–|至|到)\s*"
                    rf"(?P<b>{_NUMBER}\s*(?:%|‰)?)")


def parse_target(text: object) -> TargetText:
    s = clean(text)
    r = _RANGE.search(s)
    if r:
        low, high = parse_printed(r.group("a")), parse_printed(r.group("b"))
        unit = high.unit or low.unit
        if not low.unit and unit:
            low = Printed(low.text, low.value, low.decimals, unit, low.factor)
        return TargetText(low, high, "range")
    figure, before, after = _first_figure(s)
    around = before + "|" + after
    if any(w in around for w in _MAX_WORDS) and not any(w in before for w in ("不低于", "不少于")):
        return TargetText(None, figure, "max")
    if any(w in around for w in _MIN_WORDS):
        return TargetText(figure, None, "min")
    return TargetText(figure, None, None)
