"""The hardening corpus: bad and messy registers, shaped like real village exports.

Small files are committed in `corpus/`; rewrite them (byte-identical, fixed seeds) with

    .venv/bin/python tests/hardening/make_corpus.py

Large files (100 MB lines, registers of hundreds of thousands of rows, files whose
defect sits past the reader's 64 KiB sample) are never committed: tests call the
functions below to write them into their own temporary directories.

Standard library only. Every name and ID number is made up (the IDs carry correct
check characters, computed here with ISO 7064 MOD 11-2 independently of the tool).
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

HEADER = [
    "序号", "统计用区划代码", "乡镇(街道)", "村(居)委会", "母亲姓名", "母亲身份证号",
    "婴儿出生日期", "婴儿性别", "孩次", "政策属性", "上报日期", "户籍性质",
]
TITLE = "远安县2012年出生登记表"
COL = {name: i for i, name in enumerate(HEADER)}

VILLAGES = [
    ("420525100201", "鸣凤镇", "龙泉村"),
    ("420525100202", "鸣凤镇", "永坡村"),
    ("420525101203", "花林寺镇", "清沟村"),
    ("420525104211", "茅坪场镇", "周台村"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀英华玉兰芳丽敏静燕红霞梅艳娟琴云莲"

AS_OF = "2026-11-22"


def check_char(first17: str) -> str:
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(seq: int, born: date = date(1985, 3, 7), area: str = "420525") -> str:
    """A valid 18-character number of a woman (digit 17 even)."""
    body = f"{area}{born:%Y%m%d}{(seq * 2) % 1000:03d}"
    return body + check_char(body)


def make_id15(seq: int, born: date = date(1979, 3, 26)) -> str:
    """A legacy 15-digit number (GB 11643-1989) of a woman."""
    return f"420525{born:%y%m%d}{(seq * 2) % 1000:03d}"


def upgrade15(id15: str) -> str:
    body = id15[:6] + "19" + id15[6:]
    return body + check_char(body)


def record(i: int, rng: random.Random | None = None) -> list[str]:
    """One valid births record, numbered i (1-based), born in statistical year 2012."""
    rng = rng or random.Random(i)
    code, township, village = VILLAGES[i % len(VILLAGES)]
    born = date(2011, 10, 1) + timedelta(days=(i * 7) % 360)
    mother_born = date(1980 + i % 12, 1 + i % 12, 1 + i % 28)
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    return [
        str(i), code, township, village, name, make_id(i, mother_born),
        born.isoformat(), "男" if i % 2 else "女", str(1 + i % 2), "政策内",
        (born + timedelta(days=10)).isoformat(), "常住",
    ]


def records(n: int, seed: int = 20121001) -> list[list[str]]:
    rng = random.Random(seed)
    return [record(i, rng) for i in range(1, n + 1)]


def to_text(rows: list[list[str]], *, header: list[str] | None = HEADER, title: str | None = None,
            line_end: str = "\r\n", delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    if title is not None:
        out.write(title + delimiter * (len(HEADER) - 1) + line_end)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def gb(text: str) -> bytes:
    return text.encode("gb18030")


# ---------------------------------------------------------------- small, committed files


def _base(n: int = 12) -> list[list[str]]:
    return records(n)


def empty() -> bytes:
    return b""


def bom_only() -> bytes:
    return b"\xef\xbb\xbf"


def header_only() -> bytes:
    return gb(to_text([], title=TITLE))


def title_only() -> bytes:
    return gb(TITLE + "," * 11 + "\r\n")


def binary() -> bytes:
    rng = random.Random(20121002)
    data = bytes(rng.randrange(256) for _ in range(4096))
    return data[:40] + b"\x00\x00" + data[40:]


def binary_no_nul() -> bytes:
    """High bytes that are neither UTF-8 nor GB18030 (0xFF never starts a GB18030 char)."""
    rng = random.Random(20121003)
    return bytes(rng.choice((0xFF, 0x80, 0xC0, 0xFE)) for _ in range(2048))


def truncated_quote() -> bytes:
    """A download cut off inside a quoted cell: the last record's quote never closes."""
    text = to_text(_base(10))
    cut = to_text([["11", "420525100201", "鸣凤镇", '"龙泉村\r\n第二段']], header=None)
    # csv quotes the cell; drop the tail so the file ends inside it.
    cut = cut[: cut.index("第二段") + 3]
    return gb(text + cut)


def truncated_utf8() -> bytes:
    """A UTF-8 export cut off inside a multi-byte character of its last, partial record."""
    head = to_text(_base(10)).encode("utf-8")
    return head + "11,420525100201,鸣凤镇,龙泉村,王".encode()[:-1]


def unclosed_quote_mid_file() -> bytes:
    """A stray opening quote in record 3 of 40: everything after it would fall into one cell."""
    rows = _base(40)
    text = to_text(rows)
    lines = text.split("\r\n")
    cells = lines[3].split(",")
    cells[3] = '"' + cells[3]  # record 3's village cell opens a quote and never closes it
    lines[3] = ",".join(cells)
    return gb("\r\n".join(lines))


def ragged() -> bytes:
    rows = _base(12)
    rows[3] = [*rows[3], "多余"]  # row 5: 13 cells
    rows[7] = rows[7][:6]  # row 9: 6 cells
    return gb(to_text(rows))


def duplicate_headers() -> bytes:
    header = list(HEADER)
    header[4] = "身份证号"  # both 母亲身份证号 and 身份证号 mean mother_id
    return gb(to_text(_base(6), header=header))


def duplicate_unknown_headers() -> bytes:
    """Two columns both headed 备注 (remarks): unknown to the tool, so ignored."""
    header = [*HEADER, "备注", "备注"]
    rows = [[*r, "", "已核实"] for r in _base(8)]
    return gb(to_text(rows, header=header))


def missing_column() -> bytes:
    i = COL["母亲身份证号"]
    header = HEADER[:i] + HEADER[i + 1:]
    rows = [r[:i] + r[i + 1:] for r in _base(6)]
    return gb(to_text(rows, header=header))


def multiline_header() -> bytes:
    """Header cells with Alt+Enter line breaks (`婴儿出生日期⏎(年月日)`), and no mother_id
    column: the error lists the headers seen."""
    i = COL["母亲身份证号"]
    header = list(HEADER)
    header[COL["婴儿出生日期"]] = "婴儿出生日期\n(年月日)"
    header[COL["孩次"]] = "孩次\r\n(第几孩)"
    header = header[:i] + header[i + 1:]
    rows = [r[:i] + r[i + 1:] for r in _base(6)]
    return gb(to_text(rows, header=header))


def escape_header() -> bytes:
    """Terminal escape sequences in an unrecognisable header line."""
    return b"\x1b[2J\x1b[31mred\x1b[0m,\x07bell,x\r\n1,2,3\r\n"


def gb18030_register() -> bytes:
    """A clean GB18030 register with a title line (for the wrong --encoding cases)."""
    return gb(to_text(_base(30), title=TITLE))


def mixed_encodings_small() -> bytes:
    """GB18030 rows, then rows appended by a UTF-8 tool, all within the first 64 KiB."""
    rows = _base(40)
    return gb(to_text(rows[:20])) + to_text(rows[20:], header=None).encode("utf-8")


def nul_early() -> bytes:
    data = gb(to_text(_base(12)))
    at = data.index(b"\r\n", 300) + 2
    return data[:at] + b"\x00\x00" + data[at:]


def scientific_ids() -> bytes:
    rows = _base(12)
    rows[2][COL["母亲身份证号"]] = "4.20525E+17"  # row 4
    rows[5][COL["母亲身份证号"]] = "4.2E+17"  # row 7
    return gb(to_text(rows))


RARE_NAMES = ("王镕", "刘䶮", "张堃", "李喆", "陈昇", "赵珺")


def gbk_rare_chars() -> bytes:
    """GBK/GB18030 characters that GB2312 lacks (镕, 䶮 …) in names and in a village name.

    A detector that guesses GB2312 would fail on them; the tool must read GB18030."""
    rows = _base(12)
    for i, row in enumerate(rows):
        row[COL["母亲姓名"]] = RARE_NAMES[i % len(RARE_NAMES)]
        if row[COL["统计用区划代码"]] == VILLAGES[0][0]:
            row[COL["村(居)委会"]] = "䶮镕村"
    return gb(to_text(rows, title=TITLE))


def repeated_header() -> bytes:
    """Two township exports pasted together: the second keeps its header line."""
    rows = _base(12)
    return gb(to_text(rows[:6]) + to_text(rows[6:]))


def concatenated_with_titles() -> bytes:
    """Two exports pasted together, each with its title line and header."""
    rows = _base(12)
    return gb(to_text(rows[:6], title=TITLE) + to_text(rows[6:], title=TITLE))


def totals_mid_file() -> bytes:
    rows = _base(12)
    subtotal = ["小计", "6"] + [""] * 10
    total = ["合计", "12"] + [""] * 10
    return gb(to_text([*rows[:6], subtotal, *rows[6:], total]))


def quoted_newline() -> bytes:
    """A cell with a line break (Alt+Enter in Excel) before a defective record."""
    rows = _base(12)
    rows[1][COL["村(居)委会"]] = "永坡村\r\n(二组)"  # row 3 spans two physical lines
    rows[2][COL["村(居)委会"]] = "清沟村\n三组\n四组"  # row 4 spans three
    rows[8][COL["婴儿出生日期"]] = "2012-02-30"  # spreadsheet row 10, physical line 13
    return gb(to_text(rows))


def trailing_delimiters() -> bytes:
    """Every data row ends with an extra delimiter; the header does not."""
    text = to_text(_base(12))
    lines = text.split("\r\n")
    lines = [lines[0]] + [line + "," if line else line for line in lines[1:]]
    return gb("\r\n".join(lines))


def merged_cells() -> bytes:
    """Village and township names only on the first row of each block (merged cells)."""
    rows = sorted(_base(16), key=lambda r: (r[1], int(r[0])))
    previous = None
    for row in rows:
        if row[1] == previous:
            row[COL["乡镇(街道)"]] = ""
            row[COL["村(居)委会"]] = ""
        previous = row[1]
    return gb(to_text(rows))


def merged_cells_names() -> bytes:
    """The same merged blanks in a register without codes, where the names are the keys."""
    i = COL["统计用区划代码"]
    text = merged_cells().decode("gb18030")
    rows = list(csv.reader(io.StringIO(text)))
    return gb(to_text([r[:i] + r[i + 1:] for r in rows[1:]],
                      header=HEADER[:i] + HEADER[i + 1:]))


def full_width_digits() -> bytes:
    table = str.maketrans("0123456789X-", "０１２３４５６７８９Ｘ－")
    rows = _base(12)
    for row in rows:
        for col in ("统计用区划代码", "母亲身份证号", "婴儿出生日期", "孩次"):
            row[COL[col]] = row[COL[col]].translate(table)
    return gb(to_text(rows))


def crlf_register() -> bytes:
    rows = _base(12)
    rows[4][COL["母亲身份证号"]] = rows[4][COL["母亲身份证号"]][:17] + (
        "0" if rows[4][COL["母亲身份证号"]][17] != "0" else "1")  # row 6: check digit
    return gb(to_text(rows, line_end="\r\n"))


def excel_serial_dates() -> bytes:
    rows = _base(12)
    base = date(1899, 12, 30)
    for row in rows:
        for col in ("婴儿出生日期", "上报日期"):
            row[COL[col]] = str((date.fromisoformat(row[COL[col]]) - base).days)
    return gb(to_text(rows))


def title_above_header() -> bytes:
    rows = _base(12)
    rows[5][COL["婴儿性别"]] = "不详的"  # unknown sex code, on spreadsheet row 9
    lines = TITLE + "," * 11 + "\r\n" + "制表单位:远安县卫计局,,,,,,,,,,,\r\n"
    return gb(lines + to_text(rows))


def utf8_bom_gb18030_body() -> bytes:
    return b"\xef\xbb\xbf" + gb18030_register()


def long_cells() -> bytes:
    rows = _base(12)
    rows[2][COL["母亲姓名"]] = "王" + "秀" * 200_000  # row 4: a 600 KB name
    rows[3][COL["村(居)委会"]] = "永坡村" + "(" + "一二三" * 20_000 + ")"
    return gb(to_text(rows))


def header_missing() -> bytes:
    """Records only, no header line (the export's first row was deleted)."""
    return gb(to_text(_base(12), header=None))


def utf16_tab() -> bytes:
    """Excel's "Unicode text" export: UTF-16 LE with a BOM, tab-delimited, .txt."""
    text = to_text(_base(12), delimiter="\t")
    return b"\xff\xfe" + text.encode("utf-16-le")


def padded_ids() -> bytes:
    """IDs as exporters pad them against Excel: leading tab, spaces, lower-case x."""
    rows = _base(12)
    for i, row in enumerate(rows):
        value = row[COL["母亲身份证号"]]
        row[COL["母亲身份证号"]] = ("\t" + value, " " + value + " ",
                                  value[:6] + " " + value[6:14] + " " + value[14:],
                                  value.lower())[i % 4]
    return gb(to_text(rows))


def excel_numbers() -> bytes:
    """Numeric cells as Excel writes them: 1.0 for codes, dates with a time of day."""
    rows = _base(12)
    for row in rows:
        row[COL["婴儿性别"]] = "1.0" if row[COL["婴儿性别"]] == "男" else "2.0"
        row[COL["孩次"]] = row[COL["孩次"]] + ".0"
        row[COL["婴儿出生日期"]] = row[COL["婴儿出生日期"]] + " 00:00:00"
    return gb(to_text(rows))


def blank_tail() -> bytes:
    """Excel's used range runs far below the data: 50 rows of bare delimiters."""
    return gb(to_text(_base(12)) + ",,,,,,,,,,,\r\n" * 50)


def only_blank_and_totals() -> bytes:
    return gb(to_text([[""] * 12, ["合计", "0"] + [""] * 10]))


def old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def semicolons() -> bytes:
    return to_text(_base(12), delimiter=";").encode("utf-8")


def mixed_line_ends() -> bytes:
    text = to_text(_base(12), line_end="\n")
    lines = text.split("\n")
    return gb("\n".join(line + ("\r" if i % 3 == 0 and line else "")
                        for i, line in enumerate(lines)))


def id_in_wrong_column() -> bytes:
    """Record 4's birth date and mother's ID swapped (a shifted paste)."""
    rows = _base(12)
    r = rows[2]
    r[COL["婴儿出生日期"]], r[COL["母亲身份证号"]] = r[COL["母亲身份证号"]], r[COL["婴儿出生日期"]]
    return gb(to_text(rows))


def formula_villages() -> bytes:
    """Village names that spreadsheets would run as formulas (docs/cli.md "Spreadsheet safety")."""
    rows = records(40)
    villages = [
        ("420525100201", "=HYPERLINK(\"http://x\",\"y\")"),
        ("420525100202", "+1"),
        ("420525100203", "-2"),
        ("420525100204", "@SUM(A1)"),
        ("420525100205", "\t=1+1"),
        ("420525100206", "普通村"),
    ]
    for i, row in enumerate(rows):
        code, name = villages[i % len(villages)]
        row[COL["统计用区划代码"]] = code
        row[COL["乡镇(街道)"]] = "鸣凤镇"
        row[COL["村(居)委会"]] = name
    return to_text(rows).encode("utf-8")


def formula_cells() -> bytes:
    """Formula-looking values in checked columns: rejected, and echoed in the rejects."""
    rows = records(8)
    rows[1][COL["婴儿出生日期"]] = "=1+1"  # row 3
    rows[2][COL["婴儿性别"]] = "@SUM(A1)"  # row 4
    rows[3][COL["政策属性"]] = "-否"  # row 5
    rows[4][COL["统计用区划代码"]] = "+420525100201"  # row 6
    rows[5][COL["孩次"]] = "=cmd|' /C calc'!A0"  # row 7
    return to_text(rows).encode("utf-8")


FORMULA_NAMES = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\t=1+1"]

SMALL: dict[str, Callable[[], bytes]] = {
    "empty.csv": empty,
    "bom_only.csv": bom_only,
    "header_only.csv": header_only,
    "title_only.csv": title_only,
    "binary.csv": binary,
    "binary_no_nul.csv": binary_no_nul,
    "truncated_quote.csv": truncated_quote,
    "unclosed_quote_mid_file.csv": unclosed_quote_mid_file,
    "truncated_utf8.csv": truncated_utf8,
    "ragged.csv": ragged,
    "duplicate_headers.csv": duplicate_headers,
    "duplicate_unknown_headers.csv": duplicate_unknown_headers,
    "missing_column.csv": missing_column,
    "multiline_header.csv": multiline_header,
    "escape_header.csv": escape_header,
    "gb18030_register.csv": gb18030_register,
    "mixed_encodings_small.csv": mixed_encodings_small,
    "nul_early.csv": nul_early,
    "scientific_ids.csv": scientific_ids,
    "gbk_rare_chars.csv": gbk_rare_chars,
    "repeated_header.csv": repeated_header,
    "concatenated_with_titles.csv": concatenated_with_titles,
    "totals_mid_file.csv": totals_mid_file,
    "quoted_newline.csv": quoted_newline,
    "trailing_delimiters.csv": trailing_delimiters,
    "merged_cells.csv": merged_cells,
    "merged_cells_names.csv": merged_cells_names,
    "full_width_digits.csv": full_width_digits,
    "crlf_register.csv": crlf_register,
    "excel_serial_dates.csv": excel_serial_dates,
    "title_above_header.csv": title_above_header,
    "utf8_bom_gb18030_body.csv": utf8_bom_gb18030_body,
    "header_missing.csv": header_missing,
    "utf16_tab.txt": utf16_tab,
    "padded_ids.csv": padded_ids,
    "excel_numbers.csv": excel_numbers,
    "blank_tail.csv": blank_tail,
    "only_blank_and_totals.csv": only_blank_and_totals,
    "old_xls.csv": old_xls,
    "semicolons.csv": semicolons,
    "mixed_line_ends.csv": mixed_line_ends,
    "id_in_wrong_column.csv": id_in_wrong_column,
    "formula_villages.csv": formula_villages,
    "formula_cells.csv": formula_cells,
}


def write_small(directory: Path = CORPUS) -> list[Path]:
    return write_files(SMALL, directory)


def write_files(builders: dict[str, Callable[[], bytes]], directory: Path) -> list[Path]:
    """Each builder's bytes into `directory` under its name (this corpus and the women's)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in builders.items():
        path = directory / name
        path.write_bytes(build())
        written.append(path)
    return written


# ---------------------------------------------------------------- large, generated in tmp


def long_cells_file(path: Path) -> Path:
    """Too big to commit (1 MB): built on demand."""
    path.write_bytes(long_cells())
    return path


def big_single_line(path: Path, megabytes: int = 100) -> Path:
    """A valid header and records, then one record holding a 100 MB unbroken line."""
    rows = _base(10)
    head = gb(to_text(rows[:5], title=TITLE))
    tail = gb(to_text(rows[5:], header=None))
    chunk = b"A" * (1 << 20)
    with path.open("wb") as f:
        f.write(head)
        f.write(b"6,420525100201,")
        for _ in range(megabytes):
            f.write(chunk)
        f.write(b",x,x,x\r\n")
        f.write(tail)
    return path


def past_sample(path: Path, defect: str) -> Path:
    """~200 KB GB18030 register whose defect sits beyond the first 64 KiB.

    defect: "nul" (two NUL bytes inside a mother's name), "utf8_tail" (the last rows UTF-8);
    or a UTF-8 register whose last rows are GB18030: "gb_tail", and "gb_ragged_tail"
    (one of those rows also has too few cells).
    """
    rows = records(2500)
    if defect in ("gb_tail", "gb_ragged_tail"):
        head = to_text(rows[:2400]).encode("utf-8")
        tail = rows[2400:]
        if defect == "gb_ragged_tail":
            tail[3] = tail[3][:6]
        data = head + gb(to_text(tail, header=None))
        assert len(head) > 3 * (1 << 16)
        path.write_bytes(data)
        return path
    if defect == "nul":
        data = gb(to_text(rows))
        at = data.index(b"\r\n", 150_000) + 2
        for _ in range(4):  # to the mother's name cell of that record
            at = data.index(b",", at) + 1
        data = data[:at + 2] + b"\x00\x00" + data[at + 2:]  # after the surname
    elif defect == "utf8_tail":
        data = gb(to_text(rows[:2000])) + to_text(rows[2000:], header=None).encode("utf-8")
    else:
        raise ValueError(defect)
    assert len(data) > 3 * (1 << 16)
    path.write_bytes(data)
    return path


def large_register(path: Path, n: int = 300_000) -> Path:
    """A register of n rows, fast to write (one template; valid rows not needed)."""
    header = ",".join(HEADER) + "\n"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(header)
        block = []
        for i in range(n):
            code, township, village = VILLAGES[i % len(VILLAGES)]
            block.append(
                f"{i},{code},{township},{village},王某,42052519800101{i % 10000:04d},"
                f"2012-0{1 + i % 9}-1{i % 10},{1 + i % 2},{1 + i % 3},政策内,,常住\n"
            )
            if len(block) == 10_000:
                f.write("".join(block))
                block = []
        f.write("".join(block))
    return path


def wide_output_register(path: Path, villages: int = 400) -> Path:
    """Valid births in many villages: `--by village --layout long` prints >1 MB."""
    rows = []
    for v in range(villages):
        code = f"4205251{v // 100:02d}{200 + v % 100:03d}"
        for k in range(3):
            row = record(v * 3 + k + 1)
            row[COL["统计用区划代码"]] = code
            row[COL["村(居)委会"]] = f"村{v}"
            rows.append(row)
    path.write_bytes(to_text(rows).encode("utf-8"))
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    for p in write_small(target):
        print(f"{p.stat().st_size:>9}  {p.name}")
