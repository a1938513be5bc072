"""Proposing a claims file from a report's text (audit.extract): the 远安县 2012 self-check
report in simplified and traditional characters, GB18030 and .docx, and the patterns one
sentence at a time."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.audit.claims import read_claims, write_claims
from jisheng_cli.audit.extract import extract_claims, extract_text
from jisheng_cli.audit.model import Claim
from jisheng_cli.audit.names import names_longest_first
from jisheng_cli.errors import InputError

REPORTS = Path(__file__).parent.parent / "fixtures" / "reports"
CELLS = ("line", "indicator", "printed", "numerator", "denominator", "target", "gap",
         "previous", "change")

# Read off yuanan_2012.txt by hand, line by line. The figures are the report's, right or
# wrong: the extraction proposes, the audit checks.
EXPECTED = [
    # 1,549 / 1,562 = 0.991677 → 99.17%; the change is line 15's sentence, which names
    # 出生政策符合率 without a figure of its own
    ("10", "出生政策符合率", "99.17%", "1,549人", "1,562人", None, None, None,
     "比上年提高0.44个百分点"),
    # 一孩出生 1,102 人,占出生总数的 70.55%: 出生总数 is 共出生 1,562 人, an earlier
    # sentence of the same line (1,102 / 1,562 = 0.705506 → 70.55%)
    ("10", "一孩出生占出生总数", "70.55%", "1,102人", "1,562人", None, None, None, None),
    # line 11 is a paragraph of its own: no count of 出生总数 in it, no denominator
    ("11", "政策外生育占出生总数", "0.83%", "13人", None, None, None, None, None),
    # one count only before the rate: no pair to propose
    ("12", "政策外多孩率", "0.06%", None, None, None, None, None, None),
    ("13", "男婴", "829人", None, None, None, None, None, None),
    ("13", "女婴", "733人", None, None, None, None, None, None),
    # 829 / 733 × 100 = 113.097 → 113.10 (a ratio, not % or ‰: no counts proposed)
    ("13", "出生人口性别比", "113.10", None, None, None, None, None, None),
    ("14", "出生率", "7.16‰", None, None, None, "低于责任指标0.84个千分点", None, None),
    ("16", "出生人流比", "0.22", None, None, None, None, None, None),
    # proposed although 42,376 / 43,115 = 0.98286 prints 98.29%, not 99.15%: the audit's
    # case; the larger count is the denominator
    ("18", "生殖健康服务到位率", "99.15%", "42,376人", "43,115人", None,
     "优于责任指标4.15个百分点", None, None),
    # 79.31 − 75 = 4.31
    ("19", "长效节育措施落实率", "79.31%", None, None, "75%", "优于责任指标4.31个百分点",
     None, None),
    ("20", "综合节育率", "90.65%", None, None, None, None, None, "同比下降0.21个百分点"),
    # not a registry indicator: a claim through its counts (3,190 / 3,356 = 0.950536)
    ("21", "免费婚检率", "95.05%", "3,190对", "3,356对", None, None, None, None),
    # 451 / 300 − 1 = 0.503333 → 50.33%; the figure compared with is the previous value
    ("26", "全年实际投入", "451万元", None, None, None, None, "300万元", "增长50.33%"),
    ("28", "社会抚养费征收到位率", "68.84%", None, None, None, None, "65.20%", None),
]
# The docx's one-row table (附注 | …): its second cell is paragraph 45, on page 2.
TABLE_CLAIM = ("45", "出生政策符合率", "100%", "36人", "36人", None, None, None, None)


def _cells(claims: list[Claim]) -> list[tuple[str | None, ...]]:
    return [tuple(getattr(c, name) for name in CELLS) for c in claims]


@pytest.mark.parametrize("name", ["yuanan_2012.txt", "yuanan_2012_gb18030.txt",
                                  "yuanan_2012_traditional.txt"])
def test_the_reports_claims_are_proposed(name: str) -> None:
    claims = extract_claims(str(REPORTS / name))
    assert _cells(claims) == EXPECTED
    assert [c.row for c in claims] == list(range(2, 2 + len(EXPECTED)))
    # The form feed is on line 29: every claim is before it.
    assert {c.page for c in claims} == {"1"}


def test_the_docx_gives_the_same_claims_and_its_tables() -> None:
    claims = extract_claims(str(REPORTS / "yuanan_2012.docx"))
    assert _cells(claims) == [*EXPECTED, TABLE_CLAIM]
    assert [c.page for c in claims] == ["1"] * len(EXPECTED) + ["2"]
    text = extract_claims(str(REPORTS / "yuanan_2012.txt"))
    assert [c.source_text for c in claims[:-1]] == [c.source_text for c in text]


def test_a_docx_saved_by_libreoffice_gives_the_texts_claims() -> None:
    """LibreOffice Writer's own .docx of the text (see the fixtures' README): its
    paragraphs, runs and styles are a word processor's, not python-docx's."""
    claims = extract_claims(str(REPORTS / "yuanan_2012_libreoffice.docx"))
    assert _cells(claims) == EXPECTED
    text = extract_claims(str(REPORTS / "yuanan_2012.txt"))
    assert [(c.source_text, c.line, c.page) for c in claims] == [
        (c.source_text, c.line, c.page) for c in text]


def test_source_text_is_the_sentence_as_written() -> None:
    simplified = extract_claims(str(REPORTS / "yuanan_2012.txt"))
    traditional = extract_claims(str(REPORTS / "yuanan_2012_traditional.txt"))
    sentence = ("统计年度（2011年10月1日至2012年9月30日），全县共出生1,562人，其中政策内"
                "生育1,549人，出生政策符合率为99.17%；")
    assert simplified[0].source_text == sentence
    # The same sentence in the traditional report: its own characters, split at the same ；
    assert traditional[0].source_text == ("統計年度（2011年10月1日至2012年9月30日），全縣共"
                                          "出生1,562人，其中政策內生育1,549人，出生政策符合率"
                                          "爲99.17%；")
    assert simplified[1].source_text == "一孩出生1,102人，占出生总数的70.55%。"
    assert traditional[1].source_text == "一孩出生1,102人，佔出生總數的70.55%。"
    # The change's claim keeps the sentence of its figure, not that of the change.
    assert simplified[0].change == traditional[0].change == "比上年提高0.44个百分点"


def test_what_is_no_claim_is_not_proposed() -> None:
    claims = extract_claims(str(REPORTS / "yuanan_2012.txt"))
    # Lines 2 (远计生发〔2012〕15号), 4 (the title's year), 7 (dates, 7个乡镇、117个村),
    # 10's dates, 23/25/27 (section numbers 1. 2. 3.), 40 (the phone number), 43 (the date).
    assert {c.line for c in claims} == {"10", "11", "12", "13", "14", "16", "18", "19",
                                        "20", "21", "26", "28"}
    cells = {getattr(c, n) for c in claims for n in CELLS[2:]} - {None}
    numbers = {m for cell in cells for m in re.findall(r"\d[\d,.]*", str(cell))}
    for distractor in ("2012", "2011", "15", "7", "117", "0717", "3822156", "1", "2", "3",
                       "8", "10", "30", "9"):
        assert distractor not in numbers


def test_claims_written_and_read_back_are_the_same(tmp_path: Path) -> None:
    claims = extract_claims(str(REPORTS / "yuanan_2012_traditional.txt"))
    buffer = io.BytesIO()
    write_claims(claims, buffer)
    path = tmp_path / "claims.csv"
    path.write_bytes(buffer.getvalue())
    assert read_claims(str(path)) == claims


# ---- one sentence at a time -------------------------------------------------------------
def test_the_longest_name_wins() -> None:
    # 出生政策符合率 holds the alias 政策符合率: the claim is the longer name's
    claims = extract_text("全县出生政策符合率为99.17%。")
    assert [(c.indicator, c.printed) for c in claims] == [("出生政策符合率", "99.17%")]


def test_a_figure_is_not_joined_to_the_next_sentence() -> None:
    assert extract_text("出生政策符合率为\n99.17%。") == []
    assert extract_text("出生政策符合率为；99.17%。") == []
    assert extract_text("出生政策符合率和综合节育率的统计口径不变,共有 12 个村。") == []


def test_a_change_with_the_previous_value_and_a_target_with_its_sign() -> None:
    claims = extract_text("出生率为7.16‰，比上年的7.02‰提高0.14个千分点。\n"
                          "综合节育率为90.65%，目标≥92%，未达到目标1.35个百分点。\n"
                          "出生人流比为1∶4.54，与上年持平。")
    assert _cells(claims) == [
        ("1", "出生率", "7.16‰", None, None, None, None, "7.02‰", "提高0.14个千分点"),
        # 92 − 90.65 = 1.35
        ("2", "综合节育率", "90.65%", None, None, "≥92%", "未达到目标1.35个百分点", None,
         None),
        ("3", "出生人流比", "1:4.54", None, None, None, None, None, "与上年持平"),
    ]


def test_a_share_named_by_the_registry() -> None:
    # 1 / 1,562 = 0.064% → 0.06%; the sentence names what the share is
    claims = extract_text("全县共出生1562人。"
                          "政策外多孩生育1人，占出生总数的0.06%，即政策外多孩率。")
    assert _cells(claims) == [("1", "政策外多孩率", "0.06%", "1人", "1562人", None, None,
                               None, None)]


def test_a_share_whose_whole_is_given_in_the_sentence() -> None:
    claims = extract_text("参加免费婚检3190对，占全县新婚夫妇3356对的95.05%。")
    assert _cells(claims) == [("1", "参加免费婚检占全县新婚夫妇", "95.05%", "3190对", "3356对",
                               None, None, None, None)]


def test_names_listed_with_their_figures_respectively() -> None:
    claims = extract_text("男婴、女婴分别为829人、733人。")
    assert [(c.indicator, c.printed) for c in claims] == [("男婴", "829人"), ("女婴", "733人")]
    # Two names and one figure: which is whose is not said, so neither is proposed.
    assert extract_text("男婴、女婴分别为829人。") == []


def test_id_numbers_are_masked_in_source_text() -> None:
    claims = extract_text("育龄妇女（身份证号420525198803151234）未落实措施，"
                          "长效节育措施落实率为79.31%。")
    assert [(c.indicator, c.printed) for c in claims] == [("长效节育措施落实率", "79.31%")]
    assert claims[0].source_text == ("育龄妇女（身份证号420525********1234）未落实措施，"
                                     "长效节育措施落实率为79.31%。")


def test_pages_are_counted_from_form_feeds_only() -> None:
    assert extract_text("出生率为7.16‰。")[0].page is None
    claims = extract_text("一、基本情况\n\f出生率为7.16‰。\n综合节育率为90.65%。")
    assert [(c.line, c.page) for c in claims] == [("2", "2"), ("3", "2")]


NAMES = [name for name, _ in names_longest_first()]


@given(name=st.sampled_from(NAMES), value=st.decimals(0, 999, places=2),
       unit=st.sampled_from(["%", "‰", "人", ""]),
       date=st.tuples(st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28)))
def test_a_name_and_its_figure_after_a_date(name: str, value: object, unit: str,
                                            date: tuple[int, int, int]) -> None:
    y, m, d = date
    claims = extract_text(f"截至{y}年{m}月{d}日，{name}为{value}{unit}。")
    assert [(c.indicator, c.printed) for c in claims] == [(name, f"{value}{unit}")]


# ---- files the extraction cannot read -----------------------------------------------------
def test_an_unknown_file_type_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError) as e:
        extract_claims(str(pdf))
    assert e.value.code == "extract_unreadable"
    assert e.value.text("zh").startswith(f"{pdf}: 无法读取报告:.pdf")
    assert e.value.text("en").startswith(f"{pdf}: cannot read the report: .pdf")


def test_a_docx_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.docx"
    fake.write_text("出生率为7.16‰", encoding="utf-8")
    with pytest.raises(InputError) as e:
        extract_claims(str(fake))
    assert e.value.code == "extract_unreadable"


def test_a_missing_report() -> None:
    with pytest.raises(InputError) as e:
        extract_claims("/nonexistent/report.txt")
    assert e.value.code == "no_such_file"


def test_a_docx_without_page_breaks_has_no_pages(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    document.add_paragraph("全县出生率为7.16‰，低于责任指标0.84个千分点。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "综合节育率为90.65%。"
    path = tmp_path / "r.docx"
    document.save(str(path))
    claims = extract_claims(str(path))
    assert [(c.line, c.page, c.indicator, c.printed, c.gap) for c in claims] == [
        ("2", None, "出生率", "7.16‰", "低于责任指标0.84个千分点"),
        ("3", None, "综合节育率", "90.65%", None)]
