"""Row references: file index and spreadsheet row in one int64, ordered by file, then row."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.rowref import ROW_MASK, file_of, file_start, pack, row_of

ROWS = st.integers(min_value=0, max_value=ROW_MASK)
FILES = st.integers(min_value=0, max_value=1000)


def test_packed_values() -> None:
    # 2**40 = 1_099_511_627_776: file 3 starts at 3 × 2**40 = 3_298_534_883_328.
    assert pack(3, np.array([0, 7], dtype=np.int32)).tolist() == [3_298_534_883_328,
                                                                   3_298_534_883_335]
    assert file_start(3) == 3_298_534_883_328
    assert file_of(3_298_534_883_335) == 3 and row_of(3_298_534_883_335) == 7


@given(st.lists(st.tuples(FILES, ROWS), min_size=1, max_size=30))
def test_unpacking_inverts_packing_and_order_is_file_then_row(pairs: list[tuple[int, int]]
                                                             ) -> None:
    refs = np.concatenate([pack(f, np.array([r])) for f, r in pairs])
    assert list(zip(file_of(refs).tolist(), row_of(refs).tolist(), strict=True)) == pairs
    assert [(file_of(int(x)), row_of(int(x))) for x in np.sort(refs)] == sorted(pairs)


@given(FILES, st.lists(ROWS, max_size=10))
def test_a_partitions_refs_rebase_onto_their_file(fi: int, rows: list[int]) -> None:
    # A Dask partition reads its file as file 0; adding file_start makes the refs global.
    local = pack(0, np.array(rows, dtype=np.int64))
    assert (local + file_start(fi)).tolist() == pack(fi, np.array(rows, dtype=np.int64)).tolist()
