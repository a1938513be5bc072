"""Every kernel compiled (or loaded from numba's cache) on tiny inputs, before a run needs it.

Each module of the kernel that holds kernels has a `warm()` that calls them with the dtypes
a run uses, so the signatures compiled here are the ones a run asks for (one each).
`kernel.prepare` calls this before a run's first batch; `make test` through
`python -m jisheng_cli.kernel`.
"""

from __future__ import annotations

import importlib

WARMERS: tuple[str, ...] = (  # modules of jisheng_cli.kernel with a warm() function
    "jisheng_cli.kernel.births",
    "jisheng_cli.kernel.dedupe",
    "jisheng_cli.kernel.gb18030",
)


def warm() -> None:
    for name in WARMERS:
        importlib.import_module(name).warm()
