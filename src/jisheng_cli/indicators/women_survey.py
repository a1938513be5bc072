"""The women's field check: terms per checked village, their formulas and records.

As for the births check, the checked villages are the sampling clusters: above village
level a rate's interval comes from the spread between them (indicators.evaluate)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jisheng_cli.indicators.model import Formula, Indicator

if TYPE_CHECKING:
    from jisheng_cli.config import Definitions

ITEMS = ("marital", "method", "method_date", "residence")
TERMS = (
    "sw_survey",  # survey women counted: married (or no marital column) and 15–49 at S
    "sw_matched",  # of those, matched to a register woman
    "sw_missing",  # of those, not in the register (漏档)
    "sw_accurate",  # matched pairs with no differing field
    "sw_fields", "sw_fields_correct",  # compared fields, and those that agree
    *(f"sw_{item}_pairs" for item in ITEMS),  # pairs whose survey cell is filled
    *(f"sw_{item}_err" for item in ITEMS),  # of those, differing
    "sw_unconfirmed",  # married stock women of checked villages the check did not find
)


def formulas(d: Definitions) -> dict[str, Formula]:
    accuracy = (Formula("women_survey_rate", "sw_fields_correct", "sw_fields")
                if d.accuracy_basis == "fields"
                else Formula("women_survey_rate", "sw_accurate", "sw_matched"))
    return {
        "computerised_management_rate": Formula("women_survey_rate", "sw_matched",
                                                "sw_survey"),
        "record_accuracy_rate": accuracy,
        **{f"{item}_error_rate": Formula("women_survey_rate", f"sw_{item}_err",
                                         f"sw_{item}_pairs") for item in ITEMS},
        "women_missing_from_register": Formula("count", "sw_missing"),
        "women_unconfirmed": Formula("count", "sw_unconfirmed"),
    }


_ITEM_ZH = {"marital": "婚姻状况", "method": "节育措施", "method_date": "措施时间",
            "residence": "人口类别"}


def _rate(id_: str, zh: str, en: str, formula_zh: str, formula_en: str,
          setting: str | None = None, aliases: tuple[str, ...] = ()) -> Indicator:
    return Indicator(id_, "women_survey", zh, en, "%", 2, formula_zh, formula_en,
                     interval="cluster", setting=setting, aliases=aliases)


INDICATORS: tuple[Indicator, ...] = (
    _rate("computerised_management_rate", "已婚育龄妇女微机管理率", "Women in the register",
          "抽查到并在数据库中找到的已婚育龄妇女 ÷ 抽查到的已婚育龄妇女 × 100",
          "survey women matched in the register ÷ survey women × 100",
          aliases=("微机管理率",)),
    _rate("record_accuracy_rate", "数据库信息录入准确率", "Record accuracy",
          "各项信息均与抽查一致的记录 ÷ 匹配记录 × 100(accuracy_basis = fields:一致项 ÷ "
          "比对项)",
          "matched pairs with no differing field ÷ pairs × 100 (accuracy_basis = fields: "
          "agreeing fields ÷ compared fields)", setting="accuracy_basis",
          aliases=("录入准确率", "信息准确率")),
    *(
        _rate(f"{item}_error_rate", f"{_ITEM_ZH[item]}错误率", f"{item} error rate",
              f"{_ITEM_ZH[item]}与抽查不一致的匹配记录 ÷ 该项有抽查值的匹配记录 × 100",
              f"pairs whose {item} differs ÷ pairs with the survey's {item} filled × 100")
        for item in ("marital", "method", "method_date", "residence")
    ),
    Indicator("women_missing_from_register", "women_survey", "漏档人数",
              "Women missing from the register", "count", 0,
              "抽查到而数据库中没有的已婚育龄妇女数",
              "survey women with no register match"),
    Indicator("women_unconfirmed", "women_survey", "未核实人数", "Women not confirmed",
              "count", 0, "抽查村数据库中已婚育龄妇女未被抽查到的人数",
              "married register women of checked villages the check did not find"),
)
