"""A small hand-built Report with every case the renderers must handle: statuses met /
missed / missed_significant, note "small", a null value, formula-looking names."""

from __future__ import annotations

import pytest

from jisheng_cli.indicators.births import INDICATORS as BIRTHS
from jisheng_cli.results import Report, ResultRow

from .helpers import (
    make_report,
)


@pytest.fixture
def report() -> Report:
    return make_report()


@pytest.fixture
def all_indicator_report() -> Report:
    """Every births indicator (17) for a total and one township: too wide for 100 columns."""
    rows = []
    for level, code, name in (("total", None, "合计"), ("township", "001", "城关镇")):
        for n, ind in enumerate(BIRTHS):
            if ind.is_count:
                rows.append(ResultRow(level, code, name, None, ind.id, 100 + n, None, 100 + n,
                                      ind.unit))
            else:
                rows.append(ResultRow(level, code, name, None, ind.id, 50 + n, 80,
                                      (50 + n) / 80 * 100, ind.unit))
    return make_report(rows, indicators=[i.id for i in BIRTHS])
