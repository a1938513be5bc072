"""Benchmark `jisheng indicators` against DuckDB and pandas on a generated births register.

    make bench                                        # 10M rows, 3 rounds
    BENCH_ROWS=1000000 BENCH_REPEAT=1 python benchmarks/run.py
    python benchmarks/run.py --rows 1000000 --repeat 1

Every contender runs as a whole process (interpreter start-up and imports included, as
a user would see it); wall time comes from perf_counter around the process and peak
memory from GNU time (/usr/bin/time) wrapped around exactly that process. The contenders
alternate within each round so a slow phase of the machine hits them all alike. A
contender that fails is reported as failed, with its error, and the others go on.

Contenders (see docs/quality.md, "Speed and memory"):
  a. DuckDB: per-village counts of births, boys, girls, in policy, out of policy order 3+.
  b. DuckDB doing the same work as jisheng: the row checks, first-wins de-duplication,
     then per-village counts and the policy conformance rate.
  c. pandas read_csv (pyarrow engine) + groupby, the counts of (a).
  d. jisheng indicators FILE --by village --format csv -o /dev/null.
jisheng's totals are checked against (b); the GB18030 copy is timed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generate import HEADER  # beside this script: python benchmarks/run.py puts it on the path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
AS_OF = "2026-11-22"
DEFAULT_ROWS = 10_000_000
DEFAULT_REPEAT = 3

# Column names as they appear in the generated file (its header: generate.HEADER).
VILLAGE, MOTHER_ID, BORN, SEX, ORDER, POLICY, REPORTED = (
    HEADER[1], HEADER[5], HEADER[6], HEADER[7], HEADER[8], HEADER[9], HEADER[10]
)

# ---------------------------------------------------------------------------------------
# (a) DuckDB, plain counts. Every column as text, as for (b) and jisheng: a register's
# codes are not trusted to be numbers.
DUCKDB_COUNT = f"""
import json, sys, duckdb
duckdb.execute("SET enable_progress_bar = false")  # it would write to stdout
rows = duckdb.sql('''
    SELECT "{VILLAGE}" AS village,
           count(*) AS births,
           count(*) FILTER (WHERE "{SEX}" IN ('男', '1')) AS male,
           count(*) FILTER (WHERE "{SEX}" IN ('女', '2')) AS female,
           count(*) FILTER (WHERE "{POLICY}" = '政策内') AS in_policy,
           count(*) FILTER (WHERE "{POLICY}" = '政策外' AND TRY_CAST("{ORDER}" AS INTEGER) >= 3)
               AS out_multi
    FROM read_csv(?, header = true, all_varchar = true)
    GROUP BY 1
''', params=[sys.argv[1]]).fetchall()
print(json.dumps({{"villages": len(rows), "births": sum(r[1] for r in rows),
                   "in_policy": sum(r[4] for r in rows)}}))
"""

# ---------------------------------------------------------------------------------------
# (b) DuckDB doing jisheng's work: docs/data.md's row checks, de-duplication, per-village rates.
# Written the way a careful SQL user would: a literal fast path for the common codes and
# ISO dates, the general patterns only for the rest. Not modelled, because the generated
# file never has them: NFKC folding of full-width text and times after dates.

_SEX_CODES = {
    **dict.fromkeys(["1", "男", "男性", "m", "male"], 1),
    **dict.fromkeys(["2", "女", "女性", "f", "female"], 2),
    **dict.fromkeys(["0", "9", "未知", "未知的性别", "未说明", "未说明的性别"], 0),
}
_POLICY_CODES = {
    **dict.fromkeys(
        ["政策内", "计划内", "符合", "符合政策", "是", "y", "yes", "1", "in", "true"], "true"
    ),
    **dict.fromkeys(
        ["政策外", "计划外", "不符合", "不符合政策", "否", "n", "no", "0", "out", "false"], "false"
    ),
}
_CN_ORDER = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十".split()
)
_CN_MAP = ", ".join(f"'{c}': {i}" for i, c in enumerate(_CN_ORDER, 1)) + ", '两': 2"
# MOD 11-2 weighted digit sum of the 17-digit BIGINT k, digit by digit.
_WEIGHTED = " + ".join(f"(k // {10 ** (16 - i)} % 10) * {pow(2, 17 - i, 11)}" for i in range(17))


def _case(expr: str, mapping: Mapping[str, object]) -> str:
    whens = " ".join(f"WHEN '{key}' THEN {value}" for key, value in mapping.items())
    return f"CASE {expr} {whens} END"


SAME_WORK_SQL = f"""
SET enable_progress_bar = false;
-- jisheng's code key: "1.0" and "01" are 1; text is compared in lower case.
CREATE MACRO code_key(s) AS CASE
    WHEN regexp_full_match(s, '\\+?[0-9]+(\\.0*)?')
        THEN CAST(TRY_CAST(regexp_extract(s, '[0-9]+') AS HUGEINT) AS VARCHAR)
    ELSE lower(s) END;
CREATE MACRO sex_code(s) AS CASE s WHEN '男' THEN 1 WHEN '女' THEN 2 WHEN '1' THEN 1 WHEN '2' THEN 2
    ELSE {_case("code_key(s)", _SEX_CODES)} END;
CREATE MACRO policy_code(s) AS CASE s WHEN '政策内' THEN true WHEN '政策外' THEN false
    ELSE {_case("code_key(s)", _POLICY_CODES)} END;
CREATE MACRO any_order(s) AS coalesce(
    TRY_CAST(regexp_extract(s, '^第?\\s*([+-]?[0-9]+)(\\.0*)?\\s*[孩胎]?$', 1) AS INTEGER),
    MAP {{{_CN_MAP}}}[regexp_replace(s, '^第\\s*|\\s*[孩胎]$', '', 'g')]);
CREATE MACRO order_code(s) AS CASE s WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3
    ELSE CASE WHEN any_order(s) BETWEEN 1 AND 20 THEN any_order(s) END END;
-- The date styles of docs/data.md. All-digit cells: 8 digits are YYYYMMDD, up to 7 a serial.
CREATE MACRO parse_day(s) AS CASE
    WHEN length(s) = 10 AND s[5] = '-' AND s[8] = '-' THEN TRY_CAST(s AS DATE)
    WHEN s = '' THEN NULL
    WHEN regexp_full_match(s, '[0-9]{{8}}') THEN CAST(try_strptime(s, '%Y%m%d') AS DATE)
    WHEN regexp_full_match(s, '[0-9]{{1,7}}(\\.[0-9]*)?') THEN CASE
        WHEN CAST(split_part(s, '.', 1) AS INTEGER) BETWEEN 61 AND 2958465
            THEN DATE '1899-12-30' + CAST(split_part(s, '.', 1) AS INTEGER) END
    ELSE CAST(try_strptime(s, ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日',
                                '%Y年%m月%d号', '%Y年%m月%d']) AS DATE) END;
CREATE MACRO in_range(d) AS d BETWEEN DATE '1950-01-01' AND DATE '{AS_OF}';

-- Parse and check every row in one parallel pass. A table created from a scan keeps
-- the file's row order (preserve_insertion_order), so its rowid is the file order that
-- "first wins" needs; a row_number() window would run the whole pass on one thread.
CREATE TEMP TABLE checked AS
WITH cells AS (
    SELECT trim(coalesce("{VILLAGE}", '')) AS village,
           upper(trim(coalesce("{MOTHER_ID}", ''))) AS id,
           parse_day(trim(coalesce("{BORN}", ''))) AS born,
           sex_code(trim(coalesce("{SEX}", ''))) AS sex,
           order_code(trim(coalesce("{ORDER}", ''))) AS ord,
           policy_code(trim(coalesce("{POLICY}", ''))) AS policy,
           trim(coalesce("{REPORTED}", '')) AS reported
    FROM read_csv(@PATH@, header = true, all_varchar = true)
), ids AS (
    SELECT *,
           -- 18 characters, or a legacy 15-digit number upgraded with "19" before the year
           TRY_CAST(CASE
               WHEN regexp_full_match(id, '[0-9]{{17}}[0-9X]') THEN id[1:17]
               WHEN regexp_full_match(id, '[0-9]{{15}}') THEN id[1:6] || '19' || id[7:15]
           END AS BIGINT) AS k
    FROM cells
)
SELECT village, k, born, sex, ord, policy,
       regexp_full_match(village, '[0-9]{{12}}')
       AND k IS NOT NULL
       -- the holder's birth date inside the number must be a real date
       AND try_strptime(CAST(k // 1000 % 100000000 AS VARCHAR), '%Y%m%d') IS NOT NULL
       AND k // 10000000 % 10000 BETWEEN 1800 AND 2099
       AND (length(id) = 15
            OR (12 - ({_WEIGHTED}) % 11) % 11
               = CASE WHEN id[18] = 'X' THEN 10 ELSE TRY_CAST(id[18] AS INTEGER) END)
       AND born IS NOT NULL AND in_range(born)
       AND sex IS NOT NULL AND ord IS NOT NULL AND policy IS NOT NULL
       AND (reported = '' OR coalesce(in_range(parse_day(reported)), false)) AS ok
FROM ids;

CREATE TEMP TABLE per_village AS
WITH kept AS (
    -- One row per (mother, birth date, order, sex): the earliest row's values count.
    SELECT arg_min(village, rowid) AS village, arg_min(policy, rowid) AS policy, sex, ord
    FROM checked WHERE ok
    GROUP BY k, born, ord, sex
)
SELECT village,
       count(*) AS births,
       count(*) FILTER (WHERE sex = 1) AS male,
       count(*) FILTER (WHERE sex = 2) AS female,
       count(*) FILTER (WHERE policy) AS in_policy,
       count(*) FILTER (WHERE NOT policy AND ord >= 3) AS out_multi,
       100.0 * count(*) FILTER (WHERE policy) / count(*) AS policy_conformance_rate
FROM kept GROUP BY village;
"""

DUCKDB_SAME_WORK = f"""
import json, sys, duckdb
con = duckdb.connect()
path = "'" + sys.argv[1].replace("'", "''") + "'"
for sql in {SAME_WORK_SQL!r}.split(";\\n"):
    if sql.strip():
        con.execute(sql.replace("@PATH@", path))
rows = con.execute("SELECT village, births, in_policy FROM per_village").fetchall()
print(json.dumps({{"villages": len(rows), "births": sum(r[1] for r in rows),
                   "in_policy": sum(r[2] for r in rows),
                   "per_village": {{r[0]: [r[1], r[2]] for r in rows}}}}))
"""

# ---------------------------------------------------------------------------------------
# (c) pandas: the counts of (a). The pyarrow engine reads in parallel; only the four
# needed columns, as text.
PANDAS_COUNT = f"""
import json, sys
import pandas as pd
cols = ["{VILLAGE}", "{SEX}", "{ORDER}", "{POLICY}"]
df = pd.read_csv(sys.argv[1], engine="pyarrow", usecols=cols, dtype=str)
sex, policy = df["{SEX}"], df["{POLICY}"]
order = pd.to_numeric(df["{ORDER}"], errors="coerce")
flags = pd.DataFrame({{
    "village": df["{VILLAGE}"],
    "births": 1,
    "male": sex.isin(["男", "1"]),
    "female": sex.isin(["女", "2"]),
    "in_policy": policy.eq("政策内"),
    "out_multi": policy.eq("政策外") & order.ge(3),
}})
out = flags.groupby("village", sort=True, dropna=False).sum()
print(json.dumps({{"villages": len(out), "births": int(out["births"].sum()),
                   "in_policy": int(out["in_policy"].sum())}}))
"""


class RunFailed(RuntimeError):
    """A measured process exited with an error (a finding to report, not a crash)."""


@dataclass
class Run:
    wall: float
    rss: int  # bytes
    stdout: str


@dataclass
class Contender:
    label: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)
    error: str | None = None
    tree: bool = False  # several processes (a Dask cluster): memory is their summed peak

    @property
    def median(self) -> float | None:
        return statistics.median(r.wall for r in self.runs) if self.runs else None


GNU_TIME = "/usr/bin/time"


def measure(argv: list[str], label: str = "") -> Run:
    """Run one process; wall time and the peak resident set of that process alone.

    Peak memory comes from GNU time's %M. The kernel's own rusage of our direct child
    would be wrong: a child started by fork/vfork + exec keeps the parent's high-water
    RSS as its maxrss, so every contender would report at least this script's peak.
    GNU time is a small process, so what its child inherits from it is negligible.
    """
    use_time = os.access(GNU_TIME, os.X_OK)
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = Path(tmp) / "maxrss"
        command = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *argv] if use_time else argv
        wall, stdout, _ = _run(command, label or argv[0], Path(tmp))
        if use_time:
            # The last line is %M in KiB (GNU time may put a status line before it).
            rss_kib = int(rss_file.read_text().split()[-1])
        else:
            # Without GNU time: the maximum over all children so far, an upper bound.
            rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Run(wall, rss_kib * 1024, stdout)


def measure_tree(argv: list[str], label: str = "") -> Run:
    """Like `measure`, for a command that starts other processes (jisheng's local Dask
    cluster): peak memory is the largest sum of the RSS of the whole process tree, sampled
    every 0.1 s."""
    with tempfile.TemporaryDirectory() as tmp:
        wall, stdout, peak = _run(argv, label or argv[0], Path(tmp), sample_tree=True)
    return Run(wall, peak, stdout)


def _run(command: list[str], label: str, tmp: Path, sample_tree: bool = False
         ) -> tuple[float, str, int]:
    """(wall seconds, stdout, peak summed RSS of the process tree or 0) of one process,
    its output going to files in `tmp`; RunFailed with the end of stderr on failure."""
    with open(tmp / "out", "w+b") as out, open(tmp / "err", "w+b") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peak = _sample_tree(proc) if sample_tree else 0
        proc.wait()
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RunFailed(f"{label} exited {proc.returncode}: {stderr.strip()[-2000:]}")
    return wall, stdout, peak


def _sample_tree(proc: subprocess.Popen[bytes]) -> int:
    """Largest sum of the RSS of `proc` and its descendants, every 0.1 s until it ends."""
    import psutil  # comes with distributed

    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    return peak


def jisheng_exe() -> str:
    beside = Path(sys.executable).with_name("jisheng")
    found = str(beside) if beside.exists() else shutil.which("jisheng")
    if not found:
        sys.exit("jisheng is not installed in this environment (make install)")
    return found


def jisheng_argv(path: Path, fmt: str = "csv", out: str = "/dev/null") -> list[str]:
    return [
        jisheng_exe(),
        "indicators",
        str(path),
        "--by",
        "village",
        "--format",
        fmt,
        "-o",
        out,
        "--as-of",
        AS_OF,
        "--quiet",
    ]


def ensure_data(rows: int, gb18030: bool = True) -> tuple[Path, Path | None]:
    """The UTF-8 register and its GB18030 copy, generated once and kept in benchmarks/data."""
    utf8 = DATA / f"births_{rows}.csv"
    gb = DATA / f"births_{rows}_gb18030.csv"
    wanted = ((utf8, "utf-8"), (gb, "gb18030")) if gb18030 else ((utf8, "utf-8"),)
    for path, encoding in wanted:
        if path.exists():
            continue
        # In a child process: keeps this process small (see measure) and times it alone.
        script = str(HERE / "generate.py")
        argv = [sys.executable, script, "--rows", str(rows), "--out", str(path)]
        run = measure([*argv, "--encoding", encoding], "generate.py")
        size = path.stat().st_size / 2**20
        print(
            f"generated {path.name}: {size:,.0f} MiB in {run.wall:.1f} s, "
            f"peak {run.rss / 2**20:,.0f} MiB",
            flush=True,
        )
    return utf8, (gb if gb18030 else None)


def warm(path: Path) -> None:
    """Read the file once so every contender starts from a warm page cache."""
    with open(path, "rb") as f:
        while f.read(16 << 20):
            pass


def jisheng_totals(path: Path) -> tuple[int, int, dict[str, list[int]]]:
    """(births_total, policy numerator, [births, in policy] per village) from jisheng's JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "indicators.json"
        measure(jisheng_argv(path, "json", str(out)), "jisheng (json)")
        doc = json.loads(out.read_text(encoding="utf-8"))
    births = policy = -1
    villages: dict[str, list[int]] = {}
    for row in doc["rows"]:
        slot = {"births_total": 0, "policy_conformance_rate": 1}.get(row["indicator"])
        if slot is None:
            continue
        if row["group_level"] == "total":
            if slot == 0:
                births = row["numerator"]
            else:
                policy = row["numerator"]
        elif row["group_level"] == "village":
            villages.setdefault(row["group_code"], [0, 0])[slot] = row["numerator"] or 0
    return births, policy, villages


def check_against_duckdb(path: Path, same_work: Run) -> None:
    expected = json.loads(same_work.stdout)
    try:
        births, policy, villages = jisheng_totals(path)
    except RunFailed as e:
        print(f"check FAILED: {e}")
        return
    ok = births == expected["births"] and policy == expected["in_policy"]
    verdict = "OK" if ok else "MISMATCH"
    print(
        f"check {verdict}: births_total jisheng {births:,} vs DuckDB {expected['births']:,}; "
        f"policy numerator jisheng {policy:,} vs DuckDB {expected['in_policy']:,}"
    )
    per_village: dict[str, list[int]] = expected["per_village"]
    differ = sorted(c for c in per_village.keys() | villages.keys()
                    if per_village.get(c) != villages.get(c))  # fmt: skip
    if differ:
        print(
            f"check MISMATCH: births or policy numerator differ in {len(differ)} villages, "
            f"e.g. {[(c, villages.get(c), per_village.get(c)) for c in differ[:3]]} "
            "(code, jisheng, DuckDB)"
        )
    else:
        print(f"check OK: births and policy numerator equal in all {len(per_village)} villages")


def _ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:>6.2f}" if value is not None and base else f"{'–':>6}"


def report(contenders: list[Contender]) -> None:
    count, same = contenders[0].median, contenders[1].median
    header = f"{'contender':<34} {'median s':>9} {'min–max s':>13} {'peak MiB':>9}"
    print(f"\n{header} {'× (a)':>6} {'× (b)':>6}")
    for c in contenders:
        if c.median is None:
            print(f"{c.label:<34} FAILED: {c.error}")
            continue
        walls = [r.wall for r in c.runs]
        rss = max(r.rss for r in c.runs) / 2**20
        spread = f"{min(walls):.2f}–{max(walls):.2f}"
        print(
            f"{c.label:<34} {c.median:>9.2f} {spread:>13} {rss:>9,.0f} "
            f"{_ratio(c.median, count)} {_ratio(c.median, same)}"
        )
    if any(c.tree for c in contenders):
        print("(e: peak MiB is the summed RSS of jisheng, the Dask scheduler and its workers)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark jisheng against DuckDB and pandas.")
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", DEFAULT_ROWS)))
    parser.add_argument(
        "--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", DEFAULT_REPEAT))
    )
    parser.add_argument(
        "--no-gb18030", action="store_true",
        default=os.environ.get("BENCH_GB18030", "1") == "0",
        help="skip the GB18030 copy (BENCH_GB18030=0), e.g. at 50M rows",
    )
    parser.add_argument(
        "--no-dask", action="store_true", default=os.environ.get("BENCH_DASK", "1") == "0",
        help="skip jisheng --engine dask (BENCH_DASK=0)",
    )
    args = parser.parse_args(argv)
    utf8, gb = ensure_data(args.rows, gb18030=not args.no_gb18030)
    py = sys.executable
    contenders = [
        Contender("a. DuckDB per-village counts", [py, "-c", DUCKDB_COUNT, str(utf8)]),
        Contender("b. DuckDB same work (SQL)", [py, "-c", DUCKDB_SAME_WORK, str(utf8)]),
        Contender("c. pandas read_csv + groupby", [py, "-c", PANDAS_COUNT, str(utf8)]),
        Contender("d. jisheng indicators --by village", jisheng_argv(utf8)),
    ]
    if not args.no_dask:
        contenders.append(Contender("e. jisheng d. with --engine dask",
                                    [*jisheng_argv(utf8), "--engine", "dask"], tree=True))
    print(f"{args.rows:,} rows, {args.repeat} round(s), {os.cpu_count()} CPUs, file {utf8}")
    warm(utf8)
    for round_no in range(args.repeat):
        # Rotate the starting contender so none always runs first (or right after DuckDB).
        shift = round_no % len(contenders)
        for c in contenders[shift:] + contenders[:shift]:
            if c.error:
                continue  # failed once: its error is the finding, not its time
            try:
                run = (measure_tree if c.tree else measure)(c.argv, c.label)
            except RunFailed as e:
                c.error = str(e)
                print(f"  round {round_no + 1}: {c.label}: FAILED: {e}", flush=True)
                continue
            c.runs.append(run)
            print(f"  round {round_no + 1}: {c.label}: {run.wall:.2f} s, "
                  f"{run.rss / 2**20:,.0f} MiB", flush=True)  # fmt: skip
    report(contenders)
    print()
    if contenders[1].runs:
        check_against_duckdb(utf8, contenders[1].runs[-1])
    else:
        print("check skipped: the DuckDB same-work query failed")

    if gb is None:
        return
    warm(gb)
    try:
        run = measure(jisheng_argv(gb), "jisheng (GB18030)")
    except RunFailed as e:
        print(f"\nGB18030 copy, jisheng once: FAILED: {e}")
        return
    print(
        f"\nGB18030 copy, jisheng once: {run.wall:.2f} s, {run.rss / 2**20:,.0f} MiB "
        f"({_ratio(run.wall, contenders[3].median).strip()} × UTF-8, "
        f"{_ratio(run.wall, contenders[0].median).strip()} × (a))"
    )


if __name__ == "__main__":
    main()
