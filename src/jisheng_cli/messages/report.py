"""Every word of the HTML report (`jisheng report`), in Chinese and English.

One table: (zh, en) per key; `--lang id` reads English, as every message does
(messages.message_lang). Templates use `str.format` fields filled with numbers, years,
place names and codes only — never a cell of a register (personal data).
"""

from __future__ import annotations

from jisheng_cli.messages import pick

LABELS: dict[str, tuple[str, str]] = {
    # ---- the page -----------------------------------------------------------------------
    "title": ("计划生育统计报告", "Family-planning statistics report"),
    "title_area": ("{area}计划生育统计报告", "Family-planning statistics report: {area}"),
    "title_year": ("{year} 统计年度", "statistical year {year}"),
    "title_join": ("{head} {year}", "{head}, {year}"),
    "period": ("统计期", "Period"),
    "period_all": ("全部记录", "all records"),
    "period_range": ("{start} 至 {end}", "{start} to {end}"),
    "period_from": ("{start} 起", "from {start}"),
    "period_to": ("至 {end}", "to {end}"),
    "as_of": ("截至日期", "As of"),
    "version": ("jisheng 版本", "jisheng version"),
    "definitions": ("非默认口径", "Definitions other than the defaults"),
    "written": ("报告已写入 {path}", "report written to {path}"),
    "definitions_none": ("全部采用默认口径", "all definitions are the defaults"),
    # ---- sections -------------------------------------------------------------------------
    "headline": ("主要指标", "Headline indicators"),
    "funnels": ("漏斗图", "Funnel plots"),
    "trends": ("历年趋势", "Trends across statistical years"),
    "yoy": ("同比", "Change on the previous year"),
    "quality": ("数据质量", "Data quality"),
    # ---- headline table ---------------------------------------------------------------------
    "col_indicator": ("指标", "Indicator"),
    "col_value": ("数值", "Value"),
    "col_interval": ("置信区间", "Interval"),
    "col_target": ("目标", "Target"),
    "col_source": ("目标来源", "Target source"),
    "source_srb_normal_range": ("出生人口性别比正常范围 {low}–{high}(definitions.srb_normal_range)",
                                "normal range of the sex ratio at birth {low}–{high} "
                                "(definitions.srb_normal_range)"),
    "col_status": ("状态", "Status"),
    "col_gap": ("差距", "Gap"),
    "col_change": ("同比", "Change"),
    "headline_year": ("{year} 统计年度,合计", "Statistical year {year}, total"),
    "headline_pooled": ("全部记录合计", "Total of all records"),
    "no_rows": ("没有可显示的指标", "no indicator to show"),
    "legend": ("注", "Notes"),
    # ---- funnels -----------------------------------------------------------------------------
    "funnel_heading": ("{indicator}:{level},{year} 统计年度",
                       "{indicator}: {level}s, statistical year {year}"),
    "funnel_x": ("分母 n", "denominator n"),
    "method_exact": ("精确二项分布(按 Spiegelhalter 插值)",
                     "exact binomial (Spiegelhalter's interpolation)"),
    "method_wilson": ("正态近似(Wilson 评分区间)", "normal approximation (Wilson score)"),
    "method_normal": ("正态近似,按过度离散加宽", "normal approximation widened for over-dispersion"),
    "centre_target": ("中心线为目标值 {centre}", "centre at the target {centre}"),
    "centre_target_midpoint": ("中心线为目标区间 {low}–{high} 的中点 {centre},目标区间以色带表示",
                               "centre at {centre}, the midpoint of the target range "
                               "{low}–{high}, drawn as a band"),
    "centre_overall": ("中心线为各单位合计率 {centre}", "centre at the overall rate {centre}"),
    "funnel_caption": ("控制限:{method},95%(虚线)和 99.8%(点线);{centre}。",
                       "Limits: {method}, 95% (dashed) and 99.8% (dotted); {centre}."),
    "dispersion": ("过度离散:φ = {phi},τ² = {tau2}(按 {winsor}% 缩尾)。",
                   "Over-dispersion: φ = {phi}, τ² = {tau2} (winsorised at {winsor}%)."),
    "dispersion_none": ("过度离散:φ = {phi},未超出二项分布,控制限不变。",
                        "Over-dispersion: φ = {phi}, within the binomial: limits unchanged."),
    "sex_ratio_note": ("性别比按男婴占比 男 ÷(男 + 女)计算控制限,再换算为 女=100。",
                       "The sex ratio's limits are computed on the male share boys ÷ "
                       "(boys + girls), then drawn as female=100."),
    "off_scale": ("{count} 个单位超出纵轴范围(有男婴、没有女婴,性别比为无穷大),画作顶边的三角形。",
                  "{count} units above the axis (boys and no girls: an infinite sex ratio), "
                  "drawn as triangles on the top edge."),
    "off_scale_one": ("{count} 个单位超出纵轴范围(有男婴、没有女婴,性别比为无穷大),画作顶边的三角形。",
                      "{count} unit above the axis (boys and no girls: an infinite sex ratio), "
                      "drawn as a triangle on the top edge."),
    "flagged": ("超出 99.8% 控制限的单位", "Units outside the 99.8% limits"),
    "flagged_none": ("没有单位超出 99.8% 控制限。", "No unit lies outside the 99.8% limits."),
    "col_unit_name": ("名称", "Name"),
    "col_n": ("分母 n", "n"),
    "col_side": ("方向", "Side"),
    "side_low": ("低于控制限", "below"),
    "side_high": ("高于控制限", "above"),
    "no_funnel_cluster_design": (
        "{indicator}:抽查以村为整群抽样,一个村的比率是一个群,其方差不服从二项分布,"
        "因此不作漏斗图。",
        "{indicator}: the field check samples villages as clusters; a village's rate is one "
        "cluster, whose variance the binomial does not describe, so no funnel is drawn."),
    "no_funnel_no_units": ("{indicator}:有分母的{level}少于两个,或各{level}分母合计不足 {min}"
                           "(最小分母),不作漏斗图。",
                           "{indicator}: fewer than two {level}s with a denominator, or fewer "
                           "than {min} in all (the minimum denominator): no funnel."),
    "no_funnel_no_spread": ("{indicator}:中心线为 0 或 100%(各{level}全为 0 或全为 100% 时即如此),"
                            "不存在控制限,不作漏斗图。",
                            "{indicator}: the centre is 0 or 100% (as when every {level} is at "
                            "0 or at 100%): no control limits exist, so no funnel."),
    "no_funnel_not_a_proportion": ("{indicator}:不是比例,不作漏斗图。",
                                   "{indicator}: not a proportion: no funnel."),
    # ---- trends ------------------------------------------------------------------------------
    "trend_heading": ("{indicator}({unit})", "{indicator} ({unit})"),
    "trend_caption": ("按统计年度;竖线为置信区间{band}。",
                      "By statistical year; bars are the intervals{band}."),
    "trend_band": (",色带为目标 {target}", ", the band is the target {target}"),
    "trends_none": ("数据不足两个统计年度,没有趋势图。",
                    "The data cover fewer than two statistical years: no trend."),
    "col_year": ("统计年度", "Year"),
    # ---- 同比 ---------------------------------------------------------------------------------
    "col_current": ("本年", "This year"),
    "col_previous": ("上年", "Previous year"),
    "col_change_value": ("变化", "Change"),
    "col_change_interval": ("变化的置信区间", "Interval of the change"),
    "col_significant": ("统计学意义", "Significant"),
    "col_sentence": ("表述", "Sentence"),
    "significant_yes": ("有", "yes"),
    "significant_no": ("无", "no"),
    "yoy_none": ("没有上一统计年度的数据,无法计算同比。",
                 "No previous statistical year in the data: no change to show."),
    "yoy_not_compared": ("统计期不是完整的统计年度,不计算同比。",
                         "The period cuts a statistical year: no change on the previous "
                         "year."),
    "yoy_heading": ("{year} 统计年度与 {previous} 统计年度比较",
                    "Statistical year {year} against {previous}"),
    # ---- quality -------------------------------------------------------------------------------
    "col_file": ("文件", "File"),
    "col_kind": ("类型", "Kind"),
    "col_read": ("读入行数", "Rows read"),
    "col_used": ("使用", "Used"),
    "col_rejected": ("错误", "Rejected"),
    "col_duplicate": ("重报", "Duplicate"),
    "col_out_of_period": ("统计期外", "Out of period"),
    "col_blank": ("空行或合计行", "Blank/totals"),
    "col_span": ("日期范围", "Date span"),
    "col_code": ("问题代码", "Code"),
    "col_count": ("条数", "Count"),
    "col_message": ("说明", "Message"),
    "findings_heading": ("{path}:最常见的问题", "{path}: the commonest findings"),
    "findings_none": ("没有发现问题。", "No findings."),
}


def label(key: str, lang: str | None, **fields: object) -> str:
    """The report's word for `key` in `lang` (zh, else English), fields filled in."""
    text = pick(LABELS[key], lang)
    return text.format(**fields) if fields else text
