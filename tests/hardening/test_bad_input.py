"""The bad-input corpus (docs/quality.md "Reliability"; docs/cli.md exit codes and row numbers).

File-level faults: exit 3, exactly one `jisheng: error: FILE: …` line naming the problem
(`--lang en`, where the words are the point; `jisheng: 错误: FILE: …` by default),
nothing on stdout, never a traceback. Row-level faults: the rows are rejected (or skipped
and counted), the run goes on with exit 0 (`--strict` → 1), stderr carries the one-line
summary of the file, and the counts reconcile.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from . import make_corpus
from .helpers import (
    AS_OF,
    EN,
    assert_counts_reconcile,
    assert_one_error_line,
    cli_argv,
    cli_env,
    corpus_copy,
    read_rejects,
    run_cli,
    summary_counts,
)

# ------------------------------------------------------------------ file-level faults

# corpus file -> words the error line must hold (besides the file name)
FILE_LEVEL: list[Any] = [
    pytest.param("empty.csv", ("empty",), id="empty file"),
    pytest.param("header_only.csv", ("no data rows",), id="header only"),
    pytest.param("binary.csv", ("binary",), id="binary file"),
    pytest.param("binary_no_nul.csv", ("encoding",), id="binary without NUL"),
    # The file ends inside a quoted cell (the last record, row 12, was cut off).
    pytest.param("truncated_quote.csv", ("quote", "row 12"), id="truncated quoted field"),
    # A quote opened on row 4 never closes: the 37 records after it must not vanish into
    # one cell (they did: "3 rows read", exit 0).
    pytest.param("unclosed_quote_mid_file.csv", ("quote", "row 4"), id="stray quote mid-file"),
    # Not "Exception ignored … Traceback" from pyarrow's invalid-row callback.
    pytest.param("truncated_utf8.csv", ("decode",), id="UTF-8 cut inside a character"),
    pytest.param("duplicate_headers.csv", ("mother_id", "身份证号"), id="duplicate headers"),
    pytest.param("missing_column.csv", ("mother_id", "母亲身份证号"),
                 id="missing required column"),
    # Header cells are echoed in "headers seen:": never raw line breaks or escapes.
    pytest.param("multiline_header.csv", ("mother_id",), id="line break in a header cell"),
    pytest.param("escape_header.csv", ("kind",), id="escape sequences in the header"),
    pytest.param("mixed_encodings_small.csv", ("encoding",), id="mixed encodings in sample"),
    pytest.param("nul_early.csv", ("NUL",), id="NUL bytes"),
    pytest.param("old_xls.csv", ("Excel",), id="old xls renamed csv"),
    pytest.param("bom_only.csv", ("empty",), id="only a BOM"),  # not "unknown kind"
    pytest.param("title_only.csv", ("kind",), id="title line only"),
    pytest.param("utf8_bom_gb18030_body.csv", (), id="UTF-8 BOM on a GB18030 body"),
    pytest.param("only_blank_and_totals.csv", ("no usable row",), id="only blank and totals"),
]


@pytest.mark.parametrize(("name", "needles"), FILE_LEVEL)
def test_file_level_fault(tmp_path: Path, name: str, needles: tuple[str, ...]) -> None:
    corpus_copy(name, tmp_path)
    run = run_cli(("indicators", name, *AS_OF, *EN), tmp_path)
    line = assert_one_error_line(run, 3, f"{name}: ", *needles)
    assert not any(ord(c) < 32 for c in line), repr(line)  # no raw control characters


@pytest.mark.parametrize("command", ["indicators", "validate"])
def test_header_missing_is_file_level_and_private(tmp_path: Path, command: str) -> None:
    """No header line: exit 3 with one line (its privacy is the next test)."""
    corpus_copy("header_missing.csv", tmp_path)
    run = run_cli((command, "header_missing.csv", *AS_OF), tmp_path)
    assert_one_error_line(run, 3, "header_missing.csv")


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "--debug"])
def test_header_missing_does_not_print_personal_data(tmp_path: Path, debug: bool) -> None:
    corpus_copy("header_missing.csv", tmp_path)
    first = make_corpus.records(1)[0]
    name, mother_id = first[make_corpus.COL["母亲姓名"]], first[make_corpus.COL["母亲身份证号"]]
    run = run_cli(("indicators", "header_missing.csv", *AS_OF, *(["--debug"] if debug else [])),
                  tmp_path)
    assert run.code == 3, str(run)
    assert mother_id not in run.stderr and mother_id[:17] not in run.stderr, str(run)
    assert name not in run.stderr, str(run)


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "exports.csv").mkdir()
    run = run_cli(("indicators", "exports.csv", *AS_OF, *EN), tmp_path)
    assert_one_error_line(run, 3, "exports.csv", "directory")


def test_missing_path(tmp_path: Path) -> None:
    run = run_cli(("indicators", "gone.csv", *AS_OF, *EN), tmp_path)
    assert_one_error_line(run, 3, "gone.csv", "no such file")


def test_xlsx_renamed_csv_is_read(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(make_corpus.HEADER)
    for row in make_corpus.records(5):
        sheet.append(row)
    book.save(tmp_path / "births.csv")
    assert (tmp_path / "births.csv").read_bytes()[:4] == b"PK\x03\x04"
    run = run_cli(("indicators", "births.csv", *AS_OF), tmp_path)
    # Read by its content, as a workbook (docs/data.md "Workbooks"): the 5 records written.
    assert run.code == 0, str(run)
    assert summary_counts(run.err_lines[0], "births.csv#Sheet")[:2] == [5, 5]


def test_empty_standard_input(tmp_path: Path) -> None:
    run = run_cli(("indicators", "-", *AS_OF, *EN), tmp_path, stdin=b"")
    assert_one_error_line(run, 3, "<stdin>", "empty")


def test_mixed_encodings_past_the_sample(tmp_path: Path) -> None:
    """GB18030 rows, then UTF-8 rows beyond the 64 KiB the detector looks at."""
    make_corpus.past_sample(tmp_path / "mixed.csv", "utf8_tail")
    run = run_cli(("indicators", "mixed.csv", *AS_OF, *EN), tmp_path)
    assert_one_error_line(run, 3, "mixed.csv", "encoding")


@pytest.mark.parametrize("defect", ["gb_tail", "gb_ragged_tail"])
def test_mixed_encodings_utf8_then_gb18030(tmp_path: Path, defect: str) -> None:
    make_corpus.past_sample(tmp_path / "mixed.csv", defect)
    run = run_cli(("indicators", "mixed.csv", *AS_OF, *EN), tmp_path)
    assert_one_error_line(run, 3, "mixed.csv", "encoding")


@pytest.mark.parametrize("defect", ["gb_tail", "gb_ragged_tail"])
def test_mixed_encodings_utf8_then_gb18030_exit_3(tmp_path: Path, defect: str) -> None:
    make_corpus.past_sample(tmp_path / "mixed.csv", defect)
    run = run_cli(("indicators", "mixed.csv", *AS_OF), tmp_path)
    assert run.code == 3, str(run)
    assert run.stdout == b""


def test_nul_bytes_past_the_sample_reject_their_row(tmp_path: Path) -> None:
    """NUL bytes in one row of 2,500 (under 10 rows and 1%): that row is rejected with
    nul_bytes, named by its row, and the others are used (once the whole file was refused;
    before that they were used silently)."""
    path = make_corpus.past_sample(tmp_path / "nul.csv", "nul")
    data = path.read_bytes()
    row = data[: data.index(b"\x00")].count(b"\n") + 1  # header = row 1, no quoted breaks
    assert row == 1528
    run = run_cli(("indicators", "nul.csv", *AS_OF, "--format", "json", "--rejects",
                   "rejects.csv"), tmp_path)
    assert run.code == 0, str(run)
    inp = run.json()["inputs"][0]
    assert (inp["rows_read"], inp["rows_rejected"]) == (2500, 1)
    assert_counts_reconcile(inp)
    rejects = read_rejects(tmp_path / "rejects.csv")
    assert [(r["row"], r["code"], r["column"]) for r in rejects] == [
        (str(row), "nul_bytes", "mother_name")]


def test_nul_bytes_past_the_sample_in_many_rows(tmp_path: Path) -> None:
    """In 11 rows (more than 10, though 0.44% of 2,500): a file-level error naming the
    first row and how to remove them."""
    path = make_corpus.past_sample(tmp_path / "nul.csv", "nul")
    lines = path.read_bytes().split(b"\r\n")
    for i in range(2000, 2010):  # ten more rows, rows 2001–2010
        lines[i] = lines[i].replace(b",", b",\x00", 1)
    path.write_bytes(b"\r\n".join(lines))
    run = run_cli(("indicators", "nul.csv", *AS_OF, *EN), tmp_path)
    line = assert_one_error_line(run, 3, "nul.csv", "NUL bytes in more than 10 rows",
                                 "row 1528", "tr -d")
    assert "\x00" not in line


def test_100mb_single_line_fails_in_bounded_memory(big_line: Path, tmp_path: Path) -> None:
    """A 100 MB line: a clear error, exit 3, and the child's peak RSS stays under 1 GiB.

    A fresh interpreter runs the command so that RUSAGE_CHILDREN holds that child only."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stderr.buffer.write(p.stderr)\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper,
         *cli_argv("indicators", str(big_line), *AS_OF, *EN)],
        cwd=tmp_path, env=cli_env(), capture_output=True, timeout=120, check=False,
    )
    code, peak_kib = (int(x) for x in proc.stdout.split())
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert code == 3, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("jisheng: error: "), stderr
    assert big_line.name in lines[0] and "longer" in lines[0], stderr
    assert peak_kib * 1024 < 1 << 30, f"peak RSS {peak_kib} KiB"


# ------------------------------------------------------------------ wrong encoding declared

@pytest.mark.parametrize(
    "encoding",
    ["utf-16", "utf-32", "ascii", "utf-8"],
)
def test_wrong_encoding_declared(tmp_path: Path, encoding: str) -> None:
    corpus_copy("gb18030_register.csv", tmp_path)
    run = run_cli(("indicators", "gb18030_register.csv", "--encoding", encoding, *AS_OF),
                  tmp_path)
    assert_one_error_line(run, 3, "gb18030_register.csv")


@pytest.mark.parametrize(
    ("name", "extra"),
    [("gb18030_register.csv", ("--encoding", "ascii")),
     ("gb18030_register.csv", ("--encoding", "utf-8")),
     ("utf8_bom_gb18030_body.csv", ())],
    ids=["--encoding ascii", "--encoding utf-8", "UTF-8 BOM on GB18030"],
)
def test_wrong_encoding_is_named(tmp_path: Path, name: str, extra: tuple[str, ...]) -> None:
    """docs/data.md: a wrong guess must never produce mojibake silently; say so."""
    corpus_copy(name, tmp_path)
    run = run_cli(("indicators", name, *extra, *AS_OF, *EN), tmp_path)
    line = assert_one_error_line(run, 3, name)
    assert "\ufffd" not in line, line
    assert any(w in line.lower() for w in ("decode", "encoding")), line


# ------------------------------------------------------------------ row-level faults


@dataclass
class Expect:
    read: int
    used: int
    rejected: int = 0
    blank: int = 0
    errors: frozenset[tuple[int, str]] = frozenset()  # (spreadsheet row, code)
    encoding: str | None = None
    extra: tuple[str, ...] = ()
    check: Callable[[dict[str, Any]], None] | None = None
    setup: Callable[[Path], str] | None = None  # writes the input, returns its name
    stdin: bool = False


def _village_names(report: dict[str, Any]) -> dict[str, str]:
    return {r["group_code"]: r["group_name"] for r in report["rows"]
            if r["group_level"] == "village"}


def _rare_chars(report: dict[str, Any]) -> None:
    assert _village_names(report)[make_corpus.VILLAGES[0][0]] == "䶮镕村"


def _merged(report: dict[str, Any]) -> None:
    assert _village_names(report) == {code: village for code, _, village in make_corpus.VILLAGES}
    townships = {r["group_code"]: r["group_name"] for r in report["rows"]
                 if r["group_level"] == "township"}
    assert townships == {code[:9]: town for code, town, _ in make_corpus.VILLAGES}


def _ascii_codes(report: dict[str, Any]) -> None:
    assert set(_village_names(report)) == {code for code, _, _ in make_corpus.VILLAGES}


def _all_in_year(report: dict[str, Any]) -> None:
    (total,) = [r for r in report["rows"]
                if r["group_level"] == "total" and r["indicator"] == "births_total"]
    assert total["value"] == 12, total


def _long_cells(tmp: Path) -> str:
    make_corpus.long_cells_file(tmp / "long_cells.csv")
    return "long_cells.csv"


def _stdin(tmp: Path) -> str:
    corpus_copy("gb18030_register.csv", tmp)
    return "-"


ROW_LEVEL: dict[str, Expect] = {
    "ragged.csv": Expect(12, 10, rejected=2,
                         errors=frozenset({(5, "ragged_row"), (9, "ragged_row")})),
    "scientific_ids.csv": Expect(12, 10, rejected=2, errors=frozenset(
        {(4, "id_scientific_notation"), (7, "id_scientific_notation")})),
    "gbk_rare_chars.csv": Expect(12, 12, encoding="gb18030", check=_rare_chars),
    "repeated_header.csv": Expect(13, 12, blank=1),
    # The second export's title line is not a header, blank or totals row: it is reported.
    "concatenated_with_titles.csv": Expect(14, 12, rejected=1, blank=1,
                                           errors=frozenset({(9, "missing_value")})),
    "totals_mid_file.csv": Expect(14, 12, blank=2),
    "quoted_newline.csv": Expect(12, 11, rejected=1,
                                 errors=frozenset({(10, "unparseable_date")})),
    "trailing_delimiters.csv": Expect(12, 12),
    "merged_cells.csv": Expect(16, 16, check=_merged),
    # Without codes the names are the group keys: a blank one is a missing value (docs/data.md).
    "merged_cells_names.csv": Expect(16, 4, rejected=12, errors=frozenset(
        (row, "missing_value") for row in range(2, 18) if (row - 2) % 4)),
    "full_width_digits.csv": Expect(12, 12, check=_ascii_codes),
    "crlf_register.csv": Expect(12, 11, rejected=1, errors=frozenset({(6, "id_check_digit")})),
    "excel_serial_dates.csv": Expect(12, 12, extra=("--year", "2012"), check=_all_in_year),
    "title_above_header.csv": Expect(12, 11, rejected=1,
                                     errors=frozenset({(9, "unknown_sex_code")})),
    "long_cells.csv": Expect(12, 12, setup=_long_cells),
    "padded_ids.csv": Expect(12, 12),
    "excel_numbers.csv": Expect(12, 12, extra=("--year", "2012"), check=_all_in_year),
    "blank_tail.csv": Expect(62, 12, blank=50),
    "duplicate_unknown_headers.csv": Expect(8, 8),
    "utf16_tab.txt": Expect(12, 12, encoding="utf-16"),
    "mixed_line_ends.csv": Expect(12, 12),
    "semicolons.csv": Expect(12, 12, extra=("--delimiter", ";")),
    "stdin": Expect(30, 30, setup=_stdin, stdin=True, encoding="gb18030"),
}

def _row_cases() -> list[Any]:
    return [pytest.param(name, id=name) for name in ROW_LEVEL]


@pytest.mark.parametrize("case", _row_cases())
def test_row_level(tmp_path: Path, case: str) -> None:
    exp = ROW_LEVEL[case]
    if exp.setup:
        name = exp.setup(tmp_path)
    else:
        name = corpus_copy(case, tmp_path).name
    stdin = (tmp_path / "gb18030_register.csv").read_bytes() if exp.stdin else None
    run = run_cli(("indicators", name, "--by", "township,village", "--format", "json",
                   "--rejects", "rejects.csv", *exp.extra, *AS_OF), tmp_path, stdin=stdin)
    assert "Traceback" not in run.stderr, str(run)
    assert run.code == 0, str(run)
    shown = "<stdin>" if name == "-" else name
    lines = run.err_lines
    # The summary (zh by default): read, used, rejected come first in either language.
    assert summary_counts(lines[0], shown)[:3] == [exp.read, exp.used, exp.rejected], str(run)
    # Then the data's span when no period is asked, then the hint when a row was rejected.
    spans = [line for line in lines if line.startswith("数据日期 ")]
    assert len(spans) == (0 if "--year" in exp.extra else 1), str(run)
    assert len(lines) == 1 + len(spans) + bool(exp.rejected), str(run)
    (inp,) = run.json()["inputs"]
    assert (inp["rows_read"], inp["rows_used"], inp["rows_rejected"],
            inp["rows_skipped_blank"]) == (exp.read, exp.used, exp.rejected, exp.blank), inp
    assert_counts_reconcile(inp)
    if exp.encoding:
        assert inp["encoding"] == exp.encoding
    errors = {(int(r["row"]), r["code"]) for r in read_rejects(tmp_path / "rejects.csv")
              if r["severity"] == "error"}
    assert errors == exp.errors
    if exp.check:
        exp.check(run.json())


@pytest.mark.parametrize("name", ["ragged.csv", "scientific_ids.csv", "quoted_newline.csv"])
def test_row_level_strict(tmp_path: Path, name: str) -> None:
    corpus_copy(name, tmp_path)
    run = run_cli(("indicators", name, "--strict", "-q", *AS_OF), tmp_path)
    assert run.code == 1, str(run)
    assert run.stderr == "", str(run)
    assert run.stdout  # the indicators are still written


def test_validate_row_numbers_with_quoted_newlines(tmp_path: Path) -> None:
    """Row numbers are spreadsheet rows: quoted line breaks do not start rows."""
    corpus_copy("quoted_newline.csv", tmp_path)
    run = run_cli(("validate", "quoted_newline.csv", "--format", "json", *AS_OF), tmp_path)
    assert run.code == 1, str(run)
    findings = run.json()
    assert {(f["row"], f["code"]) for f in findings if f["severity"] == "error"} == {
        (10, "unparseable_date")}
    assert max(f["row"] for f in findings) <= 13  # 12 records after the header
