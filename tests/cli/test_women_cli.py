"""The women's kinds from the command line: the JSON equals the library's result, the
hint to list the problems carries the stock date, and following it finds the same ones."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import compute

from .helpers import AS_OF, ROOT, SAMPLE_DIR, Run

FILES = ("sample_data/births.csv", "sample_data/women.csv", "sample_data/procedures.csv",
         "women_survey:sample_data/women_survey.csv")


@pytest.fixture(scope="module", autouse=True)
def women_files(session_dir: Path) -> None:
    """The women's sample files beside the births one in the shared directory."""
    for name in ("women.csv", "procedures.csv", "women_survey.csv"):
        shutil.copyfile(SAMPLE_DIR / name, session_dir / "sample_data" / name)


def test_json_equals_the_library(sample: Callable[..., Run]) -> None:
    run = sample("indicators", *FILES, "--year", "2012", "--format", "json", *AS_OF)
    assert run.code == 0, str(run)
    library = compute([ROOT / f if ":" not in f else f"women_survey:{ROOT / f.split(':')[1]}"
                       for f in FILES], year="2012")
    assert run.json()["rows"] == library.report.to_dict()["rows"]
    women = next(i for i in run.json()["inputs"] if i["kind"] == "women")
    assert women["women_outside_scope"] == 1024
    births = next(i for i in run.json()["inputs"] if i["kind"] == "births")
    assert "women_outside_scope" not in births


def test_the_hint_repeats_the_stock_date_and_validate_follows_it(
        sample: Callable[..., Run]) -> None:
    run = sample("indicators", *FILES, "--year", "2012", "--format", "json", *AS_OF)
    hint = run.err_lines[-1]
    assert hint == ("查看明细:jisheng validate " + " ".join(FILES)
                    + " --from 2011-10-01 --to 2012-09-30 --as-of 2026-11-22"
                    " --rejects rejects.csv")
    args = hint.removeprefix("查看明细:jisheng ").removesuffix(" --rejects rejects.csv")
    checked = sample(*args.split(), "--format", "csv")
    found = list(csv.DictReader(io.StringIO(checked.text)))
    women = [r for r in found if r["file"] == "sample_data/women.csv"]
    # The stock date of the report, so the same 4 rejects and 57 warnings (7 stale records
    # among them), not every 2012 record stale as it would be at today's date.
    assert sum(r["severity"] == "error" for r in women) == 4
    assert sum(r["severity"] == "warning" for r in women) == 57
    assert sum(r["code"] == "stale_record" for r in women) == 7
