"""The ID parser: `records.ids.parse_id` per row in numba, on the cells' UTF-8 bytes.

What it decides itself, as `parse_id` would: white space anywhere (ASCII white space as
`str.split` sees it, and U+3000 and U+00A0, which NFKC turns into spaces), full-width
digits and X/x (U+FF10–FF19, U+FF38, U+FF58, which NFKC folds to ASCII), empty cells,
the length (15 or 18), the characters, the embedded birth date (1800–2099, a real day),
the check character, the 000 tail (`id_precision_lost`) and the 15 → 18 upgrade. Any
other cell (other non-ASCII, letters, scientific notation, junk) is NOT_FAST and
decided by the scalar `parse_id` once per distinct value, as `records.vector.parse_ids`
does.

`parse_ids_kernel` gives the `IdColumn` of `records.vector.parse_ids`, error numbering
included: that numbers the errors of the values its numpy pass decides first (in a fixed
order), then those of the values it hands to the scalar parser (in order of first
appearance), so each row also says whether the reference would have decided it itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from jisheng_cli.errors import ParseError
from jisheng_cli.kernel.buffers import Bytes, Offsets, contiguous, string_buffers
from jisheng_cli.kernel.jit import njit, numba, prange
from jisheng_cli.records.dates import to_days
from jisheng_cli.records.ids import WEIGHTS, id_birth_date, id_sex, parse_id
from jisheng_cli.records.vector import IdColumn

# Row status: what parse_id says of the cell. 0 is a valid ID.
OK, MALFORMED, BAD_DATE, BAD_CHECK, CUT, MISSING, NOT_FAST = 0, 1, 2, 3, 4, 5, 6
STATUS_CODES: dict[int, tuple[str, str]] = {
    MALFORMED: ("id_malformed", ""),
    BAD_DATE: ("id_malformed", "birth_date"),
    BAD_CHECK: ("id_check_digit", ""),
    CUT: ("id_precision_lost", ""),
    MISSING: ("missing_value", ""),
}
# The statuses records.vector's numpy pass decides, in the order it numbers them.
REFERENCE_FAST = (MALFORMED, BAD_DATE, BAD_CHECK, CUT)

_W = np.array(WEIGHTS, dtype=np.int64)
_W15 = np.array([*WEIGHTS[:6], *WEIGHTS[8:17]], dtype=np.int64)  # after "19" goes in
_W15_CENTURY = WEIGHTS[6] * 1 + WEIGHTS[7] * 9
_X = 10  # the check character X (or x), as a digit value
_P11 = 10**11
_P9 = 10**9


@njit(inline="always")
def _is_space(b: int) -> bool:
    return b == 32 or 9 <= b <= 13 or 28 <= b <= 31


@njit(inline="always")
def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm)."""
    if m <= 2:
        y -= 1
    era = y // 400
    yoe = y - era * 400
    mp = m - 3 if m > 2 else m + 9
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@njit(inline="always")
def real_day(y: int, m: int, d: int) -> bool:
    if m < 1 or m > 12 or d < 1:
        return False
    if m == 2:
        leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
        return d <= (29 if leap else 28)
    return d <= (30 if m in (4, 6, 9, 11) else 31)


@njit(inline="always")
def _plain18(data: Bytes, start: int) -> tuple[int, int, int, int, int, bool, bool]:
    """parse_one of a cell of exactly 17 ASCII digits and a digit or X/x."""
    s18 = 0
    id17 = 0
    for p in range(17):
        v = int(data[start + p]) - 48  # int(): plain Python (NUMBA_DISABLE_JIT) too
        s18 += v * _W[p]
        id17 = id17 * 10 + v
    last = int(data[start + 17])
    d17 = _X if last == 88 or last == 120 else last - 48
    zeroed = (d17 == 0 and data[start + 15] == 48 and data[start + 16] == 48)
    status, check, days = _verdict18((id17 // 1000) % 100000000, s18, d17, zeroed)
    if status != OK:
        return status, 0, 0, 0, 0, True, zeroed
    return OK, id17, check, days, 2 - (id17 % 10) % 2, True, zeroed


@njit(inline="always")
def _verdict18(date8: int, s18: int, d17: int, zeroed: bool) -> tuple[int, int, int]:
    """An 18-character number's (status, check, birth days) in parse_id's order: the
    embedded date YYYYMMDD (1800-2099, a real day), then the check character, a failing
    one on a 000 tail being a number cut to 15 digits."""
    year, month, day = date8 // 10000, (date8 // 100) % 100, date8 % 100
    if year < 1800 or year > 2099 or not real_day(year, month, day):
        return BAD_DATE, 0, 0
    check = (12 - s18 % 11) % 11
    if check != d17:
        return (CUT if zeroed else BAD_CHECK), 0, 0
    return OK, check, days_from_civil(year, month, day)


@njit(inline="always")
def _is_plain18(data: Bytes, start: int, end: int) -> bool:
    if end - start != 18:
        return False
    for p in range(17):
        if not 48 <= data[start + p] <= 57:
            return False
    last = data[start + 17]
    return 48 <= last <= 57 or last == 88 or last == 120


@njit(inline="always")
def parse_one(data: Bytes, start: int, end: int) -> tuple[int, int, int, int, int, bool, bool]:
    """(status, id17, check, birth days, sex, reference decides it, 18 digits ending 000)
    of one cell; the numbers are 0 unless the status is OK."""
    if _is_plain18(data, start, end):  # nearly every cell of a register
        return _plain18(data, start)
    count = 0
    plain = True  # only ASCII white space and [0-9Xx]: records.vector decides it
    x_early = False  # an X before the last place of an 18-character number
    s18 = 0
    s15 = _W15_CENTURY
    head = 0  # places 0-5
    tail = 0  # places 6-16
    date8 = 0  # places 6-13
    d14 = d15 = d16 = d17 = 0
    i = start
    while i < end:
        b = int(data[i])
        v = -1
        if b < 0x80:
            i += 1
            if _is_space(b):
                continue
            if 48 <= b <= 57:
                v = b - 48
            elif b == 88 or b == 120:
                v = _X
            else:
                return NOT_FAST, 0, 0, 0, 0, False, False
        else:
            plain = False
            if b == 0xC2 and i + 1 < end and data[i + 1] == 0xA0:
                i += 2
                continue
            if b == 0xE3 and i + 2 < end and data[i + 1] == 0x80 and data[i + 2] == 0x80:
                i += 3
                continue
            if b == 0xEF and i + 2 < end:
                b1, b2 = int(data[i + 1]), int(data[i + 2])
                if b1 == 0xBC and 0x90 <= b2 <= 0x99:
                    v = b2 - 0x90
                elif (b1 == 0xBC and b2 == 0xB8) or (b1 == 0xBD and b2 == 0x98):
                    v = _X
            if v < 0:
                return NOT_FAST, 0, 0, 0, 0, False, False
            i += 3
        p = count
        count += 1
        if p > 17:
            continue
        if v == _X:
            if p < 17:
                x_early = True
            d17 = v if p == 17 else d17
            continue
        if p < 17:
            s18 += v * _W[p]
        if p < 6:
            head = head * 10 + v
            s15 += v * _W15[p]
        elif p < 15:
            s15 += v * _W15[p]
        if 6 <= p <= 16:
            tail = tail * 10 + v
        if 6 <= p <= 13:
            date8 = date8 * 10 + v
        if p == 14:
            d14 = v
        elif p == 15:
            d15 = v
        elif p == 16:
            d16 = v
        elif p == 17:
            d17 = v
    fast = plain and (count == 15 or count == 18)
    if count == 0:
        return MISSING, 0, 0, 0, 0, fast, False
    if (count != 15 and count != 18) or x_early or (count == 15 and d17 == _X):
        return MALFORMED, 0, 0, 0, 0, fast, False
    zeroed = count == 18 and d15 == 0 and d16 == 0 and d17 == 0
    if count == 15:
        # The 1989 numbers: a 2-digit year of the 1900s, "19" goes in before it.
        yymmdd = date8 // 100
        year, month, day = 1900 + yymmdd // 10000, (yymmdd // 100) % 100, yymmdd % 100
        if not real_day(year, month, day):
            return BAD_DATE, 0, 0, 0, 0, fast, False
        id17 = head * _P11 + 19 * _P9 + tail
        check = (12 - s15 % 11) % 11
        sex = 2 - d14 % 2
        days = days_from_civil(year, month, day)
    else:
        status, check, days = _verdict18(date8, s18, d17, zeroed)
        if status != OK:
            return status, 0, 0, 0, 0, fast, zeroed
        id17 = head * _P11 + tail
        sex = 2 - d16 % 2
    return OK, id17, check, days, sex, fast, zeroed


@njit
def parse_range(offsets: Offsets, data: Bytes, status: npt.NDArray[np.uint8],
                id17: npt.NDArray[np.int64], check: npt.NDArray[np.uint8],
                birth_days: npt.NDArray[np.int32], sex: npt.NDArray[np.int8],
                fast: npt.NDArray[np.bool_], zeroed: npt.NDArray[np.bool_], lo: int,
                hi: int) -> None:
    """parse_one on rows lo..hi, into the per-row arrays."""
    for i in range(lo, hi):
        s, a, c, d, x, f, z = parse_one(data, offsets[i], offsets[i + 1])
        status[i], id17[i], check[i], birth_days[i], sex[i] = s, a, c, d, x
        fast[i], zeroed[i] = f, z


@njit(parallel=True)
def parse_rows(offsets: Offsets, data: Bytes, status: npt.NDArray[np.uint8],
               id17: npt.NDArray[np.int64], check: npt.NDArray[np.uint8],
               birth_days: npt.NDArray[np.int32], sex: npt.NDArray[np.int8],
               fast: npt.NDArray[np.bool_], zeroed: npt.NDArray[np.bool_],
               parts: int) -> None:
    # One serial call per part: loops inside a prange body compile to slower code
    # (measured 1.7 times the time of the same loop in a plain function).
    n = len(offsets) - 1
    for part in prange(parts):
        parse_range(offsets, data, status, id17, check, birth_days, sex, fast, zeroed,
                    n * part // parts, n * (part + 1) // parts)


@dataclass
class ParsedIds:
    """Per-row results of the ID kernel, NOT_FAST rows already decided by parse_id."""

    status: npt.NDArray[np.uint8]  # OK, a STATUS_CODES key, or a key of `extra`
    id17: npt.NDArray[np.int64]
    check: npt.NDArray[np.uint8]
    birth_days: npt.NDArray[np.int32]
    sex: npt.NDArray[np.int8]
    fast: npt.NDArray[np.bool_]  # records.vector decides it without parse_id
    zeroed: npt.NDArray[np.bool_]  # 18 digits ending in 000 (valid in the kernel's rows)
    slow: npt.NDArray[np.intp]  # the rows decided by parse_id
    codes: dict[int, tuple[str, str]]  # status → (code, variant)


def empty_parsed(n: int) -> ParsedIds:
    return ParsedIds(np.empty(n, np.uint8), np.empty(n, np.int64), np.empty(n, np.uint8),
                     np.empty(n, np.int32), np.empty(n, np.int8), np.empty(n, np.bool_),
                     np.empty(n, np.bool_), np.zeros(0, np.intp), dict(STATUS_CODES))


def parse_cells(values: Any) -> ParsedIds:
    """Run the kernel on a column, then parse_id once per distinct NOT_FAST value."""
    column = contiguous(values)
    offsets, data = string_buffers(column)
    out = empty_parsed(len(offsets) - 1)
    parse_rows(offsets, data, out.status, out.id17, out.check, out.birth_days, out.sex,
               out.fast, out.zeroed, numba.get_num_threads())
    resolve_slow(column, out)
    return out


def resolve_slow(column: Any, out: ParsedIds) -> None:
    """Decide the NOT_FAST cells of `column` (contiguous) with parse_id, once per value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    slow = np.flatnonzero(out.status == NOT_FAST)
    out.slow = slow
    if not len(slow):
        return
    taken = column.take(pa.array(slow))
    distinct = pc.unique(taken)
    which = np.asarray(pc.index_in(taken, value_set=distinct).to_numpy(zero_copy_only=False),
                       dtype=np.intp)
    by_code = {v: k for k, v in out.codes.items()}
    fields = np.zeros((len(distinct), 5), dtype=np.int64)
    for i, value in enumerate(distinct.to_pylist()):
        try:
            canonical = parse_id(value)
        except ParseError as exc:
            key = (exc.code, exc.variant)
            if key not in by_code:  # a code the kernel never gives itself
                by_code[key] = max(out.codes) + 1
                out.codes[by_code[key]] = key
            fields[i, 0] = by_code[key]
            continue
        fields[i, 1:] = (int(canonical[:17]), 10 if canonical[17] == "X" else int(canonical[17]),
                         to_days(id_birth_date(canonical)), id_sex(canonical))
    rows = fields[which]
    out.status[slow] = rows[:, 0]
    out.id17[slow], out.check[slow] = rows[:, 1], rows[:, 2]
    out.birth_days[slow], out.sex[slow] = rows[:, 3], rows[:, 4]
    out.zeroed[slow] = False  # unknown here: checks.excel_damage decides those cells


def error_column(parsed: ParsedIds) -> tuple[npt.NDArray[np.int16], list[str], list[str]]:
    """(err, codes, variants) numbered as records.vector.parse_ids numbers them."""
    order: list[int] = [s for s in REFERENCE_FAST if (parsed.fast & (parsed.status == s)).any()]
    failed_slow = np.flatnonzero(~parsed.fast & (parsed.status != OK))
    if len(failed_slow):
        statuses, first = np.unique(parsed.status[failed_slow], return_index=True)
        for s in statuses[np.argsort(first)]:
            if int(s) not in order:
                order.append(int(s))
    lut = np.zeros(max(parsed.codes) + 1, dtype=np.int16)
    for number, s in enumerate(order, 1):
        lut[s] = number
    err = lut[parsed.status]
    return (err, [parsed.codes[s][0] for s in order], [parsed.codes[s][1] for s in order])


def parse_ids_kernel(values: Any) -> IdColumn:
    """`records.vector.parse_ids` on the kernel: the same IdColumn, field by field."""
    parsed = parse_cells(values)
    err, codes, variants = error_column(parsed)
    return IdColumn(parsed.id17, parsed.check, parsed.birth_days, parsed.sex, err, codes,
                    variants)
