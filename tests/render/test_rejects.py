from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from jisheng_cli.errors import UsageError
from jisheng_cli.findings import FINDING_FIELDS, Finding, params
from jisheng_cli.render.rejects import write_rejects

from .helpers import parse_csv

FINDINGS = [
    Finding("births.csv", 7, "mother_id", "id_check_digit", "error", "3201**********123X"),
    Finding("births.csv", 9, None, "duplicate", "duplicate", None, "birth", params(dup_row=4)),
    Finding("births.csv", 12, "residence", "unknown_residence_code", "warning",
            "=cmd|' /C calc'!A0"),
    Finding("-", None, None, "missing_value", "error", None),
]


def _write(findings: object, fmt: str, bom: bool = False) -> bytes:
    out = io.BytesIO()
    write_rejects(findings, out, fmt, bom)  # type: ignore[arg-type]
    return out.getvalue()


def test_rejects_csv() -> None:
    data = _write(FINDINGS, "csv")
    rows = parse_csv(data)
    assert rows[0] == list(FINDING_FIELDS)
    assert rows[1] == ["births.csv", "7", "mother_id", "id_check_digit", "error",
                       "3201**********123X", "身份证号校验码错误"]
    assert rows[2][2] == "" and rows[2][5] == ""
    assert rows[3][5] == "'=cmd|' /C calc'!A0"
    assert rows[4][:2] == ["'-", ""]
    assert b"\r" not in data
    assert not data.startswith(b"\xef\xbb\xbf")
    assert _write(FINDINGS, "csv", bom=True) == b"\xef\xbb\xbf" + data


def test_rejects_csv_streams() -> None:
    """Each finding is written before the next one is asked for."""
    out = io.BytesIO()
    sizes: list[int] = []

    def gen() -> Iterator[Finding]:
        for f in FINDINGS:
            sizes.append(len(out.getvalue()))
            yield f

    write_rejects(gen(), out, "csv")
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)


def test_rejects_json() -> None:
    data = _write(iter(FINDINGS), "json", bom=True)
    assert not data.startswith(b"\xef\xbb\xbf")  # a BOM would make the JSON invalid
    doc = json.loads(data)
    assert doc == [f.to_dict() for f in FINDINGS]
    assert doc[2]["value"] == "=cmd|' /C calc'!A0"  # JSON is not a spreadsheet


def test_rejects_json_empty() -> None:
    assert json.loads(_write([], "json")) == []
    assert parse_csv(_write([], "csv")) == [list(FINDING_FIELDS)]


def test_rejects_unknown_format() -> None:
    with pytest.raises(UsageError):
        _write(FINDINGS, "xml")
