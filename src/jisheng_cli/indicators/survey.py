"""Field-check (survey) indicators: terms per checked village, and their formulas.

Villages are the sampling clusters, so above village level a survey rate's interval
comes from the spread between checked villages (ratio estimator, Student t), not from a
binomial on pooled births.
"""

from __future__ import annotations

from jisheng_cli.config import Definitions
from jisheng_cli.indicators.births import Formula

TERMS = (
    "sv_survey",  # survey births counted: checked village, birth date in the period
    "sv_missed",  # of those, with no register match
    "sv_matched",  # of those, matched
    "sv_register",  # register births used in checked villages in the period
    "sv_register_matched",  # of those, matched by the check
    "sv_matched_both",  # pairs with both sides counted (Chapman's M)
    "sv_sex_err", "sv_order_err", "sv_date_err", "sv_policy_err", "sv_policy_pairs",
)


def formulas(d: Definitions) -> dict[str, Formula]:
    under_den = "sv_survey" if d.underreport_denominator == "true_births" else "sv_register"
    return {
        "checked_villages": Formula("checked", "checked"),
        "survey_births": Formula("count", "sv_survey"),
        "underreported_births": Formula("count", "sv_missed"),
        "underreport_rate": Formula("survey_rate", "sv_missed", under_den),
        "unconfirmed_births": Formula("count", "sv_unconfirmed"),
        "unconfirmed_rate": Formula("survey_rate", "sv_unconfirmed", "sv_register"),
        "sex_error_rate": Formula("survey_rate", "sv_sex_err", "sv_matched"),
        "order_error_rate": Formula("survey_rate", "sv_order_err", "sv_matched"),
        "date_error_rate": Formula("survey_rate", "sv_date_err", "sv_matched"),
        "policy_error_rate": Formula("survey_rate", "sv_policy_err", "sv_policy_pairs"),
        "reporting_accuracy_rate": Formula("accuracy", "sv_register", "sv_survey"),
        "estimated_unreported_births": Formula("estimate", "sv_missed", "sv_survey"),
        "registration_completeness": Formula("chapman", "sv_register", "sv_survey"),
    }
