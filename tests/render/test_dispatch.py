from __future__ import annotations

import subprocess
import sys

from jisheng_cli.render.options import RenderOptions, default_layout


def test_default_layout() -> None:
    assert [default_layout(f) for f in ("json", "ndjson", "parquet")] == ["long"] * 3
    assert [default_layout(f) for f in ("table", "csv", "tsv", "xlsx")] == ["wide"] * 4


def test_options_defaults() -> None:
    opts = RenderOptions("csv", "wide")
    assert (opts.lang, opts.precision, opts.detail, opts.bom, opts.width, opts.color) == \
        ("zh", None, False, False, 120, False)


def test_importing_render_stays_light() -> None:
    """`--help` must stay instant: the package may not pull in the heavy libraries."""
    code = (
        "import sys, jisheng_cli.render, jisheng_cli.render.options, jisheng_cli.render.grid, "
        "jisheng_cli.render.rejects, jisheng_cli.render.catalogue; "
        "heavy = [m for m in ('pyarrow', 'pandas', 'xlsxwriter', 'rich', 'numpy') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
