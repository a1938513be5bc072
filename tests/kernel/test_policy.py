"""When the kernel runs (kernel.wanted) and where numba keeps its cache (kernel.jit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jisheng_cli.kernel import KERNEL_MIN_BYTES, default_mode, wanted


def test_auto_uses_the_size() -> None:
    assert not wanted("auto", KERNEL_MIN_BYTES - 1)
    assert wanted("auto", KERNEL_MIN_BYTES)
    assert not wanted("auto", None)  # standard input: size unknown


def test_always_and_never_ignore_the_size() -> None:
    assert wanted("always", 0) and wanted("always", None)
    assert not wanted("never", 10 * KERNEL_MIN_BYTES)


@pytest.mark.parametrize(("value", "mode"), [("always", "always"), (" NEVER ", "never"),
                                             ("bogus", "auto"), ("", "auto")])
def test_environment_sets_the_default(monkeypatch: pytest.MonkeyPatch, value: str,
                                      mode: str) -> None:
    monkeypatch.setenv("JISHENG_KERNEL", value)
    assert default_mode() == mode


def _cache_dir(env: dict[str, str]) -> str:
    code = ("import jisheng_cli.kernel.jit as j, os; "
            "print(j.CACHE, os.environ.get('NUMBA_CACHE_DIR'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return proc.stdout.strip()


def test_cache_goes_to_the_user_cache_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env.pop("JISHENG_CACHE_DIR", None)
    env["XDG_CACHE_HOME"] = str(tmp_path)
    cache, folder = _cache_dir(env).split(" ")
    assert cache == "True"
    assert Path(folder).parent == tmp_path / "jisheng" / "numba"
    assert len(Path(folder).name) == 16  # the sources' digest (kernel.jit.sources_digest)


def test_read_only_cache_compiles_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["JISHENG_CACHE_DIR"] = str(blocked)  # cannot hold a folder
    assert _cache_dir(env) == "False None"
