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
