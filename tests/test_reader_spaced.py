"""Text tables whose cells are separated by spaces (copied from a PDF or a web page into
Notepad): runs of spaces, single spaces between numbers, 全角 spaces, header labels
separated by single spaces, labels broken over lines; Markdown pipe tables with irregular
spacing. Every table is read exactly, and the narrative around it stays narrative."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reader_support import sample_data, text_report, text_tables

from drafter.data import parse_data
from drafter.reader import read_report
from drafter.rules import check_tables

SEED = Path(__file__).parent / "fixtures" / "minggao-2020.txt"

# A county department's 2023 report (2021 format) as copied out of its PDF: cells
# separated by runs of spaces, 表四's numbers by single spaces, one label broken.
DEPARTMENT_2023 = """伊川县教育局2023年政府信息公开工作年度报告

　　本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。

一、总体情况

　　2023年，伊川县教育局全年共收到政府信息公开申请16件，均已按期答复。
　　（一）主动公开
　　全年主动公开政府信息 236 条，其中政策解读 12 篇。

二、主动公开政府信息情况

第二十条第（一）项
信息内容    本年制发件数    本年废止件数    现行有效件数
规章    0    0    0
行政规范性文件    3    1    12
第二十条第（五）项
信息内容    本年处理决定数量
行政许可      356
第二十条第（六）项
信息内容    本年处理决定数量
行政处罚      4
行政强制      0
第二十条第（八）项
信息内容    本年收费金额（单位：万元）
行政事业性收费      12.5

三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）    申请人情况
自然人    法人或其他组织    总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量        12    3    0    0    1    0    16
二、上年结转政府信息公开申请数量        1    0    0    0    0    0    1
三、本年度办理结果   （一）予以公开   8   2   0   0   1   0   11
（二）部分公开（区分处理的，只计这一情形，不计
其他情形）  1 0 0 0 0 0 1
（三）不予公开   1.属于国家秘密   0   0   0   0   0   0   0
2.其他法律行政法规禁止公开   0   0   0   0   0   0   0
3.危及“三安全一稳定”   0   0   0   0   0   0   0
4.保护第三方合法权益   0   0   0   0   0   0   0
5.属于三类内部事务信息   0   0   0   0   0   0   0
6.属于四类过程性信息   0   0   0   0   0   0   0
7.属于行政执法案卷   0   0   0   0   0   0   0
8.属于行政查询事项   0   0   0   0   0   0   0
（四）无法提供   1.本机关不掌握相关政府信息   2   1   0   0   0   0   3
2.没有现成信息需要另行制作   0   0   0   0   0   0   0
3.补正后申请内容仍不明确   0   0   0   0   0   0   0
（五）不予处理   1.信访举报投诉类申请   1   0   0   0   0   0   1
2.重复申请   0   0   0   0   0   0   0
3.要求提供公开出版物   0   0   0   0   0   0   0
4.无正当理由大量反复申请   0   0   0   0   0   0   0
5.要求行政机关确认或重新出具已获取信息   0   0   0   0   0   0   0
（六）其他处理   1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请   0   0   0   0   0   0   0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请   0   0   0   0   0   0   0
3.其他   0   0   0   0   0   0   0
（七）总计   12   3   0   0   1   0   16
四、结转下年度继续办理   1   0   0   0   0   0   1

四、政府信息公开行政复议、行政诉讼情况

行政复议    行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计    未经复议直接起诉    复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
1 1 0 0 2 1 0 0 0 1 0 0 0 1 1

五、存在的主要问题及改进情况

　　一是公开形式单一。下一步将拓宽公开渠道。

六、其他需要报告的事项

　　本年度未收取信息处理费。
"""

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org", "total")


def _row(*values: int) -> dict[str, int]:
    return dict(zip(APPLICANTS, values, strict=True))


NON_ZERO = {
    "new_received": _row(12, 3, 0, 0, 1, 0, 16),
    "carried_over": _row(1, 0, 0, 0, 0, 0, 1),
    "granted": _row(8, 2, 0, 0, 1, 0, 11),
    "partially_granted": _row(1, 0, 0, 0, 0, 0, 1),
    "unable_not_held": _row(2, 1, 0, 0, 0, 0, 3),
    "np_petition_complaint": _row(1, 0, 0, 0, 0, 0, 1),
    "total_processed": _row(12, 3, 0, 0, 1, 0, 16),
    "carried_forward": _row(1, 0, 0, 0, 0, 0, 1),
}


def _write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _assert_department(parsed) -> None:
    assert parsed.findings == [], [f.message for f in parsed.findings]
    t = parsed.tables.tables
    assert t.proactive == {
        "rules": {"made_this_year": 0, "repealed_this_year": 0, "in_force": 0},
        "normative_docs": {"made_this_year": 3, "repealed_this_year": 1, "in_force": 12},
        "admin_license": {"decisions_this_year": 356},
        "admin_penalty": {"decisions_this_year": 4},
        "admin_coercion": {"decisions_this_year": 0},
        "admin_fees": {"fee_amount_this_year": pytest.approx(12.5)},
    }
    for row_id, cells in t.requests.items():
        assert cells == NON_ZERO.get(row_id, _row(0, 0, 0, 0, 0, 0, 0)), row_id
    assert t.review_litigation == {
        "review": {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2},
        "lit_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "lit_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    assert check_tables(parsed.tables) == []


def test_department_report_copied_from_a_pdf(tmp_path: Path) -> None:
    parsed = read_report(_write(tmp_path, DEPARTMENT_2023))
    assert (parsed.title, parsed.organization, parsed.year) == ("伊川县教育局2023年政府信息公开工作年度报告", "伊川县教育局", 2023)
    assert parsed.table_format == "2021" and parsed.tables.level == "department"
    _assert_department(parsed)
    assert [s.id for s in parsed.sections] == ["s0_preamble", "s1_overview", "s2_proactive", "s3_requests",
                                               "s4_review_litigation", "s5_problems", "s6_other"]
    for table_section in ("s2_proactive", "s3_requests", "s4_review_litigation"):
        assert parsed.section(table_section).text == ""  # no table line leaked into the text
    assert parsed.section("s1_overview").text.split("\n") == [
        "2023年，伊川县教育局全年共收到政府信息公开申请16件，均已按期答复。",
        "（一）主动公开",
        "全年主动公开政府信息 236 条，其中政策解读 12 篇。",
    ]


def test_header_labels_separated_by_single_spaces_are_separate_cells(tmp_path: Path) -> None:
    parsed = read_report(_write(tmp_path, DEPARTMENT_2023))
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert parsed.grids["t4"][2] == leaves + leaves + [""] * 5
    assert parsed.grids["t4"][1][:7] == leaves + ["未经复议直接起诉", "复议后起诉"]
    assert parsed.grids["t4"][3] == ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "0", "0", "0", "1", "1"]
    assert parsed.grids["t3"][2][:5] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert parsed.grids["t3"][5][:3] == ["三、本年度办理结果", "（一）予以公开", "8"]
    assert parsed.grids["t3"][6][0] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"  # rejoined


PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计\n其他情形）  1 0 0 0 0 0 1"


@pytest.mark.parametrize("old, new", [
    # the numbers between the two halves of the label
    (PARTIAL, "（二）部分公开（区分处理的，\n只计这一情形，不计  1 0 0 0 0 0 1\n其他情形）"),
    # the numbers on the first line, the end of the label on the next
    (PARTIAL, "（二）部分公开（区分处理的，只计这一情形，不计  1 0 0 0 0 0 1\n其他情形）"),
    # only the closing bracket left over
    (PARTIAL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形\n）  1 0 0 0 0 0 1"),
    # the label whole, the numbers on a line of their own
    ("一、本年新收政府信息公开申请数量        12    3    0    0    1    0    16",
     "一、本年新收政府信息公开申请数量\n12 3 0 0 1 0 16"),
    # long 2021 labels broken over two and three lines, the group label in front
    ("（六）其他处理   1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请   0",
     "（六）其他处理   1.申请人无正当理由逾期不补正、行政机关不再处理\n其政府信息公开申请   0"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请   0",
     "2.申请人逾期未按收费通知要求缴纳费用、\n行政机关不再处理其政府信息\n公开申请   0"),
    # 法律行政法规 broken in the middle of the word the labels are compared by
    ("2.其他法律行政法规禁止公开   0", "2.其他法律行政法\n规禁止公开   0"),
    # group labels on lines of their own
    ("（三）不予公开   1.属于国家秘密", "（三）不予公开\n1.属于国家秘密"),
    ("三、本年度办理结果   （一）予以公开", "三、本年度办理结果\n（一）予以公开"),
    # the corner note broken, blank lines between rows
    ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）    申请人情况",
     "（本列数据的勾稽关系为：第一项加第二项之和，\n\n等于第三项加第四项之和）    申请人情况"),
    ("2.重复申请", "\n\n2.重复申请"),
    # a page footer and a rule line where the PDF page broke
    ("5.属于三类内部事务信息", "- 3 -\n------------------------------------------\n5.属于三类内部事务信息"),
], ids=["numbers-in-the-middle", "numbers-first", "bracket", "numbers-below", "2021-two-lines",
        "2021-three-lines", "synonym-split", "group-own-line", "results-own-line", "corner-note",
        "blank-lines", "page-break"])
def test_labels_broken_over_lines(tmp_path: Path, old: str, new: str) -> None:
    parsed = read_report(_write(tmp_path, _edit(DEPARTMENT_2023, old, new)))
    _assert_department(parsed)
    assert parsed.section("s3_requests").text == ""


@pytest.mark.parametrize("separator", ["\u3000", "\u3000\u3000", " \u3000 ", "\u00a0\u00a0", " "],
                         ids=["ideographic", "two-ideographic", "mixed", "nbsp", "single"])
def test_other_separators(tmp_path: Path, separator: str) -> None:
    text = re.sub(r"(?<=\S) {2,}(?=\S)", separator, DEPARTMENT_2023)
    _assert_department(read_report(_write(tmp_path, text)))


FORMATS = [("2019", "伊川县鸣皋镇人民政府", 2020), ("2019", "伊川县教育局", 2020),
           ("2021", "伊川县白沙镇人民政府", 2023), ("2021", "洛阳市伊川县教育局", 2022)]


@pytest.mark.parametrize("format_id, organization, year", FORMATS,
                         ids=["2019-township", "2019-department", "2021-township", "2021-department"])
@pytest.mark.parametrize("sep, wrap, numbers_first", [
    ("  ", None, False), ("pad", None, False), (" ", None, False), ("\u3000", None, False),
    ("pad", 9, False), ("pad", 14, True), (" ", 11, False), ("\u3000", 7, True),
], ids=["two-spaces", "padded", "single", "ideographic", "wrap9", "wrap14-numbers-first", "single-wrap11",
        "ideographic-wrap7"])
def test_generated_reports_read_exactly(tmp_path: Path, format_id: str, organization: str, year: int,
                                        sep: str, wrap: int | None, numbers_first: bool) -> None:
    data = sample_data(format_id, seed=year + len(sep), organization=organization, year=year)
    tables = text_tables(data, sep=sep, wrap=wrap, numbers_first=numbers_first, single_spaced_numbers=wrap is None)
    parsed = read_report(_write(tmp_path, text_report(data, tables)))
    assert parsed.findings == [], [f.message for f in parsed.findings]
    assert parsed.tables.tables == parse_data(data).tables
    assert (parsed.organization, parsed.year, parsed.table_format) == (organization, year, format_id)
    assert check_tables(parsed.tables) == []
    assert parsed.section("s1_overview").text.split("\n")[:2] == ["（一）主动公开", "全年主动公开政府信息180条。"]
    for table_section in ("s2_proactive", "s3_requests", "s4_review_litigation"):
        assert parsed.section(table_section).text == ""


@pytest.mark.parametrize("separator", ["  ", "      ", "\u3000", " "])
def test_seed_tables_with_spaces_for_tabs(tmp_path: Path, separator: str) -> None:
    """The real 2020 township report with its tabs turned into spaces reads the same."""
    text = "\n".join(re.sub(r"\t+", separator, line).strip() for line in SEED.read_text("utf-8").splitlines())
    parsed = read_report(_write(tmp_path, text))
    seed = read_report(SEED)
    assert parsed.tables.tables == seed.tables.tables
    assert parsed.tables.tables.proactive["govt_centralized_procurement"] == {
        "procurement_items": 2, "procurement_amount": 149}
    assert [s.id for s in parsed.sections] == [s.id for s in seed.sections]
    assert not [f for f in parsed.findings if f.severity == "error"]


def test_tab_cells_holding_several_numbers(tmp_path: Path) -> None:
    text = _edit(DEPARTMENT_2023, "一、本年新收政府信息公开申请数量        12    3    0    0    1    0    16",
                 "一、本年新收政府信息公开申请数量\t12 3 0 0 1 0 16")
    text = _edit(text, "行政许可      356", "行政许可\t356")
    _assert_department(read_report(_write(tmp_path, text)))


NARRATIVE_LINES = [
    "全年共收到政府信息公开申请 16 件，办结 15 件。",
    "主动公开信息    180条",
    "行政许可 356 件",
    "联系电话：0379-68312345    邮编：471300",
    "2023 年",
    "（一） 主动公开",
    "一是 加强学习",
    "规章  制度  建设",
    "无",
    "- 3 -",
    "-----------",
    "12345 热线",
    "2022  2023",
    "行政处罚  行政强制",
    "自然人 法人或其他组织",
    "行政",  # with the next line an official label, but no table around them
    "许可",
]


def test_narrative_with_spaces_and_numbers_stays_narrative(tmp_path: Path) -> None:
    text = _edit(DEPARTMENT_2023, "　　（一）主动公开\n", "　　（一）主动公开\n" + "\n".join(NARRATIVE_LINES) + "\n")
    text = _edit(text, "第二十条第（一）项\n", "单位：件\n第二十条第（一）项\n")
    text = _edit(text, "行政事业性收费      12.5\n", "行政事业性收费      12.5\n注：本表数据统计截至2023年12月31日。\n")
    text += "\n伊川县教育局\n2024年1月20日\n"
    parsed = read_report(_write(tmp_path, text))
    _assert_department(parsed)
    s1 = parsed.section("s1_overview").text.split("\n")
    assert s1[2:2 + len(NARRATIVE_LINES)] == NARRATIVE_LINES
    assert parsed.section("s2_proactive").text == "单位：件\n注：本表数据统计截至2023年12月31日。"
    assert parsed.section("s6_other").text == "本年度未收取信息处理费。\n伊川县教育局\n2024年1月20日"


def _pipe(cells: list[str], style: str) -> str:
    if style == "outer":
        return "| " + " | ".join(cells) + " |"
    if style == "tight":
        return "|" + "|".join(cells) + "|"
    if style == "ragged":
        return "|" + "|".join(f"{'  ' if n % 2 else ''}{c}{' ' * (n % 3)}" for n, c in enumerate(cells)) + "|   "
    if style == "bare":
        return " | ".join(cells)
    return "｜" + "｜".join(cells) + "｜"  # full-width bars, as typed with a Chinese input method


@pytest.mark.parametrize("style", ["outer", "tight", "ragged", "bare", "fullwidth"])
@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_markdown_pipe_tables_with_irregular_spacing(tmp_path: Path, style: str, format_id: str) -> None:
    data = sample_data(format_id, seed=12)
    tables = text_tables(data, sep="\t")
    piped: dict[str, list[str]] = {}
    for sid, lines in tables.items():
        cells = [[c.strip() for c in line.split("\t")] for line in lines]
        width = max(len(row) for row in cells)
        rows = [_pipe(row + [""] * (width - len(row)), style) for row in cells]
        rule = _pipe([":-", "--:", ":---:"] + ["-"] * (width - 3), style if style != "fullwidth" else "outer")
        piped[sid] = [rows[0], rule, *rows[1:]]
    text = text_report(data, piped)
    text = re.sub(r"^([一二三四五六]、.+)$", r"## \1", text, flags=re.M)
    parsed = read_report(_write(tmp_path, text, "report.md"))
    assert parsed.kind == "md"
    assert parsed.findings == [], [f.message for f in parsed.findings]
    assert parsed.tables.tables == parse_data(data).tables
    assert parsed.section("s2_proactive").text == ""


def test_markdown_table_in_a_code_block_and_bold_cells(tmp_path: Path) -> None:
    data = sample_data("2021", seed=30, organization="伊川县白沙镇人民政府")
    tables = text_tables(data, sep="   ")
    tables["s3_requests"] = ["```", *tables["s3_requests"], "```"]
    tables["s2_proactive"] = [re.sub(r"^(规章|行政许可)", r"**\1**", line) for line in tables["s2_proactive"]]
    parsed = read_report(_write(tmp_path, text_report(data, tables), "report.md"))
    assert parsed.findings == [], [f.message for f in parsed.findings]
    assert parsed.tables.tables == parse_data(data).tables
    assert parsed.section("s3_requests").text == ""


def test_paragraphs_indented_with_a_tab_are_not_table_rows(tmp_path: Path) -> None:
    """A Word copy may indent each paragraph with a tab: a line with one cell is text."""
    lines = SEED.read_text("utf-8").splitlines()
    indented = [f"\t{line}" if line.strip() and "\t" not in line else line for line in lines]
    parsed = read_report(_write(tmp_path, "\n".join(indented)))
    seed = read_report(SEED)
    assert parsed.tables.tables == seed.tables.tables
    assert [(s.id, s.heading, s.text) for s in parsed.sections] == [(s.id, s.heading, s.text) for s in seed.sections]
    assert parsed.title == seed.title
