"""The shape of the women's sample files (make_women.py writes them, women_figures.py reads
them): the dates they are built around, titles, headers and the code spellings of
docs/women.md "Codes" that the generator picks among."""

from __future__ import annotations

import datetime as dt

ENCODING = "gb18030"
SY_START, SY_END = dt.date(2011, 10, 1), dt.date(2012, 9, 30)
S = SY_END
DAY = dt.timedelta(days=1)
AS_OF = dt.date(2026, 11, 22)

TITLE = "远安县2012年度已婚育龄妇女信息登记表"
HEADER = ["身份证号", "姓名", "统计用区划代码", "乡镇(街道)", "村(居)委会", "婚姻状况", "结婚日期",
          "现有子女数", "节育措施", "丈夫节育措施", "措施落实日期", "未避孕原因", "人口类别",
          "重点对象", "婚育证明办证日期", "婚育证明查验日期", "最近联系日期", "环孕检日期",
          "出队日期", "信息截止日期"]
PROC_TITLE = "远安县计划生育手术台账(2010-2012年)"
PROC_HEADER = ["手术编号", "身份证号", "统计用区划代码", "乡镇(街道)", "村(居)委会", "手术类别",
               "手术日期", "并发症"]
SURVEY_TITLE = "远安县2012年度已婚育龄妇女信息抽查登记表"
SURVEY_HEADER = ["身份证号", "姓名", "统计用区划代码", "乡镇(街道)", "村(居)委会", "婚姻状况",
                 "节育措施", "措施落实日期", "人口类别"]

# Spellings (women.md "Codes"); the generator picks among them, the recomputation reads them.
MARITAL_TEXT = {20: ["20", "已婚"], 21: ["21", "初婚"], 22: ["22", "再婚"], 23: ["23", "复婚"],
                30: ["30", "丧偶"], 40: ["40", "离婚"]}
METHOD_TEXT = {"vasectomy": ["男扎", "输精管结扎"], "tubal": ["女扎", "输卵管结扎", "结扎"],
               "iud": ["宫内节育器", "上环", "放环"], "implant": ["皮下埋植", "皮埋"],
               "pill": ["口服药"], "injection": ["注射针", "避孕针"], "condom": ["避孕套"],
               "spermicide": ["外用药"], "other": ["其他"], "none": ["无", "未避孕", "未落实"]}
REASON_TEXT = {"menopause": ["绝经"], "infertile": ["不孕"], "pregnant": ["现孕"],
               "postpartum": ["产后", "哺乳期"], "awaiting": ["待孕", "有指标待孕"]}
RESIDENCE_TEXT = {"local": ["常住", "户籍"], "outflow": ["流出", "外出"],
                  "inflow": ["流入", "流动"]}
PROC_TEXT = {"vasectomy": ["男扎"], "tubal": ["女扎"], "iud_insertion": ["放环", "上环"],
             "iud_removal": ["取环"], "implant_insertion": ["皮埋"], "implant_removal": ["取埋"],
             "abortion": ["人工流产", "人流", "药物流产"], "induced_labour": ["引产"],
             "reversal": ["复通"]}
PREFERENCE = ["vasectomy", "tubal", "iud", "implant", "injection", "pill", "condom",
              "spermicide", "other"]
LONG_ACTING = {"vasectomy", "tubal", "iud", "implant"}
FOUR_OPS = {"vasectomy", "tubal", "iud_insertion", "abortion", "induced_labour"}
