"""Writes tests/fixtures/excel_damage/: a births register whose ID column went through a
spreadsheet as numbers, and a field check typed from it.

Made with LibreOffice 7.4.7.2 (`soffice --headless`) and Python 3.11: twelve made-up,
valid ID numbers are written as a one-column CSV, LibreOffice reads them as numbers and
saves an .xlsx (which keeps 15 significant digits, as Excel does), and the cell values it
stored are written back as the whole numbers a clerk's "save as CSV" shows
(420525198803151234 → 420525198803151000). The IDs are picked so that digit 16 is below 5:
rounding (LibreOffice) and truncation (Excel) then give the same number. Eleven of the
cut numbers fail the check; one passes by chance, as in issue 10.

Re-run: `python scripts/make_excel_damage_fixtures.py` (needs soffice on the PATH; CI only
reads the committed files).
"""

from __future__ import annotations

import csv
import re
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from jisheng_cli.records.ids import calc_check_digit

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "excel_damage"
HEADER = ["统计用区划代码", "乡镇(街道)", "村(居)委会", "母亲姓名", "母亲身份证号", "出生日期",
          "性别", "孩次", "政策属性"]
VILLAGE = ("420525100201", "鸣凤镇", "甲村")
NAMES = ["王芳", "李娜", "刘敏", "陈静", "杨丽", "赵艳", "黄娟", "周霞", "吴萍", "徐燕", "孙慧",
         "马琳"]


def _cut(id18: str) -> str:
    """Excel's rule, to choose the IDs: digits after the fifteenth become 0."""
    return id18[:15] + "000"


def _passes(id18: str) -> bool:
    return calc_check_digit(id18[:17]) == id18[17]


def choose_ids() -> list[str]:
    """Eleven women whose cut number fails its check, then one whose cut number passes;
    one birth date each, so that the cut numbers stay distinct."""
    failing: list[str] = []
    passing: list[str] = []
    for day in range(1, 29):
        for seq in range(2, 1000, 2):
            first17 = f"4205251988{1 + day % 12:02d}{day:02d}{seq:03d}"
            real = first17 + calc_check_digit(first17)
            if real.endswith("000") or int(real[15]) >= 5:
                continue
            bucket = passing if _passes(_cut(real)) else failing
            if len(bucket) < (1 if bucket is passing else 11):
                bucket.append(real)
                break
        if len(failing) == 11 and passing:
            return failing + passing
    raise AssertionError("no such IDs")


def through_libreoffice(ids: list[str], work: Path) -> list[str]:
    """The IDs as LibreOffice stores them once it has read them as numbers."""
    (work / "ids.csv").write_text("id\n" + "\n".join(ids) + "\n", encoding="ascii")
    subprocess.run(
        ["soffice", "--headless", "--infilter=Text - txt - csv (StarCalc):44,34,76",
         "--convert-to", "xlsx", "--outdir", str(work), str(work / "ids.csv")],
        check=True, capture_output=True, timeout=300,
    )
    with zipfile.ZipFile(work / "ids.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    values = re.findall(r'<c r="A\d+"[^>]*t="n"[^>]*><v>([^<]+)</v>', sheet)
    return [str(int(Decimal(v))) for v in values]


def main() -> None:
    real = choose_ids()
    with tempfile.TemporaryDirectory() as d:
        cut = through_libreoffice(real, Path(d))
    assert cut == [_cut(r) for r in real], "LibreOffice did not keep 15 digits"
    assert sum(_passes(c) for c in cut) == 1
    rows = [[*VILLAGE, NAMES[i], c, f"2023-0{1 + i % 9}-{10 + i:02d}", "男" if i % 2 else "女",
             "1", "政策内"] for i, c in enumerate(cut)]
    # The birth that passes by chance, registered twice: the second row would be a 重报 if
    # the number were trusted.
    rows.append(rows[-1])
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "register.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([HEADER, *rows])
    # A field check that found that birth and copied the number from the register: it
    # would match the register's row if the number were trusted.
    survey = [[*VILLAGE, NAMES[-1], cut[-1], rows[-1][5], rows[-1][6], "1", ""]]
    with (OUT / "survey.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([HEADER, *survey])
    (OUT / "real_ids.txt").write_text(
        "# The numbers before LibreOffice cut them (made up; for the tests' arithmetic)\n"
        + "\n".join(real) + "\n", encoding="ascii")


if __name__ == "__main__":
    main()
