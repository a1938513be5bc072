"""Levels: their order, the code-prefix rule and the --by option."""

from __future__ import annotations

import pytest

from jisheng_cli.errors import UsageError
from jisheng_cli.levels import (
    AREA_LEVELS,
    BY_CHOICES,
    GROUP_LEVELS,
    code_level,
    code_prefix,
    finer,
    parse_by,
)

VILLAGE = "420525100201"  # county 420525, township 420525100, village 201


def test_order_is_coarse_to_fine() -> None:
    assert GROUP_LEVELS == ("total", "county", "township", "village")
    assert AREA_LEVELS == ("county", "township", "village")
    assert BY_CHOICES == ("total", "county", "township", "village", "year")
    assert finer("village", "township") and finer("township", "county")
    assert not finer("county", "township") and not finer("township", "township")
    assert not finer("total", "county")


def test_prefixes_of_a_village_code() -> None:
    assert code_prefix(VILLAGE, "county") == "420525"  # first 6 digits
    assert code_prefix(VILLAGE, "township") == "420525100"  # first 9
    assert code_prefix(VILLAGE, "village") == VILLAGE


@pytest.mark.parametrize(
    ("code", "level", "key"),
    [
        ("420525000000", "county", "420525"),  # ends in 000000
        ("420525100000", "township", "420525100"),  # ends in 000, not 000000
        ("420525100200", "village", "420525100200"),  # 00 is not enough for a township
        (VILLAGE, "village", VILLAGE),
    ],
)
def test_a_padded_code_names_its_level(code: str, level: str, key: str) -> None:
    assert code_level(code) == level
    assert code_prefix(code, level) == key


def test_parse_by() -> None:
    assert parse_by(" township , year") == ["township", "year"]
    assert parse_by("village,total") == ["village", "total"]  # the order given is kept
    for bad in ("", " , ", "province", "township,town"):
        with pytest.raises(UsageError, match="choose from total, county, township"):
            parse_by(bad)
