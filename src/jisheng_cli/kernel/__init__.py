"""The compiled check kernel: numba passes over Arrow buffers for millions of rows.

The numpy path (`checks`, `records.vector`) stays the reference: the kernel must give
the same rows, values and findings (tests/kernel compare the two). Nothing here imports
numba: `jit` does, and only the modules that hold kernels import `jit`, so `jisheng
--help` and a county register on the reference path never load it.

When the kernel runs is one decision, `wanted`: `Settings.kernel` ("auto", "always",
"never"; the environment variable JISHENG_KERNEL sets its default) and, for "auto", the
input's size against KERNEL_MIN_BYTES.
"""

from __future__ import annotations

import os
from collections.abc import Callable

MODES = ("auto", "always", "never")

# Below this many bytes of input (about BYTES_PER_ROW each: 400,000 rows) the reference
# path is used: it is as fast there, and a first run never waits for compilation.
# How it was chosen: docs/benchmarks.md, "Small-input threshold".
BYTES_PER_ROW = 110
KERNEL_MIN_ROWS = 400_000
KERNEL_MIN_BYTES = KERNEL_MIN_ROWS * BYTES_PER_ROW


def default_mode() -> str:
    mode = os.environ.get("JISHENG_KERNEL", "auto").strip().lower() or "auto"
    return mode if mode in MODES else "auto"


def wanted(mode: str, size: int | None) -> bool:
    """Whether an input of `size` bytes (None: not known, e.g. standard input) runs on the
    kernel under `mode`."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    return size is not None and size >= KERNEL_MIN_BYTES


_ready = False


def prepare(stage: Callable[[str], None] | None = None) -> None:
    """Compile every kernel, or load it from numba's cache, before the first batch.

    A first compile takes seconds, so it is announced: `stage("preparing_kernel")`
    before and `stage("reading")` after (the CLI's progress bar shows it). Once per process.
    """
    global _ready
    if _ready:
        return
    from jisheng_cli.kernel import jit
    from jisheng_cli.kernel.warm import warm

    stamp = jit.stamp_path() if jit.CACHE else None
    first = stamp is None or not stamp.exists()
    if first and stage is not None:
        stage("preparing_kernel")
    warm()
    if stamp is not None:
        stamp.touch()
    if first and stage is not None:
        stage("reading")
    _ready = True
