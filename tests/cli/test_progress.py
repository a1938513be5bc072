"""The progress bar: on stderr by bytes read, only at a terminal, never quiet or on stdin."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from jisheng_cli.pipeline import run
from jisheng_cli.readers.sources import parse_source
from jisheng_cli.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "births.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--rows", "200000",
                    "--out", str(path)], check=True, capture_output=True)
    return path


def _stderr_on_a_terminal(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes]:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jisheng_cli", *args], stderr=slave, stdout=subprocess.DEVNULL,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        env=dict(os.environ, COLUMNS="100"),
    )
    os.close(slave)
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(), out


def _args(path: Path) -> list[str]:
    return ["indicators", str(path), "--format", "csv", "-o", os.devnull, "--as-of", "2026-11-22"]


ZH, EN = "读取".encode(), b"reading"  # the bar's label in each --lang


def _no_label(err: bytes) -> bool:
    return ZH not in err and EN not in err


@pytest.mark.parametrize(("lang", "label", "other"), [((), ZH, EN), (("--lang", "en"), EN, ZH)],
                         ids=["zh by default", "en"])
def test_bar_at_a_terminal(register: Path, lang: tuple[str, ...], label: bytes,
                           other: bytes) -> None:
    code, err = _stderr_on_a_terminal([*_args(register), *lang])
    assert code == 0
    assert label in err and other not in err and b"\x1b[" in err


@pytest.mark.parametrize("flag", ["--no-progress", "--quiet"])
def test_no_bar_when_asked(register: Path, flag: str) -> None:
    code, err = _stderr_on_a_terminal([*_args(register), flag])
    assert code == 0 and _no_label(err)


def test_no_bar_on_standard_input(register: Path) -> None:
    code, err = _stderr_on_a_terminal(_args(Path("-")), stdin=register.read_bytes())
    assert code == 0 and _no_label(err)


def test_no_bar_when_stderr_is_not_a_terminal(register: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "jisheng_cli", *_args(register)],
                          capture_output=True, check=True)
    assert _no_label(proc.stderr) and b"\x1b[" not in proc.stderr


def test_library_reports_bytes_read(register: Path) -> None:
    seen: list[tuple[int, int]] = []
    settings = Settings(as_of=date(2026, 11, 22), block_bytes=1 << 20,
                        progress=lambda done, total: seen.append((done, total)))
    run([parse_source(str(register))], settings)
    size = register.stat().st_size
    assert len(seen) > 3
    assert all(total == size for _, total in seen)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and dones[-1] == size
