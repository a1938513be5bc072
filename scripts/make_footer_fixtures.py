# ruff: noqa: E501 - one register row per line reads like the sheet it stands for
"""Writes tests/fixtures/footers/: a township clerk's births register with the footer and
totals rows Excel users add, as a workbook and as the CSV LibreOffice saves from it.

    PYTHONPATH=src python scripts/make_footer_fixtures.py

Made with xlsxwriter 3.3.1 (the workbook: a merged title, date cells, a formula with
its cached value) and LibreOffice 7.4.7.2 (`soffice --headless --convert-to csv`, UTF-8,
every row padded to the sheet's width as LibreOffice writes it). The CSV is committed, so
the tests never need LibreOffice. IDs and names are made up; names in footers are
already masked (张**), as a clerk's template prints them.

births_footers.csv, as a spreadsheet numbers its rows:
  1  title (merged A1:L1)
  2  header
  3–9  seven valid births of statistical year 2012 (2011-10-01 … 2012-09-30)
  10  `7 | | 合计 | … | 10`: 合计 is the only text cell, with numbers (a formula's value) beside it
  11  `| | 总计:7人`: the totals text in the third cell
  12  blank
  13  `填表人:张** | | | 审核人:李** | | | 制表日期:2012年10月8日`: a footer spread over cells
  14  `联系电话:0717-3212345`
  15  `备注: | 本表含流入人口`: a remark, a footer only because nothing follows it
Expected: 7 records used, rows 10–15 (6 rows) skipped as blank/totals, no finding.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path

import xlsxwriter

from jisheng_cli.records.ids import calc_check_digit

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "footers"
HEADER = ["序号", "统计用区划代码", "乡镇(街道)", "村(居)委会", "母亲姓名", "母亲身份证号",
          "婴儿出生日期", "婴儿性别", "孩次", "政策属性", "上报日期", "户籍性质"]


def mother_id(birth: str, seq: int) -> str:
    first17 = f"420525{birth}{seq:03d}"
    return first17 + calc_check_digit(first17)


D = datetime.date
RECORDS = [
    ["420525100201", "鸣凤镇", "甲村", "张丽", mother_id("19900101", 2), D(2011, 10, 8), "女", 1, "政策内", D(2011, 10, 20), "常住"],
    ["420525100201", "鸣凤镇", "甲村", "李娜", mother_id("19880312", 4), D(2011, 12, 1), "男", 2, "政策内", D(2011, 12, 12), "常住"],
    ["420525100201", "鸣凤镇", "甲村", "王芳", mother_id("19851120", 6), D(2012, 2, 14), "男", 1, "政策内", D(2012, 2, 24), "常住"],
    ["420525100202", "鸣凤镇", "乙村", "赵敏", mother_id("19830705", 8), D(2012, 3, 5), "女", 2, "政策外", D(2012, 3, 15), "常住"],
    ["420525100202", "鸣凤镇", "乙村", "陈静", mother_id("19920214", 10), D(2012, 5, 20), "男", 1, "政策内", D(2012, 6, 1), "流入"],
    ["420525100202", "鸣凤镇", "乙村", "刘洋", mother_id("19950808", 12), D(2012, 7, 7), "女", 1, "政策内", D(2012, 7, 17), "常住"],
    ["420525100202", "鸣凤镇", "乙村", "杨雪", mother_id("19910303", 14), D(2012, 9, 1), "男", 2, "政策内", D(2012, 9, 11), "常住"],
]


def write_workbook(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": datetime.datetime(2012, 10, 8, 9, 0, 0)})
    ws = wb.add_worksheet("鸣凤镇")
    dates = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.merge_range(0, 0, 0, len(HEADER) - 1, "远安县鸣凤镇2011-2012年度出生登记表")
    ws.write_row(1, 0, HEADER)
    for i, rec in enumerate(RECORDS):
        row = 2 + i
        ws.write_number(row, 0, i + 1)
        for j, value in enumerate(rec, 1):
            if isinstance(value, D):
                ws.write_datetime(row, j, datetime.datetime.combine(value, datetime.time()), dates)
            elif isinstance(value, int):
                ws.write_number(row, j, value)
            else:
                ws.write_string(row, j, value)
    # Row 10: a count in the 序号 column, 合计 in the third cell, the sum of 孩次.
    ws.write_formula(9, 0, "=COUNT(A3:A9)", None, 7)
    ws.write_string(9, 2, "合计")
    ws.write_formula(9, 8, "=SUM(I3:I9)", None, 10)
    ws.write_string(10, 2, "总计：7人")
    # Row 12 is left blank; the footer below it is spread over cells.
    ws.write_string(12, 0, "填表人：张**")
    ws.write_string(12, 3, "审核人：李**")
    ws.write_string(12, 6, "制表日期：2012年10月8日")
    ws.write_string(13, 0, "联系电话：0717-3212345")
    ws.write_string(14, 0, "备注：")
    ws.write_string(14, 1, "本表含流入人口")
    wb.close()


def to_csv(workbook: Path, csv_path: Path) -> None:
    """LibreOffice's CSV export: comma, double quotes, UTF-8 (filter token 76)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", tmp,
             str(workbook)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.copyfile(Path(tmp) / (workbook.stem + ".csv"), csv_path)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    workbook = OUT / "births_footers.xlsx"
    write_workbook(workbook)
    to_csv(workbook, OUT / "births_footers.csv")


if __name__ == "__main__":
    main()
