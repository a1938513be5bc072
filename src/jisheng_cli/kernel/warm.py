"""Compile (or load from numba's cache) every kernel up front, on a tiny batch.

`make test` and a first run call `warm()` so no check waits for compilation mid-file.
Each kernel module adds a line here; the batch uses the very dtypes of real runs, so
the signatures compiled are the ones the checks need (one each).
"""

from __future__ import annotations

from datetime import date


def warm() -> None:
    """Run each kernel once: the births check (dictionaries, ID parser, row pass) and
    the fee ledger's ID parser."""
    import numpy as np
    import pyarrow as pa

    from jisheng_cli.checks.common import CheckContext
    from jisheng_cli.kernel.births import check_births_kernel
    from jisheng_cli.kernel.ids import parse_ids_kernel
    from jisheng_cli.readers.batch import RawBatch

    cells = {
        "village_code": "420525100001", "township_name": "鸣凤镇", "village_name": "甲村",
        "mother_name": "张丽", "mother_id": "420525197812307126",
        "child_birth_date": "2011-10-08", "child_sex": "女", "birth_order": "1",
        "policy_status": "政策内", "report_date": "2011-11-13", "residence": "常住",
    }
    raw = RawBatch({k: pa.array([v]) for k, v in cells.items()}, np.array([2]),
                   np.zeros(1, dtype=bool))
    check_births_kernel(raw, CheckContext(path="warm", as_of=date(2026, 1, 1), kernel=True))
    parse_ids_kernel(pa.array(["420525197812307126"]))
