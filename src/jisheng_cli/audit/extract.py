"""Proposing a claims file from a report's text (.txt in UTF-8 or GB18030, .docx): the
figures next to the registry's names and aliases and the common patterns, each with the
sentence it came from. It never decides: the user reviews the file, then audits it
(docs/audit.md "Extraction"). Traditional characters are read as simplified (OpenCC)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from jisheng_cli.audit.model import Claim
from jisheng_cli.audit.names import names_longest_first
from jisheng_cli.audit.printed import Printed, clean, find_figures
from jisheng_cli.audit.report_text import Paragraph, paragraphs_of_text, read_paragraphs
from jisheng_cli.audit.sentence_spans import (
    Phrase,
    blank,
    label_before,
    masked,
    phrases,
    sentences,
    without_ids,
)

#: Units of a rate whose numerator and denominator the report may print before it.
_RATE_UNITS = ("%", "‰")
#: What may stand between a name and its figure ("出生政策符合率为 99.17%"): a few
#: characters, none a digit, a clause break or a comparison (比 starts a change).
_NAME_GAP_MAX = 6
_NAME_GAP_REFUSED = re.compile(r"[\d;。比]")
_SHARE = re.compile(r"占\s*(?P<y>[^,;。]{1,20}?)的\s*(?:比例|比重)?\s*(?:为|是|达到|达)?\s*$")
_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|:)?\s*")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|,|以及)?\s*")
_Y_PREFIXES = ("全县", "全乡", "全镇", "全市", "全区", "全省", "全村")
_Y_SUFFIXES = ("总人数", "总数", "人数", "总量", "总和", "数")
_COUNT_LEADS = ("合计", "总计", "累计", "共计", "共", "计")


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    printed: Printed


@dataclass
class _Draft:
    """A claim being built: its cells and where its figure is in the sentence."""

    indicator: str
    figure: _Figure
    cells: dict[str, str | None] = field(default_factory=dict)
    share: bool = False  # from "X 占 Y 的 Z%": its numerator and denominator are set

    def fill(self, name: str, value: str | None) -> None:
        if value and not self.cells.get(name):
            self.cells[name] = value


@functools.cache
def _simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def extract_claims(file: str) -> list[Claim]:
    """The proposed claims of the report at `file`, in the order of the text; `row` is
    the row each takes in the written claims file (the header is row 1)."""
    return _claims(read_paragraphs(file))


def extract_text(text: str) -> list[Claim]:
    """The proposed claims of a report's text (lines; a form feed starts a page)."""
    return _claims(paragraphs_of_text(text))


def _claims(paragraphs: list[Paragraph]) -> list[Claim]:
    drafts: list[_Draft] = []
    for paragraph in paragraphs:
        counts: list[tuple[str, Printed]] = []  # the paragraph's counts so far, labelled
        for original in sentences(paragraph.text):
            where = {"page": None if paragraph.page is None else str(paragraph.page),
                     "line": str(paragraph.line), "source_text": without_ids(original)}
            found = _sentence(masked(clean(_simplified().convert(original))), counts, drafts)
            for draft in found:
                draft.cells.update(where)
            drafts += found
    return [Claim(row=row, indicator=d.indicator, printed=d.figure.printed.text,
                  **{k: v for k, v in d.cells.items() if v})
            for row, d in enumerate(drafts, start=2)]


def _sentence(s: str, counts: list[tuple[str, Printed]], earlier: list[_Draft]) -> list[_Draft]:
    """The claims of one sentence `s` (simplified, cleaned, dates and numbers masked).
    `counts` (this paragraph's labelled counts) grows with the sentence's; a change or
    gap of a sentence without a claim of its own goes to the last claim of the indicator
    it names, in `earlier`."""
    figures = [_Figure(a, b, p) for a, b, p in find_figures(s)]
    names = _names(s)
    said = phrases(blank(s, [(a, b) for a, b, _ in names]))
    consumed = {f.start for f in figures for p in said if p.start <= f.start < p.end}
    free = [f for f in figures if f.start not in consumed]
    drafts: dict[int, _Draft] = {}  # by the figure's start
    unplaced: list[str] = []  # names the sentence gives no figure of their own
    listed = _respectively(s, names, free)
    for start, end, name in names:
        figure = listed[start] if start in listed else _figure_after(s, end, free, names)
        if figure is None or figure.start in drafts:
            unplaced.append(name)
        else:
            drafts[figure.start] = _Draft(name, figure)
    for figure in free:
        _share(s, figure, free, counts, drafts, unplaced)
    for figure in free:
        if figure.start not in drafts and figure.printed.unit in _RATE_UNITS:
            pair = _counts_before(figure, free)
            label = label_before(s, figure.start)
            if pair and label:
                drafts[figure.start] = _Draft(label, figure)
    for phrase in said:
        _place(s, phrase, free, drafts, unplaced, earlier)
    for draft in drafts.values():
        if draft.figure.printed.unit in _RATE_UNITS and not draft.share:
            pair = _counts_before(draft.figure, free)
            if pair:
                draft.fill("denominator", pair[0].text)
                draft.fill("numerator", pair[1].text)
    for figure in free:
        if figure.printed.is_count:
            counts.append((_count_label(label_before(s, figure.start)), figure.printed))
    return [drafts[k] for k in sorted(drafts)]


def _names(s: str) -> list[tuple[int, int, str]]:
    """The registry's names in `s`, longest first where two overlap, left to right."""
    taken: list[tuple[int, int, str]] = []
    for name, _ in names_longest_first():
        at = s.find(name)
        while at >= 0:
            end = at + len(name)
            if all(end <= a or at >= b for a, b, _ in taken):
                taken.append((at, end, name))
            at = s.find(name, at + 1)
    return sorted(taken)


def _figure_after(s: str, end: int, free: list[_Figure],
                  names: list[tuple[int, int, str]]) -> _Figure | None:
    """The figure a name at `end` introduces: the next free figure, a few characters on,
    no other name between, and not a change in points (比上年提高 0.44 个百分点)."""
    figure = next((f for f in free if f.start >= end), None)
    if figure is None or figure.printed.unit in ("个百分点", "个千分点"):
        return None
    gap = s[end:figure.start].replace("□", "").replace(" ", "")
    if len(gap) > _NAME_GAP_MAX or _NAME_GAP_REFUSED.search(gap):
        return None
    if any(end <= a < figure.start for a, _, _ in names):
        return None
    return figure


def _respectively(s: str, names: list[tuple[int, int, str]],
                  free: list[_Figure]) -> dict[int, _Figure | None]:
    """"男婴、女婴分别为 829 人、733 人": each listed name's figure, by the name's start
    (None for each unless there are as many figures as names)."""
    m = _RESPECTIVELY.search(s)
    if m is None:
        return {}
    chain: list[int] = []
    end = m.start()
    for start, name_end, _ in reversed([n for n in names if n[1] <= m.start()]):
        if not _LIST_JOIN.fullmatch(s[name_end:end]):
            break
        chain.insert(0, start)
        end = start
    figures: list[_Figure] = []
    pos = m.end()
    for f in (f for f in free if f.start >= m.end()):
        if len(figures) == len(chain) or not _LIST_JOIN.fullmatch(s[pos:f.start]):
            break
        figures.append(f)
        pos = f.end
    if len(figures) != len(chain):
        return dict.fromkeys(chain)
    return dict(zip(chain, figures, strict=True))


def _counts_before(rate: _Figure, free: list[_Figure]) -> tuple[Printed, Printed] | None:
    """(denominator, numerator): the two nearest counts before `rate` since the rate
    before it, the larger first; None with fewer than two."""
    found: list[Printed] = []
    for f in free:
        if f.start >= rate.start:
            break
        if f.printed.unit in _RATE_UNITS:
            found = []
        elif f.printed.is_count:
            found.append(f.printed)
    if len(found) < 2:
        return None
    a, b = found[-2:]
    return (a, b) if a.base >= b.base else (b, a)


def _share(s: str, rate: _Figure, free: list[_Figure], counts: list[tuple[str, Printed]],
           drafts: dict[int, _Draft], unplaced: list[str]) -> None:
    """"X 占 Y 的 Z%" and "占 Y 的比例为 Z%": Z's claim, numerator X's figure, denominator
    Y's (in the sentence, or a count of the paragraph that Y names)."""
    if rate.printed.unit not in _RATE_UNITS:
        return
    lead = s[:rate.start]
    m = _SHARE.search(lead)
    if m is None:
        return
    y = m.group("y").strip()
    before = lead[:m.start()].rstrip(" ,")
    x = next((f for f in reversed(free) if f.end == len(before) and f.printed.is_count), None)
    x_label = label_before(s, x.start if x else len(before))
    draft = drafts.get(rate.start)
    if draft is None:
        if unplaced:  # the sentence names what the share is: "…,即政策外多孩率"
            label = unplaced.pop(0)
        elif x_label:
            label = f"{x_label}占{_figure_free(y)}"
        else:
            return
        draft = drafts[rate.start] = _Draft(label, rate)
    draft.share = True
    draft.fill("numerator", x.printed.text if x else None)
    y_figures = [f.printed for f in free if m.start() <= f.start < m.end() and f.printed.is_count]
    sentence_counts = [(_count_label(label_before(s, f.start)), f.printed)
                       for f in free if f.printed.is_count and (x is None or f.start < x.start)]
    draft.fill("denominator", y_figures[0].text if y_figures
               else _named_count(y, counts + sentence_counts))


def _figure_free(y: str) -> str:
    return re.sub(r"[\d,.]+\s*\S?$", "", y).strip() or y


def _count_label(label: str) -> str:
    """A count's label without the words around a total (全县共出生 → 出生)."""
    for prefix in _Y_PREFIXES + _COUNT_LEADS:
        label = label.removeprefix(prefix)
    return label


def _named_count(y: str, counts: list[tuple[str, Printed]]) -> str | None:
    """The last count whose label is what "占 Y" names (出生总数 → 共出生 1,562 人)."""
    core = y
    for prefix in _Y_PREFIXES:
        core = core.removeprefix(prefix)
    for suffix in _Y_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core.removesuffix(suffix)
            break
    for label, printed in reversed(counts):
        if label and (label == core or label.endswith(core) or label == y):
            return printed.text
    return None


def _place(s: str, phrase: Phrase, free: list[_Figure], drafts: dict[int, _Draft],
           unplaced: list[str], earlier: list[_Draft]) -> None:
    """A change, gap, target or previous value goes to the sentence's claim before it;
    a figure directly before it with a label of its own becomes that claim ("全年实际投入
    451 万元,比应投入的 300 万元增长 50.33%"); else to the last claim of a name the
    sentence gives without a figure (出生政策符合率比上年提高 0.44 个百分点)."""
    before = [k for k in drafts if drafts[k].figure.end <= phrase.start]
    if before:
        draft = drafts[max(before)]
    else:
        figure = next((f for f in reversed(free) if f.end <= phrase.start), None)
        label = label_before(s, figure.start) if figure else ""
        if figure and label and not s[figure.end:phrase.start].strip(" ,"):
            draft = drafts[figure.start] = _Draft(label, figure)
        else:
            named = [d for d in earlier if d.indicator in unplaced]
            if not named:
                return
            draft = named[-1]
    for name, value in phrase.cells.items():
        draft.fill(name, value)

