"""The births kernel gives check_births's CheckedBirths field by field (kernel.births)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import JishengError
from tests.helpers import ROOT, chinese_date, cut_ids, mother_id, mutated_id, valid_id15, valid_id18
from tests.kernel.helpers import CORPUS, compare_batches, compare_file, read_batches

SAMPLES = [ROOT / "sample_data" / "births.csv", ROOT / "sample_data" / "survey.csv"]


@pytest.mark.parametrize("block_bytes", [1 << 10, 1 << 13, 4 << 20])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_files_batch_by_batch(path: Path, block_bytes: int) -> None:
    assert compare_file(path, block_bytes) == (1718 if path.name == "births.csv" else 155)


@pytest.mark.parametrize("context", [
    {"period_basis": "report_date"},
    {"date_order": "dmy", "show_personal_data": True},
    {"require_village_code": False, "require_names": True},
], ids=["report_basis", "dmy_shown", "names"])
def test_sample_births_under_other_settings(context: dict[str, object]) -> None:
    assert compare_file(SAMPLES[0], 1 << 12, **context) == 1718


def test_every_corpus_file() -> None:
    compared = []
    for path in CORPUS:
        try:
            kind, batches, as_numbers = read_batches(path, 1 << 11)
        except JishengError:
            continue  # refused at opening (no header, binary, …): no batch to check
        if kind not in ("births", "survey"):
            continue
        for order in (None, "mdy"):
            compare_batches(batches, kind == "survey", ids_as_numbers=as_numbers,
                            date_order=order)
        compared.append(path.name)
    # The corpus holds registers of every damage: most of them reach the checks.
    assert len(compared) >= 25, compared
    assert {"full_width_digits.csv", "padded_ids.csv", "scientific_ids.csv",
            "excel_numbers.csv", "register.csv"} <= set(compared)


# ---- generated registers with defects of every kind ----------------------------------

HEADER = ["序号", "统计用区划代码", "乡镇(街道)", "村(居)委会", "母亲姓名", "母亲身份证号",
          "婴儿出生日期", "婴儿性别", "孩次", "政策属性", "上报日期", "户籍性质"]


@st.composite
def a_date(draw: st.DrawFn) -> str:
    d = draw(st.dates(min_value=date(1949, 12, 1), max_value=date(2027, 1, 31)))
    style = draw(st.sampled_from(["iso", "slash", "compact", "dot", "cn", "cn_zero", "cn_short",
                                  "year_last", "time", "serial", "bad"]))
    if style == "cn":
        return chinese_date(d)
    if style == "cn_zero":
        return chinese_date(d, zero="零", end="号")
    if style == "cn_short":
        return chinese_date(d, short_tens=True, end="")
    if style == "year_last":  # ambiguous without [reading] date_order
        return f"{d.day}/{d.month}/{d.year}"
    if style == "serial":
        return str((d - date(1899, 12, 30)).days)
    if style == "bad":
        return draw(st.sampled_from(["", " ", "2023-02-30", "2023-13", "23-5-1", "2012年3月",
                                     "二〇一二年十三月五日", "昨天", "2023-1-5 25:00", "0"]))
    fmt = {"iso": "%Y-%m-%d", "slash": "%Y/%m/%d", "compact": "%Y%m%d", "dot": "%Y.%m.%d",
           "time": "%Y-%m-%d 0:00"}[style]
    return d.strftime(fmt)


CHILD = "2012-03-05"


def _mothers() -> list[str]:
    # For a child born on CHILD: 50 today (warned), 49, 15 today, 14 (warned); 26;
    # male (odd sequence digit).
    return [mother_id("19620305", 2), mother_id("19620306", 4), mother_id("19970305", 6),
            mother_id("19970306", 8), mother_id("19850301", 2), mother_id("19880808", 3)]


IDS = st.one_of(
    valid_id18(), valid_id15(), mutated_id(), st.sampled_from(_mothers()),
    st.sampled_from(_mothers()),
    st.sampled_from(cut_ids(3) + cut_ids(3, passing=False)),
    st.sampled_from(["", " ", "4.20525E+17", "abc", "４２０５２５１９７８１２３０７１２６",
                     "\u3000420525197812307126\u00a0", "420525 19781230 7126", "42052578123071X"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
)
CELLS = {
    "code": st.sampled_from(["420525100001", "420525100001", "420525100002", "42052510000",
                             "", "4.20525E+11", "４２０５２５１０００００１", "420525100001 "]),
    "township": st.sampled_from(["鸣凤镇", " 鸣凤镇", "", "天福镇"]),
    "village": st.sampled_from(["甲村", " 甲村 ", "", "乙村", "甲\u3000村"]),
    "id": IDS,
    "date": st.one_of(st.just(CHILD), a_date()),
    "sex": st.sampled_from(["男", "女", "女", "1", "2", "9", "", "X", "女性", "2.0", "Ｆ"]),
    "order": st.sampled_from(["1", "1", "2", "3", "", "0", "21", "二孩", "第2孩", "x", "1.0",
                              "十二"]),
    "policy": st.sampled_from(["政策内", "政策外", "政策外", "符合", "", "?", "是", "0"]),
    "report": a_date(),
    "residence": st.sampled_from(["常住", "流入", "", "外星", "户籍人口", " local"]),
}


def _register(rows: list[dict[str, str]], totals: bool, codes: bool = True) -> bytes:
    """A register; without `codes` it has no village code column (name mode: a run
    groups by names only when no input has codes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    kept = [i for i in range(len(HEADER)) if codes or i != 1]
    writer.writerow([HEADER[i] for i in kept])
    for n, r in enumerate(rows, 1):
        cells = [str(n), r["code"], r["township"], r["village"], "张丽", r["id"], r["date"],
                 r["sex"], r["order"], r["policy"], r["report"], r["residence"]]
        writer.writerow([cells[i] for i in kept])
        if totals and n == len(rows) // 2:
            writer.writerow(["合计", *[""] * (len(kept) - 2), str(n)])
    return out.getvalue().encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=40),
    totals=st.booleans(),
    block_bytes=st.sampled_from([1 << 9, 1 << 11, 1 << 20]),
    survey=st.booleans(),
    order=st.sampled_from([None, "dmy", "mdy"]),
    basis=st.sampled_from(["birth_date", "report_date"]),
    names=st.booleans(),
    shown=st.booleans(),
    as_numbers=st.booleans(),
)
def test_generated_registers(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str]], totals: bool,
    block_bytes: int, survey: bool, order: str | None, basis: str, names: bool, shown: bool,
    as_numbers: bool,
) -> None:
    path = tmp_path_factory.mktemp("reg") / "births.csv"
    path.write_bytes(_register(rows, totals, codes=not names))
    try:
        _, batches, _ = read_batches(path, block_bytes)
    except JishengError:
        return  # a register the reader refuses (e.g. every row junk): nothing to check
    compare_batches(batches, survey, date_order=order, period_basis=basis,
                    require_village_code=not names, require_names=names,
                    show_personal_data=shown, ids_as_numbers=as_numbers,
                    as_of=date(2026, 11, 22) - timedelta(days=400 * names))


def test_warnings_hand_computed(tmp_path: Path) -> None:
    """Each warning at its boundary, in the reference's order, on both paths."""
    m50, m49, m15, m14, ok, male = _mothers()
    cells = {"code": "420525100001", "township": "鸣凤镇", "village": "甲村", "date": CHILD,
             "sex": "女", "order": "2", "policy": "政策内", "report": "2012-04-01",
             "residence": "常住"}
    rows = [
        {**cells, "id": m50},  # 2012-03-05 − 1962-03-05: 50 completed years → warned
        {**cells, "id": m49},  # one day short of 50: 49 → no warning
        {**cells, "id": m15},  # 15 that day → no warning
        {**cells, "id": m14},  # one day short of 15: 14 → warned
        {**cells, "id": male, "order": "1", "policy": "政策外", "residence": "外星"},
        {**cells, "id": ok, "order": "1", "policy": "政策外", "sex": "X"},  # rejected: sex
    ]
    path = tmp_path / "births.csv"
    path.write_bytes(_register(rows, False))
    _, batches, _ = read_batches(path, 1 << 20)
    from dataclasses import replace

    from jisheng_cli.checks.births import check_births
    from jisheng_cli.checks.common import CheckContext

    ctx = CheckContext(path="f.csv", as_of=date(2026, 11, 22))
    got = check_births(batches[0], replace(ctx, kernel=True))
    assert [(f.row, f.code) for f in got.findings] == [
        (7, "unknown_sex_code"),  # errors first (split_rows), then warnings by row and code
        (2, "mother_age_implausible"), (5, "mother_age_implausible"),
        (6, "first_birth_out_of_policy"), (6, "mother_id_male"), (6, "unknown_residence_code"),
    ]
    assert got.n_rejected == 1 and len(got) == 5
    assert compare_batches(batches, False) == 6
