"""Time and peak memory of `jisheng indicators` on a full sheet: 1,048,576 rows (Excel's
limit: the header and 1,048,575 records) × 12 columns.

    python benchmarks/workbook_memory.py                # writes benchmarks/data/births_1m.xlsx
    python benchmarks/workbook_memory.py --rows 100000  # a quicker look

The records are benchmarks/generate.py's (the same villages, dates and defects), written
by XlsxWriter with constant_memory=True as a clerk's workbook holds them: 序号 and 孩次 as
numbers, ISO dates as date cells, codes, IDs and every other cell as text. The run is
`jisheng indicators FILE --by village --format csv -o /dev/null` under GNU time
(/usr/bin/time -v): wall time and peak resident memory are printed. Heavy (a minute or
two, about 1.5 GB): never run by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.csv as pacsv
import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

EXCEL_ROWS = 1_048_576
NUMBER_COLUMNS = {"序号", "孩次"}
DATE_COLUMNS = {"婴儿出生日期", "上报日期"}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(text: str) -> dt.datetime | None:
    """An ISO date that exists; the generator's impossible dates (2012-02-30) stay text."""
    if not _ISO.fullmatch(text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def write_workbook(rows: int, out: Path) -> None:
    """`rows` records (after the header) generated as CSV, then written cell by cell."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "births.csv"
        generate.generate(rows, csv)
        table = pacsv.read_csv(csv, convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(generate.HEADER, "string")))
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True,
                                          "strings_to_numbers": False})
    sheet = book.add_worksheet("出生登记")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, generate.HEADER)
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    kinds = ["n" if h in NUMBER_COLUMNS else "d" if h in DATE_COLUMNS else "s"
             for h in generate.HEADER]
    for r in range(table.num_rows):
        for c, kind in enumerate(kinds):
            value = columns[c][r] or ""
            if kind == "n" and value.isdigit():
                sheet.write_number(r + 1, c, int(value))
            elif kind == "d" and (when := _date(value)) is not None:
                sheet.write_datetime(r + 1, c, when, day)
            else:
                sheet.write_string(r + 1, c, value)
    book.close()


def measure(path: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KiB, exit code) of one `jisheng indicators` run."""
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "jisheng_cli", "indicators", str(path),
         "--by", "village", "--format", "csv", "-o", "/dev/null", "--quiet"],
        capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if peak is None:
        sys.exit(proc.stderr[-2000:])
    return wall, int(peak.group(1)), proc.returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=EXCEL_ROWS - 1, help="records")
    parser.add_argument("--out", type=Path, default=HERE / "data" / "births_1m.xlsx")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not args.out.exists():
        started = time.perf_counter()
        write_workbook(args.rows, args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size / 2**20:.0f} MiB) in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    wall, peak_kib, code = measure(args.out)
    print(f"jisheng indicators {args.out.name}: exit {code}, wall {wall:.1f} s, "
          f"peak RSS {peak_kib / 2**20:.2f} GiB ({peak_kib / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
