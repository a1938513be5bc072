"""The JSON output contract (docs/cli.md) on the sample register, and determinism."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from statsmodels.stats.proportion import proportion_confint

from .helpers import (
    CONTRACT,
    CSV_RUN,
    ROW_FIELDS,
    SAMPLE,
    TOWNSHIPS,
    Run,
    run_cli,
    summary_counts,
)

HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def _rows(report: dict[str, Any], indicator: str, level: str | None = None) -> list[dict]:
    return [
        r for r in report["rows"]
        if r["indicator"] == indicator and (level is None or r["group_level"] == level)
    ]


def _total(report: dict[str, Any], indicator: str) -> dict[str, Any]:
    (row,) = _rows(report, indicator, "total")
    return row


def _wilson(successes: int, n: int) -> tuple[float, float]:
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def test_top_level_keys(contract: dict[str, Any]) -> None:
    assert list(contract) == [
        "tool", "version", "period", "as_of", "by", "definitions", "inputs", "rows",
    ]
    assert contract["tool"] == "jisheng"
    assert contract["version"] == "0.1.0"
    assert contract["period"] == {"from": "2011-10-01", "to": "2012-09-30"}
    assert contract["as_of"] == "2026-11-22"
    assert contract["by"] == ["township"]
    d = contract["definitions"]
    assert d["confidence"] == 0.95
    assert d["interval_method"] == "wilson"
    assert d["srb_normal_range"] == [103, 107]
    assert d["min_denominator"] == 20


def test_inputs_counts_reconcile(contract: dict[str, Any]) -> None:
    (inp,) = contract["inputs"]
    assert inp == {
        "path": SAMPLE,
        "kind": "births",
        "encoding": "gb18030",
        "rows_read": 1718,
        "rows_used": 1562,
        "rows_rejected": 3,
        "rows_duplicate": 1,
        "rows_out_of_period": 150,
        "rows_skipped_blank": 2,
        # Valid births, in or out of 2012 (sample_data/README.md: the 150 outside it run
        # to 2012-12-31; no defective record lies outside 2012).
        "first_date": "2011-07-02",
        "last_date": "2012-12-31",
        "repeats": [],  # it repeats no other input (docs/data.md "Files given twice")
    }
    assert inp["rows_read"] == sum(
        inp[k] for k in (
            "rows_used", "rows_rejected", "rows_duplicate", "rows_out_of_period",
            "rows_skipped_blank",
        )
    )


def test_stderr_summary_gives_the_same_counts(sample: Callable[..., Run]) -> None:
    """The summary line (zh by default) holds the JSON's counts, in the order read, used,
    rejected, duplicate, out of period, blank/totals, then 1 warning (row 65)."""
    run = sample(*CONTRACT)
    assert summary_counts(run.err_lines[0], SAMPLE) == [1718, 1562, 3, 1, 150, 2, 1], run.stderr


def test_row_fields_exactly(contract: dict[str, Any]) -> None:
    assert contract["rows"]
    for row in contract["rows"]:
        assert list(row) == ROW_FIELDS


def test_policy_conformance_total(contract: dict[str, Any]) -> None:
    row = _total(contract, "policy_conformance_rate")
    low, high = _wilson(1549, 1562)
    assert row["group_code"] is None
    assert row["group_name"] == "合计"
    assert row["year"] is None
    assert row["numerator"] == 1549
    assert row["denominator"] == 1562
    assert row["value"] == 1549 / 1562 * 100
    assert row["unit"] == "%"
    assert row["ci_low"] == pytest.approx(low * 100, rel=1e-12)
    assert row["ci_high"] == pytest.approx(high * 100, rel=1e-12)
    assert row["ci_low"] == pytest.approx(98.5812, abs=1e-4)  # docs/cli.md example
    assert row["ci_high"] == pytest.approx(99.5130, abs=1e-4)
    assert row["target_min"] == 92
    assert row["target_max"] is None
    assert "92%" in row["target_source"]
    assert row["status"] == "met"
    assert row["gap"] == pytest.approx(row["value"] - 92, abs=1e-12)
    assert row["note"] is None


def test_births_total_is_a_count(contract: dict[str, Any]) -> None:
    row = _total(contract, "births_total")
    assert row["numerator"] == row["value"] == 1562
    assert row["unit"] == "count"
    for key in ("denominator", "ci_low", "ci_high", "status"):
        assert row[key] is None, key
    assert _total(contract, "births_male")["value"] == 800
    assert _total(contract, "births_female")["value"] == 762
    assert _total(contract, "out_of_policy_births")["value"] == 13


def test_out_of_policy_multichild_rate(contract: dict[str, Any]) -> None:
    row = _total(contract, "out_of_policy_multichild_rate")
    assert (row["numerator"], row["denominator"]) == (1, 1562)
    assert row["value"] == pytest.approx(1 / 1562 * 100, rel=1e-12)
    assert row["target_max"] == 1
    assert row["status"] == "met"
    assert row["gap"] == pytest.approx(1 - row["value"], abs=1e-12)


def test_sex_ratio_at_birth(contract: dict[str, Any]) -> None:
    row = _total(contract, "sex_ratio_at_birth")
    assert (row["numerator"], row["denominator"]) == (800, 762)
    assert row["value"] == pytest.approx(800 / 762 * 100, rel=1e-12)
    assert (row["target_min"], row["target_max"]) == (103, 107)
    assert row["status"] == "met"
    # Wilson on p = male / (male + female), mapped by 100 p / (1 - p) (docs/indicators.md).
    low, high = _wilson(800, 1562)
    assert row["ci_low"] == pytest.approx(100 * low / (1 - low), rel=1e-9)
    assert row["ci_high"] == pytest.approx(100 * high / (1 - high), rel=1e-9)
    # gap: the smaller distance to the bounds of the range, positive inside.
    assert row["gap"] == pytest.approx(min(row["value"] - 103, 107 - row["value"]), abs=1e-12)


def test_seven_townships_per_indicator(contract: dict[str, Any]) -> None:
    indicators = {r["indicator"] for r in contract["rows"]}
    assert "policy_conformance_rate" in indicators
    for indicator in indicators:
        rows = _rows(contract, indicator, "township")
        assert len(rows) == 7, indicator
        assert {r["group_code"]: r["group_name"] for r in rows} == TOWNSHIPS
        for r in rows:
            assert re.fullmatch(r"420525\d{3}", r["group_code"])
            assert HAN.match(r["group_name"])
        assert len(_rows(contract, indicator, "total")) == 1
    assert {r["group_level"] for r in contract["rows"]} == {"total", "township"}


def test_townships_add_up_to_the_total(contract: dict[str, Any]) -> None:
    for indicator, total in (
        ("births_total", 1562), ("births_male", 800), ("births_female", 762),
        ("out_of_policy_births", 13),
    ):
        assert sum(r["value"] for r in _rows(contract, indicator, "township")) == total
    rows = _rows(contract, "policy_conformance_rate", "township")
    assert sum(r["numerator"] for r in rows) == 1549
    assert sum(r["denominator"] for r in rows) == 1562


def test_order_total_first_then_townships_by_code(contract: dict[str, Any]) -> None:
    groups: list[tuple[str, str | None]] = []
    for r in contract["rows"]:
        key = (r["group_level"], r["group_code"])
        if not groups or groups[-1] != key:
            groups.append(key)
    assert groups == [("total", None)] + [("township", c) for c in sorted(TOWNSHIPS)]
    # every group lists the indicators in the same order
    first = [r["indicator"] for r in contract["rows"] if r["group_level"] == "total"]
    for code in TOWNSHIPS:
        assert [r["indicator"] for r in contract["rows"] if r["group_code"] == code] == first


# ---- determinism: the same run twice gives the same bytes ---------------------------------

def test_json_is_byte_identical_across_runs(
    sample: Callable[..., Run], session_dir: Path
) -> None:
    again = run_cli(CONTRACT, session_dir)
    assert again.code == 0, str(again)
    assert again.stdout == sample(*CONTRACT).stdout


def test_csv_is_byte_identical_across_runs(
    sample: Callable[..., Run], session_dir: Path
) -> None:
    args = (*CSV_RUN, "--format", "csv")
    first, second = sample(*args), run_cli(args, session_dir)
    assert first.code == second.code == 0, str(second)
    assert first.stdout and first.stdout == second.stdout


def test_xlsx_is_byte_identical_across_runs(xlsx_pair: tuple[Path, Path]) -> None:
    a, b = (p.read_bytes() for p in xlsx_pair)
    assert a.startswith(b"PK\x03\x04")
    assert a == b
