"""Precision on true statements of real reports: an error must be certain. One block per
class of true sentence that used to draw a false error, each with the defect of the same
class that must still be an error:

1. figures of review and litigation combined (复议、诉讼中被纠错共3件);
2. 其中 after an aside total (另有上年结转申请1件，其中法人…): the part belongs to the main total;
3. counts of activities (开展培训两次, 召开专题会议3次, 组织检查4轮);
4. generic party and government organs of the body itself or its parent (镇党委、镇政府, 县委县政府);
5. a figure that the words allow to be another metric's (制发并废止…1件);
6. last year's figures and changes, checked only against last year's data;
7. numbers in quoted names, titles and list items.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.checks.organization import Identity, check_organization
from drafter.claims import extract_claims
from drafter.data import ReportData, load_data, parse_data
from drafter.facts import build_fact_sheet
from drafter.lexicon import load_lexicon
from drafter.validate import check_narrative

ROOT = Path(__file__).resolve().parent.parent


def errors(data: ReportData, text: str) -> list[tuple[str, str | None]]:
    return [(f.rule, f.quote) for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error"]


def _township_raw() -> dict:
    raw = load_data(ROOT / "examples" / "township-2023" / "data.yaml").to_input()
    raw.pop("facts", None)
    return raw


@pytest.fixture(scope="module")
def township() -> ReportData:
    """清水镇 2023: new 6 (自然人5, 法人1), carried over 1, done 6, carried forward 1;
    规范性文件 made 2, repealed 1, in force 5; 许可 12, 处罚 8; last year's data known
    (new 3)."""
    data = load_data(ROOT / "examples" / "township-2023" / "data.yaml")
    assert data.previous is not None
    bare = parse_data(_township_raw())
    bare.previous = data.previous
    return bare


@pytest.fixture(scope="module")
def no_previous() -> ReportData:
    data = parse_data(_township_raw())
    assert data.previous is None
    return data


@pytest.fixture(scope="module")
def cases() -> ReportData:
    """Reviews and suits with every combined figure distinct from its parts:
    复议 维持2 纠正1 尚未审结1 (4); 直接起诉 维持1 纠正1 尚未审结1 (3); 复议后起诉 纠正1 其他1 (2).
    Combined: 维持3, 纠正3, 其他1, 尚未审结2, 总计9."""
    raw = _township_raw()
    raw["tables"]["review_litigation"] = {
        "review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 1, "total": 4},
        "lit_direct": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
        "lit_after_review": {"upheld": 0, "corrected": 1, "other": 1, "pending": 0, "total": 2},
    }
    return parse_data(raw)


@pytest.fixture(scope="module")
def all_upheld() -> ReportData:
    raw = _township_raw()
    raw["tables"]["review_litigation"] = {
        "review": {"upheld": 2, "corrected": 0, "other": 0, "pending": 0, "total": 2},
        "lit_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "lit_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    }
    return parse_data(raw)


# --------------------------------------------------------------------------- 1. combined figures


def test_combined_review_and_litigation_facts(cases: ReportData) -> None:
    sheet = build_fact_sheet(cases)
    combined = {leaf: sheet.value(f"review_litigation.{leaf}") for leaf in ("upheld", "corrected", "other", "pending", "total")}
    assert combined == {"upheld": 3, "corrected": 3, "other": 1, "pending": 2, "total": 9}
    assert sheet["review_litigation.total"].source == "derived"


@pytest.mark.parametrize(
    "text",
    [
        "本年度，复议、诉讼中被纠错共3件。",
        "行政复议和行政诉讼共9件。",
        "因政府信息公开被申请行政复议、提起行政诉讼共9件，其中被纠错3件。",
        "被复议、被起诉案件中，维持原行政行为3件，被依法纠错3件，尚未审结2件。",
        "行政复议、行政诉讼案件结果维持共3件。",
        "全年发生政府信息公开行政复议和行政诉讼案件9件，均依法应诉，其中2件尚未审结。",
        "本年度行政复议、行政诉讼结果为其他的1件。",
    ],
)
def test_combined_review_and_litigation_figures_are_true(cases: ReportData, text: str) -> None:
    assert errors(cases, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "被复议、被起诉案件均维持原行政行为。",
        "本年度被申请行政复议2件、被提起行政诉讼1件，均维持原行政行为。",
        "复议、诉讼案件共3件，结果均为维持。",
    ],
)
def test_all_upheld_review_and_litigation(all_upheld: ReportData, text: str) -> None:
    assert errors(all_upheld, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年度，复议、诉讼中被纠错共5件。", 3),
        ("行政复议和行政诉讼共12件。", 9),
        ("行政复议、行政诉讼案件尚未审结的4件。", 2),
    ],
)
def test_combined_figures_that_are_wrong(cases: ReportData, text: str, expected: int) -> None:
    found = [f for f in check_narrative(cases, {"s1_overview": text}) if f.severity == "error"]
    assert [f.rule for f in found] == ["text.contradiction"]
    assert found[0].expected == expected and "行政复议与行政诉讼" in found[0].message


def test_review_alone_is_not_the_combined_figure(cases: ReportData) -> None:
    # the sentence names only the review: the combined figure (3) is no excuse for 3 ≠ 1
    assert errors(cases, "本年度被申请行政复议4件，其中被纠错3件。") == [("text.contradiction", "纠错3件")]


# --------------------------------------------------------------------------- 2. scope of 其中


@pytest.mark.parametrize(
    "text",
    [
        "新收申请6件，较上年增加3件，另有上年结转申请1件，其中法人或其他组织提出申请1件。",
        "新收申请6件，另有上年结转申请1件，其中自然人提出申请5件。",
        "本年度新收申请6件，加上上年结转1件，其中自然人5件、法人或其他组织1件。",
        "本年度新收申请6件，此外上年结转1件，其中自然人申请5件、法人或其他组织申请1件。",
        "本年度新收申请6件，此外上年结转1件，其中予以公开3件、部分公开1件、无法提供2件。",
        "本年度新收申请6件，上年结转1件，其中，已办结6件，结转下年度1件。",
        "全年共收到申请6件，上年结转1件，其中予以公开3件、部分公开1件。",
        "本年度新收政府信息公开申请6件，另有上年结转1件，其中办结6件。",
    ],
)
def test_其中_after_an_aside_belongs_to_the_main_total(township: ReportData, text: str) -> None:
    assert errors(township, text) == []


def test_其中_after_an_aside_binds_to_the_main_total() -> None:
    found = [c for c in extract_claims("新收申请6件，另有上年结转申请1件，其中法人或其他组织提出申请1件。").claims if c.metric]
    assert found[-1].ids[0] == "requests.new_received.by_org"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("新收申请6件，另有上年结转申请1件，其中自然人提出申请4件、法人或其他组织提出申请1件。", "text.contradiction"),
        ("共收到申请6件，其中自然人申请7件。", "text.contradiction"),
        ("本年度新收申请6件，此外上年结转1件，其中予以公开5件、部分公开4件。", "text.arithmetic"),
    ],
)
def test_其中_parts_wrong_under_every_total(township: ReportData, text: str, rule: str) -> None:
    assert rule in [r for r, _ in errors(township, text)]


# --------------------------------------------------------------------------- 3. activity counts


@pytest.mark.parametrize(
    "text",
    [
        "本年度开展规范性文件清理3次。",
        "开展规范性文件专项清理3轮。",
        "对规范性文件组织清理4次，废止1件。",
        "开展依申请公开办理培训3场。",
        "就依申请公开工作召开专题会议2次。",
        "对行政处罚决定公示情况开展督查3次。",
        "组织行政处罚案卷评查3批。",
        "全年更新行政许可信息19次。",
        "对政府信息公开申请答复情况进行通报2次。",
        "召开规范性文件审查会议9次。",
        "举办规范性文件合法性审查培训3期。",
        "对行政许可公示情况组织检查4轮。",
    ],
)
def test_activity_counts_are_not_table_figures(township: ReportData, text: str) -> None:
    assert errors(township, text) == []
    counted = [c for c in extract_claims(text).claims if c.unit in ("次", "轮", "场", "期", "批")]
    assert all(c.metric is None for c in counted)  # 轮 is no unit: no claim at all


@pytest.mark.parametrize("text", ["收到申请3次。", "本年度共收到政府信息公开申请3次。"])
def test_requests_counted_in_次_still_bind(township: ReportData, text: str) -> None:
    assert [r for r, _ in errors(township, text)] == ["text.contradiction"]


# --------------------------------------------------------------------------- 4. generic organs


@pytest.mark.parametrize(
    "text",
    [
        "围绕镇党委、镇政府中心工作，及时发布各类信息。",
        "紧紧围绕镇党委、镇政府中心工作，及时发布各类信息。",
        "坚决贯彻镇党委决策部署。",
        "在县委县政府坚强领导下，镇党委镇政府统筹推进。",
        "落实镇党委镇政府决策部署。",
        "贯彻落实镇党委、镇政府工作部署。",
        "在县委县政府的领导下，我镇扎实推进政务公开。",
        "镇党委书记亲自抓，分管领导具体抓。",
        "围绕乡党委乡政府中心工作。",
        "服从县委、县政府统一部署。",
        "聚焦镇党委决策部署，紧扣镇政府中心工作，助力镇党委镇政府提升公信力。",
    ],
)
def test_generic_organs_in_a_township_report(township: ReportData, text: str) -> None:
    assert [f for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.organization"] == []


@pytest.mark.parametrize(
    "text",
    [
        "在市委市政府的正确领导下，县委县政府高度重视政务公开工作。",
        "县委县政府主要领导亲自部署。",
        "紧紧围绕县委、县政府中心工作，及时发布信息。",
        "在区委区政府的领导下推进。",
    ],
)
def test_generic_organs_in_a_county_report(text: str) -> None:
    lex = load_lexicon()
    for identity in (Identity.build("河阳县人民政府", "county", parent="东州市人民政府"), Identity.build("东州市河东区人民政府", "county")):
        assert check_organization(text, "s1_overview", identity, lex) == []


def test_generic_organs_of_a_subdistrict() -> None:
    identity = Identity.build("河阳县城关街道办事处", "township")
    lex = load_lexicon()
    for text in ("围绕街道党工委、办事处中心工作。", "街道党工委高度重视政务公开工作。"):
        assert check_organization(text, "s1_overview", identity, lex) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("东岭镇党委、政府高度重视政务公开工作。", "东岭镇党委"),
        ("围绕东岭镇党委、镇政府中心工作，及时发布信息。", "东岭镇党委"),
    ],
)
def test_another_townships_organs_are_still_errors(township: ReportData, text: str, quote: str) -> None:
    assert errors(township, text) == [("text.organization", quote)]


def test_another_county_is_still_an_error() -> None:
    identity = Identity.build("河阳县人民政府", "county", parent="东州市人民政府")
    found = check_organization("白沙县人民政府高度重视政务公开工作。", "s1_overview", identity, load_lexicon())
    assert [(f.severity, f.quote) for f in found] == [("error", "白沙县人民政府")]


# --------------------------------------------------------------------------- 5. ambiguous bindings


@pytest.mark.parametrize(
    "text",
    [
        "本年度制发并废止规范性文件1件。",
        "作出行政许可、行政处罚决定12件。",
        "推行“三审三校”制度，规范性文件3件均经合法性审查。",
        "本年度废止和新制定的规范性文件2件均已在网站公开。",
        "本年度制发、废止规范性文件共3件。",
    ],
)
def test_a_figure_the_words_allow_to_be_another_metric(township: ReportData, text: str) -> None:
    assert errors(township, text) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("本年度制发并废止规范性文件4件。", "废止规范性文件4件"),
        ("本年度制发规范性文件5件。", "制发规范性文件5件"),
        ("作出行政许可决定8件。", "行政许可决定8件"),
        ("本年度收到政府信息公开申请1件。", "收到政府信息公开申请1件"),
    ],
)
def test_unambiguous_or_wrong_under_every_reading(township: ReportData, text: str, quote: str) -> None:
    found = errors(township, text)
    assert [r for r, _ in found] == ["text.contradiction"] and quote in (found[0][1] or "")


# --------------------------------------------------------------------------- 6. last year


YEAR_ON_YEAR = [
    "新收申请6件，较上年增加8件。",
    "上年收到申请28件。",
    "新收申请6件，比2022年减少3件。",
    "申请数量与上年持平。",
    "新收申请6件，与上年持平。",
    "2022年收到申请4件，2023年收到申请6件。",
    "比上年多收到申请2件。",
    "去年同期收到申请5件。",
    "2021年收到申请9件，2023年收到申请6件。",
    "自去年以来，累计收到申请14件。",
    "新收政府信息公开申请较上年增加8件。",
]


@pytest.mark.parametrize("text", YEAR_ON_YEAR)
def test_year_on_year_never_an_error_without_last_years_data(no_previous: ReportData, text: str) -> None:
    assert errors(no_previous, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "新收申请6件，较上年增加3件。",
        "上年收到申请3件。",
        "新收申请6件，比2022年增加3件。",
        "2022年收到申请3件，2023年收到申请6件。",
        "比上年多收到申请3件。",
        "本年度收到申请6件，上年同期为3件。",
        "新收申请6件，较2022年的3件增加3件。",
        "2021年收到申请9件，2023年收到申请6件。",
        "作出行政许可决定12件，较上年增长3件。",
        "主动公开信息236条，较上年增加40条。",
    ],
)
def test_year_on_year_true_with_last_years_data(township: ReportData, text: str) -> None:
    assert errors(township, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上年收到申请28件。", 3),
        ("2022年收到申请4件，2023年收到申请6件。", 3),
        ("新收政府信息公开申请较上年增加8件。", 3),
        ("新收申请6件，较上年增加8件。", 3),
        ("比上年多收到申请2件。", 3),
        ("新收申请6件，与上年持平。", 3),
    ],
)
def test_year_on_year_wrong_against_last_years_data(township: ReportData, text: str, expected: int) -> None:
    found = [f for f in check_narrative(township, {"s1_overview": text}) if f.severity == "error"]
    assert [f.rule for f in found] == ["text.contradiction"]
    assert found[0].expected == expected and "上年" in found[0].message


def test_last_years_figures_never_checked_against_this_years_cells() -> None:
    found = extract_claims("2022年收到申请4件，2023年收到申请6件。", year=2023).claims
    assert [(c.relation, c.value) for c in found] == [("previous", 4), ("current", 6)]
    found = extract_claims("2021年收到申请9件。", year=2023).claims
    assert [c.relation for c in found] == ["other"]
    found = extract_claims("自去年以来，累计收到申请14件。", year=2023).claims
    assert [c.relation for c in found] == ["other"]
    # 上年 qualifying a report or a problem puts no figure in last year
    found = extract_claims("上年度报告中指出的问题已整改到位，新收申请6件全部按期答复。", year=2023).claims
    assert [c.relation for c in found if c.kind == "figure"] == ["current"]
    found = extract_claims("比上年多收到申请2件。", year=2023).claims
    assert [c.relation for c in found] == ["change"]


# --------------------------------------------------------------------------- 7. quoted names and list items


@pytest.mark.parametrize(
    "text",
    [
        "印发《清水镇2023—2025年政务公开工作规划》，明确目标任务。",
        "制发《清水镇“十四五”规范性文件管理办法》3件。",
        "开展“十四五”规范性文件清理3次。",
        "印发“三项制度”规范性文件配套文件。",
        "畅通‘12345’热线，及时回应群众关切。",
        "认真落实县委1号文件精神，编印政务公开简报第3期。",
        "收到“关于某路段拆迁补偿的申请”1件。",
        "推行“1+6”规范性文件管理模式，落实“一单两书”制度。",
        "制定《清水镇2023年度行政许可实施方案》等文件2份。",
        "开设“政策解读”“12345在线”等专栏，推进“一网通办”。",
        "（1）制发规范性文件2件；（2）废止1件；（3）现行有效5件。",
    ],
)
def test_numbers_in_names_titles_and_list_items(township: ReportData, text: str) -> None:
    assert errors(township, text) == []


def test_numbers_inside_quotes_are_no_claims() -> None:
    for text in ("印发“三项制度”规范性文件配套文件。", "畅通‘12345’热线。", "落实「两个清单」要求。"):
        assert [c for c in extract_claims(text).claims if c.kind == "figure"] == []


def test_a_figure_after_a_quoted_title_still_counts_when_the_cue_follows_it(township: ReportData) -> None:
    text = "印发《清水镇政务公开工作规范》等规范性文件4件。"
    (claim,) = [c for c in extract_claims(text).claims if c.metric]
    assert claim.value == Decimal(4) and claim.ids[0] == "proactive.normative_docs.made_this_year"
    assert [r for r, _ in errors(township, text)] == ["text.contradiction"]
