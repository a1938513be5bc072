"""Shared by the kernel tests: run a file's batches through both paths and compare."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from jisheng_cli.checks.births import CheckedBirths, check_births
from jisheng_cli.checks.common import CheckContext
from jisheng_cli.checks.excel_damage import look_ahead
from jisheng_cli.groups import values_of
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.readers.inputs import open_input
from jisheng_cli.readers.sources import Source

AS_OF = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]
# Every CSV the hardening suite and the fixtures hold.
CORPUS = sorted(
    p for folder in ("tests/hardening/corpus", "tests/fixtures/dialects",
                     "tests/fixtures/excel_damage", "tests/fixtures/footers")
    for p in (ROOT / folder).iterdir() if p.suffix in (".csv", ".txt")
)


def assert_same(reference: CheckedBirths, kernel: CheckedBirths) -> None:
    """Field by field: same arrays (dtype, shape, values), counts and findings."""
    assert reference.coded is None
    if kernel.coded is not None:  # the entries decode to the kernel's own columns
        for column, coded in zip(("village_code", "village_name", "township_name"),
                                 kernel.coded, strict=True):
            assert values_of(coded).tolist() == getattr(kernel, column).tolist(), column
    for f in dataclasses.fields(reference):
        if f.name == "coded":
            continue
        ref, got = getattr(reference, f.name), getattr(kernel, f.name)
        if isinstance(ref, np.ndarray):
            assert got.dtype == ref.dtype, f.name
            assert got.shape == ref.shape, f.name
            assert ref.tolist() == got.tolist(), f.name
        else:
            assert got == ref, f.name


def read_batches(path: Path, block_bytes: int) -> tuple[str, list[RawBatch], bool]:
    """(kind, batches, whether the file rule says the IDs were stored as numbers)."""
    f = open_input(Source(str(path)))
    try:
        batches = f.batches(block_bytes)
        tally, again = look_ahead(batches, "mother_id")
        return f.kind, list(again), tally.stored_as_numbers
    finally:
        f.close()


def compare_file(path: Path, block_bytes: int, **context: Any) -> int:
    """Check every batch of a births or survey file on both paths; the rows compared."""
    kind, batches, as_numbers = read_batches(path, block_bytes)
    assert kind in ("births", "survey"), kind
    return compare_batches(batches, kind == "survey", ids_as_numbers=as_numbers, **context)


def compare_batches(batches: list[RawBatch], survey: bool, **context: Any) -> int:
    base = CheckContext(path="f.csv", as_of=context.pop("as_of", AS_OF), **context)
    # One context per path, each carried across the batches as a run carries it.
    reference, kernel = replace(base, memos={}), replace(base, kernel=True, memos={})
    rows = 0
    for raw in batches:
        assert_same(check_births(raw, reference, survey), check_births(raw, kernel, survey))
        rows += len(raw)
    return rows
