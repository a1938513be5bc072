"""Fuzzing (hypothesis): whatever the bytes, the library ends with a result or a
JishengError whose exit code is 2 or 3, and the command with exit 0, 1 or 3 and no
traceback. Cell parsers fail only with their ParseError; the vectorised parsers never
raise and agree with the scalar ones.

Library runs are cheap, so they carry the volume (≤ 50 examples each, no deadline); the
command is fuzzed with a handful of examples only (each is a subprocess).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import JishengError, ParseError
from jisheng_cli.periods import period_from_options
from jisheng_cli.pipeline import run
from jisheng_cli.readers.sources import Source, parse_source
from jisheng_cli.records import codes, dates, ids, money, vector
from jisheng_cli.records.schema import columns
from jisheng_cli.settings import Settings

from . import make_corpus
from .helpers import AS_OF, run_cli

# A callback that raises inside pyarrow (the invalid-row handler, say) prints "Exception
# ignored … Traceback" on stderr through the unraisable hook: make that a failure here.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

AS_OF_DATE = date(2026, 11, 22)
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
CLI_FUZZ = settings(FUZZ, max_examples=4)

ALIASES = sorted({alias for kind in ("births", "fees", "population", "survey")
                  for c in columns(kind) for alias in (c.name, *c.aliases)})
REAL_CELLS = [
    "420525198503070028", "42052519771126238X", "42052519771126238x", "420525790326472",
    "2012-03-05", "2012/3/5", "2012.3.5", "20120305", "2012年3月5日", "40973",
    "2012-03-05 00:00:00", "男", "女", "1", "2", "0", "9", "1.0", "政策内", "政策外", "符合",
    "第2孩", "二孩", "420525100201", "鸣凤镇", "永坡村", "王秀英", "常住", "流入",
    "¥12,345.60", "12345.6元", "4.6683", "是", "否",
]
BROKEN_CELLS = [
    "", " ", "4.20525E+17", "4.2E+17", "2012-02-30", "5/1/2023", "1949-12-31", "2099-01-01",
    "42052519771126238", "４２０５２５１９８５０３０７００２８", "420525 19850307 0028",
    "\t420525198503070028", "合计", "小计", "总计", "序号", "母亲身份证号", "=1+1", "@SUM(A1)",
    "-1", "(1,200.00)", "待定", "NaN", "1e308", "9" * 40, "\x00", "\ufeff", "\u200b", '"',
    "'", '"a""b"', "a\r\nb", "a\nb", "\r", "x" * 300, "第二十一孩", "21", "-0", "1.5",
]
CELLS = st.one_of(st.sampled_from(REAL_CELLS + BROKEN_CELLS), st.text(max_size=12))
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"]
DECLARED = [None, None, "utf-8", "gb18030", "gbk", "latin-1", "ascii", "utf-16", "utf-32"]
DELIMITERS = [None, None, ",", "\t", ";"]


def _run_library(data: bytes, *, prefix: str = "", extra: tuple[str, ...] = (),
                 **options: Any) -> None:
    """Write `data`, run the pipeline; only a result or an exit-2/3 JishengError is allowed."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "register.csv"
        path.write_bytes(data)
        sources = [parse_source(prefix + str(path))]
        for other in extra:  # companion files reuse the same bytes under another kind
            sources.append(parse_source(other + str(path)))
        try:
            outcome = run(sources, Settings(as_of=AS_OF_DATE, **options))
        except JishengError as e:
            assert e.exit_code in (2, 3), repr(e)
            assert str(e) and "\n" not in str(e)
            return
        for inp in outcome.report.inputs:
            assert inp.rows_read == (inp.rows_used + inp.rows_rejected + inp.rows_duplicate
                                     + inp.rows_out_of_period + inp.rows_skipped_blank)


@FUZZ
@given(data=st.binary(max_size=600), declared=st.sampled_from(DECLARED),
       delimiter=st.sampled_from(DELIMITERS))
def test_random_bytes(data: bytes, declared: str | None, delimiter: str | None) -> None:
    _run_library(data, encoding=declared, delimiter=delimiter)


@FUZZ
@given(data=st.binary(max_size=300), head=st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04", ",".join(make_corpus.HEADER).encode()
     + b"\r\n", ",".join(make_corpus.HEADER).encode("gb18030") + b"\n"]))
def test_random_bytes_after_a_plausible_start(data: bytes, head: bytes) -> None:
    _run_library(head + data)


@st.composite
def random_csv(draw: st.DrawFn) -> tuple[bytes, dict[str, Any]]:
    """A header of real aliases, cells real and broken, any delimiter, line end, encoding."""
    n = draw(st.integers(1, 12))
    header = draw(st.lists(st.sampled_from(ALIASES), min_size=n, max_size=n))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=n + 2), max_size=12))
    delimiter = draw(st.sampled_from([",", "\t", ";", "|"]))
    title = [make_corpus.TITLE] if draw(st.booleans()) else []
    line_end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    text = line_end.join(title + [delimiter.join(header)] + [delimiter.join(r) for r in rows])
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    options = {"encoding": draw(st.sampled_from(DECLARED)),
               "delimiter": draw(st.sampled_from(DELIMITERS))}
    return data, options


@FUZZ
@given(case=random_csv())
def test_random_csv_structures(case: tuple[bytes, dict[str, Any]]) -> None:
    data, options = case
    _run_library(data, **options)


@st.composite
def damaged_register(draw: st.DrawFn) -> tuple[bytes, dict[str, Any]]:
    """A valid register with damaged cells, a dropped column, and random run options."""
    rows = make_corpus.records(draw(st.integers(1, 15)))
    for _ in range(draw(st.integers(0, 15))):
        r = draw(st.integers(0, len(rows) - 1))
        rows[r][draw(st.integers(0, 11))] = draw(CELLS)
    header = list(make_corpus.HEADER)
    if draw(st.booleans()):
        drop = draw(st.integers(0, 11))
        header.pop(drop)
        rows = [r[:drop] + r[drop + 1:] for r in rows]
    if draw(st.booleans()):  # a ragged row
        rows.append(rows[0][: draw(st.integers(0, 14))])
    text = make_corpus.to_text(
        rows, header=header, title=make_corpus.TITLE if draw(st.booleans()) else None,
        line_end=draw(st.sampled_from(["\r\n", "\n"])),
        delimiter=draw(st.sampled_from([",", "\t"])),
    )
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    levels = ["total", "county", "township", "village", "year"]
    options = {
        "by": draw(st.lists(st.sampled_from(levels), min_size=1, max_size=3, unique=True)),
        "period": period_from_options(draw(st.sampled_from([None, "2012", "2011..2013",
                                                            "2020"])), None, None),
        "block_bytes": draw(st.sampled_from([4 << 20, 1 << 12, 300, 1])),
        "compute": draw(st.booleans()),
        "show_personal_data": draw(st.booleans()),
    }
    return data, options


@FUZZ
@given(case=damaged_register(), prefix=st.sampled_from(["", "births:", "fees:", "survey:"]))
def test_damaged_registers(case: tuple[bytes, dict[str, Any]], prefix: str) -> None:
    data, options = case
    # A survey is measured against a births register: give it one (the same rows).
    extra = ("births:",) if prefix == "survey:" else ()
    _run_library(data, prefix=prefix, extra=extra, **options)


# ------------------------------------------------------------------ parsers

ANY_CELL = st.one_of(CELLS, st.none(), st.integers(), st.floats())


@FUZZ
@given(cell=ANY_CELL)
def test_cell_parsers_fail_only_with_parse_error(cell: Any) -> None:
    for parser in (dates.parse_date, ids.parse_id, codes.parse_sex, codes.parse_policy,
                   codes.parse_birth_order, money.parse_money,
                   lambda c: money.parse_money(c, money.FEN_PER_WAN_YUAN)):
        try:
            parser(cell)
        except ParseError as e:
            assert e.code and e.message


@FUZZ
@given(values=st.lists(st.one_of(CELLS, st.none()), max_size=25))
def test_map_unique_never_raises_and_agrees(values: list[str | None]) -> None:
    for parser in (codes.parse_sex, codes.parse_birth_order, dates.parse_date,
                   money.parse_money):
        parsed, err, found_codes, _ = vector.map_unique(values, parser, object, None)
        assert len(parsed) == len(err) == len(values)
        for i, value in enumerate(values):
            try:
                expected = parser(value)
            except ParseError as e:
                assert err[i] != 0 and found_codes[err[i] - 1] == e.code, value
            else:
                assert err[i] == 0 and parsed[i] == expected, value


ID_CELLS = st.one_of(
    CELLS,
    st.text(alphabet="0123456789Xx \t０１２３４５６７８９Ｘ.E+", max_size=20),
    st.builds(lambda seq, born: make_corpus.make_id(seq, born),
              st.integers(0, 999), st.dates(date(1900, 1, 1), date(2020, 12, 31))),
    st.builds(lambda seq: make_corpus.make_id15(seq), st.integers(0, 999)),
    st.none(),
)


@FUZZ
@given(values=st.lists(ID_CELLS, max_size=25))
def test_parse_ids_never_raises_and_agrees(values: list[str | None]) -> None:
    col = vector.parse_ids(values)
    assert len(col) == len(values)
    canonical = vector.canonical_ids(col)
    for i, value in enumerate(values):
        try:
            expected = ids.parse_id(value)
        except ParseError as e:
            assert col.err[i] != 0 and col.codes[col.err[i] - 1] == e.code, value
        else:
            assert col.err[i] == 0 and canonical[i] == expected, value
    assert np.all((col.err == 0) | (col.id17 == 0))
    assert "4205" not in repr(col)  # the repr never shows ID numbers


# ------------------------------------------------------------------ the command


@settings(CLI_FUZZ, max_examples=4)
@given(data=st.binary(min_size=1, max_size=400))
def test_cli_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "f.csv").write_bytes(data)
        run = run_cli(("indicators", "f.csv", *AS_OF), Path(d))
    assert "Traceback" not in run.stderr, str(run)
    assert run.code in (0, 1, 3), str(run)
    if run.code == 3:
        assert len(run.err_lines) == 1, str(run)
        assert run.err_lines[0].startswith(run.error_prefix + "f.csv: "), str(run)


@settings(CLI_FUZZ, max_examples=5)
@given(case=damaged_register(), command=st.sampled_from(["indicators", "validate"]))
def test_cli_damaged_registers(case: tuple[bytes, dict[str, Any]], command: str) -> None:
    data, _ = case
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "f.csv").write_bytes(data)
        run = run_cli((command, "f.csv", "--format", "csv", *AS_OF), Path(d))
    assert "Traceback" not in run.stderr, str(run)
    assert run.code in (0, 1, 3), str(run)


def test_source_objects_are_plain() -> None:
    """The library entry point named in the brief: run([Source(path)], Settings(...))."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "r.csv"
        path.write_bytes((make_corpus.CORPUS / "crlf_register.csv").read_bytes())
        outcome = run([Source(str(path))], Settings(as_of=AS_OF_DATE))
    (inp,) = outcome.report.inputs
    assert (inp.rows_read, inp.rows_used, inp.rows_rejected) == (12, 11, 1)
