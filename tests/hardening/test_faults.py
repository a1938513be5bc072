"""Faults around the run (docs/quality.md "Reliability"; docs/cli.md exit codes 2, 3 and 130):
outputs that cannot be written, outputs that would overwrite an input, Ctrl-C, and a
reader that goes away (`| head`). A failure leaves no partial or temporary file behind.

Device nodes: the command replaces its output with a temp-file rename, so as root
`-o /dev/full` or `-o /dev/null` would replace the machine's own device node with a
regular file. These tests therefore never name /dev/full or /dev/null while running as
root: they make private device nodes (same major/minor numbers) in their temporary
directory instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import (
    AS_OF,
    SAMPLE,
    assert_one_error_line,
    cli_argv,
    cli_env,
    run_cli,
)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copyfile(SAMPLE, tmp_path / "births.csv")
    return tmp_path


def _listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def _device(directory: Path, name: str, minor: int) -> Path:
    """A private character device with the numbers of /dev/null (1,3) or /dev/full (1,7)."""
    path = directory / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError) as e:
        pytest.skip(f"cannot make a device node here: {e}")
    return path


def _full_device(directory: Path) -> Path:
    if os.geteuid() != 0:
        return Path("/dev/full")  # /dev is not writable: nothing can replace it
    return _device(directory, "full", 7)


# ------------------------------------------------------------------ unwritable outputs


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_output_to_full_device(work: Path, fmt: str) -> None:
    """A device is written into, not replaced by a renamed temp file: ENOSPC gives exit 3
    and one line, and the node is still a device."""
    full = _full_device(work)
    before = _listing(work)
    run = run_cli(("indicators", "births.csv", "--format", fmt, "-o", str(full), "-q", *AS_OF),
                  work)
    assert_one_error_line(run, 3, str(full))
    assert stat.S_ISCHR(full.stat().st_mode), "the device node was replaced"
    assert _listing(work) == before


def test_output_to_null_device_keeps_the_device(work: Path) -> None:
    """`-o /dev/null` (the benchmarks use it) discards the output; as root the temp-file
    rename used to replace the node with a regular file."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make a device node")
    null = _device(work, "null", 3)
    run = run_cli(("indicators", "births.csv", "-o", str(null), "-q", *AS_OF), work)
    assert run.code == 0, str(run)
    assert stat.S_ISCHR(null.stat().st_mode), "the device node was replaced by a regular file"


def _lock(directory: Path) -> bool:
    """Make a directory unwritable: chmod for ordinary users; as root (CI, here) only the
    immutable attribute stops writes. False when neither works on this filesystem."""
    directory.chmod(0o555)
    if not os.access(directory, os.W_OK):
        return True
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    done = subprocess.run([chattr, "+i", str(directory)], capture_output=True, check=False)
    if done.returncode != 0:
        return False
    probe = directory / ".probe"
    try:
        probe.touch()
    except OSError:
        return True
    probe.unlink()
    return False


def _unlock(directory: Path) -> None:
    chattr = shutil.which("chattr")
    if chattr is not None:
        subprocess.run([chattr, "-i", str(directory)], capture_output=True, check=False)
    directory.chmod(0o755)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_output_in_read_only_directory(work: Path, fmt: str) -> None:
    locked = work / f"locked_{fmt}"
    locked.mkdir()
    try:
        if not _lock(locked):
            pytest.skip("cannot make a read-only directory here")
        run = run_cli(("indicators", "births.csv", "--format", fmt,
                       "-o", f"{locked.name}/out.{fmt}", *AS_OF), work)
        assert_one_error_line(run, 3, f"{locked.name}/out.{fmt}")
        assert _listing(locked) == []
    finally:
        _unlock(locked)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_output_in_missing_directory(work: Path, fmt: str) -> None:
    before = _listing(work)
    run = run_cli(("indicators", "births.csv", "--format", fmt, "-o", f"nowhere/out.{fmt}",
                   *AS_OF), work)
    assert_one_error_line(run, 3, f"nowhere/out.{fmt}")
    assert _listing(work) == before


def test_rejects_in_missing_directory(work: Path) -> None:
    before = _listing(work)
    run = run_cli(("indicators", "births.csv", "--rejects", "nowhere/r.csv", *AS_OF), work)
    assert_one_error_line(run, 3, "nowhere/r.csv")
    assert _listing(work) == before


@pytest.mark.parametrize("command", ["indicators", "validate"])
def test_output_is_a_directory(work: Path, command: str) -> None:
    (work / "reports").mkdir()
    (work / "reports" / "keep.txt").write_text("x")
    before = _listing(work)
    run = run_cli((command, "births.csv", "--format", "csv", "-o", "reports", *AS_OF), work)
    assert_one_error_line(run, 3, "reports")
    assert _listing(work) == before
    assert _listing(work / "reports") == ["keep.txt"]


# ------------------------------------------------------------------ inputs are never overwritten


@pytest.mark.parametrize(
    ("command", "option", "spelling"),
    [
        ("indicators", "-o", "same"),
        ("indicators", "-o", "dot"),
        ("indicators", "-o", "absolute"),
        ("indicators", "-o", "symlink"),
        ("indicators", "--rejects", "same"),
        ("validate", "-o", "same"),
        ("validate", "--rejects", "dot"),
    ],
)
def test_output_equal_to_input(work: Path, command: str, option: str, spelling: str) -> None:
    """Exit 2 before anything is read: the input here is a FIFO with no writer, so opening
    it for reading would block until the timeout."""
    fifo = work / "register.csv"
    os.mkfifo(fifo)
    target = {"same": "register.csv", "dot": "./register.csv", "absolute": str(fifo),
              "symlink": "link.csv"}[spelling]
    if spelling == "symlink":
        (work / "link.csv").symlink_to("register.csv")
    before = _listing(work)
    run = run_cli((command, "register.csv", option, target, *AS_OF), work, timeout=30)
    assert_one_error_line(run, 2, target)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _listing(work) == before


def test_output_equal_to_input_leaves_it_unchanged(work: Path) -> None:
    path = work / "births.csv"
    data, mtime = path.read_bytes(), path.stat().st_mtime_ns
    run = run_cli(("indicators", "births.csv", "-o", "births.csv", "--format", "xlsx", *AS_OF),
                  work)
    assert_one_error_line(run, 2, "births.csv")
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime
    assert _listing(work) == ["births.csv"]


# ------------------------------------------------------------------ Ctrl-C


def _opened(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fds / fd) == str(path) for fd in os.listdir(fds))
    except OSError:
        return False


def _as_at_a_terminal() -> None:
    """A shell starts the command with SIGINT at its default and unblocked; a test runner's
    worker need not (a child inherits an ignored or blocked SIGINT), so say so here."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@pytest.fixture
def interrupted(large_register: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes],
                                                                         Path, str]]:
    """`jisheng indicators` on a 300,000-row register, SIGINT about 0.5 s in: as soon as
    the command has the register open (≈0.5–0.7 s after start: it is then past its imports
    and inside its own error handling, and still reading)."""
    proc = subprocess.Popen(
        cli_argv("indicators", str(large_register), "--by", "village", "-o", "out.csv",
                 *AS_OF),
        cwd=tmp_path, env=cli_env(), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_as_at_a_terminal,
    )
    try:
        deadline = time.monotonic() + 20
        while not _opened(proc.pid, large_register) and time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            time.sleep(0.01)
        time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        yield proc, tmp_path, err.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sigint_exit_130_and_nothing_left(
    interrupted: tuple[subprocess.Popen[bytes], Path, str]
) -> None:
    proc, directory, stderr = interrupted
    assert "Traceback" not in stderr
    assert proc.returncode == 130, stderr
    assert _listing(directory) == [], "out.csv or a temporary file was left behind"


def test_sigint_says_interrupted(interrupted: tuple[subprocess.Popen[bytes], Path, str]) -> None:
    """typer used to turn KeyboardInterrupt into a silent Exit(130). The line is in the
    default language (zh); tests/cli/test_lang.py has the English one."""
    proc, _, stderr = interrupted
    assert proc.returncode == 130
    assert stderr.splitlines() == ["jisheng: 已中断"], stderr


def test_interrupt_while_writing_leaves_no_temp_file(tmp_path: Path) -> None:
    """The atomic writer itself: Ctrl-C in the middle of the output removes the temp file."""
    from jisheng_cli.cli.options import atomic_output

    target = tmp_path / "out.csv"
    with pytest.raises(KeyboardInterrupt), atomic_output(str(target)) as stream:
        stream.write(b"half a report\n")
        assert len(_listing(tmp_path)) == 1  # the temporary file
        raise KeyboardInterrupt
    assert _listing(tmp_path) == []


# ------------------------------------------------------------------ broken pipe


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_broken_pipe_ends_quietly(tmp_path: Path, fmt: str) -> None:
    """`jisheng indicators … | head -1`: exit 0 (or death by SIGPIPE, 141), stderr empty
    (typer's own EPIPE handler used to exit 1)."""
    shutil.copyfile(SAMPLE, tmp_path / "births.csv")
    proc = subprocess.Popen(
        cli_argv("indicators", "births.csv", "--by", "village", "--layout", "long",
                 "--format", fmt, *AS_OF),
        cwd=tmp_path, env=cli_env(), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=60)
    assert first
    assert "Traceback" not in err
    assert code in (0, 141, -signal.SIGPIPE), (code, err)
    assert err == ""


def test_broken_pipe_output_is_large_enough(tmp_path: Path) -> None:
    """The run above must overflow a pipe buffer, or the test would prove nothing."""
    shutil.copyfile(SAMPLE, tmp_path / "births.csv")
    run = run_cli(("indicators", "births.csv", "--by", "village", "--layout", "long",
                   "--format", "csv", "-q", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    assert len(run.stdout) > 2 * 65536


if sys.platform != "linux":  # /proc and device numbers are Linux-specific
    pytestmark = pytest.mark.skip("Linux only")
