"""The two parallel passes over a births batch. `scan` parses every mother's ID and
looks every other cell up in its column's dictionary; then (after Python has decided
the new entries and the IDs left to parse_id) the fused `row_pass` turns the parsed ID
and the entry ids into per-row values and a flag mask.

Flag bits (docs/kernel.md has the table): the low bits are errors (the row goes to the
Pydantic path for its messages), the bits from WARNING_SHIFT on are the warnings of
`checks.births._warnings`, numbered in the order that function sorts a row's warnings
(by code), so reading a row's bits upwards gives its findings in the reference order.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from jisheng_cli.kernel.buffers import Bytes, Offsets
from jisheng_cli.kernel.dictionary import look_up
from jisheng_cli.kernel.ids import OK, parse_range
from jisheng_cli.kernel.jit import njit, prange

# Columns of the dictionary id matrix (rows of `entry_ids`).
VILLAGE_CODE, VILLAGE_NAME, TOWNSHIP_NAME, CHILD_DATE, REPORT_DATE = 0, 1, 2, 3, 4
SEX, ORDER, POLICY, RESIDENCE = 5, 6, 7, 8
N_COLUMNS = 9

# Error bits: which check failed.
E_VILLAGE_CODE = 1 << 0
E_VILLAGE_NAME = 1 << 1
E_TOWNSHIP_NAME = 1 << 2
E_MOTHER_ID = 1 << 3
E_CHILD_DATE = 1 << 4
E_CHILD_DATE_RANGE = 1 << 5
E_REPORT_DATE = 1 << 6
E_REPORT_DATE_RANGE = 1 << 7
E_SEX = 1 << 8
E_ORDER = 1 << 9
E_POLICY = 1 << 10
ERRORS = (1 << 11) - 1

# Warning bits, in the order of their codes (checks.births._warnings sorts by code).
WARNING_SHIFT = 16
WARNING_CODES = ("first_birth_out_of_policy", "id_maybe_precision_lost",
                 "mother_age_implausible", "mother_id_male", "unknown_residence_code")
W_FIRST_BIRTH, W_ID_MAYBE_CUT, W_MOTHER_AGE, W_MALE_ID, W_RESIDENCE = (
    1 << (WARNING_SHIFT + k) for k in range(len(WARNING_CODES)))
WARNINGS = ((1 << len(WARNING_CODES)) - 1) << WARNING_SHIFT

NO_DAY = np.iinfo(np.int32).min  # = checks.common.NO_DAY (not imported: no pyarrow here)
MIN_MOTHER_AGE, MAX_MOTHER_AGE = 15, 50  # warned below 15 and from 50 on


@njit(inline="always")
def civil_from_days(z: int) -> tuple[int, int, int]:
    """(year, month, day) of days since 1970-01-01 (Hinnant's algorithm)."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d


@njit(inline="always")
def completed_years(born: int, on: int) -> int:
    by, bm, bd = civil_from_days(born)
    y, m, d = civil_from_days(on)
    return y - by - (1 if m * 32 + d < bm * 32 + bd else 0)


Tables = tuple[npt.NDArray[np.int32], ...]  # one array per column, N_COLUMNS of them


@njit
def _scan_part(id_offsets: Offsets, id_data: Bytes, status: npt.NDArray[np.uint8],
               id17: npt.NDArray[np.int64], check: npt.NDArray[np.uint8],
               birth_days: npt.NDArray[np.int32], id_sex: npt.NDArray[np.int8],
               fast: npt.NDArray[np.bool_], zeroed: npt.NDArray[np.bool_],
               present: npt.NDArray[np.bool_], offsets: tuple[Offsets, ...],
               data: tuple[Bytes, ...], slots: Tables,
               hashes: tuple[npt.NDArray[np.int64], ...], estarts: tuple[Offsets, ...],
               edata: tuple[Bytes, ...], entry_ids: npt.NDArray[np.int32], lo: int,
               hi: int) -> None:
    parse_range(id_offsets, id_data, status, id17, check, birth_days, id_sex, fast, zeroed,
                lo, hi)
    for col in range(N_COLUMNS):
        if present[col]:
            look_up(offsets[col], data[col], slots[col], hashes[col], estarts[col],
                    edata[col], entry_ids[col], lo, hi)
        else:
            entry_ids[col, lo:hi] = 0


@njit(parallel=True)
def scan(id_offsets: Offsets, id_data: Bytes, status: npt.NDArray[np.uint8],
         id17: npt.NDArray[np.int64], check: npt.NDArray[np.uint8],
         birth_days: npt.NDArray[np.int32], id_sex: npt.NDArray[np.int8],
         fast: npt.NDArray[np.bool_], zeroed: npt.NDArray[np.bool_],
         present: npt.NDArray[np.bool_], offsets: tuple[Offsets, ...],
         data: tuple[Bytes, ...], slots: Tables, hashes: tuple[npt.NDArray[np.int64], ...],
         estarts: tuple[Offsets, ...], edata: tuple[Bytes, ...],
         entry_ids: npt.NDArray[np.int32], parts: int) -> None:
    """The first pass, one parallel region: each row's ID parsed and each column's cell
    looked up in its dictionary (EMPTY_SLOT where it is new; absent columns: entry 0).

    Each part of the rows is one serial call (loops inside a prange body compile to
    slower code: 1.7 times the time measured), which takes every column's arrays out of
    the tuples once."""
    n = len(status)
    for part in prange(parts):
        _scan_part(id_offsets, id_data, status, id17, check, birth_days, id_sex, fast,
                   zeroed, present, offsets, data, slots, hashes, estarts, edata, entry_ids,
                   n * part // parts, n * (part + 1) // parts)


@njit
def _row_part(id_status: npt.NDArray[np.uint8], id_birth: npt.NDArray[np.int32],
             id_sex: npt.NDArray[np.int8], zeroed: npt.NDArray[np.bool_],
             ids_as_numbers: bool, entry_ids: npt.NDArray[np.int32],
             base: npt.NDArray[np.int64], failed: npt.NDArray[np.bool_],
             value: npt.NDArray[np.int64], lo_day: int, hi_day: int,
             flags: npt.NDArray[np.uint32], child_days: npt.NDArray[np.int32],
             report_days: npt.NDArray[np.int32], sex: npt.NDArray[np.int8],
             order: npt.NDArray[np.int8], policy: npt.NDArray[np.int8], lo: int,
             hi: int) -> None:
    for i in range(lo, hi):
        f = 0
        k0 = base[VILLAGE_CODE] + entry_ids[VILLAGE_CODE, i]
        k1 = base[VILLAGE_NAME] + entry_ids[VILLAGE_NAME, i]
        k2 = base[TOWNSHIP_NAME] + entry_ids[TOWNSHIP_NAME, i]
        k3 = base[CHILD_DATE] + entry_ids[CHILD_DATE, i]
        k4 = base[REPORT_DATE] + entry_ids[REPORT_DATE, i]
        k5 = base[SEX] + entry_ids[SEX, i]
        k6 = base[ORDER] + entry_ids[ORDER, i]
        k7 = base[POLICY] + entry_ids[POLICY, i]
        k8 = base[RESIDENCE] + entry_ids[RESIDENCE, i]
        if failed[k0]:
            f |= E_VILLAGE_CODE
        if failed[k1]:
            f |= E_VILLAGE_NAME
        if failed[k2]:
            f |= E_TOWNSHIP_NAME
        id_ok = id_status[i] == OK
        if not id_ok:
            f |= E_MOTHER_ID
        cd = value[k3]
        if failed[k3]:
            f |= E_CHILD_DATE
        elif cd != NO_DAY and (cd < lo_day or cd > hi_day):
            f |= E_CHILD_DATE_RANGE
        rd = value[k4]
        if failed[k4]:
            f |= E_REPORT_DATE
        elif rd != NO_DAY and (rd < lo_day or rd > hi_day):
            f |= E_REPORT_DATE_RANGE
        if failed[k5]:
            f |= E_SEX
        if failed[k6]:
            f |= E_ORDER
        if failed[k7]:
            f |= E_POLICY
        o, p = value[k6], value[k7]
        if o == 1 and p == 0:
            f |= W_FIRST_BIRTH
        if id_ok:
            if ids_as_numbers and zeroed[i]:
                f |= W_ID_MAYBE_CUT
            if cd != NO_DAY and not failed[k3]:
                age = completed_years(id_birth[i], cd)
                if age < MIN_MOTHER_AGE or age >= MAX_MOTHER_AGE:
                    f |= W_MOTHER_AGE
            if id_sex[i] == 1:
                f |= W_MALE_ID
        if failed[k8]:
            f |= W_RESIDENCE
        flags[i] = f
        child_days[i], report_days[i] = cd, rd
        sex[i], order[i], policy[i] = value[k5], o, p


@njit(parallel=True)
def row_pass(id_status: npt.NDArray[np.uint8], id_birth: npt.NDArray[np.int32],
             id_sex: npt.NDArray[np.int8], zeroed: npt.NDArray[np.bool_],
             ids_as_numbers: bool, entry_ids: npt.NDArray[np.int32],
             base: npt.NDArray[np.int64], failed: npt.NDArray[np.bool_],
             value: npt.NDArray[np.int64], lo_day: int, hi_day: int,
             flags: npt.NDArray[np.uint32], child_days: npt.NDArray[np.int32],
             report_days: npt.NDArray[np.int32], sex: npt.NDArray[np.int8],
             order: npt.NDArray[np.int8], policy: npt.NDArray[np.int8], parts: int) -> None:
    """Every row's values and flag bits (the table in the module's docstring)."""
    n = len(id_status)
    for part in prange(parts):
        _row_part(id_status, id_birth, id_sex, zeroed, ids_as_numbers, entry_ids, base,
                  failed, value, lo_day, hi_day, flags, child_days, report_days, sex, order,
                  policy, n * part // parts, n * (part + 1) // parts)
