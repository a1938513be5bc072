"""Generate ``sample_data/trend/``: five statistical years (2008–2012) of 远安县's births.

The main sample (births.csv) is one statistical year; trends and 同比 need several. This
sample keeps the main sample's county, villages, codes and names (make_sample.py's village
list, drawn from its seed), its file shape and its ID makers, and tells a work report's
story: 出生政策符合率 rising from 95.47% to 99.17%, 出生人口性别比 falling from 117.90 to
106.08, 出生率 between 7 and 8‰. In 2012 two villages are clear outliers of a funnel plot at
99.8% (one low on 符合率, one high on 性别比), and a small one looks worst in a league table
but lies inside the funnel. README.md ("The trend sample") lists the figures.

Files written: ``births.csv`` (GB18030, CRLF, title line, the main register's 12 columns, a
合计 row) and ``population.csv`` (GB18030, CRLF, village 年平均人口 by 统计年度). The config
``trend/jisheng.toml`` is kept by hand. After writing, the script re-reads both files with
``csv``, recomputes every yearly figure and the 2012 funnel outliers, and asserts them.

Run: ``python sample_data/make_trend.py [OUT_DIR]`` (stdlib only, deterministic).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from make_sample import (
    ENCODING,
    HEADER,
    NCOLS,
    POLICY_CODES,
    SEED,
    SEX_CODES,
    Generator,
    Record,
    Village,
    parse_date,
    parse_id,
    read_rows,
    render_as,
)

TREND_SEED = 20080930  # the last day of statistical year 2008
OUT_DIR = Path(__file__).with_name("trend")
TITLE = "远安县2008-2012统计年度出生登记表"
POPULATION_HEADER = ["统计用区划代码", "村(居)委会", "统计年度", "年平均人口"]
YEARS = range(2008, 2013)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """Statistical year `year`: 1 October of the year before to 30 September."""
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


def stat_year(day: dt.date) -> int:
    return day.year + (day.month >= 10)


@dataclass(frozen=True)
class YearPlan:
    """The county's figures of one statistical year, after rejects and the duplicate."""

    births: int
    in_policy: int
    boys: int
    multichild: int  # birth order >= 3
    out_multichild: int  # out of policy and order >= 3
    out_first: int  # order 1 marked out of policy (a warning case)
    population: int  # 年平均人口 of the county


# Changes 2008→09 and 2010→11 of 符合率 and 2008→09 of 出生人数 are significant; the rest,
# and every change of the sex ratio (about 1,500 births a year), are not.
PLAN = {
    2008: YearPlan(1412, 1348, 764, 17, 10, 1, 201_300),  # 95.47%, 117.90, 7.01‰
    2009: YearPlan(1526, 1485, 820, 15, 8, 1, 200_600),  # 97.31%, 116.15, 7.61‰
    2010: YearPlan(1548, 1511, 822, 12, 6, 0, 199_800),  # 97.61%, 113.22, 7.75‰
    2011: YearPlan(1497, 1478, 783, 8, 3, 1, 198_900),  # 98.73%, 109.66, 7.53‰
    2012: YearPlan(1560, 1547, 803, 6, 2, 0, 197_900),  # 99.17%, 106.08, 7.88‰
}


@dataclass(frozen=True)
class Design:
    """A village's births of 2012 set by hand, for the funnel plots."""

    role: str
    births: int
    in_policy: int
    boys: int
    out_multichild: int
    first: int  # in-policy births of order 1 (the others are of order 2)


# sex_ratio: 30 boys / 8 girls = 375.00, P(X >= 30 | 38, 105/205) = 0.0004, above 99.8%;
# policy: 21 / 30 = 70.00%, P(X <= 21 | 30, 0.92) = 0.0004, below 99.8% of the 92% target;
# small: 3 / 5 = 60.00%, the league table's lowest, yet P(X <= 3 | 5, 0.92) = 0.054; two of
# its four order-2 births in policy keep it inside 二孩政策符合率's funnel too (centre: the
# overall 98.21%, P(X <= 2 | 4, 0.9821) = 0.0019), where 1 of 3 would fall outside.
DESIGNED = (
    Design("sex_ratio", 38, 38, 30, 0, 23),
    Design("policy", 30, 21, 15, 2, 13),
    Design("small", 5, 3, 3, 0, 1),
)
FUNNEL_YEAR = 2012
POLICY_TARGET = 0.92  # trend/jisheng.toml's policy_conformance_rate min
MALE_SHARE_CENTRE = 105 / 205  # the midpoint of srb_normal_range 103–107 as a male share
TAIL = 0.001  # each side of the 99.8% limits

# Rejected rows (two a year, birth dates inside the year) and the one re-reported birth.
DEFECTS = {
    2008: ("bad_check", "bad_date"),
    2009: ("sci", "no_policy"),
    2010: ("bad_check", "order_zero"),
    2011: ("bad_date", "sci"),
    2012: ("bad_check", "no_sex"),
}
DUPLICATE_YEAR = 2010


class TrendGenerator(Generator):
    """make_sample's generator drawing from its own seed, over the main sample's villages."""

    def _villages(self) -> list[Village]:
        return Generator(SEED).villages


def designed_villages(villages: list[Village]) -> dict[str, Village]:
    """The busiest unit for the sex ratio, the busiest 村 of another township for 符合率,
    the quietest 村 for the small one."""
    by_weight = sorted(villages, key=lambda v: (-v.weight, v.code))
    srb = by_weight[0]
    policy = next(v for v in by_weight if v.code[9] == "2" and v.code[:9] != srb.code[:9])
    small = min((v for v in villages if v.code[9] == "2"), key=lambda v: (v.weight, v.code))
    return {"sex_ratio": srb, "policy": policy, "small": small}


def combos(rng: random.Random, n: int, in_policy: int, boys: int, multichild: int,
           out_multi: int, out_first: int, first: int | None = None
           ) -> list[tuple[int, bool, bool]]:
    """(order, in policy, male) for n births with exactly the counts given, shuffled;
    `first` in-policy births of order 1 (default 61% of those left)."""
    out = n - in_policy
    orders = [4] + [3] * (out_multi - 1) if out_multi >= 5 else [3] * out_multi
    pairs = [(o, False) for o in orders] + [(1, False)] * out_first
    pairs += [(2, False)] * (out - out_multi - out_first) + [(3, True)] * (multichild - out_multi)
    rest = n - len(pairs)
    n_first = round(rest * 0.61) if first is None else first
    pairs += [(1, True)] * n_first + [(2, True)] * (rest - n_first)
    sexes = [True] * boys + [False] * (n - boys)
    rng.shuffle(pairs)
    rng.shuffle(sexes)
    return [(o, p, m) for (o, p), m in zip(pairs, sexes, strict=True)]


def year_births(gen: TrendGenerator, year: int) -> list[Record]:
    rng = gen.rng
    plan = PLAN[year]
    start, end = year_bounds(year)
    placed: list[tuple[Village, tuple[int, bool, bool]]] = []
    pool = list(gen.villages)
    n, inp, boys = plan.births, plan.in_policy, plan.boys
    multi, out_multi = plan.multichild, plan.out_multichild
    if year == FUNNEL_YEAR:
        chosen = designed_villages(gen.villages)
        for d in DESIGNED:
            v = chosen[d.role]
            pool.remove(v)
            # No in-policy birth of order 3 here: the story is its policy or its sex ratio.
            placed += [(v, c) for c in combos(rng, d.births, d.in_policy, d.boys,
                                              d.out_multichild, d.out_multichild, 0, d.first)]
            n, inp, boys = n - d.births, inp - d.in_policy, boys - d.boys
            multi, out_multi = multi - d.out_multichild, out_multi - d.out_multichild
    rest = combos(rng, n, inp, boys, multi, out_multi, plan.out_first)
    # Every village has a birth each year; the others go by the village's weight.
    where = pool + rng.choices(pool, weights=[v.weight for v in pool], k=n - len(pool))
    rng.shuffle(where)
    placed += list(zip(where, rest, strict=True))
    legacy = rng.choice([i for i, (_, c) in enumerate(placed) if c[:2] == (2, True)])
    return [gen.record("valid", v, gen.random_day(start, end), male, order, p,
                       legacy_id=i == legacy)
            for i, (v, (order, p, male)) in enumerate(placed)]


def defect(gen: TrendGenerator, year: int, kind: str) -> Record:
    """A row the tool must reject, born inside statistical year `year`."""
    start, _ = year_bounds(year)
    day = dt.date(year, 2, 28) if kind == "bad_date" else gen.random_day(start,
                                                                         dt.date(year, 6, 1))
    rec = gen.record(kind, gen.pick_village(), day, gen.rng.random() < 0.5, 2, True)
    rec.birth_text = day.isoformat()
    if kind == "bad_check":
        good = rec.mother_id[17]
        rec.mother_id = rec.mother_id[:17] + "0123456789X"[("0123456789X".index(good) + 3) % 11]
    elif kind == "sci":
        rec.mother_id = "4.20525E+17"
    elif kind == "bad_date":
        rec.birth_text = f"{year}-02-30"
    elif kind == "no_policy":
        rec.policy_text = ""
    elif kind == "order_zero":
        rec.order = 0
    elif kind == "no_sex":
        rec.sex_text = ""
    return rec


def build() -> list[list[str]]:
    gen = TrendGenerator(TREND_SEED)
    body: list[Record] = []
    for year in YEARS:
        body += year_births(gen, year)
    for year in YEARS:
        body += [defect(gen, year, kind) for kind in DEFECTS[year]]
    # Five yearly exports pasted together: by year, then village, then date.
    body.sort(key=lambda r: (stat_year(r.birth), r.village.code, r.birth, r.order, r.mother_id))
    dup_pool = [r for r in body if r.kind == "valid" and stat_year(r.birth) == DUPLICATE_YEAR
                and len(r.mother_id) == 18 and r.birth_text == r.birth.isoformat()]
    body.append(replace(gen.rng.choice(dup_pool), kind="duplicate"))  # a late re-report
    for seq, rec in enumerate(body, start=1):
        rec.seq = seq
    rows = [[TITLE] + [""] * (NCOLS - 1), list(HEADER)]
    rows += [rec.cells() for rec in body]
    rows.append(["合计", str(len(body))] + [""] * (NCOLS - 2))
    return rows


def build_population(villages: list[Village]) -> list[list[str]]:
    """Each village's 年平均人口 by year: a fixed share of the county's (its weight, give or
    take 3%), jittered a little each year, in whole people summing to the county's."""
    rng = random.Random(TREND_SEED + 1)
    share = [v.weight * rng.uniform(0.97, 1.03) for v in villages]
    rows = [list(POPULATION_HEADER)]
    for year in YEARS:
        raw = [s * rng.uniform(0.997, 1.003) for s in share]
        exact = [PLAN[year].population * r / sum(raw) for r in raw]
        pops = [math.floor(x) for x in exact]
        # Largest remainders take the people rounding down left over.
        for i in sorted(range(len(exact)), key=lambda i: (pops[i] - exact[i], i))[
                :PLAN[year].population - sum(pops)]:
            pops[i] += 1
        rows += [[v.code, v.name, str(year), str(p)] for v, p in zip(villages, pops, strict=True)]
    return rows


def write(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "births.csv").write_bytes(render_as(build(), ENCODING, "\r\n"))
    villages = TrendGenerator(TREND_SEED).villages
    (out_dir / "population.csv").write_bytes(
        render_as(build_population(villages), ENCODING, "\r\n"))


# -- re-reading: the figures as the definitions give them, independently of jisheng -------

@dataclass(frozen=True)
class Birth:
    code: str
    name: str
    mother_id: str
    birth: dt.date
    male: bool
    order: int
    in_policy: bool


def read_births(path: Path) -> tuple[list[Birth], int, int]:
    """The register's valid births with the duplicate dropped; the numbers rejected and
    dropped as duplicates. Blank and 合计 rows are skipped."""
    rows = read_rows(path, ENCODING)
    assert rows[0][0] == TITLE and rows[1] == HEADER
    kept: list[Birth] = []
    seen: set[tuple[str, dt.date, int, bool]] = set()
    rejected = duplicates = 0
    for row in rows[2:]:
        if not any(c.strip() for c in row) or row[0] == "合计":
            continue
        mid, birth = parse_id(row[5]), parse_date(row[6])
        if (mid is None or birth is None or row[7] not in SEX_CODES
                or row[9] not in POLICY_CODES or not 1 <= int(row[8]) <= 20):
            rejected += 1
            continue
        key = (mid, birth, int(row[8]), SEX_CODES[row[7]])
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        kept.append(Birth(row[1], row[3], mid, birth, SEX_CODES[row[7]], int(row[8]),
                          POLICY_CODES[row[9]]))
    return kept, rejected, duplicates


def yearly_figures(out_dir: Path) -> dict[int, dict[str, int]]:
    """Per statistical year of birth: births, in policy, boys, girls, order >= 3, out of
    policy and order >= 3, and the county's population."""
    births, _, _ = read_births(out_dir / "births.csv")
    pops: Counter[int] = Counter()
    for _code, _name, year_text, pop in read_rows(out_dir / "population.csv", ENCODING)[1:]:
        pops[int(year_text)] += int(pop)
    out: dict[int, dict[str, int]] = {}
    for year in sorted({stat_year(b.birth) for b in births}):
        mine = [b for b in births if stat_year(b.birth) == year]
        out[year] = {
            "births": len(mine),
            "in_policy": sum(b.in_policy for b in mine),
            "boys": sum(b.male for b in mine),
            "girls": sum(not b.male for b in mine),
            "multichild": sum(b.order >= 3 for b in mine),
            "out_multichild": sum(b.order >= 3 and not b.in_policy for b in mine),
            "out_first": sum(b.order == 1 and not b.in_policy for b in mine),
            "population": pops[year],
        }
    return out


def binom_cdf(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))


def funnel_outliers(out_dir: Path) -> dict[str, set[str]]:
    """Villages of 2012 outside the 99.8% limits by their exact binomial tails: 符合率 below
    the 92% target, the male share on either side of the 103–107 band's midpoint."""
    births, _, _ = read_births(out_dir / "births.csv")
    mine = [b for b in births if stat_year(b.birth) == FUNNEL_YEAR]
    n = Counter(b.code for b in mine)
    ok = Counter(b.code for b in mine if b.in_policy)
    boys = Counter(b.code for b in mine if b.male)
    return {
        "policy": {c for c in n if binom_cdf(ok[c], n[c], POLICY_TARGET) < TAIL},
        "sex_ratio": {c for c in n if binom_cdf(boys[c], n[c], MALE_SHARE_CENTRE) < TAIL
                      or 1 - binom_cdf(boys[c] - 1, n[c], MALE_SHARE_CENTRE) < TAIL},
    }


def check(out_dir: Path) -> list[str]:
    births, rejected, duplicates = read_births(out_dir / "births.csv")
    assert (rejected, duplicates) == (sum(len(d) for d in DEFECTS.values()), 1)
    figures = yearly_figures(out_dir)
    assert list(figures) == list(YEARS)
    for year, f in figures.items():
        plan = PLAN[year]
        assert (f["births"], f["in_policy"], f["boys"]) == (plan.births, plan.in_policy,
                                                            plan.boys), year
        assert (f["multichild"], f["out_multichild"], f["out_first"]) == (
            plan.multichild, plan.out_multichild, plan.out_first), year
        assert f["population"] == plan.population
        span = [b.birth for b in births if stat_year(b.birth) == year]
        assert (min(span) - year_bounds(year)[0]).days <= 3, year  # no partial year
        assert (year_bounds(year)[1] - max(span)).days <= 3, year
    chosen = designed_villages(TrendGenerator(TREND_SEED).villages)
    outliers = funnel_outliers(out_dir)
    assert outliers == {"policy": {chosen["policy"].code},
                        "sex_ratio": {chosen["sex_ratio"].code}}, outliers
    per_village = Counter((b.code, stat_year(b.birth)) for b in births)
    assert all(per_village[v.code, y] for v in chosen.values() for y in YEARS)
    lines = [
        f"{y}: births {f['births']}, in policy {f['in_policy']} "
        f"({100 * f['in_policy'] / f['births']:.2f}%), boys/girls {f['boys']}/{f['girls']} "
        f"({100 * f['boys'] / f['girls']:.2f}), order>=3 {f['multichild']} "
        f"({100 * f['multichild'] / f['births']:.2f}%), out-of-policy order>=3 "
        f"{f['out_multichild']} ({100 * f['out_multichild'] / f['births']:.2f}%), population "
        f"{f['population']} ({1000 * f['births'] / f['population']:.2f}‰)"
        for y, f in figures.items()]
    lines += [f"2012 {role}: {v.code} {v.name}" for role, v in chosen.items()]
    return lines


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    write(out_dir)
    for line in check(out_dir):
        print(line)


if __name__ == "__main__":
    main()
