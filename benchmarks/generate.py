"""Generate a large synthetic births register (出生登记) for the benchmarks.

    python benchmarks/generate.py --rows 10000000 --out benchmarks/data/births.csv

The file looks like a county export: the Chinese header of ``sample_data/births.csv``,
about 2,000 villages in 150 townships of 15 Hubei counties, mostly ISO dates with the
other accepted styles mixed in, and the defects real registers carry at realistic
shares (wrong check digits, IDs mangled into scientific notation by Excel, impossible
dates, empty required cells, exact duplicate rows).

Speed and memory: columns are built with numpy and joined into lines by Arrow compute
kernels, one chunk of ``CHUNK_ROWS`` rows at a time, so 10 million rows take well under
a minute and memory stays flat whatever the row count. The output is deterministic for
a given (rows, seed): every chunk draws from its own generator seeded by (seed, chunk
number), and the only state carried between chunks is the ID-sequence counter table.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

DEFAULT_ROWS = 10_000_000
DEFAULT_SEED = 20231001
CHUNK_ROWS = 500_000

HEADER = [
    "序号",
    "统计用区划代码",
    "乡镇(街道)",
    "村(居)委会",
    "母亲姓名",
    "母亲身份证号",
    "婴儿出生日期",
    "婴儿性别",
    "孩次",
    "政策属性",
    "上报日期",
    "户籍性质",
]

# Real county-level codes of Yichang (宜昌) and Xiangyang (襄阳), Hubei.
COUNTIES = [
    "420502", "420503", "420504", "420505", "420506", "420525", "420526", "420527",
    "420528", "420529", "420581", "420582", "420583", "420624", "420625",
]  # fmt: skip
TOWNSHIPS_PER_COUNTY = 10
N_VILLAGES = 2_000

# Mothers registered as 流入 (inflow) hold IDs issued elsewhere: other Hubei prefectures
# and neighbouring provinces.
OTHER_AREAS = [
    "420102", "420106", "420111", "420202", "420302", "420322", "420602", "420682",
    "420702", "420802", "420881", "420902", "420921", "420982", "421002", "421081",
    "421087", "421102", "421122", "421127", "421202", "421221", "421281", "421302",
    "421321", "422801", "422802", "422822", "422823", "429004", "429005", "429006",
    "500101", "500230", "500235", "500236", "500237", "500238", "430602", "430626",
    "430702", "430721", "431102", "431121", "411302", "411321", "411381", "411523",
    "360402", "360403", "340802", "340822", "610902", "610921", "612401", "612425",
]  # fmt: skip
AREAS = COUNTIES + OTHER_AREAS

# Statistical years 2019..2023 run from 2018-10-01 to 2023-09-30.
FIRST_DAY = int(np.datetime64("2018-10-01", "D").astype(np.int64))
LAST_DAY = int(np.datetime64("2023-09-30", "D").astype(np.int64))
# Mothers aged 18-45 at those births were born between these days (with a margin).
MOTHER_FIRST_DAY = int(np.datetime64("1972-01-01", "D").astype(np.int64))
MOTHER_DAYS = int(np.datetime64("2006-01-01", "D").astype(np.int64)) - MOTHER_FIRST_DAY
EXCEL_EPOCH_OFFSET = 25_569  # Excel serial of 1970-01-01 (1900 date system)

# Share of rows; each defect is drawn independently on non-duplicate rows.
SHARE_LEGACY_ID = 0.005
SHARE_BAD_CHECK = 0.003
SHARE_SCIENTIFIC = 0.001
SHARE_BAD_DATE = 0.001
SHARE_EMPTY = 0.0005
SHARE_DUPLICATE = 0.005
SHARE_INFLOW = 0.15
SHARE_MALE = 0.52
SHARE_NUMERIC_SEX = 0.10

# Birth order 1..5 and the chance that a birth of that order is out of policy: first
# births are almost always in policy, third and later births mostly not (~5% overall).
ORDER_P = np.array([0.52, 0.42, 0.05, 0.008, 0.002])
OUT_OF_POLICY_P = np.array([0.003, 0.04, 0.5, 0.8, 0.9])

# Birth-date styles other than ISO (~5% together), in docs/data.md's accepted forms.
STYLE_P = np.array([0.95, 0.015, 0.015, 0.01, 0.01])  # iso, slash, chinese, compact, serial

# Day numbers that do not exist in their month: 2021-02-30 and the like.
IMPOSSIBLE_MONTH_DAY = ["02-30", "02-31", "04-31", "06-31", "09-31", "11-31"]

WEIGHTS = np.array([pow(2, 17 - i, 11) for i in range(17)], dtype=np.int64)
POW10 = 10 ** np.arange(16, -1, -1, dtype=np.int64)
CHECK_CHARS = pa.array(list("0123456789X"))

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
)
GIVEN = list(
    "芳娟敏静丽艳娜秀英华慧巧美娇霞燕玲桂丹萍红琴云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉兰凤洁"
    "梅琳素云莲婷倩蓉露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽"
)
PLACE = list(
    "鸣凤花林旧县洋坪茅场嫘祖河口鹿苑咸宁白果东门西南新城桥湾岭坡溪沟坝岗冲垭山水田家庄畈堰塘"
    "龙虎马牛青黄红石柳杨梅竹松柏桃李金银铜铁高中下上平安和兴隆福寿长乐永宝丰盛泰康宁"
)


@dataclass(frozen=True)
class Geography:
    """The villages: codes and names, and how many births each gets relative to others."""

    village_code: pa.Array
    village_name: pa.Array
    township_name: pa.Array
    county_index: npt.NDArray[np.int64]
    weight: npt.NDArray[np.float64]


def _place_names(rng: np.random.Generator, n: int, suffixes: list[str]) -> list[str]:
    """n distinct two-character place names, each with one of the suffixes."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        a, b = rng.choice(len(PLACE), size=2, replace=False)
        name = PLACE[a] + PLACE[b] + suffixes[int(rng.integers(len(suffixes)))]
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def build_geography(seed: int) -> Geography:
    """~2,000 villages in 150 townships of 15 counties, with NBS-shaped 12-digit codes."""
    rng = np.random.default_rng([seed, 0xC0DE])
    n_townships = len(COUNTIES) * TOWNSHIPS_PER_COUNTY
    # Villages per township vary (8..20) but add up to N_VILLAGES exactly.
    per_township = rng.multinomial(N_VILLAGES - 8 * n_townships, np.ones(n_townships) / n_townships)
    per_township = np.minimum(per_township + 8, 99)
    township_names = _place_names(rng, n_townships, ["镇", "镇", "镇", "乡", "街道"])
    codes: list[str] = []
    villages: list[str] = []
    townships: list[str] = []
    county_index: list[int] = []
    for t in range(n_townships):
        county = t // TOWNSHIPS_PER_COUNTY
        # NBS numbering: 街道 0xx, 镇 1xx, 乡 2xx; 居委会 0xx, 村委会 2xx.
        kind = township_names[t][-1]
        base = {"道": 1, "镇": 100, "乡": 200}[kind]
        township_code = f"{COUNTIES[county]}{base + t % TOWNSHIPS_PER_COUNTY:03d}"
        k = int(per_township[t])
        n_communities = max(1, k // 5)
        names = _place_names(rng, k, ["村"])
        for v in range(k):
            if v < n_communities:
                code, name = f"{township_code}{v + 1:03d}", names[v][:-1] + "社区"
            else:
                code, name = f"{township_code}{200 + v - n_communities + 1:03d}", names[v]
            codes.append(code)
            villages.append(name)
            townships.append(township_names[t])
            county_index.append(county)
    # Village sizes are skewed: a town's seat has many times the births of a hill village.
    weight = rng.lognormal(0.0, 0.6, size=len(codes))
    return Geography(
        pa.array(codes),
        pa.array(villages),
        pa.array(townships),
        np.array(county_index, dtype=np.int64),
        weight / weight.sum(),
    )


class SequenceCounter:
    """Hands out the 3-digit sequence part of ID numbers so that no two mothers share one.

    Real ID numbers are unique per (area, birth date, sequence). Random sequences would
    make tens of thousands of "same mother, two births 3 months apart" pairs in 10M rows,
    which real registers do not have and which would load jisheng with spurious warnings.
    Counting per (area, birth day) across chunks keeps them unique up to 500 mothers per
    area and day (digit 17 must be even), far above what 10M rows need.
    """

    def __init__(self, first_day: int = MOTHER_FIRST_DAY, days: int = MOTHER_DAYS) -> None:
        self.first_day, self.days = first_day, days  # the birth days IDs may carry
        self.used = np.zeros(len(AREAS) * days, dtype=np.int32)

    def take(
        self, area: npt.NDArray[np.int64], day: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int64]:
        group = area * self.days + (day - self.first_day)
        order = np.argsort(group, kind="stable")
        sorted_group = group[order]
        starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])
        run = np.repeat(starts, np.diff(np.r_[starts, len(group)]))
        rank = np.empty(len(group), dtype=np.int64)
        rank[order] = np.arange(len(group)) - run
        serial = self.used[group] + rank
        np.add.at(self.used, group, 1)
        # A fixed bijection of 0..499 per group, so sequences do not all start at 000.
        s = (serial * 193 + group * 37) % 500
        return (s // 5) * 10 + (s % 5) * 2  # digits 15-16, then an even digit 17


def check_digits(id17: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """ISO 7064 MOD 11-2 check values (10 = 'X') of 17-digit integers."""
    total = np.zeros(len(id17), dtype=np.int64)
    for j in range(17):
        total += (id17 // POW10[j]) % 10 * WEIGHTS[j]
    return (12 - total % 11) % 11


def _str(values: npt.NDArray[np.int64]) -> pa.Array:
    return pc.cast(pa.array(values), pa.string())


def _pad2(values: npt.NDArray[np.int64]) -> pa.Array:
    return pc.utf8_lpad(_str(values), 2, "0")


def _join(*parts: pa.Array | str) -> pa.Array:
    """Concatenate string arrays (and literal strings) element-wise."""
    return pc.binary_join_element_wise(*parts, "")


def _overlay(base: pa.Array, positions: npt.NDArray[np.int64], values: pa.Array) -> pa.Array:
    """base with base[positions[i]] replaced by values[i] (one Arrow take, no Python loop)."""
    if len(positions) == 0:
        return base
    index = np.arange(len(base), dtype=np.int64)
    index[positions] = len(base) + np.arange(len(positions))
    return pa.concat_arrays([base, values.cast(base.type)]).take(pa.array(index))


def _ymd(days: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], ...]:
    d = days.astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    years = d.astype("datetime64[Y]")
    y = years.astype(np.int64) + 1970
    m = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    day = (d - months).astype(np.int64) + 1
    return y, m, day


def _iso(days: npt.NDArray[np.int64]) -> pa.Array:
    return pc.cast(pa.array(days.astype(np.int32), type=pa.date32()), pa.string())


def _styled_dates(days: npt.NDArray[np.int64], style: npt.NDArray[np.int64]) -> pa.Array:
    """Dates as text: ISO, 2021/3/5, 2021年3月5日, 20210305 or an Excel serial."""
    out = _iso(days)
    for code in range(1, 5):
        pos = np.flatnonzero(style == code)
        if len(pos) == 0:
            continue
        y, m, d = _ymd(days[pos])
        if code == 1:
            text = _join(_str(y), "/", _str(m), "/", _str(d))
        elif code == 2:
            text = _join(_str(y), "年", _str(m), "月", _str(d), "日")
        elif code == 3:
            text = _str(y * 10_000 + m * 100 + d)
        else:
            text = _str(days[pos] + EXCEL_EPOCH_OFFSET)
        out = _overlay(out, pos, text)
    return out


def _rows(values: npt.NDArray[Any], index: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
    return values[index]


def _duplicate_sources(rng: np.random.Generator, n: int) -> npt.NDArray[np.int64]:
    """Row i of the chunk shows row source[i]: itself, or for ~0.5% an earlier original."""
    source = np.arange(n, dtype=np.int64)
    is_dup = rng.random(n) < SHARE_DUPLICATE
    is_dup[0] = False
    dups = np.flatnonzero(is_dup)
    originals = np.flatnonzero(~is_dup)
    # Copy an original (never another copy) from anywhere earlier in the chunk.
    before = np.searchsorted(originals, dups)
    source[dups] = originals[(rng.random(len(dups)) * before).astype(np.int64)]
    return source


def build_chunk(
    rng: np.random.Generator, first_row: int, n: int, geo: Geography, seq: SequenceCounter
) -> pa.Array:
    """n CSV lines (each ending in a newline) as one Arrow string array."""
    village = rng.choice(len(geo.weight), size=n, p=geo.weight)
    child_day = rng.integers(FIRST_DAY, LAST_DAY + 1, size=n)

    inflow = rng.random(n) < SHARE_INFLOW
    area = np.where(
        inflow,
        len(COUNTIES) + rng.integers(0, len(OTHER_AREAS), size=n),
        geo.county_index[village],
    )
    # Completed age 18..45 at the birth, peaking near 28.
    age = np.clip(rng.normal(28.5, 5.0, size=n), 18.05, 45.9)
    mother_day = child_day - (age * 365.2425).astype(np.int64)
    my, mm, md = _ymd(mother_day)
    area_code = np.array(AREAS, dtype=np.int64)[area]
    id17 = area_code * 10**11 + (my * 10_000 + mm * 100 + md) * 1_000 + seq.take(area, mother_day)
    check = check_digits(id17)

    order_index = rng.choice(len(ORDER_P), size=n, p=ORDER_P)
    in_policy = rng.random(n) >= OUT_OF_POLICY_P[order_index]
    male = rng.random(n) < SHARE_MALE
    numeric_sex = rng.random(n) < SHARE_NUMERIC_SEX
    style = rng.choice(len(STYLE_P), size=n, p=STYLE_P)
    report_day = child_day + rng.integers(5, 61, size=n)
    report_slash = rng.random(n) < 0.02

    # Defects, drawn before the copies are made so a copy repeats its original exactly.
    legacy = (rng.random(n) < SHARE_LEGACY_ID) & (my < 2000)
    bad_check = (rng.random(n) < SHARE_BAD_CHECK) & ~legacy
    scientific = (rng.random(n) < SHARE_SCIENTIFIC) & ~legacy & ~bad_check
    bad_date = rng.random(n) < SHARE_BAD_DATE
    empty = rng.random(n) < SHARE_EMPTY
    empty_column = rng.integers(0, 6, size=n)

    surname = rng.integers(0, len(SURNAMES), size=n)
    given1 = rng.integers(0, len(GIVEN), size=n)
    given2 = rng.integers(0, len(GIVEN) * 3 // 2, size=n)  # a third have one-character names
    wrong_check = (check + rng.integers(1, 11, size=n)) % 11  # any of the 10 other characters
    impossible = rng.integers(0, len(IMPOSSIBLE_MONTH_DAY), size=n)

    source = _duplicate_sources(rng, n)
    # Every per-row draw goes through the same index, so a copy repeats its original.
    (village, child_day, area_code, id17, check, order_index, in_policy, male, numeric_sex,
     style, report_day, report_slash, legacy, bad_check, scientific, bad_date, empty,
     empty_column, surname, given1, given2, wrong_check, impossible) = (
        _rows(a, source)
        for a in (village, child_day, area_code, id17, check, order_index, in_policy, male,
                  numeric_sex, style, report_day, report_slash, legacy, bad_check, scientific,
                  bad_date, empty, empty_column, surname, given1, given2, wrong_check, impossible)
    )  # fmt: skip

    record_id = _str(np.arange(first_row + 1, first_row + n + 1, dtype=np.int64))
    village_code = geo.village_code.take(pa.array(village))
    township_name = geo.township_name.take(pa.array(village))
    village_name = geo.village_name.take(pa.array(village))

    mother_name = _join(
        pa.array(SURNAMES).take(pa.array(surname)),
        pa.array(GIVEN).take(pa.array(given1)),
        pa.array(GIVEN + [""] * (len(GIVEN) // 2)).take(pa.array(given2)),
    )

    shown_check = np.where(bad_check, wrong_check, check)
    mother_id = _join(_str(id17), CHECK_CHARS.take(pa.array(shown_check)))
    pos = np.flatnonzero(legacy)
    if len(pos):
        # GB 11643-1989: area, 2-digit year, month, day, sequence; no check digit.
        id15 = area_code[pos] * 10**9 + (id17[pos] // 1_000 % 1_000_000) * 1_000 + id17[pos] % 1_000
        mother_id = _overlay(mother_id, pos, _str(id15))
    pos = np.flatnonzero(scientific)
    if len(pos):
        # What Excel leaves of a number-formatted ID column: six significant digits.
        lead = area_code[pos]
        text = _join(_str(lead // 100_000), ".", pc.utf8_lpad(_str(lead % 100_000), 5, "0"), "E+17")
        mother_id = _overlay(mother_id, pos, text)

    birth_date = _styled_dates(child_day, style)
    pos = np.flatnonzero(bad_date)
    if len(pos):
        y, _, _ = _ymd(child_day[pos])
        month_day = pa.array(IMPOSSIBLE_MONTH_DAY).take(pa.array(impossible[pos]))
        birth_date = _overlay(birth_date, pos, _join(_str(y), "-", month_day))

    sex_codes = pa.array(["女", "男", "2", "1"])
    sex = sex_codes.take(pa.array(male.astype(np.int64) + 2 * numeric_sex))
    birth_order = _str(order_index + 1)
    policy = pa.array(["政策外", "政策内"]).take(pa.array(in_policy.astype(np.int64)))
    report_date = _styled_dates(report_day, np.where(report_slash, 1, 0))
    # Inflow mothers are exactly those whose ID was issued outside the 15 counties.
    outside = ~np.isin(area_code, np.array(COUNTIES, dtype=np.int64))
    residence = pa.array(["常住", "流入"]).take(pa.array(outside.astype(np.int64)))

    columns = [village_code, mother_id, birth_date, sex, birth_order, policy]
    for k in range(6):
        pos = np.flatnonzero(empty & (empty_column == k))
        if len(pos):
            columns[k] = _overlay(columns[k], pos, pa.array([""] * len(pos)))
    village_code, mother_id, birth_date, sex, birth_order, policy = columns

    line = pc.binary_join_element_wise(
        record_id, village_code, township_name, village_name, mother_name, mother_id,
        birth_date, sex, birth_order, policy, report_date, residence, ",",
    )  # fmt: skip
    return pc.binary_join_element_wise(line, "", "\n")


def _array_bytes(lines: pa.Array) -> bytes:
    """The characters of a string array back to back: the lines are already terminated."""
    lines = lines.cast(pa.large_string())
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    start, stop = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return lines.buffers()[2].to_pybytes()[start:stop]


def generate(rows: int, out: Path, encoding: str = "utf-8", seed: int = DEFAULT_SEED) -> None:
    """Write the register to `out` (through a temporary file, so a partial file never stays)."""
    geo = build_geography(seed)
    seq = SequenceCounter()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "wb") as f:
        f.write((",".join(HEADER) + "\n").encode(encoding))
        for k, first in enumerate(range(0, rows, CHUNK_ROWS)):
            rng = np.random.default_rng([seed, k])
            data = _array_bytes(build_chunk(rng, first, min(CHUNK_ROWS, rows - first), geo, seq))
            if encoding.replace("-", "").lower() != "utf8":
                data = data.decode("utf-8").encode(encoding)
            f.write(data)
    os.replace(tmp, out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", DEFAULT_ROWS)))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--encoding", choices=["utf-8", "gb18030"], default="utf-8")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.rows, args.out, args.encoding, args.seed)
    took = time.perf_counter() - started
    size = args.out.stat().st_size / 2**20
    print(f"{args.out}: {args.rows:,} rows, {size:,.0f} MiB, {took:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
