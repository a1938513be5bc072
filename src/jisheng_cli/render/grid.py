"""The column plan of the tabular formats: labels and headers, typed cells, and the wide
and long grids built from a Report.

The plan (a `Grid` of typed cells) is shared by every tabular writer so that csv, tsv,
xlsx, parquet and the terminal table agree on columns, order and headers; each writer
only decides how a typed cell becomes text, a number or an Arrow value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from jisheng_cli.indicators.model import Indicator
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.levels import TOTAL_NAME, level_label
from jisheng_cli.render.numbers import (
    decimals_for,
    exact_number,
    format_cell,
    format_exact,
    is_missing,
    rounded_number,
)
from jisheng_cli.results import COMPARE_FIELDS, ROW_FIELDS, Report, ResultRow

# --------------------------------------------------------------------------- labels

_GROUP_HEADERS: dict[str, dict[str, str]] = {
    "zh": {"group_level": "层级", "group_code": "代码", "group_name": "名称", "year": "统计年度"},
    "en": {"group_level": "Level", "group_code": "Code", "group_name": "Name", "year": "Year"},
}

_DETAIL_SUFFIXES: dict[str, dict[str, str]] = {
    "zh": {"numerator": "分子", "denominator": "分母", "ci_low": "区间下限", "ci_high": "区间上限",
           "status": "状态", "gap": "差距"},
    "en": {"numerator": "numerator", "denominator": "denominator", "ci_low": "CI low",
           "ci_high": "CI high", "status": "status", "gap": "gap"},
}
DETAIL_FIELDS = ("numerator", "denominator", "ci_low", "ci_high")

# A status as people read it, in every text format that translates it (the terminal
# table's long layout, the wide layout's status columns); --lang id keeps the ids.
STATUS_WORDS: dict[str, dict[str, str]] = {
    "zh": {"met": "达标", "missed": "未达标", "missed_significant": "显著未达标"},
    "en": {"met": "met", "missed": "missed", "missed_significant": "missed (significant)"},
}
MISSED_STATUSES = frozenset({"missed", "missed_significant"})


def status_word(status: str | None, lang: str) -> str | None:
    if status is None:
        return None
    return STATUS_WORDS.get(lang, {}).get(status, status)


def group_name(row: ResultRow, lang: str) -> str | None:
    """The total row is named by the output language, whatever the computation put there."""
    if row.group_level == "total":
        return TOTAL_NAME.get(lang, TOTAL_NAME["zh"])
    return row.group_name


def indicator_for(indicator_id: str, unit: str | None = None) -> Indicator:
    """The registry entry; an id the registry does not know yet still renders, labelled by
    its id, rather than failing the whole output."""
    ind = REGISTRY.get(indicator_id)
    if ind is not None:
        return ind
    u: Any = unit or "count"
    return Indicator(indicator_id, "", indicator_id, indicator_id, u,
                     0 if u == "count" else 2, "", "")


def report_indicators(report: Report) -> list[Indicator]:
    """report.indicators in order, else the first-seen order of the rows."""
    units = {r.indicator: r.unit for r in report.rows}
    ids = list(report.indicators) or list(dict.fromkeys(r.indicator for r in report.rows))
    return [indicator_for(i, units.get(i)) for i in ids]


UNIT_ZH = {"yuan": "元"}
# The registry's units in English headers (the JSON keeps the registry's own unit).
UNIT_EN = {"女=100": "female=100"}


def indicator_header(ind: Indicator, lang: str) -> str:
    if lang == "id":
        return ind.id
    label = ind.label(lang)
    if ind.is_count or ind.unit == "ratio":  # a ratio of two counts has no unit to show
        return label
    if lang == "zh":
        return f"{label}({UNIT_ZH.get(ind.unit, ind.unit)})"
    return f"{label} ({UNIT_EN.get(ind.unit, ind.unit)})"


def detail_header(ind: Indicator, part: str, lang: str) -> str:
    if lang == "id":
        return f"{ind.id}_{part}"
    return f"{ind.label(lang)} {_DETAIL_SUFFIXES[lang][part]}"


def group_header(key: str, lang: str) -> str:
    return _GROUP_HEADERS.get(lang, {}).get(key, key)


# --------------------------------------------------------------------------- grid

# text: free text (safe_text applies); code: an identifier kept as text;
# int: a whole number (year); value: rounded to the indicator's decimals in text
# formats (value, ci bounds, gap); exact: printed exactly (numerator, denominator, targets);
# bool: a yes/no held as its text, "true" or "false" (change_significant), which every
# writer but parquet's (a boolean column) writes as text.
CellKind = Literal["text", "code", "int", "value", "exact", "bool"]


@dataclass(frozen=True)
class Column:
    key: str  # the stable id (header for lang "id", column name in parquet)
    header: str  # in the chosen language
    kind: CellKind
    indicator: Indicator | None = None  # wide layout: the indicator this column belongs to
    part: str = "value"  # wide layout: "value", "status", "gap" or one of DETAIL_FIELDS


# Not frozen, with slots: a wide grid makes groups × indicators of these, and a frozen
# dataclass pays an object.__setattr__ per field (4× the time of plain slots). Nothing
# changes a cell after it is made.
@dataclass(slots=True)
class Cell:
    value: Any
    kind: CellKind
    indicator: Indicator | None = None
    # Wide value cells only: what the terminal table flags after the number.
    status: str | None = None
    note: str | None = None
    # "value" cells of a value or gap: the exact fraction of `value`, which the text formats
    # round instead of the float (ResultRow.exact_value / exact_gap).
    exact: Fraction | None = None
    # A `change` cell (--compare-previous): (current, previous), exact where they can be;
    # it prints as the difference of the two values as printed (change.printed_change).
    change_of: tuple[Any, Any] | None = None

    @property
    def missing(self) -> bool:
        return is_missing(self.value)

    @property
    def rounded_from(self) -> Any:
        """What the text formats round: the exact fraction when there is one."""
        return self.value if self.exact is None else self.exact

    @property
    def is_text(self) -> bool:
        return self.kind in ("text", "code", "bool")

    def _printed_change(self, precision: int | None) -> Decimal | None:
        from jisheng_cli.change import printed_change

        assert self.indicator is not None and self.change_of is not None
        return printed_change(*self.change_of, decimals_for(self.indicator, precision))

    def text(self, precision: int | None) -> str:
        """The cell as printed in a text format (before any spreadsheet-safety prefix)."""
        if self.missing:
            return ""
        if self.is_text:
            return str(self.value)
        if self.kind == "int":
            return str(int(self.value))
        if self.change_of is not None and self.indicator is not None:
            d = self._printed_change(precision)
            return "" if d is None else format(d, "f")
        if self.kind == "value" and self.indicator is not None:
            return format_cell(self.rounded_from, self.indicator, precision)
        return format_exact(self.value, self.indicator)

    def number(self, precision: int | None) -> int | float | None:
        """Numeric cells as the number the text shows (xlsx); None for text or missing."""
        if self.missing or self.is_text:
            return None
        if self.kind == "int":
            return int(self.value)
        if self.change_of is not None and self.indicator is not None:
            d = self._printed_change(precision)
            if d is None:
                return None
            return int(d) if decimals_for(self.indicator, precision) == 0 else float(d)
        if self.kind == "value" and self.indicator is not None:
            return rounded_number(self.rounded_from, decimals_for(self.indicator, precision))
        return exact_number(self.value, self.indicator)

    def decimals(self, precision: int | None) -> int | None:
        """Decimals the text shows, for a spreadsheet number format (None: general)."""
        if self.kind == "int":
            return 0
        if self.kind == "value" and self.indicator is not None:
            return decimals_for(self.indicator, precision)
        if self.kind == "exact" and not self.missing:
            if self.indicator is not None and self.indicator.unit == "yuan":
                return 2
            n = exact_number(self.value, self.indicator)
            return 0 if n is not None and float(n).is_integer() else None
        return None


@dataclass
class Grid:
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def wide_grid(report: Report, lang: str, detail: bool, *, machine: bool = False) -> Grid:
    """One row per (group, year) in the report's order; one column per indicator, then,
    for an indicator with a target in any row, its status (and with `detail` its gap).

    `machine` (parquet): ids as headers and levels, whatever the language; only the total
    row's name follows `lang`, as in the JSON document.
    """
    head_lang = "id" if machine else lang
    indicators = report_indicators(report)
    by_year = "year" in report.by
    targeted = {r.indicator for r in report.rows
                if r.target_min is not None or r.target_max is not None}

    columns = [Column(k, group_header(k, head_lang), "code" if k == "group_code" else "text")
               for k in ("group_level", "group_code", "group_name")]
    if by_year:
        columns.append(Column("year", group_header("year", head_lang), "int"))
    for ind in indicators:
        columns.append(Column(ind.id, indicator_header(ind, head_lang), "value", ind))
        if ind.id in targeted:
            columns.append(Column(f"{ind.id}_status", detail_header(ind, "status", head_lang),
                                  "text", ind, "status"))
            if detail:
                columns.append(Column(f"{ind.id}_gap", detail_header(ind, "gap", head_lang),
                                      "value", ind, "gap"))
        if detail:
            for part in DETAIL_FIELDS:
                kind: CellKind = "exact" if part in ("numerator", "denominator") else "value"
                columns.append(Column(f"{ind.id}_{part}", detail_header(ind, part, head_lang),
                                      kind, ind, part))

    # Keep the report's order: it is already total first, then groups by code, years
    # ascending; re-sorting here would risk disagreeing with the json output.
    groups: dict[tuple[str, str | None, int | None], dict[str, ResultRow]] = {}
    for r in report.rows:
        groups.setdefault((r.group_level, r.group_code, r.year), {})[r.indicator] = r

    grid = Grid(columns)
    for (level, code, year), by_ind in groups.items():
        first = next(iter(by_ind.values()))
        cells = [
            Cell(level_label(level, head_lang), "text"),
            Cell(code, "code"),
            Cell(group_name(first, lang), "text"),
        ]
        if by_year:
            cells.append(Cell(year, "int"))
        for ind in indicators:
            # A group without this indicator (not computed for it) gets empty cells.
            row = by_ind.get(ind.id) or ResultRow(level, code, None, year, ind.id,
                                                  None, None, None, ind.unit)
            cells.append(Cell(row.value, "value", ind, row.status, row.note, row.exact_value))
            if ind.id in targeted:
                cells.append(Cell(status_word(row.status, head_lang), "text", ind))
                if detail:
                    cells.append(Cell(row.gap, "value", ind, exact=row.exact_gap))
            if detail:
                cells.append(Cell(row.numerator, "exact", ind))
                cells.append(Cell(row.denominator, "exact", ind))
                cells.append(Cell(row.ci_low, "value", ind))
                cells.append(Cell(row.ci_high, "value", ind))
        grid.rows.append(cells)
    return grid


_LONG_KINDS: dict[str, CellKind] = {
    "group_code": "code",
    "year": "int",
    "numerator": "exact",
    "denominator": "exact",
    "value": "value",
    "ci_low": "value",
    "ci_high": "value",
    "target_min": "exact",
    "target_max": "exact",
    "gap": "value",
}
LONG_FIELDS = (*ROW_FIELDS, "label")
_COMPARE_KINDS: dict[str, CellKind] = {
    "previous": "value", "change": "value", "change_ci_low": "value",
    "change_ci_high": "value", "change_significant": "bool",
}


def long_grid(report: Report, lang: str) -> Grid:
    """ROW_FIELDS plus `label`, one row per result row, then COMPARE_FIELDS when the
    report has them (--compare-previous). Headers and values are the stable ids (this
    layout is the scripts' contract); only `label` and the total's name follow the
    language."""
    columns = [Column(f, f, _LONG_KINDS.get(f, "text")) for f in LONG_FIELDS]
    if report.compare_previous:
        columns += [Column(f, f, _COMPARE_KINDS.get(f, "text")) for f in COMPARE_FIELDS]
    grid = Grid(columns)
    at_change = len(LONG_FIELDS) + COMPARE_FIELDS.index("change")
    for r in report.rows:
        ind = indicator_for(r.indicator, r.unit)
        d = r.to_dict(report.compare_previous)
        d["group_name"] = group_name(r, lang)
        if r.change_significant is not None:
            d["change_significant"] = "true" if r.change_significant else "false"
        d["label"] = ind.label(lang)
        exact = {"value": r.exact_value, "gap": r.exact_gap, "previous": r.exact_previous}
        # The value cell carries the status so that xlsx can colour a missed one.
        cells = [Cell(d[c.key], c.kind, ind, r.status if c.key == "value" else None,
                      exact=exact.get(c.key)) for c in columns]
        if report.compare_previous:
            cells[at_change] = Cell(
                r.change, "value", ind, change_of=change_of(r))
        grid.rows.append(cells)
    return grid


def change_of(row: ResultRow) -> tuple[Any, Any] | None:
    """What a row's printed change is the difference of: (current, previous), each its
    exact fraction where it has one; None without a change."""
    if row.change is None:
        return None
    return (row.exact_value if row.exact_value is not None else row.value,
            row.exact_previous if row.exact_previous is not None else row.previous)
