"""Make tests/fixtures/dialects/: the sample register's first records in the dialects real
exports arrive in (issue 10, item 3). Re-runnable: `python scripts/make_dialect_fixtures.py`.

Every file starts from `sample_data/births.csv` (GB18030, CRLF, a title line), parsed with
Python's csv module and written again:

- comma.csv: the first 40 records as they are (the reference the others are compared with);
- semicolon.csv, pipe.csv, tab.csv: the same cells joined by `;`, `|` or a tab (csv.writer);
- quoted_semicolons.csv: comma.csv with mother names holding 12 quoted `;` each (the kind of
  text a delimiter count that ignores quotes would take for the delimiter);
- cr_only.csv: CR line ends (old Excel for Mac); mixed_line_ends.csv: CRLF, LF and CR in turn;
- utf16le_no_bom.csv: comma.csv converted by iconv (`iconv -f GB18030 -t UTF-16LE`, which
  writes no byte-order mark), as Windows' "Unicode text" saves;
- utf16be_bom.csv: Python's codecs (BOM_UTF16_BE + "utf-16-be");
- cut_off.csv: comma.csv whose last record stops after its sixth cell, with no line end (a
  download cut off);
- nul_rows.csv: the first 320 records with two NUL bytes inside the mother's name of the
  records on rows 12, 150 and 300 (3 rows, under 1% of 320).

Made with Python 3.11's csv and codecs modules and iconv (Debian GLIBC 2.36) 2.36.
"""

from __future__ import annotations

import codecs
import csv
import io
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "dialects"
SMALL = 40  # records of the dialect files
NUL_RECORDS = 320
NUL_ROWS = (12, 150, 300)  # spreadsheet rows: title 1, header 2, first record 3
NAME = 4  # the mother's name (母亲姓名) column


def sample_rows() -> list[list[str]]:
    text = (ROOT / "sample_data" / "births.csv").read_bytes().decode("gb18030")
    return list(csv.reader(io.StringIO(text, newline="")))


def joined(rows: list[list[str]], delimiter: str = ",", end: str = "\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=end).writerows(rows)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = sample_rows()
    small = rows[: 2 + SMALL]  # title, header, records

    def write(name: str, text: str, encoding: str = "gb18030") -> None:
        (OUT / name).write_bytes(text.encode(encoding))

    comma = joined(small)
    write("comma.csv", comma)
    write("semicolon.csv", joined(small, ";"))
    write("pipe.csv", joined(small, "|"))
    write("tab.csv", joined(small, "\t"))
    quoted = [list(r) for r in small]
    for r in quoted[2:]:
        r[NAME] = ";".join([r[NAME]] * 13)
    write("quoted_semicolons.csv", joined(quoted))
    write("cr_only.csv", joined(small, end="\r"))
    ends = ("\r\n", "\n", "\r")
    write("mixed_line_ends.csv",
          "".join(joined([r], end=ends[i % 3]) for i, r in enumerate(small)))
    le = subprocess.run(["iconv", "-f", "GB18030", "-t", "UTF-16LE"], input=comma.encode(
        "gb18030"), capture_output=True, check=True).stdout
    (OUT / "utf16le_no_bom.csv").write_bytes(le)
    (OUT / "utf16be_bom.csv").write_bytes(codecs.BOM_UTF16_BE + comma.encode("utf-16-be"))
    cut = joined(small[:-1]) + ",".join(small[-1][:6])
    write("cut_off.csv", cut)
    data = joined(rows[: 2 + NUL_RECORDS]).encode("gb18030")
    lines = data.split(b"\r\n")
    for row in NUL_ROWS:
        cells = lines[row - 1].split(b",")
        cells[NAME] = cells[NAME][:2] + b"\x00\x00" + cells[NAME][2:]  # after the surname
        lines[row - 1] = b",".join(cells)
    (OUT / "nul_rows.csv").write_bytes(b"\r\n".join(lines))


if __name__ == "__main__":
    main()
