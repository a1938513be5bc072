"""Compressed files and zip archives through the real command (issue 10, item 2): the same
JSON rows and counts as the CSV, standard input included; members named
`archive.zip!member.csv` in the summary, the rejects and -v; one error line for damage."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.clirun import EN, run_cli, summary_counts

from .helpers import assert_one_error_line, prepare

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "compressed"
ARGS = ("--year", "2012", "--as-of", "2026-11-22", "--format", "json")
ID18 = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


@pytest.fixture(scope="module")
def here(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = prepare(tmp_path_factory.mktemp("compressed"))
    for f in FIXTURES.iterdir():
        shutil.copyfile(f, work / f.name)
    return work


@pytest.fixture(scope="module")
def plain(here: Path) -> dict[str, Any]:
    run = run_cli(("indicators", "sample_data/births.csv", *ARGS), here)
    assert run.code == 0, str(run)
    return run.json()  # type: ignore[no-any-return]


def same_but_path(doc: dict[str, Any], plain: dict[str, Any], path: str) -> None:
    assert doc["rows"] == plain["rows"]
    (got,), (want,) = doc["inputs"], plain["inputs"]
    assert got["path"] == path
    assert {**got, "path": None} == {**want, "path": None}


@pytest.mark.parametrize(("name", "path"), [
    ("births.csv.gz", "births.csv.gz"), ("births.csv.bz2", "births.csv.bz2"),
    ("births.csv.xz", "births.csv.xz"), ("births.csv.zst", "births.csv.zst"),
    ("births.zip", "births.zip!births.csv"),
])
def test_same_json_as_the_csv(here: Path, plain: dict[str, Any], name: str, path: str) -> None:
    run = run_cli(("indicators", name, *ARGS), here)
    assert run.code == 0, str(run)
    same_but_path(run.json(), plain, path)
    # docs/cli.md "Row counts", year 2012: read, used, rejected, duplicate, out of period,
    # blank/totals, warnings.
    assert summary_counts(run.err_lines[0], path) == [1718, 1562, 3, 1, 150, 2, 1]


def test_compressed_standard_input(here: Path, plain: dict[str, Any]) -> None:
    """`cat births.csv.gz | jisheng indicators -`: known by its first bytes."""
    run = run_cli(("indicators", "-", *ARGS), here, stdin=(here / "births.csv.gz").read_bytes())
    assert run.code == 0, str(run)
    same_but_path(run.json(), plain, "<stdin>")
    zst = run_cli(("indicators", "-", *ARGS), here, stdin=(here / "births.csv.zst").read_bytes())
    assert zst.code == 0 and zst.json()["rows"] == plain["rows"], str(zst)


def test_rejects_name_the_member(here: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    run = run_cli(("validate", "two.zip", "--rejects", str(rejects), "--format", "json", *EN),
                  here)
    assert run.code == 1, str(run)  # the sample's 3 rejected rows
    text = rejects.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["file"] for r in rows} == {"two.zip!births.csv", "two.zip!small.csv"}
    assert not ID18.search(text)  # ID numbers masked, as for any file
    # A counts line per member, then the span both members' births cover (the sample's
    # first valid birth, 2011-07-02; small.csv's last, 2023-09-30).
    assert [line.split(":")[0] for line in run.err_lines] == [
        "two.zip!births.csv", "two.zip!small.csv", "data span 2011-07-02 to 2023-09-30"]


def test_verbose_says_what_was_left_out(here: Path) -> None:
    zh = run_cli(("validate", "skipped.zip", "-v", "--format", "json"), here)
    en = run_cli(("validate", "skipped.zip", "-v", "--format", "json", *EN), here)
    assert "skipped.zip!__MACOSX/data/._small.csv:跳过(macOS 的附加文件,__MACOSX/)" in zh.err_lines
    assert "skipped.zip!data/.DS_Store:跳过(隐藏文件)" in zh.err_lines
    assert "skipped.zip!data/:跳过(目录)" in zh.err_lines
    assert "skipped.zip!data/.DS_Store: skipped (a hidden file)" in en.err_lines
    assert "skipped.zip!__MACOSX/data/._small.csv: skipped (macOS metadata, __MACOSX/)" in (
        en.err_lines)
    quiet = run_cli(("validate", "skipped.zip", "--format", "json"), here)
    assert not any("跳过" in line for line in quiet.err_lines)


@pytest.mark.parametrize(("name", "needle_zh", "needle_en"), [
    ("truncated.csv.gz", "truncated.csv.gz: gzip 压缩数据已损坏或不完整",
     "truncated.csv.gz: the gzip data is damaged or cut off"),
    ("encrypted.zip", "encrypted.zip!small.csv: 压缩包里的这个文件有密码",
     "encrypted.zip!small.csv: this member of the archive is encrypted"),
    ("damaged.zip", "damaged.zip: zip 压缩包已损坏或不完整",
     "damaged.zip: the zip archive is damaged or cut off"),
])
def test_one_error_line_and_no_wrong_advice(here: Path, name: str, needle_zh: str,
                                            needle_en: str) -> None:
    zh = run_cli(("indicators", name, *ARGS), here)
    assert "NUL" not in assert_one_error_line(zh, 3, needle_zh)
    en = run_cli(("indicators", name, *ARGS, *EN), here)
    assert "--encoding" not in assert_one_error_line(en, 3, needle_en)


def test_help_shows_a_compressed_file_and_a_zip(here: Path) -> None:
    run = run_cli(("indicators", "--help"), here)
    assert run.code == 0
    lines = [line.strip() for line in run.text.splitlines()]
    assert "cat births.csv.gz | jisheng indicators - --year 2023" in lines
