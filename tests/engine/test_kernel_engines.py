"""The Dask engine's workers run the same compiled kernel: the pandas engine on the reference
path and the Dask engine with the kernel forced give the same report and findings, on the
sample data, a register cut into ranges of lines, and records built so that every
cross-file rule fires."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_engines import assert_same, crafted, generated  # noqa: F401
from tests.helpers import ROOT, compute

SAMPLE = ROOT / "sample_data"


def test_sample_data_reference_and_kernel_on_dask(scheduler: str) -> None:
    paths = [str(SAMPLE / "births.csv"), f"survey:{SAMPLE / 'survey.csv'}",
             f"checked:{SAMPLE / 'checked.csv'}"]
    reference = compute(paths, by=["village", "year"], kernel="never")
    kernel = compute(paths, by=["village", "year"], engine="dask", scheduler=scheduler,
                     kernel="always")
    assert_same(reference, kernel)


@pytest.mark.parametrize("partition_bytes", [64 << 20, 300_000])
def test_generated_register_reference_and_kernel_on_dask(
    generated: list[Path], scheduler: str, partition_bytes: int  # noqa: F811
) -> None:
    paths = [str(p) for p in generated]
    reference = compute(paths, by=["county", "township", "village", "year"], kernel="never")
    kernel = compute(paths, by=["county", "township", "village", "year"], engine="dask",
                     scheduler=scheduler, partition_bytes=partition_bytes, kernel="always")
    assert_same(reference, kernel)
    assert sum(i.rows_rejected for i in reference.report.inputs) > 0  # the checks had work


def test_every_cross_file_rule_reference_and_kernel_on_dask(
    crafted: list[str], scheduler: str  # noqa: F811
) -> None:
    reference = compute(crafted, by=["village", "year"], kernel="never")
    kernel = compute(crafted, by=["village", "year"], engine="dask", scheduler=scheduler,
                     kernel="always")
    assert_same(reference, kernel)
    codes = {f.code for f in kernel.findings}
    assert {"duplicate", "same_order_multiple_birth", "short_birth_interval"} <= codes
