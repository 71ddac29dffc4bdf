"""The validator: check_narrative (figures, zero and all claims, arithmetic, years, bodies,
style), check_report (structure, tables against the data) and check_file on the seed."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from drafter.data import ReportData, load_data, parse_data
from drafter.errors import InputError
from drafter.notes import parse_notes
from drafter.report import ParsedReport, SectionText
from drafter.validate import check_file, check_narrative, check_report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "minggao-2020.txt"


@pytest.fixture(scope="module")
def minggao() -> ReportData:
    return load_data(ROOT / "examples" / "minggao-2020" / "data.yaml")


@pytest.fixture(scope="module")
def bare(minggao: ReportData) -> ReportData:
    """The seed's data without facts: no figure needs a source."""
    raw = minggao.to_input()
    raw.pop("facts")
    return parse_data(raw)


@pytest.fixture(scope="module")
def township() -> ReportData:
    return load_data(ROOT / "examples" / "township-2023" / "data.yaml")


@pytest.fixture(scope="module")
def department() -> ReportData:
    return load_data(ROOT / "examples" / "county-dept-2023" / "data.yaml")


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


# --------------------------------------------------------------------------- figures


def test_contradiction_names_the_cell(minggao: ReportData) -> None:
    text = "2020年，鸣皋镇人民政府共收到政府信息公开申请3件。"
    (f,) = check_narrative(minggao, {"s1_overview": text})
    assert f.rule == "text.contradiction" and f.severity == "error" and f.section == "s1_overview"
    assert f.quote == "共收到政府信息公开申请3件" and text[f.span[0] : f.span[1]] == f.quote
    assert f.message.startswith("正文称“共收到政府信息公开申请3件”，但表三“一、本年新收政府信息公开申请数量”总计为0")
    assert (f.expected, f.found) == (0, 3)
    assert f.to_dict()["span"] == [f.span[0], f.span[1]]


def test_chinese_numeral_and_scoped_figures(township: ReportData) -> None:
    assert check_narrative(township, {"s1_overview": "共收到申请六件，其中自然人申请五件，法人或其他组织申请一件。"}) == []
    (f,) = check_narrative(township, {"s1_overview": "其中自然人申请4件。共收到申请六件。"})
    assert "“自然人”列" in f.message and f.expected == 5


def test_true_statements_in_the_register_of_real_reports(township: ReportData) -> None:
    text = (
        "2023年，清水镇共收到政府信息公开申请6件，较上年增加3件，上年结转1件，办结6件，结转下年度1件。"
        "本年度共受理政府信息公开申请6件，其中，自然人申请5件，法人或其他组织申请1件。"
        "加上上年结转1件，共计7件。办理结果为：予以公开3件，部分公开1件，无法提供2件。"
        "已办结6件，1件结转下年办理，依申请公开办结率为85.71%。全年辦結申請6件。"
        "本年度因政府信息公开被申请行政复议1件，未发生因政府信息公开引起的行政诉讼。"
        "制发行政规范性文件2件、废止1件，现行有效5件。作出行政许可决定12件，行政处罚决定8件。"
        "受理群众来电咨询150余次。办理人大代表建议5件、政协提案3件。"
        "门户网站主动公开政府信息230余条。"
    )
    assert check_narrative(township, {"s1_overview": text}) == []


def test_other_counts_are_not_request_figures(bare: ReportData) -> None:
    text = "12345热线转办工单86件，办结率100%。受理群众咨询200余次，办理人大代表建议5件。"
    assert check_narrative(bare, {"s1_overview": text}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年度未收到政府信息公开申请。", 6),
        ("本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。", 1),
        ("本年度无下年度结转。", 1),
        ("本年度未收到法人或者其他组织的申请。", 1),
    ],
)
def test_zero_claims_refuted(township: ReportData, text: str, expected: int) -> None:
    found = [f for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.contradiction"]
    assert found and found[0].expected == expected and found[0].found == 0


def test_scoped_zero_claim_true_when_only_persons_applied(minggao: ReportData) -> None:
    raw = minggao.to_input()
    raw["tables"]["requests"]["new_received"] = [2, 0, 0, 0, 0, 0]
    raw["tables"]["requests"]["granted"] = [2, 0, 0, 0, 0, 0]
    raw["tables"]["requests"]["total_processed"] = [2, 0, 0, 0, 0, 0]
    data = parse_data(raw)
    assert check_narrative(data, {"s1_overview": "未收到法人或者其他组织的申请。全部予以公开。"}) == []
    assert rules(check_narrative(data, {"s1_overview": "未收到政府信息公开申请。"})) == ["text.contradiction"]


def test_all_claims_refuted(township: ReportData) -> None:
    found = check_narrative(township, {"s1_overview": "收到的申请均已按时办结，对收到的申请全部予以公开。"})
    messages = " ".join(f.message for f in found)
    assert rules(found) == ["text.contradiction", "text.contradiction"]
    assert "结转下年度继续办理" in messages and "（一）予以公开" in messages


def test_rates_use_the_stated_rounding(township: ReportData) -> None:
    for ok in ("办结率为85.71%", "办结率为85.7%", "办结率为86%"):
        assert check_narrative(township, {"s1_overview": f"依申请公开{ok}。"}) == []
    (f,) = check_narrative(township, {"s1_overview": "依申请公开办结率为100%。"})
    assert f.rule == "text.contradiction" and "6件 ÷（6件 + 1件）" in f.message


def test_arithmetic_closed_and_open_lists(bare: ReportData) -> None:
    minggao = bare
    (f,) = check_narrative(minggao, {"s1_overview": "共发布信息200条，其中政策文件180条、工作动态30条。"})
    assert f.rule == "text.arithmetic" and f.expected == 210 and f.found == 200
    assert check_narrative(minggao, {"s1_overview": "共发布信息200条，其中政策文件180条、工作动态20条。"}) == []
    assert check_narrative(minggao, {"s1_overview": "共发布信息200条，其中政策文件150条、工作动态30条等。"}) == []
    assert rules(check_narrative(minggao, {"s1_overview": "共发布信息200条，其中政策文件180条、工作动态30条等。"})) == ["text.arithmetic"]


def test_partial_breakdown_true_to_the_tables_is_fine(department: ReportData) -> None:
    text = "本年度办结16件，其中予以公开9件、部分公开1件、不予公开1件。"
    assert check_narrative(department, {"s1_overview": text}) == []


def test_unsupported_only_when_sources_are_known(minggao: ReportData, bare: ReportData, township: ReportData) -> None:
    text = "全年开展政务公开专题培训17场，参训人员1350人次。"
    assert check_narrative(bare, {"s1_overview": text}) == []
    found = check_narrative(township, {"s1_overview": text})
    assert rules(found) == ["text.unsupported", "text.unsupported"] and {f.severity for f in found} == {"warning"}
    strict = check_narrative(township, {"s1_overview": text}, unsupported="error")
    assert {f.severity for f in strict} == {"error"}
    notes = parse_notes("# 总体情况\n## 监督保障\n- 开展专题培训17场，参训1350人次\n")
    assert check_narrative(township, {"s1_overview": text}, notes) == []
    # the sum of two facts is a source too (主动公开 180 + 20)
    assert check_narrative(minggao, {"s1_overview": "共主动公开信息200条。"}) == []


# --------------------------------------------------------------------------- years, bodies, style


@pytest.mark.parametrize(
    "text",
    [
        "2022年，清水镇认真做好政府信息公开各项工作。",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月30日止。",
        "现对2022年政府信息公开工作进行总结。",
        "截至2022年12月31日，各项工作均已完成。",
    ],
)
def test_wrong_year(township: ReportData, text: str) -> None:
    found = check_narrative(township, {"s0_preamble": text})
    assert rules(found) == ["text.year"] and found[0].expected == 2023


@pytest.mark.parametrize(
    ("section", "text"),
    [
        ("s5_problems", "2024年，我镇将进一步强化政府信息公开工作，力争全年发布政策解读不少于20篇。"),
        ("s1_overview", "自2008年5月1日《条例》施行以来，清水镇始终坚持公开为常态。"),
        ("s5_problems", "针对2022年度报告中指出的问题，已整改到位。"),
        ("s1_overview", "2023年，清水镇共收到政府信息公开申请6件，比2022年增加3件。"),
        ("s0_preamble", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
    ],
)
def test_years_that_are_fine(township: ReportData, section: str, text: str) -> None:
    assert check_narrative(township, {section: text}) == []


def test_other_body_and_self_reference(township: ReportData, department: ReportData) -> None:
    found = check_narrative(township, {"s1_overview": "2023年，白沙镇人民政府认真贯彻落实《条例》。"})
    assert rules(found) == ["text.organization"] and found[0].severity == "error" and found[0].quote == "白沙镇人民政府"
    found = check_narrative(township, {"s5_problems": "进一步提高我局政务新媒体发布信息的质量。"})
    assert rules(found) == ["text.organization"] and found[0].severity == "warning"
    fine = "按照河阳县人民政府和县政府办公室的要求，清水镇人民政府配合上级部门和各职能部门做好公开工作。"
    assert check_narrative(township, {"s1_overview": fine}) == []
    assert check_narrative(department, {"s1_overview": "2023年，县市场监管局坚持以公开为常态。"}) == []
    found = check_narrative(department, {"s1_overview": "2023年，县财政局坚持以公开为常态。我镇深入推进。"})
    assert [(f.rule, f.severity) for f in found] == [("text.organization", "error"), ("text.organization", "warning")]


@pytest.mark.parametrize(
    ("text", "rule", "severity"),
    [
        ("全年共收到意见建议XX条。", "style.placeholder", "error"),
        ("【待补充】本年度亮点工作。", "style.placeholder", "error"),
        ("××镇人民政府认真落实。", "style.placeholder", "error"),
        ("以下是根据您提供的材料撰写的报告正文。", "style.llm_leftover", "error"),
        ("作为一个人工智能，我无法核实。", "style.llm_leftover", "error"),
        ("希望以上内容对您有帮助！", "style.llm_leftover", "error"),
        ("**加强组织领导**，明确专人负责。", "style.markdown", "warning"),
        ("## 总体情况", "style.markdown", "warning"),
    ],
)
def test_style(bare: ReportData, text: str, rule: str, severity: str) -> None:
    found = check_narrative(bare, {"s1_overview": text})
    assert [(f.rule, f.severity) for f in found] == [(rule, severity)]


# --------------------------------------------------------------------------- whole reports


def test_seed_report_reads_exactly_and_only_warns_about_woju(minggao: ReportData) -> None:
    result = check_file(SEED)
    assert not result.has_errors
    org = [f for f in result.findings if f.rule == "text.organization"]
    assert [(f.quote, f.section, f.severity) for f in org] == [("我局", "s5_problems", "warning")]
    assert result.report == {"organization": "鸣皋镇人民政府", "year": 2020, "format": "2019"}
    with_data = check_file(SEED, data_path=ROOT / "examples" / "minggao-2020" / "data.yaml")
    assert not with_data.has_errors and "table.mismatch" not in rules(with_data.findings)
    assert "text.organization" in rules(with_data.findings)


def test_report_tables_against_the_data(tmp_path: Path) -> None:
    raw = yaml.safe_load((ROOT / "examples" / "minggao-2020" / "data.yaml").read_text("utf-8"))
    raw["tables"]["proactive"]["govt_centralized_procurement"]["procurement_items"] = 3
    data_file = tmp_path / "data.yaml"
    data_file.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    result = check_file(SEED, data_path=data_file)
    (f,) = [f for f in result.findings if f.rule == "table.mismatch"]
    assert f.severity == "error" and f.place == "tables.proactive.govt_centralized_procurement.procurement_items"
    assert (f.expected, f.found) == (3, 2) and "政府集中采购" in f.message and "采购项目数量" in f.message


def _parsed(data: ReportData, sections: list[tuple[str, str, str]], title: str, table_format: str | None = None) -> ParsedReport:
    return ParsedReport(
        source="x.txt", kind="txt", title=title, organization=data.organization, year=data.year,
        sections=[SectionText(id=i, number=n, heading=h, text="") for i, n, h in sections],
        tables=data, table_format=table_format or data.format,
    )


SIX = [
    ("s1_overview", "一", "一、总体情况"), ("s2_proactive", "二", "二、主动公开政府信息情况"),
    ("s3_requests", "三", "三、收到和处理政府信息公开申请情况"), ("s4_review_litigation", "四", "四、政府信息公开行政复议、行政诉讼情况"),
    ("s5_problems", "五", "五、存在的主要问题及改进情况"), ("s6_other", "六", "六、其他需要报告的事项"),
]


def test_structure(township: ReportData) -> None:
    title = "河阳县清水镇人民政府2023年政府信息公开工作年度报告"
    assert [f for f in check_report(_parsed(township, SIX, title)) if f.rule.startswith("structure.")] == []
    missing = check_report(_parsed(township, SIX[:5], title))
    assert "structure.section_missing" in rules(missing)
    swapped = check_report(_parsed(township, [SIX[0], SIX[2], SIX[1], *SIX[3:]], title))
    assert "structure.section_order" in rules(swapped)
    renamed = check_report(_parsed(township, [("s1_overview", "一", "一、基本情况"), *SIX[1:]], title))
    assert [f.severity for f in renamed if f.rule == "structure.section_misnamed"] == ["warning"]
    stale = check_report(_parsed(township, SIX, title.replace("2023", "2022")).model_copy(update={"year": 2022}), township)
    assert "structure.title" in rules(stale)
    outdated = check_report(_parsed(township, SIX, title, table_format="2019"))
    assert "structure.outdated_format" in rules(outdated)


def test_data_file_given_as_report_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "data.yaml"
    shutil.copy(ROOT / "examples" / "minggao-2020" / "data.yaml", target)
    with pytest.raises(InputError) as info:
        check_file(target)
    assert "drafter check-data" in info.value.message


def test_fast_enough_for_a_batch(township: ReportData) -> None:
    import time

    texts = {"s1_overview": "2023年，清水镇共收到政府信息公开申请6件，上年结转1件，办结6件，结转下年度1件。" * 20}
    check_narrative(township, texts)
    start = time.perf_counter()
    for _ in range(5):
        check_narrative(township, copy.deepcopy(texts))
    assert (time.perf_counter() - start) / 5 < 0.5
