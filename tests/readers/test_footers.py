"""Footers and totals anywhere in the row (docs/data.md "Rows that are not records"):
which rows `row_marks` skips or leaves to the end of the file, and that a footer-like row
is judged the same whatever the block size or the byte ranges a file is read in."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.readers.batch import FOOTER_WORDS, TAIL_WORDS, TOTALS_WORDS, row_marks
from jisheng_cli.readers.inputs import ReadOptions, open_input
from jisheng_cli.readers.ranges import split_ranges
from jisheng_cli.readers.sources import Source
from tests.helpers import HEADER as REGISTER_HEADER
from tests.helpers import birth, mid

HEADER = ["代码", "村名", "母亲姓名", "备注"]
# The first three headers were recognised; 备注 (a remark) maps to no column.
MATCHED = {"village_code": 0, "village_name": 1, "mother_name": 2}
CONFIG_WORDS = ("编 制 单 位", "prepared by")  # [reading] footer_words, as a user types them


def marks(rows: list[list[str]], words: tuple[str, ...] = ()) -> list[tuple[bool, bool]]:
    cells = [pa.array([r[i] for r in rows], pa.string()) for i in range(len(HEADER))]
    m = row_marks(cells, HEADER, MATCHED, footer_words=words)
    return list(zip(m.skip.tolist(), m.tail.tolist(), strict=True))


SKIP, TAIL, RECORD = (True, False), (False, True), (False, False)


def test_totals_and_footers_anywhere_in_the_row() -> None:
    rows = {
        ("", "", "总计：7人", ""): SKIP,  # the only text cell, in the third cell
        ("7", "", "合计", "10"): SKIP,  # numbers beside it (a count, a sum)
        ("合计（人）", "", "1,234", "12.5%"): SKIP,
        ("", "东村", "合计", ""): RECORD,  # two text cells: 东村 is data
        ("合计", "东村", "张丽", ""): SKIP,  # first and exactly a totals word: always
        ("填表人：张**", "", "审核人：李**", "制表日期：2012年10月8日"): SKIP,  # spread over cells
        ("", "填 表 人:张**", "", ""): SKIP,  # spaces inside, an ASCII colon
        ("联系电话：0717-3212345", "", "", ""): SKIP,
        ("制表人", "", "", "x"): SKIP,  # 备注 is no recognised column: its cell does not count
        ("负责人：王**", "东村", "", ""): TAIL,  # a data cell filled in: a footer only at the end
        ("填表人：", "", "张三", ""): TAIL,  # the name in its own (recognised) cell
        ("备注：本表含流入人口", "", "", ""): TAIL,  # a remark: only at the end
        ("1", "填表人：张**", "", ""): RECORD,  # the first non-empty cell decides
        ("420525100201", "东村", "张丽", "审核人"): RECORD,
        ("", "", "", ""): SKIP,
    }
    assert marks([list(r) for r in rows]) == list(rows.values())


def test_rows_further_along_when_the_first_column_holds_only_codes() -> None:
    """No cell of the first column could open a total, a footer or a header (row_marks
    then looks only at the rows whose first cell is empty): those rows are judged alike."""
    rows = {
        ("420525100201", "东村", "张丽", ""): RECORD,
        ("", "", "总计：7人", ""): SKIP,  # the only text cell
        ("", "合计", "", ""): SKIP,  # the first non-empty cell is a totals word
        ("", "填表人：张**", "", ""): SKIP,
        ("", "负责人：王**", "张丽", ""): TAIL,  # a data cell filled in
        ("", "备注：本表含流入人口", "", ""): TAIL,
        ("420525100202", "合计", "", ""): SKIP,  # a code beside it is a number
        ("", "东村", "张丽", ""): RECORD,
        ("", "", "", ""): SKIP,
    }
    assert marks([list(r) for r in rows]) == list(rows.values())


def test_config_words_extend_the_list() -> None:
    rows = [["编制单位：鸣凤镇计生办", "", "", ""], ["Ｐrepared by: 张**", "", "", ""]]
    assert marks(rows) == [RECORD, RECORD]
    # NFKC, white space and case do not matter on either side (Ｐ is a full-width P).
    assert marks(rows, CONFIG_WORDS) == [SKIP, SKIP]


NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)%?", re.ASCII)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def reference(row: list[str], words: tuple[str, ...]) -> tuple[bool, bool]:
    """docs/data.md's rules, one row at a time: (skipped, footer-like)."""
    filled = [(i, squeeze(c)) for i, c in enumerate(row) if c.strip()]
    if not filled:
        return SKIP
    pos, lead = filled[0]
    texts = [c for _, c in filled if not NUMBER.fullmatch(c)]
    if lead in TOTALS_WORDS or (len(texts) == 1 and texts[0].startswith(TOTALS_WORDS)):
        return SKIP
    opening = FOOTER_WORDS + tuple(squeeze(w) for w in words)
    labels = opening + TAIL_WORDS
    data = [squeeze(row[p]) for p in MATCHED.values() if p != pos]
    if lead.startswith(opening) and all(not c or c.startswith(labels) for c in data):
        return SKIP
    if all(row[p].strip() == HEADER[p] for p in MATCHED.values()):
        return SKIP
    return (False, lead.startswith(labels))


CELLS = st.sampled_from([
    "", " ", "\u3000", "合计", "小 计", "总计：7人", "合计（人）", "7", "1,234", "12.5%", "东村",
    "张丽", "填表人：张**", "填 表 人", "审核人：李**", "备注", "备注：无",
    "制表日期：2012年10月8日", "420525100201", "2012-03-05", "代码", "村名", "母亲姓名",
    "Ｐrepared by x", "编制单位",
])


@given(st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=40), st.booleans())
def test_each_row_follows_the_written_rules(rows: list[list[str]], configured: bool) -> None:
    words = CONFIG_WORDS if configured else ()
    assert marks(rows, words) == [reference(r, words) for r in rows]


# Lines of a register (tests.helpers.HEADER's nine columns) by what they are.
LINES = {
    "record": None,  # a birth, built per line
    "blank": ",,,,,,,,",
    "footer": "填表人：张**,,,审核人：李**,,,,,",  # skipped anywhere
    "totals": ",,总计：7人,,,,,,",
    "signed": "填表人：,,,张三,,,,,",  # footer-like: the name in the mother_name column
    "remark": "备注：,本表含流入人口,,,,,,,",  # footer-like: 备注, text in the 乡镇 column
}


def register(kinds: list[str]) -> tuple[str, dict[int, bool]]:
    """The text of a register and, per spreadsheet row, whether it is skipped: footer-like
    lines are when no record follows them."""
    lines, expected = [REGISTER_HEADER], {}
    last_record = max((i for i, k in enumerate(kinds) if k == "record"), default=-1)
    for i, kind in enumerate(kinds):
        line = LINES[kind] or birth("420525100201", mid(i), "2012-03-05")
        lines.append(line)
        tail_like = kind in ("signed", "remark")
        expected[i + 2] = kind != "record" and (not tail_like or i > last_record)
    return "\n".join(lines) + "\n", expected


def skipped(path: Path, block_bytes: int, part: object = None) -> dict[int, bool]:
    f = open_input(Source(str(path)), ReadOptions())
    try:
        if part is not None:
            f.restrict(part)  # type: ignore[arg-type]
        out: dict[int, bool] = {}
        for b in f.batches(block_bytes):
            out.update(zip(b.rows.tolist(), b.skipped_blank.tolist(), strict=True))
        return out
    finally:
        f.close()


KINDS = st.lists(st.sampled_from(sorted(LINES)), min_size=1, max_size=12)


@settings(max_examples=40)
@given(body=KINDS, tail=KINDS, records=st.integers(0, 60), block=st.integers(1, 6_000))
def test_the_end_of_the_file_does_not_depend_on_the_block_size(
    body: list[str], tail: list[str], records: int, block: int,
) -> None:
    """Records, then footer-like and other rows: whatever blocks the file is read in
    (the smallest holds a few lines), a footer-like row is skipped exactly when no record
    follows it."""
    kinds = body + ["record"] * records + tail
    text, expected = register(kinds)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.csv"
        path.write_text(text, encoding="utf-8")
        assert skipped(path, block) == expected


@settings(max_examples=25)
@given(tail=KINDS, records=st.integers(20, 80), target=st.integers(50, 3_000))
def test_byte_ranges_judge_the_end_as_the_whole_file_does(
    tail: list[str], records: int, target: int,
) -> None:
    """The Dask engine's ranges: a range ending inside the footer-like rows looks past its
    end for a record, so the ranges together skip what the whole file skips."""
    kinds = ["record"] * records + tail + ["record"] * (records % 3) + tail
    text, expected = register(kinds)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.csv"
        path.write_text(text, encoding="utf-8")
        whole = open_input(Source(str(path)))
        ranges = split_ranges(whole, min(target, path.stat().st_size // 2))  # type: ignore[arg-type]
        whole.close()
        assert ranges is not None and len(ranges) > 1
        got: dict[int, bool] = {}
        for part in ranges:
            got.update(skipped(path, 1 << 16, part))
        assert got == expected


def test_configured_words_reach_the_csv_reader(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\n".join([REGISTER_HEADER, birth("420525100201", mid(1), "2012-03-05"),
                               "编制单位：鸣凤镇计生办,,,,,,,,",
                               birth("420525100201", mid(2), "2012-03-06")]) + "\n",
                    encoding="utf-8")
    f = open_input(Source(str(path)), ReadOptions(footer_words=("编制单位",)))
    (b,) = list(f.batches())
    assert b.rows.tolist() == [2, 3, 4] and b.skipped_blank.tolist() == [False, True, False]
    # Without the word, the line is a record (with errors, for the checks to report).
    assert skipped(path, 1 << 16) == {2: False, 3: False, 4: False}


def test_parquet_footers(tmp_path: Path) -> None:
    """A Parquet file made from a clerk's sheet keeps its footers: they are skipped too,
    the 备注 line because nothing follows it."""
    names = REGISTER_HEADER.split(",")
    rows = [birth("420525100201", mid(1), "2012-03-05").split(","),
            ["", "", "总计：1人", "", "", "", "", "", ""],
            ["填表人：张**", "", "", "审核人：李**", "", "", "", "", ""],
            ["备注：", "本表含流入人口", "", "", "", "", "", "", ""]]
    table = pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})
    path = tmp_path / "r.parquet"
    pq.write_table(table, path)
    f = open_input(Source(str(path)))
    got = {r: s for b in f.batches() for r, s in zip(b.rows.tolist(), b.skipped_blank.tolist(),
                                                      strict=True)}
    assert got == {2: False, 3: True, 4: True, 5: True}
