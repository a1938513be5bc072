"""A field check against the register: one-to-one matching, then counting.

Matching pairs valid survey births with kept register births of the same mother (15-digit
numbers upgraded) in any village and any period whose birth dates are at most
`match_window_days` apart: all candidate pairs, sorted by (days apart, birth order
differs, sex differs, survey row, register row), accepted greedily. Only then are survey
births counted in checked villages and in the period (always by birth date).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jisheng_cli.checks.births import CheckedBirths, check_births
from jisheng_cli.checks.common import CheckContext, Errors, split_rows
from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.duplicates import pack_keys
from jisheng_cli.engine.births import key_index
from jisheng_cli.engine.state import RunState, collect, concatenated
from jisheng_cli.errors import InputError
from jisheng_cli.findings import Finding
from jisheng_cli.indicators import births, cube
from jisheng_cli.periods import stat_years
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records.fields import parse_village_code
from jisheng_cli.records.population import CheckedVillage
from jisheng_cli.records.vector import map_unique

FIELDS = ("id17", "days", "order", "sex", "policy", "policy_known", "gid", "ref", "rows", "fi")


@dataclass
class SurveyRows:
    data: dict[str, np.ndarray]
    has_policy: bool

    def __len__(self) -> int:
        return len(self.data["id17"])


def load_survey(state: RunState, indices: list[int]) -> SurveyRows:
    index = key_index(state, indices)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in FIELDS}
    has_policy = all("policy_status" in state.files[fi].match.columns for fi in indices)
    for fi, checked, gid, ref in state.checked_batches(indices, "survey", _check_survey):
        checked.id17 = keyed_ids(checked.id17, checked.id_trusted, ref)
        keys = pack_keys(checked.id17, checked.child_days, checked.order, checked.sex)
        dup, first_ref, _ = index.add(keys, ref, ref)
        state.duplicates(fi, checked.rows, dup, first_ref, "mother_id", "birth")
        keep = ~dup
        state.span(fi, checked.child_days)
        state.count_used(fi, dup, state.period_mask(checked.child_days.astype(np.int64)))
        collect(
            parts,
            keep,
            id17=checked.id17,
            days=checked.child_days,
            order=checked.order,
            sex=checked.sex,
            policy=checked.policy,
            policy_known=checked.policy_known,
            gid=gid,
            ref=ref,
            rows=checked.rows,
            fi=np.full(len(checked), fi),
        )
    data = concatenated(parts)
    return SurveyRows(data, has_policy)


def _check_survey(raw: RawBatch, ctx: CheckContext) -> CheckedBirths:
    return check_births(raw, ctx, survey=True)


def load_checked(state: RunState, indices: list[int]) -> set[int]:
    """Villages declared checked (so that villages where nothing was found count)."""
    gids: set[int] = set()
    if indices and not state.groups.by_code:
        raise InputError("checked_needs_codes", path=state.files[indices[0]].path)
    for fi in indices:
        f = state.files[fi]
        summary = state.summaries[fi]
        ctx = state.context(fi, "checked")
        for raw in f.batches(state.settings.block_bytes):
            state.ragged(fi, raw)
            errors = Errors(len(raw))
            codes, err, _, _ = map_unique(
                raw.columns["village_code"], parse_village_code, object, None
            )
            errors.add(err)
            split = split_rows(raw, errors, ctx, CheckedVillage)
            for finding in split.findings:
                state.add(fi, finding)
            summary.rows_skipped_blank += split.n_skipped
            summary.rows_rejected += split.n_rejected
            summary.rows_used += len(split.valid)
            codes = codes[split.valid]
            empty = np.full(len(codes), None, dtype=object)
            gids.update(state.groups.lookup(codes, empty, empty).tolist())
    return gids


def match(survey: SurveyRows, cand: dict[str, np.ndarray], window: int) -> np.ndarray:
    """For each survey row, the index of its register match in `cand`, or −1."""
    out = np.full(len(survey), -1, dtype=np.int64)
    if len(survey) == 0 or len(cand["id17"]) == 0:
        return out
    s = pd.DataFrame({k: survey.data[k] for k in ("id17", "days", "order", "sex", "ref")})
    s["i"] = np.arange(len(s))
    c = pd.DataFrame({k: cand[k] for k in ("id17", "days", "order", "sex", "ref")})
    c["j"] = np.arange(len(c))
    pairs = s.merge(c, on="id17", suffixes=("_s", "_r"))
    pairs["apart"] = (pairs["days_s"].astype(np.int64) - pairs["days_r"]).abs()
    pairs = pairs[pairs["apart"] <= window]
    pairs["order_differs"] = pairs["order_s"] != pairs["order_r"]
    pairs["sex_differs"] = pairs["sex_s"] != pairs["sex_r"]
    pairs = pairs.sort_values(
        ["apart", "order_differs", "sex_differs", "ref_s", "ref_r"], kind="stable"
    )
    taken: set[int] = set()
    for i, j in zip(pairs["i"].tolist(), pairs["j"].tolist(), strict=True):
        if out[i] < 0 and j not in taken:
            out[i] = j
            taken.add(j)
    return out


def survey_frame(
    state: RunState,
    survey: SurveyRows,
    cand: dict[str, np.ndarray],
    births_partial: cube.Partial,
    register_gids: set[int],
    checked: set[int],
) -> pd.DataFrame:
    """Survey terms per (checked village, statistical year)."""
    d = survey.data
    unknown = ~np.isin(d["gid"], np.array(sorted(register_gids), dtype=np.int64))
    for i in np.flatnonzero(unknown):
        fi = int(d["fi"][i])
        state.add(
            fi,
            Finding(
                state.files[fi].path,
                int(d["rows"][i]),
                "village_code",
                "survey_village_not_in_register",
                "warning",
                None,
            ),
        )
    window = state.settings.config.definitions.match_window_days
    # A village the register never reported: its births are under-reported by definition.
    matchable = SurveyRows({k: v[~unknown] for k, v in d.items()}, survey.has_policy)
    found = np.full(len(survey), -1, dtype=np.int64)
    found[~unknown] = match(matchable, cand, window)

    counted = state.period_mask(d["days"].astype(np.int64))
    matched = found >= 0
    j = np.where(matched, found, 0)
    cgid = cand["gid"][j] if len(cand["gid"]) else np.zeros(len(j), dtype=np.int64)
    checked_arr = np.array(sorted(checked), dtype=np.int64)
    reg_counted = (
        matched
        & (cand["used"][j].astype(bool) if len(cand["used"]) else False)
        & np.isin(cgid, checked_arr)
    )
    policy_pair = matched & d["policy_known"].astype(bool)
    rows = {
        "sv_survey": counted,
        "sv_missed": counted & ~matched,
        "sv_matched": counted & matched,
        "sv_matched_both": counted & reg_counted,
        "sv_sex_err": counted & matched & (d["sex"] != _pick(cand, "sex", j)),
        "sv_order_err": counted & matched & (d["order"] != _pick(cand, "order", j)),
        "sv_date_err": counted & matched & (d["days"] != _pick(cand, "days", j)),
        "sv_policy_pairs": counted & policy_pair,
        "sv_policy_err": counted & policy_pair & (d["policy"] != _pick(cand, "policy", j)),
    }
    side = pd.DataFrame({k: v.astype(np.int64) for k, v in rows.items()})
    side["gid"] = d["gid"].astype(np.int64)
    side["year"] = stat_years(d["days"].astype(np.int64))
    frames = [side.groupby(["gid", "year"]).sum()]

    # Register side: births used in checked villages, and those the check confirmed.
    gids, years, matrix = cube.dense(births_partial, births.N_CELLS)
    reg = pd.DataFrame(
        {"gid": gids, "year": years, "sv_register": matrix[:, : births.DUP_CELL].sum(axis=1)}
    )
    reg = reg[np.isin(reg["gid"], checked_arr)]
    frames.append(reg.groupby(["gid", "year"]).sum())
    conf = reg_counted
    if conf.any():
        confirmed = pd.DataFrame(
            {
                "gid": cgid[conf],
                "year": stat_years(cand["period_day"][j[conf]].astype(np.int64)),
                "sv_register_matched": np.ones(int(conf.sum()), dtype=np.int64),
            }
        )
        frames.append(confirmed.groupby(["gid", "year"]).sum())
    out = pd.concat(frames, axis=1).fillna(0).astype(np.int64)
    out["sv_unconfirmed"] = out.get("sv_register", 0) - out.get("sv_register_matched", 0)
    return out


def _pick(cand: dict[str, np.ndarray], name: str, j: np.ndarray) -> np.ndarray:
    if len(cand[name]) == 0:
        return np.zeros(len(j), dtype=np.int64)
    return cand[name][j]
