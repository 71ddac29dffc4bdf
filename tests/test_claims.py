"""Claim extraction: figures bound to fact ids, zero and "all" claims, breakdowns, and the
numbers that are never claims."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.claims import extract_claims
from drafter.lexicon import load_lexicon


def claims(text: str, fmt: str = "2021", year: int = 2023):
    return extract_claims(text, fmt, year).claims


def bound(text: str, fmt: str = "2021", year: int = 2023):
    return [(c.kind, c.ids[0] if c.ids else None, c.value) for c in claims(text, fmt, year) if c.metric]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共收到政府信息公开申请3件。", [("figure", "requests.new_received.total", 3)]),
        ("全年受理依申请公开申请12件。", [("figure", "requests.new_received.total", 12)]),
        ("收到3件政府信息公开申请。", [("figure", "requests.new_received.total", 3)]),
        ("上年结转1件，办结4件，结转下年度2件。", [
            ("figure", "requests.carried_over.total", 1),
            ("figure", "requests.total_processed.total", 4),
            ("figure", "requests.carried_forward.total", 2),
        ]),
        ("已办结3件，1件结转下年办理。", [
            ("figure", "requests.total_processed.total", 3),
            ("figure", "requests.carried_forward.total", 1),
        ]),
        ("予以公开2件，部分公开1件，不予公开1件，无法提供1件，不予处理1件。", [
            ("figure", "requests.granted.total", 2),
            ("figure", "requests.partially_granted.total", 1),
            ("figure", "requests.denied.total", 1),
            ("figure", "requests.unable.total", 1),
            ("figure", "requests.not_processed.total", 1),
        ]),
        ("共收到申请两件，办结一件。", [
            ("figure", "requests.new_received.total", 2),
            ("figure", "requests.total_processed.total", 1),
        ]),
        ("被申请行政复议1件，被提起行政诉讼2起。", [
            ("figure", "review.review.total", 1),
            ("figure", "litigation.total", 2),
        ]),
        ("制发行政规范性文件2件、废止1件，现行有效5件。", [
            ("figure", "proactive.normative_docs.made_this_year", 2),
            ("figure", "proactive.normative_docs.repealed_this_year", 1),
            ("figure", "proactive.normative_docs.in_force", 5),
        ]),
        ("本年度行政事业性收费金额1.25万元。", [("figure", "proactive.admin_fees.fee_amount_this_year", Decimal("1.25"))]),
        ("依申请公开办结率为85.71%。", [("figure", "rate.completion", Decimal("85.71"))]),
        # traditional characters on copies of the same report
        ("全年辦結申請3件，結轉下年度0件。", [
            ("figure", "requests.total_processed.total", 3),
            ("figure", "requests.carried_forward.total", 0),
        ]),
    ],
)
def test_figures_bind_to_fact_ids(text: str, expected: list) -> None:
    assert bound(text) == [(k, i, Decimal(v)) for k, i, v in expected]


def test_scope_by_applicant_type_and_row_inheritance() -> None:
    found = claims("全年共受理政府信息公开申请5件，其中自然人申请4件、法人或其他组织申请1件。")
    assert [(c.ids[0], c.value) for c in found] == [
        ("requests.new_received.total", 5),
        ("requests.new_received.natural_person", 4),
        ("requests.new_received.by_org", 1),
    ]
    assert found[0].quote == "全年共受理政府信息公开申请5件" and found[0].total


def test_quote_and_span_are_exact_slices() -> None:
    text = "2020年，鸣皋镇人民政府共收到政府信息公开申请0件。"
    (claim,) = claims(text, "2019", 2020)
    assert claim.quote == "共收到政府信息公开申请0件"
    assert text[claim.start : claim.end] == claim.quote


def test_approximation_is_a_lower_bound() -> None:
    (claim,) = claims("主动公开政府信息260余条。")
    assert claim.metric is None and claim.low == 260 and claim.high is None


def test_one_negation_two_metrics() -> None:
    found = claims("本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。")
    assert {(c.kind, c.ids[0]) for c in found} == {("zero", "review.review.total"), ("zero", "litigation.total")}


def test_each_binds_every_metric_named() -> None:
    found = claims("行政复议和行政诉讼均为0件。")
    assert {c.ids[0] for c in found} == {"review.review.total", "litigation.total"}
    assert all(c.value == 0 for c in found)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("未收到法人或者其他组织的申请。", {"requests.new_received.by_org"}),
        ("我镇没有收到依申请公开的申请。", {"requests.new_received.total"}),
        ("全年并未接收到一例政府信息公开申请。", {"requests.new_received.total"}),
        ("无下年度结转。", {"requests.carried_forward.total"}),
        ("本年度未收取信息处理费。", {"fee.info_processing"}),
    ],
)
def test_zero_claims(text: str, ids: set[str]) -> None:
    found = claims(text)
    assert {c.ids[0] for c in found} == ids
    assert all(c.kind == "zero" and c.value == 0 for c in found)


def test_scoped_negation_says_nothing_about_natural_persons() -> None:
    (claim,) = claims("未收到法人或者其他组织的申请。")
    assert claim.scope == "by_org" and "requests.new_received.natural_person" not in claim.ids


def test_zero_claims_not_about_requests() -> None:
    assert claims("全年未收到不予处理的申请，无一例行政复议被纠错。") == []


@pytest.mark.parametrize(
    ("text", "key"),
    [("收到的申请均已按时办结。", "all_done"), ("对收到的申请全部予以公开。", "all_granted"), ("已全部办结。", "all_done")],
)
def test_universal_claims(text: str, key: str) -> None:
    assert [(c.kind, c.metric) for c in claims(text)] == [("all", key)]


def test_carried_over_requests_done_is_no_all_claim() -> None:
    assert [c for c in claims("上年结转的1件申请已全部办结。") if c.kind == "all"] == []


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "严格按照《条例》第二十条第（一）项规定公开。",
        "依据国办公开办函〔2021〕30号文件要求编制。",
        "咨询电话0379-65021234，或拨打12345政务服务便民热线。",
        "在20个工作日内予以答复。",
        "对涉及国家秘密、危及“三安全一稳定”、四类过程性信息和三类内部事务信息的一律不予公开。",
        "坚持每月至少更新一条政策解读，每周开展一次自查。",
        "全文包括总体情况等，共六个部分。",
        "一是健全制度；二是规范流程；三是加强培训。",
        "2024年，我镇将继续深化政务公开，力争新增公开事项30项。",
        "自2008年5月1日《条例》施行以来，始终坚持公开为常态。",
    ],
)
def test_not_claims(text: str) -> None:
    assert [c for c in claims(text) if c.kind == "figure" and c.checkable] == []


def test_comparison_and_last_year_are_not_this_years_figures() -> None:
    found = claims("上年收到申请12件，较上年增加3件。")
    assert [(c.relation, c.value) for c in found] == [("previous", 12), ("change", 3)]


def test_breakdowns_closed_open_and_stopped_at_another_metric() -> None:
    (bd,) = extract_claims("共200条，其中A类180条、B类30条。").breakdowns
    assert (bd.total.value, [p.value for p in bd.parts], bd.open) == (200, [180, 30], False)
    (bd,) = extract_claims("规范性文件3件（含新制定2件，修改1件，废止1件）。").breakdowns
    assert bd.open
    (bd,) = extract_claims("本年度因政府信息公开被申请行政复议2件，其中被纠正1件，被提起行政诉讼2件。").breakdowns
    assert [p.value for p in bd.parts] == [1]


def test_lexicon_is_data_and_compiles() -> None:
    lex = load_lexicon()
    assert "new_received" in lex.metrics and lex.metrics["new_received"].phrases
    assert lex.normalize("辦結申請") == "办结申请"
    assert len(lex.normalize("結轉下年度")) == len("結轉下年度")


def test_claims_carry_the_readings_their_words_allow() -> None:
    (c,) = [c for c in claims("本年度制发并废止规范性文件1件。") if c.metric]
    assert c.ids[0] == "proactive.normative_docs.made_this_year"
    assert any("proactive.normative_docs.repealed_this_year" in ids for ids in c.alternatives)
    # a looser reading of the same words (规范性文件 in 制发规范性文件) is no other reading
    (c,) = [c for c in claims("本年度制发规范性文件5件。") if c.metric]
    assert c.alternatives == () and not c.loose
    (c,) = [c for c in claims("规范性文件3件均经合法性审查。") if c.metric]
    assert c.loose


def test_combined_review_and_litigation_ids_only_when_both_are_named() -> None:
    (c,) = [c for c in claims("复议、诉讼中被纠错共3件。") if c.metric]
    assert c.ids[0] == "review_litigation.corrected" and "review.review.corrected" in c.ids
    found = [c for c in claims("本年度被申请行政复议2件，其中被纠错1件。") if c.metric == "review_corrected"]
    assert found and all(not i.startswith("review_litigation.") for i in found[0].ids)


def test_breakdown_after_an_aside_is_named_against_the_main_total() -> None:
    (bd,) = extract_claims("新收申请6件，另有上年结转申请1件，其中予以公开3件、部分公开1件。").breakdowns
    assert bd.total.value == 6 and [o.value for o in bd.others] == [1] and bd.grand == 7
    assert bd.quote.startswith("新收申请6件")


def test_activity_counts_and_quoted_cues_bind_nothing() -> None:
    assert [c.metric for c in claims("召开规范性文件审查会议9次。")] == [None]
    assert [c.metric for c in claims("收到“关于某路段拆迁补偿的申请”1件。")] == [None]
    assert [c.ids[0] for c in claims("印发《清水镇政务公开工作规范》等规范性文件4件。")] == ["proactive.normative_docs.made_this_year"]


def test_a_change_takes_the_metric_of_the_figure_before_it() -> None:
    found = claims("新收申请6件，较上年增加3件。")
    assert [(c.relation, c.ids[0], c.value) for c in found] == [
        ("current", "requests.new_received.total", 6), ("change", "requests.new_received.total", 3)]
    (flat,) = [c for c in claims("新收申请6件，与上年持平。") if c.relation == "change"]
    assert flat.value == 0 and flat.quote == "新收申请6件，与上年持平"
