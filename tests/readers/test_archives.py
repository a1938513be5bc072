"""Zip archives (issue 10, item 2): a `.zip` argument stands for its members, each read as a
file named `archive.zip!member.csv`; what cannot be read is a file-level error that says
why and what to do."""

from __future__ import annotations

import gzip
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.sources import Skipped, Source, parse_sources
from jisheng_cli.readers.streams import member_bytes, member_format
from tests.helpers import DATA, ROOT, SAMPLE, compute

FIXTURES = ROOT / "tests" / "fixtures" / "compressed"
SMALL = DATA / "births_small.utf8bom.csv"


def z(name: str) -> str:
    return str(FIXTURES / name)


def test_an_archive_stands_for_its_members_in_order() -> None:
    two = z("two.zip")
    assert parse_sources([two, "births:" + two]) == [
        Source(two, None, member="births.csv"), Source(two, None, member="small.csv"),
        Source(two, "births", member="births.csv"), Source(two, "births", member="small.csv"),
    ]
    assert Source(two, member="small.csv").display == f"{two}!small.csv"


def test_known_by_content(tmp_path: Path) -> None:
    renamed = tmp_path / "township.dat"
    shutil.copyfile(FIXTURES / "two.zip", renamed)
    assert [s.member for s in parse_sources([str(renamed)])] == ["births.csv", "small.csv"]
    # A workbook is a zip too, and is not expanded: it is one input (engineer A's reader).
    book = tmp_path / "book.zip"
    with zipfile.ZipFile(book, "w") as w:
        w.writestr("[Content_Types].xml", "<Types/>")
        w.writestr("xl/workbook.xml", "<workbook/>")
    assert parse_sources([str(book)]) == [Source(str(book))]


def test_directories_macos_forks_and_dot_files_are_left_out() -> None:
    path = z("skipped.zip")
    skipped: list[Skipped] = []
    assert parse_sources([path], skipped) == [Source(path, member="data/small.csv")]
    assert [(s.source.member, s.reason) for s in skipped] == [
        ("data/", "directory"), ("data/.DS_Store", "hidden"), ("__MACOSX/", "directory"),
        ("__MACOSX/data/", "directory"), ("__MACOSX/data/._small.csv", "macos"),
    ]


def test_a_gbk_member_name_reads_as_chinese() -> None:
    """Made by Info-ZIP's zip from a file named in GBK bytes: flag bit 11 unset, so zipfile
    alone would show cp437 mojibake (`ÃùËï...`)."""
    path = z("gbk-name.zip")
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    assert not info.flag_bits & 0x800 and info.filename != "鸣凤镇.csv"
    (source,) = parse_sources([path])
    assert source.member == "鸣凤镇.csv"
    assert source.display == f"{path}!鸣凤镇.csv"
    outcome = compute([path])
    direct = compute([SMALL])
    assert outcome.report.inputs[0].path == f"{path}!鸣凤镇.csv"
    assert {f.file for f in outcome.findings} == {f"{path}!鸣凤镇.csv"}
    assert [r.to_dict() for r in outcome.report.rows] == [
        r.to_dict() for r in direct.report.rows]


def test_the_sample_in_a_zip_reads_as_the_csv() -> None:
    path = z("births.zip")
    plain, zipped = compute([SAMPLE], year="2012"), compute([path], year="2012")
    assert [r.to_dict() for r in zipped.report.rows] == [r.to_dict() for r in plain.report.rows]
    s = zipped.report.inputs[0]
    assert s.path == f"{path}!births.csv"
    # docs/cli.md "Row counts", year 2012: 1718 = 2 blank + 3 rejected + 1 duplicate
    # + 150 out of period + 1562 used.
    assert (s.rows_read, s.rows_skipped_blank, s.rows_rejected, s.rows_duplicate,
            s.rows_out_of_period, s.rows_used) == (1718, 2, 3, 1, 150, 1562)
    assert [(f.row, f.code) for f in zipped.findings] == [
        (f.row, f.code) for f in plain.findings]


def test_a_member_is_streamed_and_never_cut() -> None:
    f = InputFile(Source(z("two.zip"), member="small.csv"))
    try:
        assert f.size == SMALL.stat().st_size  # the member's own bytes (1412)
        assert f.ranges(64) is None
        rows = sum(len(b) + len(b.ragged) for b in f.batches(1 << 16))
        assert rows == 14  # births_small: 14 lines under its title and header
        assert f.position() == f.size
    finally:
        f.close()


def test_member_bytes_and_format_for_a_workbook_reader(tmp_path: Path) -> None:
    assert member_bytes(Source(z("two.zip"), member="small.csv")) == SMALL.read_bytes()
    assert member_format(Source(z("two.zip"), member="small.csv")) == "text"
    assert member_format(Source(z("nested.zip"), member="inner.zip")) == "zip"
    path = tmp_path / "books.zip"
    book = tmp_path / "book.xlsx"
    with zipfile.ZipFile(book, "w") as w:
        w.writestr("xl/workbook.xml", "<workbook/>")
    with zipfile.ZipFile(path, "w") as w:
        w.write(book, "鸣凤镇.xlsx")
        w.write(FIXTURES / "births.csv.gz", "births.csv.gz")
    assert member_format(Source(str(path), member="鸣凤镇.xlsx")) == "xlsx"
    assert member_format(Source(str(path), member="births.csv.gz")) == "gzip"


def test_a_compressed_member_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "gz-inside.zip"
    with zipfile.ZipFile(path, "w") as w:
        w.write(FIXTURES / "births.csv.gz", "births.csv.gz")
    f = InputFile(Source(str(path), member="births.csv.gz"))
    try:
        assert (f.compression, f.kind) == ("gzip", "births")
    finally:
        f.close()


def refused(source: Source | str) -> InputError:
    with pytest.raises(InputError) as info:
        sources = parse_sources([source]) if isinstance(source, str) else [source]
        for s in sources:
            f = InputFile(s)
            try:
                for _ in f.batches(1 << 16):
                    pass
            finally:
                f.close()
    return info.value


@pytest.mark.parametrize(("name", "display", "code", "params", "english"), [
    ("encrypted.zip", "encrypted.zip!small.csv", "zip_encrypted", {},
     "this member of the archive is encrypted; extract it with its password and give the "
     "extracted file"),
    ("deflate64.zip", "deflate64.zip!small.csv", "zip_method", {"method": "Deflate64"},
     "this member uses a compression method that cannot be read (Deflate64); extract it "
     "and give the extracted file, or re-pack with standard zip compression (Deflate)"),
    ("bad-crc.zip", "bad-crc.zip!small.csv", "zip_member_damaged", {},
     "this member of the archive is damaged (bad checksum or cut off); fetch the archive "
     "again"),
    ("damaged.zip", "damaged.zip", "zip_damaged", {},
     "the zip archive is damaged or cut off; fetch it again, or extract it and give its "
     "files"),
    ("empty.zip", "empty.zip", "zip_empty", {"skipped": 0},
     "the zip archive holds no file to read (0 skipped: directories, `__MACOSX/`, "
     "hidden files)"),
    ("nested.zip", "nested.zip!inner.zip", "zip_nested", {},
     "a zip archive inside the archive; extract it and give the inner zip or its files"),
])
def test_archives_that_cannot_be_read(name: str, display: str, code: str,
                                      params: dict[str, object], english: str) -> None:
    e = refused(z(name))
    assert (e.code, e.params, e.path) == (code, params, str(FIXTURES / display))
    assert str(e) == f"{FIXTURES / display}: {english}"
    assert "NUL" not in e.text("zh")


def test_a_zip_of_only_skipped_entries_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "mac.zip"
    with zipfile.ZipFile(path, "w") as w:
        w.writestr("__MACOSX/._births.csv", b"\x00\x05\x16\x07")
        w.writestr(".DS_Store", b"Bud1")
    e = refused(str(path))
    assert (e.code, e.params) == ("zip_empty", {"skipped": 2})
    assert e.text("zh") == (
        f"{path}: zip 压缩包里没有可读的文件(跳过 2 项:目录、`__MACOSX/`、隐藏文件)")


def test_the_last_part_of_a_real_split_archive() -> None:
    """split.zip: the last of three parts `zip -s 64k` wrote (its head is not a zip's)."""
    e = refused(z("split.zip"))
    assert (e.code, e.path) == ("zip_split", z("split.zip"))
    assert str(e) == (f"{z('split.zip')}: this is one part of a split zip archive (.z01, .z02 "
                      "…); put all parts in one folder, extract them with the tool that made "
                      "them and give the extracted files")


def test_one_part_of_a_split_archive(tmp_path: Path) -> None:
    data = bytearray((FIXTURES / "births.zip").read_bytes())
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<H", data, end + 4, 1)  # "this is disk 2": what zip -s leaves
    path = tmp_path / "births.z01.zip"
    path.write_bytes(bytes(data))
    e = refused(str(path))
    assert e.code == "zip_split"
    assert "extract them with the tool that made them" in str(e)


def test_a_member_gone_since_the_archive_was_listed() -> None:
    e = refused(Source(z("two.zip"), member="gone.csv"))
    assert (e.code, e.path) == ("zip_no_member", f"{z('two.zip')}!gone.csv")


def test_a_compressed_file_of_an_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.zip.gz"
    path.write_bytes(gzip.compress((FIXTURES / "two.zip").read_bytes(), mtime=0))
    e = refused(str(path))
    assert (e.code, e.params) == ("compressed_inner", {"format": "gzip", "inner": "zip"})
