"""The finding codes of the women's register, the procedures ledger and the women's field
check (docs/women.md); messages.findings places them among the others."""

from __future__ import annotations

from jisheng_cli.messages.finding_code import FindingCode

WOMEN = ("women", "women_survey")
METHOD_COLUMNS = ("contraceptive_method", "husband_method")

WOMEN_ERRORS = (
    FindingCode(
        "unknown_marital_code", "error", WOMEN, ("marital_status",),
        "婚姻状况代码无法识别;应为国家标准代码 10 未婚、20 已婚、21 初婚、22 再婚、23 复婚、"
        "30 丧偶、40 离婚、90 未说明(数字或名称)",
        "marital status not recognised; expected a GB/T 2261.2 code: 10 未婚, 20 已婚, 21 初婚, "
        "22 再婚, 23 复婚, 30 丧偶, 40 离婚 or 90 未说明 (digits or names)",
    ),
    FindingCode(
        "unknown_method_code", "error", WOMEN, METHOD_COLUMNS,
        "节育措施代码无法识别;应为 男扎、女扎、上环、皮埋、口服药、避孕针、避孕套、外用药、其他 或 无;"
        "本地系统的数字代码请在配置的 [codes.women.contraceptive_method] 中对应",
        "contraceptive method not recognised; expected 男扎, 女扎, 上环, 皮埋, 口服药, 避孕针, "
        "避孕套, 外用药, 其他 or 无; map a local system's numeric codes under "
        "[codes.women.contraceptive_method] in the config",
    ),
    FindingCode(
        "unknown_reason_code", "error", ("women",), ("exclusion_reason",),
        "未避孕原因无法识别;应为 绝经、不孕、现孕、产后/哺乳期、待孕、因病 或 其他",
        "exclusion reason not recognised; expected 绝经, 不孕, 现孕, 产后/哺乳期, 待孕, 因病 "
        "or 其他",
    ),
    FindingCode(
        "unknown_procedure_type", "error", ("procedures",), ("procedure_type",),
        "手术类别无法识别;应为 男扎、女扎、放环、取环、皮埋、取埋、人工流产、引产、复通 或 其他",
        "procedure type not recognised; expected 男扎, 女扎, 放环, 取环, 皮埋, 取埋, 人工流产, "
        "引产, 复通 or 其他",
    ),
    FindingCode(
        "invalid_children_count", "error", ("women",), ("children_count",),
        "现有子女数应为 0 到 20 之间的整数", "children count must be a whole number from 0 to 20",
    ),
    FindingCode(
        "woman_id_male", "error", WOMEN, ("woman_id",),
        "身份证号属于男性(第 17 位为奇数),不是育龄妇女;请核对身份证号",
        "the ID number belongs to a man (digit 17 is odd), not a woman of childbearing age; "
        "check the ID number",
    ),
    FindingCode(
        "procedure_male_id", "error", ("procedures",), ("woman_id",),
        "受术者身份证号属于男性(第 17 位为奇数),而手术不是男扎;请核对身份证号或手术类别",
        "the ID number belongs to a man (digit 17 is odd) but the procedure is not a "
        "vasectomy; check the ID number or the procedure type",
    ),
)

WOMEN_WARNINGS = (
    FindingCode(
        "method_blank_as_none", "warning", ("women",), ("contraceptive_method",),
        "节育措施和丈夫节育措施都为空:按未避孕(无)统计;未避孕的请填“无”",
        "both contraceptive_method and husband_method are empty: counted as no method (none); "
        "write 无 for a woman using none",
    ),
    FindingCode(
        "method_pill_or_injection", "warning", WOMEN, METHOD_COLUMNS,
        "“服注药”分不清口服药还是避孕针:按口服药统计",
        "服注药 does not say pill or injection: counted as the pill",
    ),
    FindingCode(
        "reason_is_marital_status", "warning", ("women",), ("exclusion_reason",),
        "未避孕原因填的是婚姻状况(丧偶/离婚):不作原因,按婚姻状况一栏统计",
        "the exclusion reason is a marital status (丧偶/离婚): ignored, marital_status decides",
    ),
    FindingCode(
        "two_methods", "warning", ("women",), ("contraceptive_method",),
        "本人和丈夫各填了一种不同的节育措施:按 男扎、女扎、上环、皮埋、避孕针、口服药、避孕套、"
        "外用药、其他 的顺序取前一种",
        "she and her husband have two different methods: the first of vasectomy, tubal, iud, "
        "implant, injection, pill, condom, spermicide, other counts",
    ),
    FindingCode(
        "excluded_but_using", "warning", ("women",), ("exclusion_reason",),
        "填了未避孕原因,又填了节育措施:按已落实措施统计",
        "an exclusion reason and a contraceptive method: counted as a user of the method",
    ),
    FindingCode(
        "sterilised_without_children", "warning", ("women",), ("children_count", "method_date"),
        "已绝育(男扎或女扎)但现有子女数为 0;请核对",
        "sterilised (vasectomy or tubal) with no children; check the record",
        {"births": ("绝育日期在出生登记的时间范围内,但出生登记中她此前没有出生;请核对",
                    "sterilised within the births register's span with no birth of hers "
                    "before it; check the record")},
    ),
    FindingCode(
        "stale_record", "warning", ("women",), ("record_date",),
        "信息截止日期早于统计时点超过 `stale_record_days` 天:该条信息可能已过时;请更新",
        "the record date is more than `stale_record_days` days before the stock date: the "
        "record may be out of date; update it",
    ),
    FindingCode(
        "mother_not_in_women_register", "warning", ("births",), ("mother_id",),
        "育龄妇女登记中没有这位母亲(可能漏档)",
        "the mother is not in the women's register (a sign of a missing record)",
    ),
    FindingCode(
        "procedure_repeated", "warning", ("procedures",), ("procedure_id",),
        "另有一个手术编号的受术者身份证号、手术类别和手术日期与此相同:两条都计入;请核对是否重复登记",
        "another procedure id has the same ID number, procedure type and date: both are "
        "counted; check for a double entry",
    ),
)
