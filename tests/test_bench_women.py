"""benchmarks/generate_women.py at 2,000 rows: the header the checks accept, codes in their
accepted spellings, women's IDs with real check characters, the repeated women and the
defects it says it built in, and the same bytes for the same seed."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jisheng_cli.records.ids import calc_check_digit
from tests.helpers import ROOT

HEADER = ("身份证号,姓名,统计用区划代码,乡镇(街道),村(居)委会,婚姻状况,结婚日期,现有子女数,"
          "节育措施,丈夫节育措施,措施落实日期,未避孕原因,人口类别,重点对象,婚育证明办证日期,婚育证明查验日期,"
          "最近联系日期,环孕检日期,出队日期,信息截止日期").split(",")
MARITAL = {"10", "20", "21", "22", "23", "30", "40", "已婚", "初婚", "离婚"}
METHODS = {"男扎", "女扎", "上环", "皮埋", "口服药", "避孕针", "避孕套", "外用药", "其他", "无"}
REASONS = {"现孕", "产后", "待孕", "绝经", "不孕"}
DATE_STYLES = {"iso": r"(\d{4})-(\d{2})-(\d{2})", "slash": r"(\d{4})/(\d{1,2})/(\d{1,2})",
               "chinese": r"(\d{4})年(\d{1,2})月(\d{1,2})日"}
DATE_COLUMNS = [6, 10, 14, 15, 16, 17, 18, 19]
S = date(2012, 9, 30)


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate_women
    finally:
        sys.path.pop(0)
    return generate_women


@pytest.fixture(scope="module")
def made(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Path, object, list[list[str]]]:
    path = tmp_path_factory.mktemp("women") / "women.csv"
    expected = gen.generate(2_000, path)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return path, expected, rows


def parse_date(cell: str) -> tuple[str, date]:
    for style, pattern in DATE_STYLES.items():
        m = re.fullmatch(pattern, cell)
        if m:
            return style, date(*map(int, m.groups()))
    raise AssertionError(f"not an accepted date: {cell!r}")


def id_counts(body: list[list[str]]) -> dict[str, int]:
    """What the file shows of its IDs, read independently of the generator."""
    ids = [r[0] for r in body]
    bad_check = sum(calc_check_digit(i[:17]) != i[17] for i in ids)
    # A male number with a valid check character (digit 17 odd).
    male = sum(int(i[16]) % 2 == 1 and calc_check_digit(i[:17]) == i[17] for i in ids)
    return {"rows": len(body), "women": len(set(ids)), "repeated": len(ids) - len(set(ids)),
            "bad_check": bad_check, "male_id": male,
            "unknown_method": sum(r[8] == "待定" for r in body),
            "future_date": sum(r[10] == "2027-03-08" for r in body)}


def test_header_and_rows(made: tuple[Path, object, list[list[str]]]) -> None:
    _, expected, rows = made
    assert rows[0] == HEADER
    assert len(rows) == 1 + 2_000
    assert all(len(r) == 20 for r in rows)
    assert expected.rows == 2_000  # type: ignore[attr-defined]


def test_ids_check_characters_and_defects_as_counted(
        made: tuple[Path, object, list[list[str]]]) -> None:
    _, expected, rows = made
    body = rows[1:]
    assert all(re.fullmatch(r"\d{17}[\dX]", r[0]) for r in body)
    found = id_counts(body)
    assert found == {k: getattr(expected, k) for k in found}
    # At 0.3%, 0.2%, 0.2%, 0.2% and 0.5% of 2,000 rows every kind is there at this seed.
    assert all(found[k] > 0 for k in found)
    # 18 characters, digit 17 even unless a male ID: every woman born 1960-2000.
    births = {date(int(r[0][6:10]), int(r[0][10:12]), int(r[0][12:14])) for r in body}
    assert min(births) >= date(1960, 1, 1) and max(births) <= date(2000, 12, 31)
    # Rejected = one defect per row, none on a repeated woman.
    assert expected.rejected == sum(found[k] for k in  # type: ignore[attr-defined]
                                    ("bad_check", "male_id", "unknown_method", "future_date"))


def test_repeated_women_differ_only_in_the_record_date(
        made: tuple[Path, object, list[list[str]]]) -> None:
    _, expected, rows = made
    first: dict[str, list[str]] = {}
    repeats = 0
    for r in rows[1:]:
        if r[0] not in first:
            first[r[0]] = r
            continue
        repeats += 1
        original = first[r[0]]
        assert r[:19] == original[:19]
        assert parse_date(r[19])[1] != parse_date(original[19])[1]
        assert "待定" not in (r[8], original[8]) and r[10] != "2027-03-08"
    assert repeats == expected.repeated > 0  # type: ignore[attr-defined]


def test_codes_in_accepted_spellings(made: tuple[Path, object, list[list[str]]]) -> None:
    body = made[2][1:]
    column = {name: Counter(r[i] for r in body) for i, name in enumerate(HEADER)}
    # Every spelling the brief lists is there, and nothing else (待定 is the defect).
    assert set(column["婚姻状况"]) == MARITAL
    assert set(column["节育措施"]) == METHODS | {"", "待定"}
    assert set(column["丈夫节育措施"]) == {"", "男扎"}
    assert set(column["未避孕原因"]) == REASONS | {""}
    assert set(column["人口类别"]) == {"常住", "流出", "流入"}
    assert column["人口类别"]["常住"] > len(body) // 2
    assert set(column["重点对象"]) == {"是", "否"}
    assert {int(c) for c in column["现有子女数"]} <= set(range(21))
    for r in body:
        # His 男扎 only where her cell is empty; a reason only where she uses nothing.
        assert r[9] == "" or r[8] == ""
        assert r[11] == "" or r[8] == "无"
        if r[8] in ("男扎", "女扎") or r[9] == "男扎":
            assert int(r[7]) >= 1


def test_dates_accepted_styles_up_to_the_stock_date(
        made: tuple[Path, object, list[list[str]]]) -> None:
    body = made[2][1:]
    styles: Counter[str] = Counter()
    for r in body:
        for i in DATE_COLUMNS:
            if r[i] == "" or (i == 10 and r[i] == "2027-03-08"):
                continue
            style, day = parse_date(r[i])
            styles[style] += 1
            assert date(1950, 1, 1) <= day <= S, (HEADER[i], r[i])
        assert r[19] != ""  # every row has a record date
    assert set(styles) == set(DATE_STYLES)
    assert styles["iso"] > 0.9 * sum(styles.values())


def test_same_seed_same_bytes(gen: ModuleType, made: tuple[Path, object, list[list[str]]],
                              tmp_path: Path) -> None:
    again, other = tmp_path / "again.csv", tmp_path / "other.csv"
    gen.generate(2_000, again)
    gen.generate(2_000, other, seed=7)
    assert again.read_bytes() == made[0].read_bytes()
    assert other.read_bytes() != again.read_bytes()


def test_check_mode_prints_the_counts(gen: ModuleType, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    gen.main(["--rows", "300", "--out", str(tmp_path / "w.csv"), "--check", "--seed", "3"])
    printed = json.loads(capsys.readouterr().out)
    with open(tmp_path / "w.csv", encoding="utf-8", newline="") as f:
        found = id_counts(list(csv.reader(f))[1:])
    assert {k: printed[k] for k in found} == found
    assert printed["rejected"] == sum(printed[k] for k in gen.DEFECTS)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(1, 400), chunk=st.integers(1, 200), seed=st.integers(0, 2**32))
def test_counts_hold_for_any_size_chunking_and_seed(gen: ModuleType, tmp_path: Path, rows: int,
                                                    chunk: int, seed: int) -> None:
    # Chunks draw from their own generators; women stay distinct across them.
    path = tmp_path / f"w_{rows}_{chunk}_{seed}.csv"
    expected = gen.generate(rows, path, seed=seed, chunk_rows=chunk)
    with open(path, encoding="utf-8", newline="") as f:
        body = list(csv.reader(f))[1:]
    found = id_counts(body)
    assert found == {k: getattr(expected, k) for k in found}
    assert expected.women + expected.repeated == rows


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import women
    finally:
        sys.path.pop(0)
    return women


def test_the_benchmark_runs_the_command_of_the_brief(bench: ModuleType, tmp_path: Path) -> None:
    argv = bench.jisheng_argv(Path("/d/women_10.csv"), tmp_path / "o.csv", "dask")
    assert argv[1:] == ["indicators", "women:/d/women_10.csv", "--year", "2012", "--as-of",
                        "2026-11-22", "--by", "village", "--format", "csv", "-o",
                        str(tmp_path / "o.csv"), "--quiet", "--engine", "dask"]


def test_the_benchmark_compares_the_engines_outputs(bench: ModuleType, tmp_path: Path) -> None:
    outputs = {"pandas": tmp_path / "p.csv", "dask": tmp_path / "d.csv"}
    outputs["pandas"].write_bytes(b"a,b\n1,2\n3,4\n")
    outputs["dask"].write_bytes(b"a,b\n1,2\n3,4\n")
    assert bench.compare(outputs, {}) == (
        "check OK: the pandas and Dask CSV outputs are identical (12 bytes)")
    outputs["dask"].write_bytes(b"a,b\n1,2\n3,5\n")  # line 3 differs
    assert "differ from line 3" in bench.compare(outputs, {})
    outputs["dask"].write_bytes(b"a,b\n1,2\n")  # one line short: line 3 is missing
    assert "differ from line 3" in bench.compare(outputs, {})
    assert bench.compare(outputs, {"dask": "exited 1"}) == "check skipped: an engine failed"
