"""The stderr summary (one structured item per input, then a hint) and validate's words.

Items are data first (`SummaryItem`: kind, path, counts) and text second, so a command
chooses items by kind — `validate` drops the hint — never by matching a line's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from jisheng_cli.coverage import main_span
from jisheng_cli.messages import pick

if TYPE_CHECKING:
    from jisheng_cli.results import InputSummary

ItemKind = Literal["input", "repeat", "span", "hint"]

_INPUT = (
    "{path}:读入 {read} 行:使用 {used},错误 {rejected},重报 {duplicate},统计期外 {out},"
    "空行或合计行 {blank};警告 {warnings} 条",
    "{path}: {read} rows read: {used} used, {rejected} rejected, {duplicate} duplicate, "
    "{out} out of period, {blank} blank/totals; {warnings} {warning_word}",
)
# After an input's line, for each other input it repeats (docs/data.md "Files given twice").
_REPEAT = (
    "{path}:警告:其 {own} 条有效记录中有 {rows} 条与 {other}(共 {theirs} 条)的记录重复:"
    "是否同一个文件报送了两次?",
    "{path}: warning: {rows} of its {own} valid records repeat records of {other} "
    "({theirs} records): was it sent twice?",
)
_HINT = ("查看明细:{command}", "list them: {command}")
# Without --year/--from/--to: what the pooled records cover (coverage.main_span).
_SPAN = ("数据日期 {first} 至 {last},涉及统计年度 {years}",
         "data span {first} to {last}: statistical years {years}")
_INCOMPLETE = ("{year}(不完整)", "{year} (incomplete)")
_YEAR_SEPARATOR = ("、", ", ")
# --check-targets: one line per missed configured target, before exit 1.
_TARGET_MISSED = ("未达目标:{group}{year} {indicator} {value}({bound};来源:{source})",
                  "target missed: {group}{year}, {indicator} {value} ({bound}; source: {source})")
_TARGET_YEAR = ("({year}年度)", " ({year})")
_BOUND = {"min": ("目标 ≥ {min}", "target ≥ {min}"), "max": ("目标 ≤ {max}", "target ≤ {max}"),
          "range": ("目标 {min}–{max}", "target {min}–{max}")}
_NO_SOURCE = ("未注明", "not given")
_DESCRIBE_DATES = (";数据日期 {first} 至 {last}", "; dates {first} to {last}")
_DESCRIBE = (
    "{path}:类型 {kind},编码 {encoding},表头在第 {header_row} 行;忽略的列:{ignored}",
    "{path}: {kind}, encoding {encoding}, header on row {header_row}; columns ignored: {ignored}",
)
_NONE = ("无", "none")
_SKIPPED = ("{path}:跳过({reason})", "{path}: skipped ({reason})")
SKIP_REASONS: dict[str, tuple[str, str]] = {
    "directory": ("目录", "a directory"),
    "macos": ("macOS 的附加文件,__MACOSX/", "macOS metadata, __MACOSX/"),
    "hidden": ("隐藏文件", "a hidden file"),
}
# The progress bar's label (stderr, at a terminal only).
READING = ("读取", "reading")
# Shown while the compiled kernel is built the first time (kernel.prepare).
PREPARING = ("准备快速路径(仅首次)", "preparing the fast path, once")

SEVERITY_WORDS: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "duplicate": ("重报", "duplicate"),
    "warning": ("警告", "warning"),
}
FINDING_HEADERS: dict[str, tuple[str, str]] = {
    "file": ("文件", "file"),
    "row": ("行", "row"),
    "column": ("列", "column"),
    "severity": ("级别", "severity"),
    "code": ("代码", "code"),
    "value": ("值", "value"),
    "message": ("说明", "message"),
}
NO_FINDINGS = ("没有发现问题", "no findings")


@dataclass(frozen=True)
class SummaryItem:
    kind: ItemKind
    path: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    command: str | None = None
    other: str | None = None  # a repeat's other input
    span: tuple[str, str] | None = None  # first and last date (ISO)
    years: tuple[tuple[int, bool], ...] = ()  # (statistical year, partial)

    def text(self, lang: str | None) -> str:
        if self.kind == "hint":
            return pick(_HINT, lang).format(command=self.command)
        if self.kind == "repeat":
            return pick(_REPEAT, lang).format(path=self.path, other=self.other, **self.counts)
        if self.kind == "span" and self.span:
            years = pick(_YEAR_SEPARATOR, lang).join(
                pick(_INCOMPLETE, lang).format(year=y) if short else str(y)
                for y, short in self.years)
            return pick(_SPAN, lang).format(first=self.span[0], last=self.span[1], years=years)
        c = self.counts
        return pick(_INPUT, lang).format(
            path=self.path, read=c["rows_read"], used=c["rows_used"],
            rejected=c["rows_rejected"], duplicate=c["rows_duplicate"],
            out=c["rows_out_of_period"], blank=c["rows_skipped_blank"],
            warnings=c["warnings"], warning_word="warning" if c["warnings"] == 1 else "warnings",
        )


def summary_items(inputs: Sequence[InputSummary], warnings: Mapping[str, int],
                  files: Sequence[str], as_of: date | None = None, options: str = ""
                  ) -> Iterator[SummaryItem]:
    """One item per input (where every row went) and its repeats of others; with `as_of`
    (a run without a period) the span of the main kind's records and the statistical
    years it touches; then how to list the problems (with `options`, what `validate`
    needs to find the same ones)."""
    valid = {s.path: s.valid_rows for s in inputs}
    for s in inputs:
        counts = {k: int(v) for k, v in s.to_dict().items() if k.startswith("rows_")}
        counts["warnings"] = int(warnings.get(s.path, 0))
        yield SummaryItem("input", s.path, counts)
        for r in s.repeats:
            counts = {"rows": r.rows, "own": s.valid_rows, "theirs": valid[r.path]}
            yield SummaryItem("repeat", s.path, counts, other=r.path)
    span = main_span(inputs) if as_of is not None else None
    if span is not None and as_of is not None:
        years = span.years()
        short = span.partial(years, as_of)
        yield SummaryItem("span", span=(span.first.isoformat(), span.last.isoformat()),
                          years=tuple((y, y in short) for y in years))
    if any(s.rows_rejected or s.rows_duplicate for s in inputs):
        command = " ".join(["jisheng validate", *files, *([options] if options else []),
                            "--rejects rejects.csv"])
        yield SummaryItem("hint", command=command)


def describe_input(s: InputSummary, lang: str | None) -> str:
    """Verbose mode's line about one input: its kind, encoding, header row, ignored columns."""
    ignored = ", ".join(s.ignored_columns) or pick(_NONE, lang)
    line = pick(_DESCRIBE, lang).format(path=s.path, kind=s.kind, encoding=s.encoding,
                                        header_row=s.header_row, ignored=ignored)
    if s.first_date and s.last_date:
        line += pick(_DESCRIBE_DATES, lang).format(first=s.first_date, last=s.last_date)
    return line


def describe_skipped(path: str, reason: str, lang: str | None) -> str:
    """Verbose mode's line about an archive member left out (see readers.archives)."""
    return pick(_SKIPPED, lang).format(path=path, reason=pick(SKIP_REASONS[reason], lang))


def target_missed(group: str, year: int | None, indicator: str, value: str,
                  bounds: tuple[str | None, str | None], source: str | None,
                  lang: str | None) -> str:
    """The --check-targets line of one missed target; numbers come formatted."""
    low, high = bounds
    kind = "range" if low is not None and high is not None else "min" if low is not None else "max"
    return pick(_TARGET_MISSED, lang).format(
        group=group, year=pick(_TARGET_YEAR, lang).format(year=year) if year else "",
        indicator=indicator, value=value or "-",
        bound=pick(_BOUND[kind], lang).format(min=low, max=high),
        source=source or pick(_NO_SOURCE, lang))

