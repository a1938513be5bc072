"""Every file-level message's remedy that is an option or a command works (issue 10, item
3): a file that raises the error, the remedy the message names run as written, then exit 0
with the rows the file should give.

Remedies that are no option or command (re-export, save in one encoding, close a quote,
delete or rename a header in the file) are not run here. For the merge: `--header-row N`
(issue 10, item 7, another part) belongs here once the option exists.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import mid as mid_of

from .helpers import EN, ROOT, SAMPLE_DIR, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "dialects"
AS_OF = ("--as-of", "2013-01-31")
JSON = ("--format", "json", *AS_OF)


@pytest.fixture
def here(tmp_path: Path) -> Path:
    for f in FIXTURES.iterdir():
        shutil.copyfile(f, tmp_path / f.name)
    return tmp_path


def rows_and_counts(run: Any) -> tuple[Any, Any]:
    assert run.code == 0, str(run)
    doc = run.json()
    counts = [{k: v for k, v in i.items() if k.startswith("rows_")} for i in doc["inputs"]]
    return doc["rows"], counts


@pytest.fixture
def comma(here: Path) -> tuple[Any, Any]:
    """The reference: comma.csv, 40 records (rows 3–42)."""
    rows, counts = rows_and_counts(run_cli(("indicators", "comma.csv", *JSON), here))
    assert counts[0]["rows_read"] == 40
    return rows, counts


def fails_with(run: Any, *needles: str) -> str:
    assert run.code == 3, str(run)
    (line,) = run.err_lines
    for n in needles:
        assert n in line, line
    return line


def test_utf16_without_bom_pass_encoding_utf16(here: Path, comma: Any) -> None:
    fails_with(run_cli(("indicators", "utf16le_no_bom.csv", *JSON, *EN), here),
               "`--encoding utf-16`")
    for spelling in ("utf-16", "UTF-16", "utf16"):
        run = run_cli(("indicators", "utf16le_no_bom.csv", *JSON, "--encoding", spelling), here)
        assert rows_and_counts(run) == comma, spelling
        assert run.json()["inputs"][0]["encoding"] == "utf-16-le"


def test_utf16_be_without_bom_pass_encoding_utf16_be(here: Path, comma: Any) -> None:
    be = (here / "utf16be_bom.csv").read_bytes()[2:]  # the mark dropped
    (here / "be.csv").write_bytes(be)
    fails_with(run_cli(("indicators", "be.csv", *JSON, *EN), here), "`--encoding utf-16-be`")
    run = run_cli(("indicators", "be.csv", *JSON, "--encoding", "utf-16-be"), here)
    assert rows_and_counts(run) == comma


def test_wrong_declared_encoding_try_gb18030(here: Path, comma: Any) -> None:
    fails_with(run_cli(("indicators", "comma.csv", *JSON, *EN, "--encoding", "utf-8"), here),
               "try --encoding gb18030")
    run = run_cli(("indicators", "comma.csv", *JSON, "--encoding", "gb18030"), here)
    assert rows_and_counts(run) == comma


def test_declared_gb18030_on_utf8_leave_it_out_or_utf8(here: Path, comma: Any) -> None:
    text = (here / "comma.csv").read_bytes().decode("gb18030")
    (here / "utf8.csv").write_bytes(text.encode("utf-8"))
    fails_with(run_cli(("indicators", "utf8.csv", *JSON, *EN, "--encoding", "gb18030"), here),
               "leave out --encoding", "--encoding utf-8")
    assert rows_and_counts(run_cli(("indicators", "utf8.csv", *JSON), here)) == comma
    run = run_cli(("indicators", "utf8.csv", *JSON, "--encoding", "utf-8"), here)
    assert rows_and_counts(run) == comma


def test_unknown_encoding_pass_the_files_encoding(here: Path) -> None:
    """A Windows-1252 export (English headers, accented names): neither UTF-8 nor GB18030
    (é then a comma is no GB18030 character)."""
    head = ("village_code,mother_name,mother_id,child_birth_date,child_sex,birth_order,"
            "policy_status\r\n")
    body = "".join(f"420525100201,René,{mid},2012-03-0{i + 1},1,1,1\r\n"
                   for i, mid in enumerate((mid_of(1), mid_of(2))))
    (here / "cp1252.csv").write_bytes((head + body).encode("cp1252"))
    fails_with(run_cli(("indicators", "cp1252.csv", *JSON, *EN), here),
               "--encoding cp1252")
    run = run_cli(("indicators", "cp1252.csv", *JSON, "--encoding", "cp1252"), here)
    _, counts = rows_and_counts(run)
    assert (counts[0]["rows_read"], counts[0]["rows_used"]) == (2, 2)


@pytest.mark.parametrize("many", [False, True], ids=["1% or more", "more than 10 rows"])
def test_nul_rows_delete_them_with_tr(here: Path, many: bool) -> None:
    """NUL bytes in too many rows: `tr -d '\\000' < FILE > NEW.csv`, as the message says,
    gives a file that reads. 30 records (rows 3–32): NUL in row 5 (1 of 30, 3%), or in
    rows 5–15 (11 rows)."""
    lines = (here / "nul_rows.csv").read_bytes().split(b"\r\n")[:32]
    lines = [line.replace(b"\x00", b"") for line in lines]
    for i in range(4, 15 if many else 5):
        cells = lines[i].split(b",")
        cells[4] = cells[4][:2] + b"\x00" + cells[4][2:]  # inside the mother's name
        lines[i] = b",".join(cells)
    (here / "damaged.csv").write_bytes(b"\r\n".join(lines) + b"\r\n")
    line = fails_with(run_cli(("indicators", "damaged.csv", *JSON, *EN), here), "row 5",
                      "`tr -d '\\000' < FILE > NEW.csv`")
    command = line[line.index("`tr") + 1: line.rindex("`")]
    shell = command.replace("FILE", "damaged.csv")
    subprocess.run(shell, shell=True, cwd=here, check=True)
    assert b"\x00" not in (here / "NEW.csv").read_bytes()
    _, counts = rows_and_counts(run_cli(("indicators", "NEW.csv", *JSON), here))
    assert counts[0]["rows_read"] == 30


@pytest.mark.parametrize("compress", [False, True], ids=[".tar", ".tar.gz"])
def test_a_tar_archive_extract_it_with_tar(here: Path, compress: bool) -> None:
    """A tar archive (plain, or gzip-compressed) is a bundle of files: the message says
    `tar -xf FILE` (GNU tar detects the compression itself); run, the file inside reads."""
    import tarfile

    name = "townships.tar.gz" if compress else "townships.tar"
    with tarfile.open(here / name, "w:gz" if compress else "w") as tar:
        tar.add(here / "comma.csv", arcname="inside/births.csv")
    line = fails_with(run_cli(("indicators", name, *JSON, *EN), here), "tar archive",
                      "`tar -xf FILE`")
    command = line[line.index("`tar") + 1: line.rindex("`")]
    subprocess.run(command.replace("FILE", name), shell=True, cwd=here, check=True)
    got = rows_and_counts(run_cli(("indicators", "inside/births.csv", *JSON), here))
    assert got == rows_and_counts(run_cli(("indicators", "comma.csv", *JSON), here))
    assert got[1][0]["rows_read"] == 40  # the dialect fixtures' 40 records


RENAMED = "村编码,产妇证件号码,分娩日期,新生儿性别,胎次,计生属性"
MAPPING = """[columns.births]
"村编码" = "village_code"
"产妇证件号码" = "mother_id"
"分娩日期" = "child_birth_date"
"新生儿性别" = "child_sex"
"胎次" = "birth_order"
"计生属性" = "policy_status"
"""


def renamed_register(here: Path) -> None:
    """Rows 2–3 of a register whose headers the tool does not know (header row 1)."""
    (here / "renamed.csv").write_text(
        f"{RENAMED}\n420525100201,{mid_of(1)},2012-03-01,男,1,政策内\n"
        f"420525100201,{mid_of(2)},2012-03-02,女,1,政策内\n", encoding="utf-8")
    (here / "map.toml").write_text(MAPPING, encoding="utf-8")


def test_unknown_kind_map_the_headers_in_columns(here: Path) -> None:
    renamed_register(here)
    fails_with(run_cli(("indicators", "renamed.csv", *JSON, *EN), here),
               "cannot tell what kind", "[columns.births]")
    run = run_cli(("indicators", "renamed.csv", *JSON, "--config", "map.toml"), here)
    _, counts = rows_and_counts(run)
    assert (counts[0]["rows_read"], counts[0]["rows_used"]) == (2, 2)


def test_no_header_for_the_forced_kind_map_the_headers(here: Path) -> None:
    renamed_register(here)
    fails_with(run_cli(("indicators", "births:renamed.csv", *JSON, *EN), here),
               "[columns.births]")
    run = run_cli(("indicators", "births:renamed.csv", *JSON, "--config", "map.toml"), here)
    _, counts = rows_and_counts(run)
    assert counts[0]["rows_used"] == 2


def test_required_column_map_its_header(here: Path, comma: Any) -> None:
    data = (here / "comma.csv").read_bytes()
    (here / "other.csv").write_bytes(data.replace("母亲身份证号".encode("gb18030"),
                                                  "产妇身份证号".encode("gb18030"), 1))
    fails_with(run_cli(("indicators", "other.csv", *JSON, *EN), here),
               "required column mother_id", "map it to mother_id in [columns.births]")
    (here / "map.toml").write_text('[columns.births]\n"产妇身份证号" = "mother_id"\n',
                                   encoding="utf-8")
    run = run_cli(("indicators", "other.csv", *JSON, "--config", "map.toml"), here)
    assert rows_and_counts(run) == comma


def test_a_checked_list_needs_its_prefix(tmp_path: Path) -> None:
    for name in ("births.csv", "survey.csv", "checked.csv"):
        shutil.copyfile(SAMPLE_DIR / name, tmp_path / name)
    args = ("indicators", "births.csv", "survey:survey.csv")
    fails_with(run_cli((*args, "checked.csv", *JSON, *EN), tmp_path), "checked.csv: ",
               "checked:FILE")
    run = run_cli((*args, "checked:checked.csv", *JSON), tmp_path)
    _, counts = rows_and_counts(run)
    checked = (SAMPLE_DIR / "checked.csv").read_text(encoding="utf-8-sig").splitlines()
    assert counts[2]["rows_read"] == len([c for c in checked[1:] if c.strip()])


def test_delimiter_option_overrides(here: Path, comma: Any) -> None:
    """`--delimiter` is the only delimiter tried: a wrong one fails, the right one reads."""
    fails_with(run_cli(("indicators", "semicolon.csv", *JSON, *EN, "--delimiter", ","), here),
               "cannot tell what kind")
    run = run_cli(("indicators", "semicolon.csv", *JSON, "--delimiter", ";"), here)
    assert rows_and_counts(run) == comma


def test_no_usable_row_see_validate(here: Path) -> None:
    """`no usable row … (see jisheng validate)`: validate lists every row and why."""
    (here / "bad.csv").write_text(RENAMED.replace("村编码", "统计用区划代码")
                                  .replace("产妇证件号码", "母亲身份证号")
                                  .replace("分娩日期", "出生日期").replace("新生儿性别", "性别")
                                  .replace("胎次", "孩次").replace("计生属性", "政策属性")
                                  + "\n420525100201,1,2012-03-01,男,1,政策内\n", encoding="utf-8")
    fails_with(run_cli(("indicators", "bad.csv", *JSON, *EN), here), "no usable row",
               "jisheng validate")
    run = run_cli(("validate", "bad.csv", *JSON), here)
    assert run.code == 1, str(run)
    assert [(f["row"], f["code"]) for f in run.json()] == [(2, "id_malformed")]


def test_a_companion_needs_the_register(tmp_path: Path) -> None:
    for name in ("births.csv", "survey.csv"):
        shutil.copyfile(SAMPLE_DIR / name, tmp_path / name)
    fails_with(run_cli(("indicators", "survey:survey.csv", *JSON, *EN), tmp_path),
               "give one too")
    run = run_cli(("indicators", "births.csv", "survey:survey.csv", *JSON), tmp_path)
    assert run.code == 0, str(run)
