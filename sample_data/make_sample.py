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

Run: ``python sample_data/make_sample.py`` (stdlib only, deterministic).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
from dataclasses import dataclass, replace
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


def main() -> None:
    rows, where = build()
    OUT.write_bytes(render(rows))
    print(self_check(OUT, where))


if __name__ == "__main__":
    main()
