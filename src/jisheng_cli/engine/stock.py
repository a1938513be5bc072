"""The stock dates S of a run and what each woman of the register counts for at one S
(docs/women.md "Periods"): one bit per term of indicators.women.STOCK_TERMS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from jisheng_cli.checks.births import completed_years
from jisheng_cli.checks.common import NO_DAY
from jisheng_cli.indicators.women import STOCK_TERMS
from jisheng_cli.periods import Period, statistical_year, year_within
from jisheng_cli.records.dates import to_days
from jisheng_cli.records.women_codes import (
    MARRIED,
    METHOD_CODE,
    METHODS,
    REASON_CODE,
    RESIDENCE_CODE,
    STERILISATIONS,
)

if TYPE_CHECKING:
    from jisheng_cli.checks.women import CheckedWomen
    from jisheng_cli.config import Definitions

BIT = {name: i for i, name in enumerate(STOCK_TERMS)}
MIN_AGE, MAX_AGE = 15, 49


@dataclass(frozen=True)
class StockDate:
    """One S: the statistical year its counts are shown under (None: the whole period),
    S itself and the first day of its window for checks and contacts (days since
    1970-01-01)."""

    year: int | None
    day: int
    window_start: int


def _year_before(s: date) -> date:
    """The first day of the 12 months ending at `s`."""
    try:
        back = s.replace(year=s.year - 1)
    except ValueError:  # 29 February
        back = s.replace(year=s.year - 1, day=28)
    return back + timedelta(days=1)


def stock_dates(period: Period, as_of: date, by_year: bool, data_years: list[int]
                ) -> list[StockDate]:
    """[the whole period's S, then one per statistical year with --by year].

    S = min(period end, --as-of); the window starts at the period's start (a year's own
    start), or 12 months before S when the period has none. Without a period the years are
    those of the other registers' data up to S's year."""
    s = min(period.end, as_of) if period.end else as_of
    start = period.start if period.start is not None and period.start <= s else _year_before(s)
    out = [StockDate(None, to_days(s), to_days(start))]
    if not by_year:
        return out
    years = period.years() or sorted({*data_years, statistical_year(s)})
    for year in years:
        first, last = year_within(year, period)
        if first > as_of or year > statistical_year(s):
            continue
        out.append(StockDate(year, to_days(min(last, as_of)), to_days(first)))
    return out


def _on_or_before(days: np.ndarray, s: int) -> np.ndarray:
    return (days != NO_DAY) & (days <= s)


def _codes(names: tuple[str, ...], table: dict[str, int]) -> np.ndarray:
    return np.array([table[n] for n in names], dtype=np.int64)


def stock_masks(w: CheckedWomen, at: StockDate, d: Definitions) -> np.ndarray:
    """Each woman's terms at `at` as bits of a uint32 (BIT)."""
    s = at.day
    age = completed_years(w.birth_days, np.full(len(w), s, dtype=np.int64))
    exited = _on_or_before(w.exit_days, s)
    in_age = (age >= MIN_AGE) & (age <= MAX_AGE) & ~exited
    residence = w.residence
    if d.women_scope == "registered":
        scope = residence != RESIDENCE_CODE["inflow"]
    elif d.women_scope == "resident":
        scope = residence != RESIDENCE_CODE["outflow"]
    else:
        scope = np.ones(len(w), dtype=bool)
    married_any = (in_age & np.isin(w.marital, MARRIED)
                   & ((w.marriage_days == NO_DAY) | (w.marriage_days <= s)))
    married = married_any & scope
    method_on = (w.method > 0) & ((w.method_days == NO_DAY) | (w.method_days <= s))
    user = married & method_on
    excluded = np.isin(w.reason, _codes(d.prevalence_excluded_reasons, REASON_CODE))
    sterilised = method_on & np.isin(w.method, _codes(STERILISATIONS, METHOD_CODE))
    exempt = sterilised & ((w.method_days == NO_DAY)
                           | (w.method_days < s - d.check_exempt_sterilised_days))
    excused = np.isin(w.reason, _codes(d.check_excused_reasons, REASON_CODE))
    due = married & ~exempt & ~excused
    checked = (w.check_days != NO_DAY) & (w.check_days >= at.window_start) & (w.check_days <= s)
    out = married_any & (residence == RESIDENCE_CODE["outflow"])
    contact_pop = out & (w.key_target if d.contact_population == "key_targets" else True)
    first = s - d.contact_window_days + 1 if d.contact_window_days > 0 else at.window_start
    contacted = contact_pop & (w.contact_days != NO_DAY) & (w.contact_days >= first) & (
        w.contact_days <= s)
    inflow = married_any & (residence == RESIDENCE_CODE["inflow"])
    terms: dict[str, np.ndarray] = {
        "ws_stock": in_age & scope,
        "ws_married": married,
        "ws_user": user,
        "ws_eligible": married & ~(~method_on & excluded),
        "ws_long": user & np.isin(w.method, _codes(d.long_acting_methods, METHOD_CODE)),
        **{f"ws_method_{m}": user & (w.method == METHOD_CODE[m]) for m in METHODS},
        "ws_due": due,
        "ws_checked_due": due & checked,
        "ws_checked": married & checked,
        "ws_out": out,
        "ws_out_cert": out & _on_or_before(w.certificate_days, s),
        "ws_contact_pop": contact_pop,
        "ws_contacted": contacted,
        "ws_in": inflow,
        "ws_in_check": inflow & _on_or_before(w.certificate_check_days, s),
        "ws_outside": ~in_age,
    }
    mask = np.zeros(len(w), dtype=np.uint32)
    for name, bit in BIT.items():
        mask |= terms[name].astype(np.uint32) << np.uint32(bit)
    return mask


def bit_sums(gid: np.ndarray, masks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the gids present, a (gids × STOCK_TERMS) int64 matrix of each term's count).

    Village indexes are small integers: a bincount per bit, no sort of the register."""
    size = int(gid.max()) + 1 if len(gid) else 0
    present = np.bincount(gid, minlength=size) > 0
    out = np.zeros((size, len(STOCK_TERMS)), dtype=np.int64)
    for bit in range(len(STOCK_TERMS)):
        on = ((masks >> np.uint32(bit)) & np.uint32(1)).astype(bool)
        out[:, bit] = np.bincount(gid[on], minlength=size)
    gids = np.flatnonzero(present)
    return gids, out[gids]
