"""Text formats round every rate half-up from its exact value (indicators.md "Display"):
three exact halves whose floats lie just below them, through the real command."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from tests.hardening.make_corpus import HEADER, make_id, to_text

from .helpers import AS_OF, Run, run_cli

YEAR = ("--year", "2012")  # statistical year 2012: 2011-10-01 .. 2012-09-30


def _register(path: Path, n: int, out_of_policy: int = 0, third: int = 0) -> Path:
    """n births in 2012, one mother each; the last `out_of_policy` are 政策外, the first
    `third` are third children."""
    rows = []
    for i in range(n):
        # 500 sequence numbers per mother's birth date keep every ID number distinct.
        mother = make_id(i % 500, date(1985, 1, 1) + timedelta(days=i // 500))
        born = date(2011, 10, 1) + timedelta(days=i % 360)
        policy = "政策外" if i >= n - out_of_policy else "政策内"
        rows.append([str(i + 1), "420525100201", "鸣凤镇", "龙泉村", "王秀英", mother,
                     born.isoformat(), "男" if i % 2 else "女", "3" if i < third else "1",
                     policy, (born + timedelta(days=10)).isoformat(), "常住"])
    path.write_text(to_text(rows, header=HEADER), encoding="utf-8")
    return path


def _csv(run: Run) -> dict[str, str]:
    assert run.code == 0, str(run)
    header, total = list(csv.reader(io.StringIO(run.text)))[:2]
    return dict(zip(header, total, strict=True))


def test_3961_of_4000_in_policy_prints_99_03(tmp_path: Path) -> None:
    births = _register(tmp_path / "births.csv", 4000, out_of_policy=39)
    targets = tmp_path / "targets.toml"
    targets.write_text("[targets]\npolicy_conformance_rate = { min = 99 }\n", encoding="utf-8")
    args = ("indicators", str(births), *YEAR, *AS_OF, "--targets", str(targets),
            "--indicators", "policy_conformance_rate")

    # 3961 × 100 / 4000 = 99.025 exactly → 99.03 (the float 99.02499999999999 gave 99.02)
    wide = _csv(run_cli((*args, "--format", "csv", "--lang", "id"), tmp_path))
    assert wide["policy_conformance_rate"] == "99.03"
    # The gap to 99 is 0.025 exactly → 0.03 in the long layout.
    long = _csv(run_cli((*args, "--format", "csv", "--layout", "long"), tmp_path))
    assert (long["numerator"], long["denominator"]) == ("3961", "4000")
    assert (long["value"], long["gap"]) == ("99.03", "0.03")

    # JSON keeps the float and nothing more.
    run = run_cli((*args, "--format", "json"), tmp_path)
    assert run.code == 0, str(run)
    (row,) = run.json()["rows"]
    assert row["value"] == 3961 / 4000 * 100
    assert row["gap"] == 3961 / 4000 * 100 - 99
    assert "exact" not in run.text


def test_11_of_2000_multichild_prints_0_6_at_one_decimal(tmp_path: Path) -> None:
    births = _register(tmp_path / "births.csv", 2000, third=11)
    run = run_cli(("indicators", str(births), *YEAR, *AS_OF, "--format", "csv", "--lang", "id",
                   "--precision", "1"), tmp_path)
    # 11 × 100 / 2000 = 0.55 exactly → 0.6 (the float 0.5499999999999999 gave 0.5)
    total = _csv(run)
    assert total["births_total"] == "2000"
    assert total["multichild_rate"] == "0.6"


def test_35_fen_of_1000_yuan_collected_prints_0_04(tmp_path: Path) -> None:
    ledger = tmp_path / "fees.csv"
    header = ("案件编号,统计用区划代码,乡镇,村名,当事人身份证号,征收决定日期,"
              "应征金额(元),实征金额(元),申请强制执行")
    case = f"A1,420525100201,鸣凤镇,龙泉村,{make_id(1)},2012-03-01,1000,0.35,否"
    ledger.write_text(f"{header}\n{case}\n", encoding="utf-8")
    run = run_cli(("indicators", str(ledger), *YEAR, *AS_OF, "--format", "csv", "--lang", "id",
                   "--indicators", "fee_collected_amount,fee_collection_rate"), tmp_path)
    # 35 fen of 100,000 fen: 35 × 100 / 100000 = 0.035 exactly → 0.04 (float: 0.03)
    total = _csv(run)
    assert total["fee_collected_amount"] == "0.35"
    assert total["fee_collection_rate"] == "0.04"
