"""Generate ``women.csv``, ``procedures.csv`` and ``women_survey.csv``: the 育龄妇女 register,
the 计划生育手术台账 and the field check of the register of 远安县 (statistical year 2012,
stock date S = 2012-09-30).

Built on births.csv (its villages; every mother a woman of the register, in her birth's
village) and survey.csv (its six villages and 11 under-reported mothers), they give the
figures of docs/women.md's worked example "远安县, statistical year 2012" (README.md lists
them and the defects). make_sample.py's helpers, an own ``random.Random(WOMEN_SEED)``;
then women_figures.py re-reads the files and recomputes every figure, failing on a miss.

Run: ``python sample_data/make_women.py [OUT_DIR]`` (stdlib only, deterministic).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from make_sample import (
    COUNTY,
    SEED,
    SURVEY_OUT,
    build,
    parse_id,
    person_id,
    person_name,
    read_rows,
    register_births,
    render_as,
    shift_years,
)
from women_figures import (
    METHOD_MIX,
    NON_USERS,
    PROCEDURES_SY2012,
    RESIDENCE_MIX,
    SURVEY_FOUND,
    TOWNSHIP_MARRIED,
    expect,
    recompute,
)
from women_files import OPERATION, defects, procedures, survey, women_rows
from women_format import (
    DAY,
    ENCODING,
    SY_START,
    S,
)

WOMEN_SEED = SEED + 4
HERE = Path(__file__).parent
LONG = ("vasectomy", "tubal", "iud", "implant")
AGES = {"vasectomy": (28, 49), "tubal": (28, 49), "iud": (22, 49), "implant": (22, 45),
        "menopause": (45, 49), "infertile": (25, 45), "pregnant": (21, 38),
        "postpartum": (21, 38), "awaiting": (21, 35), "": (21, 49)}
CHILDREN = {"vasectomy": (1, 3), "tubal": (1, 3), "iud": (1, 2), "implant": (1, 2),
            "menopause": (1, 3), "infertile": (0, 0), "pregnant": (0, 1),
            "postpartum": (1, 2), "awaiting": (0, 1)}


@dataclass(eq=False)
class Woman:
    wid: str  # 18 characters
    name: str
    village: tuple[str, str, str]  # code, township, name
    marital: int
    method: str = "none"  # the effective method
    reason: str = ""
    mdate: dt.date | None = None
    residence: str = "local"
    children: int = 1
    marriage: dt.date | None = None
    her: str | None = None  # a cell text other than the method's own spelling
    his: str = ""
    reason_cell: str | None = None
    check: dt.date | None = None
    cert: dt.date | None = None
    cert_check: dt.date | None = None
    contact: dt.date | None = None
    key: str = ""
    exit: dt.date | None = None
    record: dt.date | None = None
    id_text: str = ""
    mdate_text: str | None = None
    mother: bool = False

    @property
    def dob(self) -> dt.date:
        return dt.date(int(self.wid[6:10]), int(self.wid[10:12]), int(self.wid[12:14]))


class Maker:
    def __init__(self) -> None:
        self.rng = random.Random(WOMEN_SEED)
        rows, where = build()
        self.births = register_births(rows, where)
        self.inflow_mothers = {b.mother_id for b in self.births if rows[b.row - 1][11] == "流入"}
        self.used = {b.mother_id[:17] for b in self.births}
        mothers = {b.mother_id for b in self.births}
        self.survey_mothers: list[str] = []
        self.missed: list[tuple[str, str, str]] = []  # survey.csv's new mothers: id, code, name
        for r in read_rows(SURVEY_OUT, ENCODING)[2:]:
            sid = parse_id(r[4])
            assert sid is not None
            self.used.add(sid[:17])
            if sid in mothers:
                self.survey_mothers.append(sid)
            else:
                self.missed.append((sid, r[0], r[3]))
        assert len(self.missed) == 11
        self.villages = sorted({(b.code, b.township, b.village) for b in self.births})
        self.checked = sorted(SURVEY_FOUND)
        self.place = {v[0]: v for v in self.villages}

    def day(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.rng.randint(0, max((b - a).days, 0)))

    def dob(self, lo: int, hi: int) -> dt.date:
        """A birth date giving an age of lo..hi completed years at S."""
        return shift_years(S, -self.rng.randint(lo, hi) - 1) + self.rng.randint(1, 364) * DAY

    def new(self, village: tuple[str, str, str], marital: int, lo: int, hi: int) -> Woman:
        dob = self.dob(lo, hi)
        return Woman(person_id(self.rng, COUNTY, dob, False, self.used), person_name(self.rng),
                     village, marital)

    def sizes(self, mothers: Counter[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for tcode, total in TOWNSHIP_MARRIED.items():
            codes = [v[0] for v in self.villages if v[0][:9] == tcode]
            fixed = {c: SURVEY_FOUND[c] + self.rng.randint(18, 40) for c in codes
                     if c in SURVEY_FOUND}
            rest = [c for c in codes if c not in fixed]
            weight = {c: (mothers[c] + 3) * self.rng.uniform(0.8, 1.25) for c in rest}
            left = total - sum(fixed.values())
            share = {c: left * weight[c] / sum(weight.values()) for c in rest}
            n = {c: int(share[c]) for c in rest}
            for c in sorted(rest, key=lambda c: n[c] - share[c])[: left - sum(n.values())]:
                n[c] += 1
            out |= fixed | n
            assert sum(out[c] for c in codes) == total
            assert all(out[c] > mothers[c] + 20 for c in codes)
        return out

    def mothers(self) -> list[Woman]:
        rng, out = self.rng, []
        latest = {b.mother_id: b for b in sorted(self.births, key=lambda b: b.birth)}
        due = [b for b in self.births if b.order == 2 and SY_START <= b.birth + 180 * DAY <= S]
        early = [b for b in due if b.birth < SY_START]
        late = [b for b in due if b.birth >= SY_START]
        timely = {b.row for b in rng.sample(early, 27) + rng.sample(late, 254)}
        due_rows = {b.row for b in due}
        for mid, b in latest.items():
            w = Woman(mid, b.mother_name, self.place[b.code], rng.choice([20, 21, 21, 22, 23]),
                      mother=True)
            w.children = b.order if b.birth <= S else b.order - 1
            w.residence = "inflow" if mid in self.inflow_mothers else "local"
            wed = b.birth - rng.randint(300, 2500) * DAY
            w.marriage = min(max(wed, shift_years(w.dob, 20)), b.birth - 200 * DAY, S - 30 * DAY)
            deadline = b.birth + 180 * DAY
            if b.row in timely:
                w.method = rng.choices(LONG, [3, 20, 70, 7])[0]
                w.mdate = b.birth + rng.randint(15, 180) * DAY
            elif b.row in due_rows:
                pick = rng.choices(["late", "condom", "pill", "postpartum"], [40, 30, 10, 20])[0]
                if pick == "late" and deadline + 5 * DAY > S:
                    pick = "condom"
                if pick == "late":  # a long-acting method, but after the deadline
                    w.method = "iud"
                    w.mdate = self.day(deadline + 5 * DAY, min(deadline + 90 * DAY, S))
                elif pick == "postpartum":
                    w.reason = pick
                else:
                    w.method, w.mdate = pick, self.day(b.birth + 30 * DAY, S)
            elif b.birth > S:
                w.reason = "pregnant"
            elif b.birth + 180 * DAY > S:
                pick = rng.choices(["postpartum", "iud", "condom"], [65, 20, 15])[0]
                if pick == "postpartum" or b.birth + 20 * DAY > S:
                    w.reason = "postpartum"
                else:
                    w.method, w.mdate = pick, self.day(b.birth + 20 * DAY, S)
            elif b.order == 3:
                w.method, w.mdate = "tubal", self.day(b.birth + 30 * DAY, b.birth + 150 * DAY)
            else:
                pick = rng.choices(["iud", "condom", "pill", "postpartum", "awaiting"],
                                   [45, 35, 5, 10, 5])[0]
                if pick in ("postpartum", "awaiting"):
                    w.reason = pick
                else:
                    w.method = pick
                    w.mdate = self.day(b.birth + 40 * DAY, min(b.birth + 400 * DAY, S))
            assert w.mdate is None or w.mdate <= S
            out.append(w)
        return out

    def fillers(self, moms: list[Woman]) -> list[Woman]:
        rng = self.rng
        per_village = Counter(w.village[0] for w in moms)
        sizes = self.sizes(per_village)
        tokens = [m for m, n in METHOD_MIX.items()
                  for _ in range(n - sum(w.method == m for w in moms))]
        tokens += ["~" + r for r, n in NON_USERS.items()
                   for _ in range(n - sum(w.method == "none" and w.reason == r for w in moms))]
        slots = [self.place[c] for c, n in sizes.items() for _ in range(n - per_village[c])]
        assert len(tokens) == len(slots)
        rng.shuffle(tokens)
        out = []
        for village, token in zip(slots, tokens, strict=True):
            method, reason = ("none", token[1:]) if token[0] == "~" else (token, "")
            w = self.new(village, rng.choices([20, 21, 22, 23], [48, 36, 11, 5])[0],
                         *AGES.get(method, AGES.get(reason, (21, 45))))
            w.method, w.reason = method, reason
            lo, hi = CHILDREN.get(method, CHILDREN.get(reason, (0, 2)))
            w.children = rng.randint(lo, hi)
            w.marriage = min(shift_years(w.dob, rng.randint(20, 26)) + rng.randint(0, 300) * DAY,
                             S - 60 * DAY)
            if (S - w.marriage).days < 700:  # married under two years ago
                w.children = min(w.children, 1)
            out.append(w)
        # Method dates: exactly the women.md counts of long-acting methods dated in SY2012.
        in_year = {m: PROCEDURES_SY2012[OPERATION[m]] - sum(
            w.method == m and w.mdate is not None and w.mdate >= SY_START for w in moms)
            for m in LONG}
        for m in METHOD_MIX:
            users = [w for w in out if w.method == m]
            dated = set(map(id, rng.sample(users, in_year[m]))) if m in in_year else set()
            for w in users:
                assert w.marriage is not None
                if id(w) in dated:
                    w.mdate = self.day(max(SY_START, w.marriage), S)
                elif m in in_year:
                    start = max(w.marriage + 200 * DAY, dt.date(1990, 1, 1))
                    ok = start < SY_START - DAY and rng.random() > 0.02
                    w.mdate = self.day(start, SY_START - DAY) if ok else None
                elif rng.random() > 0.05:
                    w.mdate = self.day(max(w.marriage, dt.date(2008, 1, 1)), S)
        for w in rng.sample([w for w in out if w.method == "tubal"], 2):
            w.children = 0  # sterilised_without_children
        return out

    def others(self) -> list[Woman]:
        """Divorced and widowed women in the stock, and the women aged 50+ at S."""
        rng, out = self.rng, []
        for marital, n, lo, hi in ((40, 380, 25, 49), (30, 240, 30, 49)):
            for _ in range(n):
                w = self.new(rng.choice(self.villages), marital, lo, hi)
                w.marriage = shift_years(w.dob, rng.randint(20, 25))
                w.children = rng.randint(0, 2)
                if w.dob.year <= 1978 and rng.random() < 0.2:
                    w.method, w.children = "tubal", rng.randint(1, 2)
                    w.mdate = self.day(w.marriage + 400 * DAY, dt.date(2010, 12, 31))
                out.append(w)
        old = []
        for _ in range(1024):
            marital = rng.choices([20, 21, 22, 30, 40], [40, 35, 8, 10, 7])[0]
            w = self.new(rng.choice(self.villages), marital, 50, 57)
            w.marriage = shift_years(w.dob, rng.randint(20, 25))
            w.children = rng.randint(1, 3)
            pick = rng.choices(["tubal", "iud", "none"], [45, 15, 40])[0]
            if pick == "none":
                w.reason = "menopause"
            else:
                w.method, w.mdate = pick, self.day(w.marriage + 300 * DAY, dt.date(2005, 12, 31))
            old.append(w)
        for w in rng.sample(old, 6):
            w.exit = self.day(dt.date(2011, 3, 1), S)  # exited and over 49: still 1,024
        return out + old

    def features(self, fill: list[Woman]) -> list[Woman]:
        """Cell spellings the checks warn about; returns the women that carry none of them."""
        rng = self.rng
        for w in fill:
            if w.method == "vasectomy":  # his 男扎 counts on the wife
                r = rng.random()
                if r < 0.6:
                    w.her = rng.choice(["男扎", "输精管结扎"])
                elif r < 0.85:
                    w.her, w.his = "", rng.choice(["男扎", "结扎"])
                else:
                    w.her, w.his = "无", "男扎"
        plain = [w for w in fill if w.village[0] not in SURVEY_FOUND and w.her is None]
        rng.shuffle(plain)

        def take(n: int, method: str, reason: str = "") -> list[Woman]:
            got = [w for w in plain if w.method == method and w.reason == reason][:n]
            for w in got:
                plain.remove(w)
            return got

        vas = [w for w in fill if w.method == "vasectomy" and w.his == "" and
               w.village[0] not in SURVEY_FOUND][:2]
        for w in vas:  # two_methods: vasectomy wins over her condom
            w.her, w.his = "避孕套", "男扎"
        for w in take(2, "iud"):
            w.her, w.his = "上环", "避孕套"
        for w in take(1, "tubal"):
            w.her, w.his = "女扎", "避孕套"
        for w in take(1, "pill"):
            w.her, w.his = "口服药", "外用药"
        for w in take(12, "pill"):
            w.her = "服注药"  # method_pill_or_injection
        for w in take(25, "none"):
            w.her, w.his = "", ""  # method_blank_as_none
        for w, cell in zip(take(2, "none"), ["离婚", "丧偶"], strict=True):
            w.reason_cell = cell  # reason_is_marital_status
        for m, cell in (("iud", "哺乳期"), ("condom", "有指标待孕"), ("pill", "产后")):
            for w in take(1, m):
                w.reason_cell = cell  # excluded_but_using
        return plain

    def residence(self, married: list[Woman]) -> None:
        rng = self.rng
        fill = [w for w in married if not w.mother]
        n_in = RESIDENCE_MIX["inflow"] - sum(w.residence == "inflow" for w in married)
        picked = rng.sample(fill, RESIDENCE_MIX["outflow"] + n_in)
        outflow = picked[: RESIDENCE_MIX["outflow"]]
        for w in outflow:
            w.residence = "outflow"
        for w in picked[RESIDENCE_MIX["outflow"]:]:
            w.residence = "inflow"
        for w in rng.sample(outflow, 6013):
            w.cert = self.day(max(w.marriage or SY_START, dt.date(2008, 1, 1)), S)
        contacted = set(map(id, rng.sample(outflow, 5866)))
        for w in married:
            if w.residence == "outflow":
                if id(w) in contacted:
                    w.contact = self.day(SY_START, S)
                elif rng.random() < 0.4:
                    w.contact = self.day(dt.date(2010, 6, 1), SY_START - DAY)
                w.key = rng.choices(["是", "否", ""], [30, 50, 20])[0]
            else:
                w.key = rng.choices(["否", ""], [60, 40])[0]
        inflow = [w for w in married if w.residence == "inflow"]
        for w in rng.sample(inflow, 1011):
            w.cert_check = self.day(dt.date(2009, 1, 1), S)

    def checks(self, married: list[Woman]) -> None:
        rng = self.rng

        def exempt(w: Woman) -> bool:  # sterilised over 365 days before S, or undated
            return w.method in ("vasectomy", "tubal") and (w.mdate is None or w.mdate < SY_START)

        groups = ([w for w in married if not exempt(w)], [w for w in married if exempt(w)])
        assert len(groups[0]) == 28900
        for group, n in zip(groups, (28324, 42376 - 28324), strict=True):
            hit = set(map(id, rng.sample(group, n)))
            for w in group:
                if id(w) in hit:
                    w.check = self.day(SY_START, S)
                elif rng.random() < 0.5:
                    w.check = self.day(dt.date(2010, 10, 1), SY_START - DAY)

    def run(self) -> tuple[dict[str, list[list[str]]], dict[str, int]]:
        rng = self.rng
        moms = self.mothers()
        fill = self.fillers(moms)
        married = moms + fill
        others = self.others()
        plain = self.features(fill)
        self.residence(married)
        self.checks(married)
        for w in married + others:
            w.record = self.day(dt.date(2012, 1, 5), S)
        for w in others:
            w.key = rng.choices(["否", ""], [60, 40])[0]
        plain = [w for w in plain if w.residence == "local"]
        for w in plain[:7]:
            w.record = self.day(dt.date(2010, 1, 1), dt.date(2011, 9, 20))  # stale_record
        for w in plain[7:12]:
            w.exit = self.day(dt.date(2012, 10, 5), dt.date(2012, 12, 20))  # after S: in stock
        for w in plain[12:18]:
            w.id_text = w.wid[:6] + w.wid[8:17]  # legacy 15-digit numbers
        kept = next(w for w in plain[18:] if w.method == "iud" and w.mdate is not None)
        kept.record = dt.date(2012, 8, 20)
        early = Woman(**{**kept.__dict__, "record": dt.date(2012, 3, 15), "her": "避孕套"})
        women, where = women_rows(self, married + others, defects(self), (early, kept))
        files = {"women.csv": women, "procedures.csv": procedures(self, married, others),
                 "women_survey.csv": survey(self, married)}
        return files, where


def main(out: Path) -> None:
    files, where = Maker().run()
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        (out / name).write_bytes(render_as(rows, ENCODING, "\r\n"))
    f = recompute(out, HERE / "births.csv")
    expect(f)
    print(f"women.csv rows: {', '.join(f'{k}={v}' for k, v in where.items())}")
    for k, v in f.items():
        print(f"{k}: {round(v, 4) if isinstance(v, float) else v}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
