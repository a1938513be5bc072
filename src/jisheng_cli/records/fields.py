"""Field helpers shared by the record models: cells parsed by the shared scalar parsers,
column metadata (Chinese header aliases, requiredness, personal data) and date ranges."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from jisheng_cli.errors import ParseError
from jisheng_cli.records.dates import parse_date
from jisheng_cli.records.text import is_scientific, normalize

T = TypeVar("T")

EARLIEST_DATE = date(1950, 1, 1)


def finding_error(code: str, variant: str = "", **params: object) -> PydanticCustomError:
    """A Pydantic error carrying a finding code: `ctx` holds the variant and parameters
    (the finding is built from those), the English text is only Pydantic's own `msg`."""
    from jisheng_cli.messages.findings import finding_message

    return PydanticCustomError(code, finding_message(code, "en", variant, **params),
                               {"variant": variant, **params})


def _error_of(e: ParseError) -> PydanticCustomError:
    """`finding_error` of a parse error, its English text being the one the error holds.
    Shared by every cell with that code, variant and parameters (parameters never hold
    the cell's value): the unique ID numbers of a file repeat the same few errors."""
    key = (e.code, e.variant, *sorted(e.params.items()))
    try:
        error = _ERRORS.get(key)
    except TypeError:  # an unhashable parameter: made afresh
        return PydanticCustomError(e.code, e.message, {"variant": e.variant, **e.params})
    if error is None:
        if len(_ERRORS) >= CACHE_SIZE:
            _ERRORS.clear()
        error = _ERRORS[key] = PydanticCustomError(
            e.code, e.message, {"variant": e.variant, **e.params})
    return error


def parse_village_code(text: str) -> str:
    value = normalize(text)
    if not value:
        raise ParseError("missing_value")
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ParseError("village_code_malformed", "scientific" if is_scientific(value) else "")
    return value


def parse_text(text: str) -> str:
    value = normalize(text)
    if not value:
        raise ParseError("missing_value")
    return value


# Flagged rows repeat most of their cells (dates, codes, villages), so each field keeps
# what its parser made of a cell's text for the run: the parsers are pure functions of
# the text and of the context values in the table's key (date_order, a money unit).
# A full table starts over: bounded memory, and a column of unique values (ID numbers)
# only ever evicts its own entries.
CACHE_SIZE = 1 << 14
_TABLES: list[dict[str, Any]] = []
_ERRORS: dict[tuple[object, ...], PydanticCustomError] = {}
_MISSING = object()


def _table() -> dict[str, Any]:
    table: dict[str, Any] = {}
    _TABLES.append(table)
    return table


def clear_cell_cache() -> None:
    """Forget every parsed cell (a fresh table parses each cell again, as without it)."""
    for table in _TABLES:
        table.clear()
    _ERRORS.clear()


def _cached_cell(
    table: dict[str, Any], parser: Callable[..., T], optional: bool, raw: object, *args: Any
) -> T | None:
    """`parser(text, *args)` of the cell's text, from the field's table (whose key holds
    `args`); an empty optional cell is None."""
    text = "" if raw is None else str(raw)
    outcome = table.get(text, _MISSING)
    if outcome is _MISSING:
        if optional and not normalize(text):
            outcome = None
        else:
            try:
                outcome = parser(text, *args)
            except ParseError as e:
                outcome = _error_of(e)
        if len(table) >= CACHE_SIZE:
            table.clear()
        table[text] = outcome
    if isinstance(outcome, PydanticCustomError):
        # The same error object is raised again; without its old traceback, which
        # would otherwise grow with every raise.
        raise outcome.with_traceback(None)
    result: T | None = outcome
    return result


def _table_for(key: object, tables: dict[object, dict[str, Any]]) -> dict[str, Any]:
    table = tables.get(key)
    if table is None:
        table = tables[key] = _table()
    return table


class _Cells(dict[str, Any]):
    """One field's valid cells, text → value, so that a hit is a dict look-up with no
    Python call. A miss (and every error, which a look-up cannot raise) goes through
    `_cached_cell`; only `str` cells are kept here, as `1` and `True` are equal keys."""

    def __init__(self, parser: Callable[[str], Any], optional: bool) -> None:
        super().__init__()
        self.parser = parser
        self.optional = optional
        self.outcomes = _table()
        _TABLES.append(self)

    def __missing__(self, raw: object) -> Any:
        value = _cached_cell(self.outcomes, self.parser, self.optional, raw)
        if type(raw) is str:
            if len(self) >= CACHE_SIZE:
                self.clear()
            self[raw] = value
        return value


def cell(parser: Callable[[str], T], *, optional: bool = False) -> Any:
    """A BeforeValidator running one of the shared scalar parsers on a raw cell.

    Optional columns turn an empty cell into None; required ones report `missing_value`.
    """
    return BeforeValidator(_Cells(parser, optional).__getitem__)


def date_cell(*, optional: bool = False) -> Any:
    """A date cell, read in the run's `[reading] date_order` (the validation context's
    `date_order`, as the vectorised checks read it)."""
    tables: dict[object, dict[str, Any]] = {}

    def validate(raw: object, info: ValidationInfo) -> date | None:
        order = (info.context or {}).get("date_order")
        return _cached_cell(_table_for(order, tables), parse_date, optional, raw, order)

    return BeforeValidator(validate)


def id_cell(*, optional: bool = False) -> Any:
    """`cell(ids.parse_id)`, and a cell a workbook stored as a number (the validation
    context's `numeric` columns of the row) is `id_precision_lost` whatever it holds: a
    number keeps 15 significant digits, so its last ones are gone."""
    from jisheng_cli.records.ids import parse_id

    table = _table()

    def validate(raw: object, info: ValidationInfo) -> str | None:
        numeric = (info.context or {}).get("numeric", ())
        # Checked before the cached parse: the same text is an error only as a number.
        if info.field_name in numeric and normalize("" if raw is None else str(raw)):
            raise finding_error("id_precision_lost")
        return _cached_cell(table, parse_id, optional, raw)

    return BeforeValidator(validate)


def meta(
    aliases: list[str], *, required: bool = False, personal: bool = False, codes: str = ""
) -> dict[str, Any]:
    extra: dict[str, Any] = {"x-aliases": aliases, "x-required": required}
    if personal:
        extra["x-personal-data"] = True
    if codes:
        extra["x-codes"] = codes
    return extra


def in_date_range(value: date | None, info: ValidationInfo) -> date | None:
    if value is None:
        return None
    as_of: date = (info.context or {}).get("as_of") or date.today()
    if value > as_of:
        raise finding_error("date_in_future")
    if value < EARLIEST_DATE:
        raise finding_error("date_before_1950")
    return value


def money_cell() -> Any:
    """Money in integer fen; the column's unit (元 or 万元, from its header) comes from the
    validation context as fen per unit."""
    from jisheng_cli.records.money import FEN_PER_YUAN, parse_money

    tables: dict[object, dict[str, Any]] = {}

    def validate(raw: object, info: ValidationInfo) -> int:
        unit = (info.context or {}).get("units", {}).get(info.field_name, FEN_PER_YUAN)
        # Not optional: the parse never gives None.
        return cast(int, _cached_cell(_table_for(unit, tables), parse_money, False, raw, unit))

    return BeforeValidator(validate)
