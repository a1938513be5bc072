"""`--lang` for messages (docs/cli.md "Messages and --lang"): the error lines, the summary
on stderr, validate's table and the rejects file speak Chinese by default, English with
`--lang en`, and English with `--lang id` (a message has no id form). Codes, severities,
field names and counts are the same in every language, so the tests assert those.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.cli import argv_lang, main

from .helpers import (
    AS_OF,
    CONTRACT,
    DEFECTS,
    EN,
    REJECT_FIELDS,
    ROOT,
    SAMPLE,
    Run,
    assert_one_error_line,
    run_cli,
    summary_counts,
)

LATIN = re.compile(r"[A-Za-z]")
VALIDATE = ("validate", SAMPLE, "--format", "csv", *AS_OF)
# docs/cli.md "Row counts": the sample's year 2012. 1718 read = 2 blank/totals + 3 rejected
# + 1 duplicate + 150 out of period + 1562 used; 1 warning (row 65).
EN_SUMMARY = [
    f"{SAMPLE}: 1718 rows read: 1562 used, 3 rejected, 1 duplicate, 150 out of period, "
    "2 blank/totals; 1 warning",
    f"list them: jisheng validate {SAMPLE} --rejects rejects.csv",
]
HINT_COMMAND = f"jisheng validate {SAMPLE} --rejects rejects.csv"


# ----------------------------------------------------------------- --lang before parsing


@pytest.mark.parametrize(("args", "lang"), [
    (["indicators", "a.csv"], "zh"),
    (["indicators", "a.csv", "--lang", "en"], "en"),
    (["indicators", "a.csv", "--lang=en"], "en"),
    (["indicators", "--lang", "id", "a.csv"], "id"),
    (["indicators", "a.csv", "--lang", "en", "--lang", "zh"], "zh"),  # the last, as in click
    (["indicators", "a.csv", "--lang", "xx"], "zh"),  # click refuses it: the default
    (["indicators", "a.csv", "--lang"], "zh"),  # no value
    (["indicators", "--", "--lang", "en"], "zh"),  # a file named --lang, not the option
])
def test_argv_lang(args: list[str], lang: str) -> None:
    assert argv_lang(args) == lang


@given(args=st.lists(st.text(max_size=8).filter(lambda a: a != "--"), max_size=6),
       lang=st.sampled_from(["zh", "en", "id"]), equals=st.booleans())
def test_argv_lang_takes_the_last_lang_given(args: list[str], lang: str, equals: bool) -> None:
    tail = [f"--lang={lang}"] if equals else ["--lang", lang]
    assert argv_lang([*args, *tail]) == lang


# ----------------------------------------------------------------- the CLI's own lines


@pytest.mark.parametrize(("lang", "line"), [
    ((), "jisheng: 错误: 内部错误(RuntimeError);加 --debug 重新运行可看到回溯信息"),
    (EN, "jisheng: error: internal error (RuntimeError); run again with --debug for the "
         "traceback"),
])
def test_internal_error_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                             lang: tuple[str, ...], line: str) -> None:
    def bug(*args: Any, **kw: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("jisheng_cli.pipeline.run", bug)
    monkeypatch.chdir(ROOT)
    assert main([*VALIDATE, *lang]) == 4
    assert capsys.readouterr().err.splitlines() == [line]


@pytest.mark.parametrize(("lang", "line"), [((), "jisheng: 已中断"), (EN, "jisheng: interrupted"),
                                            (("--lang", "id"), "jisheng: interrupted")])
def test_interrupted_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                          lang: tuple[str, ...], line: str) -> None:
    def ctrl_c(*args: Any, **kw: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("jisheng_cli.pipeline.run", ctrl_c)
    monkeypatch.chdir(ROOT)
    assert main([*VALIDATE, *lang]) == 130
    assert capsys.readouterr().err.splitlines() == [line]


# ----------------------------------------------------------------- error lines


def test_input_error_line_prefix_follows_lang(sample: Callable[..., Run]) -> None:
    zh = sample("indicators", "gone.csv", *AS_OF)
    assert_one_error_line(zh, 3, "gone.csv")
    assert zh.err_lines[0].startswith("jisheng: 错误: gone.csv: ")
    en = sample("indicators", "gone.csv", *AS_OF, *EN)
    assert assert_one_error_line(en, 3) == "jisheng: error: gone.csv: no such file"
    assert sample("indicators", "gone.csv", *AS_OF, "--lang=en").stderr == en.stderr
    assert sample("indicators", "gone.csv", *AS_OF, "--lang", "id").stderr == en.stderr


def test_click_usage_error_keeps_its_words_in_our_line(sample: Callable[..., Run]) -> None:
    """Click's own message stays English; the prefix and the pointer to --help follow --lang."""
    zh = sample(*VALIDATE, "--no-such-option")
    line = assert_one_error_line(zh, 2, "--no-such-option")
    assert line.startswith("jisheng: 错误: No such option")
    assert line.endswith("(见 jisheng validate --help)")
    en = sample(*VALIDATE, *EN, "--no-such-option")
    line = assert_one_error_line(en, 2, "--no-such-option")
    assert line.startswith("jisheng: error: No such option")
    assert line.endswith(" (see: jisheng validate --help)")


@pytest.mark.parametrize("command", ["indicators", "validate"])
def test_an_unknown_language_is_a_usage_error(sample: Callable[..., Run], command: str) -> None:
    run = sample(command, SAMPLE, *AS_OF, "--lang", "xx")
    line = assert_one_error_line(run, 2, "'xx'", "--lang")
    assert line.startswith("jisheng: 错误: ")  # not a language: the default's prefix
    assert run.stdout == b""


# ----------------------------------------------------------------- the summary


def test_summary_in_english(sample: Callable[..., Run]) -> None:
    run = sample(*CONTRACT, *EN)
    assert run.code == 0, str(run)
    assert run.err_lines == EN_SUMMARY


def test_summary_in_chinese_by_default(sample: Callable[..., Run]) -> None:
    run = sample(*CONTRACT)
    assert run.code == 0, str(run)
    count_line, hint = run.err_lines
    assert summary_counts(count_line, SAMPLE) == [1718, 1562, 3, 1, 150, 2, 1]
    assert not LATIN.search(count_line[len(SAMPLE):]), count_line  # Chinese words only
    words, command = hint.split(HINT_COMMAND)
    assert words and not LATIN.search(words) and command == "", hint


def test_summary_with_the_id_language_is_english(sample: Callable[..., Run]) -> None:
    assert sample(*CONTRACT, "--lang", "id").err_lines == EN_SUMMARY


def test_validate_summary_has_no_hint(sample: Callable[..., Run]) -> None:
    """validate has no period (0 out of period): 1718 = 2 + 3 + 1 + 1712 used."""
    en = sample(*VALIDATE, *EN)
    assert en.code == 1, str(en)
    # Then the data's span (no period: docs/cli.md "The data's span"), 2011-07-02 to
    # 2012-12-31 by sample_data/README.md.
    assert en.err_lines == [f"{SAMPLE}: 1718 rows read: 1712 used, 3 rejected, 1 duplicate, "
                            "0 out of period, 2 blank/totals; 1 warning",
                            "data span 2011-07-02 to 2012-12-31: statistical years "
                            "2011 (incomplete), 2012, 2013 (incomplete)"]
    zh = sample(*VALIDATE)
    line, span = zh.err_lines
    assert summary_counts(line, SAMPLE) == [1718, 1712, 3, 1, 0, 2, 1]
    assert not LATIN.search(line[len(SAMPLE):]), line
    assert span == "数据日期 2011-07-02 至 2012-12-31,涉及统计年度 2011(不完整)、2012、2013(不完整)"


@pytest.mark.parametrize(("lang", "line"), [
    ((), f"{SAMPLE}:类型 births,编码 gb18030,表头在第 2 行;忽略的列:无"
         ";数据日期 2011-07-02 至 2012-12-31"),
    (EN, f"{SAMPLE}: births, encoding gb18030, header on row 2; columns ignored: none"
         "; dates 2011-07-02 to 2012-12-31"),
])
def test_verbose_describes_each_input(sample: Callable[..., Run], lang: tuple[str, ...],
                                      line: str) -> None:
    """The sample has a title line above its header (row 2) and no column it ignores; its
    valid births run from 2011-07-02 to 2012-12-31 (sample_data/README.md)."""
    run = sample(*VALIDATE, "-v", *lang)
    assert run.err_lines[0] == line, str(run)


# ----------------------------------------------------------------- validate's table


@pytest.mark.parametrize(("lang", "header", "error_word"), [
    ((), ["行", "列", "级别", "代码", "值", "说明"], "错误"),
    (EN, ["row", "column", "severity", "code", "value", "message"], "error"),
    (("--lang", "id"), ["row", "column", "severity", "code", "value", "message"], "error"),
])
def test_validate_table_words(sample: Callable[..., Run], lang: tuple[str, ...],
                              header: list[str], error_word: str) -> None:
    run = sample("validate", SAMPLE, "--format", "table", *AS_OF, *lang)
    assert run.code == 1, str(run)
    lines = run.text.splitlines()
    assert lines[0].strip() == SAMPLE
    assert lines[1].split() == header
    # Row 558 (sample_data/README.md): the wrong check digit, its code as it stands.
    (row_558,) = [line for line in lines if line.split()[:1] == ["558"]]
    assert row_558.split()[1:4] == ["mother_id", error_word, "id_check_digit"]


# ----------------------------------------------------------------- the rejects file


def _rejects(work: Path, name: str, *lang: str) -> Any:
    run = run_cli(("indicators", SAMPLE, "--year", "2012", "--format", "json", *AS_OF,
                   "--rejects", name, "-q", *lang), work)
    assert run.code == 0, str(run)
    return json.loads((work / name).read_text(encoding="utf-8"))


def test_json_rejects_carry_the_code_beside_the_message(work: Path) -> None:
    """Every field but `message` is the same in every language; id's messages are English."""
    zh = _rejects(work, "zh.json")
    en = _rejects(work, "en.json", *EN)
    ids = _rejects(work, "id.json", "--lang", "id")
    for doc in (zh, en, ids):
        assert [list(f) for f in doc] == [REJECT_FIELDS] * len(doc)
        assert all(f["message"] for f in doc)
    # The four defects, and row 65's warning (sample_data/README.md).
    assert {f["row"]: f["code"] for f in zh if f["severity"] != "warning"} == DEFECTS
    assert [(f["row"], f["code"]) for f in zh if f["severity"] == "warning"] == [
        (65, "first_birth_out_of_policy")]

    def stable(doc: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in f.items() if k != "message"} for f in doc]

    assert stable(zh) == stable(en) == stable(ids)
    assert [f["message"] for f in ids] == [f["message"] for f in en]


def test_csv_rejects_of_validate_keep_the_stable_columns(work: Path) -> None:
    run = run_cli((*VALIDATE, "--rejects", "r.csv"), work)
    assert run.code == 1, str(run)
    text = (work / "r.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(REJECT_FIELDS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert {int(r["row"]): r["code"] for r in rows if r["severity"] != "warning"} == DEFECTS
    assert {r["severity"] for r in rows} == {"error", "duplicate", "warning"}


# ----------------------------------------------------------------- units, levels, total row

# The fees ledger is not copied into the working directories: read from the repository.
FEES_RUN = ("indicators", SAMPLE, str(ROOT / "sample_data" / "fees.csv"), "--year", "2012",
            "--by", "township", "--config", "sample_data/jisheng.toml", *AS_OF)


def _csv_rows(run: Run) -> list[dict[str, str]]:
    assert run.code == 0, str(run)
    return list(csv.DictReader(io.StringIO(run.stdout.decode("utf-8"), newline="")))


@pytest.mark.parametrize(("lang", "levels", "total", "srb", "amount"), [
    ((), ("合计", "乡镇"), "合计", "出生人口性别比(女=100)", "应征金额(元)"),
    (EN, ("Total", "Township"), "Total", "Sex ratio at birth (female=100)",
     "Amount assessed (yuan)"),
    (("--lang", "id"), ("total", "township"), "Total", "sex_ratio_at_birth",
     "fee_assessed_amount"),
])
def test_wide_csv_units_levels_and_total_by_lang(
        sample: Callable[..., Run], lang: tuple[str, ...], levels: tuple[str, str], total: str,
        srb: str, amount: str) -> None:
    rows = _csv_rows(sample(*FEES_RUN, "--format", "csv", *lang))
    level = next(iter(rows[0]))  # the first header: 层级 / Level / group_level
    assert [rows[0][level], rows[1][level]] == list(levels)
    assert list(rows[0].values())[2] == total
    assert rows[0][srb] == "104.99"  # 800 boys / 762 girls × 100 = 104.987 → 104.99
    # docs/worked-examples: 应征 10,401,000 yuan in 2012; never grouped in a file.
    assert rows[0][amount] == "10401000.00"
    if lang == EN:
        assert not [h for h in rows[0] if re.search(r"[\u4e00-\u9fff]", h)]


def test_table_in_english_names_levels_units_and_groups_thousands(
        sample: Callable[..., Run]) -> None:
    run = sample(*FEES_RUN, "--format", "table", "--lang", "en")
    assert run.code == 0, str(run)
    out = run.stdout.decode("utf-8")
    assert "Total" in out  # one level besides the total: no level column (the long test has it)
    assert "合计" not in out and "乡镇" not in out and "女=100" not in out and "元" not in out
    assert "1,562" in out and "10,401,000.00" in out
    assert "(female=100)" in out


def test_table_long_layout_in_english(sample: Callable[..., Run]) -> None:
    run = sample(*FEES_RUN, "--format", "table", "--lang", "en", "--layout", "long",
                 "--by", "township,village")
    assert run.code == 0, str(run)
    out = run.stdout.decode("utf-8")
    assert "Township" in out and "Village" in out
    assert "合计" not in out and "达标" not in out


def test_json_keeps_ids_and_the_registry_units(sample: Callable[..., Run]) -> None:
    run = sample(*FEES_RUN, "--format", "json", "--lang", "en")
    assert run.code == 0, str(run)
    rows = json.loads(run.stdout)["rows"]
    assert {r["group_level"] for r in rows} == {"total", "township"}
    units = {r["indicator"]: r["unit"] for r in rows}
    assert units["sex_ratio_at_birth"] == "女=100" and units["fee_assessed_amount"] == "yuan"
    assert rows[0]["group_name"] == "Total"


def test_xlsx_in_english(work: Path) -> None:
    import openpyxl

    run = run_cli((*FEES_RUN, "--lang", "en", "-o", "out.xlsx"), work)
    assert run.code == 0, str(run)
    ws = openpyxl.load_workbook(work / "out.xlsx")["Indicators"]
    header = [c.value for c in ws[1]]
    assert "Sex ratio at birth (female=100)" in header and "Amount assessed (yuan)" in header
    assert [ws.cell(2, 1).value, ws.cell(2, 3).value, ws.cell(3, 1).value] == [
        "Total", "Total", "Township"]
