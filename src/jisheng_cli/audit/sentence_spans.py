"""The parts of a report's sentence the extraction reads around a figure: sentences of a
paragraph, the numbers that are no figures (dates, document numbers, phone and ID numbers,
section numbers), the phrases of a change, a gap, a target and a previous value, and the
label a figure's words give it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jisheng_cli.audit.printed import (
    FALL_WORDS,
    GAP_WORDS,
    RISE_WORDS,
    SAME_WORDS,
    Printed,
    find_figures,
)

#: What a masked number (a date, a document number …) becomes: no figure, no word.
MASK = "□"
#: What a registry name becomes while its phrases are looked for (出生人流比 has a 比).
NAME_MASK = "■"

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
_IDS_IN_TEXT = re.compile(r"(?<![0-9０-９])(?:[0-9０-９]{17}[0-9０-９XxＸｘ]|[0-9０-９]{15})"
                          r"(?![0-9０-９])")
_YEAR = r"(?:19|20)\d{2}"
_NOT_FIGURES = re.compile("|".join((
    r"(?<![\d.])(?:\d{17}[\dX]|\d{15})(?![\d.])",  # ID numbers
    rf"{_YEAR}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}",  # 2012-09-30
    rf"[〔\[【(]\s*{_YEAR}\s*[〕\]】)]\s*(?:第\s*)?\d*\s*号?",  # 远计生发〔2012〕15号
    r"第\s*\d+",
    r"\d+\s*(?:周岁|岁|季度|年|个月|月|日|号)",
    r"(?:电话|手机|传真|热线|邮编|邮政编码)\s*:?\s*[\d\-—() ]+",
    r"(?<!\d)\d{3,4}\s*-\s*\d{7,8}(?!\d)",
    r"(?<!\d)1[3-9]\d{9}(?!\d)",
)))
#: Section numbers at a sentence's start: 一、 (二) 1. 2、 (3)
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)"
                      r"|\d+\s*[、.](?!\d)|\d+\s*\))")


def sentences(text: str) -> Iterator[str]:
    """The sentences of a paragraph, split at 。;!? and line ends (a figure is never
    joined to the next sentence), each with its closing mark."""
    for line in text.splitlines():
        for part in _SENTENCE_END.split(line):
            if part.strip():
                yield part.strip()


def without_ids(text: str) -> str:
    """`text` with every ID-number-like run of digits masked (records.ids.mask_id)."""
    from jisheng_cli.records.ids import mask_id

    return _IDS_IN_TEXT.sub(lambda m: mask_id(m.group(0)), text)


def blank(s: str, spans: list[tuple[int, int]], mark: str = NAME_MASK) -> str:
    """`s` with each span replaced by `mark`s (the offsets stay those of `s`)."""
    chars = list(s)
    for a, b in spans:
        chars[a:b] = mark * (b - a)
    return "".join(chars)


def masked(s: str) -> str:
    """A cleaned sentence with its numbers that are no figures masked."""
    spans = [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(s)]
    section = _SECTION.match(s)
    if section:
        spans.append((section.start(), section.end()))
    return blank(s, spans, MASK)


_LABEL_STOPS = re.compile(r"[\d,;:、()。!?\"“”《》%‰" + MASK + NAME_MASK + r"]")
_TRAILING = ("达到", "为", "是", "达", "约", "仅", "共", "计", "有", "了", "的", "已")


def label_before(s: str, pos: int) -> str:
    """The words a figure at `pos` follows, back to the clause's start or the figure
    before ("免费婚检率为 95.05%" → 免费婚检率)."""
    stops = list(_LABEL_STOPS.finditer(s, 0, pos))
    label = s[stops[-1].end() if stops else 0:pos].strip()
    changed = True
    while changed and label:
        changed = False
        for word in _TRAILING:
            if label.endswith(word):
                label, changed = label[:-len(word)].rstrip(), True
    return label.removeprefix("其中").strip()


# ---- phrases ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Phrase:
    """A change, gap, target or previous value in a sentence, as the claim's cells."""

    start: int
    end: int
    cells: dict[str, str]


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_LAST_YEAR = r"(?:上年同期|上年|去年同期|去年|上一年)"
_CHANGE = re.compile(
    rf"(?P<lead>与{_LAST_YEAR}相比\s*,?|(?:比|较){_LAST_YEAR}|同比|环比"
    rf"|(?:比|较)(?!例|重|率)(?P<base>[^,;。{MASK}{NAME_MASK}]{{1,16}}?))"
    rf"\s*(?P<word>{_alternatives(RISE_WORDS | FALL_WORDS)})\s*了?\s*")
_SAME = re.compile(rf"(?:与|同|和|较|比){_LAST_YEAR}(?:相比)?\s*(?:基本)?"
                   rf"(?:{_alternatives(SAME_WORDS)})")
_STANDARDS = ("责任指标", "考核指标", "控制指标", "目标值", "目标", "国优标准", "省优标准",
              "市优标准")
_GAP = re.compile(
    rf"(?P<word>{_alternatives(w for words in GAP_WORDS.values() for w in words)})"
    rf"(?P<mid>[^,;。\d{MASK}{NAME_MASK}]{{0,10}}?)"
    rf"(?:{_alternatives((*_STANDARDS, '国优', '省优', '标准', '指标', '要求'))})\s*了?\s*")
_PREVIOUS = re.compile(rf"{_LAST_YEAR}\s*(?:为|是|:|达到|达)\s*")
_TARGET = re.compile(
    rf"(?:{_alternatives(_STANDARDS)})\s*(?:为|是|:)?\s*"
    r"(?P<op>≥|>=|≤|<=|>|<|不低于|不高于|不超过|不少于|不多于|控制在|达到)?\s*")
_RANGE_TAIL = re.compile(r"\s*(?:-|~|～|—|–|至|到)\s*")
_TARGET_TAIL = re.compile(r"\s*(?:及以上|以上|以下|以内)")


def phrases(s: str) -> list[Phrase]:
    """The phrases of a sentence whose registry names are blanked (`NAME_MASK`), left to
    right: a change ("比上年提高0.44个百分点"; "比应投入的300万元增长50.33%" gives
    the previous value 300万元 and the change 增长50.33%), a gap ("优于责任指标4.31个百分点"),
    a target ("责任指标为75%", "目标≥92%") and a previous value ("上年为65.20%")."""
    figures = {a: (b, p) for a, b, p in find_figures(s)}
    found: list[Phrase] = []

    def unclaimed() -> str:
        return blank(s, [(p.start, p.end) for p in found], MASK)

    pos = 0
    # Searched from each place a match fails at: a generic 比 that leads nowhere must not
    # hide a 比上年 inside it.
    while (m := _CHANGE.search(s, pos)) is not None:
        pos = m.start() + 1
        amount = figures.get(m.end())
        if amount is None:
            continue
        if m.group("base") is None:
            found.append(Phrase(m.start(), amount[0], {"change": s[m.start():amount[0]]}))
            pos = amount[0]
            continue
        base = [p for a, (_, p) in figures.items() if m.start("base") <= a < m.end("base")]
        if base:  # "比应投入的 300 万元增长": the figure compared with is the previous value
            found.append(Phrase(m.start(), amount[0], {
                "change": s[m.start("word"):amount[0]], "previous": base[0].text}))
            pos = amount[0]
    for m in _SAME.finditer(unclaimed()):
        found.append(Phrase(m.start(), m.end(), {"change": m.group(0)}))
    for m in _GAP.finditer(unclaimed()):
        amount = figures.get(m.end())
        if amount is not None:
            found.append(Phrase(m.start(), amount[0], {"gap": s[m.start():amount[0]]}))
    for m in _PREVIOUS.finditer(unclaimed()):
        amount = figures.get(m.end())
        if amount is not None:
            found.append(Phrase(m.start(), amount[0], {"previous": amount[1].text}))
    for m in _TARGET.finditer(unclaimed()):
        amount = figures.get(m.end())
        if amount is None:
            continue
        end = _target_end(s, amount[0], figures)
        start = m.start("op") if m.group("op") else m.end()
        found.append(Phrase(m.start(), end, {"target": s[start:end]}))
    return sorted(found, key=lambda p: p.start)


def _target_end(s: str, end: int, figures: dict[int, tuple[int, Printed]]) -> int:
    """Where a target ends: after a range's second bound (103-107) and 以上/以下."""
    tail = _RANGE_TAIL.match(s, end)
    if tail and tail.end() in figures:
        end = figures[tail.end()][0]
    elif end in figures and figures[end][1].value < 0:  # "103-107" read as 103 and -107
        end = figures[end][0]
    suffix = _TARGET_TAIL.match(s, end)
    return suffix.end() if suffix else end

