"""The rows of women.csv, procedures.csv and women_survey.csv, written from the women
make_women.Maker has built and with its random stream (so the order of the calls is part
of the bytes)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from make_sample import COUNTY, fmt_date, person_id, shift_years
from women_figures import (
    METHOD_MIX,
    SURVEY_ERRORS,
    SURVEY_FOUND,
    SURVEY_NEW,
)
from women_format import (
    DAY,
    HEADER,
    MARITAL_TEXT,
    METHOD_TEXT,
    PROC_HEADER,
    PROC_TEXT,
    PROC_TITLE,
    REASON_TEXT,
    RESIDENCE_TEXT,
    SURVEY_HEADER,
    SURVEY_TITLE,
    SY_START,
    TITLE,
    S,
)

if TYPE_CHECKING:
    from make_women import Maker, Woman

OPERATION = {"vasectomy": "vasectomy", "tubal": "tubal", "iud": "iud_insertion",
             "implant": "implant_insertion"}


# -- women.csv --------------------------------------------------------------------
def defects(mk: Maker) -> list[Woman]:
    """The four rejected rows: a male ID, a bad check digit, method 待定, a future date."""
    rng = mk.rng
    spots = [v for v in mk.villages if v[0] not in SURVEY_FOUND]
    out = []
    for kind in ("male", "check", "pending", "future"):
        w = mk.new(rng.choice(spots), 21, 25, 40)
        if kind == "male":
            w.wid = person_id(rng, COUNTY, w.dob, True, mk.used)
        w.method, w.marriage = "iud", shift_years(w.dob, 22)
        w.mdate = mk.day(dt.date(2009, 1, 1), dt.date(2010, 12, 31))
        if kind == "check":
            good = "0123456789X".index(w.wid[17])
            w.id_text = w.wid[:17] + "0123456789X"[(good + 4) % 11]
        elif kind == "pending":
            w.her = "待定"
        elif kind == "future":
            w.mdate_text = "2027-03-08"
        w.record, w.key = mk.day(dt.date(2012, 1, 5), S), "否"
        out.append(w)
    return out

def date(mk: Maker, day: dt.date | None) -> str:
    if day is None:
        return ""
    styles = ["iso", "slash", "dot", "cn", "compact", "serial"]
    return fmt_date(day, mk.rng.choices(styles, weights=[80, 4, 4, 4, 4, 4])[0])

def cells(mk: Maker, w: Woman) -> list[str]:
    rng = mk.rng
    her = w.her if w.her is not None else rng.choice(METHOD_TEXT[w.method])
    reason = w.reason_cell if w.reason_cell is not None else (
        rng.choice(REASON_TEXT[w.reason]) if w.reason else "")
    if w.residence == "local":
        residence = rng.choices(["常住", "户籍", ""], [70, 15, 15])[0]
    else:
        residence = rng.choice(RESIDENCE_TEXT[w.residence])
    mdate = w.mdate_text if w.mdate_text is not None else date(mk, w.mdate)
    return [w.id_text or w.wid, w.name, *w.village, rng.choice(MARITAL_TEXT[w.marital]),
            date(mk, w.marriage), str(w.children), her, w.his, mdate, reason, residence,
            w.key, date(mk, w.cert), date(mk, w.cert_check), date(mk, w.contact),
            date(mk, w.check), date(mk, w.exit), date(mk, w.record)]

def women_rows(mk: Maker, women: list[Woman], bad: list[Woman],
               dup: tuple[Woman, Woman]) -> tuple[list[list[str]], dict[str, int]]:
    rest = [w for w in women if w is not dup[1]]
    body = sorted([*rest, *bad, dup[0]], key=lambda w: (w.village[0], w.wid, w.record))
    body.append(dup[1])  # the later record, re-entered at the end: it is the one kept
    rows = [[TITLE] + [""] * (len(HEADER) - 1), list(HEADER)]
    where: dict[str, int] = {}
    for i, w in enumerate(body):
        rows.append(cells(mk, w))
        for k, d in zip(("male", "check", "pending", "future"), bad, strict=True):
            if w is d:
                where[k] = len(rows)
        if w is dup[0]:
            where["duplicate"] = len(rows)
        if w.village[0][:9] == "420525102" and body[i + 1].village[0][:9] != "420525102":
            rows.append([""] * len(HEADER))
            where["blank"] = len(rows)
    where["kept"] = len(rows)
    rows.append(["合计", str(len(body))] + [""] * (len(HEADER) - 2))
    where["total"] = len(rows)
    return rows, where


# -- procedures.csv ---------------------------------------------------------------
def procedures(mk: Maker, married: list[Woman], others: list[Woman]) -> list[list[str]]:
    rng = mk.rng
    ops: list[tuple[dt.date, str, Woman]] = [
        (w.mdate, OPERATION[w.method], w) for w in married + others
        if w.method in OPERATION and w.mdate is not None and w.mdate >= dt.date(2011, 1, 1)]
    young = [w for w in married if w.dob.year >= 1968 and w.method not in ("tubal",
                                                                             "vasectomy")]
    plan = [("abortion", 312, young), ("induced_labour", 32, young),
            ("iud_removal", 1210, [w for w in married if w.method != "iud"]),
            ("implant_removal", 25, [w for w in married if w.method != "implant"])]
    for kind, n, pool in plan:
        ops += [(mk.day(SY_START, S), kind, w) for w in rng.sample(pool, n)]
    sy2011 = (dt.date(2010, 10, 1), SY_START - DAY)
    for kind, n in (("abortion", 30), ("iud_removal", 40), ("reversal", 2)):
        ops += [(mk.day(*sy2011), kind, w) for w in rng.sample(married, n)]
    after = ["iud_insertion", "abortion", "iud_removal", "tubal"]
    ops += [(mk.day(S + DAY, dt.date(2012, 12, 28)), rng.choice(after), w)
            for w in rng.sample(young, 80)]
    unknown = (mk.day(SY_START, S), "节育复查", rng.choice(married))
    ops.sort(key=lambda o: (o[0], o[1], o[2].wid))
    ops.insert(len(ops) // 2, unknown)
    in_year = [i for i, o in enumerate(ops) if SY_START <= o[0] <= S]
    sick = {rng.choice([i for i in in_year if ops[i][1] == k]) for k in ("tubal", "abortion")}
    sick.add(next(i for i, o in enumerate(ops) if o[0] < SY_START))
    rows = [[PROC_TITLE] + [""] * (len(PROC_HEADER) - 1), list(PROC_HEADER)]
    numbers: Counter[int] = Counter()
    for i, (day, kind, w) in enumerate(ops):
        numbers[day.year] += 1
        who = w.id_text or w.wid
        if kind == "vasectomy" and rng.random() < 0.4:  # the husband's own ID
            who = person_id(rng, COUNTY, shift_years(w.dob, -rng.randint(0, 5)), True,
                            mk.used)
        text = rng.choice(PROC_TEXT[kind]) if kind in PROC_TEXT else kind
        comp = "是" if i in sick else rng.choices(["否", ""], [70, 30])[0]
        rows.append([f"SS{day.year}{numbers[day.year]:05d}", who, *w.village, text,
                     date(mk, day), comp])
    again = rng.choice([i for i in in_year if ops[i][1] == "iud_insertion"])
    rows.append(list(rows[2 + again]))  # the same 手术编号 entered twice
    return rows


# -- women_survey.csv -------------------------------------------------------------
def survey(mk: Maker, married: list[Woman]) -> list[list[str]]:
    rng = mk.rng
    mothers = set(mk.survey_mothers)
    found: list[Woman] = []
    for c in mk.checked:
        here = [w for w in married if w.village[0] == c]
        must = [w for w in here if w.wid in mothers]
        found += must + rng.sample([w for w in here if w.wid not in mothers],
                                   SURVEY_FOUND[c] - len(must))
    pool = list(found)
    rng.shuffle(pool)
    wrong: dict[int, str] = {}
    for k, n in SURVEY_ERRORS.items():
        ok = [w for w in pool if id(w) not in wrong and (k != "marital" or w.marital > 20)]
        wrong |= {id(w): k for w in ok[:n]}
    legacy = {id(w) for w in [w for w in pool if id(w) not in wrong][:2]}
    rows = []
    for w in found:
        fault = wrong.get(id(w))
        if fault == "marital":
            marital = rng.choice([x for x in (21, 22, 23) if x != w.marital])
        elif w.marital == 20:
            marital = rng.choice([20, 20, 21, 22, 23])
        else:
            marital = rng.choice([w.marital, w.marital, 20])
        method = w.method
        if fault == "method":
            method = rng.choice([m for m in [*METHOD_MIX, "none"] if m != w.method])
        residence = w.residence
        if fault == "residence":
            residence = rng.choice([r for r in RESIDENCE_TEXT if r != w.residence])
        wid = w.wid[:6] + w.wid[8:17] if id(w) in legacy else w.wid
        rows.append(survey_cells(mk, wid, w.name, w.village, marital, method, residence))
    for c in mk.checked:
        new = [(sid, name) for sid, code, name in mk.missed if code == c]
        while len(new) < SURVEY_NEW[c]:
            w = mk.new(mk.place[c], 21, 21, 45)
            new.append((w.wid, w.name))
        for sid, name in new:
            method = rng.choices(["iud", "tubal", "condom", "none"], [50, 25, 15, 10])[0]
            rows.append(survey_cells(mk, sid, name, mk.place[c], rng.choice([20, 21]),
                                          method, "local"))
    rows.sort(key=lambda r: (r[2], r[0]))
    return [[SURVEY_TITLE] + [""] * (len(SURVEY_HEADER) - 1), list(SURVEY_HEADER), *rows]

def survey_cells(mk: Maker, wid: str, name: str, village: tuple[str, str, str], marital: int,
                 method: str, residence: str) -> list[str]:
    rng = mk.rng
    return [wid, name, *village, rng.choice(MARITAL_TEXT[marital]),
            rng.choice(METHOD_TEXT[method]), "", rng.choice(RESIDENCE_TEXT[residence])]
