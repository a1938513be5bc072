"""`--engine dask` gives what the pandas engine gives, to the last byte of the JSON and of the
rejects file: on the sample data, on a generated register split into files (CSV and
Parquet), and on records built so that every cross-file rule fires (duplicates kept in
another file, twins given one birth order, short birth intervals, village names that differ
from the first one seen, field-check matching)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from jisheng_cli.errors import InputError, ParseError
from jisheng_cli.findings import Finding, params
from jisheng_cli.pipeline import Outcome
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.ranges import split_ranges
from jisheng_cli.readers.sources import Source, parse_sources
from tests.clirun import run_cli
from tests.helpers import ROOT, birth, compute, mid, mother

SAMPLE = ROOT / "sample_data"
A, B = "420525100201", "420525100202"


def both(paths: list[str], scheduler: str, partition_bytes: int = 64 << 20, **kw: object
         ) -> tuple[Outcome, Outcome]:
    pandas = compute(paths, **kw)  # type: ignore[arg-type]
    dask = compute(paths, engine="dask", scheduler=scheduler,  # type: ignore[arg-type]
                   partition_bytes=partition_bytes, **kw)
    return pandas, dask


def assert_same(pandas: Outcome, dask: Outcome) -> None:
    assert dask.report.to_dict() == pandas.report.to_dict()
    assert dask.findings == pandas.findings


def cli_both(args: list[str], tmp_path: Path, scheduler: str | None, cwd: Path
             ) -> tuple[bytes, bytes]:
    """JSON and JSON rejects of both engines through the real command."""
    outs = []
    for engine in ("pandas", "dask"):
        rej = tmp_path / f"{engine}.rejects.json"
        extra = ["--engine", engine] + (
            ["--scheduler", scheduler] if scheduler and engine == "dask" else [])
        r = run_cli(["indicators", *args, "--format", "json", "--rejects", str(rej), "-q",
                     *extra], cwd=cwd)
        assert r.code == 0, r
        outs.append((r.stdout, rej.read_bytes()))
    (p_json, p_rej), (d_json, d_rej) = outs
    assert d_json == p_json
    assert d_rej == p_rej
    return p_json, p_rej


SAMPLE_ARGS = ["births.csv", "fees.csv", "survey:survey.csv", "checked:checked.csv",
               "population.csv", "--config", "jisheng.toml", "--as-of", "2026-11-22"]


def test_sample_data_by_village_and_year_on_a_local_cluster(tmp_path: Path) -> None:
    # No --scheduler: jisheng starts (and stops) its own local cluster.
    report, rejects = cli_both([*SAMPLE_ARGS, "--by", "village,year"], tmp_path, None, SAMPLE)
    rows = json.loads(report)["rows"]
    total = {(r["indicator"], r["year"]): r for r in rows if r["group_level"] == "total"}
    assert total[("births_total", 2012)]["value"] == 1562
    assert round(total[("policy_conformance_rate", 2012)]["value"], 2) == 99.17
    assert round(total[("underreport_rate", 2012)]["value"], 2) == 7.10
    codes = {f["code"] for f in json.loads(rejects)}
    assert {"duplicate", "id_check_digit", "first_birth_out_of_policy"} <= codes


def test_sample_data_in_ranges_of_lines(scheduler: str) -> None:
    files = [str(SAMPLE / "births.csv"), f"survey:{SAMPLE / 'survey.csv'}",
             f"checked:{SAMPLE / 'checked.csv'}", str(SAMPLE / "fees.csv")]
    pandas, dask = both(files, scheduler, 20_000, year="2012", by=["township", "village"])
    assert_same(pandas, dask)


def test_ids_stored_as_numbers_in_ranges_of_lines(scheduler: str) -> None:
    # The file rule (checks.excel_damage) is the whole file's, not each range's: ranges of
    # about 300 bytes hold 3 or 4 of the register's 13 rows.
    damaged = ROOT / "tests" / "fixtures" / "excel_damage"
    files = [str(damaged / "register.csv"), f"survey:{damaged / 'survey.csv'}"]
    pandas, dask = both(files, scheduler, 300, year="2023")
    assert_same(pandas, dask)
    assert [f.code for f in pandas.findings].count("id_maybe_precision_lost") == 2


def test_sample_data_one_year_by_township(tmp_path: Path, scheduler: str) -> None:
    report, _ = cli_both([*SAMPLE_ARGS, "--year", "2012", "--by", "township"], tmp_path,
                         scheduler, SAMPLE)
    births = json.loads(report)["inputs"][0]
    assert (births["rows_used"], births["rows_out_of_period"], births["rows_duplicate"]) == (
        1562, 150, 1)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """40,000 generated rows in three files, the middle one as Parquet: duplicates cross
    file boundaries, and every defect of the generator is there."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    d = tmp_path_factory.mktemp("generated")
    whole = d / "whole.csv"
    generate(40_000, whole)
    header, *body = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    cuts = [0, 15_000, 27_000, len(body)]
    paths = []
    for i in range(3):
        p = d / f"part_{i}.csv"
        p.write_text(header + "".join(body[cuts[i]:cuts[i + 1]]), encoding="utf-8")
        paths.append(p)
    table = pacsv.read_csv(paths[1], convert_options=pacsv.ConvertOptions(
        column_types={name: "string" for name in header.strip().split(",")}))
    pq.write_table(table, d / "part_1.parquet")
    paths[1].unlink()
    return [paths[0], d / "part_1.parquet", paths[2]]


@pytest.mark.parametrize("partition_bytes", [64 << 20, 300_000])
def test_generated_register_in_three_files(generated: list[Path], scheduler: str,
                                           partition_bytes: int) -> None:
    # 300 kB: each CSV is also cut into ranges of lines, one partition each.
    paths = [str(p) for p in generated]
    ranges = split_ranges(InputFile(Source(paths[0])), partition_bytes)
    assert partition_bytes > generated[0].stat().st_size or len(ranges or []) > 5
    pandas, dask = both(paths, scheduler, partition_bytes,
                        by=["county", "township", "village", "year"])
    assert_same(pandas, dask)
    dups = [f for f in pandas.findings if f.code == "duplicate"]
    assert any(str(dict(f.params).get("dup_file", "")).endswith("part_0.csv")
               for f in dups if f.file != paths[0])
    assert sum(i.rows_used for i in pandas.report.inputs) > 35_000


def test_generated_register_other_definitions(generated: list[Path], scheduler: str) -> None:
    definitions = {"period_basis": "report_date", "out_of_policy_multichild_denominator":
                   "multichild_births"}
    pandas, dask = both([str(p) for p in generated], scheduler, year="2021..2022",
                        by=["township"], definitions=definitions)
    assert_same(pandas, dask)
    assert sum(i.rows_out_of_period for i in pandas.report.inputs) > 0


@pytest.fixture
def crafted(write_csv: Callable[..., Path]) -> list[str]:
    """Two register files and a field check; every cross-row rule has a case that spans
    the files."""
    def line(code: str, village: str, id_: str, date: str, sex: str = "男",
             order: str = "1") -> str:
        return ",".join([code, "鸣凤镇", village, "张丽", id_, date, sex, order, "政策内"])

    first = [
        line(A, "东村", mid(1), "2023-03-01"),  # kept; repeated in the second file
        line(A, "东村", mid(2), "2023-04-01"),  # twins with one order: boy here …
        line(A, "东村", mid(3), "2023-01-01"),  # a birth 59 days before the next
        line(B, "南村", mid(4), "2023-05-05", "女"),
    ]
    first += [birth(A, mother(n), f"2023-0{1 + n % 9}-1{n % 9}") for n in range(10, 40)]
    second = [
        line(A, "西村", mid(1), "2023-03-01"),  # duplicate of the first file's row 2
        line(A, "东村", mid(2), "2023-04-01", "女"),  # … girl here
        line(A, "东村", mid(3), "2023-03-01", order="2"),  # short interval
        line(B, "南村", mid(4), "2023-05-05", "女"),  # duplicate
        line(B, "南村", mid(4), "2023-05-05", "女"),  # and again, within the file
    ]
    second += [birth(B, mother(n), f"2023-0{1 + n % 9}-2{n % 9}") for n in range(40, 70)]
    found = [birth(A, mother(n), f"2023-0{1 + n % 9}-1{n % 9}") for n in range(10, 30)]
    found += [birth(B, mother(n), f"2023-0{1 + n % 9}-2{n % 9}") for n in range(40, 55)]
    found += [line(B, "南村", mid(4), "2023-05-09", "女"), birth(B, mother(99), "2023-02-02")]
    return [str(write_csv(first, name="first.csv")), str(write_csv(second, name="second.csv")),
            f"survey:{write_csv(found, name='survey.csv')}"]


def test_every_cross_file_rule(crafted: list[str], scheduler: str) -> None:
    pandas, dask = both(crafted, scheduler, year="2023", by=["village"])
    assert_same(pandas, dask)
    codes = [(Path(f.file).name, f.row, f.code) for f in pandas.findings]
    assert ("second.csv", 2, "duplicate") in codes
    assert ("second.csv", 2, "village_name_mismatch") in codes
    assert ("second.csv", 3, "same_order_multiple_birth") in codes
    assert ("second.csv", 4, "short_birth_interval") in codes
    assert ("second.csv", 6, "duplicate") in codes
    dup = next(f for f in pandas.findings if f.file.endswith("second.csv") and f.row == 2
               and f.code == "duplicate")
    assert dup.variant == "birth"
    assert dict(dup.params) == {"dup_row": 2, "dup_file": crafted[0]}
    found = {r.indicator: r.value for r in pandas.report.rows if r.group_level == "total"}
    assert (found["survey_births"], found["underreported_births"]) == (37, 1)


def test_survey_and_register_in_separate_partitions(crafted: list[str], scheduler: str
                                                    ) -> None:
    # The register births of one file only: its mothers meet the survey on the client.
    pandas, dask = both([crafted[1], crafted[2]], scheduler, year="2023")
    assert_same(pandas, dask)


def test_errors_raised_on_a_worker_arrive_whole(write_csv: Callable[..., Path],
                                                scheduler: str) -> None:
    good = birth(A, mother(1), "2023-01-05")
    # Undecodable bytes after the sample that fixes the encoding: an input error mid-file.
    path = write_csv([good] * 4000, name="bad.csv")
    with open(path, "ab") as f:
        f.write(birth(A, mother(2), "2023-01-06").encode().replace("张丽".encode(), b"\xff\xfe"))
    with pytest.raises(InputError) as pandas_error:
        compute([path])
    with pytest.raises(InputError) as dask_error:
        compute([path], engine="dask", scheduler=scheduler)
    assert str(dask_error.value) == str(pandas_error.value)
    assert dask_error.value.path == str(path)


def test_errors_pickle_whole() -> None:
    e = pickle.loads(pickle.dumps(InputError("no_usable_row", path="births.csv", read=5,
                                             rejected=4, blank=1)))
    assert (type(e), e.code, e.params, e.path, e.exit_code) == (
        InputError, "no_usable_row", {"read": 5, "rejected": 4, "blank": 1}, "births.csv", 3)
    assert e.message == (
        "no usable row: 5 read, 4 rejected, 1 blank or totals (see jisheng validate)")
    p = pickle.loads(pickle.dumps(ParseError("implausible_population", "township",
                                             limit=2_000_000)))
    assert (p.code, p.variant, p.params) == ("implausible_population", "township",
                                             {"limit": 2_000_000})
    assert "2,000,000" in p.message
    # A finding travels from a worker as its code, variant and parameters, and compares
    # equal to the one the pandas engine makes.
    f = Finding("b.csv", 5, "mother_id", "duplicate", "duplicate", None, variant="birth",
                params=params(dup_row=2, dup_file="a.csv"))
    assert pickle.loads(pickle.dumps(f)) == f
    assert pickle.loads(pickle.dumps(f)).message("en") == (
        "duplicate of a.csv row 2: same mother ID, birth date and birth order")


def test_engine_usage_errors(tmp_path: Path) -> None:
    births = str(SAMPLE / "births.csv")
    for args, words in (
        (["--engine", "spark"], "'spark' is not one of 'pandas', 'dask'"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler goes with --engine dask"),
        (["-", "--engine", "dask"], "not standard input"),
    ):
        r = run_cli(["indicators", births, *args, "--lang", "en"], cwd=tmp_path, stdin=b"")
        assert r.code == 2, r
        assert words in r.stderr


def test_unreachable_scheduler_is_exit_3(tmp_path: Path) -> None:
    r = run_cli(["indicators", str(SAMPLE / "births.csv"), "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9", "-q", "--lang", "en"], cwd=tmp_path)
    assert r.code == 3, r
    assert r.err_lines[-1].startswith("jisheng: error: cannot reach the Dask scheduler")


def test_patterns_expand_in_name_order(tmp_path: Path) -> None:
    for name in ("b.csv", "a.csv", "c.txt"):
        (tmp_path / name).write_text("x")
    pattern = str(tmp_path / "*.csv")
    assert parse_sources([f"births:{pattern}", "-"]) == [
        Source(str(tmp_path / "a.csv"), "births"), Source(str(tmp_path / "b.csv"), "births"),
        Source("-")]
    literal = tmp_path / "[1].csv"  # a name that looks like a pattern is taken as it is
    literal.write_text("x")
    assert parse_sources([str(literal)]) == [Source(str(literal))]
    with pytest.raises(InputError, match="no file matches"):
        parse_sources([str(tmp_path / "*.tsv")])


def test_dask_is_not_imported_by_the_pandas_engine() -> None:
    code = ("import sys; from tests.helpers import compute, SAMPLE; compute([SAMPLE]); "
            "print('distributed' in sys.modules, 'dask' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# The Dask engine's workers run the same compiled kernel: the pandas engine on the reference
# path and the Dask engine with the kernel forced give the same report and findings.


def test_sample_data_reference_and_kernel_on_dask(scheduler: str) -> None:
    paths = [str(SAMPLE / "births.csv"), f"survey:{SAMPLE / 'survey.csv'}",
             f"checked:{SAMPLE / 'checked.csv'}"]
    reference = compute(paths, by=["village", "year"], kernel="never")
    kernel = compute(paths, by=["village", "year"], engine="dask", scheduler=scheduler,
                     kernel="always")
    assert_same(reference, kernel)


@pytest.mark.parametrize("partition_bytes", [64 << 20, 300_000])
def test_generated_register_reference_and_kernel_on_dask(
    generated: list[Path], scheduler: str, partition_bytes: int
) -> None:
    paths = [str(p) for p in generated]
    reference = compute(paths, by=["county", "township", "village", "year"], kernel="never")
    kernel = compute(paths, by=["county", "township", "village", "year"], engine="dask",
                     scheduler=scheduler, partition_bytes=partition_bytes, kernel="always")
    assert_same(reference, kernel)
    assert sum(i.rows_rejected for i in reference.report.inputs) > 0  # the checks had work


def test_every_cross_file_rule_reference_and_kernel_on_dask(
    crafted: list[str], scheduler: str
) -> None:
    reference = compute(crafted, by=["village", "year"], kernel="never")
    kernel = compute(crafted, by=["village", "year"], engine="dask", scheduler=scheduler,
                     kernel="always")
    assert_same(reference, kernel)
    codes = {f.code for f in kernel.findings}
    assert {"duplicate", "same_order_multiple_birth", "short_birth_interval"} <= codes
