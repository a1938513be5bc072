"""The check against the registers (audit.registers) on the sample registers of the demo
(statistical year 2012, sample_data/jisheng.toml, as of 2026-11-22). Every expected
figure is worked by hand from the numerators and denominators `jisheng indicators`
prints for the demo; the runs are shared by module-scoped fixtures (each run reads the
whole sample)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli import pipeline
from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.names import resolve
from jisheng_cli.audit.periods_text import parse_period_text
from jisheng_cli.audit.printed import Printed, parse_printed
from jisheng_cli.audit.registers import RegisterChecks, alternative_settings, check_registers
from jisheng_cli.config import Config, load_config
from jisheng_cli.errors import UsageError
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.messages.audit import REASONS
from jisheng_cli.periods import Period, period_from_options
from jisheng_cli.readers.sources import Source, parse_sources
from jisheng_cli.settings import Settings
from tests.helpers import HEADER, ROOT, birth, mid

SAMPLE = ["births.csv", "fees.csv", "survey:survey.csv", "checked:checked.csv",
          "population.csv", "women.csv", "procedures.csv", "women_survey:women_survey.csv"]
Y2012 = period_from_options("2012", None, None)


def _sources(names: list[str], folder: Path = ROOT / "sample_data") -> list[Source]:
    return parse_sources([f"{n.partition(':')[0]}:{folder / n.partition(':')[2]}" if ":" in n
                          else str(folder / n) for n in names])


def _settings(config: Path | None = ROOT / "sample_data" / "jisheng.toml") -> Settings:
    return Settings(as_of=date(2026, 11, 22), period=Y2012,
                    config=load_config(config) if config else Config())


def _items(claims: list[Claim]) -> list[tuple[Claim, Printed, Indicator | None]]:
    out = []
    for c in claims:
        p = parse_printed(c.printed)
        out.append((c, p, resolve(c.indicator, p.unit)))
    return out


@dataclass
class Audited:
    result: RegisterChecks
    runs: int  # pipeline runs made

    def __getitem__(self, row: int) -> Check:
        return self.result.checks[row]


def _audit(claims: list[Claim], sources: list[Source], settings: Settings) -> Audited:
    runs = 0
    real = pipeline.run

    def counting(sources: list[Source], settings: Settings) -> pipeline.Outcome:
        nonlocal runs
        runs += 1
        return real(sources, settings)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "run", counting)
        result = check_registers(_items(claims), sources, settings)
    return Audited(result, runs)


DEMO = [
    Claim(1, "出生政策符合率", "99.17%"),
    Claim(2, "出生政策符合率", "99.23%", group="鸣凤镇"),
    Claim(3, "出生人口性别比", "104.99"),
    Claim(4, "综合避孕率", "90.65%"),
    Claim(5, "出生政策符合率", "99.71%"),
    Claim(6, "出生漏报率", "7.64%"),
    Claim(7, "出生政策符合率", "99.16%"),
    Claim(8, "免费婚检率", "99.80%"),
    Claim(9, "出生政策符合率", "99.17%", group="不存在镇"),
    Claim(10, "出生政策符合率", "99.17%", period="2011-10-01至2012-09-30"),
    Claim(11, "实征金额", "716万元"),
    Claim(12, "出生人数", "1,562人"),
    Claim(13, "出生人流比", "1:4.54"),
    Claim(14, "出生率", "8.30‰"),
    Claim(15, "出生政策符合率", "99.17%", numerator="1,548", denominator="1562"),
    Claim(16, "出生政策符合率", "99.71%", numerator="1,548"),
    Claim(17, "出生政策符合率", "99.17%", period="20x2"),
    Claim(18, "出生政策符合率", "99.17‰"),
    Claim(19, "出生政策符合率", "99.23%", group=" 420525１００ "),
    Claim(20, "出生政策符合率", "99.17%", group="远安县"),
    Claim(21, "出生政策符合率", "99.17%", group="全县"),
    Claim(22, "措施时间错误率", "0.00%"),
    Claim(23, "登记完整率(双系统估计)", "95.00%"),
    Claim(24, "出生政策符合率", "99.17%", change="比上年增长 0.5 个百分点"),
    Claim(25, "出生政策符合率", "99.17%", period="2012年度"),
    Claim(26, "征收到位率", "68.84%", numerator="716万元", denominator="1040万元"),
    Claim(27, "征收到位率", "68.84%", numerator="716万元", denominator="1041万元"),
]


@pytest.fixture(scope="module")
def demo() -> Audited:
    return _audit(DEMO, _sources(SAMPLE), _settings())


@pytest.fixture(scope="module")
def births_only() -> Audited:
    claims = [Claim(1, "综合避孕率", "90.65%"), Claim(2, "出生政策符合率", "99.17%", period="2005"),
              Claim(3, "出生人流比", "1:4.54"), Claim(4, "出生政策符合率", "99.17%")]
    return _audit(claims, _sources(["births.csv"]), _settings())


def _explained(check: Check) -> tuple[str, str]:
    """Both explanations, every field of the template filled."""
    zh, en = check.explanation("zh"), check.explanation("en")
    assert "{" not in zh + en
    return zh, en


# ---- ok: the printed figure is the registers' at its decimals ----------------------------
def test_policy_conformance_total_ok(demo: Audited) -> None:
    # 1,549 ÷ 1,562: 1,562 × 0.99165 = 1,548.957 < 1,549 < 1,562 × 0.99175 = 1,549.11,
    # so the rate lies in [99.165%, 99.175%): 99.17% half-up.
    c = demo[1]
    assert (c.kind, c.status, c.reason, c.expected) == ("registers", "ok", "registers_ok",
                                                          "99.17%")
    assert c.params["counts"] == " (1,549 ÷ 1,562)"
    assert c.value == pytest.approx(1549 / 1562 * 100)
    assert c.ci_low is not None and c.ci_low < c.value < c.ci_high  # type: ignore[operator]
    # The Wilson 95% interval of 1,549 of 1,562, for context: 98.58%–99.51%.
    assert _explained(c) == (
        "登记数据计算为 99.17% (1,549 ÷ 1,562),95% 区间 98.58%–99.51%,与报告一致",
        "the registers give 99.17% (1,549 ÷ 1,562), 95% interval 98.58%–99.51%, as printed")


def test_township_by_name_and_by_code(demo: Audited) -> None:
    # 鸣凤镇 385 ÷ 388: 388 × 0.99225 = 384.993 < 385 < 388 × 0.99235 = 385.03 → 99.23%.
    # Its code 420525100, with spaces and full-width digits, is the same township.
    for row in (2, 19):
        assert (demo[row].status, demo[row].expected) == ("ok", "99.23%")
        assert demo[row].params["counts"] == " (385 ÷ 388)"


def test_county_name_and_total_words_are_the_total(demo: Audited) -> None:
    # 远安县 is the county row (the sample's codes start 420525); 全县 the total: 1,549 ÷ 1,562.
    for row in (20, 21):
        assert (demo[row].status, demo[row].expected) == ("ok", "99.17%")


def test_sex_ratio_and_contraceptive_prevalence(demo: Audited) -> None:
    # 800 ÷ 762 × 100: 762 × 1.04985 = 799.99 < 800 < 762 × 1.04995 = 800.06 → 104.99.
    assert (demo[3].status, demo[3].expected) == ("ok", "104.99")
    # 39,084 ÷ 43,115: 43,115 × 0.90645 = 39,081.6 < 39,084 < 43,115 × 0.90655 = 39,085.9.
    assert (demo[4].status, demo[4].expected) == ("ok", "90.65%")
    assert demo[4].params["counts"] == " (39,084 ÷ 43,115)"


def test_other_units(demo: Audited) -> None:
    # 7,160,000 yuan is 716 万元 at 0 decimals; 1,562 births (a count: no counts text);
    # 1,562 ÷ 344 = 4.5407 → 1:4.54; 1,562 ÷ 188,200 × 1000 = 8.2997 → 8.30‰.
    assert (demo[11].status, demo[11].expected, demo[11].value) == ("ok", "716万元", 716.0)
    assert (demo[12].status, demo[12].expected, demo[12].params["counts"]) == (
        "ok", "1,562 人", "")
    assert (demo[13].status, demo[13].expected) == ("ok", "1:4.54")
    assert (demo[14].status, demo[14].expected) == ("ok", "8.30‰")


def test_periods_as_dates_and_words_share_the_year_run(demo: Audited) -> None:
    assert (demo[10].status, demo[10].expected) == ("ok", "99.17%")
    assert (demo[25].status, demo[25].expected) == ("ok", "99.17%")
    # 2012 as asked; 2012 with underreport_denominator = reported_births (row 6); 2012
    # with period_basis = report_date, tried for 99.71% (rows 5 and 16, once for both);
    # 2011 for row 24's previous figure. The dates of row 10 and 2012年度 are 2012.
    assert demo.runs == 4


# ---- not ok ------------------------------------------------------------------------------
def test_altered_figure_is_a_mismatch(demo: Audited) -> None:
    c = demo[5]
    assert (c.status, c.reason, c.expected, c.setting) == (
        "mismatch", "registers_mismatch", "99.17%", None)
    assert _explained(c)[1] == (
        "the registers give 99.17% (1,549 ÷ 1,562), 95% interval 98.58%–99.51%, not 99.71%")


def test_underreport_denominator_names_the_setting(demo: Audited) -> None:
    # 11 underreported of 155 true births = 7.097% → 7.10%; of the 144 reported ones
    # 11 ÷ 144 = 0.076389 → 7.64%, the printed figure.
    c = demo[6]
    assert (c.status, c.reason, c.expected) == ("mismatch", "registers_setting", "7.10%")
    assert c.setting == 'underreport_denominator = "reported_births"'
    assert _explained(c)[0] == ("登记数据计算为 7.10% (11 ÷ 155),95% 区间 2.78%–14.42%,"
                                "不是 7.64%;设置 "
                                'underreport_denominator = "reported_births" 时为 7.64%')


def test_truncated_figure_is_rounding(demo: Audited) -> None:
    # 99.1677…% cut after two decimals is 99.16%.
    c = demo[7]
    assert (c.status, c.reason, c.rule, c.expected) == (
        "rounding", "registers_rounding", "truncation", "99.17%")
    assert c.params["exact"] == "99.1677…%"  # 1,549 ÷ 1,562 = 0.991677336…
    assert "直接截去尾数" in _explained(c)[0]


def test_printed_counts_that_differ(demo: Audited) -> None:
    # The value prints (99.17%) but the printed numerator 1,548 is not the registers' 1,549.
    c = demo[15]
    assert (c.status, c.reason, c.expected) == ("mismatch", "registers_count_mismatch",
                                                "99.17%")
    assert _explained(c) == ("登记数据的分子为 1,549,不是报告的 1,548",
                             "the registers' numerator is 1,549, not the printed 1,548")
    # Counts printed in 万元 are compared at that scale: 10,401,000 yuan is 1040.1 万元,
    # 1040 at 0 decimals, not 1041. (7,160,000 ÷ 10,401,000: 10,401,000 × 0.68835 =
    # 7,159,528 < 7,160,000 < 10,401,000 × 0.68845 = 7,160,568 → 68.84%.)
    assert (demo[26].status, demo[26].expected) == ("ok", "68.84%")
    assert (demo[27].reason, demo[27].params["computed"]) == (
        "registers_count_mismatch", "10,401,000")
    # A value the registers do not give is the mismatch told, counts or not.
    assert demo[16].reason == "registers_mismatch"


# ---- cannot check ------------------------------------------------------------------------
@pytest.mark.parametrize(("row", "reason", "params"), [
    (8, "registers_not_indicator", {"label": "免费婚检率"}),
    (9, "registers_no_group", {"group": "不存在镇"}),
    (17, "registers_bad_period", {"period": "20x2"}),
    (18, "registers_unit", {"unit": "‰", "indicator_unit": "%"}),
    (23, "registers_needs_setting", {"label": "登记完整率(双系统估计)",
                                     "setting": "survey_independent = true"}),
])
def test_cannot_check(demo: Audited, row: int, reason: str, params: dict[str, str]) -> None:
    c = demo[row]
    assert (c.status, c.reason, c.params, c.expected) == ("cannot_check", reason, params, None)
    _explained(c)


def test_no_value(demo: Audited) -> None:
    # 措施时间错误率: no method date was compared (0 ÷ 0).
    assert (demo[22].status, demo[22].reason) == ("cannot_check", "registers_no_value")
    _explained(demo[22])


def test_births_only_run(births_only: Audited) -> None:
    assert (births_only[1].reason, births_only[1].params) == (
        "registers_needs_kind", {"label": "综合避孕率", "kind": "women"})
    assert (births_only[2].reason, births_only[2].params) == (
        "registers_no_records", {"period": "2004-10-01..2005-09-30"})
    assert (births_only[3].reason, births_only[3].params["kind"]) == (
        "registers_needs_kind", "procedures")
    assert (births_only[4].status, births_only[4].expected) == ("ok", "99.17%")
    assert [i.path for i in births_only.result.inputs] == [
        str(ROOT / "sample_data" / "births.csv")]
    for row in (1, 2, 3):
        _explained(births_only[row])


def test_ambiguous_group(tmp_path: Path) -> None:
    # Two villages named 村001 (in townships 420525100 and 420525101).
    path = tmp_path / "births.csv"
    path.write_text("\n".join([HEADER, birth("420525100001", mid(1), "2012-03-01"),
                               birth("420525101001", mid(2), "2012-03-02")]) + "\n",
                    encoding="utf-8")
    claims = [Claim(1, "出生人数", "1", group="村001"), Claim(2, "出生人数", "1",
                                                             group="420525101001")]
    out = _audit(claims, parse_sources([str(path)]), _settings(None))
    assert out[1].reason == "registers_ambiguous_group"
    assert out[1].params["candidates"] == ("village 420525100001 村001; "
                                           "village 420525101001 村001")
    assert (out[2].status, out[2].expected) == ("ok", "1")
    _explained(out[1])


def test_standard_input_is_read_once() -> None:
    claims = [Claim(1, "出生人数", "1", period="2011"), Claim(2, "出生人数", "1", period="2012")]
    with pytest.raises(UsageError) as e:
        check_registers(_items(claims), [Source("-", "births")], _settings())
    assert e.value.code == "audit_stdin_runs" and e.value.params == {"runs": 2}


# ---- the previous year ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def trend() -> Audited:
    claims = [Claim(1, "出生政策符合率", "99.17%", change="比上年增长 0.44 个百分点"),
              Claim(2, "出生政策符合率", "99.17%", change="增长", previous="98.73%")]
    folder = ROOT / "sample_data" / "trend"
    return _audit(claims, _sources(["births.csv"], folder), _settings(folder / "jisheng.toml"))


def test_previous_year_from_the_registers(trend: Audited) -> None:
    # 2012: 1,547 ÷ 1,560 = 99.1667% → 99.17%; 2011: 1,478 ÷ 1,497 = 98.7308% → 98.73%.
    assert trend[1].status == "ok"
    figure = trend.result.previous[1]
    assert (figure.value, figure.decimals, figure.unit, figure.text) == (
        Decimal("98.73"), 2, "%", "98.73%")
    assert 2 not in trend.result.previous  # the claim prints its previous figure
    assert trend.runs == 2


def test_no_previous_from_a_partial_year(demo: Audited) -> None:
    # The demo's births start in November 2011: statistical year 2011 is partial.
    assert 24 not in demo.result.previous


# ---- the reasons and the settings ------------------------------------------------------------
def test_every_reason_of_the_section_is_given(demo: Audited, births_only: Audited) -> None:
    given = {c.reason for a in (demo, births_only) for c in a.result.checks.values()}
    section = {r for r in REASONS if r.startswith("registers_")}
    assert section - given == {"registers_ambiguous_group"}  # test_ambiguous_group
    for reason in section:
        zh, en = REASONS[reason]
        fields = {f for t in (zh, en) for _, f, _, _ in string.Formatter().parse(t) if f}
        assert fields <= {"expected", "counts", "printed", "exact", "rule_word", "setting",
                          "column", "column_zh", "computed", "text", "label", "kind",
                          "group", "candidates", "period", "note", "unit",
                          "indicator_unit", "interval_zh", "interval_en"}, reason


def test_alternative_settings() -> None:
    assert alternative_settings(REGISTRY["underreport_rate"]) == [
        ("underreport_denominator", ("true_births", "reported_births")),
        ("period_basis", ("birth_date", "report_date"))]
    assert alternative_settings(REGISTRY["contraceptive_prevalence"]) == [
        ("prevalence_denominator", ("married", "married_eligible"))]
    # A tuple of methods is no choice of words; the women's register is not births.
    assert alternative_settings(REGISTRY["long_acting_rate"]) == []


# ---- claims' periods ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2012", "2012年", "2012年度", " 2012 ", "２０１２年"])
def test_one_statistical_year(text: str) -> None:
    assert parse_period_text(text) == Period(date(2011, 10, 1), date(2012, 9, 30))


@pytest.mark.parametrize("text", ["2010..2012", "2010-2012", "2010—2012年", "2010年至2012年",
                                  "2010~2012"])
def test_years(text: str) -> None:
    assert parse_period_text(text) == Period(date(2009, 10, 1), date(2012, 9, 30))


@pytest.mark.parametrize("text", ["2011-10-01..2012-09-30", "2011-10-01至2012-09-30",
                                  "2011-10-01—2012-09-30", "2011-10-01-2012-09-30"])
def test_dates(text: str) -> None:
    assert parse_period_text(text) == Period(date(2011, 10, 1), date(2012, 9, 30))


@pytest.mark.parametrize("text", ["", "20x2", "2012..2010", "2012-09-30..2011-10-01", "上年"])
def test_unreadable_periods(text: str) -> None:
    assert parse_period_text(text) is None


@given(st.integers(1900, 2100), st.integers(0, 5))
def test_year_ranges(first: int, more: int) -> None:
    # Y1..Y2 runs from 1 October of Y1 − 1 to 30 September of Y2, however it is written.
    expected = Period(date(first - 1, 10, 1), date(first + more, 9, 30))
    for sep in ("..", "-", "—", "至"):
        assert parse_period_text(f"{first}{sep}{first + more}年") == expected
