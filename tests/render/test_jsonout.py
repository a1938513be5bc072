from __future__ import annotations

import json
import math

import pytest

from jisheng_cli.errors import UsageError
from jisheng_cli.results import ROW_FIELDS, Report

from .helpers import make_report, render


@pytest.mark.parametrize("lang", ["zh", "en", "id"])
def test_json_is_the_report_document(report: Report, lang: str) -> None:
    data = render(report, "json", lang=lang)
    assert data.endswith(b"\n")
    doc = json.loads(data)
    expected = report.to_dict(lang)
    assert doc.keys() == expected.keys()
    for key in expected:
        assert doc[key] == expected[key], key
    assert len(doc["rows"]) == len(report.rows)
    for got, want in zip(doc["rows"], expected["rows"], strict=True):
        assert list(got) == list(ROW_FIELDS)
        for field in ROW_FIELDS:
            assert got[field] == want[field], field


def test_json_keeps_full_precision_and_unicode(report: Report) -> None:
    data = render(report, "json", lang="zh")
    doc = json.loads(data)
    assert doc["rows"][1]["value"] == 99.16773367477593
    assert doc["rows"][0]["group_name"] == "合计"
    assert "合计".encode() in data  # ensure_ascii=False
    assert doc["period"] == {"from": "2011-10-01", "to": "2012-09-30"}
    assert doc["as_of"] == "2026-11-22"
    assert doc["rows"][1]["numerator"] == 1549
    assert isinstance(doc["rows"][1]["numerator"], int)


def test_json_never_writes_nan() -> None:
    report = make_report()
    report.rows[1].value = math.nan
    report.rows[1].ci_low = math.inf
    report.definitions["odd"] = -math.inf
    for fmt in ("json", "ndjson"):
        data = render(report, fmt)
        assert b"NaN" not in data and b"Infinity" not in data
    doc = json.loads(render(report, "json"))
    assert doc["rows"][1]["value"] is None
    assert doc["rows"][1]["ci_low"] is None
    assert doc["definitions"]["odd"] is None


def test_ndjson_one_compact_object_per_row(report: Report) -> None:
    data = render(report, "ndjson", lang="en")
    lines = data.decode().splitlines()
    assert len(lines) == len(report.rows)
    assert data.endswith(b"\n")
    expected = report.to_dict("en")["rows"]
    for line, want in zip(lines, expected, strict=True):
        assert json.loads(line) == want
        assert ": " not in line and ", " not in line.replace("创国优 plan", "")
    assert json.loads(lines[0])["group_name"] == "Total"


def test_ndjson_of_an_empty_report_is_empty() -> None:
    assert render(make_report([]), "ndjson") == b""


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_wide_layout_is_a_usage_error(report: Report, fmt: str) -> None:
    with pytest.raises(UsageError, match="wide"):
        render(report, fmt, "wide")


@pytest.mark.parametrize(
    "kw",
    [{"fmt": "yaml"}, {"layout": "tall"}, {"lang": "fr"}, {"precision": -1}],
)
def test_bad_options_are_usage_errors(report: Report, kw: dict[str, object]) -> None:
    fmt = str(kw.pop("fmt", "csv"))
    layout = str(kw.pop("layout", "wide"))
    with pytest.raises(UsageError):
        render(report, fmt, layout, **kw)
