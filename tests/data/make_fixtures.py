# ruff: noqa: E501 - one fixture row per line reads like the register it stands for
"""Writes the small hand-computed births register in three real encodings.

Run `python tests/data/make_fixtures.py`; a test checks the committed files match.
Expected figures for statistical year 2023 are worked out in tests/engine/test_small_register.py.
"""

from __future__ import annotations

from pathlib import Path

from jisheng_cli.records.ids import calc_check_digit

HERE = Path(__file__).parent
HEADER = "序号,统计用区划代码,乡镇(街道),村(居)委会,母亲姓名,母亲身份证号,婴儿出生日期,婴儿性别,孩次,政策属性,上报日期"


def mother_id(birth: str, seq: int) -> str:
    first17 = f"420525{birth}{seq:03d}"
    return first17 + calc_check_digit(first17)


def wrong_check(id18: str) -> str:
    return id18[:17] + ("0" if id18[17] != "0" else "1")


JIA, YI, BING = "420525100201", "420525100202", "420525101201"
ROWS = [
    # 序号, code, township, village, name, id, birth date, sex, order, policy, report date
    ["1", JIA, "鸣凤镇", "甲村", "张丽", mother_id("19900101", 2), "2022-10-05", "男", "1", "政策内", "2022-10-15"],
    ["2", JIA, "鸣凤镇", "甲村", "李娜", mother_id("19880312", 4), "2023/1/5", "女", "2", "政策内", "2023-01-15"],
    ["3", JIA, "鸣凤镇", "甲村", "王芳", mother_id("19851120", 6), "2023年3月1日", "1", "2", "政策外", "2023-03-11"],
    ["4", JIA, "鸣凤镇", "甲村", "赵敏", mother_id("19830705", 8), "44931", "2", "3", "政策外", "2023-01-15"],
    ["5", YI, "鸣凤镇", "乙村", "陈静", mother_id("19920214", 10), "20230601", "男", "1", "符合", "2023-06-11"],
    ["6", YI, "鸣凤镇", "乙村", "刘洋", mother_id("19950808", 12), "2023.9.30", "女", "1", "计划内", "2023-09-30"],
    ["7", YI, "鸣凤镇", "乙村", "杨雪", mother_id("19910303", 14), "2022-09-30", "男", "1", "政策内", "2022-10-08"],
    ["8", BING, "花林寺镇", "丙村", "黄梅", mother_id("19870606", 16), "2023-02-02", "未说明", "2", "政策内", "2023-02-12"],
    ["9", BING, "花林寺镇", "丙村", "周红", mother_id("19931010", 18), "2023-05-05", "女", "1", "政策内", "2023-10-10"],
    ["10", JIA, "鸣凤镇", "甲村", "李娜", mother_id("19880312", 4), "2023-01-05", "女", "2", "政策内", "2023-01-20"],
    ["11", BING, "花林寺镇", "丙村", "吴霞", wrong_check(mother_id("19890909", 20)), "2023-04-04", "女", "1", "政策内", "2023-04-14"],
    ["12", BING, "花林寺镇", "丙村", "郑兰", mother_id("19900505", 22), "5/1/2023", "男", "1", "政策内", "2023-01-15"],
    ["", "", "", "", "", "", "", "", "", "", ""],
    ["合计", "", "", "", "", "", "", "", "", "", ""],
]
TITLE = "远安县2023年度出生登记(测试)"


def text() -> str:
    lines = [TITLE + "," * 10, HEADER, *(",".join(r) for r in ROWS)]
    return "\r\n".join(lines) + "\r\n"


FILES = {
    "births_small.gb18030.csv": lambda t: t.encode("gb18030"),
    "births_small.utf8bom.csv": lambda t: t.encode("utf-8-sig"),
    "births_small.utf16.csv": lambda t: t.encode("utf-16"),
}


def main() -> None:
    for name, encode in FILES.items():
        (HERE / name).write_bytes(encode(text()))


if __name__ == "__main__":
    main()
