"""The rule of readers/twice.py on Source objects: the same file (resolved path, sheet and
member) or identical bytes under another name, within one kind, is refused; anything else
is not. The command-line runs are in tests/cli/test_twice.py."""

from __future__ import annotations

import os
import random
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import UsageError
from jisheng_cli.readers import twice
from jisheng_cli.readers.sources import Source
from jisheng_cli.readers.twice import refuse_twice

BODY = "母亲身份证号,出生日期\n420525199001010023,2023-01-05\n".encode()


def births(*sources: Source) -> list[tuple[Source, str]]:
    return [(s, "births") for s in sources]


def refused(inputs: list[tuple[Source, str]]) -> UsageError:
    with pytest.raises(UsageError) as e:
        refuse_twice(inputs)
    return e.value


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_bytes(BODY)
    return tmp_path


def test_the_same_path_twice(cwd: Path) -> None:
    e = refused(births(Source("a.csv"), Source("a.csv")))
    assert (e.code, e.path, e.params, e.exit_code) == ("input_twice", "a.csv",
                                                       {"first": "a.csv"}, 2)


def test_paths_that_resolve_alike(cwd: Path) -> None:
    (cwd / "sub").mkdir()
    os.symlink(cwd / "a.csv", cwd / "link.csv")
    for later in ("./a.csv", "sub/../a.csv", str(cwd / "a.csv"), "link.csv"):
        e = refused(births(Source("a.csv"), Source(later)))
        assert (e.code, e.path, e.params) == ("input_twice", later, {"first": "a.csv"})


def test_a_copy_under_another_name_names_both(cwd: Path) -> None:
    (cwd / "b.csv").write_bytes(BODY)
    e = refused(births(Source("a.csv"), Source("b.csv")))
    assert (e.code, e.path, e.params) == ("input_copy", "b.csv", {"first": "a.csv"})
    assert e.text("en") == (
        "b.csv: the same bytes as a.csv (one file sent twice?); give only one of them")
    assert e.text("zh") == "b.csv: 与 a.csv 的内容完全相同(同一个文件报送了两次?);请只给出其中一个"


def test_the_first_pair_in_command_line_order_is_named(cwd: Path) -> None:
    (cwd / "b.csv").write_bytes(b"other " + BODY)
    (cwd / "c.csv").write_bytes(BODY)
    (cwd / "d.csv").write_bytes(b"other " + BODY)
    e = refused(births(*(Source(n) for n in ("a.csv", "b.csv", "c.csv", "d.csv"))))
    assert (e.path, e.params) == ("c.csv", {"first": "a.csv"})


def test_different_files_pass(cwd: Path) -> None:
    (cwd / "b.csv").write_bytes(BODY.replace(b"0023", b"0045"))  # same size, other bytes
    (cwd / "c.csv").write_bytes(BODY + b"\n")
    refuse_twice(births(Source("a.csv"), Source("b.csv"), Source("c.csv")))


def test_files_of_other_sizes_are_never_read(cwd: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    (cwd / "b.csv").write_bytes(BODY + b"\n")

    def no_read(self: object) -> None:
        raise AssertionError("read")

    monkeypatch.setattr(twice._Content, "_read", no_read)
    refuse_twice(births(Source("a.csv"), Source("b.csv")))


def crc_collision() -> tuple[bytes, bytes]:
    """Two different 8-byte strings with one CRC-32 (a birthday search: ~2**16 draws)."""
    rng = random.Random(10)
    seen: dict[int, bytes] = {}
    while True:
        data = rng.randbytes(8)
        crc = zlib.crc32(data)
        if crc in seen and seen[crc] != data:
            return seen[crc], data
        seen[crc] = data


def test_a_crc_collision_is_not_a_copy(cwd: Path) -> None:
    x, y = crc_collision()
    assert x != y and zlib.crc32(x) == zlib.crc32(y)
    (cwd / "x.csv").write_bytes(x)
    (cwd / "y.csv").write_bytes(y)
    refuse_twice(births(Source("x.csv"), Source("y.csv")))


def test_two_kinds_are_two_inputs(cwd: Path) -> None:
    # A register given again as the field check counts nothing twice: duplicates are
    # looked for within a kind.
    (cwd / "b.csv").write_bytes(BODY)
    refuse_twice([(Source("a.csv"), "births"), (Source("a.csv", "survey"), "survey"),
                  (Source("b.csv", "survey"), "fees")])
    e = refused([(Source("a.csv"), "births"), (Source("b.csv", "births"), "births")])
    assert e.code == "input_copy"


def test_standard_input_empty_and_missing_files_are_exempt(cwd: Path) -> None:
    (cwd / "e1.csv").write_bytes(b"")
    (cwd / "e2.csv").write_bytes(b"")
    (cwd / "dir").mkdir()
    # Two empty files are each refused as empty when read, and a missing file as missing.
    refuse_twice(births(Source("-"), Source("-"), Source("e1.csv"), Source("e2.csv"),
                        Source("dir"), Source("missing.csv")))


def test_sheets_of_one_workbook(cwd: Path) -> None:
    (cwd / "book.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    (cwd / "copy.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    # Two sheets of one workbook, or of two copies of it: not one input.
    refuse_twice(births(Source("book.xlsx", sheet="鸣凤镇"), Source("book.xlsx", sheet="2"),
                        Source("copy.xlsx", sheet="洋坪镇")))
    e = refused(births(Source("book.xlsx", sheet="鸣凤镇"), Source("book.xlsx", sheet="鸣凤镇")))
    assert (e.code, e.path, e.params) == ("input_twice", "book.xlsx#鸣凤镇",
                                          {"first": "book.xlsx#鸣凤镇"})
    e = refused(births(Source("book.xlsx", sheet="2"), Source("copy.xlsx", sheet="2")))
    assert (e.code, e.path, e.params) == ("input_copy", "copy.xlsx#2", {"first": "book.xlsx#2"})


@pytest.fixture
def archives(cwd: Path) -> Path:
    """a.zip holds x.csv (BODY), y.csv (other bytes) and z.csv (BODY again); b.zip holds
    w.csv (BODY), stored rather than deflated: the directory's CRC is the same."""
    with zipfile.ZipFile(cwd / "a.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.csv", BODY)
        z.writestr("y.csv", BODY.replace(b"0023", b"0045"))
        z.writestr("sub/z.csv", BODY)
    with zipfile.ZipFile(cwd / "b.zip", "w", zipfile.ZIP_STORED) as z:
        z.writestr("w.csv", BODY)
    return cwd


def test_members_of_one_archive(archives: Path) -> None:
    refuse_twice(births(Source("a.zip", member="x.csv"), Source("a.zip", member="y.csv")))
    e = refused(births(Source("a.zip", member="x.csv"), Source("./a.zip", member="x.csv")))
    assert (e.code, e.path, e.params) == ("input_twice", "./a.zip!x.csv",
                                          {"first": "a.zip!x.csv"})


def test_identical_members_are_copies(archives: Path) -> None:
    # Compared decompressed: one archive's deflated member and another's stored one, a
    # member and a plain file.
    e = refused(births(Source("a.zip", member="x.csv"), Source("a.zip", member="sub/z.csv")))
    assert (e.code, e.path, e.params) == ("input_copy", "a.zip!sub/z.csv",
                                          {"first": "a.zip!x.csv"})
    e = refused(births(Source("b.zip", member="w.csv"), Source("a.zip", member="x.csv")))
    assert (e.path, e.params) == ("a.zip!x.csv", {"first": "b.zip!w.csv"})
    e = refused(births(Source("a.csv"), Source("b.zip", member="w.csv")))
    assert (e.path, e.params) == ("b.zip!w.csv", {"first": "a.csv"})


def test_member_sizes_and_crcs_come_from_the_directory(archives: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # x.csv and y.csv have one size but other CRCs: neither member is decompressed.
    def no_read(self: object) -> None:
        raise AssertionError("read")

    monkeypatch.setattr(twice._Content, "_read", no_read)
    refuse_twice(births(Source("a.zip", member="x.csv"), Source("a.zip", member="y.csv")))


def test_damaged_archives_and_absent_members_are_left_to_the_reader(archives: Path) -> None:
    (archives / "bad.zip").write_bytes(b"PK\x03\x04 not really")
    refuse_twice(births(Source("bad.zip", member="x.csv"), Source("a.zip", member="x.csv"),
                        Source("a.zip", member="absent.csv")))


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=6))
def test_refused_exactly_when_two_files_hold_one_content(tmp_path_factory: pytest.TempPathFactory,
                                                         contents: list[int]) -> None:
    # File i holds content number contents[i] (0–3, all of one size): refused iff some
    # content repeats, and then the later file of the first repeat is named.
    d = tmp_path_factory.mktemp("twice")
    sources = []
    for i, c in enumerate(contents):
        (d / f"{i}.csv").write_bytes(BODY.replace(b"0023", f"00{c}3".encode()))
        sources.append(Source(str(d / f"{i}.csv")))
    firsts: dict[int, int] = {}
    repeat = None
    for i, c in enumerate(contents):
        if c in firsts:
            repeat = (i, firsts[c])
            break
        firsts[c] = i
    if repeat is None:
        refuse_twice(births(*sources))
        return
    e = refused(births(*sources))
    assert (e.path, e.params) == (sources[repeat[0]].path,
                                  {"first": sources[repeat[1]].path})
