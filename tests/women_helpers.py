"""The village of 10 women of docs/women.md's worked example (fixture 420525100001,
statistical year 2012, S = 2012-09-30), written as the four registers a county keeps."""

from __future__ import annotations

from pathlib import Path

from jisheng_cli.records.ids import calc_check_digit

VILLAGE = ("420525100001", "鸣凤镇", "凤阳社区")
VILLAGE_CELLS = ",".join(VILLAGE)


def woman_id(birth: str, seq: int) -> str:
    """A woman's ID (even sequence digit) of 远安县 born on `birth` (yyyymmdd)."""
    first17 = f"420525{birth}{seq:03d}"
    return first17 + calc_check_digit(first17)


# W1 … W11: their birth dates give the ages at S the example states (W10 turns 50 on S).
ID = {
    "W1": woman_id("19780315", 2), "W2": woman_id("19830502", 4),
    "W3": woman_id("19810211", 6), "W4": woman_id("19860420", 8),
    "W5": woman_id("19880109", 2), "W6": woman_id("19740630", 4),
    "W7": woman_id("19850303", 6), "W8": woman_id("19670214", 8),
    "W9": woman_id("19710808", 2), "W10": woman_id("19620930", 4),
    "W11": woman_id("19890404", 6),
}

WOMEN_HEADER = ("身份证号,姓名,统计用区划代码,乡镇(街道),村(居)委会,婚姻状况,节育措施,丈夫节育措施,"
                "措施落实日期,未避孕原因,人口类别,婚育证明办证日期,婚育证明查验日期,最近联系日期,"
                "环孕检日期")
# (woman, marital, her method, his method, method date, reason, residence, certificate,
#  certificate check, contact, check)
WOMEN = (
    ("W1", "21", "女扎", "", "2008-05-10", "", "常住", "", "", "", ""),
    ("W2", "20", "上环", "", "2011-12-20", "", "常住", "", "", "", "2012-06-10"),
    ("W3", "20", "", "男扎", "2012-01-05", "", "常住", "", "", "", "2012-03-01"),
    ("W4", "21", "皮埋", "", "2012-03-15", "", "流出", "2012-04-01", "", "2012-08-20",
     "2011-09-15"),
    ("W5", "21", "避孕套", "", "", "", "流出", "2011-11-20", "", "2011-06-01", ""),
    ("W6", "22", "口服药", "", "", "", "流入", "", "2012-04-02", "", "2012-05-05"),
    ("W7", "20", "无", "", "", "现孕", "流入", "", "", "", "2012-07-01"),
    ("W8", "20", "无", "", "", "绝经", "常住", "", "", "", ""),
    ("W9", "40", "无", "", "", "", "常住", "", "", "", ""),
    ("W10", "20", "无", "", "", "", "常住", "", "", "", ""),
)

BIRTHS_HEADER = ("统计用区划代码,乡镇(街道),村(居)委会,母亲姓名,母亲身份证号,婴儿出生日期,婴儿性别,"
                 "孩次,政策属性")
BIRTHS = (("W3", "2011-06-20", 2), ("W2", "2011-08-15", 2), ("W7", "2011-10-20", 1),
          ("W5", "2011-11-02", 1), ("W4", "2012-01-10", 2), ("W11", "2012-05-20", 1))

PROCEDURES_HEADER = ("手术编号,受术者身份证号,统计用区划代码,乡镇(街道),村(居)委会,"
                     "手术类别,手术日期,并发症")
PROCEDURES = (("W2", "放环", "2011-12-20", "否"), ("W3", "男扎", "2012-01-05", "是"),
              ("W4", "皮埋", "2012-03-15", ""), ("W6", "引产", "2011-11-20", ""),
              ("W9", "人流", "2011-12-05", ""), ("W10", "取环", "2012-08-01", ""),
              ("W7", "放环", "2012-10-08", ""))

SURVEY_HEADER = "身份证号,统计用区划代码,婚姻状况,节育措施,人口类别"
# W2 is given 避孕套 (the register: 上环) and W6 21 (the register: 22).
SURVEY = (("W1", "21", "女扎", "常住"), ("W2", "20", "避孕套", "常住"),
          ("W3", "20", "男扎", "常住"), ("W4", "21", "皮埋", "流出"),
          ("W5", "21", "避孕套", "流出"), ("W6", "21", "口服药", "流入"),
          ("W7", "20", "无", "流入"), ("W8", "20", "无", "常住"),
          ("W11", "20", "无", "常住"))


def write_village(folder: Path) -> dict[str, Path]:
    """The four files, UTF-8 CSV; → kind: path."""
    women = [WOMEN_HEADER] + [
        ",".join((ID[w], f"妇女{w}", VILLAGE_CELLS, *cells)) for w, *cells in WOMEN]
    births = [BIRTHS_HEADER] + [
        f"{VILLAGE_CELLS},母亲{w},{ID[w]},{day},女,{order},政策内" for w, day, order in BIRTHS]
    procedures = [PROCEDURES_HEADER] + [
        f"P{i:03d},{ID[w]},{VILLAGE_CELLS},{kind},{day},{complication}"
        for i, (w, kind, day, complication) in enumerate(PROCEDURES, start=1)]
    survey = [SURVEY_HEADER] + [f"{ID[w]},{VILLAGE[0]},{m},{method},{residence}"
                                for w, m, method, residence in SURVEY]
    paths = {}
    for kind, lines in (("women", women), ("births", births), ("procedures", procedures),
                        ("women_survey", survey)):
        path = folder / f"{kind}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[kind] = path
    return paths


def sources(paths: dict[str, Path]) -> list[str]:
    """The run's inputs, the field check by its prefix."""
    return [str(paths["births"]), str(paths["women"]), str(paths["procedures"]),
            f"women_survey:{paths['women_survey']}"]


# The Chinese header of every column a women's register test may write.
HEADERS = {"woman_id": "身份证号", "village_code": "统计用区划代码", "township_name": "乡镇(街道)",
           "village_name": "村(居)委会", "marital_status": "婚姻状况", "marriage_date": "结婚日期",
           "children_count": "现有子女数", "contraceptive_method": "节育措施",
           "husband_method": "丈夫节育措施", "method_date": "措施落实日期",
           "exclusion_reason": "未避孕原因", "residence": "人口类别", "key_target": "重点对象",
           "certificate_date": "婚育证明办证日期", "certificate_check_date": "婚育证明查验日期",
           "last_contact_date": "最近联系日期", "last_check_date": "环孕检日期",
           "exit_date": "出队日期", "record_date": "信息截止日期"}


def write_women(path: Path, rows: list[dict[str, str]]) -> Path:
    """A women's register of `rows` (canonical column → cell; the village of VILLAGE, a
    married woman using nothing unless said), every column any row names."""
    base = {"village_code": VILLAGE[0], "township_name": VILLAGE[1],
            "village_name": VILLAGE[2], "marital_status": "20", "contraceptive_method": "无"}
    full = [{**base, **r} for r in rows]
    columns = [c for c in HEADERS if any(c in r for r in full)]
    lines = [",".join(HEADERS[c] for c in columns)]
    lines += [",".join(r.get(c, "") for c in columns) for r in full]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
