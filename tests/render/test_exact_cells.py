"""The text formats round a row's exact value and gap (ResultRow.exact_value / exact_gap);
the machine formats keep the floats, byte for byte."""

from __future__ import annotations

import copy
import io
from fractions import Fraction

import openpyxl

from jisheng_cli.results import Report, ResultRow

from .helpers import make_report, parse_csv, render

INDICATORS = ["policy_conformance_rate", "multichild_rate", "fee_collection_rate"]


def _halves() -> list[ResultRow]:
    """Three exact halves whose floats lie just below them."""
    return [
        # 3961 × 100 / 4000 = 99.025 (float 99.02499999999999); target ≥ 99: gap 0.025
        # (float 0.024999999999991473).
        ResultRow("total", None, "合计", None, "policy_conformance_rate", 3961, 4000,
                  3961 / 4000 * 100, "%", target_min=99.0, gap=3961 / 4000 * 100 - 99.0,
                  status="met", exact_value=Fraction(3961 * 100, 4000),
                  exact_gap=Fraction(3961 * 100, 4000) - 99),
        # 11 × 100 / 2000 = 0.55 (float 0.5499999999999999)
        ResultRow("total", None, "合计", None, "multichild_rate", 11, 2000, 11 / 2000 * 100,
                  "%", exact_value=Fraction(11 * 100, 2000)),
        # 35 fen of 100,000 fen: 3500 / 100000 = 0.035 (float 0.034999999999999996)
        ResultRow("total", None, "合计", None, "fee_collection_rate", 0.35, 1000.0,
                  35 / 100_000 * 100, "%", exact_value=Fraction(35 * 100, 100_000)),
    ]


def _report() -> Report:
    return make_report(_halves(), indicators=INDICATORS, by=[])


def _floats_only() -> Report:
    report = _report()
    for r in report.rows:
        r.exact_value = r.exact_gap = None
    return report


def test_wide_csv_rounds_the_exact_value() -> None:
    # The policy rate has a target (≥ 99), so its status (met) follows its value.
    rows = parse_csv(render(_report(), "csv", lang="id"))
    assert rows[1][3:] == ["99.03", "met", "0.55", "0.04"]
    rows = parse_csv(render(_report(), "csv", lang="id", precision=1))
    assert rows[1][3:] == ["99.0", "met", "0.6", "0.0"]  # 99.025 → 99.0, 0.55 → 0.6, 0.035 → 0.0
    rows = parse_csv(render(_report(), "tsv", lang="id"), "\t")
    assert rows[1][3:] == ["99.03", "met", "0.55", "0.04"]


def test_without_an_exact_value_the_float_is_rounded() -> None:
    """Rows built by hand (or a formula without an exact form) still print, from the float:
    its shortest text 99.02499999999999 rounds down."""
    rows = parse_csv(render(_floats_only(), "csv", lang="id"))
    assert rows[1][3:] == ["99.02", "met", "0.55", "0.03"]


def test_long_csv_value_and_gap_columns() -> None:
    rows = parse_csv(render(_report(), "csv", "long"))
    header = rows[0]
    by_indicator = {r[header.index("indicator")]: dict(zip(header, r, strict=True))
                    for r in rows[1:]}
    policy = by_indicator["policy_conformance_rate"]
    assert (policy["value"], policy["gap"]) == ("99.03", "0.03")  # 0.025 → 0.03
    assert by_indicator["fee_collection_rate"]["value"] == "0.04"


def test_xlsx_numbers_are_the_text_shown() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), "xlsx", lang="id")))
    values = [c.value for c in next(book["indicators"].iter_rows(min_row=2, max_row=2))]
    assert values[3:] == [99.03, "met", 0.55, 0.04]
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), "xlsx", "long", lang="id")))
    ws = book["indicators"]
    header = [c.value for c in ws[1]]
    policy = [c.value for c in ws[2]]
    assert (policy[header.index("value")], policy[header.index("gap")]) == (99.03, 0.03)


def test_table_rounds_the_exact_value() -> None:
    wide = render(_report(), "table", width=120).decode("utf-8")
    assert "99.03" in wide and "0.04" in wide and "99.02" not in wide
    long = render(_report(), "table", "long", width=120, precision=1).decode("utf-8")
    assert "0.6" in long and "0.5 " not in long


def test_machine_formats_are_unchanged_by_exact_values() -> None:
    """json, ndjson and parquet write the floats: the same bytes with or without them."""
    for fmt in ("json", "ndjson", "parquet"):
        assert render(_report(), fmt) == render(_floats_only(), fmt), fmt
    assert render(_report(), "parquet", "wide") == render(_floats_only(), "parquet", "wide")
    assert b'"value": 99.02499999999999' in render(_report(), "json")
    assert b"exact" not in render(_report(), "json")


def test_a_missing_float_is_a_blank_cell_whatever_the_exact_value() -> None:
    """The float is the contract: where it is null the text formats show nothing."""
    report = _report()
    odd = copy.copy(report.rows[1])
    odd.value = None
    report.rows[1] = odd
    rows = parse_csv(render(report, "csv", lang="id"))
    assert rows[1][3:] == ["99.03", "met", "", "0.04"]
