"""The women's register and the procedures ledger: their terms, formulas and records
(docs/women.md). Stock terms (`ws_…`) are counted at a stock date S, flows (`pr_…`) by the
date of the operation; engine.women and engine.procedures make them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jisheng_cli.indicators.model import Formula, Indicator, Interval, Unit
from jisheng_cli.records.women_codes import METHODS, PROCEDURE_TYPES

if TYPE_CHECKING:
    from jisheng_cli.config import Definitions

# One bit per stock term in engine.women's per-woman masks, in this order.
STOCK_TERMS = (
    "ws_stock",  # 15–49 at S, not exited (any marital status), in women_scope
    "ws_married",  # of those, married (20–23) and married by S
    "ws_user",  # married, with an effective method dated by S
    "ws_eligible",  # married, less non-users with a reason in prevalence_excluded_reasons
    "ws_long",  # users of long_acting_methods
    *(f"ws_method_{m}" for m in METHODS),
    "ws_due",  # married, due a check (not sterilised long enough, not excused)
    "ws_checked_due",  # due and checked in the window
    "ws_checked",  # married and checked in the window
    "ws_out",  # married outflow women (any women_scope)
    "ws_out_cert",  # with a certificate by S
    "ws_contact_pop",  # outflow women whose contact counts (contact_population)
    "ws_contacted",  # contacted in the contact window
    "ws_in",  # married inflow women (any women_scope)
    "ws_in_check",  # whose certificate was checked by S
    "ws_outside",  # under 15 or 50 and over at S, or exited by S
)
# Terms made at S from other registers' rows: the timely long-acting births.
JOIN_TERMS = ("ws_timely_due", "ws_timely_done")
FLOW_TERMS = (*(f"pr_{t}" for t in PROCEDURE_TYPES), "pr_all", "pr_complication")
ABORTIONS = "pr_abortion+pr_induced_labour"

NEEDS_NOTE = {"births": "needs births register", "procedures": "needs procedures",
              "women": "needs women register"}


def formulas(d: Definitions) -> dict[str, Formula]:
    den = "ws_eligible" if d.prevalence_denominator == "married_eligible" else "ws_married"
    four = "+".join(f"pr_{t}" for t in d.four_operations_types)
    stock = "ws_married" if d.abortion_rate_denominator == "married_women" else "ws_stock"
    out = {
        "married_women": Formula("count", "ws_married"),
        "women_outside_scope": Formula("count", "ws_outside"),
        "contraceptive_prevalence": Formula("rate", "ws_user", den),
        "long_acting_rate": Formula("rate", "ws_long", den),
        **{f"method_share_{m}": Formula("rate", f"ws_method_{m}", "ws_user") for m in METHODS},
        "check_rate": Formula("rate", "ws_checked_due", "ws_due"),
        "reproductive_health_service_rate": Formula("rate", "ws_checked", "ws_married"),
        "outflow_certificate_rate": Formula("rate", "ws_out_cert", "ws_out"),
        "inflow_check_rate": Formula("rate", "ws_in_check", "ws_in"),
        "outflow_contact_rate": Formula("rate", "ws_contacted", "ws_contact_pop"),
        "timely_long_acting_rate": Formula("rate", "ws_timely_done", "ws_timely_due"),
        **{f"procedures_{t}": Formula("count", f"pr_{t}") for t in PROCEDURE_TYPES},
        "four_operations": Formula("count", four),
        "complication_rate": Formula("per_mille_terms", "pr_complication", "pr_all"),
        "abortion_birth_ratio": Formula("ratio", ABORTIONS, "births"),
        "births_per_abortion": Formula("inverse_ratio", "births", ABORTIONS),
        "abortion_rate": Formula("per_mille_terms", ABORTIONS, stock),
    }
    return out


_WOMEN = "已婚育龄妇女"
_PREVALENCE = "prevalence_denominator"


def _ind(id_: str, kind: str, zh: str, en: str, unit: Unit, formula_zh: str,
         formula_en: str, interval: Interval = "wilson", setting: str | None = None,
         needs: tuple[str, ...] = (), default: bool = True, source: str = "",
         aliases: tuple[str, ...] = ()) -> Indicator:
    decimals = 0 if unit == "count" else 2
    return Indicator(id_, kind, zh, en, unit, decimals, formula_zh, formula_en,
                     interval="none" if unit == "count" else interval, source=source,
                     setting=setting, needs=needs, default=default, aliases=aliases)


_METHOD_ZH = {"vasectomy": "男扎", "tubal": "女扎", "iud": "上环", "implant": "皮埋",
              "pill": "口服药", "injection": "注射针", "condom": "避孕套",
              "spermicide": "外用药", "other": "其他措施"}
_TYPE_ZH = {"vasectomy": "男扎", "tubal": "女扎", "iud_insertion": "放环",
            "iud_removal": "取环", "implant_insertion": "皮埋", "implant_removal": "取埋",
            "abortion": "人工流产", "induced_labour": "引产", "reversal": "复通",
            "other": "其他手术"}
_SOURCE = "国家人口计生委《人口和计划生育统计指标解释》; 国人口统2表"

INDICATORS: tuple[Indicator, ...] = (
    _ind("married_women", "women", "已婚育龄妇女人数", "Married women 15–49", "count",
         "时点S已婚(20–23)、15–49岁、未出队的妇女数",
         "married women aged 15–49 in the register at the stock date S",
         setting="women_scope"),
    _ind("women_outside_scope", "women", "不在育龄范围人数", "Women outside the age scope",
         "count", "时点S未满15岁、已满50岁或已出队的记录数",
         "records under 15 or 50 and over at S, or exited by S"),
    _ind("contraceptive_prevalence", "women", "综合避孕率", "Contraceptive prevalence", "%",
         "时点S落实节育措施的已婚育龄妇女 ÷ 已婚育龄妇女 × 100(married_eligible:分母剔除"
         "绝经、不孕等原因的未避孕者)",
         "married women with an effective method at S ÷ married women × 100 "
         "(married_eligible: non-users with an excluded reason leave the denominator)",
         setting=_PREVALENCE, source=_SOURCE, aliases=("综合节育率", "避孕率")),
    _ind("long_acting_rate", "women", "长效节育措施落实率", "Long-acting methods", "%",
         "采取长效措施(男扎、女扎、上环、皮埋)的已婚育龄妇女 ÷ 综合避孕率的分母 × 100",
         "users of long_acting_methods ÷ the prevalence denominator × 100",
         setting="long_acting_methods", aliases=("长效节育措施率",)),
    *(
        _ind(f"method_share_{m}", "women", f"节育措施构成:{_METHOD_ZH[m]}",
             f"Method mix: {m}", "%", f"{_METHOD_ZH[m]}人数 ÷ 落实节育措施人数 × 100",
             f"users of {m} ÷ users × 100", default=False)
        for m in METHODS
    ),
    _ind("check_rate", "women", "环孕检率", "Check rate", "%",
         "窗口期内已查环查孕的应查对象 ÷ 应查对象 × 100;应查对象 = 已婚育龄妇女,剔除结扎满"
         "一年者和 check_excused_reasons 所列原因者",
         "due women checked in the window ÷ due women × 100; due = married women less "
         "those sterilised over check_exempt_sterilised_days before S and those with a "
         "reason in check_excused_reasons",
         setting="check_exempt_sterilised_days"),
    _ind("reproductive_health_service_rate", "women", "生殖健康服务到位率",
         "Reproductive-health services", "%",
         "窗口期内接受查环查孕服务的已婚育龄妇女 ÷ 已婚育龄妇女 × 100",
         "married women checked in the window ÷ married women × 100"),
    _ind("outflow_certificate_rate", "women", "婚育证明办证率", "Outflow certificates", "%",
         "时点S已办婚育证明的已婚流出妇女 ÷ 已婚流出妇女 × 100",
         "married outflow women with a certificate by S ÷ married outflow women × 100"),
    _ind("inflow_check_rate", "women", "婚育证明查验率", "Inflow certificate checks", "%",
         "时点S已查验婚育证明的已婚流入妇女 ÷ 已婚流入妇女 × 100",
         "married inflow women whose certificate was checked by S ÷ married inflow women "
         "× 100"),
    _ind("outflow_contact_rate", "women", "有效联系率", "Effective contact", "%",
         "窗口期内取得联系的已婚流出妇女 ÷ 已婚流出妇女 × 100(contact_population = "
         "key_targets:只计重点对象)",
         "married outflow women contacted in the window ÷ married outflow women × 100 "
         "(contact_population = key_targets: key targets only)",
         setting="contact_window_days"),
    _ind("timely_long_acting_rate", "women", "长效措施落实及时率",
         "Timely long-acting methods", "%",
         "期内应落实(孩次在 timely_birth_orders、生育后 timely_days 天到期)的出生中,母亲在"
         "期限内落实长效措施的比例 × 100",
         "births of the timely orders whose deadline falls in the period: share whose "
         "mother took a long-acting method between the birth and the deadline × 100",
         setting="timely_basis", needs=("births",)),
    _ind("abortion_rate", "women", "人工流产率", "Abortion rate", "‰",
         "人工流产与引产例数 ÷ 时点S育龄妇女数 × 1000",
         "abortions and induced labours ÷ women 15–49 at S × 1000",
         interval="none", setting="abortion_rate_denominator", needs=("procedures",)),
    *(
        _ind(f"procedures_{t}", "procedures", f"手术例数:{_TYPE_ZH[t]}",
             f"Operations: {t}", "count", f"期内{_TYPE_ZH[t]}例数",
             f"{t} operations in the period", default=False)
        for t in PROCEDURE_TYPES
    ),
    _ind("four_operations", "procedures", "四术例数", "The four operations", "count",
         "期内男扎、女扎、放环、人工流产和引产例数之和(four_operations_types)",
         "vasectomies, tubal ligations, IUD insertions, abortions and induced labours "
         "in the period (four_operations_types)", setting="four_operations_types"),
    _ind("complication_rate", "procedures", "手术并发症发生率", "Complications", "‰",
         "有并发症的手术例数 ÷ 手术例数 × 1000", "operations with a complication ÷ "
         "operations × 1000", interval="none"),
    _ind("abortion_birth_ratio", "procedures", "出生人流比", "Abortions per birth", "ratio",
         "(人工流产 + 引产)÷ 期内出生数", "(abortions + induced labours) ÷ births in the "
         "period", interval="ratio", needs=("births",)),
    _ind("births_per_abortion", "procedures", "出生人流比", "Births per abortion",
         "1:x", "期内出生数 ÷(人工流产 + 引产),写作 1:x",
         "births in the period ÷ (abortions + induced labours), printed 1:x",
         interval="ratio", needs=("births",)),
)
