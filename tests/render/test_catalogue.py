from __future__ import annotations

import dataclasses
import io
import json

import pytest

from jisheng_cli.errors import UsageError
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.render.catalogue import write_indicator_list, write_markdown_table

from .helpers import parse_csv

INDICATORS = list(REGISTRY.values())


def _write(fmt: str, lang: str = "zh", width: int = 120, color: bool = False) -> str:
    out = io.BytesIO()
    write_indicator_list(INDICATORS, out, fmt, lang, width, color)
    return out.getvalue().decode("utf-8")


def test_catalogue_json_has_every_field() -> None:
    doc = json.loads(_write("json"))
    # Through JSON, as the document is: a record's tuples (its `needs`) arrive as lists.
    assert doc == json.loads(json.dumps([dataclasses.asdict(i) for i in INDICATORS]))
    assert {f.name for f in dataclasses.fields(Indicator)} == set(doc[0])


def test_catalogue_csv() -> None:
    rows = parse_csv(_write("csv").encode())
    assert rows[0] == [f.name for f in dataclasses.fields(Indicator)]
    assert len(rows) == 1 + len(INDICATORS)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["id"] == "births_total"
    assert first["zh"] == "出生人数"
    assert first["decimals"] == "0"
    assert first["setting"] == ""
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["out_of_policy_multichild_rate"]["setting"] == \
        "out_of_policy_multichild_denominator"
    # Tuples are one ;-separated cell.
    assert by_id["sex_ratio_at_birth"]["aliases"] == "出生性别比;性别比"
    assert by_id["timely_long_acting_rate"]["needs"] == "births"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_catalogue_markdown(lang: str) -> None:
    lines = _write("markdown", lang).splitlines()
    assert lines[0] == ("| ID | 中文 | English | 单位 | 公式 | 设置 | 别名 |" if lang == "zh"
                        else "| ID | Chinese | English | Unit | Formula | Setting | Also called |")
    assert lines[1] == "|---|---|---|---|---|---|---|"
    assert len(lines) == 2 + len(INDICATORS)
    srb = next(line for line in lines if line.startswith("| sex_ratio_at_birth |"))
    formula = REGISTRY["sex_ratio_at_birth"]
    assert (formula.formula_zh if lang == "zh" else formula.formula_en) in srb
    assert all(line.count(" | ") == 6 for line in lines[2:])
    # The aliases reports print, joined by 、 (docs/indicators.md).
    pcr = next(line for line in lines if line.startswith("| policy_conformance_rate |"))
    assert pcr.endswith("| 计划生育率、政策生育率、符合政策生育率、政策符合率 |")


@pytest.mark.parametrize("lang", ["zh", "en", "id"])
def test_catalogue_table(lang: str) -> None:
    from rich.cells import cell_len

    wide = _write("table", lang, width=200)
    for text in ("policy_conformance_rate", "出生政策符合率", "Policy conformance rate",
                 "out_of_policy_multichild_denominator"):
        assert text in wide
    formula = REGISTRY["births_total"]
    assert (formula.formula_zh if lang == "zh" else formula.formula_en) in wide
    assert "=计划生育率" in wide and "=政策生育率" in wide
    for width in (80, 100):
        out = _write("table", lang, width=width)
        assert "\x1b" not in out
        assert max(cell_len(line) for line in out.splitlines()) <= width
        # Ids are what people type: never wrapped.
        assert "second_birth_conformance_rate" in out


def test_catalogue_unknown_format() -> None:
    with pytest.raises(UsageError):
        _write("yaml")


def test_markdown_table_escapes_cells() -> None:
    out = io.BytesIO()
    write_markdown_table(["column", "meaning"], [["a|b", "line1\nline2"], ["c", None]], out)
    assert out.getvalue().decode() == (
        "| column | meaning |\n"
        "|---|---|\n"
        "| a\\|b | line1<br>line2 |\n"
        "| c |  |\n"
    )
