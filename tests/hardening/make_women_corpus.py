"""The women's part of the hardening corpus: messy exports of the women's register
(育龄妇女信息), the procedures ledger (计划生育手术台账) and their field check.

Written into `corpus/` beside make_corpus.py's files (byte-identical, fixed seeds) by

    .venv/bin/python tests/hardening/make_women_corpus.py

Standard library only; the ID numbers carry check characters computed by make_corpus's
ISO 7064 MOD 11-2, independently of the tool. Every name and number is made up.

The register's statistical year is 2012 (S = 2012-09-30, --as-of 2026-11-22). `woman(i)`
is a married local woman aged 22–41 at S, using an IUD dated 2011; each file changes a
few cells, and the tests say which rows and what they expect.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

try:
    from . import make_corpus
except ImportError:  # run as a script
    import make_corpus  # type: ignore[no-redef]

CORPUS = make_corpus.CORPUS

WOMEN_HEADER = [
    "身份证号", "姓名", "统计用区划代码", "乡镇(街道)", "村(居)委会", "婚姻状况", "结婚日期",
    "现有子女数", "节育措施", "丈夫节育措施", "措施落实日期", "未避孕原因", "人口类别", "重点对象",
    "婚育证明办证日期", "婚育证明查验日期", "最近联系日期", "环孕检日期", "出队日期",
    "信息截止日期",
]
W = {name: i for i, name in enumerate(WOMEN_HEADER)}
WOMEN_TITLE = "远安县2012年度已婚育龄妇女信息登记表"

PROCEDURES_HEADER = ["手术编号", "身份证号", "统计用区划代码", "乡镇(街道)", "村(居)委会",
                     "手术类别", "手术日期", "并发症"]
P = {name: i for i, name in enumerate(PROCEDURES_HEADER)}

SURVEY_HEADER = ["身份证号", "姓名", "统计用区划代码", "乡镇(街道)", "村(居)委会", "婚姻状况",
                 "节育措施", "措施落实日期", "人口类别"]
S = {name: i for i, name in enumerate(SURVEY_HEADER)}


def male_id(seq: int, born: date = date(1980, 6, 1)) -> str:
    """A valid 18-character number of a man (digit 17 odd)."""
    body = f"420525{born:%Y%m%d}{(seq * 2 + 1) % 1000:03d}"
    return body + make_corpus.check_char(body)


def woman_born(i: int) -> date:
    return date(1971 + i % 20, 1 + i % 12, 1 + i % 28)


def woman_id(i: int) -> str:
    return make_corpus.make_id(i, woman_born(i))


def woman_name(i: int, rng: random.Random) -> str:
    return rng.choice(make_corpus.SURNAMES) + rng.choice(make_corpus.GIVEN) + rng.choice(
        make_corpus.GIVEN)


def woman(i: int, rng: random.Random) -> list[str]:
    """One valid married local woman, numbered i (1-based), an IUD user since 2011."""
    code, township, village = make_corpus.VILLAGES[i % len(make_corpus.VILLAGES)]
    return [
        woman_id(i), woman_name(i, rng), code, township, village, "20",
        date(2008, 1 + i % 12, 10).isoformat(), "1", "上环", "",
        date(2011, 1 + i % 12, 5).isoformat(), "", "常住", "否", "", "", "",
        "2012-06-15", "", "2012-08-31",
    ]


def women(n: int, seed: int = 20120930) -> list[list[str]]:
    rng = random.Random(seed)
    return [woman(i, rng) for i in range(1, n + 1)]


def table(rows: list[list[str]], header: list[str] | None, title: str | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if title is not None:
        writer.writerow([title] + [""] * (len(header or WOMEN_HEADER) - 1))
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


gb = make_corpus.gb


# ---------------------------------------------------------------- women's registers


def women_gb18030() -> bytes:
    """A clean GB18030 export: title row, header, 12 women, a blank row and a 合计 footer.
    Rows 3 and 4 (records 2, 3) use no method; row 4 gives the reason 现孕."""
    rows = women(12)
    rows[1][W["节育措施"]] = "无"
    rows[1][W["措施落实日期"]] = ""
    rows[2][W["节育措施"]] = "未避孕"
    rows[2][W["措施落实日期"]] = ""
    rows[2][W["未避孕原因"]] = "现孕"
    blank = [""] * len(WOMEN_HEADER)
    footer = ["合计", "12"] + [""] * (len(WOMEN_HEADER) - 2)
    return gb(table([*rows, blank, footer], WOMEN_HEADER, WOMEN_TITLE))


def damage_id(value: str) -> str:
    """What Excel does to an 18-digit number: 15 significant digits kept, then 000."""
    return value[:15] + "000"


def ids_ending_000(n: int) -> list[str]:
    """The first n real numbers (born 1980 on) that end in 000 and pass their check: what a
    damaged column cannot tell from a damaged number."""
    found: list[str] = []
    born = date(1980, 1, 1)
    while len(found) < n:
        for digit in range(1, 10):
            body = f"420525{born:%Y%m%d}{digit}00"  # digit 17 is 0: a woman
            if make_corpus.check_char(body) == "0" and len(found) < n:
                found.append(body + "0")
        born = date.fromordinal(born.toordinal() + 1)
    return found


def women_excel_damaged() -> bytes:
    """A register opened and saved in Excel: every ID cut to 15 significant digits (…000),
    row 5's shown in scientific notation, and the village codes of rows 8 and 10 too.
    Rows 2 and 3 hold women whose real numbers end in 000 and pass the check."""
    rows = women(10)
    for row in rows:
        row[W["身份证号"]] = damage_id(row[W["身份证号"]])
    rows[0][W["身份证号"]], rows[1][W["身份证号"]] = ids_ending_000(2)
    rows[3][W["身份证号"]] = "4.20525E+17"  # row 5
    rows[6][W["统计用区划代码"]] = "4.20525E+11"  # row 8
    rows[8][W["统计用区划代码"]] = "4.20525100201E+11"  # row 10
    return gb(table(rows, WOMEN_HEADER))


FULL_WIDTH = str.maketrans("0123456789X-", "０１２３４５６７８９Ｘ－")


def women_full_width_codes() -> bytes:
    """Every coded cell in full-width characters, with spaces (ideographic or plain) around
    it, English names in full-width capitals; IDs and dates in full-width digits."""
    rows = women(9)
    marital = ("２０", " 已婚 ", "　初婚　", "ＭＡＲＲＩＥＤ", "２１．０", "再婚 ", " ２３",
               "有配偶", "Ｍａｒｒｉｅｄ")
    method = (" 上环", "女扎　", "ＩＵＤ", "皮埋 ", "　口服药", " 避孕套 ", "ＣＯＮＤＯＭ",
              "宫内节育器 ", "Ｖａｓｅｃｔｏｍｙ")
    residence = ("常住 ", " 流出", "　流入　", "ＬＯＣＡＬ", " 户籍", "外出 ", "流动人口",
                 "Ｉｎｆｌｏｗ", "常住人口 ")
    key = (" 是", "否 ", "Ｙ", "Ｎ", "　否", "是　", "ｎｏ", "ＹＥＳ", "０")
    for i, row in enumerate(rows):
        row[W["身份证号"]] = row[W["身份证号"]].translate(FULL_WIDTH)
        row[W["婚姻状况"]] = marital[i]
        row[W["节育措施"]] = method[i]
        row[W["人口类别"]] = residence[i]
        row[W["重点对象"]] = key[i]
        row[W["现有子女数"]] = (" ２", "１ ", "０", "３．０", " 1", "2", "１", "２", "１")[i]
        row[W["措施落实日期"]] = row[W["措施落实日期"]].translate(FULL_WIDTH)
    return gb(table(rows, WOMEN_HEADER))


# row (spreadsheet, header = 1) -> (column, cell that is no code of it)
UNKNOWN_CODES = {
    3: ("婚姻状况", "同居"),
    4: ("节育措施", "待定"),
    5: ("丈夫节育措施", "药具"),
    6: ("未避孕原因", "出差"),
    7: ("人口类别", "暂住"),
    8: ("重点对象", "待查"),
    9: ("现有子女数", "两个"),
    10: ("现有子女数", "21"),
    11: ("现有子女数", "1.5"),
}


def women_unknown_codes() -> bytes:
    rows = women(12)
    for row_number, (column, cell) in UNKNOWN_CODES.items():
        rows[row_number - 2][W[column]] = cell
    return gb(table(rows, WOMEN_HEADER))


def women_ids_and_dates() -> bytes:
    """Row 3 a man's ID; row 4 a wrong check character; row 5 a 措施落实日期 after --as-of;
    row 6 a 结婚日期 before 1950; row 7 a legacy 15-digit ID (valid)."""
    rows = women(10)
    rows[1][W["身份证号"]] = male_id(1)
    good = rows[2][W["身份证号"]]
    rows[2][W["身份证号"]] = good[:17] + ("1" if good[17] != "1" else "2")
    rows[3][W["措施落实日期"]] = "2027-03-08"
    rows[4][W["结婚日期"]] = "1949-05-01"
    rows[5][W["身份证号"]] = make_corpus.make_id15(6, date(1979, 3, 26))
    return gb(table(rows, WOMEN_HEADER))


def women_twice() -> bytes:
    """Five women entered twice (rows 2–9 the first records, rows 10–14 again):
    A (rows 2/10): dated 2012-03-15, then 2012-08-20 → row 10 kept;
    B (rows 3/11): dated 2012-07-01, then undated → row 3 kept;
    C (rows 4/12): both undated → row 4 kept;
    D (rows 5/13): both 2012-05-05 → row 5 kept;
    E (rows 6/14): undated, then dated 2012-01-01 → row 14 kept.
    Each dropped record uses no method (无), each kept one an IUD, so a wrong choice shows
    in the prevalence as well as in the rejects."""
    rows = women(8)
    again = [list(rows[k]) for k in range(5)]
    for row in again:
        row[W["节育措施"]] = "无"
        row[W["措施落实日期"]] = ""
    for kept_second in (rows[0], rows[4]):
        kept_second[W["节育措施"]] = "无"
        kept_second[W["措施落实日期"]] = ""
    for kept_second in (again[0], again[4]):
        kept_second[W["节育措施"]] = "上环"
        kept_second[W["措施落实日期"]] = "2011-12-01"
    rows[0][W["信息截止日期"]], again[0][W["信息截止日期"]] = "2012-03-15", "2012-08-20"
    rows[1][W["信息截止日期"]], again[1][W["信息截止日期"]] = "2012-07-01", ""
    rows[2][W["信息截止日期"]] = again[2][W["信息截止日期"]] = ""
    rows[3][W["信息截止日期"]] = again[3][W["信息截止日期"]] = "2012-05-05"
    rows[4][W["信息截止日期"]], again[4][W["信息截止日期"]] = "", "2012-01-01"
    return gb(table([*rows, *again], WOMEN_HEADER))


def women_header_only() -> bytes:
    return gb(table([], WOMEN_HEADER, WOMEN_TITLE))


# (header as another system writes it, the column of WOMEN_HEADER it holds)
REORDERED = [
    ("村(居)委会", "村(居)委会"), ("统计用区划代码", "统计用区划代码"),
    ("信息截止日期（年月日）", "信息截止日期"), ("节育措施[代码]", "节育措施"), ("姓名", "姓名"),
    ("婚姻状况(代码)", "婚姻状况"), ("现有子女数(人)", "现有子女数"), ("身份证号", "身份证号"),
    ("措施落实日期(年-月-日)", "措施落实日期"), ("乡镇(街道)", "乡镇(街道)"),
    ("人口类别 ", "人口类别"), ("环孕检日期（最近一次）", "环孕检日期"),
]


def women_reordered_headers() -> bytes:
    """Another system's column order, headers carrying units and brackets, fewer columns;
    row 6 uses 避孕套 (the others an IUD)."""
    rows = [[r[W[column]] for _, column in REORDERED] for r in women(8)]
    rows[4][[c for _, c in REORDERED].index("节育措施")] = "避孕套"
    return gb(table(rows, [header for header, _ in REORDERED]))


# row (spreadsheet, header = 1) -> the column an ID number was pasted into
PASTED_IDS = {3: "结婚日期", 4: "现有子女数", 5: "节育措施", 6: "未避孕原因", 7: "人口类别",
              8: "信息截止日期"}


def women_id_in_wrong_column() -> bytes:
    """Shifted pastes: rows 3–8 carry the woman's own ID number again in another column
    (a date, the children count, a code), which must be masked wherever it is echoed."""
    rows = women(10)
    for row_number, column in PASTED_IDS.items():
        row = rows[row_number - 2]
        row[W[column]] = row[W["身份证号"]]
    return gb(table(rows, WOMEN_HEADER))


# ---------------------------------------------------------------- procedures ledgers


def procedure(i: int, kind: str = "放环", day: str = "2012-03-01") -> list[str]:
    code, township, village = make_corpus.VILLAGES[i % len(make_corpus.VILLAGES)]
    return [f"SS2012{i:05d}", woman_id(i), code, township, village, kind, day, ""]


def procedures_ledger() -> bytes:
    """Row 3 男扎 on the husband's (male) ID: fine; row 4 女扎 on a male ID; row 5 an
    unknown type 节育复查; row 7 repeats row 6's 手术编号; rows 8 and 9 are two ids on one
    woman, type and date; row 10 a complication; row 11 in SY2011."""
    rows = [procedure(i) for i in range(1, 11)]
    rows[1][P["身份证号"]], rows[1][P["手术类别"]] = male_id(2), "男扎"
    rows[2][P["身份证号"]], rows[2][P["手术类别"]] = male_id(3), "女扎"
    rows[3][P["手术类别"]] = "节育复查"
    rows[5] = [rows[4][0], *procedure(6, "人流", "2012-04-02")[1:]]
    rows[6] = procedure(7, "人工流产", "2012-05-06")
    rows[7] = [f"SS2012{8:05d}", *rows[6][1:]]
    rows[8][P["并发症"]] = "是"
    rows[9][P["手术日期"]] = "2011-09-30"
    return gb(table(rows, PROCEDURES_HEADER))


def procedures_no_id() -> bytes:
    """No 手术编号 column: row 4 repeats row 2's woman, type and date (a duplicate); row 5
    the same woman and type on another day (not one)."""
    rows = [procedure(i)[1:] for i in range(1, 7)]
    rows[2] = list(rows[0])
    rows[3] = [*rows[0][:5], "2012-03-02", ""]
    return gb(table(rows, PROCEDURES_HEADER[1:]))


# ---------------------------------------------------------------- the women's field check


def women_survey_empty_cells() -> bytes:
    """A field check of women_gb18030.csv's first six women with cells left empty (not
    checked): row 2 all filled and agreeing; row 3 marital empty (method 无, agreeing);
    row 4 method empty; row 5 residence empty; row 6 every item empty; row 7 found 女扎
    where the register has 上环 (the one differing item)."""
    source = women(12)
    rows = []
    for r in source[:6]:
        rows.append([r[W["身份证号"]], r[W["姓名"]], r[W["统计用区划代码"]], r[W["乡镇(街道)"]],
                     r[W["村(居)委会"]], "已婚", "上环", "", "常住"])
    rows[1][S["婚姻状况"]] = ""
    rows[1][S["节育措施"]] = "无"  # women_gb18030's record 2 uses no method: agrees
    rows[2][S["节育措施"]] = ""
    rows[3][S["人口类别"]] = ""
    rows[4][S["婚姻状况"]] = rows[4][S["节育措施"]] = rows[4][S["人口类别"]] = ""
    rows[5][S["节育措施"]] = "女扎"
    return gb(table(rows, SURVEY_HEADER))


SMALL: dict[str, Callable[[], bytes]] = {
    "women_gb18030.csv": women_gb18030,
    "women_excel_damaged.csv": women_excel_damaged,
    "women_full_width_codes.csv": women_full_width_codes,
    "women_unknown_codes.csv": women_unknown_codes,
    "women_ids_and_dates.csv": women_ids_and_dates,
    "women_twice.csv": women_twice,
    "women_header_only.csv": women_header_only,
    "women_reordered_headers.csv": women_reordered_headers,
    "women_id_in_wrong_column.csv": women_id_in_wrong_column,
    "procedures_ledger.csv": procedures_ledger,
    "procedures_no_id.csv": procedures_no_id,
    "women_survey_empty_cells.csv": women_survey_empty_cells,
}


def write_small(directory: Path = CORPUS) -> list[Path]:
    return make_corpus.write_files(SMALL, directory)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    for p in write_small(target):
        print(f"{p.stat().st_size:>9}  {p.name}")
