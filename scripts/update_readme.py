"""Regenerate the README's generated sections: the demo run and the indicator table.

`make readme` runs it; tests/test_docs.py fails when the README has drifted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ["indicators", "sample_data/births.csv", "sample_data/fees.csv",
        "survey:sample_data/survey.csv", "checked:sample_data/checked.csv",
        "sample_data/population.csv", "sample_data/women.csv", "sample_data/procedures.csv",
        "women_survey:sample_data/women_survey.csv", "--config", "sample_data/jisheng.toml",
        "--year", "2012", "--by", "township", "--format", "table", "--as-of", "2026-11-22"]


# The worked audit of the sample report's figures (exit 1: two of them do not hold).
AUDIT = ["audit", "sample_data/claims.csv", *DEMO[1:9], "--config", "sample_data/jisheng.toml",
         "--format", "table", "--as-of", "2026-11-22"]


def jisheng(*args: str, codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="100")
    run = subprocess.run([sys.executable, "-m", "jisheng_cli", *args], capture_output=True,
                         text=True, check=False, cwd=ROOT, env=env)
    if run.returncode not in codes:
        raise subprocess.CalledProcessError(run.returncode, args, run.stdout, run.stderr)
    return run


def demo_args() -> list[str]:
    return [a for a in DEMO if not a.endswith(".csv") or (ROOT / a.split(":")[-1]).exists()]


def sections() -> dict[str, str]:
    run = jisheng(*demo_args())
    shown = " ".join(a for a in demo_args() if a not in ("--format", "table", "--as-of",
                                                          "2026-11-22"))
    demo = "\n".join(line.rstrip() for line in
                     (f"$ jisheng {shown}\n" + run.stdout + run.stderr).rstrip().splitlines())
    audit = jisheng(*AUDIT, codes=(1,))
    shown = " ".join(a for a in AUDIT if a not in ("--format", "table", "--as-of", "2026-11-22"))
    text = f"$ jisheng {shown}\n" + audit.stdout + audit.stderr
    audited = "\n".join(line.rstrip() for line in text.rstrip().splitlines())
    return {"demo": f"```\n{demo}\n```", "audit": f"```\n{audited}\n```",
            "indicators": jisheng("list", "--format", "markdown").stdout.strip()}


def render(text: str) -> str:
    for name, body in sections().items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m, b=body: m.group(1) + b + m.group(2), text)
    return text


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
