"""Every parser fails only with ParseError, whatever the cell holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import ParseError
from jisheng_cli.records.codes import (
    parse_birth_order,
    parse_policy,
    parse_residence,
    parse_sex,
    parse_yes_no,
)
from jisheng_cli.records.dates import parse_date
from jisheng_cli.records.ids import clean_id, mask_id, mask_name, parse_id
from jisheng_cli.records.money import FEN_PER_WAN_YUAN, parse_money
from jisheng_cli.records.text import normalize

PARSERS: list[Callable[[Any], Any]] = [
    parse_sex,
    parse_policy,
    parse_yes_no,
    parse_residence,
    parse_birth_order,
    parse_date,
    parse_id,
    parse_money,
    lambda text: parse_money(text, unit_fen=FEN_PER_WAN_YUAN),
]

cells = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,-+/年月日:E ¥元第孩十二", max_size=25),
    st.none(),
    st.integers(),
    st.floats(),
)


@pytest.mark.parametrize("parser", PARSERS)
@given(cell=cells)
def test_only_parse_errors(parser: Callable[[Any], Any], cell: Any) -> None:
    try:
        parser(cell)
    except ParseError as exc:
        assert exc.code and exc.message


@given(cells)
def test_text_helpers_total(cell: Any) -> None:
    assert isinstance(normalize(cell), str)
    assert isinstance(clean_id(cell), str)
    masked = mask_id(cell)
    assert set(masked) <= set("0123456789X*")
    assert isinstance(mask_name(cell), str)
