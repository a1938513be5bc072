"""Kind detection of the women's register and the procedures ledger from real-looking
header rows, without taking births or fee files (both have 身份证号 and the village
columns); the field check only ever by its prefix."""

from __future__ import annotations

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.readers.headers import find_header

BIRTHS = ("序号,统计用区划代码,乡镇(街道),村(居)委会,母亲姓名,母亲身份证号,婴儿出生日期,"
          "婴儿性别,孩次,政策属性,上报日期,户籍性质")  # sample_data/births.csv
BIRTHS_PLAIN_ID = "统计用区划代码,乡镇,村名,姓名,身份证号,出生日期,性别,孩次,政策属性,人口类别"
FEES = ("案件编号,统计用区划代码,乡镇(街道),村(居)委会,当事人身份证号,征收决定日期,"
        "应征金额(万元),实征金额(万元),最后缴款日期,申请强制执行")  # sample_data/fees.csv
FEES_PLAIN_ID = "案件编号,统计用区划代码,身份证号,决定日期,应征金额,实征金额"
WOMEN = ("身份证号,姓名,统计用区划代码,乡镇(街道),村(居)委会,婚姻状况,结婚日期,现有子女数,"
         "节育措施,丈夫节育措施,措施落实日期,未避孕原因,人口类别,重点对象,婚育证明办证日期,"
         "婚育证明查验日期,最近联系日期,环孕检日期,出队日期,信息截止日期")
WOMEN_SHORT = "育龄妇女身份证号,村代码,婚姻状况,避孕措施"
PROCEDURES = "手术编号,受术者身份证号,统计用区划代码,乡镇(街道),村(居)委会,手术类别,手术日期,并发症"
PROCEDURES_PLAIN_ID = "身份证号,统计用区划代码,手术类别,手术日期"
# A field check's columns are a register's: without its prefix it reads as the register.
SURVEY = "统计用区划代码,身份证号,姓名,婚姻状况,节育措施,人口类别"

DETECTED = [(BIRTHS, "births", 12), (BIRTHS_PLAIN_ID, "births", 10), (FEES, "fees", 10),
            (FEES_PLAIN_ID, "fees", 6), (WOMEN, "women", 20), (WOMEN_SHORT, "women", 4),
            (PROCEDURES, "procedures", 8), (PROCEDURES_PLAIN_ID, "procedures", 4),
            (SURVEY, "women", 6)]


@pytest.mark.parametrize(("header", "kind", "known"), DETECTED,
                         ids=[f"{d[1]}-{n}" for n, d in enumerate(DETECTED)])
def test_the_kind_of_a_header(header: str, kind: str, known: int) -> None:
    title = ["远安县2012年育龄妇女信息表"] + [""] * (header.count(","))
    match = find_header([title, header.split(",")], None, {})
    assert (match.kind, match.row_index, len(match.columns)) == (kind, 1, known)


def test_the_field_check_by_its_prefix() -> None:
    match = find_header([SURVEY.split(",")], "women_survey", {})
    assert match.kind == "women_survey"
    assert set(match.columns) == {"village_code", "woman_id", "woman_name", "marital_status",
                                  "contraceptive_method", "residence"}


def test_the_shared_columns_alone_name_no_women_kind() -> None:
    # ID, name and village columns (and 人口类别) are every register's: a births file
    # that lost its birth columns is not taken for a women's register.
    with pytest.raises(InputError) as info:
        find_header([["统计用区划代码", "身份证号", "人口类别"]], "women", {})
    assert info.value.code == "no_header_for_kind"
    assert find_header([["统计用区划代码", "身份证号", "姓名", "人口类别"]], None,
                       {}).kind == "births"
