from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import ParseError
from jisheng_cli.records.codes import parse_policy, parse_sex
from jisheng_cli.records.dates import parse_date, to_days
from jisheng_cli.records.ids import calc_check_digit, id_birth_date, id_sex, parse_id
from jisheng_cli.records.vector import IdColumn, canonical_ids, map_unique, parse_ids
from tests.helpers import chinese_date, id_like_text

MOTHER = "42052519800101123" + calc_check_digit("42052519800101123")


def _days(text: str) -> int:
    return to_days(parse_date(text))


def _scalar(parser: Callable[[Any], Any], value: str | None) -> tuple[Any, str | None, str | None]:
    try:
        return parser(value), None, None
    except ParseError as exc:
        return None, exc.code, exc.variant


def _assert_map_agrees(
    values: list[str | None], parser: Callable[[Any], Any], dtype: Any, fill: Any, chunks: int = 1
) -> None:
    size = max(1, len(values) // chunks)
    pieces = [values[i : i + size] for i in range(0, len(values), size)] or [[]]
    column = pa.chunked_array([pa.array(p, type=pa.string()) for p in pieces], type=pa.string())
    parsed, err, codes, variants = map_unique(column, parser, dtype, fill)
    assert parsed.dtype == np.dtype(dtype) and err.dtype == np.int16
    assert len(parsed) == len(err) == len(values)
    assert len(set(zip(codes, variants, strict=True))) == len(codes)
    for i, value in enumerate(values):
        result, code, variant = _scalar(parser, "" if value is None else value)
        if code is None:
            assert err[i] == 0
            assert parsed[i] == result
        else:
            assert err[i] > 0
            assert (codes[err[i] - 1], variants[err[i] - 1]) == (code, variant)
            assert parsed[i] == fill


def test_map_unique_sex() -> None:
    values = ["1", "男", "2", None, "女", "x", "1", "", "9", "x"]
    parsed, err, codes, variants = map_unique(pa.array(values), parse_sex, np.int8, -1)
    assert parsed.tolist() == [1, 1, 2, -1, 2, -1, 1, -1, 0, -1]
    assert [codes[e - 1] if e else None for e in err] == [
        None,
        None,
        None,
        "missing_value",
        None,
        "unknown_sex_code",
        None,
        "missing_value",
        None,
        "unknown_sex_code",
    ]
    assert sorted(codes) == ["missing_value", "unknown_sex_code"]
    assert variants == ["", ""]


def test_map_unique_dates_and_policy() -> None:
    parsed, err, codes, _ = map_unique(
        pa.chunked_array([["2023-01-05", "44931"], ["5/1/2023", None, "2023年1月5日"]]),
        _days,
        np.int32,
        0,
    )
    assert parsed.tolist() == [19362, 19362, 0, 0, 19362]
    assert [codes[e - 1] if e else None for e in err] == [
        None,
        None,
        "ambiguous_date",
        "missing_value",
        None,
    ]
    flags, err, _, _ = map_unique(pa.array(["政策内", "政策外", "?"]), parse_policy, bool, False)
    assert flags.tolist() == [True, False, False] and err.tolist() == [0, 0, 1]


def test_map_unique_empty_and_datetime_dtype() -> None:
    parsed, err, codes, variants = map_unique(pa.array([], pa.string()), parse_sex, np.int8, 0)
    assert len(parsed) == len(err) == 0 and codes == variants == []
    parsed, err, _, _ = map_unique(
        pa.array(["2023-01-05", "bad"]), parse_date, "datetime64[D]", np.datetime64("NaT")
    )
    assert parsed[0] == np.datetime64("2023-01-05") and np.isnat(parsed[1])


date_text = st.one_of(
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)).flatmap(
        lambda d: st.sampled_from(
            [
                d.isoformat(),
                f"{d.year}/{d.month}/{d.day}",
                d.strftime("%Y%m%d"),
                f"{d.day}/{d.month}/{d.year}",
                f"{d.year}年{d.month}月{d.day}日",
                chinese_date(d, "○", "号", True),
                f"{d.year}-{d.month}",
                str((d - date(1899, 12, 30)).days),
            ]
        )
    ),
    st.text(max_size=12),
    st.none(),
)


@settings(deadline=None)
@given(st.lists(date_text, max_size=40), st.integers(min_value=1, max_value=3))
def test_map_unique_dates_agree_with_loop(values: list[str | None], chunks: int) -> None:
    # Repeat the list so the per-distinct-value path really broadcasts.
    _assert_map_agrees(values + values[::2], _days, np.int32, 0, chunks)


sex_text = st.one_of(
    st.sampled_from(["1", "2", "0", "9", "男", "女", "M", "f", "1.0", "未知", " 女 ", "3", ""]),
    st.text(max_size=4),
    st.none(),
)


@settings(deadline=None)
@given(st.lists(sex_text, max_size=40))
def test_map_unique_sex_agrees_with_loop(values: list[str | None]) -> None:
    _assert_map_agrees(values, parse_sex, np.int8, -1)


def _assert_ids_agree(values: list[str | None], col: IdColumn) -> None:
    assert len(col) == len(values)
    canonical = canonical_ids(col)
    for i, value in enumerate(values):
        result, code, variant = _scalar(parse_id, value)
        if code is None:
            assert col.err[i] == 0, value
            assert canonical[i] == result
            assert col.birth_days[i] == to_days(id_birth_date(result))
            assert col.sex[i] == id_sex(result)
        else:
            assert col.err[i] > 0, value
            assert col.codes[col.err[i] - 1] == code, value
            assert col.variants[col.err[i] - 1] == variant
            assert col.id17[i] == 0 and canonical[i] == ""


# pyarrow calls make example timing vary under pytest-xdist: no per-example deadline.
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(id_like_text, st.none()), max_size=30))
def test_parse_ids_agrees_with_parse_id(values: list[str | None]) -> None:
    _assert_ids_agree(values, parse_ids(pa.array(values, type=pa.string())))


@settings(deadline=None)
@given(st.lists(st.one_of(id_like_text, st.none()), max_size=30))
def test_parse_ids_chunked_and_sliced(values: list[str | None]) -> None:
    padded = ["junk", *values, MOTHER]
    array = pa.array(padded, type=pa.string()).slice(1, len(values))
    half = len(values) // 2
    chunked = pa.chunked_array([array.slice(0, half), array.slice(half)], type=pa.string())
    _assert_ids_agree(values, parse_ids(chunked))
    _assert_ids_agree(values, parse_ids(array.cast(pa.large_string())))


def test_parse_ids_fields() -> None:
    legacy = "420525800101124"
    values = [MOTHER, legacy, "4.20525E+17", None, MOTHER[:-1] + "0", " " + MOTHER.lower()]
    col = parse_ids(pa.array(values))
    assert col.id17.dtype == np.int64 and col.check.dtype == np.uint8
    assert col.birth_days.dtype == np.int32 and col.sex.dtype == np.int8
    assert col.err.dtype == np.int16
    assert col.id17[0] == 42052519800101123
    assert col.birth_days[:2].tolist() == [to_days(date(1980, 1, 1))] * 2
    assert col.sex[:2].tolist() == [1, 2]
    assert [col.codes[e - 1] if e else None for e in col.err] == [
        None,
        None,
        "id_scientific_notation",
        "missing_value",
        "id_check_digit",
        None,
    ]
    assert canonical_ids(col).tolist() == [
        MOTHER,
        parse_id(legacy),
        "",
        "",
        "",
        MOTHER,
    ]


def test_parse_ids_check_x() -> None:
    number = "11010519491231002X"
    col = parse_ids(pa.array([number, number.lower()]))
    assert col.check.tolist() == [10, 10]
    assert canonical_ids(col).tolist() == [number, number]


def test_parse_ids_empty() -> None:
    col = parse_ids(pa.array([], type=pa.string()))
    assert len(col) == 0 and col.codes == []
    assert canonical_ids(col).tolist() == []


def test_id_column_repr_hides_numbers() -> None:
    col = parse_ids(pa.array([MOTHER, "bad"]))
    assert MOTHER[:6] not in repr(col)
    assert MOTHER[:6] not in repr(col)


@pytest.mark.parametrize("size", [200_000])
def test_parse_ids_large_column_fast_path(size: int) -> None:
    rng = np.random.default_rng(7)
    areas = rng.integers(110000, 659999, size)
    days = rng.integers(to_days(date(1960, 1, 1)), to_days(date(2005, 1, 1)), size)
    seqs = rng.integers(0, 999, size)
    births = np.datetime64("1970-01-01") + days.astype("timedelta64[D]")
    stems = [
        f"{a}{str(b).replace('-', '')}{s:03d}"
        for a, b, s in zip(areas.tolist(), births.tolist(), seqs.tolist(), strict=True)
    ]
    numbers = [s + calc_check_digit(s) for s in stems]
    col = parse_ids(pa.array(numbers))
    assert not col.err.any()
    assert (col.birth_days == days).all()
    assert canonical_ids(col).tolist() == numbers
