"""The validator on the next failure classes of unseen, realistic reports: short organ names
after a verb, the 其他 column of 法人或其他组织, distributive 各, breakdowns with a subtotal or a
remainder, highlight lists after 其中 across a sentence, reasons that mention 第三方, withdrawals,
last year's year left on this year's figures, "all processed" with a count, passive zeros."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks.organization import Identity, check_organization
from drafter.data import ReportData, load_data, parse_data
from drafter.lexicon import load_lexicon
from drafter.validate import check_narrative

ROOT = Path(__file__).resolve().parent.parent


def _raw() -> dict:
    raw = load_data(ROOT / "examples" / "township-2023" / "data.yaml").to_input()
    raw.pop("facts", None)
    return raw


@pytest.fixture(scope="module")
def township() -> ReportData:
    """清水镇 2023: new 6 (自然人5, 法人1), carried over 1, done 6, carried forward 1."""
    return parse_data(_raw())


def errors(data: ReportData, text: str) -> list[tuple[str, str | None]]:
    return [(f.rule, f.quote) for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error"]


# --------------------------------------------------------------------------- 1. short organs


@pytest.mark.parametrize(
    "text",
    [
        "完成县政府门户网站改版，优化栏目设置。",
        "本年度修订街道政府信息公开指南。",
        "居民代表列席街道党工委会议。",
        "按时完成镇政府信息公开年报编制。",
        "群众代表旁听镇党委会议，提出意见建议。",
        "配合完成区政府网站集约化改造。",
        "全面梳理修订县政府规章目录。",
    ],
)
def test_short_organs_after_a_verb_are_not_another_body(text: str) -> None:
    lex = load_lexicon()
    for identity in (Identity.build("河阳县清水镇人民政府", "township", parent="河阳县人民政府"),
                     Identity.build("河阳县城关街道办事处", "township", parent="河阳县人民政府"),
                     Identity.build("东州市河阳县人民政府", "county", parent="东州市人民政府")):
        assert [f.quote for f in check_organization(text, "s1_overview", identity, lex)] == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("东岭镇政府高度重视政务公开工作。", "东岭镇政府"),
        ("2023年，白沙镇党委、政府高度重视政务公开。", "白沙镇党委"),
        ("东岭镇人民政府严格落实《条例》。东岭镇政府主动公开信息。", "东岭镇人民政府"),
        ("东岭镇人民政府认真贯彻《条例》。", "东岭镇人民政府"),
    ],
)
def test_short_organs_of_a_named_place_are_still_errors(township: ReportData, text: str, quote: str) -> None:
    found = errors(township, text)
    assert found and found[0] == ("text.organization", quote)


def test_short_organ_with_the_full_name_elsewhere_is_an_error() -> None:
    identity = Identity.build("河阳县清水镇人民政府", "township", parent="河阳县人民政府")
    text = "本报告由东岭镇人民政府编制。全年推进东岭镇政府网站建设。"
    quotes = [f.quote for f in check_organization(text, "s1_overview", identity, load_lexicon()) if f.severity == "error"]
    assert "东岭镇政府" in quotes


# --------------------------------------------------------------------------- 10. passive zeros


def _with_suit(direct: int, after: int) -> ReportData:
    raw = _raw()
    raw["tables"]["review_litigation"] = {
        "review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
        "lit_direct": {"upheld": direct, "corrected": 0, "other": 0, "pending": 0, "total": direct},
        "lit_after_review": {"upheld": after, "corrected": 0, "other": 0, "pending": 0, "total": after},
    }
    return parse_data(raw)


@pytest.mark.parametrize(
    "text",
    [
        "全县各级行政机关均未被提起政府信息公开行政诉讼。",
        "本年度没有被提起行政诉讼。",
        "2023年，我镇未被申请行政复议，也未被提起行政诉讼。",
        "全年未发生政府信息公开行政诉讼案件。",
    ],
)
@pytest.mark.parametrize(("direct", "after"), [(1, 0), (0, 1), (1, 1)])
def test_no_suit_at_all_is_refuted_by_any_suit(text: str, direct: int, after: int) -> None:
    found = errors(_with_suit(direct, after), text)
    assert [r for r, _ in found] == ["text.contradiction"]


@pytest.mark.parametrize("text", ["本机关未被申请行政复议。", "全年没有被申请政府信息公开行政复议。"])
def test_no_review_is_refuted_by_a_review(text: str) -> None:
    raw = _raw()
    raw["tables"]["review_litigation"]["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert [r for r, _ in errors(parse_data(raw), text)] == ["text.contradiction"]


def test_passive_zeros_hold_when_true() -> None:
    assert errors(_with_suit(0, 0), "全年没有被申请政府信息公开行政复议。") == []
    assert errors(_with_suit(0, 0), "全县各级行政机关均未被提起政府信息公开行政诉讼，未被申请行政复议。") == []


# --------------------------------------------------------------------------- 6. reasons naming 第三方


def _requests(**rows: dict[str, int]) -> ReportData:
    raw = _raw()
    req = raw["tables"]["requests"]
    for row, cols in rows.items():
        req[row].update(cols)
    return parse_data(raw)


@pytest.mark.parametrize(
    "text",
    [
        "本年度收到申请6件，其中1件因需征求第三方意见，延期答复。",
        "1件因需书面征求第三方意见，结转下年度办理。",
        "有1件申请涉及第三方，依法征求第三方意见后延期答复。",
        "因书面征求第三方意见，1件申请延期至下年度答复。",
        "不予公开2件，另有1件因需征求第三方意见延期答复。",
    ],
)
def test_third_party_as_a_reason_is_no_refusal(township: ReportData, text: str) -> None:
    assert township.tables.requests["denied_third_party"]["total"] == 0
    assert [r for r, q in errors(township, text) if "第三方" in (q or "")] == []


@pytest.mark.parametrize(
    "text",
    [
        "因保护第三方合法权益不予公开1件。",
        "涉及第三方合法权益，不予公开2件。",
        "不予公开的1件均因涉及第三方合法权益。",
    ],
)
def test_third_party_refusals_still_bind(township: ReportData, text: str) -> None:
    assert [r for r, _ in errors(township, text)] == ["text.contradiction"]


# --------------------------------------------------------------------------- 7. withdrawals


@pytest.mark.parametrize(
    "text",
    ["申请人撤回1件。", "因申请人撤回申请终止办理1件。", "申请人主动撤回申请1件，终止办理。", "终止办理1件。"],
)
@pytest.mark.parametrize("where", ["oh_other", "oh_no_correction", "review", "litigation"])
def test_a_withdrawal_may_be_counted_in_any_other_column(text: str, where: str) -> None:
    raw = _raw()
    req = raw["tables"]["requests"]
    for row in ("oh_other", "oh_no_correction", "oh_fee_unpaid"):
        req[row] = dict.fromkeys(req[row], 0)
    for group in raw["tables"]["review_litigation"].values():
        group.update(dict.fromkeys(group, 0))
    if where in ("review", "litigation"):
        group = raw["tables"]["review_litigation"]["review" if where == "review" else "lit_direct"]
        group.update(other=1, total=1)
    else:
        req[where].update(natural_person=1, total=1)
    assert errors(parse_data(raw), text) == []


def test_a_withdrawal_counted_nowhere_is_an_error() -> None:
    raw = _raw()
    req = raw["tables"]["requests"]
    for row in ("oh_other", "oh_no_correction", "oh_fee_unpaid"):
        req[row] = dict.fromkeys(req[row], 0)
    for group in raw["tables"]["review_litigation"].values():
        group.update(dict.fromkeys(group, 0))
    assert [r for r, _ in errors(parse_data(raw), "申请人撤回2件。")] == ["text.contradiction"]


# --------------------------------------------------------------------------- 2. the 其他 column


@pytest.mark.parametrize(
    "text",
    [
        "法人或其他组织申请4件，其中商业企业2件、其他组织2件。",
        "法人或者其他组织提出申请4件，其中商业企业2件，其他类2件。",
        "法人或其他组织申请4件，包括企业2件和其他组织2件。",
    ],
)
def test_其他组织_after_a_group_total_is_the_其他_column(text: str) -> None:
    data = _requests(new_received={"commercial_enterprise": 2, "other_org": 2})
    assert errors(data, text) == []
    wrong = _requests(new_received={"commercial_enterprise": 2, "other_org": 1, "research_institution": 1})
    assert [r for r, _ in errors(wrong, text)] == ["text.contradiction"]


# --------------------------------------------------------------------------- 9. "all processed" with a count


@pytest.mark.parametrize(
    "text",
    [
        "全年受理的7件申请（含上年结转1件）均已办结。",
        "本年度受理的政府信息公开申请7件（含上年结转1件），均已按时办结。",
        "收到的6件申请（其中自然人5件）已全部办结。",
    ],
)
def test_all_done_with_a_count_and_a_parenthetical_is_refuted_by_a_carried_forward_request(township: ReportData, text: str) -> None:
    assert township.tables.requests["carried_forward"]["total"] == 1
    assert "text.contradiction" in [r for r, _ in errors(township, text)]


@pytest.mark.parametrize(
    "text",
    ["全年受理的7件申请（含上年结转1件）均已办结。", "收到的6件申请（其中自然人5件）已全部办结。", "上年结转的1件申请均已办结。"],
)
def test_all_done_with_a_count_holds_when_nothing_is_carried_forward(text: str) -> None:
    data = _requests(carried_forward=dict.fromkeys(("natural_person", "commercial_enterprise", "total"), 0),
                     total_processed={"natural_person": 6, "commercial_enterprise": 1, "total": 7})
    assert errors(data, text) == []


def test_all_done_of_last_years_requests_is_not_about_all(township: ReportData) -> None:
    assert errors(township, "上年结转的1件申请均已办结。") == []


# --------------------------------------------------------------------------- 4, 5. subtotals, remainders, highlights


def arithmetic(text: str) -> list[str | None]:
    data = parse_data(_raw())
    return [q for r, q in errors(data, text) if r == "text.arithmetic"]


@pytest.mark.parametrize(
    "text",
    [
        "共需办理25件。其中，予以公开12件，部分公开3件，不予公开2件，无法提供5件，不予处理1件，其他处理1件，已办结24件；"
        "另有1件因需征求第三方意见，结转下年度继续办理。",
        "共需办理25件，其中予以公开12件，部分公开3件，无法提供8件，其他处理1件，已办结24件；另有1件结转下年度继续办理。",
        "本年度共办理申请10件，其中予以公开6件、部分公开2件，合计办结8件，另有2件正在办理。",
        "共收到申请9件，其中予以公开5件、无法提供3件，另有1件结转下年度办理。",
    ],
)
def test_parts_with_a_subtotal_or_a_remainder_add_up(text: str) -> None:
    assert arithmetic(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "全年主动公开政府信息896条。其中，公开征地信息74条，土地出让结果公告38条，不动产登记办事指南23项。",
        "全年共发布信息1200条。其中，人事信息40条，财政信息25条。",
        "本年度公开各类信息356条。其中：政策文件20条、部门动态100条。",
    ],
)
def test_highlights_after_a_sentence_break_may_be_partial(text: str) -> None:
    assert arithmetic(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "全年主动公开政府信息100条。其中，公开征地信息74条，土地出让结果公告38条。",
        "共收到申请9件，其中予以公开5件、无法提供5件，另有1件结转下年度办理。",
        "共收到申请9件，其中予以公开5件、无法提供3件，已办结7件。",
    ],
)
def test_parts_that_fit_no_reading_are_still_errors(text: str) -> None:
    assert len(arithmetic(text)) == 1


# --------------------------------------------------------------------------- 8. last year's year on this year's figures


def _with_previous() -> ReportData:
    """清水镇 2023 with last year's data (new 3)."""
    data = parse_data(_raw())
    data.previous = load_data(ROOT / "examples" / "township-2023" / "data.yaml").previous
    assert data.previous is not None and data.previous.tables.requests["new_received"]["total"] == 3
    return data


@pytest.mark.parametrize(
    "text",
    [
        "2022年，镇人民政府共收到政府信息公开申请6件，较上年增加3件。",
        "2022年度，我镇共新收政府信息公开申请6件，同比增加3件。",
        "2022年收到政府信息公开申请6件，办结6件。",
        "2022年，全镇共受理政府信息公开申请6件，与上年相比有所增加。",
    ],
)
@pytest.mark.parametrize("previous", [True, False])
def test_last_years_year_on_this_years_figures(text: str, previous: bool) -> None:
    data = _with_previous() if previous else parse_data(_raw())
    found = errors(data, text)
    assert ("text.year", text[: text.index("年") + (2 if text.startswith("2022年度") else 1)]) in found
    assert [r for r, _ in found if r == "text.contradiction"] == []


@pytest.mark.parametrize(
    "text",
    [
        "2022年，我镇收到政府信息公开申请3件。",
        "上年收到政府信息公开申请3件，本年度收到6件。",
        "2022年收到申请3件，2023年收到申请6件。",
        "去年共收到政府信息公开申请3件。",
    ],
)
def test_last_years_figures_of_last_year_are_no_year_error(text: str) -> None:
    assert errors(_with_previous(), text) == []


# --------------------------------------------------------------------------- 3. distributive 各


def _orgs(**cols: int) -> ReportData:
    row = {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0,
           "legal_service_org": 0, "other_org": 0}
    row.update(cols)
    row["total"] = sum(row.values())
    return _requests(new_received=row)


@pytest.mark.parametrize(
    "text",
    [
        "本年度共收到申请3件，其中自然人1件，法律服务机构和其他组织各申请1件。",
        "本年度共收到申请3件，其中法律服务机构和其他组织各1件，自然人1件。",
        "共收到申请3件，其中自然人1件，法律服务机构、其他组织各提出申请1件。",
    ],
)
def test_各_counts_once_for_each_column(text: str) -> None:
    assert errors(_orgs(natural_person=1, legal_service_org=1, other_org=1), text) == []
    wrong = errors(_orgs(natural_person=1, legal_service_org=2), text)
    assert wrong and {r for r, _ in wrong} == {"text.contradiction"}


def test_各_parts_that_exceed_the_total() -> None:
    found = errors(_orgs(natural_person=1, legal_service_org=1, other_org=1), "本年度共收到申请3件，其中自然人2件，法律服务机构和其他组织各1件。")
    assert "text.arithmetic" in [r for r, _ in found]
