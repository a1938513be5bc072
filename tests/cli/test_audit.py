"""`jisheng audit` end to end (docs/audit.md): the sample report's claims against their
own arithmetic and against the sample registers, the statuses, the exit code, every
output format, the languages, and the JSON held to schemas/audit.schema.json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import AS_OF, CONFIG, ROOT, Run, run_cli

CLAIMS = "sample_data/claims.csv"
# The sample registers, read where they are (the working directory holds births.csv only).
REGISTERS = tuple(f"{kind}{ROOT / 'sample_data' / name}" for kind, name in (
    ("", "births.csv"), ("", "fees.csv"), ("survey:", "survey.csv"), ("checked:", "checked.csv"),
    ("", "population.csv"), ("", "women.csv"), ("", "procedures.csv"),
    ("women_survey:", "women_survey.csv")))
AGAINST = ("audit", CLAIMS, *REGISTERS, "--config", CONFIG, *AS_OF)


@pytest.fixture(scope="module")
def alone(sample: Callable[..., Run]) -> dict[str, Any]:
    run = sample("audit", CLAIMS, "--format", "json", *AS_OF)
    assert run.code == 1, str(run)  # 生殖健康服务到位率 and the budget's change
    return run.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def against(sample: Callable[..., Run]) -> dict[str, Any]:
    run = sample(*AGAINST, "--format", "json")
    assert run.code == 1, str(run)
    return run.json()  # type: ignore[no-any-return]


def _claim(doc: dict[str, Any], indicator: str) -> dict[str, Any]:
    (found,) = [c for c in doc["claims"] if c["indicator"] == indicator]
    return found


def _check(claim: dict[str, Any], kind: str) -> dict[str, Any]:
    (found,) = [c for c in claim["checks"] if c["check"] == kind]
    return found


def test_the_claims_statuses_without_registers(alone: dict[str, Any]) -> None:
    statuses = {c["indicator"]: c["status"] for c in alone["claims"]}
    assert statuses == {
        "出生政策符合率": "ok",  # 1549/1562 = 99.1677 → 99.17; 99.17 − 92 = 7.17 优于
        "计划生育率": "ok",  # 385/388 = 99.2268 → 99.23
        "政策外多孩率": "ok",  # 1/1562 = 0.0640 → 0.06
        "出生人口性别比": "ok",  # 800/762 × 100 = 104.9869 → 104.99
        "出生漏统率": "ok",  # 11/155 = 7.0968 → 7.1
        "综合节育率": "ok",  # 39084/43115 = 90.6506 → 90.65; 90.65 − 85 = 5.65 高于
        "长效节育措施落实率": "ok",  # 34195/43115 = 79.3111 → 79.31; 4.31 over 75
        "生殖健康服务到位率": "mismatch",  # 42376/43115 = 98.2860 → 98.29, not 99.15
        "出生人流比": "ok",  # 344/1562 = 0.2202 → 0.22
        "已婚育龄妇女微机管理率": "rounding",  # 3940/4100 = 96.0976: 96.1, truncated 96.0
        "社会抚养费征收到位率": "ok",  # 716/1040.1 = 68.8395 → 68.84
        "免费婚检率": "ok",  # 3190/3356 = 95.0536 → 95.05
        "计划生育经费投入": "mismatch",  # 451 ÷ 300 − 1 = 50.33%, not a change on 380
    }
    assert alone["counts"] == {"mismatch": 2, "rounding": 1, "ok": 10, "cannot_check": 0}
    assert alone["registers"] == []


def test_the_reproductive_health_figure_of_the_yuanan_report(alone: dict[str, Any]) -> None:
    claim = _claim(alone, "生殖健康服务到位率")
    arithmetic = _check(claim, "arithmetic")
    assert arithmetic["status"] == "mismatch"
    assert arithmetic["expected"] == "98.29%"
    assert arithmetic["would_print"] == "42,747 人–42,750 人"  # 43115 × 0.99145 … × 0.99155
    assert arithmetic["value"] == pytest.approx(42376 / 43115 * 100)
    assert "98.29%" in arithmetic["explanation"] and "42,747" in arithmetic["explanation"]
    gap = _check(claim, "target")
    assert gap["status"] == "mismatch"  # from 98.29%, the gap over 95 is 3.29, not 4.15
    assert "3.29" in gap["explanation"]


def test_rounding_names_the_rule(alone: dict[str, Any]) -> None:
    check = _check(_claim(alone, "已婚育龄妇女微机管理率"), "arithmetic")
    assert (check["status"], check["rule"], check["expected"]) == ("rounding", "truncation",
                                                                    "96.1%")


def test_a_percentage_change_that_is_really_how_far_the_budget_exceeds_the_target(
        alone: dict[str, Any]) -> None:
    check = _check(_claim(alone, "计划生育经费投入"), "change")
    assert check["status"] == "mismatch"
    assert check["reason"] == "change_excess_over_target"
    # (451 − 380) ÷ 380 = 18.684…%: the change on the previous year.
    assert check["expected"] == "18.68%"


def test_against_the_registers_the_demo_figures_hold(against: dict[str, Any]) -> None:
    registers = {c["indicator"]: _check(c, "registers") for c in against["claims"]}
    for label in ("出生政策符合率", "计划生育率", "政策外多孩率", "出生人口性别比", "出生漏统率",
                  "综合节育率", "长效节育措施落实率", "出生人流比", "社会抚养费征收到位率"):
        assert registers[label]["status"] == "ok", (label, registers[label])
    health = registers["生殖健康服务到位率"]
    assert (health["status"], health["expected"]) == ("mismatch", "98.29%")
    # The interval is context: 98.16–98.40 (Wilson on 42,376 of 43,115).
    assert health["ci_low"] == pytest.approx(98.159, abs=1e-3)
    assert registers["已婚育龄妇女微机管理率"]["status"] == "rounding"
    assert registers["免费婚检率"]["status"] == "cannot_check"
    assert registers["免费婚检率"]["reason"] == "registers_not_indicator"
    assert _claim(against, "出生政策符合率")["indicator_id"] == "policy_conformance_rate"
    assert _claim(against, "计划生育率")["indicator_id"] == "policy_conformance_rate"
    assert len(against["registers"]) == len(REGISTERS)


def test_an_altered_figure_is_a_mismatch_with_the_computed_value(work: Path) -> None:
    claims = work / "altered.csv"
    claims.write_text("indicator,printed,period\n出生政策符合率,99.71%,2012\n"
                      "出生政策符合率,99.17%,2012\n", encoding="utf-8")
    run = run_cli(("audit", str(claims), "sample_data/births.csv", "--config", CONFIG,
                   "--format", "json", *AS_OF), work)
    assert run.code == 1, str(run)
    first, second = run.json()["claims"]
    check = _check(first, "registers")
    assert (check["status"], check["expected"]) == ("mismatch", "99.17%")
    assert check["value"] == pytest.approx(1549 / 1562 * 100)
    assert second["status"] == "ok"


def test_exit_0_when_nothing_is_a_mismatch(work: Path) -> None:
    claims = work / "fine.csv"
    claims.write_text("指标,报告值,分子,分母\n出生政策符合率,99.17%,1549,1562\n"
                      "已婚育龄妇女微机管理率,96.0%,3940,4100\n", encoding="utf-8")
    run = run_cli(("audit", str(claims), "--format", "json"), work)
    assert run.code == 0, str(run)
    assert run.json()["counts"] == {"mismatch": 0, "rounding": 1, "ok": 1, "cannot_check": 0}


def test_the_json_follows_its_schema(alone: dict[str, Any], against: dict[str, Any]) -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "audit.schema.json").read_text(encoding="utf-8"))
    for doc in (alone, against):
        jsonschema.validate(doc, schema)


def test_csv_has_a_row_per_check(sample: Callable[..., Run], alone: dict[str, Any]) -> None:
    run = sample("audit", CLAIMS, "--lang", "id", *AS_OF)  # piped: CSV
    assert run.code == 1
    rows = list(csv.DictReader(io.StringIO(run.text)))
    assert list(rows[0]) == ["row", "page", "line", "indicator", "group", "period", "printed",
                             "check", "status", "expected", "explanation"]
    assert len(rows) == sum(len(c["checks"]) for c in alone["claims"])
    health = [r for r in rows if r["indicator"] == "生殖健康服务到位率"]
    assert [(r["check"], r["status"]) for r in health] == [
        ("arithmetic", "mismatch"), ("target", "mismatch")]
    assert health[0]["row"] == "9"


def test_the_table_in_both_languages(sample: Callable[..., Run]) -> None:
    zh = sample("audit", CLAIMS, "--format", "table", *AS_OF)
    assert "不符" in zh.text and "98.29%" in zh.text and "说明" in zh.text
    assert "核对 13 条声明:一致 10,舍入不同 1,不符 2,无法核对 0" in zh.stderr
    en = sample("audit", CLAIMS, "--format", "table", "--lang", "en", *AS_OF)
    assert "mismatch" in en.text and "Explanation" in en.text
    assert "98.29%" in en.text
    assert "13 claims checked: 10 ok, 1 rounding, 2 mismatch" in en.stderr
    for line in zh.text.splitlines() + en.text.splitlines():
        from rich.cells import cell_len

        assert cell_len(line) <= 100


def test_xlsx_holds_every_row(work: Path) -> None:
    from python_calamine import CalamineWorkbook

    run = run_cli(("audit", CLAIMS, "-o", "audit.xlsx", *AS_OF), work)
    assert run.code == 1, str(run)
    book = CalamineWorkbook.from_path(str(work / "audit.xlsx"))
    rows = book.get_sheet_by_name("核对").to_python()
    assert rows[0][:3] == ["声明行", "页", "行"]
    assert any(r[8] == "不符" and r[9] == "98.29%" for r in rows[1:])
    again = run_cli(("audit", CLAIMS, "-o", "again.xlsx", *AS_OF), work)
    assert again.code == 1
    assert (work / "audit.xlsx").read_bytes() == (work / "again.xlsx").read_bytes()


def test_usage_errors(sample: Callable[..., Run]) -> None:
    assert sample("audit").code == 2
    assert sample("audit", CLAIMS, "--extract", "x.txt").code == 2
    run = sample("audit", "nonesuch.csv")
    assert run.code == 3 and "nonesuch.csv" in run.stderr


@pytest.mark.parametrize("report", ["yuanan_2012.txt", "yuanan_2012_traditional.txt",
                                    "yuanan_2012.docx"])
def test_extract_then_audit(work: Path, report: str) -> None:
    """The workflow of docs/audit.md: propose the claims, then audit them. The proposed
    生殖健康服务到位率 (99.15% on 42,376 of 43,115) is the mismatch the report hides."""
    source = ROOT / "tests" / "fixtures" / "reports" / report
    proposed = run_cli(("audit", "--extract", str(source), "-o", "claims.csv"), work)
    assert proposed.code == 0, str(proposed)
    assert "15 条声明" in proposed.stderr or "16 条声明" in proposed.stderr  # docx: + a table
    rows = list(csv.DictReader(io.StringIO((work / "claims.csv").read_text(encoding="utf-8"))))
    assert rows[0]["indicator"] == "出生政策符合率"  # simplified, from 出生政策符合率 or its 繁体
    audited = run_cli(("audit", "claims.csv", "--format", "json"), work)
    assert audited.code == 1, str(audited)
    health = _claim(audited.json(), "生殖健康服务到位率")
    assert _check(health, "arithmetic")["expected"] == "98.29%"
    first = next(c for c in audited.json()["claims"] if c["indicator"] == "出生政策符合率")
    assert first["status"] == "ok"  # 1,549 ÷ 1,562 = 99.17%


def test_extract_writes_toml_the_audit_reads(work: Path) -> None:
    source = ROOT / "tests" / "fixtures" / "reports" / "yuanan_2012.txt"
    run = run_cli(("audit", "--extract", str(source), "--format", "toml"), work)
    assert run.code == 0, str(run)
    assert run.text.startswith("[[claim]]\n")
    (work / "claims.toml").write_bytes(run.stdout)
    audited = run_cli(("audit", "claims.toml", "--format", "json"), work)
    assert audited.code == 1
    assert len(audited.json()["claims"]) == 15
