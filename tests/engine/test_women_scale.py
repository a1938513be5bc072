"""The women's register at scale: on a generated register of a million rows `--engine dask`
gives the pandas engine's rows, findings and input summaries, and on 50,000 rows the
pandas engine gives the same at three block sizes (women are resolved across blocks and
partitions: the repeated women straddle them). The row counts are the generator's own:
each defect one rejected row, each repeated woman one duplicate."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from jisheng_cli.pipeline import Outcome
from tests.helpers import ROOT, compute

YEAR = "2012"  # the generator's dates end at 2012-09-30, this year's stock date


def generated(tmp_path_factory: pytest.TempPathFactory, rows: int) -> tuple[str, Any]:
    """`women:` and the path of a generated register of `rows` rows; its built-in counts."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_women import generate
    finally:
        sys.path.pop(0)
    path = tmp_path_factory.mktemp("women_scale") / f"women_{rows}.csv"
    return f"women:{path}", generate(rows, path)


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    return generated(tmp_path_factory, 1_000_000)


@pytest.fixture(scope="module")
def fifty_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    return generated(tmp_path_factory, 50_000)


def assert_same(a: Outcome, b: Outcome) -> None:
    assert [r.to_dict() for r in b.report.rows] == [r.to_dict() for r in a.report.rows]
    assert b.findings == a.findings
    assert b.report.inputs == a.report.inputs


def assert_counts(outcome: Outcome, expected: Any) -> None:
    (summary,) = outcome.report.inputs
    assert summary.kind == "women"
    assert summary.rows_read == expected.rows
    assert summary.rows_rejected == expected.rejected
    assert summary.rows_duplicate == expected.repeated
    assert summary.reconciles()
    # Women born 1960-2000 at S = 2012-09-30: those under 15 or over 49 are outside.
    assert summary.rows_out_of_period > 0
    codes = {f.code for f in outcome.findings}
    assert {"id_check_digit", "woman_id_male", "unknown_method_code", "duplicate"} <= codes


def test_dask_equals_pandas_at_a_million_rows(million: tuple[str, Any], scheduler: str) -> None:
    source, expected = million
    pandas = compute([source], year=YEAR, by=["village"])
    # 16 MiB partitions: the 119 MiB file in 8 ranges of lines, on two workers.
    dask = compute([source], year=YEAR, by=["village"], engine="dask", scheduler=scheduler,
                   partition_bytes=16 << 20)
    assert_same(pandas, dask)
    assert_counts(pandas, expected)


def test_block_sizes_and_engines_agree_on_50000_rows(fifty_thousand: tuple[str, Any],
                                                      scheduler: str) -> None:
    source, expected = fifty_thousand
    # About 6 MB: 64 KiB blocks are ~100 of them, 1 MiB ~6, 16 MiB the whole file.
    first, *others = [compute([source], year=YEAR, by=["village"], block_bytes=b)
                      for b in (64 << 10, 1 << 20, 16 << 20)]
    for other in others:
        assert_same(first, other)
    dask = compute([source], year=YEAR, by=["village"], engine="dask", scheduler=scheduler,
                   partition_bytes=1 << 20)
    assert_same(first, dask)
    assert_counts(first, expected)
