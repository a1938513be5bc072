"""The women's kinds' scalar parsers (every spelling docs/women.md lists), the config's
`[codes.<kind>.<column>]` tables, and the record models' columns (docs/women.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.config import load_config
from jisheng_cli.errors import ConfigError, ParseError
from jisheng_cli.records import women_codes as wc
from jisheng_cli.records.schema import columns

# METHOD_CODE: none 0, vasectomy 1, tubal 2, iud 3, implant 4, pill 5, injection 6,
# condom 7, spermicide 8, other 9 (the order of METHODS).
METHODS = [
    ("男扎", 1), ("输精管结扎", 1), ("vasectomy", 1), ("VASECTOMY", 1),
    ("女扎", 2), ("输卵管结扎", 2), ("结扎", 2), ("tubal", 2),
    ("宫内节育器", 3), ("上环", 3), ("放环", 3), ("iud", 3), ("IUD", 3),
    ("皮下埋植", 4), ("皮埋", 4), ("implant", 4),
    ("口服药", 5), ("服注药", 5), ("pill", 5),
    ("注射针", 6), ("避孕针", 6), ("injection", 6),
    ("避孕套", 7), ("condom", 7), ("外用药", 8), ("spermicide", 8),
    ("其他", 9), ("other", 9),
    ("无", 0), ("未避孕", 0), ("未落实", 0), ("none", 0),
    (" 上环 ", 3), ("ＩＵＤ", 3),  # spaces stripped; full-width letters NFKC-folded
]


@pytest.mark.parametrize(("text", "code"), METHODS, ids=[m[0] for m in METHODS])
def test_every_method_spelling(text: str, code: int) -> None:
    assert wc.parse_method(text) == code


def test_a_bare_jieza_is_his_vasectomy_in_the_husband_column() -> None:
    assert wc.parse_method("结扎") == 2  # hers: tubal
    assert wc.parse_husband_method("结扎") == 1  # his: vasectomy
    assert wc.parse_husband_method("男扎") == 1 and wc.parse_husband_method("无") == 0


MARITAL = [("10", 10), ("未婚", 10), ("20", 20), ("已婚", 20), ("21", 21), ("初婚", 21),
           ("22", 22), ("再婚", 22), ("23", 23), ("复婚", 23), ("30", 30), ("丧偶", 30),
           ("40", 40), ("离婚", 40), ("90", 90), ("未说明", 90), ("21.0", 21), ("２１", 21)]


@pytest.mark.parametrize(("text", "code"), MARITAL, ids=[m[0] for m in MARITAL])
def test_every_marital_spelling(text: str, code: int) -> None:
    assert wc.parse_marital(text) == code


# REASON_CODE: menopause 1, infertile 2, pregnant 3, postpartum 4, awaiting 5, illness 6,
# other 7; 丧偶/离婚 (a marital status) and 无 are no reason, 0.
REASONS = [("绝经", 1), ("不孕", 2), ("现孕", 3), ("产后", 4), ("哺乳期", 4), ("待孕", 5),
           ("有指标待孕", 5), ("因病", 6), ("其他", 7), ("丧偶", 0), ("离婚", 0), ("无", 0),
           ("menopause", 1), ("awaiting", 5)]


@pytest.mark.parametrize(("text", "code"), REASONS, ids=[r[0] for r in REASONS])
def test_every_reason_spelling(text: str, code: int) -> None:
    assert wc.parse_reason(text) == code


RESIDENCES = [("常住", 0), ("户籍", 0), ("local", 0), ("流出", 1), ("外出", 1), ("outflow", 1),
              ("流入", 2), ("流动", 2), ("inflow", 2), ("常住人口", 0), ("流动人口", 2)]


@pytest.mark.parametrize(("text", "code"), RESIDENCES, ids=[r[0] for r in RESIDENCES])
def test_every_residence_spelling(text: str, code: int) -> None:
    assert wc.parse_women_residence(text) == code


# PROCEDURE_CODE: vasectomy 1, tubal 2, iud_insertion 3, iud_removal 4, implant_insertion 5,
# implant_removal 6, abortion 7, induced_labour 8, reversal 9, other 10.
PROCEDURES = [("男扎", 1), ("女扎", 2), ("放环", 3), ("上环", 3), ("取环", 4), ("皮埋", 5),
              ("取埋", 6), ("人工流产", 7), ("人流", 7), ("药物流产", 7), ("引产", 8),
              ("复通", 9), ("其他", 10), ("abortion", 7), ("induced_labour", 8),
              ("IUD_insertion", 3)]


@pytest.mark.parametrize(("text", "code"), PROCEDURES, ids=[p[0] for p in PROCEDURES])
def test_every_procedure_type_spelling(text: str, code: int) -> None:
    assert wc.parse_procedure_type(text) == code


UNKNOWN = [(wc.parse_method, "待定", "unknown_method_code"),
           (wc.parse_method, "201", "unknown_method_code"),  # no national numbers: config
           (wc.parse_husband_method, "女上环", "unknown_method_code"),
           (wc.parse_marital, "11", "unknown_marital_code"),
           (wc.parse_marital, "同居", "unknown_marital_code"),
           (wc.parse_reason, "想生", "unknown_reason_code"),
           (wc.parse_women_residence, "外星", "unknown_residence_code"),
           (wc.parse_procedure_type, "结扎", "unknown_procedure_type"),
           (wc.parse_children, "21", "invalid_children_count"),
           (wc.parse_children, "-1", "invalid_children_count"),
           (wc.parse_children, "1.5", "invalid_children_count"),
           (wc.parse_children, "两个", "invalid_children_count"),
           (wc.parse_method, " ", "missing_value")]


@pytest.mark.parametrize(("parser", "text", "code"), UNKNOWN, ids=[u[1] for u in UNKNOWN])
def test_unknown_spellings_raise_the_contract_codes(parser: object, text: str, code: str
                                                    ) -> None:
    with pytest.raises(ParseError) as info:
        parser(text)  # type: ignore[operator]
    assert info.value.code == code


@given(st.integers(0, 20))
def test_children_count_is_any_whole_number_to_20(n: int) -> None:
    # Excel writes a numeric cell as 2.0: the same count.
    assert wc.parse_children(str(n)) == n and wc.parse_children(f"{n}.0") == n


def test_the_warned_spellings() -> None:
    assert wc.is_pill_or_injection("服注药") and not wc.is_pill_or_injection("口服药")
    assert wc.is_marital_reason("丧偶") and wc.is_marital_reason("离婚")
    assert not wc.is_marital_reason("绝经") and not wc.is_marital_reason("")


# ---- [codes.<kind>.<column>] ------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jisheng.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_codes_table_loads_and_reaches_the_husband_column(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[codes.women.contraceptive_method]\n'
                                         '"201" = "vasectomy"\n"2 02" = "上环"\n'
                                         '[codes.procedures.procedure_type]\n"07" = "人流"\n'))
    tables = wc.code_tables(config.codes["women"])
    # Keys become code keys: "2 02" has its space kept inside (NFKC only strips the ends),
    # "07" reads as the number 7 as Excel would have written it.
    assert tables["contraceptive_method"] == {"201": "vasectomy", "2 02": "上环"}
    assert tables["husband_method"] == tables["contraceptive_method"]
    assert wc.code_tables(config.codes["procedures"]) == {"procedure_type": {"7": "人流"}}
    assert wc.translate("201.0", tables["contraceptive_method"]) == "vasectomy"
    assert wc.translate("203", tables["contraceptive_method"]) == "203"


def test_his_own_table_wins_over_hers() -> None:
    tables = wc.code_tables({"contraceptive_method": {"1": "女扎"},
                             "husband_method": {"1": "男扎"}})
    assert tables["husband_method"] == {"1": "男扎"}


REFUSED = [
    ('[codes.births.child_sex]\n"3" = "男"\n', "config_codes_kind", {"kind": "births"}),
    ('[codes.wives.residence]\n"3" = "local"\n', "config_codes_kind", {"kind": "wives"}),
    ('[codes.women.woman_name]\n"3" = "x"\n', "config_codes_column",
     {"kind": "women", "column": "woman_name"}),
    ('[codes.women_survey.exclusion_reason]\n"3" = "绝经"\n', "config_codes_column",
     {"kind": "women_survey", "column": "exclusion_reason"}),
    ('[codes.women.contraceptive_method]\n"201" = "男扎术"\n', "config_codes_target",
     {"kind": "women", "column": "contraceptive_method", "local": "201", "target": "男扎术"}),
    ('[codes.procedures.complication]\n"2" = "maybe"\n', "config_codes_target",
     {"kind": "procedures", "column": "complication", "local": "2", "target": "maybe"}),
]


@pytest.mark.parametrize(("text", "code", "wanted"), REFUSED, ids=[r[1] + r[0][7:20]
                                                                   for r in REFUSED])
def test_a_bad_codes_table_is_refused(tmp_path: Path, text: str, code: str,
                                      wanted: dict[str, str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    e = info.value
    assert e.code == code and e.exit_code == 3
    assert {k: e.params[k] for k in wanted} == wanted
    assert e.path == str(path)
    for lang in ("zh", "en"):
        assert f"[codes.{wanted['kind']}" in e.text(lang)


# ---- the models' columns ----------------------------------------------------------------

FIRST_HEADERS = {  # the sample's headers: each column's first Chinese header (women.md)
    "women": {"woman_id": "身份证号", "woman_name": "姓名", "marital_status": "婚姻状况",
              "marriage_date": "结婚日期", "children_count": "现有子女数",
              "contraceptive_method": "节育措施", "husband_method": "丈夫节育措施",
              "method_date": "措施落实日期", "exclusion_reason": "未避孕原因",
              "residence": "人口类别", "key_target": "重点对象",
              "certificate_date": "婚育证明办证日期",
              "certificate_check_date": "婚育证明查验日期",
              "last_contact_date": "最近联系日期", "last_check_date": "环孕检日期",
              "exit_date": "出队日期", "record_date": "信息截止日期"},
    "procedures": {"procedure_id": "手术编号", "woman_id": "受术者身份证号",
                   "procedure_type": "手术类别", "procedure_date": "手术日期",
                   "complication": "并发症"},
}


@pytest.mark.parametrize("kind", sorted(FIRST_HEADERS))
def test_each_column_has_its_first_header(kind: str) -> None:
    specs = {c.name: c for c in columns(kind)}
    for name, header in FIRST_HEADERS[kind].items():
        assert specs[name].aliases[0] == header, name


def test_requiredness_and_personal_data() -> None:
    def required(kind: str) -> set[str]:
        return {c.name for c in columns(kind) if c.required}

    assert required("women") == {"village_code", "woman_id", "marital_status",
                                 "contraceptive_method"}
    assert required("procedures") == {"village_code", "woman_id", "procedure_type",
                                      "procedure_date"}
    assert required("women_survey") == {"village_code", "woman_id"}
    for kind in ("women", "women_survey", "procedures"):
        personal = {c.name for c in columns(kind) if c.personal}
        assert personal == ({"woman_id"} if kind == "procedures" else {"woman_id", "woman_name"})
    assert {c.name for c in columns("women_survey")} == {
        "village_code", "village_name", "township_name", "woman_id", "woman_name",
        "marital_status", "husband_method", "contraceptive_method", "method_date", "residence"}
