"""What joins the women's register to the births register (mother_id = woman_id) and to
its field check: the timely long-acting births, mothers missing from the register, and
the one-to-one matching of the check; then the women's terms per village as frames."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jisheng_cli.checks.births import completed_years
from jisheng_cli.checks.common import NO_DAY
from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.checks.women import check_women
from jisheng_cli.config import Definitions
from jisheng_cli.duplicates import KeyIndex, pack_keys
from jisheng_cli.engine.state import RunState, collect, concatenated
from jisheng_cli.engine.stock import MAX_AGE, MIN_AGE, StockDate, bit_sums
from jisheng_cli.engine.women import Women
from jisheng_cli.findings import Finding
from jisheng_cli.indicators.women import STOCK_TERMS
from jisheng_cli.indicators.women_survey import ITEMS
from jisheng_cli.records.women_codes import (
    MARRIED,
    METHOD_CODE,
    NO_MARITAL,
    NO_METHOD,
    NO_RESIDENCE,
)
from jisheng_cli.rowref import file_of, row_of

SURVEY_FIELDS = ("id17", "gid", "marital", "method", "method_days", "residence", "counted")


def _find(women: Women, id17: np.ndarray) -> np.ndarray:
    """Each ID's index among the kept women (sorted by ID), or −1."""
    ids = women.kept["id17"]
    if not len(ids):
        return np.full(len(id17), -1, dtype=np.int64)
    pos = np.minimum(np.searchsorted(ids, id17), len(ids) - 1)
    return np.where(ids[pos] == id17, pos, -1)


def mothers_not_registered(state: RunState, births: dict[str, np.ndarray],
                           women: Women) -> None:
    """Births in the period whose mother the women's register does not hold (漏档)."""
    used = births["used"].astype(bool)
    missing = used & (_find(women, births["id17"]) < 0)
    for ref in births["ref"][missing].tolist():
        fi = file_of(ref)
        state.add(fi, Finding(state.files[fi].path, row_of(ref), "mother_id",
                              "mother_not_in_women_register", "warning", None))


def timely_terms(births: dict[str, np.ndarray], women: Women, at: StockDate,
                 d: Definitions) -> pd.DataFrame:
    """ws_timely_due / ws_timely_done per birth village at one stock date."""
    days = births["days"].astype(np.int64)
    deadline = days + d.timely_days
    due = np.isin(births["order"], np.array(d.timely_birth_orders, dtype=np.int64))
    if d.timely_basis == "birth_in_period":
        due &= (days >= at.window_start) & (days <= at.day) & (deadline <= at.day)
    else:
        due &= (deadline >= at.window_start) & (deadline <= at.day)
    j = _find(women, births["id17"])
    found = j >= 0
    jj = np.where(found, j, 0)
    long_codes = np.array([METHOD_CODE[m] for m in d.long_acting_methods], dtype=np.int64)
    if len(women.kept["id17"]):
        method = women.kept["method"][jj]
        mdays = women.kept["method_days"][jj].astype(np.int64)
    else:
        method = np.zeros(len(jj), dtype=np.int8)
        mdays = np.full(len(jj), NO_DAY, dtype=np.int64)
    done = (due & found & np.isin(method, long_codes) & (mdays != NO_DAY)
            & (mdays >= days) & (mdays <= deadline))
    frame = pd.DataFrame({"gid": births["gid"].astype(np.int64),
                          "ws_timely_due": due.astype(np.int64),
                          "ws_timely_done": done.astype(np.int64)})
    return frame.groupby("gid").sum()


@dataclass
class WomenSurvey:
    data: dict[str, np.ndarray]  # SURVEY_FIELDS of the kept survey rows

    def villages(self) -> set[int]:
        return set(np.unique(self.data["gid"]).tolist())


def load_women_survey(state: RunState, indices: list[int], s: StockDate) -> WomenSurvey:
    """The field check's valid rows, first wins by woman; `counted`: married (or no
    marital column) and 15–49 at S by her own ID."""
    index = KeyIndex()
    parts: dict[str, list[np.ndarray]] = {k: [] for k in SURVEY_FIELDS}
    for fi, checked, gid, ref in state.checked_batches(
            indices, "women_survey", lambda raw, ctx: check_women(raw, ctx, survey=True)):
        ids = keyed_ids(checked.id17, checked.id_trusted, ref)
        zeros = np.zeros(len(checked), dtype=np.int8)
        dup, first_ref, _ = index.add(pack_keys(ids, zeros, zeros, zeros), ref, ref)
        state.duplicates(fi, checked.rows, dup, first_ref, "woman_id", "woman")
        age = completed_years(checked.birth_days, np.full(len(checked), s.day, np.int64))
        married = (checked.marital == NO_MARITAL) | np.isin(checked.marital, MARRIED)
        counted = married & (age >= MIN_AGE) & (age <= MAX_AGE)
        state.count_used(fi, dup, counted)
        collect(parts, ~dup, id17=ids, gid=gid.astype(np.int64), marital=checked.marital,
                method=checked.method, method_days=checked.method_days,
                residence=checked.residence, counted=counted)
    return WomenSurvey(concatenated(parts))


def _marital_differs(survey: np.ndarray, register: np.ndarray) -> np.ndarray:
    """20 (married) agrees with 21–23 either way; otherwise the codes must be equal."""
    married_s, married_r = np.isin(survey, MARRIED), np.isin(register, MARRIED)
    general = (survey == 20) | (register == 20)
    return (survey != register) & ~(general & married_s & married_r)


def survey_terms(survey: WomenSurvey, women: Women) -> pd.DataFrame:
    """The check's terms per checked village (indicators.women_survey.TERMS)."""
    s = survey.data
    counted = s["counted"].astype(bool)
    j = _find(women, s["id17"])
    matched = counted & (j >= 0)
    jj = np.where(j >= 0, j, 0)
    kept = women.kept
    columns: dict[str, np.ndarray] = {"sw_survey": counted, "sw_matched": matched,
                                      "sw_missing": counted & ~matched}
    filled = {"marital": s["marital"] != NO_MARITAL, "method": s["method"] != NO_METHOD,
              "method_date": s["method_days"] != NO_DAY,
              "residence": s["residence"] != NO_RESIDENCE}
    if len(kept["id17"]):
        differs = {
            "marital": _marital_differs(s["marital"], kept["marital"][jj]),
            "method": s["method"] != kept["method"][jj],
            "method_date": s["method_days"] != kept["method_days"][jj],
            "residence": s["residence"] != kept["residence"][jj],
        }
    else:
        differs = {item: np.zeros(len(counted), dtype=bool) for item in ITEMS}
    any_error = np.zeros(len(counted), dtype=bool)
    fields = np.zeros(len(counted), dtype=np.int64)
    wrong = np.zeros(len(counted), dtype=np.int64)
    for item in ITEMS:
        pair = matched & filled[item]
        err = pair & differs[item]
        columns[f"sw_{item}_pairs"], columns[f"sw_{item}_err"] = pair, err
        any_error |= err
        fields += pair
        wrong += err
    columns["sw_accurate"] = matched & ~any_error
    columns["sw_fields"] = fields
    columns["sw_fields_correct"] = fields - wrong
    frame = pd.DataFrame({k: v.astype(np.int64) for k, v in columns.items()})
    frame["gid"] = s["gid"].astype(np.int64)
    out = frame.groupby("gid").sum()
    # Married stock women of the checked villages whom no counted survey row found.
    found = np.zeros(len(kept["id17"]), dtype=bool)
    found[j[matched]] = True
    checked = np.isin(kept["gid"], np.array(sorted(survey.villages()), dtype=np.int64))
    unconfirmed = checked & women.bit("ws_married") & ~found
    missed = pd.Series(np.ones(int(unconfirmed.sum()), dtype=np.int64),
                       index=kept["gid"][unconfirmed].astype(np.int64)).groupby(level=0).sum()
    out["sw_unconfirmed"] = missed.reindex(out.index, fill_value=0)
    return out


def stock_frame(women: Women, date_index: int) -> pd.DataFrame:
    """The stock terms per village at one of `women.dates`."""
    gids, matrix = bit_sums(women.kept["gid"], women.kept["masks"][:, date_index])
    return pd.DataFrame(matrix, index=pd.Index(gids, name="gid"), columns=list(STOCK_TERMS))


def women_frames(women: Women, births: dict[str, np.ndarray] | None,
                 survey: WomenSurvey | None, d: Definitions
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(whole: terms per gid at the period's S; yearly: terms per (gid, year) at each
    year's S). The field check is counted once, at the period's S, and shown under that
    S's statistical year."""
    whole_parts = [stock_frame(women, 0)]
    if births is not None:
        whole_parts.append(timely_terms(births, women, women.dates[0], d))
    checked = survey_terms(survey, women) if survey is not None else None
    if checked is not None:
        whole_parts.append(checked)
    whole = _joined(whole_parts)
    yearly = []
    for i, at in enumerate(women.dates[1:], start=1):
        parts = [stock_frame(women, i)]
        if births is not None:
            parts.append(timely_terms(births, women, at, d))
        if checked is not None and at.day == women.dates[0].day:
            parts.append(checked)
        frame = _joined(parts)
        frame["year"] = at.year
        yearly.append(frame.set_index("year", append=True))
    return whole, (pd.concat(yearly) if yearly else pd.DataFrame())


def _joined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    out = pd.concat(parts, axis=1).fillna(0).astype(np.int64)
    out.index.name = "gid"
    return out
