"""Header normalisation, alias matching, header-line search and kind detection."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jisheng_cli.errors import InputError
from jisheng_cli.records.schema import MODELS, columns

HEADER_SEARCH_LINES = 10
MIN_KNOWN_COLUMNS = 3
# A population file may have just a code and a count; a checked list just the code.
MIN_KNOWN = {"population": 2, "checked": 1}
# Kinds that are only ever chosen by a prefix (a survey has the register's columns).
PREFIX_ONLY = {"survey", "checked", "women_survey"}
# A kind whose header must name one of these: the village and ID columns every register
# shares (身份证号, 姓名, 人口类别 …) must not make a births file a women's register.
SIGNATURE = {
    "population": {"population"},
    "women": {"marital_status", "contraceptive_method", "husband_method", "exclusion_reason"},
    "procedures": {"procedure_type", "procedure_date"},
}
_UNIT = re.compile(r"[(\[]([^()\[\]]*)[)\]]$")
_SPACE = re.compile(r"\s+")


def normalize_header(text: str) -> tuple[str, str | None]:
    """(key, unit): NFKC, no spaces or BOM, lower-case, a trailing bracketed unit split off.

    `应征金额(万元)` → ("应征金额", "万元"); `（` and `(` compare equal after NFKC.
    """
    key = unicodedata.normalize("NFKC", text.replace("\ufeff", ""))
    key = _SPACE.sub("", key).lower()
    unit = None
    m = _UNIT.search(key)
    if m and m.start() > 0:
        unit = m.group(1) or None
        key = key[: m.start()]
    return key, unit


def alias_table(kind: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Normalised header → canonical column for one kind, config mappings taking precedence."""
    table: dict[str, str] = {}
    for spec in columns(kind):
        for name in (spec.name, *spec.aliases):
            table.setdefault(normalize_header(name)[0], spec.name)
    for header, column in (extra or {}).items():
        table[normalize_header(header)[0]] = column
    return table


@dataclass(frozen=True)
class HeaderMatch:
    kind: str
    row_index: int  # 0-based index of the header among the parsed lines
    columns: dict[str, int]  # canonical column → position in the row
    units: dict[str, str]  # canonical column → unit written in its header
    headers: list[str]

    @property
    def ignored(self) -> list[str]:
        """Headers of columns no canonical column maps to (reported in verbose mode)."""
        used = set(self.columns.values())
        return [h for i, h in enumerate(self.headers) if h and i not in used]


def _match_row(cells: list[str], table: dict[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    found: dict[str, int] = {}
    units: dict[str, str] = {}
    for pos, cell in enumerate(cells):
        key, unit = normalize_header(cell)
        column = table.get(key)
        if column is None:
            continue
        if column in found:
            raise InputError("columns_collide", first=shown_cells([cells[found[column]]]),
                             second=shown_cells([cell]), column=column)
        found[column] = pos
        if unit:
            units[column] = unit
    return found, units


def rows_needed(header_row: int | None = None, skip_rows: int = 0) -> int:
    """Lines the header search parses from the file's start: the lines it skips, then
    HEADER_SEARCH_LINES (a header given by `header_row` is the first of them: the rest
    show whether data rows end in extra empty cells)."""
    start = header_row - 1 if header_row is not None else skip_rows
    return start + HEADER_SEARCH_LINES


def find_header(
    rows: list[list[str]], forced_kind: str | None, column_map: dict[str, dict[str, str]],
    *, header_row: int | None = None, skip_rows: int = 0,
) -> HeaderMatch:
    """The first of the first 10 rows after `skip_rows` naming enough known columns, and
    its kind; with `header_row` (1-based, as a spreadsheet numbers rows) that row, which
    must name them. `rows` are the file's first lines from its first (`rows_needed` of
    them), so `row_index` counts from the file's start."""
    kinds = [forced_kind] if forced_kind else [k for k in MODELS if k not in PREFIX_ONLY]
    tables = {k: alias_table(k, column_map.get(k)) for k in kinds}
    if header_row is not None:
        if header_row > len(rows):
            raise InputError("header_row_past_end", row=header_row, lines=len(rows))
        window = range(header_row - 1, header_row)
    else:
        window = range(skip_rows, min(skip_rows + HEADER_SEARCH_LINES, len(rows)))
    for index in window:
        cells = rows[index]
        best: tuple[int, str, dict[str, int], dict[str, str]] | None = None
        for kind in kinds:
            found, units = _match_row(cells, tables[kind])
            enough = len(found) >= MIN_KNOWN.get(kind, MIN_KNOWN_COLUMNS)
            if kind in SIGNATURE:
                enough = enough and not SIGNATURE[kind].isdisjoint(found)
            if enough and (best is None or len(found) > best[0]):
                best = (len(found), kind, found, units)
        if best is not None:
            return HeaderMatch(best[1], index, best[2], best[3], [c.strip() for c in cells])
    if header_row is not None:
        raise InputError("header_row_not_header", row=header_row,
                         seen=shown_cells(rows[header_row - 1]))
    raise unknown_kind(rows[skip_rows:], forced_kind)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_ID_LIKE = re.compile(r"[0-9]{6,}[0-9Xx]*")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _known_words() -> set[str]:
    return {normalize_header(a)[0] for kind in MODELS for c in columns(kind)
            for a in (c.name, *c.aliases)}


def shown_cells(cells: list[str], limit: int = 12) -> str:
    """Header cells fit for an error line: control characters (a line break typed with
    Alt+Enter, terminal escapes) flattened, and anything that may be a data row's
    personal data masked: digit runs (ID numbers, dates) and name-like words that are
    not a known header. Nothing to show: a dash."""
    from jisheng_cli.records.ids import mask_id, mask_name

    known = _known_words()
    out = []
    for cell in cells:
        text = _CONTROL.sub(" ", cell).strip()
        if not text:
            continue
        if _ID_LIKE.search(text):
            text = _ID_LIKE.sub(lambda m: mask_id(m.group(0)), text)
        elif _CJK_NAME.fullmatch(text) and normalize_header(text)[0] not in known:
            text = mask_name(text)
        out.append(text)
        if len(out) == limit:
            break
    return ", ".join(out) or "—"  # not a word: it stands in either language


def unknown_kind(rows: list[list[str]], forced_kind: str | None) -> InputError:
    """No header line found: for the kind the prefix forced, or for any kind."""
    first = next((r for r in rows if any(c.strip() for c in r)), [])
    seen = shown_cells(first)
    if forced_kind:
        return InputError("no_header_for_kind", kind=forced_kind, lines=HEADER_SEARCH_LINES,
                          seen=seen)
    # Column ids and their Chinese headers: the same in either language.
    expected = "; ".join(
        f"{kind}: " + ", ".join(f"{c.name} ({c.aliases[0]})" for c in columns(kind) if c.required)
        for kind in MODELS
        if kind not in PREFIX_ONLY
    )
    return InputError("unknown_kind", expected=expected, seen=seen)


def check_required(match: HeaderMatch, path: str) -> None:
    """A missing required column is a file-level error naming it and the headers seen."""
    present = set(match.columns)
    specs = {c.name: c for c in columns(match.kind)}
    has_names = {"village_name", "township_name"} <= present
    seen = shown_cells(match.headers, limit=40)
    if match.kind == "population" and not present & {
        "village_code", "township_code", "county_code", "township_name", "village_name"
    }:
        raise InputError("population_area_column", path=path, seen=seen)
    for spec in specs.values():
        if not spec.required or spec.name in present:
            continue
        if spec.name == "village_code" and has_names:
            continue
        alias = f" ({spec.aliases[0]})" if spec.aliases else ""
        raise InputError("required_column", path=path, column=spec.name, alias=alias, seen=seen,
                         kind=match.kind)
