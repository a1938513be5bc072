"""Regenerate docs/report.png, the README's picture of the trend sample's report.

`make screenshot` runs it: the report is built into a temporary directory and rendered by
the browser test's Chromium driver (tests/browser/chromium.py), keeping the top of the
page so that the PNG stays small.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.browser, when run as `python scripts/screenshot.py`

from tests.browser.chromium import render  # noqa: E402

OUT = ROOT / "docs" / "report.png"
TREND = "sample_data/trend"
REPORT = ["report", f"{TREND}/births.csv", f"{TREND}/population.csv",
          "--config", f"{TREND}/jisheng.toml", "--by", "township", "--as-of", "2026-11-22"]
HEIGHT = 1500  # CSS px from the top: the headline table and the first charts
MAX_BYTES = 400_000


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="jisheng-screenshot-") as tmp:
        page = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "jisheng_cli", *REPORT, "-o", str(page)],
                       cwd=ROOT, env=dict(os.environ, COLUMNS="100"), check=True,
                       stderr=subprocess.DEVNULL)
        shot = render(page, height=HEIGHT, fast_png=False)  # the compact encoding
    trouble = [str(p) for p in shot.problems] + shot.foreign_requests
    if trouble:
        print("the report does not render cleanly:", *trouble, sep="\n  ", file=sys.stderr)
        return 1
    if len(shot.png) > MAX_BYTES:
        print(f"{OUT.name} would be {len(shot.png):,} bytes (at most {MAX_BYTES:,}): "
              "lower HEIGHT", file=sys.stderr)
        return 1
    OUT.write_bytes(shot.png)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(shot.png):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
