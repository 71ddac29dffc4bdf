"""The validator on further failure classes of unseen, realistic reports: comparison figures
inside a breakdown sentence, last year's figure with this year's change, 受理/收到 of other
things than requests, free-category lists short of their total, one-character county names."""

from __future__ import annotations

import pytest
from test_validate_unseen import _raw, _with_previous

from drafter.checks.organization import Identity, check_organization
from drafter.data import ReportData, parse_data
from drafter.lexicon import load_lexicon
from drafter.validate import check_narrative


def findings(data: ReportData, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.severity, f.quote) for f in check_narrative(data, {"s1_overview": text})]


def errors(data: ReportData, text: str) -> list[tuple[str, str | None]]:
    return [(r, q) for r, s, q in findings(data, text) if s == "error"]


# --------------------------------------------------------------------------- 1. comparison figures in a breakdown


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请6件，其中自然人申请5件、法人或其他组织申请1件，较2022年的3件增加3件。",
        "共收到申请6件，其中自然人5件，法人或其他组织1件，与2022年的3件相比增加3件。",
        "本年度新收申请6件，其中自然人5件、法人或其他组织1件，较上年的3件有所增加。",
        "全镇共收到申请6件，其中自然人5件、法人或其他组织1件，比2021年的2件多4件。",
    ],
)
@pytest.mark.parametrize("previous", [True, False])
def test_a_comparison_figure_is_no_part(text: str, previous: bool) -> None:
    data = _with_previous() if previous else parse_data(_raw())
    assert errors(data, text) == []


def test_parts_still_add_up_before_a_comparison() -> None:
    found = errors(parse_data(_raw()), "共收到申请6件，其中自然人3件、法人或其他组织1件，较2022年的3件增加3件。")
    assert "text.arithmetic" in [r for r, _ in found]


# --------------------------------------------------------------------------- 2. last year's figure, then this year's change


@pytest.mark.parametrize(
    "text",
    [
        "2022年本镇收到申请3件，今年增加3件。",
        "2022年我镇共收到政府信息公开申请3件，本年度增加3件。",
        "2022年，我镇收到政府信息公开申请3件，今年增长3件。",
    ],
)
@pytest.mark.parametrize("previous", [True, False])
def test_last_years_figure_then_this_years_change_is_no_year_error(text: str, previous: bool) -> None:
    data = _with_previous() if previous else parse_data(_raw())
    assert errors(data, text) == []


def test_last_years_figure_and_its_change_are_still_checked() -> None:
    found = errors(_with_previous(), "2022年本镇收到申请4件，今年增加2件。")
    assert ("text.contradiction", "收到申请4件") in found
    assert ("text.contradiction", "今年增加2件") in found
    assert [r for r, _ in found if r == "text.year"] == []


def test_last_years_year_on_this_years_figures_without_a_change_is_still_an_error() -> None:
    assert ("text.year", "2022年") in errors(parse_data(_raw()), "2022年，我镇收到政府信息公开申请6件。")


# --------------------------------------------------------------------------- 3. 受理/收到 of other things


@pytest.mark.parametrize(
    "text",
    [
        "本年度共收到政府信息公开申请6件，受理群众来电1265件。",
        "全年受理群众来电1265件，均已按时办结。",
        "本年度受理咨询320人次，收到政府信息公开申请6件。",
        "全年共收到群众留言86条，已全部办结。",
        "受理12345热线工单45件，办结率100%。",
        "收到政府信息公开申请6件，另受理群众投诉12件、信件30件。",
        "共收到人大代表建议3件、政协提案5件，均已按期办复。",
    ],
)
def test_受理_of_another_thing_is_no_request(text: str) -> None:
    assert errors(parse_data(_raw()), text) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("本年度受理群众来电1265件，收到政府信息公开申请8件。", "收到政府信息公开申请8件"),
        ("受理依申请公开申请9件，受理咨询320人次。", "依申请公开申请9件"),
    ],
)
def test_requests_next_to_other_things_are_still_checked(text: str, quote: str) -> None:
    assert ("text.contradiction", quote) in errors(parse_data(_raw()), text)


# --------------------------------------------------------------------------- 4. free categories short of their total


def arithmetic(text: str) -> list[tuple[str, str | None]]:
    return [(s, q) for r, s, q in findings(parse_data(_raw()), text) if r == "text.arithmetic"]


@pytest.mark.parametrize(
    "text",
    [
        "发布政策解读57篇，其中图解类21篇、视频类5篇。",
        "全年共发布信息120条，其中人事信息40条，财政信息25条。",
        "开展培训12次，其中集中培训5次、专题培训4次。",
        "通过政务微信公众号推送信息300条，其中政策解读80条、便民服务信息150条。",
    ],
)
def test_free_categories_short_of_their_total_are_a_warning(text: str) -> None:
    found = arithmetic(text)
    assert found and {s for s, _ in found} == {"warning"}


@pytest.mark.parametrize(
    "text",
    [
        "发布政策解读57篇，其中图解类21篇、视频类50篇。",  # excess
        "发布政策解读57篇，分别为图解类21篇、视频类5篇。",  # marked complete
        "发布政策解读57篇，其中图解类21篇、视频类5篇、其他类20篇。",  # a remainder category
        "图解类21篇、视频类5篇，共计57篇。",  # the total stated as their sum
        "共收到申请6件，其中自然人3件、法人或其他组织1件。",  # a known partition
        "共办理申请6件，其中予以公开2件、部分公开1件，已全部办结。",
    ],
)
def test_certain_shortfalls_and_excess_stay_errors(text: str) -> None:
    assert "error" in {s for s, _ in arithmetic(text)}


# --------------------------------------------------------------------------- 5. one-character county names


def _chaling() -> Identity:
    return Identity.build("茶陵县人民政府", "county", parent="株洲市人民政府")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("攸县人民政府将政务公开纳入绩效考核。", "攸县人民政府"),
        ("2023年，沛县人民政府认真贯彻落实《条例》。", "沛县人民政府"),
        ("歙县人民政府办公室负责本报告的编制。", "歙县人民政府"),
        ("全年，萧县人民政府主动公开政府信息1200条。", "萧县人民政府"),
    ],
)
def test_a_one_character_county_in_full_form_is_another_body(text: str, quote: str) -> None:
    found = [(f.severity, f.quote) for f in check_organization(text, "s1_overview", _chaling(), load_lexicon())]
    assert ("error", quote) in found


@pytest.mark.parametrize(
    "text",
    [
        "县人民政府高度重视政务公开工作。",
        "经县人民政府同意，印发实施方案。",
        "茶陵县人民政府办公室负责编制本报告。",
        "株洲市人民政府印发考核办法。",
        "报县人民政府审定后公开。",
        "受县人民政府委托开展评估。",
    ],
)
def test_generic_own_and_parent_county_names_stay_allowed(text: str) -> None:
    assert [f.quote for f in check_organization(text, "s1_overview", _chaling(), load_lexicon()) if f.severity == "error"] == []


def test_a_one_character_county_reporting_on_itself() -> None:
    identity = Identity.build("攸县人民政府", "county", parent="株洲市人民政府")
    assert check_organization("攸县人民政府将政务公开纳入考核。", "s1_overview", identity, load_lexicon()) == []
