"""Word claims read by the clause grammar (drafter.grammar) and checked against the tables
(drafter.checks.words), another body's name in the report's own frames (checks/roles.py), and
`drafter check --explain`. Data: 清水镇 2023 — 表二 规范性文件 制发2 废止1 现行有效5, 行政许可12,
行政处罚8, 行政强制0, 收费0; 表三 new 6 (自然人5, 法人1), carried over 1, processed 6, carried
forward 1; 表四 行政复议1 (维持), no suits; last year new 3, 行政许可9, 行政处罚5."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from drafting_support import as_json, example, router
from langchain_core.messages import AIMessage
from test_validate_unseen import _raw, _with_previous
from typer.testing import CliRunner

from drafter.cli import app
from drafter.data import ReportData, parse_data
from drafter.drafting import LLMBackend, draft_narrative
from drafter.grammar import read_word_claims
from drafter.validate import check_narrative

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data() -> ReportData:
    return _with_previous()


def errors(data: ReportData, text: str) -> list[tuple[str, str | None]]:
    return [(f.rule, f.quote) for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error"]


# --------------------------------------------------------------------------- claims are read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("本年度未作出行政处罚决定。", ["zero(penalty:decisions)"]),
        ("未制发规范性文件，未作出行政许可、行政处罚和行政强制决定。",
         ["zero(normative:made)", "zero(license:decisions)", "zero(penalty:decisions)", "zero(coercion:decisions)"]),
        ("行政处罚、行政强制均为零。", ["zero(penalty:decisions)", "zero(coercion:decisions)"]),
        ("本年度行政复议案件2件，均被依法纠正。", ["all(review:corrected)"]),
        ("行政诉讼1件，一审判决驳回原告诉讼请求。", ["some(litigation:upheld|other)"]),
        ("行政诉讼1件，尚在审理中。", ["some(litigation:pending)"]),
        ("未发生因政府信息公开引起的行政复议被纠错的情况。", ["none(review:corrected)"]),
        ("申请人均为自然人。", ["scope_all(requests:new|received_all|processed/natural_person)"]),
        ("行政许可决定较上年有所减少。", ["sign(license:decisions down)"]),
        ("新收申请数量同比增长一倍。", ["double(requests:new|received_all double)"]),
        ("收到申请6件，较上年增长100%。", ["pct(requests:new|received_all up 100%)"]),
    ],
)
def test_word_claims_are_read(text: str, read: list[str]) -> None:
    assert [c.describe() for c in read_word_claims(text, 2023)] == read


@pytest.mark.parametrize(
    "text",
    [
        "下一步，我镇将继续规范行政处罚信息公开，力争不发生行政复议被纠错。",  # the future
        "2022年未作出行政处罚决定。",  # another year
        "及时纠正信息公开工作中存在的问题，未出现差错。",  # no case subject
        "主动公开信息较上年有所减少。",  # another topic
        "完善行政处罚事项清单和行政许可流程，未发现问题。",  # lists, not decisions
        "组织干部学习《行政处罚法》，均取得良好效果。",
    ],
)
def test_no_word_claim_where_words_do_not_claim(text: str) -> None:
    assert read_word_claims(text, 2023) == []


# --------------------------------------------------------------------------- and checked


@pytest.mark.parametrize(
    "text",
    [
        "本年度作出行政处罚决定8件，未作出行政强制决定，未收取行政事业性收费。",
        "行政复议1件，复议机关维持了原答复。",
        "行政复议1件，结果为维持，未被纠错。",
        "本年度行政复议案件1件，已审结，结果均为维持。",
        "收到的申请主要来自自然人，法人或其他组织申请1件。",
        "全年新收申请6件，较上年增加3件，增长100%。",
        "新收申请较上年翻了一番。",
        "行政许可、行政处罚决定均较上年有所增加。",
        "未发生行政诉讼，行政复议未被纠正。",
    ],
)
def test_true_word_claims_pass(data: ReportData, text: str) -> None:
    assert errors(data, text) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("本年度未作出行政处罚决定。", "未作出行政处罚"),
        ("本年度未制发行政规范性文件。", "未制发行政规范性文件"),
        ("行政复议1件，结果为纠正。", "纠正"),
        ("行政复议案件均被纠正。", "均被纠正"),
        ("行政复议1件，目前尚在审理中。", "尚在审理"),
        ("行政复议1件，未被维持。", "未被维持"),
        ("本年度收到的申请均为自然人提出。", "均为自然人"),
        ("新收申请较上年有所减少。", "较上年有所减少"),
        ("行政许可决定较上年下降。", "较上年下降"),
        ("新收申请较上年增长50%。", "较上年增长50%"),
        ("行政处罚决定与上年持平。", "与上年持平"),
    ],
)
def test_false_word_claims_are_errors(data: ReportData, text: str, quote: str) -> None:
    assert ("text.contradiction", quote) in errors(data, text)


def test_a_change_without_last_years_data_is_not_judged() -> None:
    plain = parse_data(_raw())
    assert errors(plain, "新收申请较上年有所减少，行政许可决定较上年下降。") == []


# --------------------------------------------------------------------------- another body in the report's own frames


@pytest.mark.parametrize(
    "text",
    [
        "如对本报告有疑问，请与河阳县东关镇人民政府联系（电话：0396-7712008）。",
        "现将东关镇2023年度政府信息公开工作情况报告如下：",
        "依据有关规定，现发布河阳县东关镇2023年政府信息公开工作年度报告。",
        "本报告由东关镇党政办公室编制。",
    ],
)
def test_another_bodys_name_in_the_reports_own_frames(data: ReportData, text: str) -> None:
    assert any(rule == "text.organization" and quote == "东关镇" for rule, quote in errors(data, text))


@pytest.mark.parametrize(
    "text",
    [
        "如对本报告有疑问，请与河阳县清水镇人民政府党政办联系。",
        "现将清水镇2023年度政府信息公开工作情况报告如下：",
        "本报告由河阳县人民政府办公室汇总编制。",
        "本报告由县内各镇、街道和县政府组成部门的数据汇总编制。",
        "现发布2023年政府信息公开工作年度报告。",
    ],
)
def test_own_parent_and_generic_names_in_frames_pass(data: ReportData, text: str) -> None:
    assert [r for r, _ in errors(data, text) if r == "text.organization"] == []


# --------------------------------------------------------------------------- the gate and --explain


def test_the_gate_rejects_a_model_that_writes_false_word_claims() -> None:
    """No figure at all, only false claims in words: the gate must send it back and then fall back."""
    data, notes = example("county-dept-2023")  # 维持1 纠正1, 行政处罚42, 行政许可356
    false = "本年度行政复议案件均被纠正，未作出行政处罚决定，行政诉讼均已审结。"
    model = router(data, notes, s1_overview=[AIMessage(content=as_json([false]))] * 3)
    backend = LLMBackend(chat_model=model, model="fake-model", endpoint="fake", name="fake")
    narrative = asyncio.run(draft_narrative(data, notes, backend, max_repairs=1))
    s1 = narrative.sections["s1_overview"]
    assert s1.needs_review and s1.origin != "llm"
    assert "均被纠正" not in s1.text


def test_explain_shows_each_reading_and_verdict(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    out = tmp_path / "draft.txt"
    runner = CliRunner()
    township = ROOT / "examples" / "township-2023"
    res = runner.invoke(app, ["draft", str(township / "data.yaml"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8").replace("行政处罚处理决定8件", "行政处罚处理决定9件")
    report.write_text(text + "\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(report), "--data", str(township / "data.yaml"), "--explain"])
    assert res.exit_code == 1
    assert "“行政处罚处理决定9件” → 表二" in res.output and "✗ 正文称“行政处罚处理决定9件”" in res.output
    assert "“行政许可处理决定12件” → 表二" in res.output and "✓ 与表格相符（表格为12）" in res.output
    assert "“236条” → 未绑定到表格数字" in res.output


# --------------------------------------------------------------------------- shares, rates, comparisons with a year


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("全年公开信息80条，其中概况信息4条，占5%；动态信息38条，占47.5%。", False),
        ("其中：概况信息4条，占5%；文件信息6条，占7.5%；动态信息38条，占47.5%；其他信息32条，占40%。", False),  # of the parts' sum
        ("在全部答复件中，予以公开40件，占42.55%；不予公开1件，占1.06%；无法提供47件，占50%；其他处理6件，占6.38%。", False),
        ("全年公开信息80条，其中概况信息4条，占6%；动态信息38条，占47.5%。", True),
        ("其中：概况信息4条，占5%；文件信息6条，占9.5%；动态信息38条，占47.5%；其他信息32条，占40%。", True),
        ("通过网络申请2件，占3.9%。", False),  # no total stated: nothing to compute from
    ],
)
def test_shares_are_computed_from_the_figures_the_text_gives(data: ReportData, text: str, bad: bool) -> None:
    assert any("比例" in f.message for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error") is bad


@pytest.mark.parametrize("text", ["按时办结率101%。", "全年依申请公开办复率为103.5%。", "群众来信回复率达110%。"])
def test_no_rate_is_over_the_whole(data: ReportData, text: str) -> None:
    assert any(f.severity == "error" and f.rule == "text.contradiction" for f in check_narrative(data, {"s1_overview": text}))


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("2023年新收申请6件，与2022年申请3件相比增长100%。", False),
        ("2023年新收申请6件，与2022年申请3件相比下降50%。", True),
        ("新收申请数量较2022年有所减少。", True),
        ("新收申请数量较2021年有所减少。", False),  # not last year: no data to judge
    ],
)
def test_comparisons_name_last_year_by_its_number(data: ReportData, text: str, bad: bool) -> None:
    found = [f for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error" and f.rule == "text.contradiction"]
    assert bool(found) is bad


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("结转上年后新收到申请6件，较上一年度增加3件。", False),
        ("结转上年后新收到申请6件，较上一年度增加5件。", True),  # 3 (new) or 4 (new + carried over) would hold
        ("行政许可决定较上年增加3件。", False),
        ("行政许可决定较上年减少3件。", True),
    ],
)
def test_a_change_stated_as_a_count_is_checked(data: ReportData, text: str, bad: bool) -> None:
    found = [f for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error"]
    assert bool(found) is bad


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("其中本年度新收6件，2022年结转1件，结转2024年度继续办理1件。", False),
        ("其中本年度新收6件，2023年结转1件。", True),  # carried over from the report year itself
        ("共办结7件（含2023年结转的1件）。", True),
        ("结转2023年度继续办理1件。", True),  # carried into the report year
        ("截至2022年12月底，主动公开信息236条。", True),
        ("我镇2022年度累计主动公开政府信息236条。", True),
    ],
)
def test_years_of_carried_requests_and_leading_years(data: ReportData, text: str, bad: bool) -> None:
    found = [f for f in check_narrative(data, {"s1_overview": text}) if f.rule == "text.year"]
    assert bool(found) is bad
