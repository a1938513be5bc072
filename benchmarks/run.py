"""Benchmark `jisheng indicators` against DuckDB and pandas on a generated births register.

    make bench                                        # 10M rows, 3 rounds
    BENCH_ROWS=1000000 BENCH_REPEAT=1 python benchmarks/run.py
    python benchmarks/run.py --rows 1000000 --repeat 1

Every contender runs as a whole process (interpreter start-up and imports included, as
a user would see it); wall time comes from perf_counter around the process and peak
memory from GNU time (/usr/bin/time) wrapped around exactly that process, CPU % from the
user + system time of its process tree (RUSAGE_CHILDREN before and after) ÷ wall. The contenders
alternate within each round so a slow phase of the machine hits them all alike. A
contender that fails is reported as failed, with its error, and the others go on.

Contenders (see docs/quality.md, "Speed and memory"):
  a. DuckDB: per-village counts of births, boys, girls, in policy, out of policy order 3+.
  b. DuckDB doing the same work as jisheng (benchmarks/same_work.sql): the row checks,
     first-wins de-duplication, then per-village counts and the policy conformance rate.
  c. pandas read_csv (pyarrow engine) + groupby, the counts of (a).
  d. jisheng indicators FILE --by village --format csv -o /dev/null.
  e. (d) with --engine dask.
  f. pyarrow's bare streaming parse of the columns jisheng reads, counting rows.
  g. (d) on the reference path (JISHENG_KERNEL=never): the numpy checks, as before the kernel.
Before the rounds, the kernels' first compile (into an empty cache) and their load from the
cache are timed; every contender then runs with the cache warm.
jisheng's totals are checked against (b); the GB18030 copy is timed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Beside this script: python benchmarks/run.py puts this folder on the path.
from contenders import DUCKDB_COUNT, DUCKDB_SAME_WORK, PANDAS_COUNT, PYARROW_PARSE
from measure import Run, RunFailed, measure, measure_tree

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
AS_OF = "2026-11-22"
DEFAULT_ROWS = 10_000_000
DEFAULT_REPEAT = 3


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


def kernel_compile() -> None:
    """Time the first compile of every kernel into an empty cache, then a load from it;
    then warm the user's own cache, which the jisheng contenders use."""
    module = [sys.executable, "-m", "jisheng_cli.kernel"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = ["/usr/bin/env", f"JISHENG_CACHE_DIR={tmp}", *module]
        first = measure(fresh, "kernel first compile")
        cached = measure(fresh, "kernel cached load")
    measure(module, "warm the user cache")
    print(f"kernels: first compile {first.wall:.2f} s ({first.rss / 2**20:,.0f} MiB), "
          f"from the cache {cached.wall:.2f} s (whole process, imports included)", flush=True)


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
    header = f"{'contender':<34} {'median s':>9} {'min–max s':>13} {'peak MiB':>9} {'CPU %':>6}"
    print(f"\n{header} {'× (a)':>6} {'× (b)':>6}")
    for c in contenders:
        if c.median is None:
            print(f"{c.label:<34} FAILED: {c.error}")
            continue
        walls = [r.wall for r in c.runs]
        rss = max(r.rss for r in c.runs) / 2**20
        spread = f"{min(walls):.2f}–{max(walls):.2f}"
        # Of the median run, so CPU % belongs to the time shown beside it.
        cpu = sorted(c.runs, key=lambda r: r.wall)[(len(c.runs) - 1) // 2].cpu_percent
        print(
            f"{c.label:<34} {c.median:>9.2f} {spread:>13} {rss:>9,.0f} {cpu:>6.0f} "
            f"{_ratio(c.median, count)} {_ratio(c.median, same)}"
        )
    if any(c.tree for c in contenders):
        print("(e: peak MiB is the summed RSS of jisheng, the Dask scheduler and its workers)")
    print("(CPU %: user + system time of the process and its descendants ÷ wall; "
          f"{os.cpu_count()} CPUs is {100 * (os.cpu_count() or 1)}%)")


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
    parser.add_argument(
        "--no-reference", action="store_true",
        default=os.environ.get("BENCH_REFERENCE", "1") == "0",
        help="skip jisheng on the reference path (BENCH_REFERENCE=0), e.g. at 50M rows",
    )
    parser.add_argument(
        "--women-rows", type=int, default=int(os.environ.get("BENCH_WOMEN_ROWS", DEFAULT_ROWS)),
        help="then benchmarks/women.py at this many rows (BENCH_WOMEN_ROWS; 0 skips it)",
    )
    args = parser.parse_args(argv)
    births(args)
    if args.women_rows:
        from women import bench  # it imports this module: not at the top

        bench(args.women_rows, args.repeat, dask=not args.no_dask)


def births(args: argparse.Namespace) -> None:
    utf8, gb = ensure_data(args.rows, gb18030=not args.no_gb18030)
    py = sys.executable
    contenders = [
        Contender("a. DuckDB per-village counts", [py, "-c", DUCKDB_COUNT, str(utf8)]),
        Contender("b. DuckDB same work (SQL)", [py, "-c", DUCKDB_SAME_WORK, str(utf8), AS_OF]),
        Contender("c. pandas read_csv + groupby", [py, "-c", PANDAS_COUNT, str(utf8)]),
        Contender("d. jisheng indicators --by village", jisheng_argv(utf8)),
    ]
    if not args.no_dask:
        contenders.append(Contender("e. jisheng d. with --engine dask",
                                    [*jisheng_argv(utf8), "--engine", "dask"], tree=True))
    contenders.append(Contender("f. pyarrow bare streaming parse",
                                [py, "-c", PYARROW_PARSE, str(utf8)]))
    if not args.no_reference:
        contenders.append(Contender("g. jisheng d. on the reference path",
                                    ["/usr/bin/env", "JISHENG_KERNEL=never", *jisheng_argv(utf8)]))
    print(f"{args.rows:,} rows, {args.repeat} round(s), {os.cpu_count()} CPUs, file {utf8}")
    kernel_compile()
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
                  f"{run.rss / 2**20:,.0f} MiB, {run.cpu_percent:.0f}% CPU",
                  flush=True)  # fmt: skip
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
        f"\nGB18030 copy, jisheng once: {run.wall:.2f} s, {run.rss / 2**20:,.0f} MiB, "
        f"{run.cpu_percent:.0f}% CPU "
        f"({_ratio(run.wall, contenders[3].median).strip()} × UTF-8, "
        f"{_ratio(run.wall, contenders[0].median).strip()} × (a))"
    )


if __name__ == "__main__":
    main()
