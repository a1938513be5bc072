"""Shared test builders: run the library on small CSV texts, build registers and ID
numbers. Test modules import from here, never from one another or from a conftest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from jisheng_cli.config import Config, Definitions
from jisheng_cli.periods import Period, period_from_options
from jisheng_cli.pipeline import Outcome, run
from jisheng_cli.readers.sources import parse_sources
from jisheng_cli.records.ids import calc_check_digit
from jisheng_cli.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SAMPLE = ROOT / "sample_data" / "births.csv"
AS_OF = date(2026, 11, 22)


def compute(
    paths: list[str | Path],
    *,
    year: str | None = None,
    period: Period | None = None,
    by: list[str] | None = None,
    definitions: dict[str, object] | None = None,
    targets: dict[str, object] | None = None,
    reading: dict[str, object] | None = None,
    block_bytes: int = 4 << 20,
    as_of: date = AS_OF,
    show_personal_data: bool = False,
    compute: bool = True,
    engine: str = "pandas",
    scheduler: str | None = None,
    partition_bytes: int = 64 << 20,
    kernel: str | None = None,
    indicators: list[str] | None = None,
) -> Outcome:
    config = Config.model_validate(
        {"definitions": Definitions.model_validate(definitions or {}).model_dump(),
         "targets": targets or {}, "reading": reading or {}}
    )
    settings = Settings(
        as_of=as_of,
        period=period or period_from_options(year, None, None),
        by=by or ["total"],
        config=config,
        block_bytes=block_bytes,
        show_personal_data=show_personal_data,
        compute=compute,
        engine=engine,
        scheduler=scheduler,
        partition_bytes=partition_bytes,
        indicators=indicators,
    )
    if kernel is not None:  # else Settings' default: JISHENG_KERNEL, or auto by size
        settings.kernel = kernel
    return run(parse_sources([str(p) for p in paths]), settings)


def row(outcome: Outcome, indicator: str, level: str = "total", code: str | None = None,
        year: int | None = None) -> dict[str, object]:
    found = [
        r.to_dict() for r in outcome.report.rows
        if r.indicator == indicator and r.group_level == level
        and (code is None or r.group_code == code) and r.year == year
    ]
    assert len(found) == 1, (indicator, level, code, year, len(found))
    return found[0]


HEADER = "统计用区划代码,乡镇,村名,母亲姓名,母亲身份证号,出生日期,性别,孩次,政策属性"


def mother_id(birth: str = "19900101", seq: int = 2) -> str:
    """A valid ID number of a woman (even sequence digit) of 远安县 born on `birth`."""
    first17 = f"420525{birth}{seq:03d}"
    return first17 + calc_check_digit(first17)


def mid(n: int, birth: str = "19900101") -> str:
    """The n-th distinct mother born on `birth`."""
    return mother_id(birth, (2 * n) % 1000)


def mother(n: int) -> str:
    """A distinct mother per n (birth date varies too, so 500+ mothers stay distinct)."""
    return mid(n, f"{1980 + n // 500}0{1 + n % 9}{10 + n % 18:02d}")


def birth(code: str, id_: str, date: str, sex: str = "男", order: str = "1",
          policy: str = "政策内") -> str:
    return ",".join([code, "鸣凤镇", f"村{code[-3:]}", "张丽", id_, date, sex, order, policy])


# ID numbers for property tests: valid ones, and valid ones damaged as registers damage them.
@st.composite
def valid_id18(draw: st.DrawFn) -> str:
    area = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    born = draw(st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)))
    seq = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    first17 = area + born.strftime("%Y%m%d") + seq
    return first17 + calc_check_digit(first17)


@st.composite
def valid_id15(draw: st.DrawFn) -> str:
    area = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)))
    seq = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    return area + born.strftime("%y%m%d") + seq


_FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


@st.composite
def mutated_id(draw: st.DrawFn) -> str:
    """A valid number damaged the way real registers damage them."""
    value = draw(st.one_of(valid_id18(), valid_id15()))
    kind = draw(
        st.sampled_from(
            ["replace", "delete", "insert", "lower", "pad", "space", "full", "sci", "date",
             "cut"]
        )
    )
    pos = draw(st.integers(min_value=0, max_value=len(value) - 1))
    if kind == "replace":
        ch = draw(st.sampled_from("0123456789XxA "))
        return value[:pos] + ch + value[pos + 1 :]
    if kind == "delete":
        return value[:pos] + value[pos + 1 :]
    if kind == "insert":
        return value[:pos] + draw(st.sampled_from("0123456789X\u3000 \t")) + value[pos:]
    if kind == "lower":
        return value.lower()
    if kind == "pad":
        left = draw(st.sampled_from(["", " ", "\u3000", "\ufeff", "\u00a0", "\t"]))
        right = draw(st.sampled_from(["", " ", "\u3000", "\r\n", "\x1f"]))
        return left + value + right
    if kind == "space":
        return value[:6] + " " + value[6:14] + " " + value[14:]
    if kind == "full":
        return value.translate(_FULL_WIDTH)
    if kind == "cut":  # stored as a number by a spreadsheet: 15 significant digits kept
        return value[:15] + "0" * (len(value) - 15)
    if kind == "sci":
        return f"{int(value[:17]) * 10:.5E}".replace("E+", draw(st.sampled_from(["E+", "e"])))
    # Overwrite the embedded birth date with a random (often impossible) one.
    width = 8 if len(value) == 18 else 6
    fake = draw(st.text(alphabet="0123456789", min_size=width, max_size=width))
    return value[:6] + fake + value[6 + width :]


def cut_ids(n: int, passing: bool = True) -> list[str]:
    """n numbers as a spreadsheet leaves 18-digit IDs (ending in 000) that pass their
    check by chance (or fail it), distinct by the birth date inside."""
    found = []
    for day in range(1, 29):
        for month in range(1, 13):
            first17 = f"4205251985{month:02d}{day:02d}000"
            if (calc_check_digit(first17) == "0") == passing:
                found.append(first17 + "0")
    return found[:n]


id_like_text = st.one_of(
    valid_id18(),
    valid_id15(),
    mutated_id(),
    st.text(),
    st.text(alphabet="0123456789Xx \u3000", min_size=13, max_size=20),
    st.just(""),
)


# Three villages of 远安县 and a field check of them.
A, B, C = "420525100201", "420525100202", "420525101201"


def day(n: int) -> str:
    return f"2023-{1 + n % 9:02d}-{1 + n % 28:02d}"


def check_of(villages: tuple[tuple[str, int, int], ...]) -> tuple[list[str], list[str]]:
    """(register lines, survey lines): per (village, registered, extra), every registered
    birth is found by the check, plus `extra` births the register lacks."""
    register, found = [], []
    n = 0
    for code, count, extra in villages:
        for _ in range(count):
            line = birth(code, mother(n), day(n))
            register.append(line)
            found.append(line)
            n += 1
        for _ in range(extra):
            found.append(birth(code, mother(n), day(n)))
            n += 1
    return register, found


def evaluate_terms(indicator: str, terms: dict[str, int], **definitions: object) -> object:
    """One indicator's value for a total group with the given terms (one checked village)."""
    import pandas as pd

    from jisheng_cli.config import Definitions
    from jisheng_cli.groups import GroupTable
    from jisheng_cli.indicators.evaluate import Aggregate, Extras, all_formulas, evaluate

    d = Definitions.model_validate(definitions)
    agg = Aggregate("total", "", None, terms, (0,))
    extras = Extras(village_terms=pd.DataFrame(), checked={0})
    return evaluate(all_formulas(d)[indicator], agg, d, extras, GroupTable(True))


def template_fields(template: str) -> set[str]:
    """The `{field}` names of a message template."""
    import string

    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_date(d: date, zero: str = "〇", end: str = "日", short_tens: bool = False) -> str:
    """`d` as a clerk writes it in Chinese numerals: the year digit by digit (二〇一二, with
    `zero` for 0), month and day counted (十二, 三十一; 廿五, 卅一 with `short_tens`)."""

    def counted(n: int) -> str:
        tens, units = divmod(n, 10)
        if tens == 0:
            head = ""
        elif short_tens and tens >= 2:
            head = "廿卅"[tens - 2]
        else:
            head = ("" if tens == 1 else _CN_DIGITS[tens]) + "十"
        return head + (_CN_DIGITS[units] if units else "")

    year = "".join(_CN_DIGITS[int(c)] for c in f"{d.year:04d}").replace("〇", zero)
    return f"{year}年{counted(d.month)}月{counted(d.day)}{end}"
