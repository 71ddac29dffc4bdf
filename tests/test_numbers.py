"""Tests for drafter.numbers: parsing, rendering and finding numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import numbers
from drafter.numbers import (
    ABOUT_TOLERANCE,
    NOT_NUMBERS,
    UNITS,
    NumberMatch,
    find_numbers,
    interval_contains,
    parse_number,
    to_chinese,
)

D = Decimal


def only(text: str) -> NumberMatch:
    """The single match in `text`."""
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


def summary(text: str) -> list[tuple[str, Decimal, str | None]]:
    return [(m.text, m.value, m.unit) for m in find_numbers(text)]


# ---------------------------------------------------------------------------
# parse_number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic, full-width, grouping, decimals
        ("180", "180"),
        ("１８０", "180"),
        ("1,234", "1234"),
        ("1，234", "1234"),
        ("1,234,567", "1234567"),
        ("１，２３４．５", "1234.5"),
        ("149.0000", "149"),
        ("0", "0"),
        ("-8", "-8"),
        (" 42 ", "42"),
        # Arabic with multipliers
        ("3.5万", "35000"),
        ("1.2亿", "120000000"),
        ("3千万", "30000000"),
        ("2万亿", "2000000000000"),
        # Chinese numerals
        ("一百八十", "180"),
        ("两", "2"),
        ("两百", "200"),
        ("十", "10"),
        ("十二", "12"),
        ("一十二", "12"),
        ("一百零五", "105"),
        ("一百一十", "110"),
        ("三千零五十", "3050"),
        ("一千零一十", "1010"),
        ("一万二千", "12000"),
        ("一万零一十", "10010"),
        ("十万", "100000"),
        ("一亿", "100000000"),
        ("一亿零五万", "100050000"),
        ("一万亿", "1000000000000"),
        ("〇", "0"),
        ("零", "0"),
        ("二〇二〇", "2020"),
        ("二零二一", "2021"),
        ("十二点五", "12.5"),
        ("零点五", "0.5"),
        ("三点五万", "35000"),
        ("负三", "-3"),
        # colloquial abbreviations
        ("一百五", "150"),
        ("一万二", "12000"),
        # financial / traditional forms
        ("壹贰叁", "123"),
        ("壹佰贰拾", "120"),
        ("叁仟零伍拾", "3050"),
        ("壹萬", "10000"),
        # percentages: the number of percent
        ("百分之十二点五", "12.5"),
        ("百分之百", "100"),
        ("百分之五", "5"),
        ("百分之12.5", "12.5"),
        ("12.5%", "12.5"),
        ("30.80％", "30.80"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    assert parse_number(text) == D(expected)


def test_parse_number_keeps_written_precision() -> None:
    assert str(parse_number("149.0000")) == "149.0000"
    assert str(parse_number("30.80%")) == "30.80"


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "abc", "3件", "260余", "约200", "十十", "百百", "一百百", "万",
        "亿", "一点", "点五", "1,23", "1.2.3", "十四五", "两两", "--3", "-", "%",
        "百分之", "3-5", "一二三x", "1 2", "一百零", "五十零", "百分之百分之五", "5%%", "-百分之五",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


# ---------------------------------------------------------------------------
# to_chinese
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (180, "一百八十"),
        (1010, "一千零一十"),
        (3050, "三千零五十"),
        (10010, "一万零一十"),
        (12000, "一万二千"),
        (100000, "十万"),
        (120000, "十二万"),
        (1000001, "一百万零一"),
        (100000000, "一亿"),
        (100050000, "一亿零五万"),
        (100100000, "一亿零一十万"),
        (1000000000, "十亿"),
        (1000000000000, "一万亿"),
        (-3, "负三"),
    ],
)
def test_to_chinese(n: int, expected: str) -> None:
    assert to_chinese(n) == expected


def test_to_chinese_rejects_non_int() -> None:
    with pytest.raises(TypeError):
        to_chinese(1.5)  # type: ignore[arg-type]


def test_round_trip_exhaustive_small() -> None:
    for n in range(0, 12001):
        assert parse_number(to_chinese(n)) == n, n


@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip_chinese(n: int) -> None:
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip_arabic(n: int) -> None:
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_to_chinese_uses_standard_characters(n: int) -> None:
    assert set(to_chinese(n)) <= set("零一二三四五六七八九十百千万亿")


# ---------------------------------------------------------------------------
# find_numbers: Arabic numbers
# ---------------------------------------------------------------------------


def test_report_sentence() -> None:
    assert summary("各平台主动公开公告公示180条，其他信息20条") == [
        ("180条", D(180), "条"),
        ("20条", D(20), "条"),
    ]


def test_offsets_and_text() -> None:
    text = "共收到申请260余件。"
    m = only(text)
    assert (m.start, m.end, m.text) == (5, 10, "260余件")
    assert text[m.start:m.end] == m.text


def test_exact_number_fields() -> None:
    m = only("办结180件")
    assert m == NumberMatch(
        start=2, end=6, text="180件", value=D(180), low=D(180), high=D(180),
        approx=None, percent=False, chinese=False, kind="number", unit="件",
    )


def test_full_width_digits() -> None:
    m = only("主动公开１８０条")
    assert (m.text, m.value, m.unit) == ("１８０条", D(180), "条")


def test_full_width_decimal_and_percent() -> None:
    m = only("占比１２．５％")
    assert (m.text, m.value, m.percent) == ("１２．５％", D("12.5"), True)


@pytest.mark.parametrize("text", ["共1,234件", "共1，234件"])
def test_comma_grouping(text: str) -> None:
    m = only(text)
    assert (m.value, m.unit) == (D(1234), "件")


def test_comma_grouping_needs_groups_of_three() -> None:
    assert [m.value for m in find_numbers("分别为1,23件")] == [D(1), D(23)]
    assert [m.value for m in find_numbers("12，3456")] == [D(12), D(3456)]


def test_decimals() -> None:
    m = only("采购金额149.0000万元")
    assert (m.value, m.unit) == (D("149.0000"), "万元")
    m = only("占比30.80%")
    assert (m.value, m.percent, m.unit) == (D("30.80"), True, None)


def test_number_without_unit() -> None:
    m = only("总计 42 ")
    assert (m.text, m.value, m.unit) == ("42", D(42), None)


def test_space_before_unit() -> None:
    m = only("公开信息180 条")
    assert (m.text, m.unit) == ("180 条", "条")


def test_dates_are_returned_with_units() -> None:
    assert summary("2020年1月1日") == [
        ("2020年", D(2020), "年"),
        ("1月", D(1), "月"),
        ("1日", D(1), "日"),
    ]


def test_year_not_split() -> None:
    assert summary("2021年") == [("2021年", D(2021), "年")]
    assert summary("2021年度") == [("2021年度", D(2021), "年度")]


def test_dash_date_is_not_a_range() -> None:
    found = find_numbers("2020-01-01")
    assert [m.value for m in found] == [D(2020), D(1), D(1)]
    assert all(m.kind == "number" for m in found)


def test_phone_number_is_not_a_range() -> None:
    found = find_numbers("电话0379-12345678")
    assert [m.kind for m in found] == ["number", "number"]


def test_negative_in_table() -> None:
    m = only("| 本年增减 | -8 |")
    assert (m.text, m.value, m.low, m.high) == ("-8", D(-8), D(-8), D(-8))
    assert only("-8").value == D(-8)
    assert only("同比-8%").value == D(-8)


def test_decrease_word_keeps_number_positive() -> None:
    assert only("减少8件").value == D(8)


def test_minus_after_letter_is_a_dash() -> None:
    assert only("GB-8").value == D(8)


def test_ordinals_are_skipped() -> None:
    assert find_numbers("第3条") == []
    assert find_numbers("第十二条规定") == []
    assert summary("依据第二十条，公开3件") == [("3件", D(3), "件")]


# ---------------------------------------------------------------------------
# find_numbers: multipliers and money
# ---------------------------------------------------------------------------


def test_money_unit_keeps_number_as_written() -> None:
    m = only("3.5万元")
    assert (m.value, m.unit, m.text) == (D("3.5"), "万元", "3.5万元")
    m = only("1.2亿元")
    assert (m.value, m.unit) == (D("1.2"), "亿元")
    m = only("3千万元")
    assert (m.value, m.unit) == (D(3000), "万元")
    m = only("3十万元")
    assert (m.value, m.unit) == (D(30), "万元")


def test_multiplier_scales_other_units() -> None:
    m = only("访问量达3.5万次")
    assert (m.text, m.value, m.unit) == ("3.5万次", D(35000), "次")
    m = only("浏览1.2亿人次")
    assert (m.value, m.unit) == (D(120000000), "人次")


def test_multiplier_without_unit() -> None:
    m = only("访问量3.5万，")
    assert (m.text, m.value, m.unit) == ("3.5万", D(35000), None)


def test_chinese_money() -> None:
    m = only("节省经费一百万元")
    assert (m.value, m.unit, m.chinese) == (D(100), "万元", True)
    m = only("共计一万元")
    assert (m.value, m.unit) == (D(1), "万元")


# ---------------------------------------------------------------------------
# find_numbers: approximations
# ---------------------------------------------------------------------------


def test_more_yu() -> None:
    m = only("发布信息260余条")
    assert (m.text, m.value, m.low, m.high, m.approx, m.unit) == (
        "260余条", D(260), D(260), None, "more", "条",
    )


def test_more_duo() -> None:
    m = only("200多件")
    assert (m.value, m.low, m.high, m.approx, m.unit) == (D(200), D(200), None, "more", "件")


def test_more_money() -> None:
    m = only("100余万元")
    assert (m.value, m.approx, m.unit, m.high) == (D(100), "more", "万元", None)
    m = only("3万余元")
    assert (m.value, m.approx, m.unit) == (D(3), "more", "万元")


def test_more_after_unit() -> None:
    m = only("100件以上")
    assert (m.text, m.approx, m.low, m.high) == ("100件以上", "more", D(100), None)
    m = only("一年多")
    assert (m.value, m.unit, m.approx) == (D(1), "年", "more")
    m = only("历时三个多月")
    assert (m.text, m.value, m.unit, m.approx) == ("三个多月", D(3), "个月", "more")


@pytest.mark.parametrize("text", ["逾百件", "逾200件", "超过200件", "不少于200件"])
def test_more_before(text: str) -> None:
    found = find_numbers(text)
    if text == "逾百件":  # a bare 百 is not read in running text
        assert found == []
        return
    (m,) = found
    assert (m.approx, m.low, m.high) == ("more", D(200), None)
    assert m.start == 0


@pytest.mark.parametrize("text", ["约200件", "200件左右", "大约200件", "近200件", "接近200件"])
def test_about(text: str) -> None:
    m = only(text)
    assert m.text == text
    assert m.approx == "about"
    assert m.value == D(200)
    assert m.low == D(200) * (1 - ABOUT_TOLERANCE) == D(180)
    assert m.high == D(200) * (1 + ABOUT_TOLERANCE) == D(220)


def test_about_tolerance_constant() -> None:
    assert ABOUT_TOLERANCE == D("0.1")


def test_about_with_space() -> None:
    m = only("约 200 件")
    assert (m.text, m.approx, m.unit) == ("约 200 件", "about", "件")


@pytest.mark.parametrize("text", ["不足10件", "不到10件", "不超过10件", "10件以下", "10件以内"])
def test_under(text: str) -> None:
    m = only(text)
    assert m.text == text
    assert (m.approx, m.value, m.low, m.high) == ("under", D(10), D(0), D(10))


def test_qualifier_inside_words_is_not_a_qualifier() -> None:
    m = only("节约3万元")
    assert (m.text, m.approx) == ("3万元", None)
    m = only("最近3年")
    assert m.approx is None


# ---------------------------------------------------------------------------
# find_numbers: ranges
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["3至5件", "3-5件", "3～5件", "3~5件", "3到5件", "三到五件", "三至五件", "3件至5件"]
)
def test_range(text: str) -> None:
    m = only(text)
    assert m.text == text
    assert (m.kind, m.value, m.low, m.high, m.unit) == ("range", D(3), D(3), D(5), "件")
    assert m.chinese == text.startswith("三")


def test_range_shares_multiplier() -> None:
    m = only("3至5万次")
    assert (m.low, m.high, m.unit) == (D(30000), D(50000), "次")


def test_range_of_percentages() -> None:
    m = only("10%-20%")
    assert (m.kind, m.low, m.high, m.percent) == ("range", D(10), D(20), True)


def test_range_with_about() -> None:
    m = only("约3至5件")
    assert (m.kind, m.approx, m.low, m.high) == ("range", "about", D("2.7"), D("5.5"))


def test_descending_pair_is_not_a_range() -> None:
    assert [m.kind for m in find_numbers("5至3件")] == ["number", "number"]


def test_dates_with_zhi_are_not_ranges() -> None:
    found = find_numbers("2020年1月1日至12月31日")
    assert [m.unit for m in found] == ["年", "月", "日", "月", "日"]
    assert all(m.kind == "number" for m in found)


# ---------------------------------------------------------------------------
# find_numbers: percentages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "chinese"),
    [
        ("12.5%", "12.5", False),
        ("12.5％", "12.5", False),
        ("100%", "100", False),
        ("百分之十二点五", "12.5", True),
        ("百分之百", "100", True),
    ],
)
def test_percent(text: str, value: str, chinese: bool) -> None:
    m = only(f"答复率为{text}。")
    assert (m.text, m.value, m.percent, m.chinese, m.unit) == (text, D(value), True, chinese, None)


def test_percentage_points() -> None:
    m = only("同比下降2.5个百分点")
    assert (m.value, m.percent, m.unit) == (D("2.5"), True, "个百分点")
    m = only("下降三个百分点")
    assert (m.value, m.percent, m.unit, m.chinese) == (D(3), True, "个百分点", True)


def test_percent_with_qualifier() -> None:
    m = only("百分之九十以上")
    assert (m.value, m.approx, m.percent) == (D(90), "more", True)


# ---------------------------------------------------------------------------
# find_numbers: units
# ---------------------------------------------------------------------------


REQUIRED_UNITS = (
    "件 条 份 次 例 起 篇 个 项 期 场 人次 万元 元 家 户 人 名 天 日 个工作日 工作日 "
    "年 月 号 批 类 部 册 张 页 套 台 处 所 个部分 个账号 场次 期次"
).split()


def test_units_constant_holds_required_units() -> None:
    assert set(REQUIRED_UNITS) <= set(UNITS)


@pytest.mark.parametrize("unit", REQUIRED_UNITS)
def test_each_unit_is_captured(unit: str) -> None:
    m = only(f"共7{unit}。")
    assert (m.value, m.unit) == (D(7), unit)


def test_longest_unit_wins() -> None:
    assert only("在20个工作日内答复").unit == "个工作日"
    assert only("接待群众3人次").unit == "人次"
    assert only("开设3个账号").unit == "个账号"


def test_unit_inside_another_word_is_not_a_unit() -> None:
    m = only("建立3台账")
    assert m.unit is None
    assert only("共3处理").unit is None


def test_chinese_numeral_with_unit() -> None:
    m = only("共收到申请一百八十件")
    assert (m.text, m.value, m.chinese, m.unit) == ("一百八十件", D(180), True, "件")


def test_chinese_year_digit_by_digit() -> None:
    m = only("二〇二〇年")
    assert (m.value, m.unit, m.chinese) == (D(2020), "年", True)


def test_chinese_with_yu() -> None:
    m = only("收到申请二百余件")
    assert (m.value, m.approx, m.unit) == (D(200), "more", "件")
    m = only("发布信息三百余，")
    assert (m.value, m.approx, m.unit) == (D(300), "more", None)


def test_financial_numerals_in_text() -> None:
    m = only("金额壹佰贰拾元")
    assert (m.value, m.unit) == (D(120), "元")


# ---------------------------------------------------------------------------
# find_numbers: Chinese numeral false positives
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "统一", "统一部署", "一是", "二是加强", "进一步", "一些", "一般", "唯一",
        "一致", "一律", "一体化", "万一", "以防万一", "不一", "参差不一",
        "第一时间", "一站式", "一网通办", "一窗受理", "一次性", "一次性告知",
        "三公经费", "两学一做", "三安全一稳定", "十四五", "十四五规划",
        "十四五期间", "一把手", "一线", "一起研究", "一条龙服务", "一部分",
        "一件事一次办", "一户一档", "两个维护", "八项规定", "五一期间",
        "十一期间", "三五年", "陆续公开", "为一体", "达到一定标准", "成为一流",
        "合二为一，", "形式单一，广播电视", "一、总体情况", "（一）主动公开",
        "三分之一", "十分重要", "十九大", "同一件事", "逐一处理",
    ],
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_idiom_inside_a_numeral_does_not_block_it() -> None:
    # 一万一千 contains 万一
    m = only("共一万一千件")
    assert m.value == D(11000)


def test_idioms_do_not_hide_neighbours() -> None:
    assert summary("统一部署，共收到申请一百八十件") == [("一百八十件", D(180), "件")]


def test_count_word_makes_a_bare_numeral_a_number() -> None:
    m = only("收到申请共计十二。")
    assert (m.text, m.value, m.unit) == ("十二", D(12), None)
    m = only("依申请公开数量为零。")
    assert (m.value, m.chinese) == (D(0), True)
    assert only("公开了三条").value == D(3)


def test_bare_numeral_without_count_word_is_skipped() -> None:
    assert find_numbers("其中十二，") == []


def test_category_count_is_returned() -> None:
    m = only("四类过程性信息")
    assert (m.value, m.unit) == (D(4), "类")


def test_plan_years_are_returned() -> None:
    m = only("五年规划")
    assert (m.value, m.unit) == (D(5), "年")


def test_not_numbers_constant() -> None:
    for word in ("统一", "进一步", "一次性", "两学一做", "三安全一稳定", "十四五"):
        assert word in NOT_NUMBERS


# ---------------------------------------------------------------------------
# interval_contains
# ---------------------------------------------------------------------------


def test_interval_contains_exact() -> None:
    m = only("180条")
    assert interval_contains(m, 180)
    assert interval_contains(m, D("180.0"))
    assert not interval_contains(m, 181)


def test_interval_contains_more() -> None:
    m = only("260余条")
    assert interval_contains(m, 260)
    assert interval_contains(m, 299)
    assert not interval_contains(m, 259)


def test_interval_contains_about() -> None:
    m = only("约200件")
    assert interval_contains(m, 180)
    assert interval_contains(m, 220)
    assert not interval_contains(m, 179)
    assert not interval_contains(m, 221)


def test_interval_contains_under_and_range() -> None:
    m = only("不足10件")
    assert interval_contains(m, 0)
    assert interval_contains(m, 9)
    assert not interval_contains(m, 11)
    r = only("3至5件")
    assert [interval_contains(r, v) for v in (2, 3, 4, 5, 6)] == [False, True, True, True, False]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=99999))
def test_find_chinese_count(n: int) -> None:
    found = find_numbers(f"共收到申请{to_chinese(n)}件")
    assert len(found) == 1
    assert found[0].value == n
    assert found[0].unit == "件"
    assert found[0].chinese


@given(st.integers(min_value=0, max_value=10**9))
def test_find_arabic_count(n: int) -> None:
    (m,) = find_numbers(f"共收到申请{n}件")
    assert (m.value, m.unit, m.chinese) == (n, "件", False)


_NUMERAL_CHARS = set(numbers._CN_NUM_CHARS) | set("百千佰仟")
_PLAIN_CJK = st.characters(
    min_codepoint=0x4E00, max_codepoint=0x9FFF, blacklist_characters=sorted(_NUMERAL_CHARS)
)


@given(st.text(alphabet=st.one_of(_PLAIN_CJK, st.sampled_from("，。、：；“”（）")), max_size=80))
def test_text_without_numerals_has_no_numbers(text: str) -> None:
    assert find_numbers(text) == []


_NUMBERISH = st.sampled_from(
    list("0123456789０１.．,，%％-~～至到第约近余多以上下左右元万亿百千十点之分 |")
    + list("一二两三五十百千万〇零壹陆")
    + ["件", "条", "个工作日", "人次", "年", "统一", "一次性", "共", "为", "个百分点", "百分之"]
)


@settings(max_examples=300)
@given(st.lists(_NUMBERISH, max_size=30).map("".join))
def test_matches_are_well_formed(text: str) -> None:
    found = find_numbers(text)
    last_end = 0
    for m in found:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.kind in ("number", "range")
        assert m.approx in (None, "more", "about", "under")
        assert m.high is None or m.low <= m.high
        if m.approx is None and m.kind == "number":
            assert m.low == m.high == m.value
        last_end = m.end


@settings(max_examples=300)
@given(st.lists(_NUMBERISH, max_size=30).map("".join))
def test_fast_path_agrees_with_full_reading(text: str) -> None:
    # find_numbers reads plain Arabic numbers with one regex (_plain_match);
    # switching that off must not change the result.
    fast = find_numbers(text)
    original = numbers._plain_match
    numbers._plain_match = lambda *args: None
    try:
        slow = find_numbers(text)
    finally:
        numbers._plain_match = original
    assert fast == slow


@given(st.lists(st.one_of(_NUMBERISH, st.characters()), max_size=30).map("".join))
def test_parse_number_raises_only_value_error(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert isinstance(value, Decimal)


# ---------------------------------------------------------------------------
# Performance
# ---------------------------------------------------------------------------


def _report_like_text(size: int = 5000) -> str:
    narrative = (
        "一、总体情况\n2021年，本机关坚持以公开为常态、不公开为例外，进一步加强政府信息公开工作，"
        "统一部署推进基层政务公开标准化规范化建设。全年主动公开政府信息1,234条，"
        "其中政策文件56件、政策解读23篇，发布政务微博320余条，微信公众号推送约200期，"
        "网站访问量达3.5万次，同比增长12.5%。受理政府信息公开申请十二件，均在20个工作日内答复，"
        "按时答复率100%。政府集中采购项目2项，金额149.0000万元。\n"
    )
    table = "".join(
        f"| （{i}）项目 | {i} | 0 | 0 | 0 | 0 | 0 | {i} |\n" for i in range(25)
    )
    text = narrative + table
    while len(text) < size:
        text += narrative
    return text[:size]


def test_dense_report_text_is_fully_scanned() -> None:
    # speed is measured in evals/bench_numbers.py, never asserted here
    text = _report_like_text()
    matches = find_numbers(text)
    assert len(matches) > 100
    assert all(text[m.start : m.end] == m.text for m in matches)
