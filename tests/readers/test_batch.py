"""`skip_mask`: the rows of a block that are not records (blank lines, totals, repeated
header lines), whichever reader produced the block."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.readers.batch import TOTALS_WORDS, skip_mask

HEADER = ["代码", "村名", "母亲姓名", "备注"]
# The first three headers were recognised; 备注 (a remark) maps to no column.
MATCHED = {"village_code": 0, "village_name": 1, "mother_name": 2}


def mask(rows: list[list[str]], header: list[str] = HEADER,
         matched: dict[str, int] = MATCHED) -> list[bool]:
    cells = [pa.array([r[i] for r in rows], pa.string()) for i in range(len(header))]
    return skip_mask(cells, header, matched).tolist()


def test_blank_totals_and_repeated_headers() -> None:
    rows = {
        ("420525100201", "东村", "张丽", ""): False,  # a record
        ("", "", "", ""): True,  # blank
        (" ", "\t", "", "  "): True,  # only blanks
        ("合计", "", "12", ""): True,  # totals in the first cell
        (" 合 计 ", "", "", ""): True,  # spaces inside the word do not count
        ("总计", "东村", "张丽", "x"): True,
        ("", "小计", "3", ""): True,  # first cell empty: the first non-empty cell decides
        ("", "东村", "合计", ""): False,  # 东村 comes first; a later 合计 is a value
        ("合计人数", "", "", ""): True,  # the only text cell starts with a totals word
        ("", "", "总计:7人", ""): True,  # … wherever it stands
        ("", "", "12", "合计(人)"): True,  # numbers beside it
        ("东村小计", "", "", ""): False,  # starting with a totals word is what counts
        ("代码", "村名", "母亲姓名", ""): True,  # the header line again
        (" 代码 ", "村名", "母亲姓名 ", "anything"): True,  # trimmed; 备注 is not compared
        ("代码", "村名", "张丽", ""): False,  # only partly the header
    }
    assert mask([list(r) for r in rows]) == list(rows.values())


def test_empty_block() -> None:
    assert skip_mask([pa.array([], pa.string())] * 4, HEADER, MATCHED).tolist() == []


def _expected(row: list[str]) -> bool:
    """The rule of data.md written row by row ("equal to the header" on the recognised
    columns; the only text cell, numbers aside, starting with a totals word)."""
    filled = [c.strip() for c in row if c.strip()]
    if not filled or "".join(filled[0].split()) in TOTALS_WORDS:
        return True
    texts = ["".join(c.split()) for c in filled if not c.isdigit()]
    if len(texts) == 1 and texts[0].startswith(TOTALS_WORDS):
        return True
    return all(row[p].strip() == HEADER[p] for p in MATCHED.values())


CELLS = st.sampled_from(["", " ", "\t", "合计", "小 计", "总计 ", "代码", "村名", " 母亲姓名",
                         "备注", "东村", "张丽", "420525100201"])


@given(st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=40))
def test_each_row_is_judged_on_its_own(rows: list[list[str]]) -> None:
    """The vectorised mask (first column first, the rest only for rows it leaves open)
    agrees with the row-by-row rule, whatever the other rows of the block are."""
    assert mask(rows) == [_expected(r) for r in rows]
