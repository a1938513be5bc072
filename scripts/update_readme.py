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


def jisheng(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "jisheng_cli", *args], capture_output=True,
                          text=True, check=True, cwd=ROOT, env=env)


def demo_args() -> list[str]:
    return [a for a in DEMO if not a.endswith(".csv") or (ROOT / a.split(":")[-1]).exists()]


def sections() -> dict[str, str]:
    run = jisheng(*demo_args())
    shown = " ".join(a for a in demo_args() if a not in ("--format", "table", "--as-of",
                                                          "2026-11-22"))
    demo = "\n".join(line.rstrip() for line in
                     (f"$ jisheng {shown}\n" + run.stdout + run.stderr).rstrip().splitlines())
    return {"demo": f"```\n{demo}\n```", "indicators": jisheng("list", "--format",
                                                                "markdown").stdout.strip()}


def render(text: str) -> str:
    for name, body in sections().items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m, b=body: m.group(1) + b + m.group(2), text)
    return text


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
