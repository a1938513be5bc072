"""`--engine dask` on a compressed file and on a zip of two registers: workers reopen each
input from its Source (the member included) and read it whole, one partition each; the
result is the pandas engine's to the last byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.clirun import run_cli
from tests.helpers import ROOT, compute

FIXTURES = ROOT / "tests" / "fixtures" / "compressed"


@pytest.mark.parametrize("name", ["births.csv.gz", "births.csv.zst", "two.zip"])
def test_dask_reads_what_pandas_reads(name: str, scheduler: str) -> None:
    path = FIXTURES / name
    # A partition size far below the file's: a plain CSV would be cut into ranges.
    pandas = compute([path], year="2012", by=["township"])
    dask = compute([path], year="2012", by=["township"], engine="dask", scheduler=scheduler,
                   partition_bytes=4096)
    assert dask.report.to_dict() == pandas.report.to_dict()
    assert dask.findings == pandas.findings
    if name == "two.zip":
        assert [i.path for i in dask.report.inputs] == [
            f"{path}!births.csv", f"{path}!small.csv"]
        # births_small has 14 rows under its header; the sample 1718.
        assert [i.rows_read for i in dask.report.inputs] == [1718, 14]


def test_dask_on_a_gz_through_the_command(scheduler: str, tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "births.csv.gz", tmp_path / "births.csv.gz")
    args = ["indicators", "births.csv.gz", "--year", "2012", "--as-of", "2026-11-22",
            "--format", "json", "-q"]
    pandas = run_cli(args, tmp_path)
    dask = run_cli([*args, "--engine", "dask", "--scheduler", scheduler], tmp_path)
    assert pandas.code == dask.code == 0, str(dask)
    assert dask.stdout == pandas.stdout
    assert dask.json()["inputs"][0]["rows_read"] == 1718
