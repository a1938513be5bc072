"""The women's sample files as docs/women.md defines them: their headers, the code spellings
the generator writes, and an independent recomputation of every figure from the written
files (GB18030 decoded here, IDs and dates parsed by make_sample.py's small parsers, not by
jisheng). make_women.py writes the files; tests/test_sample_women.py runs :func:`recompute`
on the committed ones.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

from make_sample import parse_date, parse_id
from women_format import (
    AS_OF,
    ENCODING,
    FOUR_OPS,
    HEADER,
    LONG_ACTING,
    MARITAL_TEXT,
    METHOD_TEXT,
    PREFERENCE,
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

# What the files are built to give (docs/women.md, 远安县 SY2012).
TOWNSHIP_MARRIED = {"420525100": 12236, "420525101": 5449, "420525102": 6256,
                    "420525103": 6681, "420525104": 4792, "420525105": 4180,
                    "420525200": 3521}
METHOD_MIX = {"vasectomy": 1245, "tubal": 13620, "iud": 18310, "implant": 1020, "pill": 540,
              "injection": 215, "condom": 4010, "spermicide": 96, "other": 28}
NON_USERS = {"pregnant": 1032, "postpartum": 846, "awaiting": 905, "menopause": 412,
             "infertile": 203, "": 633}
RESIDENCE_MIX = {"local": 36024, "outflow": 6048, "inflow": 1043}
PROCEDURES_SY2012 = {"abortion": 312, "induced_labour": 32, "iud_insertion": 2105,
                     "vasectomy": 38, "tubal": 612, "implant_insertion": 140,
                     "iud_removal": 1210, "implant_removal": 25}
SURVEY_FOUND = {"420525100004": 684, "420525100202": 657, "420525101203": 711,
                "420525104211": 629, "420525105001": 657, "420525200203": 602}
SURVEY_NEW = {"420525100004": 29, "420525100202": 29, "420525101203": 15,
              "420525104211": 14, "420525105001": 44, "420525200203": 29}
SURVEY_ERRORS = {"marital": 58, "method": 241, "residence": 118}


def lookup(table: dict[object, list[str]]) -> dict[str, object]:
    return {text: code for code, texts in table.items() for text in texts}


MARITAL = lookup(MARITAL_TEXT)  # type: ignore[arg-type]
METHOD = lookup(METHOD_TEXT) | {"服注药": "pill"}  # type: ignore[arg-type]
REASON = lookup(REASON_TEXT)  # type: ignore[arg-type]
RESIDENCE = lookup(RESIDENCE_TEXT) | {"": "local"}  # type: ignore[arg-type]
PROC = lookup(PROC_TEXT)  # type: ignore[arg-type]


def read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n"), path  # CRLF throughout
    return list(csv.reader(raw.decode(ENCODING).splitlines()))


def age_at(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def id_dob(wid: str) -> dt.date:
    return dt.date(int(wid[6:10]), int(wid[10:12]), int(wid[12:14]))


def effective(her: str, his: str) -> tuple[str, bool]:
    """(effective method, two_methods) per women.md "Readings fixed"."""
    h = METHOD[her] if her else "none"
    m = ("vasectomy" if METHOD[his] == "tubal" else METHOD[his]) if his else "none"
    if h == "none":
        return str(m), False
    if m in ("none", h):
        return str(h), False
    return min(str(h), str(m), key=PREFERENCE.index), True


def date_cell(text: str) -> dt.date | None:
    """A date cell: None when empty; raises ValueError when it would be rejected."""
    if not text.strip():
        return None
    day = parse_date(text)
    if day is None or not dt.date(1950, 1, 1) <= day <= AS_OF:
        raise ValueError(text)
    return day


def rejection(row: list[str], wid: str | None) -> str:
    """Why the tool must reject a register row ("" when it is valid)."""
    if wid is None:
        return "id"
    if int(wid[16]) % 2:
        return "male"
    if row[8] not in METHOD | {"": 0} or row[9] not in METHOD | {"": 0}:
        return "method"
    assert row[5] in MARITAL and row[12] in RESIDENCE and 0 <= int(row[7]) <= 20, row
    assert row[11] in REASON | {"": 0, "丧偶": 0, "离婚": 0}, row
    try:
        for i, h in enumerate(HEADER):
            if "日期" in h:
                date_cell(row[i])
    except ValueError:
        return "date"
    return ""


def read_women(path: Path) -> tuple[dict[str, dict[str, object]], Counter[str]]:
    """The register's valid, de-duplicated women by ID, and the row accounting."""
    rows = read(path)
    assert rows[0][0] == TITLE and not any(rows[0][1:]) and rows[1] == HEADER
    acc: Counter[str] = Counter()
    kept: dict[str, dict[str, object]] = {}
    for n, row in enumerate(rows[2:], start=3):
        acc["read"] += 1
        if not any(c.strip() for c in row) or row[0] == "合计":
            acc["skipped"] += 1
            continue
        wid = parse_id(row[0])
        why = rejection(row, wid)
        if why:
            acc["rejected"] += 1
            acc["rejected_" + why] += 1
            continue
        assert wid is not None
        dates = {h: date_cell(row[i]) for i, h in enumerate(HEADER) if "日期" in h}
        method, two = effective(row[8], row[9])
        w: dict[str, object] = {
            "row": n, "code": row[2], "marital": MARITAL[row[5]], "children": int(row[7]),
            "method": method, "two": two, "blank": not row[8] and not row[9],
            "reason": REASON.get(row[11], ""), "marital_reason": row[11] in ("丧偶", "离婚"),
            "residence": RESIDENCE[row[12]], "key": row[13],
            "pill_or_injection": row[8] == "服注药",
            "dob": id_dob(wid), "legacy": len(row[0]) == 15, **dates}
        if wid in kept:
            acc["duplicate"] += 1
            if (w["信息截止日期"] or dt.date.min) <= (kept[wid]["信息截止日期"] or dt.date.min):  # type: ignore[operator]
                continue  # equal or missing dates: the first is kept
        kept[wid] = w
    return kept, acc


def in_stock(w: dict[str, object]) -> bool:
    exit_day = w["出队日期"]
    return 15 <= age_at(w["dob"], S) <= 49 and (exit_day is None or exit_day > S)  # type: ignore[arg-type, operator]


def married(w: dict[str, object]) -> bool:
    wed = w["结婚日期"]
    return in_stock(w) and w["marital"] in (20, 21, 22, 23) and (wed is None or wed <= S)  # type: ignore[operator]


def using(w: dict[str, object]) -> bool:
    day = w["措施落实日期"]
    return w["method"] != "none" and (day is None or day <= S)  # type: ignore[operator]


def in_window(day: object) -> bool:
    return day is not None and SY_START <= day <= S  # type: ignore[operator]


def read_births(path: Path) -> list[tuple[str, dt.date, int, str]]:
    """births.csv's valid, de-duplicated (mother, birth date, order, village code)."""
    seen: set[tuple[str, dt.date, int, str]] = set()
    for row in read(path)[2:]:
        if len(row) < 12 or not row[0].isdigit():
            continue
        mid, day = parse_id(row[5]), parse_date(row[6])
        if mid is not None and day is not None:
            seen.add((mid, day, int(row[8]), row[1]))
    return sorted(seen)


def read_procedures(path: Path) -> tuple[list[dict[str, object]], Counter[str]]:
    rows = read(path)
    assert rows[0][0] == PROC_TITLE and rows[1] == PROC_HEADER
    acc: Counter[str] = Counter()
    seen: set[str] = set()
    out: list[dict[str, object]] = []
    for row in rows[2:]:
        acc["read"] += 1
        pid = parse_id(row[1])
        if pid is None or row[5] not in PROC or row[7] not in ("是", "否", ""):
            acc["rejected"] += 1
            continue
        kind = str(PROC[row[5]])
        if int(pid[16]) % 2 == 1 and kind != "vasectomy":
            acc["rejected"] += 1
            continue
        if row[0] in seen:
            acc["duplicate"] += 1
            continue
        seen.add(row[0])
        out.append({"id": pid, "code": row[2], "type": kind, "date": parse_date(row[6]),
                    "complication": row[7] == "是"})
    return out, acc


def pct(a: int, b: int) -> float:
    return 100 * a / b


def recompute(folder: Path, births_path: Path) -> dict[str, object]:
    """Every figure of the three files, by women.md's definitions."""
    women, acc = read_women(folder / "women.csv")
    stock = {k: w for k, w in women.items() if in_stock(w)}
    m = {k: w for k, w in stock.items() if married(w)}
    users = [w for w in m.values() if using(w)]
    mix = Counter(str(w["method"]) for w in users)
    non = Counter(str(w["reason"]) for w in m.values() if not using(w))
    la = sum(w["method"] in LONG_ACTING for w in users)
    eligible = len(m) - non["menopause"] - non["infertile"]

    def exempt(w: dict[str, object]) -> bool:
        d = w["措施落实日期"]
        return using(w) and w["method"] in ("vasectomy", "tubal") and (d is None or d < SY_START)  # type: ignore[operator]

    due = [w for w in m.values() if not exempt(w)]
    outflow = [w for w in m.values() if w["residence"] == "outflow"]
    inflow = [w for w in m.values() if w["residence"] == "inflow"]
    f: dict[str, object] = dict(acc)
    f["out_of_scope"] = len(women) - len(stock)
    f["used"] = len(stock)
    f["aged_50"] = sum(age_at(w["dob"], S) >= 50 for w in women.values())  # type: ignore[arg-type]
    f["married"] = len(m)
    f["townships"] = dict(sorted(Counter(str(w["code"])[:9] for w in m.values()).items()))
    f["villages"] = len({w["code"] for w in m.values()})
    f["residence"] = dict(Counter(str(w["residence"]) for w in m.values()))
    f["users"] = len(users)
    f["mix"] = dict(mix)
    f["non_users"] = dict(non)
    f["blank_none"] = sum(bool(w["blank"]) for w in women.values())
    f["divorced"] = sum(w["marital"] == 40 for w in stock.values())
    f["widowed"] = sum(w["marital"] == 30 for w in stock.values())
    f["prevalence"] = pct(len(users), len(m))
    f["prevalence_eligible"] = pct(len(users), eligible)
    f["eligible"] = eligible
    f["long_acting"] = la
    f["long_acting_rate"] = pct(la, len(m))
    f["shares"] = {k: pct(v, len(users)) for k, v in mix.items()}
    f["checked"] = sum(in_window(w["环孕检日期"]) for w in m.values())
    f["due"] = len(due)
    f["due_checked"] = sum(in_window(w["环孕检日期"]) for w in due)
    f["check_rate"] = pct(int(f["due_checked"]), len(due))  # type: ignore[call-overload]
    f["rh_rate"] = pct(int(f["checked"]), len(m))  # type: ignore[call-overload]
    f["sterilised_sy2012"] = sum(using(w) and w["method"] in ("vasectomy", "tubal")
                                 and in_window(w["措施落实日期"]) for w in m.values())
    f["outflow"] = len(outflow)
    f["certificates"] = sum(w["婚育证明办证日期"] is not None and w["婚育证明办证日期"] <= S  # type: ignore[operator]
                            for w in outflow)
    f["contacts"] = sum(in_window(w["最近联系日期"]) for w in outflow)
    f["inflow"] = len(inflow)
    f["inflow_checked"] = sum(w["婚育证明查验日期"] is not None and w["婚育证明查验日期"] <= S  # type: ignore[operator]
                              for w in inflow)
    f["certificate_rate"] = pct(int(f["certificates"]), len(outflow))  # type: ignore[call-overload]
    f["contact_rate"] = pct(int(f["contacts"]), len(outflow))  # type: ignore[call-overload]
    f["inflow_rate"] = pct(int(f["inflow_checked"]), len(inflow))  # type: ignore[call-overload]
    f["sterilised_no_children"] = sum(w["method"] in ("vasectomy", "tubal") and w["children"] == 0
                                      for w in women.values())
    f["excluded_but_using"] = sum(bool(w["reason"]) and w["method"] != "none"
                                  for w in women.values())
    f["two_methods"] = sum(bool(w["two"]) for w in women.values())
    f["pill_or_injection"] = sum(bool(w["pill_or_injection"]) for w in women.values())
    f["reason_is_marital_status"] = sum(bool(w["marital_reason"]) for w in women.values())
    f["stale"] = sum(w["信息截止日期"] is not None and (S - w["信息截止日期"]).days > 365  # type: ignore[operator]
                     for w in women.values())
    f["legacy_ids"] = sum(bool(w["legacy"]) for w in women.values())
    f["stock_women"] = len(stock)
    # Births: every mother in the register (in the birth's village); 及时率.
    births = read_births(births_path)
    sy_births = sum(in_window(b[1]) for b in births)
    f["births_sy2012"] = sy_births
    f["mothers_missing"] = sum(b[0] not in women for b in births)
    f["mothers_elsewhere"] = sum(b[0] in women and women[b[0]]["code"] != b[3] for b in births)
    f["timely"], f["timely_due"], f["timely_bip"], f["timely_bip_due"] = 0, 0, 0, 0
    for mid, born, order, _ in births:
        deadline = born + dt.timedelta(days=180)
        if order != 2 or not in_window(deadline):
            continue
        w = women.get(mid)
        d = w["措施落实日期"] if w else None
        ok = bool(w and w["method"] in LONG_ACTING and d is not None and born <= d <= deadline)  # type: ignore[operator]
        f["timely_due"] += 1  # type: ignore[operator]
        f["timely"] += ok  # type: ignore[operator]
        if in_window(born):
            f["timely_bip_due"] += 1  # type: ignore[operator]
            f["timely_bip"] += ok  # type: ignore[operator]
    f["timely_rate"] = pct(f["timely"], f["timely_due"])  # type: ignore[arg-type]
    f["timely_bip_rate"] = pct(f["timely_bip"], f["timely_bip_due"])  # type: ignore[arg-type]
    # Procedures.
    procs, pacc = read_procedures(folder / "procedures.csv")
    year = [p for p in procs if in_window(p["date"])]
    f["procedures_rows"] = dict(pacc)
    f["procedures"] = dict(Counter(str(p["type"]) for p in year))
    f["operations"] = len(year)
    f["procedures_other_years"] = len(procs) - len(year)
    f["procedures_strangers"] = sum(p["id"] not in women and int(str(p["id"])[16]) % 2 == 0
                                    for p in procs)  # a male ID is a husband's (vasectomy)
    f["four_operations"] = sum(p["type"] in FOUR_OPS for p in year)
    f["complications"] = sum(bool(p["complication"]) for p in year)
    f["complication_rate"] = 1000 * int(f["complications"]) / len(year)  # type: ignore[call-overload]
    a = sum(p["type"] in ("abortion", "induced_labour") for p in year)
    f["abortions"] = a
    f["abortion_birth_ratio"] = a / sy_births
    f["births_per_abortion"] = sy_births / a
    f["abortion_rate"] = 1000 * a / len(stock)
    f["abortion_rate_married"] = 1000 * a / len(m)
    f |= survey_figures(folder / "women_survey.csv", women, m)
    return f


def survey_figures(path: Path, women: dict[str, dict[str, object]],
                   m: dict[str, dict[str, object]]) -> dict[str, object]:
    rows = read(path)
    assert rows[0][0] == SURVEY_TITLE and rows[1] == SURVEY_HEADER
    found: Counter[str] = Counter()
    new: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    seen: set[str] = set()
    pairs = 0
    for row in rows[2:]:
        sid = parse_id(row[0])
        assert sid is not None and sid not in seen and not row[7]
        seen.add(sid)
        assert 15 <= age_at(id_dob(sid), S) <= 49 and MARITAL[row[5]] in (20, 21, 22, 23)
        w = women.get(sid)
        if w is None:
            new[row[2]] += 1
            continue
        found[row[2]] += 1
        pairs += 1
        sm, rm = MARITAL[row[5]], w["marital"]
        diff = {
            "marital": sm != rm and not ({sm, rm} <= {20, 21, 22, 23} and 20 in (sm, rm)),
            "method": METHOD[row[6]] != w["method"],
            "residence": RESIDENCE[row[8]] != w["residence"],
        }
        errors.update(k for k, v in diff.items() if v)
        assert sum(diff.values()) <= 1, sid  # exactly one differing field per faulty pair
    n = sum(found.values()) + sum(new.values())
    good = pairs - sum(errors.values())
    fields = 3 * pairs
    unconfirmed = sum(w["code"] in found and k not in seen for k, w in m.items())
    return {"survey_found": dict(sorted(found.items())), "survey_new": dict(sorted(new.items())),
            "survey_women": n, "pairs": pairs, "survey_errors": dict(errors),
            "computerised_rate": pct(pairs, n), "accuracy_rate": pct(good, pairs),
            "accuracy_fields": pct(fields - sum(errors.values()), fields),
            "women_unconfirmed": unconfirmed}


def expect(f: dict[str, object]) -> None:
    """Fail loudly on any figure that misses women.md's."""
    want: dict[str, object] = {
        "read": 44766, "skipped": 2, "rejected": 4, "duplicate": 1, "out_of_scope": 1024,
        "used": 43735, "aged_50": 1024, "married": 43115, "townships": TOWNSHIP_MARRIED,
        "villages": 117, "residence": RESIDENCE_MIX, "users": 39084, "mix": METHOD_MIX,
        "non_users": NON_USERS, "blank_none": 25, "divorced": 380, "widowed": 240,
        "eligible": 42500, "long_acting": 34195, "checked": 42376, "due": 28900,
        "due_checked": 28324, "sterilised_sy2012": 650, "outflow": 6048, "certificates": 6013,
        "contacts": 5866, "inflow": 1043, "inflow_checked": 1011, "sterilised_no_children": 2,
        "excluded_but_using": 3, "stock_women": 43735, "births_sy2012": 1562,
        "mothers_missing": 0, "mothers_elsewhere": 0, "procedures_strangers": 0,
        "rejected_id": 1, "rejected_male": 1, "rejected_method": 1, "rejected_date": 1,
        "timely": 281, "timely_due": 335, "timely_bip": 254,
        "timely_bip_due": 301, "procedures": PROCEDURES_SY2012, "operations": 4474,
        "four_operations": 3099, "complications": 2, "abortions": 344,
        "procedures_rows": {"read": f["procedures_rows"]["read"], "rejected": 1,  # type: ignore[index]
                            "duplicate": 1},
        "survey_found": SURVEY_FOUND, "survey_new": SURVEY_NEW, "survey_women": 4100,
        "pairs": 3940, "survey_errors": SURVEY_ERRORS,
    }
    miss = {k: (f.get(k), v) for k, v in want.items() if f.get(k) != v}
    assert not miss, miss
    printed = {"prevalence": 90.65, "prevalence_eligible": 91.96, "long_acting_rate": 79.31,
               "abortion_birth_ratio": 0.22, "births_per_abortion": 4.54, "abortion_rate": 7.87,
               "abortion_rate_married": 7.98, "rh_rate": 98.29, "check_rate": 98.01,
               "certificate_rate": 99.42, "contact_rate": 96.99, "inflow_rate": 96.93,
               "timely_rate": 83.88, "timely_bip_rate": 84.39, "complication_rate": 0.45,
               "computerised_rate": 96.10, "accuracy_rate": 89.42, "accuracy_fields": 96.47}
    off = {k: (f[k], v) for k, v in printed.items() if round(f[k], 2) != v}  # type: ignore[call-overload]
    assert not off, off
