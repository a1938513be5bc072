from __future__ import annotations

import re
from typing import Any

import pytest

from jisheng_cli.results import Report, ResultRow

from .helpers import EVIL_NAME, make_report, render

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _text(report: Report, width: int = 100, **kw: Any) -> str:
    return render(report, "table", width=width, **kw).decode("utf-8")


def _max_line(text: str) -> int:
    from rich.cells import cell_len

    return max(cell_len(line) for line in ANSI.sub("", text).splitlines())


def test_wide_table_zh(report: Report) -> None:
    out = _text(report)
    lines = out.splitlines()
    assert lines[0] == "统计期 2011-10-01 至 2012-09-30  截至日期 2026-11-22"
    assert "99.17" in out and "119.38 **" in out and "86.67 *†" in out and "114.29 †" in out
    assert EVIL_NAME in out  # a terminal is not a spreadsheet: no quote prefix
    assert "乡镇" not in out  # one level besides the total: no level column
    assert "001" not in out  # codes are not shown
    assert lines[-1] == "* 未达目标  ** 区间整体在目标之外  † 分母小于最小值,仅供参考"
    assert _max_line(out) <= 100
    assert "\x1b" not in out


def test_numbers_are_right_aligned_on_the_decimal_point(report: Report) -> None:
    from rich.cells import cell_len

    out = _text(report)
    rows = [line for line in out.splitlines() if line.startswith(("合计", "=HYPER"))]

    def column_of(line: str, s: str) -> int:
        return cell_len(line[:line.index(s)])

    # "99.17   " over "86.67 *†": the markers are padded to one width.
    assert column_of(rows[0], "99.17") == column_of(rows[1], "86.67")


def test_legend_lists_only_markers_used() -> None:
    report = make_report()
    for r in report.rows:
        r.status = "met" if r.status else None
        r.note = None
    out = _text(report)
    assert "*" not in out and "†" not in out
    assert "未达目标" not in out
    report.rows[4].status = "missed"
    out = _text(report, lang="en")
    assert out.splitlines()[-1] == "* target missed"


def test_english_title_and_legend(report: Report) -> None:
    out = _text(report, lang="en")
    assert out.splitlines()[0] == "Period 2011-10-01 to 2012-09-30  as of 2026-11-22"
    assert "Total" in out
    assert "small denominator" in out.splitlines()[-1]
    assert _max_line(out) <= 100


def test_all_records_title() -> None:
    report = make_report()
    report.period_from = report.period_to = None
    assert _text(report).startswith("全部记录  截至日期 2026-11-22")
    assert _text(report, lang="en").startswith("All records  as of 2026-11-22")


def test_null_value_is_a_dash(report: Report) -> None:
    row = next(line for line in _text(report).splitlines() if line.startswith("-3"))
    assert row.split() == ["-3", "0", "-", "-"]


def test_seventeen_indicators_split_into_several_tables(all_indicator_report: Report) -> None:
    for lang in ("zh", "en", "id"):
        out = _text(all_indicator_report, 100, lang=lang)
        assert _max_line(out) <= 100, lang
        name = {"zh": "名称", "en": "Name", "id": "group_name"}[lang]
        headers = [line for line in out.splitlines() if line.startswith(name)]
        assert len(headers) >= 2, lang  # the name column is repeated in each table
        totals = [line for line in out.splitlines()
                  if line.startswith(("合计", "Total"))]
        assert len(totals) == len(headers)
        # Every value is printed whole somewhere: nothing was wrapped or squeezed.
        for value in ("67.50", "82.50", "115", "100", "101"):
            assert re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", out), (lang, value)


def test_one_table_when_wide_enough(all_indicator_report: Report) -> None:
    out = _text(all_indicator_report, 400, lang="id")
    assert len([line for line in out.splitlines() if line.startswith("group_name")]) == 1
    assert _max_line(out) <= 400


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_no_line_longer_than_width(all_indicator_report: Report, width: int) -> None:
    for detail in (False, True):
        out = _text(all_indicator_report, width, lang="en", detail=detail)
        assert _max_line(out) <= width


def test_detail_columns_in_the_table(report: Report) -> None:
    out = _text(report, 200, lang="id", detail=True)
    assert "births_total_numerator" in out
    assert "1,549" in out and "98.58" in out and "99.51" in out  # grouped: 1549 → 1,549
    assert _max_line(out) <= 200


def test_several_levels_show_the_level(report: Report) -> None:
    report.rows.append(ResultRow("village", "001001", "东村", None, "births_total", 7, None, 7,
                                 "count"))
    out = _text(report)
    assert "层级" in out and "乡镇" in out and "村" in out


def test_long_table(report: Report) -> None:
    out = _text(report, 100, layout="long")
    assert "出生人数" in out
    assert "[98.58, 99.51]" in out and "[103, 107]" in out and ">= 92" in out
    assert "显著未达标" in out and "99.17" in out and "1,549" in out
    assert out.splitlines()[-1].startswith("* 未达目标")
    assert _max_line(out) <= 100


@pytest.mark.parametrize("width", [60, 80, 100])
def test_long_table_narrow(report: Report, width: int) -> None:
    out = _text(report, width, layout="long", lang="en")
    assert _max_line(out) <= width
    assert "missed (significant)" in out


def test_color(report: Report) -> None:
    out = _text(report, color=True)
    assert "\x1b[" in out
    assert "\x1b[31m" in out or "\x1b[1;31m" in out  # markers in red
    assert _max_line(out) <= 100


def test_markup_in_names_is_printed_literally() -> None:
    report = make_report()
    for r in report.rows[3:6]:
        r.group_name = "[bold]x[/bold]"
    assert "[bold]x[/bold]" in _text(report)


def test_by_year_table() -> None:
    rows = [ResultRow("total", None, "合计", None, "births_total", 30, None, 30, "count")]
    for year in (2011, 2012):
        rows.append(ResultRow("township", "001", "城关镇", year, "births_total", 15, None, 15,
                              "count"))
    out = _text(make_report(rows, ["births_total"], ["township", "year"]))
    assert "统计年度" in out and "2011" in out and "2012" in out and "全部" in out


def test_empty_report_prints_header_only() -> None:
    out = _text(make_report([]))
    assert out.startswith("统计期")


def test_few_clusters_has_its_own_marker() -> None:
    from jisheng_cli.render.table import FEW, SMALL, markers_for

    assert markers_for("missed", "few_clusters") == "*" + FEW
    assert markers_for(None, "small; few_clusters") == SMALL + FEW
    assert markers_for("met", None) == ""


def _big_numbers() -> Report:
    rows = [
        ResultRow("total", None, "合计", None, "births_total", 43115, None, 43115, "count"),
        ResultRow("total", None, "合计", None, "fee_assessed_amount", 10401000.0, None,
                  10401000.0, "yuan"),
        # A ‰ rate past 1000 (not a real one, but the rule is "rates too when ≥ 1000").
        ResultRow("total", None, "合计", None, "abortion_rate", 1234567, 1000, 1234.567, "‰",
                  ci_low=1230.0, ci_high=1239.1),
        ResultRow("total", None, "合计", None, "policy_conformance_rate", 1549, 1562,
                  99.16773367477593, "%", target_min=1000.0, gap=-900.83, status="missed"),
    ]
    return make_report(rows, by=[], indicators=[r.indicator for r in rows])


def test_table_groups_thousands() -> None:
    wide = _text(_big_numbers(), 200, lang="en", detail=True)
    # 43115 → 43,115; 10401000 yuan with fen → 10,401,000.00; 1234.567‰ at 2 decimals →
    # 1,234.57 and its bounds 1,230.00 / 1,239.10; the gap −900.83 has 3 digits: as is.
    for text in ("43,115", "10,401,000.00", "1,234.57", "1,230.00", "1,239.10", "-900.83"):
        assert text in wide, text
    assert "43115" not in wide and "10401000" not in wide
    long = _text(_big_numbers(), 200, layout="long", lang="en")
    # numerator 1234567 → 1,234,567; denominators 1,000 and 1,562; target ≥ 1000 → 1,000.
    for text in ("43,115", "10,401,000.00", "1,234,567", "1,562", ">= 1,000",
                 "[1,230.00, 1,239.10]"):
        assert text in long, text


def test_separators_never_in_files() -> None:
    for fmt, layout in (("csv", "wide"), ("tsv", "wide"), ("csv", "long"), ("json", "long")):
        data = render(_big_numbers(), fmt, layout, lang="en", detail=layout == "wide")
        assert b"43115" in data and b"43,115" not in data, fmt
        assert b"1,234" not in data, fmt
