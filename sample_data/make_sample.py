"""Generate ``sample_data/births.csv``: a synthetic births register (出生登记) of 远安县.

The file is shaped like an Excel export from Chinese Windows (GB18030, CRLF, a title
line above the header, a blank row in the middle, a 合计 row at the bottom, mixed date
styles) and is built to give exact figures for statistical year 2012
(2011-10-01 .. 2012-09-30):

* 1,562 valid births, 1,549 in policy (出生政策符合率 99.17%);
* 1 out-of-policy birth of order >= 3 (政策外多孩率 0.06%);
* 800 boys, 762 girls (sex ratio 104.99).

Defect rows (an ID with a wrong check digit, an ID in scientific notation, an
impossible birth date, an exact duplicate) come on top of those figures. See README.md.

The same run then writes the companion files, each from its own ``random.Random`` so
the births stream is untouched: ``fees.csv`` (a 社会抚养费 ledger in 万元: SY2012
assessed 10,401,000.00 yuan, collected 7,160,000.00 yuan, 征收到位率 68.84%),
``survey.csv`` and ``checked.csv`` (a field check of six villages: 155 births found,
144 matched, 11 under-reported), and ``population.csv`` (township populations by
statistical year: 188,200 in 2012, 出生率 8.30‰). Each is read back and checked.

Run: ``python sample_data/make_sample.py`` (stdlib only, deterministic).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

SEED = 20120930
OUT = Path(__file__).with_name("births.csv")
ENCODING = "gb18030"

COUNTY = "420525"
TITLE = "远安县2011-2012年度出生登记表"
HEADER = [
    "序号",
    "统计用区划代码",
    "乡镇(街道)",
    "村(居)委会",
    "母亲姓名",
    "母亲身份证号",
    "婴儿出生日期",
    "婴儿性别",
    "孩次",
    "政策属性",
    "上报日期",
    "户籍性质",
]
NCOLS = len(HEADER)

SY_START = dt.date(2011, 10, 1)
SY_END = dt.date(2012, 9, 30)
EARLY = (dt.date(2011, 7, 1), dt.date(2011, 9, 30))
LATE = (dt.date(2012, 10, 1), dt.date(2012, 12, 31))
EXCEL_EPOCH = dt.date(1899, 12, 30)

# Exact figures the file is built to give (statistical year 2012).
N_VALID = 1562
N_IN_POLICY = 1549
N_OUT_MULTI = 1  # out of policy, birth order >= 3
N_MALE = 800
N_FEMALE = 762
N_IN_ORDER3 = 2  # in policy, birth order 3
N_OUT_ORDER1 = 1  # out of policy, birth order 1 (a warning case)
N_EARLY = 76  # 2011-07-01 .. 2011-09-30
N_LATE = 74  # 2012-10-01 .. 2012-12-31
N_LEGACY_ID = 5  # mothers with 15-digit ID numbers

# (name, 9-digit code, residents' committees (0xx), villages (2xx))
TOWNSHIPS: list[tuple[str, str, list[str], int]] = [
    ("鸣凤镇", "420525100", ["凤阳社区", "东门社区", "西门社区", "南门社区", "新城社区"], 21),
    ("花林寺镇", "420525101", ["花林社区", "白果社区"], 13),
    ("旧县镇", "420525102", ["旧县社区", "鹿苑社区"], 16),
    ("洋坪镇", "420525103", ["洋坪社区", "咸宁社区"], 18),
    ("茅坪场镇", "420525104", ["茅坪场社区"], 13),
    ("嫘祖镇", "420525105", ["嫘祖社区"], 11),
    ("河口乡", "420525200", ["河口社区"], 11),
]
BLANK_AFTER_TOWNSHIP = "420525102"  # the blank row follows the last 旧县镇 record

VILLAGE_HEADS = (
    "桃 李 黄 青 石 柳 杨 马 白 龙 金 高 新 东 西 南 北 大 小 双 清 长 茶 竹 松 沙 泉 "
    "红 桂 枫 栗 望 荷 梨 兴 和 太 平 安 福 永 官 麻 响 落 汪 胡 周 陈 罗 余"
).split()
VILLAGE_TAILS = (
    "坪 河 岭 湾 溪 冲 岗 山 口 桥 园 坡 店 垭 场 庙 沟 家 台 林 峰 田 堰 寨 铺 营"
).split()

SURNAMES = (
    "王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 "
    "董 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 余 潘 杜 戴 夏 钟 汪 田 "
    "任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 龙 万 段 "
    "雷 钱 汤 尹 易 常 武 乔 贺 龚 文 向 覃 付 望"
).split()
GIVEN = (
    "丽 芳 娟 敏 静 燕 艳 玲 霞 红 梅 琴 英 华 慧 萍 颖 婷 倩 雪 琳 洁 莉 兰 凤 云 秀 "
    "春 晓 佳 丹 媛 莹 妍 露 蓉 芬 荣 桂 娜 玉 翠 彩 银 月 小 亚 菊 翠 青 薇 晶 俊 珍"
).split()

ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def check_char(body17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a 17-digit ID body (``X`` = 10)."""
    total = sum(int(d) * w for d, w in zip(body17, ID_WEIGHTS, strict=True))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def upgrade15(id15: str) -> str:
    """Upgrade a legacy 15-digit ID (GB 11643-1989) to 18 characters."""
    body = id15[:6] + "19" + id15[6:]
    return body + check_char(body)


def excel_serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def fmt_date(day: dt.date, style: str) -> str:
    if style == "iso":
        return day.isoformat()
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    if style == "dot":
        return f"{day.year}.{day.month}.{day.day}"
    if style == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "compact":
        return day.strftime("%Y%m%d")
    if style == "serial":
        return str(excel_serial(day))
    raise ValueError(style)


def shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_at(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


@dataclass
class Village:
    code: str
    township: str
    name: str
    weight: float


@dataclass
class Record:
    kind: str  # valid | outside | bad_check | sci | bad_date | duplicate
    village: Village
    mother_name: str
    mother_id: str  # as written in the file
    birth: dt.date  # intended birth date (sort key for the bad-date row)
    birth_text: str
    male: bool
    sex_text: str
    order: int
    in_policy: bool
    policy_text: str
    report_text: str
    residence: str
    twin: bool = False
    seq: int = 0
    row: int = 0  # spreadsheet row number (title = 1, header = 2)

    def cells(self) -> list[str]:
        return [
            str(self.seq),
            self.village.code,
            self.village.township,
            self.village.name,
            self.mother_name,
            self.mother_id,
            self.birth_text,
            self.sex_text,
            str(self.order),
            self.policy_text,
            self.report_text,
            self.residence,
        ]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_bodies: set[str] = set()
        self.villages = self._villages()

    # -- places ---------------------------------------------------------------
    def _villages(self) -> list[Village]:
        rng = self.rng
        pool = [h + t for h in VILLAGE_HEADS for t in VILLAGE_TAILS]
        rng.shuffle(pool)
        taken: set[str] = set()
        out: list[Village] = []
        for township, tcode, communities, n_villages in TOWNSHIPS:
            for i, name in enumerate(communities, start=1):
                out.append(Village(f"{tcode}{i:03d}", township, name, rng.uniform(1.2, 2.2)))
                taken.add(name[:2])
            for i in range(1, n_villages + 1):
                stem = pool.pop()
                while stem in taken:
                    stem = pool.pop()
                taken.add(stem)
                out.append(
                    Village(f"{tcode}{200 + i:03d}", township, stem + "村", rng.uniform(0.5, 1.6))
                )
        return out

    # -- people ---------------------------------------------------------------
    def name(self) -> str:
        rng = self.rng
        given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
        return rng.choice(SURNAMES) + given

    def mother_dob(self, birth: dt.date, lo: int, hi: int) -> dt.date:
        age = self.rng.randint(lo, hi)
        dob = shift_years(birth, -age) - dt.timedelta(days=self.rng.randint(0, 360))
        assert age_at(dob, birth) == age
        return dob

    def _new_body(self, dob: dt.date) -> str:
        while True:
            seq = f"{self.rng.randrange(100):02d}{self.rng.choice('02468')}"
            body = COUNTY + dob.strftime("%Y%m%d") + seq
            if body not in self.used_bodies:
                self.used_bodies.add(body)
                return body

    def id18(self, dob: dt.date) -> str:
        body = self._new_body(dob)
        return body + check_char(body)

    def id15(self, dob: dt.date) -> str:
        body = self._new_body(dob)  # the upgraded body: keeps 15- and 18-digit IDs distinct
        return body[:6] + body[8:]

    # -- codes ----------------------------------------------------------------
    def date_style(self) -> str:
        styles = ["iso", "slash", "dot", "cn", "compact", "serial"]
        return self.rng.choices(styles, weights=[80, 4, 4, 4, 4, 4])[0]

    def sex_text(self, male: bool) -> str:
        if self.rng.random() < 0.06:
            return "1" if male else "2"
        return "男" if male else "女"

    def policy_text(self, in_policy: bool) -> str:
        if self.rng.random() < 0.05:
            return "符合" if in_policy else "不符合"
        return "政策内" if in_policy else "政策外"

    def report_text(self, birth: dt.date) -> str:
        report = birth + dt.timedelta(days=self.rng.randint(5, 40))
        style = "iso" if self.rng.random() < 0.9 else self.rng.choice(["slash", "dot", "cn"])
        return fmt_date(report, style)

    def residence(self) -> str:
        return "流入" if self.rng.random() < 0.08 else "常住"

    def random_day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    # -- records --------------------------------------------------------------
    def record(
        self,
        kind: str,
        village: Village,
        birth: dt.date,
        male: bool,
        order: int,
        in_policy: bool,
        *,
        legacy_id: bool = False,
    ) -> Record:
        lo, hi = {1: (20, 32), 2: (24, 38)}.get(order, (28, 40))
        if legacy_id:
            lo, hi = 31, 38
        dob = self.mother_dob(birth, lo, hi)
        mother_id = self.id15(dob) if legacy_id else self.id18(dob)
        return Record(
            kind=kind,
            village=village,
            mother_name=self.name(),
            mother_id=mother_id,
            birth=birth,
            birth_text=fmt_date(birth, self.date_style()),
            male=male,
            sex_text=self.sex_text(male),
            order=order,
            in_policy=in_policy,
            policy_text=self.policy_text(in_policy),
            report_text=self.report_text(birth),
            residence=self.residence(),
        )

    def pick_village(self) -> Village:
        return self.rng.choices(self.villages, weights=[v.weight for v in self.villages])[0]

    def valid_in_year(self) -> list[Record]:
        rng = self.rng
        # (order, in_policy) for the 1,560 single births; the twins are added below.
        n_out_order2 = N_VALID - N_IN_POLICY - N_OUT_MULTI - N_OUT_ORDER1
        combos = [(3, False)] * N_OUT_MULTI + [(1, False)] * N_OUT_ORDER1
        combos += [(2, False)] * n_out_order2 + [(3, True)] * N_IN_ORDER3
        n_rest = N_VALID - 2 - len(combos)
        n_first = round(n_rest * 0.62)
        combos += [(1, True)] * n_first + [(2, True)] * (n_rest - n_first)
        sexes = [True] * (N_MALE - 1) + [False] * (N_FEMALE - 1)
        rng.shuffle(combos)
        rng.shuffle(sexes)
        villages = list(self.villages)  # every village gets at least one birth
        villages += [self.pick_village() for _ in range(len(combos) - len(villages))]
        rng.shuffle(villages)
        legacy = set(rng.sample([i for i, c in enumerate(combos) if c == (2, True)], N_LEGACY_ID))
        out = [
            self.record(
                "valid",
                v,
                self.random_day(SY_START, SY_END),
                male,
                order,
                inp,
                legacy_id=i in legacy,
            )
            for i, ((order, inp), male, v) in enumerate(zip(combos, sexes, villages, strict=True))
        ]
        if not any(r.policy_text == "不符合" for r in out):
            first_out = next(i for i, r in enumerate(out) if not r.in_policy)
            out[first_out] = replace(out[first_out], policy_text="不符合")
        # Twins: one mother, one date, orders 1 and 2, a boy and a girl.
        twin1 = self.record("valid", self.pick_village(), dt.date(2012, 4, 17), True, 1, True)
        twin1.twin = True
        twin2 = replace(twin1, male=False, sex_text="女", order=2)
        return [*out, twin1, twin2]

    def outside_year(self) -> list[Record]:
        out: list[Record] = []
        for n, (start, end) in ((N_EARLY, EARLY), (N_LATE, LATE)):
            for _ in range(n):
                order = self.rng.choices([1, 2, 3], weights=[60, 39, 1])[0]
                in_policy = self.rng.random() < (0.99 if order < 3 else 0.5)
                if order == 1:
                    in_policy = True
                out.append(
                    self.record(
                        "outside",
                        self.pick_village(),
                        self.random_day(start, end),
                        self.rng.random() < 0.52,
                        order,
                        in_policy,
                    )
                )
        return out

    def defects(self) -> list[Record]:
        bad_check = self.record(
            "bad_check", self.pick_village(), dt.date(2011, 12, 8), False, 2, True
        )
        good = bad_check.mother_id[17]
        wrong = "0123456789X"[("0123456789X".index(good) + 3) % 11]
        bad_check.mother_id = bad_check.mother_id[:17] + wrong
        bad_check.birth_text = bad_check.birth.isoformat()
        sci = self.record("sci", self.pick_village(), dt.date(2012, 5, 21), True, 1, True)
        sci.mother_id = "4.20525E+17"
        sci.birth_text = sci.birth.isoformat()
        bad_date = self.record("bad_date", self.pick_village(), dt.date(2012, 2, 28), True, 2, True)
        bad_date.birth_text = "2012-02-30"
        bad_date.report_text = "2012-03-12"
        return [bad_check, sci, bad_date]


def build() -> tuple[list[list[str]], dict[str, int]]:
    """Return the file's rows (cells) and the spreadsheet row number of each defect."""
    gen = Generator(SEED)
    valid = gen.valid_in_year()
    outside = gen.outside_year()
    defects = gen.defects()
    # The duplicate: a plain in-year birth re-reported, appended at the end of the file.
    candidates = [
        r
        for r in valid
        if not r.twin and len(r.mother_id) == 18 and r.birth_text == r.birth.isoformat()
    ]
    duplicate = replace(gen.rng.choice(candidates), kind="duplicate")

    body = sorted(
        [*valid, *outside, *defects], key=lambda r: (r.village.code, r.birth, r.order, r.mother_id)
    )
    body.append(duplicate)
    for seq, rec in enumerate(body, start=1):
        rec.seq = seq

    rows: list[list[str]] = [[TITLE] + [""] * (NCOLS - 1), list(HEADER)]
    where: dict[str, int] = {}
    for i, rec in enumerate(body):
        rows.append(rec.cells())
        rec.row = len(rows)
        if rec.kind not in ("valid", "outside"):
            where[rec.kind] = rec.row
        nxt = body[i + 1] if i + 1 < len(body) else None
        if (
            "blank" not in where
            and rec.village.code[:9] == BLANK_AFTER_TOWNSHIP
            and nxt is not None
            and nxt.village.code[:9] != BLANK_AFTER_TOWNSHIP
        ):
            rows.append([""] * NCOLS)
            where["blank"] = len(rows)
    original = next(r for r in body[:-1] if r.mother_id == duplicate.mother_id)
    where["duplicate_of"] = original.row
    rows.append(["合计", str(len(body))] + [""] * (NCOLS - 2))
    where["total"] = len(rows)
    return rows, where


def render(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(ENCODING)


# -- self-check: re-read the written file and recompute the figures ------------------------

DATE_PATTERNS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for pat in DATE_PATTERNS:
        m = pat.fullmatch(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    if re.fullmatch(r"\d{5}", text):
        return EXCEL_EPOCH + dt.timedelta(days=int(text))
    return None


def parse_id(text: str) -> str | None:
    if re.fullmatch(r"\d{17}[\dX]", text):
        return text if check_char(text[:17]) == text[17] else None
    if re.fullmatch(r"\d{15}", text):
        return upgrade15(text)
    return None


def self_check(path: Path, where: dict[str, int]) -> str:
    raw = path.read_bytes()
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    with path.open(encoding=ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == TITLE and not any(rows[0][1:])
    assert rows[1] == HEADER
    sex_codes = {"男": True, "1": True, "女": False, "2": False}
    policy_codes = {"政策内": True, "符合": True, "政策外": False, "不符合": False}
    errors: dict[int, str] = {}
    skipped: dict[int, str] = {}
    seen: dict[tuple[str, dt.date, int], int] = {}
    duplicates: dict[int, int] = {}
    kept: list[tuple[int, list[str], str, dt.date]] = []
    n_records = 0
    names: dict[str, str] = {}
    for rownum, row in enumerate(rows[2:], start=3):
        assert len(row) == NCOLS, rownum
        if not any(c.strip() for c in row):
            skipped[rownum] = "blank"
            continue
        if row[0] == "合计":
            skipped[rownum] = "total"
            assert int(row[1]) == n_records
            continue
        n_records += 1
        assert int(row[0]) == n_records
        code = row[1]
        assert re.fullmatch(COUNTY + r"\d{6}", code), rownum
        assert names.setdefault(code, row[3]) == row[3]
        mid = parse_id(row[5])
        birth = parse_date(row[6])
        report = parse_date(row[10])
        if mid is None:
            errors[rownum] = "id"
            continue
        if birth is None:
            errors[rownum] = "date"
            continue
        assert row[7] in sex_codes and row[9] in policy_codes and row[8] in {"1", "2", "3"}
        assert row[11] in {"常住", "流入"}
        assert report is not None and 5 <= (report - birth).days <= 40, rownum
        assert int(mid[16]) % 2 == 0, rownum  # female
        dob = dt.date(int(mid[6:10]), int(mid[10:12]), int(mid[12:14]))
        assert 20 <= age_at(dob, birth) <= 40, rownum
        key = (mid, birth, int(row[8]))
        if key in seen:
            duplicates[rownum] = seen[key]
            continue
        seen[key] = rownum
        kept.append((rownum, row, mid, birth))

    assert errors == {where["bad_check"]: "id", where["sci"]: "id", where["bad_date"]: "date"}
    assert duplicates == {where["duplicate"]: where["duplicate_of"]}
    assert skipped == {where["blank"]: "blank", where["total"]: "total"}
    assert rows[where["sci"] - 1][5] == "4.20525E+17"

    # No mother has two births less than 180 days apart, except the twins (same date).
    by_mother: dict[str, list[tuple[dt.date, list[str]]]] = {}
    for _, row, mid, birth in kept:
        by_mother.setdefault(mid, []).append((birth, row))
    multi = {m: v for m, v in by_mother.items() if len(v) > 1}
    assert len(multi) == 1, multi
    (twins,) = multi.values()
    assert len(twins) == 2 and twins[0][0] == twins[1][0]
    assert SY_START <= twins[0][0] <= SY_END
    assert {twins[0][1][8], twins[1][1][8]} == {"1", "2"}
    assert {sex_codes[twins[0][1][7]], sex_codes[twins[1][1][7]]} == {True, False}

    in_year = [(row, mid) for _, row, mid, birth in kept if SY_START <= birth <= SY_END]
    outside = [birth for _, _, _, birth in kept if not SY_START <= birth <= SY_END]
    assert all(EARLY[0] <= b <= LATE[1] for b in outside)
    n_in = sum(policy_codes[r[9]] for r, _ in in_year)
    out_multi = sum(not policy_codes[r[9]] and int(r[8]) >= 3 for r, _ in in_year)
    out_first = sum(not policy_codes[r[9]] and r[8] == "1" for r, _ in in_year)
    male = sum(sex_codes[r[7]] for r, _ in in_year)
    female = len(in_year) - male
    assert len(in_year) == N_VALID, len(in_year)
    assert n_in == N_IN_POLICY, n_in
    assert out_multi == N_OUT_MULTI, out_multi
    assert out_first == N_OUT_ORDER1, out_first
    assert (male, female) == (N_MALE, N_FEMALE), (male, female)
    assert len(outside) == N_EARLY + N_LATE
    assert sum(len(r[5]) == 15 for r, _ in in_year) == N_LEGACY_ID
    codes = {r[1] for r, _ in in_year}
    assert len(codes) == sum(len(t[2]) + t[3] for t in TOWNSHIPS) == 117
    assert len({c[:9] for c in codes}) == 7
    assert len(set(names.values())) == len(names)

    # Cross-check every check character with python-stdnum when it is available.
    try:
        from stdnum.cn import ric
    except ImportError:
        stdnum_note = "stdnum not installed, check digits verified locally"
    else:
        for row in rows[2:]:
            mid = row[5] if len(row) > 5 else ""
            if re.fullmatch(r"\d{17}[\dX]", mid):
                ok = ric.calc_check_digit(mid) == mid[17]
                assert ok == (mid == parse_id(mid)), mid
            elif re.fullmatch(r"\d{15}", mid):
                up = upgrade15(mid)
                assert ric.calc_check_digit(up) == up[17]
        stdnum_note = "check digits agree with stdnum"

    return (
        f"{path.name}: {n_records} records; SY2012 births {len(in_year)}, "
        f"in policy {n_in} ({100 * n_in / len(in_year):.2f}%), out-of-policy order>=3 "
        f"{out_multi}, male {male} / female {female} (ratio {100 * male / female:.2f}); "
        f"outside SY2012 {len(outside)}; defects at rows "
        + ", ".join(f"{k}={v}" for k, v in sorted(where.items(), key=lambda kv: kv[1]))
        + f"; {stdnum_note}"
    )


# == Companion files: fee ledger, field-check survey, checked list, population =============
#
# Each file draws from its own random.Random, created after the register is built, so the
# births stream above (and births.csv) is untouched by them.

FEES_OUT = OUT.with_name("fees.csv")
SURVEY_OUT = OUT.with_name("survey.csv")
CHECKED_OUT = OUT.with_name("checked.csv")
POPULATION_OUT = OUT.with_name("population.csv")
FEES_SEED = SEED + 1
SURVEY_SEED = SEED + 2
POPULATION_SEED = SEED + 3

SEX_CODES = {"男": True, "1": True, "女": False, "2": False}
POLICY_CODES = {"政策内": True, "符合": True, "政策外": False, "不符合": False}
SY2011 = (dt.date(2010, 10, 1), dt.date(2011, 9, 30))


def in_sy2012(day: dt.date) -> bool:
    return SY_START <= day <= SY_END


def render_as(rows: list[list[str]], encoding: str, newline: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows(rows)
    return buf.getvalue().encode(encoding)


def read_rows(path: Path, encoding: str) -> list[list[str]]:
    raw = path.read_bytes()
    if encoding == ENCODING:
        assert raw.count(b"\n") == raw.count(b"\r\n"), path  # CRLF throughout
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh))


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def person_id(rng: random.Random, area: str, dob: dt.date, male: bool, used: set[str]) -> str:
    """A valid 18-character ID not yet in `used` (17-digit bodies); digit 17 odd = male."""
    while True:
        digit = rng.choice("13579" if male else "02468")
        body = area + dob.strftime("%Y%m%d") + f"{rng.randrange(100):02d}{digit}"
        if body not in used:
            used.add(body)
            return body + check_char(body)


def dob_for_age(rng: random.Random, day: dt.date, lo: int, hi: int) -> dt.date:
    age = rng.randint(lo, hi)
    dob = shift_years(day, -age) - dt.timedelta(days=rng.randint(0, 360))
    assert age_at(dob, day) == age
    return dob


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def mixed_date(rng: random.Random, day: dt.date) -> str:
    """Mostly ISO, with a few slash and Chinese dates, as typed into a spreadsheet."""
    x = rng.random()
    return fmt_date(day, "iso" if x < 0.86 else "slash" if x < 0.94 else "cn")


def stdnum_agrees(ids: list[str]) -> None:
    """Cross-check 18-character IDs against python-stdnum when it is installed."""
    try:
        from stdnum.cn import ric
    except ImportError:
        return
    for mid in ids:
        assert ric.calc_check_digit(mid) == mid[17], mid


@dataclass(frozen=True)
class RegisterBirth:
    row: int
    code: str
    township: str
    village: str
    mother_name: str
    id_text: str  # as written in the register (15 or 18 characters)
    mother_id: str  # 18 characters (legacy numbers upgraded)
    birth: dt.date
    male: bool
    order: int
    in_policy: bool


def register_births(rows: list[list[str]], where: dict[str, int]) -> list[RegisterBirth]:
    """The register's valid, non-duplicate records of every period, as the tool keeps them."""
    dropped = {where[k] for k in ("bad_check", "sci", "bad_date", "duplicate", "blank", "total")}
    out: list[RegisterBirth] = []
    for rownum, row in enumerate(rows[2:], start=3):
        if rownum in dropped:
            continue
        mid, birth = parse_id(row[5]), parse_date(row[6])
        assert mid is not None and birth is not None, rownum
        out.append(
            RegisterBirth(
                rownum,
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                mid,
                birth,
                SEX_CODES[row[7]],
                int(row[8]),
                POLICY_CODES[row[9]],
            )
        )
    assert sum(in_sy2012(b.birth) for b in out) == N_VALID
    return out


# -- fees.csv: 社会抚养费征收台账 ------------------------------------------------------------

FEE_TITLE = "远安县社会抚养费征收台账(2011-2012年度)"
FEE_HEADER = [
    "案件编号",
    "统计用区划代码",
    "乡镇(街道)",
    "村(居)委会",
    "当事人身份证号",
    "征收决定日期",
    "应征金额(万元)",
    "实征金额(万元)",
    "最后缴款日期",
    "申请强制执行",
]
# Statistical year 2012, after the invalid row and the repeated case are removed.
FEE_CASES = 140
FEE_WAIVED = 1  # assessed 0 (免征): a case, left out of the settlement rate
FEE_FULL = 45  # collected = assessed
FEE_NONE = 20  # assessed > 0, nothing collected
FEE_PARTIAL = FEE_CASES - FEE_WAIVED - FEE_FULL - FEE_NONE  # 74
FEE_ENFORCED = 10  # 申请强制执行 = 是, all among the unpaid
FEE_ASSESSED = 10_401_000  # yuan
FEE_COLLECTED = 7_160_000  # yuan -> 征收到位率 68.84%
FEE_OLD = 15  # cases decided in statistical year 2011
FEE_LAST_DAY = dt.date(2012, 12, 28)  # the ledger was exported then: no later payment


@dataclass
class FeeCase:
    kind: str  # sy2012 | sy2011 | invalid | duplicate
    decided: dt.date
    village: tuple[str, str, str]  # code, township, name
    payer: str
    assessed: int  # whole yuan
    collected: int
    paid: dt.date | None = None
    enforcement: str = ""
    decided_text: str = ""
    paid_text: str = ""
    assessed_text: str = ""
    collected_text: str = ""
    case_id: str = ""

    def cells(self) -> list[str]:
        return [
            self.case_id,
            *self.village,
            self.payer,
            self.decided_text,
            self.assessed_text,
            self.collected_text,
            self.paid_text,
            self.enforcement,
        ]


def wan(yuan: int, rng: random.Random) -> str:
    """Whole yuan written in 万元: `4.6896`, `5`, `3.25`, sometimes with four fixed decimals."""
    if rng.random() < 0.15:
        return f"{yuan // 10000}.{yuan % 10000:04d}"
    return f"{(Decimal(yuan) / 10000).normalize():f}"


def scaled_amounts(rng: random.Random, n: int, total: int) -> list[int]:
    """n assessments in whole yuan (about 30% round to 1,000) summing to exactly `total`."""
    raw = [min(max(rng.lognormvariate(math.log(62000), 0.55), 9000.0), 260000.0) for _ in range(n)]
    scale = total / sum(raw)
    out = [int(round(r * scale, -3)) if rng.random() < 0.3 else round(r * scale) for r in raw]
    out[out.index(max(out))] += total - sum(out)
    assert sum(out) == total and min(out) > 0
    return out


def partial_amounts(rng: random.Random, assessed: list[int], total: int) -> list[int]:
    """Instalments (whole 100 yuan) strictly between 0 and each assessment, summing to `total`."""
    raw = [a * rng.uniform(0.2, 0.9) for a in assessed]
    scale = total / sum(raw)
    out = [
        int(min(max(100, round(r * scale, -2)), a - 100))
        for r, a in zip(raw, assessed, strict=True)
    ]
    diff = total - sum(out)
    if diff > 0:
        i = max(range(len(out)), key=lambda k: assessed[k] - out[k])
    else:
        i = max(range(len(out)), key=lambda k: out[k])
    out[i] += diff
    assert sum(out) == total
    assert all(0 < c < a for c, a in zip(out, assessed, strict=True))
    return out


def build_fees(births: list[RegisterBirth]) -> tuple[list[list[str]], dict[str, int]]:
    rng = random.Random(FEES_SEED)
    in_year = [b for b in births if in_sy2012(b.birth)]
    counts = Counter(b.code for b in in_year)
    villages = sorted({(b.code, b.township, b.village) for b in births})
    weights = [counts[v[0]] for v in villages]
    used: set[str] = set()

    def payer(day: dt.date) -> str:
        area = COUNTY if rng.random() < 0.9 else "420506"  # a few from 夷陵区
        return person_id(rng, area, dob_for_age(rng, day, 22, 45), rng.random() < 0.5, used)

    def new_case(kind: str, start: dt.date, end: dt.date) -> FeeCase:
        day = random_day(rng, start, end)
        village = rng.choices(villages, weights=weights)[0]
        return FeeCase(kind, day, village, payer(day), 0, 0)

    # Statistical year 2012: out-of-policy register births decided on in the year (the
    # mother is the payer), then other cases (earlier births, unmarried births, inflow).
    cases: list[FeeCase] = []
    for b in in_year:
        if not b.in_policy and b.birth <= dt.date(2012, 8, 15):
            used.add(b.mother_id[:17])
            day = b.birth + dt.timedelta(days=rng.randint(20, 45))
            cases.append(FeeCase("sy2012", day, (b.code, b.township, b.village), b.mother_id, 0, 0))
    while len(cases) < FEE_CASES:
        cases.append(new_case("sy2012", SY_START, SY_END))
    labels = (
        ["waived"] * FEE_WAIVED
        + ["full"] * FEE_FULL
        + ["none"] * FEE_NONE
        + ["partial"] * FEE_PARTIAL
    )
    rng.shuffle(labels)
    charged = [c for c, lab in zip(cases, labels, strict=True) if lab != "waived"]
    for case, amount in zip(charged, scaled_amounts(rng, len(charged), FEE_ASSESSED), strict=True):
        case.assessed = amount
    by_label = {lab: [c for c, x in zip(cases, labels, strict=True) if x == lab] for lab in labels}
    for case in by_label["full"]:
        case.collected = case.assessed
    full_sum = sum(c.assessed for c in by_label["full"])
    partial = by_label["partial"]
    for case, amount in zip(
        partial,
        partial_amounts(rng, [c.assessed for c in partial], FEE_COLLECTED - full_sum),
        strict=True,
    ):
        case.collected = amount
    enforced = rng.sample(by_label["none"], FEE_ENFORCED)

    # Statistical year 2011: cases still on the ledger; one collected more than assessed
    # (a late-payment surcharge entered with the fee).
    old_labels = ["full"] * 6 + ["partial"] * 5 + ["none"] * 3 + ["over"]
    rng.shuffle(old_labels)
    old = [new_case("sy2011", *SY2011) for _ in old_labels]
    for case, lab in zip(old, old_labels, strict=True):
        case.assessed = round(rng.lognormvariate(math.log(60000), 0.5))
        case.collected = {
            "full": case.assessed,
            "partial": int(round(case.assessed * rng.uniform(0.2, 0.8), -2)),
            "none": 0,
            "over": case.assessed + int(round(case.assessed * 0.05, -1)),
        }[lab]
    enforced.append(next(c for c, lab in zip(old, old_labels, strict=True) if lab == "none"))

    # One invalid row: the amount was still to be decided when the ledger was exported.
    invalid = new_case("invalid", SY_START, SY_END)
    invalid.assessed_text = "待定"
    invalid.collected_text = "0"

    body = sorted([*cases, *old, invalid], key=lambda c: (c.decided, c.village[0], c.payer))
    for case in body:
        if case.collected:
            days = (FEE_LAST_DAY - case.decided).days
            case.paid = case.decided + dt.timedelta(days=rng.randint(min(7, days), min(240, days)))
            case.paid_text = mixed_date(rng, case.paid)
        case.decided_text = mixed_date(rng, case.decided)
        case.assessed_text = case.assessed_text or wan(case.assessed, rng)
        case.collected_text = case.collected_text or wan(case.collected, rng)
        if case in enforced:
            case.enforcement = "是"
        elif case.kind != "invalid":
            case.enforcement = "否" if rng.random() < 0.7 else ""

    # Case numbers run by calendar year of the decision. The ledger keeps only some of the
    # 2010-2011 cases, so their numbers have gaps; from October 2011 on every case is listed.
    numbers = {2010: rng.randint(60, 80), 2011: 0, 2012: 0}
    for case in body:
        numbers[case.decided.year] += rng.randint(1, 6) if case.kind == "sy2011" else 1
        case.case_id = f"远计征〔{case.decided.year}〕第{numbers[case.decided.year]:03d}号"

    # The repeated case: a part-paid case entered again when the last instalment came in.
    late = [c for c in partial if c.paid is not None and (FEE_LAST_DAY - c.paid).days >= 20]
    original = rng.choice(late)
    assert original.paid is not None
    duplicate = replace(
        original,
        kind="duplicate",
        collected=original.assessed,
        collected_text=original.assessed_text,
        paid=original.paid + dt.timedelta(days=rng.randint(10, 20)),
    )
    assert duplicate.paid is not None
    duplicate.paid_text = duplicate.paid.isoformat()

    # Two amounts with a trailing space, as typed.
    for case, column in zip(
        rng.sample([c for c in cases if c is not original and c.collected], 2),
        ("assessed_text", "collected_text"),
        strict=True,
    ):
        setattr(case, column, getattr(case, column) + " ")

    ncols = len(FEE_HEADER)
    rows: list[list[str]] = [[FEE_TITLE] + [""] * (ncols - 1), list(FEE_HEADER)]
    where: dict[str, int] = {}
    for case in [*body, duplicate]:
        rows.append(case.cells())
        if case.kind in ("invalid", "duplicate"):
            where[case.kind] = len(rows)
        if case is original:
            where["duplicate_of"] = len(rows)
        if case.collected > case.assessed:
            where["over"] = len(rows)
    return rows, where


def wan_to_yuan(text: str) -> int:
    value = Decimal(text.strip()) * 10000
    assert value == value.to_integral_value(), text
    return int(value)


def fee_check(path: Path, where: dict[str, int]) -> dict[str, object]:
    """Re-read fees.csv and recompute the statistical-year-2012 figures independently."""
    rows = read_rows(path, ENCODING)
    assert rows[0][0] == FEE_TITLE and rows[1] == FEE_HEADER
    seen: dict[str, int] = {}
    rejected: list[int] = []
    duplicates: dict[int, int] = {}
    over: list[int] = []
    kept: list[tuple[dt.date, int, int, str]] = []
    for rownum, row in enumerate(rows[2:], start=3):
        assert len(row) == len(FEE_HEADER) and re.fullmatch(r"远计征〔20\d\d〕第\d{3}号", row[0])
        assert parse_id(row[4]) == row[4], rownum  # valid 18-character payer IDs
        decided = parse_date(row[5])
        assert decided is not None and row[9] in {"是", "否", ""}
        try:
            assessed, collected = wan_to_yuan(row[6]), wan_to_yuan(row[7])
        except ArithmeticError:
            rejected.append(rownum)
            continue
        if row[0] in seen:
            duplicates[rownum] = seen[row[0]]
            continue
        seen[row[0]] = rownum
        assert (collected > 0) == bool(row[8]), rownum
        if collected > assessed:
            over.append(rownum)
        kept.append((decided, assessed, collected, row[9]))
    stdnum_agrees([row[4] for row in rows[2:]])
    assert rejected == [where["invalid"]] and duplicates == {
        where["duplicate"]: where["duplicate_of"]
    }
    assert over == [where["over"]]
    old = [k for k in kept if SY2011[0] <= k[0] <= SY2011[1]]
    year = [k for k in kept if in_sy2012(k[0])]
    assert len(old) == FEE_OLD and len(old) + len(year) == len(kept)
    assessed_sum = sum(a for _, a, _, _ in year)
    collected_sum = sum(min(c, a) for _, a, c, _ in year)
    assert collected_sum == sum(c for _, _, c, _ in year)  # nobody over-paid in 2012
    charged = [(a, c) for _, a, c, _ in year if a > 0]
    settled = sum(c >= a for a, c in charged)
    figures: dict[str, object] = {
        "cases": len(year),
        "assessed": assessed_sum,
        "collected": collected_sum,
        "outstanding": sum(max(a - c, 0) for _, a, c, _ in year),
        "rate": 100 * collected_sum / assessed_sum,
        "charged": len(charged),
        "settled": settled,
        "settlement_rate": 100 * settled / len(charged),
        "enforcement": sum(e == "是" for *_, e in year),
        "partly": sum(0 < c < a for a, c in charged),
        "unpaid": sum(c == 0 for _, c in charged),
    }
    assert figures["cases"] == FEE_CASES and assessed_sum == FEE_ASSESSED
    assert collected_sum == FEE_COLLECTED and settled == FEE_FULL
    assert figures["enforcement"] == FEE_ENFORCED and len(charged) == FEE_CASES - FEE_WAIVED
    return figures


# -- survey.csv and checked.csv: a field check of six villages -----------------------------

SURVEY_TITLE = "远安县2012年度出生人口抽样调查登记表"
SURVEY_HEADER = HEADER[1:10]  # the register's columns but 序号, 上报日期 and 户籍性质
SURVEY_VILLAGES = 6
SURVEY_MATCHED = 144  # every SY2012 register birth of the six villages
SURVEY_MISSED = 11  # births the register lacks (漏报)
SURVEY_ERRORS = {"sex": 2, "order": 2, "date": 3, "policy": 1}
MATCH_WINDOW = 90


def pick_survey_villages(
    rng: random.Random, births: list[RegisterBirth], avoid: set[str]
) -> list[str]:
    """Six villages whose SY2012 register births sum to 144, spread over most townships.

    Villages holding a rejected register row are avoided: the check would find that birth
    and it would count as under-reported."""
    counts = Counter(b.code for b in births if in_sy2012(b.birth))
    pool = sorted((c for c in counts if c not in avoid), key=lambda c: (-counts[c], c))[:20]
    combos = [
        combo
        for combo in itertools.combinations(pool, SURVEY_VILLAGES)
        if sum(counts[c] for c in combo) == SURVEY_MATCHED
    ]
    spread = max(len({c[:9] for c in combo}) for combo in combos)
    return sorted(rng.choice([c for c in combos if len({x[:9] for x in c}) == spread]))


@dataclass
class SurveyBirth:
    kind: str  # same | sex | order | date | policy | legacy | missed
    code: str
    township: str
    village: str
    mother_name: str
    id_text: str
    birth: dt.date
    male: bool
    order: int
    in_policy: bool

    def cells(self, rng: random.Random) -> list[str]:
        return [
            self.code,
            self.township,
            self.village,
            self.mother_name,
            self.id_text,
            mixed_date(rng, self.birth),
            "男" if self.male else "女",
            str(self.order),
            "政策内" if self.in_policy else "政策外",
        ]


def build_survey(
    births: list[RegisterBirth], avoid: set[str]
) -> tuple[list[list[str]], list[str], dict[str, int]]:
    rng = random.Random(SURVEY_SEED)
    codes = pick_survey_villages(rng, births, avoid)
    found = [b for b in births if b.code in codes and in_sy2012(b.birth)]
    assert len(found) == SURVEY_MATCHED
    per_mother = Counter(b.mother_id for b in births)
    plain = [b for b in found if per_mother[b.mother_id] == 1 and len(b.id_text) == 18]
    # Births with a deliberate difference, all distinct (never the twins).
    legacy = rng.choice(plain)
    chosen = {legacy.row}

    def take(n: int, ok: Callable[[RegisterBirth], bool] = lambda b: True) -> list[RegisterBirth]:
        pool = [b for b in plain if b.row not in chosen and ok(b)]
        out = rng.sample(pool, n)
        chosen.update(b.row for b in out)
        return out

    errors = {
        "sex": take(SURVEY_ERRORS["sex"]),
        "order": take(SURVEY_ERRORS["order"], lambda b: b.in_policy and b.order in (1, 2)),
        "date": take(SURVEY_ERRORS["date"]),
        "policy": take(SURVEY_ERRORS["policy"], lambda b: b.in_policy and b.order == 2),
    }
    kind_of = {b.row: k for k, bs in errors.items() for b in bs}
    kind_of[legacy.row] = "legacy"
    out: list[SurveyBirth] = []
    for b in found:
        kind = kind_of.get(b.row, "same")
        rec = SurveyBirth(
            kind,
            b.code,
            b.township,
            b.village,
            b.mother_name,
            b.mother_id,
            b.birth,
            b.male,
            b.order,
            b.in_policy,
        )
        if kind == "legacy":
            rec.id_text = b.mother_id[:6] + b.mother_id[8:17]  # the same person's 15-digit number
        elif kind == "sex":
            rec.male = not b.male
        elif kind == "order":
            rec.order = 3 - b.order
        elif kind == "date":
            delta = dt.timedelta(days=rng.randint(3, 20))
            rec.birth = b.birth + delta if in_sy2012(b.birth + delta) else b.birth - delta
            assert in_sy2012(rec.birth)
        elif kind == "policy":
            rec.in_policy = not b.in_policy
        out.append(rec)
    # Births the register lacks: new mothers in the same villages.
    used = {b.mother_id[:17] for b in births}
    names = {c: (b.township, b.village) for b in found for c in [b.code]}
    for _ in range(SURVEY_MISSED):
        code = rng.choice(codes)
        day = random_day(rng, SY_START, SY_END)
        order = rng.choices([1, 2], weights=[55, 45])[0]
        in_policy = order == 1 or rng.random() < 0.75
        dob = dob_for_age(rng, day, 20, 32 if order == 1 else 38)
        out.append(
            SurveyBirth(
                "missed",
                code,
                *names[code],
                person_name(rng),
                person_id(rng, COUNTY, dob, False, used),
                day,
                rng.random() < 0.52,
                order,
                in_policy,
            )
        )
    out.sort(key=lambda r: (r.code, r.birth, r.order, r.id_text))
    ncols = len(SURVEY_HEADER)
    rows = [[SURVEY_TITLE] + [""] * (ncols - 1), list(SURVEY_HEADER)]
    rows += [r.cells(rng) for r in out]
    info = {
        "legacy_row": next(i for i, r in enumerate(out, start=3) if r.kind == "legacy"),
        "register_legacy": sum(len(b.id_text) == 15 for b in found),
        "register_twins": sum(per_mother[b.mother_id] > 1 for b in found),
    }
    return rows, codes, info


def survey_check(path: Path, checked_path: Path, births: list[RegisterBirth]) -> dict[str, object]:
    """Re-read survey.csv and checked.csv, match per docs/indicators.md, recompute the figures."""
    rows = read_rows(path, ENCODING)
    assert rows[0][0] == SURVEY_TITLE and rows[1] == SURVEY_HEADER
    checked = [r[0] for r in read_rows(checked_path, "utf-8")]
    assert checked[0] == "统计用区划代码" and len(checked) == SURVEY_VILLAGES + 1
    codes = set(checked[1:])
    survey = []
    for row in rows[2:]:
        mid, day = parse_id(row[4]), parse_date(row[5])
        assert mid is not None and day is not None and row[0] in codes
        survey.append((mid, day, SEX_CODES[row[6]], int(row[7]), POLICY_CODES[row[8]]))
    stdnum_agrees([s[0] for s in survey])
    pairs = sorted(
        (abs((s[1] - b.birth).days), s[3] != b.order, s[2] != b.male, i, j)
        for i, s in enumerate(survey)
        for j, b in enumerate(births)
        if s[0] == b.mother_id and abs((s[1] - b.birth).days) <= MATCH_WINDOW
    )
    match: dict[int, int] = {}
    for *_, i, j in pairs:
        if i not in match and j not in match.values():
            match[i] = j
    counted = [i for i, s in enumerate(survey) if in_sy2012(s[1])]
    register = [j for j, b in enumerate(births) if b.code in codes and in_sy2012(b.birth)]
    s_n, r_n = len(counted), len(register)
    m = [i for i in counted if i in match]
    errs = {
        "sex": sum(survey[i][2] != births[match[i]].male for i in m),
        "order": sum(survey[i][3] != births[match[i]].order for i in m),
        "date": sum(survey[i][1] != births[match[i]].birth for i in m),
        "policy": sum(survey[i][4] != births[match[i]].in_policy for i in m),
    }
    missed = s_n - len(m)
    figures: dict[str, object] = {
        "villages": len(codes),
        "survey": s_n,
        "register": r_n,
        "matched": len(m),
        "missed": missed,
        "unconfirmed": len(set(register) - set(match.values())),
        "underreport_rate": 100 * missed / s_n,
        "underreport_rate_reported": 100 * missed / r_n,
        "accuracy": 100 - abs(r_n - s_n) / s_n * 100,
        **{f"{k}_errors": v for k, v in errs.items()},
        "legacy_ids": sum(len(r[4]) == 15 for r in rows[2:]),
    }
    assert (s_n, r_n, len(m), missed) == (155, 144, 144, 11), figures
    assert figures["unconfirmed"] == 0 and errs == SURVEY_ERRORS, figures
    return figures


def checked_bytes(codes: list[str]) -> bytes:
    """UTF-8 without BOM, LF line ends: a list typed in a text editor, not an Excel export."""
    return ("\n".join(["统计用区划代码", *codes]) + "\n").encode("utf-8")


# -- population.csv: township average population by statistical year ---------------------

POPULATION_HEADER = ["统计用区划代码", "乡镇(街道)", "统计年度", "年平均人口"]
# 年平均人口 of statistical year 2012; 2011 and 2013 are drawn around it.
POPULATION_2012 = {
    "420525100": 53412,  # 鸣凤镇, the county seat
    "420525101": 23786,
    "420525102": 27305,
    "420525103": 29164,
    "420525104": 20918,
    "420525105": 18247,
    "420525200": 15368,
}
POPULATION_TOTAL_2012 = 188200  # 1562 / 188200 × 1000 = 8.30‰


def build_population() -> list[list[str]]:
    rng = random.Random(POPULATION_SEED)
    names = {code: name for name, code, _, _ in TOWNSHIPS}
    by_year: dict[int, dict[str, int]] = {2011: {}, 2012: dict(POPULATION_2012), 2013: {}}
    for code, pop in POPULATION_2012.items():  # a slowly shrinking rural population
        by_year[2011][code] = round(pop * (1 + rng.uniform(0.002, 0.009)))
        by_year[2013][code] = round(pop * (1 - rng.uniform(0.001, 0.007)))
    rows = [list(POPULATION_HEADER)]
    for year, pops in by_year.items():
        for code, pop in pops.items():
            rows.append([code + "000", names[code], str(year), str(pop)])
    return rows


def population_check(path: Path, births: list[RegisterBirth]) -> dict[str, object]:
    rows = read_rows(path, ENCODING)
    assert rows[0] == POPULATION_HEADER and len(rows) == 1 + 7 * 3
    pops: dict[int, dict[str, tuple[str, int]]] = {}
    for code, name, year, pop in rows[1:]:
        assert re.fullmatch(COUNTY + r"\d{3}000", code)
        pops.setdefault(int(year), {})[code[:9]] = (name, int(pop))
    totals = {y: sum(p for _, p in v.values()) for y, v in pops.items()}
    assert totals[2012] == POPULATION_TOTAL_2012 and 185000 <= min(totals.values())
    assert max(totals.values()) <= 190000
    biggest = {max(v.items(), key=lambda kv: kv[1][1])[1][0] for v in pops.values()}
    assert biggest == {"鸣凤镇"}
    counts = Counter(b.code[:9] for b in births if in_sy2012(b.birth))
    return {
        "totals": totals,
        "townships": {
            code: (name, counts[code], pop, 1000 * counts[code] / pop)
            for code, (name, pop) in pops[2012].items()
        },
        "county_rate": 1000 * N_VALID / totals[2012],
    }


def write_companions(rows: list[list[str]], where: dict[str, int]) -> list[str]:
    """Write fees.csv, survey.csv, checked.csv and population.csv; check each; summarise."""
    births = register_births(rows, where)
    fee_rows, fee_where = build_fees(births)
    FEES_OUT.write_bytes(render_as(fee_rows, ENCODING, "\r\n"))
    fees = fee_check(FEES_OUT, fee_where)

    avoid = {rows[where[k] - 1][1] for k in ("bad_check", "sci", "bad_date")}
    survey_rows, codes, info = build_survey(births, avoid)
    SURVEY_OUT.write_bytes(render_as(survey_rows, ENCODING, "\r\n"))
    CHECKED_OUT.write_bytes(checked_bytes(codes))
    survey = survey_check(SURVEY_OUT, CHECKED_OUT, births)

    POPULATION_OUT.write_bytes(render_as(build_population(), ENCODING, "\r\n"))
    pop = population_check(POPULATION_OUT, births)

    t = pop["townships"]
    assert isinstance(t, dict)
    return [
        f"{FEES_OUT.name}: {len(fee_rows) - 2} rows; SY2012 cases {fees['cases']}, assessed "
        f"{fees['assessed']:,} yuan, collected {fees['collected']:,} yuan "
        f"({fees['rate']:.4f}%), outstanding {fees['outstanding']:,}; settled "
        f"{fees['settled']}/{fees['charged']} ({fees['settlement_rate']:.4f}%), partly "
        f"{fees['partly']}, unpaid {fees['unpaid']}, enforcement {fees['enforcement']}; rows "
        + ", ".join(f"{k}={v}" for k, v in sorted(fee_where.items(), key=lambda kv: kv[1])),
        f"{SURVEY_OUT.name}: villages {' '.join(codes)}; survey {survey['survey']}, register "
        f"{survey['register']}, matched {survey['matched']}, missed {survey['missed']} "
        f"({survey['underreport_rate']:.4f}% / {survey['underreport_rate_reported']:.4f}%), "
        f"unconfirmed {survey['unconfirmed']}, errors sex {survey['sex_errors']} order "
        f"{survey['order_errors']} date {survey['date_errors']} policy "
        f"{survey['policy_errors']}, 求实率 {survey['accuracy']:.4f}; 15-digit ID at row "
        f"{info['legacy_row']}; register legacy IDs {info['register_legacy']}, twins "
        f"{info['register_twins']}",
        f"{POPULATION_OUT.name}: totals {pop['totals']}; county 2012 rate "
        f"{pop['county_rate']:.4f}‰; "
        + "; ".join(f"{n} {b}/{p} = {r:.4f}‰" for n, b, p, r in t.values()),
    ]


def main() -> None:
    rows, where = build()
    OUT.write_bytes(render(rows))
    print(self_check(OUT, where))
    for line in write_companions(rows, where):
        print(line)


if __name__ == "__main__":
    main()
