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
import jisheng_cli.kernel.births, jisheng_cli.kernel.dedupe, jisheng_cli.kernel.gb18030
from numba.core.registry import CPUDispatcher
kernels = [obj for module in (jisheng_cli.kernel.births, jisheng_cli.kernel.dedupe,
                              jisheng_cli.kernel.gb18030, jisheng_cli.kernel.rowpass,
                              jisheng_cli.kernel.ids, jisheng_cli.kernel.dictionary)
           for obj in vars(module).values() if isinstance(obj, CPUDispatcher)]
hits = sum(sum(k.stats.cache_hits.values()) for k in kernels)
misses = sum(sum(k.stats.cache_misses.values()) for k in kernels)
print(stages, "hits" if hits else "no hits", "misses" if misses else "no misses")
"""


def _prepare(cache: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", "NUMBA_DISABLE_JIT")}
    env["JISHENG_CACHE_DIR"] = str(cache)
    proc = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                          env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_first_compile_is_announced_once(tmp_path: Path) -> None:
    # A first compile: every kernel a cache miss, none loaded.
    assert _prepare(tmp_path) == "['preparing_kernel', 'reading'] no hits misses"
    assert list((tmp_path / "numba").glob("*/jisheng-ready-*"))
    # Then every kernel loads from the cache: no announcement, no compile.
    assert _prepare(tmp_path) == "[] hits no misses"
