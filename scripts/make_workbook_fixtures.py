"""Write the workbook fixtures of tests/fixtures/workbooks/ with the tools clerks use.

    .venv/bin/python scripts/make_workbook_fixtures.py

Made with LibreOffice 7.4.7.2 (`soffice --headless --convert-to`) and XlsxWriter 3.3.1;
LibreOffice is needed only here, never by the tests (the files are committed):

- `lo_register.{xlsx,xls,ods}`: LibreOffice's saves of a flat-ODS sheet written below, with
  a merged title row, an empty row, date cells, a formula cell (its cached value is
  what counts), a number in the ID column, a totals row and a blank row;
- `typed.xlsx` (XlsxWriter): typed cells: dates, integers, an ID stored as a number,
  a float, a boolean, a formula with its cached value, a village code stored as a number,
  an error cell (#N/A);
- `townships.xlsx` (XlsxWriter): a hidden first sheet, two township sheets and a notes
  sheet without a header;
- `sample.{xlsx,xls,ods}`: sample_data/births.csv opened by LibreOffice with the code and
  ID columns imported as text (nothing damaged), dates as dates;
- `not_a_workbook.doc`: an OLE2 file that is not a workbook (as a Word .doc is).

The file names, sheet names and made-up IDs here are what the tests assert against.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "workbooks"
SAMPLE = ROOT / "sample_data" / "births.csv"
HEADER = ["统计用区划代码", "乡镇", "村名", "母亲身份证号", "出生日期", "性别", "孩次", "政策属性"]
# Made-up women of 远安县 (420525), valid check digits.
IDS = ["420525199001010029", "420525198803150029", "42052519920304004X"]


def _cell(value: object) -> str:
    """One table:table-cell of flat ODS."""
    if isinstance(value, dt.date):
        return (f'<table:table-cell table:style-name="day" office:value-type="date" '
                f'office:date-value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if isinstance(value, tuple):  # (formula, cached value)
        formula, cached = value
        return (f'<table:table-cell table:formula="{formula}" office:value-type="float" '
                f'office:value="{cached}"><text:p>{cached}</text:p></table:table-cell>')
    if value == "":
        return "<table:table-cell/>"
    return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>")


def register_fods() -> str:
    """A township's register as LibreOffice keeps it: row 1 a title merged over 8 columns,
    row 2 empty, row 3 the header, records from row 4."""
    rows: list[list[object]] = [
        ["420525100201", "鸣凤镇", "城关村", IDS[0], dt.date(2012, 3, 5), "男", 1, "政策内"],
        # birth order from a formula (=1+1, cached 2); the mother's ID typed as a number
        ["420525100201", "鸣凤镇", "城关村", 420525198803150000, dt.date(2012, 4, 1), "女",
         ("of:=1+1", 2), "政策内"],
        ["", "", "", "", "", "", "", ""],
        ["420525100202", "鸣凤镇", "龙潭村", IDS[2], dt.date(2012, 5, 20), "女", 1, "政策外"],
        ["合计", "", "", "", "", "", "", ""],
    ]
    title = ('<table:table-row><table:table-cell table:number-columns-spanned="8" '
             'office:value-type="string"><text:p>远安县鸣凤镇2012年出生登记表</text:p>'
             '</table:table-cell><table:covered-table-cell table:number-columns-repeated="7"/>'
             "</table:table-row>")
    body = [title, "<table:table-row><table:table-cell/></table:table-row>",
            "<table:table-row>" + "".join(_cell(h) for h in HEADER) + "</table:table-row>"]
    body += ["<table:table-row>" + "".join(_cell(v) for v in r) + "</table:table-row>"
             for r in rows]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
        'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        # Date cells shown as YYYY-MM-DD, as a clerk formats them.
        '<office:automatic-styles><number:date-style style:name="ymd">'
        '<number:year number:style="long"/><number:text>-</number:text>'
        '<number:month number:style="long"/><number:text>-</number:text>'
        '<number:day number:style="long"/></number:date-style>'
        '<style:style style:name="day" style:family="table-cell" '
        'style:data-style-name="ymd"/></office:automatic-styles>'
        '<office:body><office:spreadsheet><table:table table:name="鸣凤镇">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document>\n"
    )


def typed_xlsx(path: Path) -> None:
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("出生登记")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, [*HEADER, "上报日期"])
    sheet.write_number(1, 0, 420525100201)  # a village code stored as a number
    # An error cell (t="e", #N/A saved as the formula's value) in the optional column.
    sheet.write_formula(1, 8, "=NA()", None, "#N/A")
    sheet.write_datetime(2, 8, dt.datetime(2012, 4, 20), day)
    sheet.write_row(1, 1, ["鸣凤镇", "城关村", IDS[0]])
    sheet.write_datetime(1, 4, dt.datetime(2012, 3, 5, 14, 30), day)  # a time of day too
    sheet.write_row(1, 5, ["男"])
    sheet.write_number(1, 6, 1)
    sheet.write_string(1, 7, "政策内")
    sheet.write_string(2, 0, "420525100201")
    sheet.write_row(2, 1, ["鸣凤镇", "城关村"])
    sheet.write_number(2, 3, 4.20525198803151e17)  # an 18-digit ID that Excel cut to 15
    sheet.write_datetime(2, 4, dt.datetime(2012, 4, 1), day)
    sheet.write_string(2, 5, "女")
    sheet.write_formula(2, 6, "=1+1", None, 2)
    sheet.write_string(2, 7, "政策内")
    sheet.write_string(3, 0, "420525100202")
    sheet.write_row(3, 1, ["鸣凤镇", "龙潭村", IDS[2]])
    sheet.write_string(3, 4, "2012-05-20")  # a date typed as text
    sheet.write_string(3, 5, "女")
    sheet.write_number(3, 6, 2.5)  # not a birth order: rejected as 2.5, never as 2.5000…
    sheet.write_boolean(3, 7, True)
    book.close()


def townships_xlsx(path: Path) -> None:
    book = xlsxwriter.Workbook(path)
    hidden = book.add_worksheet("旧表")  # an old copy, hidden: never read by default
    hidden.write_row(0, 0, HEADER)
    hidden.write_row(1, 0, ["420525100201", "鸣凤镇", "城关村", IDS[1], "2011-01-01", "女", "1",
                            "政策内"])
    sheets = {
        "鸣凤镇": [["420525100201", "鸣凤镇", "城关村", IDS[0], "2012-03-05", "男", "1", "政策内"],
                   ["420525100201", "鸣凤镇", "城关村", IDS[1], "2012-04-01", "女", "2", "政策内"]],
        "花林寺镇": [["420525101201", "花林寺镇", "花林村", IDS[2], "2012-05-20", "女", "1",
                      "政策外"]],
    }
    first = None
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        first = first or sheet
        sheet.write_row(0, 0, [f"远安县{name}出生登记"])
        sheet.write_row(1, 0, HEADER)
        for i, r in enumerate(rows):
            sheet.write_row(2 + i, 0, r)
    notes = book.add_worksheet("说明")
    notes.write_row(0, 0, ["本表由乡镇计生办填报"])
    assert first is not None
    first.activate()  # a hidden sheet cannot be the active one
    hidden.hide()
    book.close()


def soffice(target: str, files: list[Path], outdir: Path, infilter: str | None = None) -> None:
    args = ["soffice", "--headless", "--norestore"]
    if infilter:
        args.append(f"--infilter={infilter}")
    args += ["--convert-to", target, "--outdir", str(outdir), *map(str, files)]
    subprocess.run(args, check=True, capture_output=True, timeout=300)


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is needed to make these fixtures")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fods = work / "lo_register.fods"
        fods.write_text(register_fods(), encoding="utf-8")
        for fmt in ("xlsx", "xls", "ods"):
            soffice(fmt, [fods], OUT)
        # The sample as UTF-8 (LibreOffice's CSV filter: comma, quote, UTF-8 = 76, from
        # line 1), columns 2 (code) and 6 (ID) as text (format 2), the rest standard.
        csv = work / "sample.csv"
        csv.write_text(SAMPLE.read_text(encoding="gb18030"), encoding="utf-8")
        columns = "/".join(f"{i}/{2 if i in (2, 6) else 1}" for i in range(1, 13))
        for fmt in ("xlsx", "xls", "ods"):
            soffice(fmt, [csv], OUT, f"CSV:44,34,76,1,{columns}")
    # An OLE2 file that is not a workbook, as a Word .doc is: LibreOffice's .xls with its
    # `Workbook` stream renamed (this machine's LibreOffice has no Writer to save a .doc).
    xls = (OUT / "lo_register.xls").read_bytes()
    stream = "Workbook".encode("utf-16-le")
    assert xls.count(stream) == 1
    (OUT / "not_a_workbook.doc").write_bytes(xls.replace(stream, "Document".encode("utf-16-le")))
    typed_xlsx(OUT / "typed.xlsx")
    townships_xlsx(OUT / "townships.xlsx")
    for p in sorted(OUT.iterdir()):
        print(f"{p.stat().st_size:>8}  {p.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
