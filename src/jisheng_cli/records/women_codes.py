"""The coded columns of the women's register, the procedures ledger and their field check:
the canonical codes as small integers (what the checks hand to the engine) and their names
(what the config and the indicators call them). The spellings each accepts are below them.
"""

from __future__ import annotations

from collections.abc import Callable

from jisheng_cli.errors import ParseError

# GB/T 2261.2 marital status, kept as its own two digits. Married = 20–23.
MARITAL_CODES = (10, 20, 21, 22, 23, 30, 40, 90)
MARRIED = (20, 21, 22, 23)
NO_MARITAL = -1  # a field check's empty cell

# Contraceptive methods (国人口统2表). 0 = none; the engine's arrays hold these integers.
METHODS = ("vasectomy", "tubal", "iud", "implant", "pill", "injection", "condom",
           "spermicide", "other")
METHOD_CODE = {name: i + 1 for i, name in enumerate(METHODS)} | {"none": 0}
NO_METHOD = -1  # a field check's empty cell
STERILISATIONS = ("vasectomy", "tubal")
# Two real methods that differ: the first of these is the effective one (two_methods).
METHOD_PREFERENCE = ("vasectomy", "tubal", "iud", "implant", "injection", "pill", "condom",
                     "spermicide", "other")

# Why a married woman uses no method. 0 = no reason given.
REASONS = ("menopause", "infertile", "pregnant", "postpartum", "awaiting", "illness", "other")
REASON_CODE = {name: i + 1 for i, name in enumerate(REASONS)} | {"": 0}

# Residence (人口类别): an empty register cell is local; a field check's empty cell is -1.
RESIDENCES = ("local", "outflow", "inflow")
RESIDENCE_CODE = {name: i for i, name in enumerate(RESIDENCES)}
NO_RESIDENCE = -1

PROCEDURE_TYPES = ("vasectomy", "tubal", "iud_insertion", "iud_removal", "implant_insertion",
                   "implant_removal", "abortion", "induced_labour", "reversal", "other")
PROCEDURE_CODE = {name: i + 1 for i, name in enumerate(PROCEDURE_TYPES)}


# ---- the spellings each code accepts (NFKC, case-insensitive: records.codes' key) --------

_MARITAL: dict[str, int] = {
    **{str(c): c for c in MARITAL_CODES},
    **dict.fromkeys(["未婚", "unmarried", "single"], 10),
    **dict.fromkeys(["已婚", "有配偶", "married"], 20),
    **dict.fromkeys(["初婚", "first_marriage"], 21),
    **dict.fromkeys(["再婚", "remarried"], 22),
    **dict.fromkeys(["复婚"], 23),
    **dict.fromkeys(["丧偶", "widowed"], 30),
    **dict.fromkeys(["离婚", "divorced"], 40),
    **dict.fromkeys(["未说明", "未说明的婚姻状况"], 90),
}

_METHOD: dict[str, int] = {
    **{name: code for name, code in METHOD_CODE.items()},
    **dict.fromkeys(["男扎", "输精管结扎", "男性绝育"], METHOD_CODE["vasectomy"]),
    **dict.fromkeys(["女扎", "输卵管结扎", "结扎", "女性绝育"], METHOD_CODE["tubal"]),
    **dict.fromkeys(["宫内节育器", "上环", "放环", "节育环"], METHOD_CODE["iud"]),
    **dict.fromkeys(["皮下埋植", "皮埋"], METHOD_CODE["implant"]),
    # 服注药 (pill or injection, one cell in some exports) counts as the pill, warned.
    **dict.fromkeys(["口服药", "口服避孕药", "服注药"], METHOD_CODE["pill"]),
    **dict.fromkeys(["注射针", "避孕针", "注射避孕针"], METHOD_CODE["injection"]),
    **dict.fromkeys(["避孕套", "安全套"], METHOD_CODE["condom"]),
    **dict.fromkeys(["外用药", "外用避孕药"], METHOD_CODE["spermicide"]),
    **dict.fromkeys(["其他", "其它"], METHOD_CODE["other"]),
    **dict.fromkeys(["无", "未避孕", "未落实"], METHOD_CODE["none"]),
}
# In the husband's column a bare 结扎 is his own operation.
_HUSBAND_METHOD = {**_METHOD, "结扎": METHOD_CODE["vasectomy"]}
PILL_OR_INJECTION = "服注药"

_REASON: dict[str, int] = {
    **{name: code for name, code in REASON_CODE.items() if name},
    **dict.fromkeys(["无", "none"], 0),
    **dict.fromkeys(["绝经"], REASON_CODE["menopause"]),
    **dict.fromkeys(["不孕", "不育"], REASON_CODE["infertile"]),
    **dict.fromkeys(["现孕", "怀孕"], REASON_CODE["pregnant"]),
    **dict.fromkeys(["产后", "哺乳期"], REASON_CODE["postpartum"]),
    **dict.fromkeys(["待孕", "有指标待孕"], REASON_CODE["awaiting"]),
    **dict.fromkeys(["因病"], REASON_CODE["illness"]),
    **dict.fromkeys(["其他", "其它"], REASON_CODE["other"]),
    # A marital status written as the reason: ignored (marital_status decides), warned.
    **dict.fromkeys(["丧偶", "离婚"], 0),
}
MARITAL_REASONS = ("丧偶", "离婚")

_PROCEDURE: dict[str, int] = {
    **PROCEDURE_CODE,
    **dict.fromkeys(["男扎", "输精管结扎"], PROCEDURE_CODE["vasectomy"]),
    **dict.fromkeys(["女扎", "输卵管结扎"], PROCEDURE_CODE["tubal"]),
    **dict.fromkeys(["放环", "上环", "放置宫内节育器"], PROCEDURE_CODE["iud_insertion"]),
    **dict.fromkeys(["取环", "取出宫内节育器"], PROCEDURE_CODE["iud_removal"]),
    **dict.fromkeys(["皮埋", "皮下埋植"], PROCEDURE_CODE["implant_insertion"]),
    **dict.fromkeys(["取埋", "取出皮下埋植"], PROCEDURE_CODE["implant_removal"]),
    **dict.fromkeys(["人工流产", "人流", "药物流产", "药流"], PROCEDURE_CODE["abortion"]),
    **dict.fromkeys(["引产"], PROCEDURE_CODE["induced_labour"]),
    **dict.fromkeys(["复通"], PROCEDURE_CODE["reversal"]),
    **dict.fromkeys(["其他", "其它"], PROCEDURE_CODE["other"]),
}

MAX_CHILDREN = 20


def _residences() -> dict[str, int]:
    # records.codes holds the local and inflow spellings births accept; outflow is added.
    from jisheng_cli.records.codes import _RESIDENCE

    table = {text: RESIDENCE_CODE[name] for text, name in _RESIDENCE.items()}
    table.update(dict.fromkeys(["流出", "外出", "流出人口", "外出人口", "outflow"],
                               RESIDENCE_CODE["outflow"]))
    return table


_RESIDENCE = _residences()


def code_key(text: object) -> str:
    """records.codes' comparison key (NFKC, lower case, `1.0` → `1`): one definition."""
    from jisheng_cli.records.codes import _key

    return _key(text)


def _lookup(table: dict[str, int], text: object, code: str) -> int:
    value = table.get(code_key(text))
    if value is None:
        raise ParseError(code)
    return value


def parse_marital(text: object) -> int:
    """Marital status (GB/T 2261.2 digits or names) → its two-digit code."""
    return _lookup(_MARITAL, text, "unknown_marital_code")


def parse_method(text: object) -> int:
    """A woman's contraceptive method → METHOD_CODE (0 = none)."""
    return _lookup(_METHOD, text, "unknown_method_code")


def parse_husband_method(text: object) -> int:
    """Her husband's method → METHOD_CODE; a bare 结扎 there is a vasectomy."""
    return _lookup(_HUSBAND_METHOD, text, "unknown_method_code")


def parse_reason(text: object) -> int:
    """Why she uses no method → REASON_CODE (0 = none; 丧偶/离婚 are ignored)."""
    return _lookup(_REASON, text, "unknown_reason_code")


def parse_women_residence(text: object) -> int:
    """Residence (人口类别) → RESIDENCE_CODE: local, outflow or inflow."""
    return _lookup(_RESIDENCE, text, "unknown_residence_code")


def parse_procedure_type(text: object) -> int:
    """Procedure type (手术类别) → PROCEDURE_CODE."""
    return _lookup(_PROCEDURE, text, "unknown_procedure_type")


def parse_children(text: object) -> int:
    """children_count: a whole number 0–20 (Excel's `2.0` is 2)."""
    key = code_key(text)
    if not key.isascii() or not key.isdigit() or int(key) > MAX_CHILDREN:
        raise ParseError("invalid_children_count")
    return int(key)


def is_pill_or_injection(text: object) -> bool:
    """服注药: read as the pill, with the warning method_pill_or_injection."""
    return _key_or_empty(text) == PILL_OR_INJECTION


def is_marital_reason(text: object) -> bool:
    """丧偶/离婚 written as the exclusion reason (warning reason_is_marital_status)."""
    return _key_or_empty(text) in MARITAL_REASONS


def _key_or_empty(text: object) -> str:
    try:
        return code_key(text)
    except ParseError:
        return ""


def translate(text: str, mapping: dict[str, str] | None) -> str:
    """A cell through the config's `[codes.<kind>.<column>]` table (keys already made
    code keys by `code_tables`): a local system's code → a spelling the parser accepts."""
    if not mapping:
        return text
    return mapping.get(_key_or_empty(text), text)


# Coded columns of each kind, and the parser the config's targets must satisfy. The
# women's method table applies to her husband's column too (docs/women.md).
def coded_columns() -> dict[str, dict[str, Callable[[object], object]]]:
    from jisheng_cli.records.codes import parse_yes_no

    women: dict[str, Callable[[object], object]] = {
        "marital_status": parse_marital, "contraceptive_method": parse_method,
        "husband_method": parse_husband_method, "exclusion_reason": parse_reason,
        "residence": parse_women_residence, "key_target": parse_yes_no,
    }
    survey = {c: women[c] for c in ("marital_status", "contraceptive_method",
                                    "husband_method", "residence")}
    return {"women": women, "women_survey": survey,
            "procedures": {"procedure_type": parse_procedure_type, "complication": parse_yes_no}}


def code_tables(tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """A kind's `[codes]` tables as the checks use them: keys as code keys, and the
    method table also under husband_method (where his own table, if any, wins)."""
    out = {column: {code_key(k): v for k, v in table.items()} for column, table in tables.items()}
    if "contraceptive_method" in out:
        out["husband_method"] = {**out["contraceptive_method"], **out.get("husband_method", {})}
    return out
