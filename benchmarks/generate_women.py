"""Generate a large synthetic women's register (育龄妇女信息) for the benchmarks.

    python benchmarks/generate_women.py --rows 10000000 --out benchmarks/data/women.csv
    python benchmarks/generate_women.py --rows 2000 --out women.csv --check  # + counts

The county is generate.py's (the same villages for the same seed, the same ID helpers
with real check characters); the women are born 1960-2000, so at S = 2012-09-30 some are
below 15 or above 49 (outside the stock). Every date is at most 2012-09-30, the benchmark
runs `--year 2012 --as-of 2026-11-22`. Codes use the spellings the checks accept, dates
are mostly ISO with some 2012/3/5 and 2012年3月5日. About 0.5% of rows repeat an earlier
woman with another 信息截止日期, and a small share carries one defect each (a wrong check
character, a male ID, the unknown method 待定, a method date after --as-of); repeats and
the rows they repeat carry none, so each defect is one rejected row and each repeat one
duplicate. `generate` returns those counts (`Expected`); `--check` prints them as JSON.

Like generate.py: numpy columns joined by Arrow kernels, one chunk at a time (flat
memory), each chunk drawing from its own generator seeded by (seed, chunk number).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

# Beside this script (python benchmarks/generate_women.py puts this folder on the path).
from generate import (
    CHECK_CHARS,
    COUNTIES,
    DEFAULT_SEED,
    GIVEN,
    OTHER_AREAS,
    SURNAMES,
    Geography,
    SequenceCounter,
    _array_bytes,
    _duplicate_sources,
    _join,
    _rows,
    _str,
    _styled_dates,
    _ymd,
    build_geography,
    check_digits,
)

DEFAULT_ROWS = 10_000_000
CHUNK_ROWS = 500_000

HEADER = [
    "身份证号", "姓名", "统计用区划代码", "乡镇(街道)", "村(居)委会", "婚姻状况", "结婚日期",
    "现有子女数", "节育措施", "丈夫节育措施", "措施落实日期", "未避孕原因", "人口类别",
    "重点对象", "婚育证明办证日期", "婚育证明查验日期", "最近联系日期", "环孕检日期", "出队日期",
    "信息截止日期",
]  # fmt: skip


def _day(iso: str) -> int:
    return int(np.datetime64(iso, "D").astype(np.int64))


BORN_FIRST, BORN_LAST = _day("1960-01-01"), _day("2000-12-31")
S = _day("2012-09-30")  # the stock date of --year 2012: no date of a valid row is later
YEAR = 365.2425
FUTURE_DATE = "2027-03-08"  # after the benchmark's --as-of 2026-11-22

# The cells as written, with their shares. Married (20-23 and the names 已婚, 初婚) women
# are three quarters of the register.
MARITAL = ["10", "20", "21", "22", "23", "30", "40", "已婚", "初婚", "离婚"]
MARITAL_P = [0.10, 0.38, 0.25, 0.06, 0.01, 0.02, 0.03, 0.08, 0.05, 0.02]
MARRIED_CELLS = np.array([1, 2, 3, 4, 7, 8])
UNMARRIED = 0
# Her method; the last choice is an empty cell of hers with 男扎 in her husband's.
METHODS = ["男扎", "女扎", "上环", "皮埋", "口服药", "避孕针", "避孕套", "外用药", "其他", "无", ""]
METHOD_P = [0.01, 0.31, 0.42, 0.024, 0.013, 0.006, 0.09, 0.004, 0.004, 0.099, 0.02]
NONE, HUSBAND_ONLY = 9, 10
STERILISED, SHORT_ACTING = [0, 1, 10], [4, 5, 6, 7, 8]
# A married non-user's reason (or none); 绝经 goes to those born before 1968 instead.
REASONS = ["", "现孕", "产后", "待孕", "不孕", "绝经"]
REASON_P = [0.30, 0.21, 0.18, 0.18, 0.13]
MENOPAUSE, MENOPAUSE_BORN_BEFORE = 5, _day("1968-01-01")
RESIDENCES = ["常住", "流出", "流入"]
RESIDENCE_P = [0.85, 0.10, 0.05]
OUTFLOW, INFLOW = 1, 2
SHARE_KEY_TARGET = 0.10
SHARE_EXITED = 0.01
DATE_STYLE_P = [0.96, 0.02, 0.02]  # generate._styled_dates' ISO, 2012/3/5, 2012年3月5日

# One defect per row at most (none on repeats or the rows they repeat).
DEFECTS = ("bad_check", "male_id", "unknown_method", "future_date")
DEFECT_P = [0.003, 0.002, 0.002, 0.002]


@dataclass
class Expected:
    """What the generator built in: what jisheng must find in the file."""

    rows: int = 0
    women: int = 0  # distinct women (woman IDs as written)
    repeated: int = 0  # rows repeating an earlier woman: `duplicate`, variant woman
    bad_check: int = 0  # id_check_digit
    male_id: int = 0  # woman_id_male
    unknown_method: int = 0  # 待定: unknown_method_code
    future_date: int = 0  # a method date after --as-of

    @property
    def rejected(self) -> int:
        return self.bad_check + self.male_id + self.unknown_method + self.future_date

    def add(self, other: Expected) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def _cells(choices: list[str], index: npt.NDArray[np.int64]) -> pa.Array:
    return pa.array(choices).take(pa.array(index))


def _between(rng: np.random.Generator, low: npt.NDArray[np.int64], high: npt.NDArray[np.int64]
             ) -> npt.NDArray[np.int64]:
    """A day uniformly in [low, high] (high ≥ low)."""
    return low + (rng.random(len(low)) * (high - low + 1)).astype(np.int64)


def _dates(rng: np.random.Generator, days: npt.NDArray[np.int64], shown: npt.NDArray[np.bool_]
           ) -> pa.Array:
    """The days as text in the accepted styles; empty where not `shown`."""
    style = rng.choice(len(DATE_STYLE_P), size=len(days), p=DATE_STYLE_P)
    text = _styled_dates(np.where(shown, days, S), style)
    return pc.if_else(pa.array(~shown), "", text)


def build_chunk(rng: np.random.Generator, n: int, geo: Geography, seq: SequenceCounter
                ) -> tuple[pa.Array, Expected]:
    """n CSV lines (each ending in a newline) and what they hold."""
    village = rng.choice(len(geo.weight), size=n, p=geo.weight)
    residence = rng.choice(len(RESIDENCES), size=n, p=RESIDENCE_P)
    # An inflow woman's ID was issued elsewhere; the others' by their village's county.
    area = np.where(residence == INFLOW, len(COUNTIES) + rng.integers(0, len(OTHER_AREAS), n),
                    geo.county_index[village])
    born = rng.integers(BORN_FIRST, BORN_LAST + 1, size=n)
    area_code = np.array(COUNTIES + OTHER_AREAS, dtype=np.int64)[area]
    y, m, d = _ymd(born)
    id17 = area_code * 10**11 + (y * 10_000 + m * 100 + d) * 1_000 + seq.take(area, born)

    marital = rng.choice(len(MARITAL), size=n, p=MARITAL_P)
    # No marriage before 20: younger women are 未婚 whatever was drawn.
    earliest = born + int(20 * YEAR)
    marital = np.where(earliest > S, UNMARRIED, marital)
    married = np.isin(marital, MARRIED_CELLS)
    marriage = earliest + (rng.random(n) * np.minimum(int(12 * YEAR), S - earliest)).astype(
        np.int64)
    method = np.where(married, rng.choice(len(METHODS), size=n, p=METHOD_P), NONE)
    user = married & (method != NONE)
    sterilised = np.isin(method, STERILISED)
    method_day = _between(rng, np.minimum(marriage, S), np.full(n, S))
    # Pills and condoms are often written without a date.
    method_dated = user & ~(np.isin(method, SHORT_ACTING) & (rng.random(n) < 0.3))
    reason = rng.choice(len(REASON_P), size=n, p=REASON_P)
    reason = np.where(born < MENOPAUSE_BORN_BEFORE, np.where(rng.random(n) < 0.5, MENOPAUSE,
                                                             reason), reason)
    reason = np.where(married & (method == NONE), reason, 0)
    children = np.where(marital > UNMARRIED, rng.choice(4, size=n, p=[0.08, 0.52, 0.36, 0.04]), 0)
    children = np.where(sterilised, np.maximum(children, 1), children)  # no childless
    key_target = rng.random(n) < SHARE_KEY_TARGET

    window = np.full(n, S - 364)  # the 12 months ending at S
    checked = married & np.where(sterilised, rng.random(n) < 0.3, rng.random(n) < 0.95)
    check_day = _between(rng, window, np.full(n, S))
    outflow, inflow = married & (residence == OUTFLOW), married & (residence == INFLOW)
    certificate = outflow & (rng.random(n) < 0.97)
    certificate_day = _between(rng, np.minimum(marriage, S), np.full(n, S))
    certificate_checked = inflow & (rng.random(n) < 0.96)
    certificate_check_day = _between(rng, np.full(n, S - int(3 * YEAR)), np.full(n, S))
    contacted = residence == OUTFLOW
    recent = rng.random(n) < 0.95
    contact_day = _between(rng, np.where(recent, S - 364, S - 730), np.where(recent, S, S - 365))
    exited = rng.random(n) < SHARE_EXITED
    exit_day = _between(rng, np.full(n, S - 1000), np.full(n, S))
    record_day = _between(rng, np.full(n, S - 300), np.full(n, S))

    surname = rng.integers(0, len(SURNAMES), size=n)
    given1 = rng.integers(0, len(GIVEN), size=n)
    given2 = rng.integers(0, len(GIVEN) * 3 // 2, size=n)  # a third have one-character names
    check = check_digits(id17)
    wrong_check = (check + rng.integers(1, 11, size=n)) % 11
    defect = rng.choice(len(DEFECTS) + 1, size=n, p=[1 - sum(DEFECT_P), *DEFECT_P]) - 1
    record_shift = rng.integers(1, 121, size=n) * rng.choice([-1, 1], size=n)

    source = _duplicate_sources(rng, n)
    repeat = source != np.arange(n)
    defect[repeat | np.isin(np.arange(n), source[repeat])] = -1
    # A repeat is its original's row but for the record date (its own is kept or not).
    (village, residence, area_code, id17, check, wrong_check, marital, marriage, married,
     method, method_day, method_dated, reason, children, key_target, checked, check_day,
     certificate, certificate_day, certificate_checked, certificate_check_day, contacted,
     contact_day, exited, exit_day, surname, given1, given2) = (
        _rows(a, source) for a in (
            village, residence, area_code, id17, check, wrong_check, marital, marriage, married,
            method, method_day, method_dated, reason, children, key_target, checked, check_day,
            certificate, certificate_day, certificate_checked, certificate_check_day,
            contacted, contact_day, exited, exit_day, surname, given1, given2))  # fmt: skip
    shifted = record_day[source] + record_shift
    shifted = np.where(shifted > S, record_day[source] - np.abs(record_shift), shifted)
    record_day = np.where(repeat, shifted, record_day)

    male = defect == DEFECTS.index("male_id")
    id17 = id17 + male  # digit 17 even → odd: a man's number, never a woman's
    check = np.where(male, check_digits(id17), check)
    shown_check = np.where(defect == DEFECTS.index("bad_check"), wrong_check, check)
    woman_id = _join(_str(id17), CHECK_CHARS.take(pa.array(shown_check)))
    name = _join(_cells(SURNAMES, surname), _cells(GIVEN, given1),
                 _cells(GIVEN + [""] * (len(GIVEN) // 2), given2))
    her = pc.if_else(pa.array(defect == DEFECTS.index("unknown_method")), "待定",
                     _cells(METHODS, method))
    his = pc.if_else(pa.array(method == HUSBAND_ONLY), "男扎", "")
    method_date = pc.if_else(pa.array(defect == DEFECTS.index("future_date")), FUTURE_DATE,
                             _dates(rng, method_day, method_dated))
    columns = [
        woman_id, name, geo.village_code.take(pa.array(village)),
        geo.township_name.take(pa.array(village)), geo.village_name.take(pa.array(village)),
        _cells(MARITAL, marital), _dates(rng, marriage, marital > UNMARRIED), _str(children),
        her, his, method_date, _cells(REASONS, reason), _cells(RESIDENCES, residence),
        pc.if_else(pa.array(key_target), "是", "否"),
        _dates(rng, certificate_day, certificate),
        _dates(rng, certificate_check_day, certificate_checked),
        _dates(rng, contact_day, contacted), _dates(rng, check_day, checked),
        _dates(rng, exit_day, exited), _dates(rng, record_day, np.ones(n, dtype=bool)),
    ]  # fmt: skip
    line = pc.binary_join_element_wise(*columns, ",")
    expected = Expected(rows=n, women=n - int(repeat.sum()), repeated=int(repeat.sum()),
                        **{k: int((defect == i).sum()) for i, k in enumerate(DEFECTS)})
    return pc.binary_join_element_wise(line, "", "\n"), expected


def generate(rows: int, out: Path, seed: int = DEFAULT_SEED, chunk_rows: int = CHUNK_ROWS
             ) -> Expected:
    """Write the register to `out` (through a temporary file, so a partial file never
    stays); what it holds."""
    geo = build_geography(seed)
    seq = SequenceCounter(BORN_FIRST, BORN_LAST - BORN_FIRST + 1)
    expected = Expected()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "wb") as f:
        f.write((",".join(HEADER) + "\n").encode("utf-8"))
        for k, first in enumerate(range(0, rows, chunk_rows)):
            rng = np.random.default_rng([seed, 0x3A3E, k])
            lines, counts = build_chunk(rng, min(chunk_rows, rows - first), geo, seq)
            f.write(_array_bytes(lines))
            expected.add(counts)
    os.replace(tmp, out)
    return expected


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int,
                        default=int(os.environ.get("BENCH_WOMEN_ROWS", DEFAULT_ROWS)))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--check", action="store_true",
                        help="print the counts built in (rows, women, defects) as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    expected = generate(args.rows, args.out, args.seed)
    took = time.perf_counter() - started
    size = args.out.stat().st_size / 2**20
    print(f"{args.out}: {args.rows:,} rows, {size:,.0f} MiB, {took:.1f} s", file=sys.stderr)
    if args.check:
        print(json.dumps(asdict(expected) | {"rejected": expected.rejected}))


if __name__ == "__main__":
    main()
