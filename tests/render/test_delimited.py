from __future__ import annotations

import pytest

from jisheng_cli.render.grid import LONG_FIELDS
from jisheng_cli.results import ROW_FIELDS, Report

from .helpers import EVIL_NAME, make_report, parse_csv, render

# Both rates have a target in the report, so each is followed by its status; the count has none.
WIDE_HEADERS = {
    "zh": ["层级", "代码", "名称", "出生人数", "出生政策符合率(%)", "出生政策符合率 状态",
           "出生人口性别比(女=100)", "出生人口性别比 状态"],
    "en": ["Level", "Code", "Name", "Births", "Policy conformance rate (%)",
           "Policy conformance rate status", "Sex ratio at birth (female=100)",
           "Sex ratio at birth status"],
    "id": ["group_level", "group_code", "group_name", "births_total",
           "policy_conformance_rate", "policy_conformance_rate_status", "sex_ratio_at_birth",
           "sex_ratio_at_birth_status"],
}
# The rows' statuses (helpers._rows): total met / missed_significant, township 001
# missed / met, township 002 none (no value).
STATUSES = {
    "zh": ("达标", "显著未达标", "未达标", "达标"),
    "en": ("met", "missed (significant)", "missed", "met"),
    "id": ("met", "missed_significant", "missed", "met"),
}
LEVELS = {"zh": ("合计", "乡镇"), "en": ("Total", "Township"), "id": ("total", "township")}
# --lang id: ids for labels, English for words (issue 13: the total row is not 合计 there).
TOTALS = {"zh": "合计", "en": "Total", "id": "Total"}


@pytest.mark.parametrize("lang", ["zh", "en", "id"])
def test_wide_csv_header_and_cells(report: Report, lang: str) -> None:
    rows = parse_csv(render(report, "csv", lang=lang))
    total, township = LEVELS[lang]
    pcr0, srb0, pcr1, srb1 = STATUSES[lang]
    assert rows == [
        WIDE_HEADERS[lang],
        [total, "", TOTALS[lang], "1562", "99.17", pcr0, "119.38", srb0],
        [township, "001", "'" + EVIL_NAME, "15", "86.67", pcr1, "114.29", srb1],
        [township, "002", "'-3", "0", "", "", "", ""],
    ]


def test_wide_csv_bytes_are_rfc4180_with_lf(report: Report) -> None:
    data = render(report, "csv", lang="id")
    assert b"\r" not in data
    assert data.endswith(b"\n")
    # The embedded quotes are doubled and the field is quoted.
    assert b'"\'=HYPERLINK(""x"")"' in data


def test_wide_csv_precision(report: Report) -> None:
    rows = parse_csv(render(report, "csv", lang="id", precision=1))
    assert rows[1][3:] == ["1562", "99.2", "met", "119.4", "missed_significant"]
    rows = parse_csv(render(report, "csv", lang="id", precision=0))
    assert rows[1][3:] == ["1562", "99", "met", "119", "missed_significant"]


def test_wide_csv_detail_columns(report: Report) -> None:
    rows = parse_csv(render(report, "csv", lang="id", detail=True))
    header = rows[0]
    assert header[3:8] == ["births_total", "births_total_numerator", "births_total_denominator",
                           "births_total_ci_low", "births_total_ci_high"]
    i = header.index("policy_conformance_rate")
    assert header[i:i + 7] == [
        "policy_conformance_rate", "policy_conformance_rate_status",
        "policy_conformance_rate_gap", "policy_conformance_rate_numerator",
        "policy_conformance_rate_denominator", "policy_conformance_rate_ci_low",
        "policy_conformance_rate_ci_high",
    ]
    # The count: value + 4 details; each rate with a target: value, status, gap + 4 details.
    assert len(header) == 3 + 5 + 2 * 7
    # Exact numerators/denominators, ci and gap rounded like the value (gap 99.1677 − 92
    # = 7.1677 → 7.17); a count has no interval.
    assert rows[1][i:i + 7] == ["99.17", "met", "7.17", "1549", "1562", "98.58", "99.51"]
    assert rows[1][3:8] == ["1562", "1562", "", "", ""]
    # 13/15 = 86.667% against a minimum of 92: gap −5.333 → -5.33, never prefixed.
    assert rows[2][i:i + 3] == ["86.67", "missed", "-5.33"]
    # Zero denominator: no value, status or gap, no interval, counts still shown.
    assert rows[3][i:i + 7] == ["", "", "", "0", "0", "", ""]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["出生政策符合率(%)", "出生政策符合率 状态", "出生政策符合率 差距",
                "出生政策符合率 分子", "出生政策符合率 分母",
                "出生政策符合率 区间下限", "出生政策符合率 区间上限"]),
        ("en", ["Policy conformance rate (%)", "Policy conformance rate status",
                "Policy conformance rate gap", "Policy conformance rate numerator",
                "Policy conformance rate denominator", "Policy conformance rate CI low",
                "Policy conformance rate CI high"]),
    ],
)
def test_detail_headers_by_language(report: Report, lang: str, expected: list[str]) -> None:
    header = parse_csv(render(report, "csv", lang=lang, detail=True))[0]
    i = header.index(expected[0])
    assert header[i:i + 7] == expected
    # A count column is just its label, without a unit.
    assert header[3] == ("出生人数" if lang == "zh" else "Births")


def test_long_csv_fields(report: Report) -> None:
    rows = parse_csv(render(report, "csv", "long", lang="en"))
    assert rows[0] == [*ROW_FIELDS, "label"] == list(LONG_FIELDS)
    assert len(rows) == 1 + len(report.rows)
    rec = dict(zip(rows[0], rows[2], strict=True))
    assert rec == {
        "group_level": "total", "group_code": "", "group_name": "Total", "year": "",
        "indicator": "policy_conformance_rate", "numerator": "1549", "denominator": "1562",
        "value": "99.17", "unit": "%", "ci_low": "98.58", "ci_high": "99.51",
        "target_min": "92", "target_max": "", "target_source": "county 2010 创国优 plan",
        "gap": "7.17", "status": "met", "note": "", "label": "Policy conformance rate",
    }
    srb = dict(zip(rows[0], rows[6], strict=True))
    assert srb["group_name"] == "'" + EVIL_NAME
    assert srb["gap"] == "-7.29"  # a negative number is never prefixed
    assert srb["note"] == "small"
    assert srb["label"] == "Sex ratio at birth"


def test_long_csv_label_by_language(report: Report) -> None:
    zh = parse_csv(render(report, "csv", "long", lang="zh"))
    ids = parse_csv(render(report, "csv", "long", lang="id"))
    assert zh[1][-1] == "出生人数"
    assert ids[1][-1] == "births_total"
    assert zh[0] == ids[0]  # long headers are the stable field names in every language


def test_tsv(report: Report) -> None:
    data = render(report, "tsv", lang="id")
    rows = parse_csv(data, "\t")
    assert rows[0] == WIDE_HEADERS["id"]
    assert rows[2][2] == "'" + EVIL_NAME
    assert data.splitlines()[1] == b"total\t\tTotal\t1562\t99.17\tmet\t119.38\tmissed_significant"


def test_tab_in_a_name_is_quoted_in_tsv() -> None:
    report = make_report()
    report.rows[3].group_name = "a\tb"
    data = render(report, "tsv", lang="id")
    assert parse_csv(data, "\t")[2][2] == "a\tb"


def test_lone_carriage_return_is_quoted() -> None:
    # With a "\n" terminator the csv module alone would leave this unquoted.
    report = make_report()
    for r in report.rows[3:6]:
        r.group_name = "a\rb"
    data = render(report, "csv", lang="id")
    assert b'"a\rb"' in data
    assert parse_csv(data)[2][2] == "a\rb"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_bom(report: Report, fmt: str) -> None:
    with_bom = render(report, fmt, bom=True)
    without = render(report, fmt)
    assert with_bom.startswith(b"\xef\xbb\xbf")
    assert not without.startswith(b"\xef\xbb\xbf")
    assert with_bom[3:] == without


def test_by_year_adds_a_year_column() -> None:
    base = make_report(by=["township", "year"])
    rows = []
    for r in base.rows:
        if r.group_level == "total":
            rows.append(r)
    for year in (2011, 2012):
        for r in base.rows[3:6]:
            rows.append(type(r)(**{**r.to_dict(), "year": year}))
    report = make_report(rows, by=["township", "year"])
    out = parse_csv(render(report, "csv", lang="zh"))
    assert out[0][:4] == ["层级", "代码", "名称", "统计年度"]
    assert [r[3] for r in out[1:]] == ["", "2011", "2012"]
    assert [r[1] for r in out[1:]] == ["", "001", "001"]


def test_missing_indicator_for_a_group_is_blank() -> None:
    report = make_report()
    del report.rows[4]  # township 001 has no policy_conformance_rate row
    rows = parse_csv(render(report, "csv", lang="id", detail=True))
    i = rows[0].index("policy_conformance_rate")
    assert rows[2][i:i + 5] == ["", "", "", "", ""]
    assert rows[2][3] == "15"
