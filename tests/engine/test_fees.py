"""Fee ledger: exact money in fen, units from the header, both collection rates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jisheng_cli.records.ids import calc_check_digit
from tests.helpers import compute, row

HEADER = ("案件编号,统计用区划代码,乡镇,村名,当事人身份证号,征收决定日期,"
          "应征金额(万元),实征金额(万元),申请强制执行")


def pid(n: int) -> str:
    first17 = f"42052519800101{n:03d}"
    return first17 + calc_check_digit(first17)


def case(case_id: str, assessed: str, collected: str, date: str = "2023-03-01",
         enforce: str = "否", code: str = "420525100201") -> str:
    return ",".join([case_id, code, "鸣凤镇", "甲村", pid(len(case_id)), date, assessed,
                     collected, enforce])


@pytest.fixture
def ledger(write_csv: Callable[..., Path]) -> Path:
    return write_csv([
        case("A1", "1", "1"),  # 10,000.00 yuan assessed, all paid
        case("A2", "2", "0.5", enforce="是"),  # 20,000.00, 5,000.00 paid
        case("A3", "0", "0"),  # nothing assessed: left out of the settlement rate
        case("A4", "0.5", "0.6"),  # collected > assessed: a warning, capped at 5,000.00
        case("A5", "0.00001", "0"),  # 0.10 yuan: exact fen, no float drift
        case("A2", "2", "2"),  # the same case id again: a duplicate, the first is used
        case("A6", "abc", "0"),  # not a number: rejected
        case("B1", "9", "9", date="2022-09-30"),  # statistical year 2022
    ], header=HEADER)


def test_amounts_rates_and_findings(ledger: Path) -> None:
    out = compute([ledger], year="2023")
    inp = out.report.inputs[0]
    assert (inp.kind, inp.rows_read, inp.rows_used, inp.rows_rejected, inp.rows_duplicate,
            inp.rows_out_of_period) == ("fees", 8, 5, 1, 1, 1)
    assert row(out, "fee_cases")["value"] == 5
    # 10,000 + 20,000 + 0 + 5,000 + 0.10 yuan
    assert row(out, "fee_assessed_amount")["value"] == 35000.10
    assert row(out, "fee_collected_amount")["value"] == 21000.00
    assert row(out, "fee_outstanding_amount")["value"] == 15000.10
    rate = row(out, "fee_collection_rate")
    assert (rate["numerator"], rate["denominator"]) == (20000.00, 35000.10)
    assert rate["value"] == pytest.approx(2_000_000 / 3_500_010 * 100)
    assert rate["ci_low"] is None  # amount-based: no interval
    settle = row(out, "fee_case_settlement_rate")
    assert (settle["numerator"], settle["denominator"]) == (2, 4)  # A1 and A4 of A1, A2, A4, A5
    assert settle["ci_low"] is not None
    assert row(out, "fee_enforcement_cases")["value"] == 1
    codes = [(f.row, f.code, f.severity) for f in out.findings]
    assert codes == [(5, "collected_exceeds_assessed", "warning"), (7, "duplicate", "duplicate"),
                     (8, "invalid_money", "error")]


def test_worked_collection_rate_68_84(write_csv: Callable[..., Path]) -> None:
    """County speech 2010: 7,160,000 collected of ≈10,401,000 assessed → 68.84% by amount."""
    lines = [case(f"C{i}", "52.005", "35.8") for i in range(20)]  # 万元: 10,401,000 / 7,160,000
    out = compute([write_csv(lines, header=HEADER)], year="2023")
    rate = row(out, "fee_collection_rate")
    assert (rate["numerator"], rate["denominator"]) == (7_160_000.00, 10_401_000.00)
    assert round(rate["value"], 2) == 68.84
    assert row(out, "fee_case_settlement_rate")["value"] == 0.0  # no case fully paid


def test_yuan_header_and_separators(write_csv: Callable[..., Path]) -> None:
    header = "案件编号,统计用区划代码,乡镇,村名,决定日期,应征金额(元),实征金额"
    lines = ['K1,420525100201,鸣凤镇,甲村,2023-01-01,"12,345.60",¥12345.6',
             "K2,420525100201,鸣凤镇,甲村,2023-01-02,100元,99.99"]
    out = compute([write_csv(lines, header=header)])
    assert row(out, "fee_assessed_amount")["value"] == 12445.60
    assert row(out, "fee_collected_amount")["value"] == 12445.59
    assert row(out, "fee_outstanding_amount")["value"] == 0.01
