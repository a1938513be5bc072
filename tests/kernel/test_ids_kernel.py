"""The ID kernel (kernel.ids): hand-checked numbers, the forms it decides itself, and
the reference's IdColumn (records.vector.parse_ids) for any column."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.kernel.buffers import string_buffers
from jisheng_cli.kernel.ids import NOT_FAST, empty_parsed, parse_ids_kernel, parse_rows
from jisheng_cli.records.vector import parse_ids
from tests.helpers import mutated_id, valid_id15, valid_id18

# GB 11643's own example. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 on the digits
# 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 sum to 167; 167 mod 11 = 2; (12 − 2) mod 11 = 10: X.
# Born 1949-12-31: 1950-01-01 is 20 × 365 + 5 leap days = 7305 days before 1970, so −7306.
# The sequence digit (place 17) is 2, even: female (2).
EXAMPLE = (11010519491231002, 10, -7306, 2)
# The same with sequence 001: the sum drops by 2 × 2 − 1 × 2 = 2 to 165 = 15 × 11, so
# the check is (12 − 0) mod 11 = 1; odd sequence digit: male (1).
MALE = (11010519491231001, 1, -7306, 1)

HAND = [
    ("11010519491231002X", EXAMPLE, ""),
    ("11010519491231002x", EXAMPLE, ""),
    ("110105491231002", EXAMPLE, ""),  # 1989 form: "19" goes in, check computed
    (" 110105 19491231 002X\t", EXAMPLE, ""),
    ("\u3000110105194912310011\u00a0", MALE, ""),
    ("１１０１０５１９４９１２３１００２Ｘ", EXAMPLE, ""),
    ("110105194912310011", MALE, ""),
    ("110105194912310021", None, "id_check_digit"),  # check 1 given, X computed
    ("110105194913310020", None, "id_malformed/birth_date"),  # month 13
    ("110105491331002", None, "id_malformed/birth_date"),
    ("110105180002290010", None, "id_malformed/birth_date"),  # 1800 was not a leap year
    # 17 digits 11010519491231000: the sum is 167 − 2 × 2 = 163, 163 mod 11 = 9, check 3;
    # the 0 given fails, on a 000 tail: a number cut to 15 digits.
    ("110105194912310000", None, "id_precision_lost"),
    ("11010519491231002", None, "id_malformed"),  # 17 characters
    ("1101051949123100X", None, "id_malformed"),
    ("", None, "missing_value"),
    (" \t", None, "missing_value"),
    ("4.20525E+17", None, "id_scientific_notation"),  # left to parse_id
]


@pytest.mark.parametrize(("text", "fields", "error"), HAND, ids=[h[0] for h in HAND])
def test_hand_computed(text: str, fields: tuple[int, int, int, int] | None,
                       error: str) -> None:
    col = parse_ids_kernel(pa.array([text]))
    if fields is None:
        code, _, variant = error.partition("/")
        assert (col.codes[col.err[0] - 1], col.variants[col.err[0] - 1]) == (code, variant)
        assert (col.id17[0], col.check[0], col.birth_days[0], col.sex[0]) == (0, 0, 0, 0)
    else:
        assert col.err[0] == 0
        assert (col.id17[0], col.check[0], col.birth_days[0], col.sex[0]) == fields


def _statuses(values: list[str]) -> np.ndarray:
    offsets, data = string_buffers(pa.array(values))
    out = empty_parsed(len(values))
    parse_rows(offsets, data, out.status, out.id17, out.check, out.birth_days, out.sex,
               out.fast, out.zeroed, 2)
    return out.status


def test_the_kernel_decides_padding_and_full_width_itself() -> None:
    values = [h[0] for h in HAND if "E+" not in h[0]]
    assert NOT_FAST not in _statuses(values).tolist()
    # What NFKC would change beyond these is parse_id's to decide.
    assert _statuses(["\ufeff110105194912310011", "110105194912310011\u2003", "一"]).tolist() \
        == [NOT_FAST] * 3


IDS = st.one_of(valid_id18(), valid_id15(), mutated_id(), st.sampled_from([h[0] for h in HAND]),
                st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=22),
                st.text(alphabet="0123456789Xx \u3000\u00a0０１９ＸｘE+.", max_size=20))


@settings(max_examples=150, deadline=None)
@given(st.lists(IDS, max_size=30), st.booleans())
def test_same_id_column_as_the_reference(values: list[str], chunked: bool) -> None:
    column = pa.chunked_array([values[:3], values[3:]], pa.string()) if chunked \
        else pa.array(values, pa.large_string())
    got, want = parse_ids_kernel(column), parse_ids(column)
    for name in ("id17", "check", "birth_days", "sex", "err"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and a.tolist() == b.tolist(), name
    assert (got.codes, got.variants) == (want.codes, want.variants)


def test_nulls_read_as_empty_cells() -> None:
    got = parse_ids_kernel(pa.array([None, "110105194912310011"]))
    assert got.err.tolist() == [1, 0] and got.codes == ["missing_value"]


def test_errors_numbered_as_the_reference_numbers_them() -> None:
    """records.vector numbers the errors of the values its numpy pass decides first, in
    the fixed order malformed, bad birth date, check, cut; then parse_id's, in order of
    first appearance."""
    values = ["4.20525E+17", "110105194913310020", "abc", "11010519491231X02X",
              "110105194912310000"]
    got = parse_ids_kernel(pa.array(values))
    assert got.codes == ["id_malformed", "id_malformed", "id_precision_lost",
                         "id_scientific_notation"]
    assert got.variants == ["", "birth_date", "", ""]
    # sci → 4th; bad date → 2nd; "abc" (parse_id's) → the malformed already there;
    # X inside → malformed; cut → 3rd.
    assert got.err.tolist() == [4, 2, 1, 1, 3]
