"""Rows of the women's kinds and the findings each gives (tests/checks/test_women_checks;
tests/messages/test_finding_codes counts them as the catalogue's examples)."""

from __future__ import annotations

from tests.helpers import mother_id as mid

V = "420525100201"
HIS = mid(seq=3)  # digit 17 odd: a man's number
BAD_CHECK = mid()[:17] + ("0" if mid()[17] != "0" else "1")
BASE: dict[str, dict[str, str]] = {
    "women": {
        "village_code": V, "township_name": "鸣凤镇", "village_name": "甲村",
        "woman_id": mid(), "woman_name": "张丽", "marital_status": "21",
        "marriage_date": "2010-05-01", "children_count": "1", "husband_method": "",
        "contraceptive_method": "上环", "method_date": "2011-12-20", "exclusion_reason": "",
        "residence": "常住", "key_target": "否", "certificate_date": "",
        "certificate_check_date": "", "last_contact_date": "", "last_check_date": "2012-06-10",
        "exit_date": "", "record_date": "2012-09-01",
    },
    "women_survey": {
        "village_code": V, "township_name": "鸣凤镇", "village_name": "甲村",
        "woman_id": mid(), "woman_name": "张丽", "marital_status": "20", "husband_method": "",
        "contraceptive_method": "上环", "method_date": "", "residence": "流出",
    },
    "procedures": {
        "village_code": V, "township_name": "鸣凤镇", "village_name": "甲村",
        "procedure_id": "SS-001", "procedure_type": "放环", "woman_id": mid(),
        "procedure_date": "2011-12-20", "complication": "",
    },
}

# (kind, changed cells, column, code, variant): the row is rejected
ERRORS = [
    ("women", {"woman_id": ""}, "woman_id", "missing_value", ""),
    ("women", {"woman_id": HIS}, "woman_id", "woman_id_male", ""),
    ("women", {"woman_id": BAD_CHECK}, "woman_id", "id_check_digit", ""),
    ("women", {"woman_id": "4.20525E+17"}, "woman_id", "id_scientific_notation", ""),
    ("women", {"marital_status": ""}, "marital_status", "missing_value", ""),
    ("women", {"marital_status": "99"}, "marital_status", "unknown_marital_code", ""),
    ("women", {"contraceptive_method": "待定"}, "contraceptive_method", "unknown_method_code", ""),
    ("women", {"husband_method": "待定"}, "husband_method", "unknown_method_code", ""),
    ("women", {"exclusion_reason": "想生"}, "exclusion_reason", "unknown_reason_code", ""),
    ("women", {"residence": "外星"}, "residence", "unknown_residence_code", ""),
    ("women", {"key_target": "也许"}, "key_target", "unknown_yes_no_code", ""),
    ("women", {"children_count": "21"}, "children_count", "invalid_children_count", ""),
    ("women", {"children_count": "1.5"}, "children_count", "invalid_children_count", ""),
    # AS_OF is 2026-11-22: 2027-03-08 is in the future
    ("women", {"method_date": "2027-03-08"}, "method_date", "date_in_future", ""),
    ("women", {"marriage_date": "1949-12-31"}, "marriage_date", "date_before_1950", ""),
    ("women", {"record_date": "2012-02-30"}, "record_date", "unparseable_date", ""),
    ("women", {"exit_date": "5/1/2012"}, "exit_date", "ambiguous_date", ""),
    ("women", {"village_code": "42052510020"}, "village_code", "village_code_malformed", ""),
    ("women_survey", {"woman_id": ""}, "woman_id", "missing_value", ""),
    ("women_survey", {"woman_id": HIS}, "woman_id", "woman_id_male", ""),
    ("women_survey", {"marital_status": "99"}, "marital_status", "unknown_marital_code", ""),
    ("women_survey", {"residence": "外星"}, "residence", "unknown_residence_code", ""),
    ("women_survey", {"contraceptive_method": "待定"}, "contraceptive_method",
     "unknown_method_code", ""),
    ("women_survey", {"village_code": ""}, "village_code", "missing_value", ""),
    ("procedures", {"procedure_type": ""}, "procedure_type", "missing_value", ""),
    ("procedures", {"procedure_type": "结扎"}, "procedure_type", "unknown_procedure_type", ""),
    ("procedures", {"procedure_type": "人流", "woman_id": HIS}, "woman_id",
     "procedure_male_id", ""),
    ("procedures", {"procedure_date": ""}, "procedure_date", "missing_value", ""),
    ("procedures", {"complication": "也许"}, "complication", "unknown_yes_no_code", ""),
    ("procedures", {"woman_id": BAD_CHECK}, "woman_id", "id_check_digit", ""),
]

# (changed cells, column, code, effective method): the women's row is kept
WARNINGS = [
    ({"contraceptive_method": "服注药"}, "contraceptive_method", "method_pill_or_injection", 5),
    ({"contraceptive_method": "", "husband_method": "服注药"}, "husband_method",
     "method_pill_or_injection", 5),
    ({"contraceptive_method": "无", "exclusion_reason": "离婚"}, "exclusion_reason",
     "reason_is_marital_status", 0),
    # iud (hers) and vasectomy (his): vasectomy comes first in METHOD_PREFERENCE
    ({"husband_method": "男扎"}, "contraceptive_method", "two_methods", 1),
    ({"exclusion_reason": "现孕"}, "exclusion_reason", "excluded_but_using", 3),
    ({"contraceptive_method": "女扎", "children_count": "0"}, "children_count",
     "sterilised_without_children", 2),
]


# The (code, variant) pairs tests/checks/test_women_checks raises, the examples
# tests/messages/test_finding_codes counts for the women's kinds' codes.
CHECKED = ({(e[3], e[4]) for e in ERRORS} | {(w[2], "") for w in WARNINGS}
           | {("missing_value", "method"), ("method_blank_as_none", "")})
