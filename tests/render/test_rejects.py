from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from jisheng_cli.errors import UsageError
from jisheng_cli.findings import FINDING_FIELDS, Finding, params
from jisheng_cli.render.rejects import write_findings_table, write_rejects

from .helpers import parse_csv

FINDINGS = [
    Finding("births.csv", 7, "mother_id", "id_check_digit", "error", "3201**********123X"),
    Finding("births.csv", 9, None, "duplicate", "duplicate", None, "birth", params(dup_row=4)),
    Finding("births.csv", 12, "residence", "unknown_residence_code", "warning",
            "=cmd|' /C calc'!A0"),
    Finding("-", None, None, "missing_value", "error", None),
]


# Findings whose words come from the catalogue (no legacy text), as the checks write them.
CATALOGUED = [
    Finding("births.csv", 558, "mother_id", "id_check_digit", "error", "420525********238X"),
    Finding("births.csv", 1719, "mother_id", "duplicate", "duplicate", "420525********1234",
            variant="birth", params=params(dup_row=1420)),
    Finding("births.csv", 65, "policy_status", "first_birth_out_of_policy", "warning", "不符合"),
]
# messages/findings.py, written out: (zh, en) of each finding above.
MESSAGES = [
    ("身份证号校验码错误", "ID number check digit is wrong"),
    ("与第 1420 行重报:母亲身份证号、出生日期和孩次相同",
     "duplicate of row 1420: same mother ID, birth date and birth order"),
    ("一孩被标为政策外", "a first birth is marked out of policy"),
]


def _write(findings: object, fmt: str, bom: bool = False, lang: str = "zh") -> bytes:
    out = io.BytesIO()
    write_rejects(findings, out, fmt, bom, lang=lang)  # type: ignore[arg-type]
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

    write_rejects(gen(), out, "csv", lang="zh")
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


@pytest.mark.parametrize(("lang", "column"), [("zh", 0), ("en", 1), ("id", 1)])
def test_rejects_csv_message_in_the_language_code_and_severity_stable(lang: str,
                                                                       column: int) -> None:
    """Field names, codes and severities are the same in every language (scripts filter on
    them); the message follows --lang, and id falls back to English."""
    rows = parse_csv(_write(CATALOGUED, "csv", lang=lang))
    assert rows[0] == ["file", "row", "column", "code", "severity", "value", "message"]
    assert [(r[3], r[4]) for r in rows[1:]] == [
        ("id_check_digit", "error"), ("duplicate", "duplicate"),
        ("first_birth_out_of_policy", "warning")]
    assert [r[6] for r in rows[1:]] == [m[column] for m in MESSAGES]


@pytest.mark.parametrize(("lang", "column"), [("zh", 0), ("en", 1), ("id", 1)])
def test_rejects_json_carries_the_code_beside_the_message(lang: str, column: int) -> None:
    doc = json.loads(_write(CATALOGUED, "json", lang=lang))
    assert [list(d) for d in doc] == [list(FINDING_FIELDS)] * 3
    assert [(d["code"], d["severity"], d["message"]) for d in doc] == [
        (f.code, f.severity, m[column]) for f, m in zip(CATALOGUED, MESSAGES, strict=True)]


def _table(findings: list[Finding], lang: str) -> list[str]:
    out = io.BytesIO()
    write_findings_table(findings, out, width=200, color=False, lang=lang)
    return [line.rstrip() for line in out.getvalue().decode("utf-8").splitlines()]


def test_findings_table_in_chinese() -> None:
    lines = _table(CATALOGUED, "zh")
    assert lines[0] == "births.csv"
    assert lines[1].split() == ["行", "列", "级别", "代码", "值", "说明"]
    # One line per finding: the severity as a word of the reports, the code as it stands.
    assert lines[2].split() == ["558", "mother_id", "错误", "id_check_digit",
                                "420525********238X", "身份证号校验码错误"]
    assert lines[3].split()[2:4] == ["重报", "duplicate"]
    assert lines[4].split()[2:4] == ["警告", "first_birth_out_of_policy"]
    assert _table([], "zh") == ["没有发现问题"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_findings_table_in_english(lang: str) -> None:
    lines = _table(CATALOGUED, lang)
    assert lines[1].split() == ["row", "column", "severity", "code", "value", "message"]
    assert lines[2].split()[:5] == ["558", "mother_id", "error", "id_check_digit",
                                    "420525********238X"]
    assert lines[2].endswith("ID number check digit is wrong")
    assert _table([], lang) == ["no findings"]
