"""The compiled dictionary (kernel.dictionary): exact ids, first-appearance order, and
each distinct value decided once by its parser for the whole file."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import ParseError
from jisheng_cli.kernel.dictionary import Dictionary
from jisheng_cli.records.codes import parse_sex


def test_ids_in_order_of_first_appearance_across_batches() -> None:
    calls: list[str] = []

    def parse(text: str) -> int:
        calls.append(text)
        return len(text)

    d = Dictionary(parse, np.int64, -1)
    assert d.ids(pa.array(["男", "女", "男", ""])).tolist() == [0, 1, 0, 2]
    assert d.ids(pa.array(["女", "男 ", "男"])).tolist() == [1, 3, 0]
    assert calls == ["男", "女", "", "男 "]  # each value parsed once, in order
    # len("男") = 1, len("女") = 1, len("") = 0, len("男 ") = 2
    assert d.values[: d.n].tolist() == [1, 1, 0, 2]


def test_parse_errors_are_entries_too() -> None:
    d = Dictionary(parse_sex, np.int64, -1)
    ids = d.ids(pa.array(["1", "X", "", "女"]))
    assert d.failed[ids].tolist() == [False, True, True, False]
    assert d.values[ids].tolist() == [1, -1, -1, 2]
    assert d.codes == [None, ("unknown_sex_code", ""), ("missing_value", ""), None]


def test_many_values_grow_the_table() -> None:
    values = [f"v{i % 5003}" for i in range(20_000)]  # 5003 distinct: several rehashes
    d = Dictionary(lambda s: int(s[1:]), np.int64, -1)
    ids = np.concatenate([d.ids(pa.array(values[i : i + 3000]))
                          for i in range(0, len(values), 3000)])
    assert d.n == 5003
    assert ids.tolist() == [i % 5003 for i in range(20_000)]
    assert d.values[ids].tolist() == [i % 5003 for i in range(20_000)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=6), max_size=40), min_size=1, max_size=4))
def test_equal_bytes_equal_ids(batches: list[list[str]]) -> None:
    """Whatever the values (hash collisions included), ids are first-appearance
    positions of equal strings."""
    d = Dictionary(str, object, None)
    seen: dict[str, int] = {}
    for batch in batches:
        ids = d.ids(pa.array(batch, pa.string()))
        expected = [seen.setdefault(v, len(seen)) for v in batch]
        assert ids.tolist() == expected
    assert d.values[: d.n].tolist() == list(seen)


def test_parse_error_without_variant() -> None:
    def parse(text: str) -> int:
        raise ParseError("missing_value")

    d = Dictionary(parse, np.int64, 0)
    assert d.failed[d.ids(pa.array(["a"]))].tolist() == [True]
