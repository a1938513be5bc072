"""Benchmark `jisheng indicators` on a generated women's register (育龄妇女), pandas and Dask.

    make bench                                       # after the births: 10M women's rows
    BENCH_WOMEN_ROWS=1000000 BENCH_REPEAT=1 python benchmarks/women.py
    python benchmarks/women.py --rows 1000000 --repeat 1
    BENCH_WOMEN_ROWS=0 make bench                    # births only

Times `jisheng indicators women:FILE --year 2012 --as-of 2026-11-22 --by village --format
csv` as a whole process (measure.py: wall, peak RSS, CPU %) on the pandas engine and with
--engine dask (peak memory: the summed RSS of its process tree), alternating the engines
within each round, and prints rows/s and bytes of peak memory per row. The register is
generated once by generate_women.py and kept in benchmarks/data. Each run writes its CSV
to a temporary file rather than /dev/null: a few hundred kB against a file of GBs, and it
lets the two engines' outputs be compared byte for byte, which the last line reports.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

# Beside this script: python benchmarks/women.py (or run.py) puts this folder on the path.
from measure import Run, RunFailed, measure, measure_tree
from run import AS_OF, DATA, DEFAULT_REPEAT, DEFAULT_ROWS, HERE, jisheng_exe, warm

YEAR = "2012"  # the generator's dates end at 2012-09-30, the stock date of this year
ENGINES = ("pandas", "dask")


def ensure_data(rows: int) -> Path:
    """The register of `rows` rows, generated once (in a child process, timed alone)."""
    path = DATA / f"women_{rows}.csv"
    if not path.exists():
        argv = [sys.executable, str(HERE / "generate_women.py"), "--rows", str(rows),
                "--out", str(path)]
        run = measure(argv, "generate_women.py")
        print(f"generated {path.name}: {path.stat().st_size / 2**20:,.0f} MiB in "
              f"{run.wall:.1f} s, peak {run.rss / 2**20:,.0f} MiB", flush=True)
    return path


def jisheng_argv(path: Path, out: Path, engine: str) -> list[str]:
    return [jisheng_exe(), "indicators", f"women:{path}", "--year", YEAR, "--as-of", AS_OF,
            "--by", "village", "--format", "csv", "-o", str(out), "--quiet",
            "--engine", engine]


def bench(rows: int, repeat: int = DEFAULT_REPEAT, dask: bool = True) -> None:
    """Time both engines on `rows` women's rows and compare their outputs."""
    path = ensure_data(rows)
    engines = ENGINES if dask else ENGINES[:1]
    print(f"\nwomen's register: {rows:,} rows, {repeat} round(s), file {path}", flush=True)
    # The kernels' cache, as run.py leaves it (a no-op when it is warm already).
    measure([sys.executable, "-m", "jisheng_cli.kernel"], "warm the kernel cache")
    warm(path)
    runs: dict[str, list[Run]] = {e: [] for e in engines}
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        outputs = {e: Path(tmp) / f"{e}.csv" for e in engines}
        for round_no in range(repeat):
            shift = round_no % len(engines)  # neither engine always runs first
            for engine in engines[shift:] + engines[:shift]:
                if engine in errors:
                    continue
                label = f"jisheng women --engine {engine}"
                timed = measure_tree if engine == "dask" else measure
                try:
                    run = timed(jisheng_argv(path, outputs[engine], engine), label)
                except RunFailed as e:
                    errors[engine] = str(e)
                    print(f"  round {round_no + 1}: {label}: FAILED: {e}", flush=True)
                    continue
                runs[engine].append(run)
                print(f"  round {round_no + 1}: {label}: {run.wall:.2f} s, "
                      f"{run.rss / 2**20:,.0f} MiB, {run.cpu_percent:.0f}% CPU", flush=True)
        report(rows, runs, errors)
        if dask:
            print(compare(outputs, errors))


def report(rows: int, runs: dict[str, list[Run]], errors: dict[str, str]) -> None:
    print(f"\n{'engine':<8} {'median s':>9} {'peak MiB':>9} {'CPU %':>6} {'rows/s':>11} "
          f"{'bytes/row':>10}")
    for engine, done in runs.items():
        if not done:
            print(f"{engine:<8} FAILED: {errors.get(engine, 'no run')}")
            continue
        wall = statistics.median(r.wall for r in done)
        peak = max(r.rss for r in done)
        # Of the median run, so CPU % belongs to the time shown beside it.
        cpu = sorted(done, key=lambda r: r.wall)[(len(done) - 1) // 2].cpu_percent
        print(f"{engine:<8} {wall:>9.2f} {peak / 2**20:>9,.0f} {cpu:>6.0f} "
              f"{rows / wall:>11,.0f} {peak / rows:>10,.1f}")
    if "dask" in runs:
        print("(dask: peak MiB is the summed RSS of jisheng, the Dask scheduler and its workers)")


def compare(outputs: dict[str, Path], errors: dict[str, str]) -> str:
    if errors or not all(p.exists() for p in outputs.values()):
        return "check skipped: an engine failed"
    pandas, dask = (outputs[e].read_bytes() for e in ENGINES)
    if pandas == dask:
        return f"check OK: the pandas and Dask CSV outputs are identical ({len(pandas):,} bytes)"
    lines = zip(pandas.splitlines(), dask.splitlines(), strict=False)
    first = next((i for i, (a, b) in enumerate(lines, start=1) if a != b),
                 min(pandas.count(b"\n"), dask.count(b"\n")) + 1)
    return (f"check MISMATCH: the pandas and Dask CSV outputs differ from line {first} "
            f"({len(pandas):,} and {len(dask):,} bytes)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int,
                        default=int(os.environ.get("BENCH_WOMEN_ROWS", DEFAULT_ROWS)))
    parser.add_argument(
        "--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", DEFAULT_REPEAT)))
    parser.add_argument("--no-dask", action="store_true",
                        default=os.environ.get("BENCH_DASK", "1") == "0",
                        help="skip --engine dask (BENCH_DASK=0)")
    args = parser.parse_args(argv)
    if args.rows:
        bench(args.rows, args.repeat, dask=not args.no_dask)


if __name__ == "__main__":
    main()
