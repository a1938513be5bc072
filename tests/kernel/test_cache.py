"""The first run announces the compile; later runs load the kernels from numba's cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROGRAM = """
from jisheng_cli import kernel
stages = []
kernel.prepare(stages.append)
kernel.prepare(stages.append)  # once per process
print(stages)
"""


def _prepare(cache: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", "NUMBA_DISABLE_JIT")}
    env["JISHENG_CACHE_DIR"] = str(cache)
    proc = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                          env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_first_compile_is_announced_once(tmp_path: Path) -> None:
    assert _prepare(tmp_path) == "['preparing_kernel', 'reading']"
    assert list((tmp_path / "numba").glob("jisheng-ready-*"))
    assert _prepare(tmp_path) == "[]"
