"""Write the outputs that the contract fixes, so that two checkouts can be diffed.

    python scripts/contract_outputs.py OUT_DIR [--lang en]

Runs the checkout's own `python -m jisheng_cli` (PYTHONPATH=src of this checkout) on
the sample county (the demo table, the JSON document, the rejects file) and `validate
--format json` on every file of the hardening corpus, writing stdout, stderr and the
exit code of each run under OUT_DIR. `--lang` is passed only where the checkout's
command accepts it, so an older checkout can be snapshotted as well: `diff -r` of two
snapshots then shows every change of output.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ["sample_data/births.csv", "sample_data/fees.csv", "survey:sample_data/survey.csv",
          "checked:sample_data/checked.csv", "sample_data/population.csv"]
AS_OF = ["--as-of", "2026-11-22"]


def _run(args: list[str], lang: str | None) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "COLUMNS": "120", "PYTHONPATH": str(ROOT / "src")}
    for name in ("FORCE_COLOR", "NO_COLOR"):
        env.pop(name, None)
    argv = [sys.executable, "-m", "jisheng_cli", *args]
    if lang is not None:
        probe = subprocess.run([*argv[:3], args[0], "--help"], env=env, capture_output=True,
                               cwd=ROOT, check=False)
        if b"--lang" in probe.stdout:
            argv += ["--lang", lang]
    p = subprocess.run(argv, env=env, capture_output=True, cwd=ROOT, check=False,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def _save(out: Path, name: str, result: tuple[int, bytes, bytes]) -> None:
    code, stdout, stderr = result
    (out / f"{name}.stdout").write_bytes(stdout)
    (out / f"{name}.stderr").write_bytes(stderr)
    (out / f"{name}.code").write_text(f"{code}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--lang", default=None)
    ns = ap.parse_args()
    out: Path = ns.out
    out.mkdir(parents=True, exist_ok=True)
    config = ["--config", "sample_data/jisheng.toml"]
    rejects = out / "sample_rejects.csv"
    _save(out, "demo", _run(["indicators", *SAMPLE, *config, "--year", "2012", "--by",
                             "township", "--format", "table", *AS_OF], ns.lang))
    _save(out, "sample_json", _run(["indicators", *SAMPLE, *config, "--by",
                                    "township,village,year", "--format", "json",
                                    "--rejects", str(rejects), *AS_OF], ns.lang))
    (out / "corpus").mkdir(exist_ok=True)
    for path in sorted((ROOT / "tests" / "hardening" / "corpus").iterdir()):
        rel = str(path.relative_to(ROOT))
        _save(out / "corpus", path.name, _run(["validate", rel, "--format", "json", *AS_OF],
                                              ns.lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
