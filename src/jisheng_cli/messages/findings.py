"""The finding-code catalogue: every row-level code the checks can report.

A code is stable (scripts filter rejects files on it); its message may be improved. Each
entry says its severity (`error` rejects the row, `duplicate` drops it, `warning` keeps
it), the input kinds and columns it applies to (empty: the row as a whole), and its
message in Chinese and English. A few codes have named variants: one code, several
precise messages (a missing report date under `period_basis = report_date` is still a
`missing_value`). Fields in braces are filled from the finding's parameters.
"""

from __future__ import annotations

from jisheng_cli.messages import pick
from jisheng_cli.messages.finding_code import FindingCode, Severity
from jisheng_cli.messages.women_findings import WOMEN, WOMEN_ERRORS, WOMEN_WARNINGS

BIRTHS = ("births", "survey")
ALL = ("births", "survey", "fees", "population", "checked", "women", "procedures",
       "women_survey")
WOMEN_DATES = ("marriage_date", "method_date", "certificate_date", "certificate_check_date",
               "last_contact_date", "last_check_date", "exit_date", "record_date",
               "procedure_date")
DATES = ("child_birth_date", "report_date", "decision_date", "last_payment_date", *WOMEN_DATES)
IDS = ("mother_id", "payer_id", "woman_id")
ID_KINDS = ("births", "survey", "fees", "women", "procedures", "women_survey")
AREA = ("village_code", "township_code", "county_code")


_ENTRIES = (
    # ---- values missing or not parseable (errors) ---------------------------------------
    FindingCode(
        "missing_value", "error", ALL, (),
        "必填项为空", "required value is missing",
        {
            "report_date": ("period_basis = report_date 时上报日期为必填项",
                            "report date is required when period_basis = report_date"),
            "area": ("本行没有区划代码或名称", "no area code or name in this row"),
            "method": ("节育措施和丈夫节育措施都为空(`blank_method = \"reject\"`);请填写措施,"
                       "未避孕的填“无”",
                       "both contraceptive_method and husband_method are empty "
                       "(`blank_method = \"reject\"`); fill in the method, or 无 for none"),
        },
    ),
    FindingCode(
        "unparseable_date", "error", ALL, DATES,
        "不是日期;应写成 2023-01-05 这样的形式",
        "not a date; expected a form such as 2023-01-05",
        {
            "year_month_only": ("只有年和月,缺少日;应写成 2023-01-05 这样的完整日期",
                                "a year and month without a day; write the whole date, "
                                "such as 2023-01-05"),
            "two_digit_year": ("年份应为 4 位数字(2023,不是 23);应写成 2023-01-05",
                               "the year must have four digits (2023, not 23); "
                               "write 2023-01-05"),
            "date_order": ("按配置的 [reading] date_order = '{order}' 读不出真实日期;"
                           "请核对该文件的日、月顺序",
                           "not a real date when read as the config's [reading] "
                           "date_order = '{order}'; check the order of day and month in "
                           "this file"),
        },
    ),
    FindingCode(
        "ambiguous_date", "error", ALL, DATES,
        "5/1/2023 这样年份在后的日期分不清日在前还是月在前;请在配置文件 'jisheng.toml' 的 "
        "[reading] 中设 date_order = 'dmy'(日/月/年)或 date_order = 'mdy'(月/日/年),"
        "或写成 2023-01-05",
        "a year-last date such as 5/1/2023 may be day-first or month-first; set "
        "date_order = 'dmy' (day/month/year) or date_order = 'mdy' (month/day/year) "
        "under [reading] in the config file 'jisheng.toml', or write 2023-01-05",
    ),
    FindingCode(
        "date_in_future", "error", ALL, DATES,
        "日期晚于截至日期(--as-of)", "date is after the as-of date",
    ),
    FindingCode(
        "date_before_1950", "error", ALL, DATES,
        "日期早于 1950 年", "date is before 1950",
    ),
    FindingCode(
        "unknown_sex_code", "error", BIRTHS, ("child_sex",),
        "性别代码无法识别;应为 1/男、2/女、0/未知 或 9/未说明",
        "sex code not recognised; expected 1/男, 2/女, 0/未知 or 9/未说明",
    ),
    FindingCode(
        "unknown_policy_code", "error", BIRTHS, ("policy_status",),
        "政策属性代码无法识别;应为 政策内/1/in 或 政策外/0/out",
        "policy code not recognised; expected 政策内/1/in or 政策外/0/out",
    ),
    FindingCode(
        "unknown_yes_no_code", "error", ("fees", "women", "procedures"),
        ("enforcement", "key_target", "complication"),
        "是否值无法识别;应为 是/有/1/yes 或 否/无/0/no",
        "yes/no value not recognised; expected 是/有/1/yes or 否/无/0/no",
    ),
    *WOMEN_ERRORS,
    FindingCode(
        "invalid_birth_order", "error", BIRTHS, ("birth_order",),
        "孩次不是 1 或 二孩 这样的整数", "birth order is not a whole number such as 1 or 二孩",
    ),
    FindingCode(
        "birth_order_out_of_range", "error", BIRTHS, ("birth_order",),
        "孩次应在 1 到 20 之间", "birth order must be between 1 and 20",
    ),
    FindingCode(
        "id_scientific_notation", "error", ID_KINDS, IDS,
        "身份证号已被电子表格改成科学计数法(如 4.2E+17);请把该列按文本重新导出",
        "ID number damaged by a spreadsheet (scientific notation such as 4.2E+17); "
        "re-export the column as text",
    ),
    FindingCode(
        "id_malformed", "error", ID_KINDS, IDS,
        "身份证号应为 18 位(17 位数字加校验码)或 15 位数字",
        "ID number must have 18 characters (17 digits and a check digit) or 15 digits",
        {"birth_date": ("身份证号中的出生日期不是真实日期",
                        "the birth date inside the ID number is not a real date")},
    ),
    FindingCode(
        "id_check_digit", "error", ID_KINDS, IDS,
        "身份证号校验码错误", "ID number check digit is wrong",
    ),
    FindingCode(
        "id_precision_lost", "error", ID_KINDS, IDS,
        "身份证号被电子表格当作数字保存,只留下 15 位有效数字,末几位已变成 0;请按文本重新导出"
        "该列:在 Excel 中先把该列设为“文本”格式再输入或粘贴,或从原系统重新导出"
        "(CSV 用 Excel 打开再保存会再次损坏)",
        "ID number stored as a number by a spreadsheet, which keeps 15 significant digits: "
        "its last digits became 0. Re-export the column as text: in Excel, format the column "
        "as Text before typing or pasting, or export again from the source system (a CSV "
        "opened and saved again in Excel is damaged again)",
    ),
    FindingCode(
        "village_code_malformed", "error", ALL, ("village_code",),
        "村代码应为 12 位统计用区划代码", "village code must be the 12-digit statistical code",
        {"scientific": ("村代码已被电子表格改成科学计数法(如 4.20525E+11);请在 Excel 中把该列"
                        "设为“文本”格式后重新导出,或从原系统重新导出",
                        "village code damaged by a spreadsheet (scientific notation such as "
                        "4.20525E+11); format the column as Text in Excel and export again, "
                        "or export again from the source system")},
    ),
    FindingCode(
        "area_code_malformed", "error", ("population",), AREA,
        "区划代码位数不对", "area code has the wrong number of digits",
        {
            "village": ("村代码应为 12 位", "village code must have 12 digits"),
            "township": ("乡镇代码应为 9 位(或以 000 结尾的 12 位)",
                         "township code must have 9 digits (or 12 ending in 000)"),
            "county": ("县级代码应为 6 位(或以 000000 结尾的 12 位)",
                       "county code must have 6 digits (or 12 ending in 000000)"),
        },
    ),
    FindingCode(
        "invalid_population", "error", ("population",), ("population",),
        "人口数应为整数", "population must be a whole number of people",
    ),
    FindingCode(
        "implausible_population", "error", ("population",), ("population",),
        "人口数为 0 或大得不可信;请检查该列和单位",
        "a population of zero or of implausible size; check the column and its unit",
        {
            "village": ("村人口数为 0 或超过 {limit:,} 人,不可信;请检查该列和单位",
                        "a village population of zero or over {limit:,} people is implausible; "
                        "check the column and its unit"),
            "township": ("乡镇人口数为 0 或超过 {limit:,} 人,不可信;请检查该列和单位",
                         "a township population of zero or over {limit:,} people is "
                         "implausible; check the column and its unit"),
            "county": ("县人口数为 0 或超过 {limit:,} 人,不可信;请检查该列和单位",
                       "a county population of zero or over {limit:,} people is implausible; "
                       "check the column and its unit"),
        },
    ),
    FindingCode(
        "invalid_year", "error", ("population",), ("year",),
        "年度应为 2023 这样的统计年度", "year must be a statistical year such as 2023",
    ),
    FindingCode(
        "invalid_money", "error", ("fees",), ("assessed_amount", "collected_amount"),
        "金额不是数字;应写成 12345.60 这样的形式",
        "amount is not a number; expected a form such as 12345.60",
        {"too_large": ("金额大得不可信;请检查单位和位数",
                       "amount is implausibly large; check the unit and digits")},
    ),
    FindingCode(
        "negative_money", "error", ("fees",), ("assessed_amount", "collected_amount"),
        "金额为负数;金额应大于或等于 0", "amount is negative; money must be 0 or more",
    ),
    FindingCode(
        "ragged_row", "error", ALL, (),
        "本行有 {cells} 个单元格,表头有 {expected} 列",
        "row has {cells} cells but the header has {expected}",
        {"cut_off": ("本行有 {cells} 个单元格,表头有 {expected} 列;这是文件的最后一行且没有换行符:文件可能不完整(下载或复制已中断?),请重新导出",
                     "row has {cells} cells but the header has {expected}; it is the file's "
                     "last line and has no line end: the file may be cut off (an interrupted "
                     "download or copy?); export it again")},
    ),
    # The column is the first cell holding a NUL, or the row when that cell is not read.
    FindingCode(
        "nul_bytes", "error", ALL, (),
        "本行含有 NUL 字节(文件副本损坏?);请按原件核对这一行",
        "row contains NUL bytes (a damaged copy?); check the row against the original",
    ),
    # ---- duplicates ---------------------------------------------------------------------
    FindingCode(
        "duplicate", "duplicate", ALL,
        ("mother_id", "case_id", "population", "woman_id", "procedure_id"),
        "与{where}重复", "duplicate of {where}",
        {
            "birth": ("与{where}重报:母亲身份证号、出生日期和孩次相同",
                      "duplicate of {where}: same mother ID, birth date and birth order"),
            "case": ("与{where}重复:案件编号相同", "duplicate of {where}: the same case id"),
            "area_year": ("与{where}重复:区划和年度相同",
                          "duplicate of {where}: the same area and year"),
            "woman": ("与{where}重复:身份证号相同;保留信息截止日期较晚的一条(日期相同或为空时保留先出现的)",
                      "duplicate of {where}: the same ID number; the record with the later "
                      "record date is kept (the first one when the dates are equal or empty)"),
            "procedure_id": ("与{where}重复:手术编号相同",
                             "duplicate of {where}: the same procedure id"),
            "procedure": ("与{where}重复:受术者身份证号、手术类别和手术日期相同",
                          "duplicate of {where}: same ID number, procedure type and date"),
        },
    ),
    # ---- warnings (the row is kept) -----------------------------------------------------
    FindingCode(
        "unknown_residence_code", "warning", (*BIRTHS, *WOMEN), ("residence",),
        "户籍性质代码无法识别;应为 常住/户籍 或 流入/流动(育龄妇女还可为 流出/外出)",
        "residence type not recognised; expected 常住/户籍 or 流入/流动 (for women also "
        "流出/外出)",
        # The women's rates split by residence (outflow, inflow): a guess would move her.
        severity_by_kind={"women": "error", "women_survey": "error"},
    ),
    FindingCode(
        "mother_age_implausible", "warning", BIRTHS, ("mother_id",),
        "按身份证号推算,母亲生育时不满 15 岁或已满 50 岁",
        "mother's age at the birth (from the ID number) is under 15 or 50 and over",
    ),
    FindingCode(
        "id_column_stored_as_numbers", "warning", ID_KINDS, IDS,
        "本文件前 {ids} 个 18 位身份证号中有 {zeroed} 个以 000 结尾或存为数字:该列曾被电子表格"
        "当作数字保存(只留 15 位有效数字);请按文本重新导出该列(在 Excel 中先设为“文本”格式,"
        "或从原系统重新导出)",
        "{zeroed} of the first {ids} 18-digit ID numbers of this file end in 000 or are stored "
        "as numbers: a spreadsheet stored the column as numbers (15 significant digits kept); "
        "re-export the column as text (in Excel, format it as Text first, or export again "
        "from the source system)",
    ),
    FindingCode(
        "id_maybe_precision_lost", "warning", ID_KINDS, IDS,
        "本文件的身份证号曾被当作数字保存;此号码以 000 结尾,校验码碰巧正确,可能同样已损坏:"
        "本行照常统计,但不使用它判断重报,也不用它与抽样调查比对",
        "this file's ID numbers were stored as numbers; this one ends in 000 and passes its "
        "check by chance, so it may be damaged too: the row is counted, but not used to find "
        "duplicates or to match a field check",
    ),
    FindingCode(
        "mother_id_male", "warning", BIRTHS, ("mother_id",),
        "母亲身份证号属于男性(第 17 位为奇数)",
        "the ID number belongs to a man (digit 17 is odd)",
    ),
    FindingCode(
        "first_birth_out_of_policy", "warning", BIRTHS, ("policy_status",),
        "一孩被标为政策外", "a first birth is marked out of policy",
    ),
    FindingCode(
        "same_order_multiple_birth", "warning", ("births",), ("child_birth_date",),
        "同一母亲同一天另有一个孩次相同、性别不同的出生:双胞胎被登记为同一孩次(两条都保留)",
        "another birth of the same mother on the same date has the same birth order but "
        "another sex: twins given one birth order (both kept)",
    ),
    FindingCode(
        "short_birth_interval", "warning", ("births",), ("child_birth_date",),
        "同一母亲在 180 天内另有一次较早的出生,且不是多胞胎",
        "the same mother has an earlier birth less than 180 days before, not a multiple birth",
    ),
    FindingCode(
        "village_name_mismatch", "warning", ("births", "survey", "fees", *WOMEN, "procedures"),
        ("village_name",),
        "村名与该村代码第一次出现时的村名不同",
        "village name differs from the first name seen for this code",
    ),
    FindingCode(
        "collected_exceeds_assessed", "warning", ("fees",), ("collected_amount",),
        "实征金额大于应征金额(按原值保留)",
        "collected amount is greater than the amount assessed (kept as it is)",
    ),
    *WOMEN_WARNINGS,
    FindingCode(
        "survey_village_not_in_register", "warning", ("survey",), ("village_code",),
        "出生登记中没有该村的出生;按漏报计",
        "the register has no birth in this village; counted as under-reported",
    ),
)

CODES: dict[str, FindingCode] = {e.code: e for e in _ENTRIES}
__all__ = ["CODES", "FindingCode", "Severity", "finding_message", "where"]


def where(lang: str | None, row: int, path: str | None = None) -> str:
    """A row another finding points at: "row 12" / "第 12 行", with its file when it is
    another file's row."""
    text = pick((f"第 {row} 行", f"row {row}"), lang)
    if path is None:
        return text
    return f"{path} {text}"


def finding_message(code: str, lang: str | None, variant: str = "", **params: object) -> str:
    """The message of a finding code in `lang` (zh, else English), parameters filled in.

    `dup_row` (and `dup_file` when the row is in another file) become `{where}`."""
    entry = CODES[code]
    if "dup_row" in params:
        row = params.pop("dup_row")
        path = params.pop("dup_file", None)
        params["where"] = where(lang, int(str(row)), None if path is None else str(path))
    return pick(entry.text(variant), lang).format(**params)
