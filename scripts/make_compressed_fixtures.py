"""Make tests/fixtures/compressed/: the sample register and a small register compressed and
archived by the real tools, and damaged archives for the error tests.

    python scripts/make_compressed_fixtures.py     # needs gzip, bzip2, xz, zstd, zip

Re-runnable and deterministic (gzip -n, fixed file times, zip -X). The tests never run the
tools: they read the committed outputs. The tools' version lines are written to
VERSIONS.txt beside the fixtures; the committed files were made with gzip 1.12, bzip2
1.0.8, xz 5.4.1, zstd 1.5.4 and Zip 3.0 (Debian 12).

Every name and ID number in these files is made up (sample_data/make_sample.py and
tests/data/make_fixtures.py say how).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "compressed"
SAMPLE = ROOT / "sample_data" / "births.csv"
SMALL = ROOT / "tests" / "data" / "births_small.utf8bom.csv"
STAMP = 1_700_000_000  # 2023-11-14: every staged file's time, so zip output repeats
# A zip member name that Windows zip tools in China write: GBK bytes, flag bit 11 unset.
GBK_NAME = "鸣凤镇.csv"


def tool(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> bytes:
    env = {**os.environ, "LC_ALL": "C"}  # zip must take a GBK file name as raw bytes
    return subprocess.run(args, input=stdin, cwd=cwd, env=env, check=True,
                          capture_output=True).stdout


def staged(directory: Path, name: str | bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(directory), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (STAMP, STAMP))
    return path


def zip_cli(archive: Path, cwd: Path, *members: str | bytes, options: tuple[str, ...] = ()
            ) -> None:
    archive.unlink(missing_ok=True)
    names = [os.fsdecode(m) for m in members]
    tool("zip", "-X", "-q", "-D", *options, str(archive), *names, cwd=cwd)


def versions() -> str:
    lines = []
    for args in (("gzip", "--version"), ("bzip2", "--help"), ("xz", "--version"),
                 ("zstd", "--version"), ("zip", "-v")):
        proc = subprocess.run(args, capture_output=True, text=True, check=False)
        text = (proc.stdout or proc.stderr).strip().splitlines()
        first = next((line for line in text if re.search(r"\d\.\d", line)), "?")
        lines.append(f"{args[0]}: {first.strip()}")
    return "\n".join(lines) + "\n"


def patch_method(data: bytes, method: int) -> bytes:
    """A stored single-member zip with its compression method (local and central header)
    set to `method`: what a tool writing Deflate64 or PPMd leaves for us to refuse."""
    out = bytearray(data)
    local = out.index(b"PK\x03\x04")
    struct.pack_into("<H", out, local + 8, method)
    central = out.index(b"PK\x01\x02")
    struct.pack_into("<H", out, central + 10, method)
    return bytes(out)


def main() -> int:
    for name in ("gzip", "bzip2", "xz", "zstd", "zip"):
        if shutil.which(name) is None:
            print(f"{name} is not installed", file=sys.stderr)
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    sample, small = SAMPLE.read_bytes(), SMALL.read_bytes()
    (OUT / "births.csv.gz").write_bytes(tool("gzip", "-n", "-9", "-c", stdin=sample))
    (OUT / "births.csv.bz2").write_bytes(tool("bzip2", "-9", "-c", stdin=sample))
    (OUT / "births.csv.xz").write_bytes(tool("xz", "-9", "-c", stdin=sample))
    (OUT / "births.csv.zst").write_bytes(tool("zstd", "-19", "-q", "-c", stdin=sample))
    (OUT / "empty.csv.gz").write_bytes(tool("gzip", "-n", "-c", stdin=b""))
    whole = (OUT / "births.csv.gz").read_bytes()
    (OUT / "truncated.csv.gz").write_bytes(whole[: len(whole) * 2 // 3])

    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp)
        staged(stage, "births.csv", sample)
        staged(stage, "small.csv", small)
        zip_cli(OUT / "births.zip", stage, "births.csv")
        zip_cli(OUT / "two.zip", stage, "births.csv", "small.csv")
        # What a Mac's Finder and a shared folder add: a directory, resource forks, dot-files.
        staged(stage, "data/small.csv", small)
        staged(stage, "__MACOSX/data/._small.csv", b"\x00\x05\x16\x07")
        staged(stage, "data/.DS_Store", b"\x00\x00\x00\x01Bud1")
        for directory in ("data", "__MACOSX/data", "__MACOSX"):
            os.utime(stage / directory, (STAMP, STAMP))
        (OUT / "skipped.zip").unlink(missing_ok=True)
        tool("zip", "-X", "-q", "-r", str(OUT / "skipped.zip"), "data", "__MACOSX", cwd=stage)
        gbk = GBK_NAME.encode("gbk")
        staged(stage, gbk, small)
        zip_cli(OUT / "gbk-name.zip", stage, gbk)
        # Not byte-for-byte repeatable: zip salts every encrypted member at random.
        zip_cli(OUT / "encrypted.zip", stage, "small.csv", options=("-P", "secret"))
        zip_cli(stage / "inner.zip", stage, "small.csv")
        os.utime(stage / "inner.zip", (STAMP, STAMP))
        zip_cli(OUT / "nested.zip", stage, "small.csv", "inner.zip")
        stored = stage / "stored.zip"
        zip_cli(stored, stage, "small.csv", options=("-0",))
        (OUT / "deflate64.zip").write_bytes(patch_method(stored.read_bytes(), 9))
        # The last part of a split archive, as `zip -s` leaves it (.z01, .z02, then .zip).
        staged(stage, "split/births.csv", sample)
        tool("zip", "-X", "-q", "-0", "-s", "64k", "parts.zip", "births.csv", cwd=stage / "split")
        shutil.copyfile(stage / "split" / "parts.zip", OUT / "split.zip")
        data = bytearray(stored.read_bytes())
        data[data.index(b"small.csv") + 9 + 200] ^= 0x20  # a letter's case: CRC fails
        (OUT / "bad-crc.zip").write_bytes(bytes(data))

    with zipfile.ZipFile(OUT / "gbk-name.zip") as z:
        info = z.infolist()[0]
        assert not info.flag_bits & 0x800, "zip wrote the name as UTF-8"
        assert info.orig_filename.encode("cp437") == GBK_NAME.encode("gbk")
    # No tool writes an empty archive; zipfile does: the end record alone.
    with zipfile.ZipFile(OUT / "empty.zip", "w"):
        pass
    births_zip = (OUT / "births.zip").read_bytes()
    (OUT / "damaged.zip").write_bytes(births_zip[: len(births_zip) // 2])
    (OUT / "VERSIONS.txt").write_text(versions(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
