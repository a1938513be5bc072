"""`checks.births.check_births` on the compiled kernel: the same CheckedBirths.

Low-cardinality columns go through compiled dictionaries (kernel.dictionary), the
mother's ID through the ID kernel (kernel.ids), and one fused row pass (kernel.rowpass)
gives every row its values and its flag bits. Rows with an error bit are re-validated
by the Pydantic model for their messages (`checks.common.split_rows`), as on the
reference path; warnings are written from the bits, in the order `_warnings` writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from jisheng_cli.checks import excel_damage
from jisheng_cli.checks.births import CheckedBirths, policy_parser, warning_column
from jisheng_cli.checks.common import (
    NO_DAY,
    CheckContext,
    Errors,
    day_parser,
    mask_value,
    optional,
    split_rows,
    text_parser,
)
from jisheng_cli.findings import Finding
from jisheng_cli.groups import Coded
from jisheng_cli.kernel import rowpass as rp
from jisheng_cli.kernel.buffers import contiguous, string_buffers
from jisheng_cli.kernel.dictionary import Dictionary
from jisheng_cli.kernel.ids import ParsedIds, empty_parsed, resolve_slow
from jisheng_cli.kernel.jit import numba
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records import codes, dates
from jisheng_cli.records.births import BirthRecord, SurveyRecord
from jisheng_cli.records.fields import EARLIEST_DATE, parse_village_code


@dataclass(frozen=True)
class Column:
    """A dictionary column: where its ids go, its parser and its value when absent."""

    slot: int
    name: str
    key: str  # the parser's configuration: one dictionary per column and parser
    parse: Callable[[str], Any]
    dtype: type
    fill: Any
    always: bool = False  # check_births reads it unconditionally (KeyError if absent)


def columns(ctx: CheckContext, survey: bool) -> list[Column]:
    """The dictionary columns of a births (or survey) batch, as check_births parses them."""
    order, names = ctx.date_order, ctx.require_names
    report_basis = ctx.period_basis == "report_date" and not survey
    return [
        Column(rp.VILLAGE_CODE, "village_code", "village_code", parse_village_code, object,
               None),
        Column(rp.VILLAGE_NAME, "village_name", f"village_name:{names}", text_parser(names),
               object, None),
        Column(rp.TOWNSHIP_NAME, "township_name", f"township_name:{names}",
               text_parser(names), object, None),
        Column(rp.CHILD_DATE, "child_birth_date", f"child_birth_date:True:{order}",
               day_parser(True, order), np.int64, NO_DAY, always=True),
        Column(rp.REPORT_DATE, "report_date", f"report_date:{report_basis}:{order}",
               day_parser(report_basis, order), np.int64, NO_DAY),
        Column(rp.SEX, "child_sex", "child_sex", codes.parse_sex, np.int64, -1,
               always=True),
        Column(rp.ORDER, "birth_order", "birth_order", codes.parse_birth_order, np.int64, 0,
               always=True),
        Column(rp.POLICY, "policy_status", f"policy_status:{survey}", policy_parser(survey),
               np.int64, -1),
        Column(rp.RESIDENCE, "residence", "residence", optional(codes.parse_residence, ""),
               object, ""),
    ]


def dictionary(ctx: CheckContext, column: Column) -> Dictionary:
    found = ctx.dictionaries.get(column.key)
    if found is None:
        found = ctx.dictionaries[column.key] = Dictionary(column.parse, column.dtype,
                                                          column.fill)
    assert isinstance(found, Dictionary)
    return found


@dataclass
class Entries:
    """Every column's entries laid end to end, for the row pass; object values apart."""

    ids: npt.NDArray[np.int32]  # (N_COLUMNS, rows)
    base: npt.NDArray[np.int64]
    failed: npt.NDArray[np.bool_]
    value: npt.NDArray[np.int64]
    objects: dict[int, np.ndarray]
    # Slot → what stands for its dictionary's numbering (groups.Coded.table): the entry
    # list, which only a restart replaces; an absent column's one entry is always None.
    tables: dict[int, Any]


_NO_BYTES = np.zeros(0, dtype=np.uint8)
_NO_SLOTS = np.zeros(1, dtype=np.int32)
_NO_HASHES = np.zeros(1, dtype=np.int64)
_ABSENT = object()


def scan(raw: RawBatch, ctx: CheckContext, survey: bool) -> tuple[ParsedIds, Entries]:
    """The first pass (IDs parsed, cells looked up), then what it left to Python: new
    dictionary entries and NOT_FAST IDs."""
    n = len(raw)
    specs = columns(ctx, survey)
    found: list[Dictionary | None] = []
    buffers: list[tuple[np.ndarray, np.ndarray]] = []
    for column in specs:
        if column.always or column.name in raw.columns:
            d = dictionary(ctx, column)
            d.fresh()
            found.append(d)
            buffers.append(string_buffers(raw.columns[column.name]))
        else:
            found.append(None)
            buffers.append((np.zeros(n + 1, dtype=np.int64), _NO_BYTES))
    id_column = contiguous(raw.columns["mother_id"])
    id_offsets, id_data = string_buffers(id_column)
    ids = empty_parsed(n)
    entry_ids = np.empty((rp.N_COLUMNS, n), dtype=np.int32)
    rp.scan(id_offsets, id_data, ids.status, ids.id17, ids.check, ids.birth_days, ids.sex,
            ids.fast, ids.zeroed, np.array([d is not None for d in found]),
            tuple(b[0] for b in buffers), tuple(b[1] for b in buffers),
            tuple(_NO_SLOTS if d is None else d.slots for d in found),
            tuple(_NO_HASHES if d is None else d.hashes for d in found),
            tuple(_NO_HASHES if d is None else d.starts for d in found),
            tuple(_NO_BYTES if d is None else d.data for d in found), entry_ids,
            numba.get_num_threads())
    resolve_slow(id_column, ids)

    failed: list[np.ndarray] = []
    value: list[np.ndarray] = []
    objects: dict[int, np.ndarray] = {}
    tables: dict[int, Any] = {}
    for column, table, (offsets, data) in zip(specs, found, buffers, strict=True):
        if table is not None:
            table.add_missed(offsets, data, entry_ids[column.slot])
            f, v = table.failed[: table.n], table.values[: table.n]
        else:  # one entry that every row points at: no error, the column's fill
            f, v = np.zeros(1, dtype=np.bool_), np.full(1, column.fill, dtype=column.dtype)
        failed.append(f)
        if column.dtype is object:
            objects[column.slot] = v
            tables[column.slot] = _ABSENT if table is None else table.codes
            value.append(np.zeros(len(v), dtype=np.int64))
        else:
            value.append(v)
    sizes = np.array([len(f) for f in failed], dtype=np.int64)
    base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return ids, Entries(entry_ids, base, np.concatenate(failed), np.concatenate(value),
                        objects, tables)


def check_births_kernel(raw: RawBatch, ctx: CheckContext, survey: bool = False
                        ) -> CheckedBirths:
    """check_births(raw, ctx, survey) on the kernel (text batches: raw.numeric empty)."""
    n = len(raw)
    ids, entries = scan(raw, ctx, survey)
    if ctx.ids_as_numbers and len(ids.slow):
        # Cells the ID kernel left to parse_id: the file rule's own test decides them.
        taken = raw.columns["mother_id"].take(ids.slow)
        sub = RawBatch({"mother_id": taken}, raw.rows[ids.slow], raw.skipped_blank[ids.slow])
        ids.zeroed[ids.slow] = excel_damage.zeroed_ids(sub, "mother_id")
    flags = np.empty(n, dtype=np.uint32)
    child_days, report_days = np.empty(n, dtype=np.int32), np.empty(n, dtype=np.int32)
    sex, order, policy = (np.empty(n, dtype=np.int8) for _ in range(3))
    rp.row_pass(ids.status, ids.birth_days, ids.sex, ids.zeroed, bool(ctx.ids_as_numbers),
                entries.ids, entries.base, entries.failed, entries.value,
                dates.to_days(EARLIEST_DATE), dates.to_days(ctx.as_of), flags, child_days,
                report_days, sex, order, policy, numba.get_num_threads())
    errors = Errors(n)
    errors.any = (flags & rp.ERRORS) != 0
    split = split_rows(raw, errors, ctx, SurveyRecord if survey else BirthRecord)
    idx = split.valid

    def objects(slot: int) -> np.ndarray:  # an absent column's one entry is None
        return entries.objects[slot][entries.ids[slot, idx]]

    def coded(slot: int) -> Coded:
        return Coded(entries.ids[slot, idx], entries.objects[slot], entries.tables[slot])

    kept = flags[idx]
    out = CheckedBirths(
        rows=raw.rows[idx],
        village_code=objects(rp.VILLAGE_CODE),
        village_name=objects(rp.VILLAGE_NAME),
        township_name=objects(rp.TOWNSHIP_NAME),
        id17=ids.id17[idx],
        child_days=child_days[idx],
        report_days=report_days[idx],
        sex=sex[idx],
        order=order[idx],
        policy=policy[idx] == 1,
        policy_known=policy[idx] >= 0,
        id_trusted=(kept & rp.W_ID_MAYBE_CUT) == 0,
        n_skipped=split.n_skipped,
        n_rejected=split.n_rejected,
        findings=split.findings,
        coded=(coded(rp.VILLAGE_CODE), coded(rp.VILLAGE_NAME), coded(rp.TOWNSHIP_NAME)),
    )
    out.findings.extend(warnings(raw, idx, kept, ctx))
    return out


def warnings(raw: RawBatch, idx: npt.NDArray[np.intp], kept: npt.NDArray[np.uint32],
             ctx: CheckContext) -> list[Finding]:
    """The warning findings of the valid rows, from their bits, in the reference order."""
    bits = (kept >> rp.WARNING_SHIFT) & (rp.WARNINGS >> rp.WARNING_SHIFT)
    warned = np.flatnonzero(bits)
    if not len(warned):
        return []
    # Row-major: by row, then by bit, which is by code within a row.
    matrix = (bits[warned, None] >> np.arange(len(rp.WARNING_CODES))) & 1
    at, bit = np.nonzero(matrix)
    rows = idx[warned[at]]
    names = [rp.WARNING_CODES[b] for b in bit]
    cells: dict[str, list[Any]] = {}
    for column in {warning_column(code) for code in set(names)}:
        if column in raw.columns:
            cells[column] = raw.columns[column].take(rows).to_pylist()
    out = []
    for j, (row_index, code) in enumerate(zip(rows, names, strict=True)):
        column = warning_column(code)
        value = cells[column][j] if column in cells else ""
        out.append(Finding(ctx.path, int(raw.rows[row_index]), column, code, "warning",
                           mask_value(column, value or "", ctx.show_personal_data)))
    return out


def warm() -> None:  # kernel.warm's list
    """Run each kernel once: the births check (dictionaries, ID parser, row pass) and
    the fee ledger's ID parser."""
    import numpy as np
    import pyarrow as pa

    from jisheng_cli.kernel.ids import parse_ids_kernel

    cells = {
        "village_code": "420525100001", "township_name": "鸣凤镇", "village_name": "甲村",
        "mother_name": "张丽", "mother_id": "420525197812307126",
        "child_birth_date": "2011-10-08", "child_sex": "女", "birth_order": "1",
        "policy_status": "政策内", "report_date": "2011-11-13", "residence": "常住",
    }
    raw = RawBatch({k: pa.array([v]) for k, v in cells.items()}, np.array([2]),
                   np.zeros(1, dtype=bool))
    check_births_kernel(raw, CheckContext(path="warm", as_of=date(2026, 1, 1), kernel=True))
    parse_ids_kernel(pa.array(["420525197812307126"]))
