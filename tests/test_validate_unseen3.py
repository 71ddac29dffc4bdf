"""The validator on phrasings of the real corpus read since: a street called by its short
form (东关街), a contact line without a colon, a dated subject after a leading clause, and the
next year named by its number where this year's requests are carried into it."""

from __future__ import annotations

import pytest
from test_validate_unseen import _raw, errors

from drafter.data import ReportData, parse_data
from drafter.validate import check_narrative


@pytest.fixture(scope="module")
def township() -> ReportData:
    """清水镇 2023: new 6, carried over 1, done 6, carried forward 1."""
    return parse_data(_raw())


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("2023年，东关街认真执行《条例》，将政务公开列入重要议事日程。", "东关街"),
        ("东关街通过区政府网站公开工作信息31条。", "东关街"),
        ("如对本报告有疑问，请联系东关镇党政办公室，电话：0377-1234567。", "东关镇"),
        ("二是发布信息，2023年，安平县东关镇公开政府信息168条。", "东关镇"),
        ("2023年，东关街道依照《条例》要求，全面推进政府信息公开。", "东关街道"),
        ("2023年，东关镇接到政府信息公开申请6件。", "东关镇"),
    ],
)
def test_another_body_in_the_subjects_and_contacts_place(township: ReportData, text: str, quote: str) -> None:
    assert ("text.organization", quote) in errors(township, text)


@pytest.mark.parametrize(
    "text",
    [
        "2023年，清水镇认真执行《条例》，将政务公开列入重要议事日程。",
        "如对本报告有疑问，请联系清水镇党政办公室，电话：0377-1234567。",
        "组织干部开展街头宣传3次，发放资料200余份。",
        "沿街商户门前公示栏更新信息12次。",
    ],
)
def test_own_name_and_street_words_stay_clean(township: ReportData, text: str) -> None:
    assert [e for e in errors(township, text) if e[0] == "text.organization"] == []


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("全年共收到政府信息公开申请6件，办结6件，结转到2024年办理1件。", True),
        ("全年共收到政府信息公开申请6件，办结6件，结转到2024年办理2件。", False),
        ("除1件转至2024年继续办理外，其余均已依法依规答复。", True),
        ("除3件转至2024年继续办理外，其余均已依法依规答复。", False),
        ("除3件转至2024年度继续办理外，其余均已依法依规答复。", False),
    ],
)
def test_carried_into_the_next_year_named_by_number(township: ReportData, text: str, ok: bool) -> None:
    found = [q for r, q in errors(township, text) if r == "text.contradiction"]
    assert (found == []) is ok, found


def _with_other_handling() -> ReportData:
    """清水镇 2023 with 其他处理 3 (逾期不补正 1, 其他 2): new 9, done 9."""
    raw = _raw()
    raw["tables"]["requests"]["new_received"] = [8, 1, 0, 0, 0, 0]
    raw["tables"]["requests"]["oh_no_correction"] = [1, 0, 0, 0, 0, 0]
    raw["tables"]["requests"]["oh_other"] = [2, 0, 0, 0, 0, 0]
    return parse_data(raw)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        # a group row beside one of its own sub-rows may count the rest of the group
        ("其中，予以公开3件，部分公开1件，逾期未补正1件，其他处理2件。", True),
        ("其中，予以公开3件，部分公开1件，其他处理3件。", True),
        ("其中，予以公开3件，部分公开1件，逾期未补正1件，其他处理4件。", False),
        ("其中，予以公开3件，部分公开1件，其他处理2件。", False),
    ],
)
def test_a_group_beside_its_own_sub_row(text: str, ok: bool) -> None:
    found = [q for r, q in errors(_with_other_handling(), text) if r == "text.contradiction"]
    assert (found == []) is ok, found


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("予以公开3件，部分公开1件，因本机关不掌握相关政府信息无法提供1件，信息不存在的1件。", True),
        ("予以公开3件，部分公开1件，因本机关不掌握相关政府信息无法提供1件，信息不存在的2件。", False),
        ("予以公开3件，部分公开1件，因本机关不掌握相关政府信息无法提供2件。", True),
        ("予以公开3件，部分公开1件，因本机关不掌握相关政府信息无法提供3件。", False),
    ],
)
def test_one_row_stated_in_two_parts(township: ReportData, text: str, ok: bool) -> None:
    found = [q for r, q in errors(township, text) if r == "text.contradiction"]
    assert (found == []) is ok, found


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("2023年共受理政府信息公开申请6件，答复5件，不予受理2件。", True),
        ("2023年共受理政府信息公开申请8件，答复5件，不予受理2件。", False),
        ("围绕全镇出台的行政规范性文件和重要政策举措，共发布解读信息11条。", True),
        ("全年制发行政规范性文件3件。", False),
        ("网站公开信息236条，内容包括工作动态、政府信息公开指南1条、2022年政府信息公开工作年度报告、政务公开目录。", True),
        ("现向社会公布清水镇2022年政府信息公开工作年度报告。", False),
    ],
)
def test_outcomes_interpretations_and_lists(township: ReportData, text: str, clean: bool) -> None:
    found = [(r, q) for r, q in errors(township, text) if r in ("text.contradiction", "text.year", "text.arithmetic")]
    if clean:
        assert found == []
    else:
        assert found, text


def test_the_last_item_of_a_list_is_no_total_of_the_next_sentence(township: ReportData) -> None:
    text = "网站发布信息25条，其中：机构职能类14条，其他类11条。其中属于政策文件的19条，属于工作动态的31条。"
    assert [q for r, q in errors(township, text) if r == "text.arithmetic"] == []
    broken = "网站发布信息236条。其中机构职能类14条，其他类11条。"
    assert [r for r, _ in errors(township, broken)] == ["text.arithmetic"]


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("全年共收到依申请公开申请6件，均已办结。", True),
        ("全年共收到依申请公开申请6件，已全部办理完毕。", True),
        # a manner and a verb of handling says the answered requests were answered in time: clerks
        # write it while others are carried forward (real reports do, and so does the offline draft)
        ("2023年共收到政府信息公开申请6件，均在法定期限内答复。", False),
        ("2023年度收到依申请公开事项6件，均依照《条例》规定进行了办理。", False),
        ("全年共收到依申请公开申请6件，均未答复。", False),
        ("各村均按时完成公示栏更新，全年收到申请6件。", False),
        ("除1件结转下年外，其余申请均已按时答复。", False),
    ],
)
def test_all_done_claims_against_a_carried_forward_request(township: ReportData, text: str, claimed: bool) -> None:
    found = [f.severity for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.contradiction"]
    assert found == (["error"] if claimed else [])


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        # an aside naming last year's requests sets no period for the figures after it
        ("共办结政府信息公开申请6件（含2022年结转的1件），其中，予以公开3件，部分公开1件。", True),
        ("共办结政府信息公开申请6件（含2022年结转的1件），其中，予以公开5件，部分公开1件。", False),
        # a quoted result label names its row, whatever the cue's form in the lexicon
        ("共受理政府信息公开申请6件。“同意公开”3件，“部分公开”1件。", True),
        ("共受理政府信息公开申请6件。“同意公开”2件，“部分公开”1件。", False),
    ],
)
def test_asides_and_quoted_labels(township: ReportData, text: str, ok: bool) -> None:
    found = [q for r, q in errors(township, text) if r == "text.contradiction"]
    assert (found == []) is ok, found


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("2022年度尚未收到政府信息公开申请。", True),
        ("（一）主动公开。2022年度通过政务网主动公开信息310余条，涵盖机构职能等内容。", True),
        ("截至2023年12月31日，我镇2022年新增主动公开政府信息162条。", True),
        ("截至2023年12月31日，我镇2023年新增主动公开政府信息162条。", False),
        ("截至2023年12月31日，全镇累计公开信息1200条，其中2022年新增300条。", False),
        ("2021年收到申请25件，2023年收到申请6件。", False),
    ],
)
def test_last_years_year_opening_a_statement(township: ReportData, text: str, flagged: bool) -> None:
    assert bool([q for r, q in errors(township, text) if r == "text.year"]) is flagged


def _county_bodies(text: str) -> list[str | None]:
    from drafter.checks.organization import Identity
    from drafter.lexicon import load_lexicon
    from drafter.validate import _bodies

    identity = Identity.build("柳川区人民政府", "county", parent="饶平市人民政府")
    return [f.quote for f in _bodies(text, "s1_overview", identity, load_lexicon()) if f.severity == "error"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("如对本报告有任何疑问，请与饶平市人民政府办公室联系（电话：0793-8316527）。", "饶平市"),
        ("2022年，安平市人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导。", "安平市人民政府"),
        ("本报告由饶平市柳川区人民政府办公室编制。", None),
        ("2022年，饶平市人民政府印发政务公开考核办法。", None),
        ("如对本报告有任何疑问，请与柳川区人民政府办公室联系。", None),
    ],
)
def test_the_parents_government_is_no_contact(text: str, quote: str | None) -> None:
    assert _county_bodies(text) == ([quote] if quote else [])


@pytest.mark.parametrize(
    "text",
    [
        "今年未收到依申请公开，无收费情况发生。",
        "2023年本局未收到申请公开事项。",
        "2023年，我镇全年没有依申请公开办理事项。",
        "全年政务服务办未接到依申请公开办件。",
    ],
)
def test_zero_request_claims_in_clerks_words(township: ReportData, text: str) -> None:
    assert [r for r, _ in errors(township, text)] == ["text.contradiction"]
