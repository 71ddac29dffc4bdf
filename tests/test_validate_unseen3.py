"""The validator on phrasings of the real corpus read since: a street called by its short
form (东关街), a contact line without a colon, a dated subject after a leading clause, and the
next year named by its number where this year's requests are carried into it."""

from __future__ import annotations

import pytest
from test_validate_unseen import _raw

from drafter.data import ReportData, parse_data
from drafter.validate import check_narrative


@pytest.fixture(scope="module")
def township() -> ReportData:
    """清水镇 2023: new 6, carried over 1, done 6, carried forward 1."""
    return parse_data(_raw())


def errors(data: ReportData, text: str) -> list[tuple[str, str | None]]:
    return [(f.rule, f.quote) for f in check_narrative(data, {"s1_overview": text}) if f.severity == "error"]


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
