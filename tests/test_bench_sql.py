"""benchmarks/same_work.sql, contender (b): its de-duplication keeps the first row in file order."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]

HEADER = ("序号,统计用区划代码,乡镇(街道),村(居)委会,母亲姓名,母亲身份证号,婴儿出生日期,"
          "婴儿性别,孩次,政策属性,上报日期,户籍性质")
A, B = "420506001001", "420506001002"
# Check characters by MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, then
# "10X98765432"[sum % 11]: 11010519491231002 sums to 167, 167 % 11 = 2 -> X;
# 44052419800101001 sums to 196, 196 % 11 = 9 -> 3. The 15-digit number is the legacy
# form of the 18-digit one: 440524 + "19" + 800101001 + check.
ID1, ID3_18, ID3_15 = "11010519491231002X", "440524198001010013", "440524800101001"
ROWS = [  # village, ID, born, sex, order, policy
    (A, ID1, "2020-01-05", "男", "1", "政策内"),  # 1 kept
    (B, ID1, "2020-01-05", "男", "1", "政策外"),  # 2 copy of 1
    (B, ID3_18, "2021-03-01", "女", "2", "政策外"),  # 3 kept
    (A, ID3_18, "2021-03-01", "女", "2", "政策内"),  # 4 copy of 3
    (B, ID3_15, "2022-06-01", "男", "1", "政策内"),  # 5 kept
    (A, ID3_18, "2022-06-01", "男", "1", "政策外"),  # 6 copy of 5: the same ID upgraded
]


def _sql() -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from contenders import SAME_WORK_SQL
    finally:
        sys.path.pop(0)
    return SAME_WORK_SQL


def _per_village(csv: Path) -> dict[str, tuple[int, int]]:
    con = duckdb.connect()
    path = "'" + str(csv).replace("'", "''") + "'"
    for sql in _sql().split(";\n"):  # as contenders.DUCKDB_SAME_WORK runs it
        if sql.strip():
            con.execute(sql.replace("@PATH@", path).replace("@AS_OF@", "2026-11-22"))
    rows = con.execute("SELECT village, births, in_policy FROM per_village").fetchall()
    return {v: (births, in_policy) for v, births, in_policy in rows}


def test_first_row_in_file_order_wins(tmp_path: Path) -> None:
    csv = tmp_path / "births.csv"
    body = [f"{i},{v},某镇,某村,某某,{id_},{born},{sex},{order},{policy},{born},城镇"
            for i, (v, id_, born, sex, order, policy) in enumerate(ROWS, 1)]
    csv.write_text("\n".join([HEADER, *body]) + "\n", encoding="utf-8")
    # Kept: rows 1 (A, in policy), 3 (B, out) and 5 (B, in) -> A 1 birth, 1 in policy;
    # B 2 births, 1 in policy. Last-wins would give A 2 births (4, 6), 1 in; B 1 birth (2), 0 in.
    assert _per_village(csv) == {A: (1, 1), B: (2, 1)}


def test_copies_with_another_sex_are_not_duplicates(tmp_path: Path) -> None:
    # The key includes sex (docs/data.md, Duplicates): twins of either sex both count.
    csv = tmp_path / "births.csv"
    body = [f"{i},{A},某镇,某村,某某,{ID1},2020-01-05,{sex},1,政策内,2020-01-05,城镇"
            for i, sex in enumerate(["男", "女", "男"], 1)]
    csv.write_text("\n".join([HEADER, *body]) + "\n", encoding="utf-8")
    # rows 1 and 2 differ in sex; row 3 copies row 1 -> 2 births, both in policy
    assert _per_village(csv) == {A: (2, 2)}
