"""Find, parse and render numbers in Chinese report text.

This module knows how numbers are written in 政府信息公开工作年度报告: Arabic
digits (half- or full-width, comma-grouped, decimal, with 万/亿 multipliers),
Chinese numerals (一百八十, 两百, 一万二千, 二〇二〇, 壹佰贰拾, 百分之十二点五),
approximations (260余条, 约200件, 200件左右, 不足10件), ranges (3至5件,
三到五件) and percentages (12.5%, 3个百分点).

Public API:

* :func:`parse_number` -- parse a bare numeral string into a ``Decimal``.
* :func:`to_chinese` -- render an integer with standard lowercase numerals.
* :func:`find_numbers` -- every number expression in a text, as
  :class:`NumberMatch` objects carrying the interval the claim allows.
* :func:`interval_contains` -- whether a true value is consistent with a match.

``find_numbers`` deliberately over-reports Arabic numbers (dates, document
numbers, phone numbers are all returned); deciding which numbers are claims
is the job of the claims layer. Chinese numerals are much more ambiguous
(一 is part of countless words), so a Chinese numeral is returned only when
the context says it counts something; see :func:`find_numbers`.

Only the standard library is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

__all__ = [
    "ABOUT_TOLERANCE",
    "COUNT_PREFIXES",
    "NOT_NUMBERS",
    "NOT_NUMBER_PATTERNS",
    "NumberMatch",
    "UNITS",
    "find_numbers",
    "interval_contains",
    "parse_number",
    "to_chinese",
]

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

#: Relative tolerance of an "about" claim (约200件 allows 180..220).
ABOUT_TOLERANCE = Decimal("0.1")

#: Unit words that may directly follow a number; the longest one wins.
#: 万 and 亿 are multipliers, not units: "3.5万次" is 35000 with unit 次, and
#: they are reported as part of a unit only in the money units 万元 / 亿元,
#: where the number is kept as written ("3.5万元" is 3.5 with unit 万元).
UNITS: tuple[str, ...] = (
    "件", "条", "份", "次", "例", "起", "篇", "个", "项", "期", "场", "人次",
    "万元", "亿元", "元", "家", "户", "人", "名", "天", "日", "个工作日",
    "工作日", "年", "年度", "月", "月份", "个月", "周", "周年", "小时",
    "分钟", "号", "批", "类", "部", "部门", "个部门", "册", "张", "页",
    "套", "台", "处", "所", "个部分", "个方面", "项内容", "个账号", "场次", "期次", "件次",
    "条次", "户次", "个次", "篇次", "宗", "封", "位", "笔", "本", "种",
    "卷", "座", "间", "辆", "倍", "字", "个百分点", "百分点",
)

#: Units that make the number a percentage.
PERCENT_UNITS = frozenset({"个百分点", "百分点"})

#: A unit followed by one of these characters starts another word and is
#: not a unit ("台账", "处理", "所有", "期间", "天津" ...).
UNIT_BLOCKERS: dict[str, str] = {
    "台": "账阶山河",
    "处": "理置罚分室长",
    "所": "有属在以谓得需",
    "期": "间限待望",
    "名": "称单义额",
    "日": "常期益前",
    "场": "所景合地",
    "类": "别型似",
    "部": "署分",
    "条": "例件",
    "家": "庭属长乡",
    "份": "额",
    "人": "员民大才",
    "次": "数序",
    "年": "龄纪",
    "号": "码召称",
    "张": "贴",
    "页": "面",
    "个": "性别体",
    "元": "素旦宵",
    "天": "津然气",
    "户": "籍口型",
    "起": "草点步",
    "批": "准评示复",
    "套": "餐",
    "例": "如行外",
    "位": "于置",
    "本": "着级",
    "种": "植类",
    "间": "接隔",
    "周": "边期末",
}

#: Qualifiers written before the number, with the kind of approximation.
PRE_QUALIFIERS: dict[str, str] = {
    "约": "about", "大约": "about", "近": "about", "将近": "about",
    "接近": "about", "逾": "more", "超过": "more", "超": "more",
    "不少于": "more", "至少": "more", "不足": "under", "不到": "under",
    "不超过": "under", "不多于": "under",
}

#: A pre-qualifier directly preceded by one of these characters is part of
#: another word ("节约", "签约", "最近", "附近", "赶超").
PRE_QUALIFIER_BLOCKERS: dict[str, str] = {
    "约": "节制签合契公条预简违履特邀守",
    "近": "最附临靠亲贴逼",
    "超": "高赶",
}

#: Qualifiers between the number and its unit ("260余条", "200多件").
INNER_QUALIFIERS: dict[str, str] = {"余": "more", "多": "more"}

#: Qualifiers after the unit ("100件以上", "200件左右").
TRAILING_QUALIFIERS: dict[str, str] = {
    "以上": "more", "有余": "more", "以下": "under", "以内": "under",
    "左右": "about",
}

#: Words before a Chinese numeral that make it a count even without a unit.
COUNT_PREFIXES: tuple[str, ...] = (
    "共", "共计", "合计", "总计", "累计", "达", "达到", "收到", "受理",
    "办结", "新收", "结转", "为", "计", "发布", "公开", "增加", "减少",
    "下降", "上升",
)

#: Words in which Chinese numeral characters are not numbers. A Chinese
#: numeral is dropped when one of these overlaps it and reaches outside it
#: (so "万一" blocks "以防万一" but not "一万一千").
NOT_NUMBERS: tuple[str, ...] = (
    "统一", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是",
    "九是", "十是", "进一步", "一些", "一般", "唯一", "一致", "一律",
    "一体化", "一体", "万一", "不一", "第一时间", "一站式", "一网通办",
    "一网统管", "一网通管", "一窗受理", "一窗通办", "一次性", "一次办",
    "最多跑一次", "一件事", "三公经费", "三公", "两学一做", "三安全一稳定",
    "十四五", "十三五", "十二五", "十一五", "一把手", "一线", "一起",
    "一条龙", "一部分", "一张网", "一张图", "一张蓝图", "一张表", "一本账",
    "一号文件", "一年来", "一年一度", "一带一路", "一系列", "一定",
    "一方面", "一直", "一切", "一同", "一并", "一旦", "一样", "一道",
    "一下", "一贯", "一流", "一门式", "一揽子", "一盘棋", "一目了然",
    "同一", "单一", "划一", "专一", "逐一", "如一", "之一", "其一", "归一",
    "合一", "合二为一", "一一", "三个代表", "两个维护", "四个意识",
    "四个自信", "两个确立", "四个全面", "五位一体", "两个一百年",
    "八项规定", "三重一大", "三会一课", "两微一端", "两随机一公开",
    "双随机一公开", "一岗双责", "一案双查", "一票否决", "一刀切", "一手抓",
    "十一期间", "十一假期", "五一期间", "五一假期", "一老一小", "一卡通",
    "一码通", "一事一议", "三农",
)

#: Regular expressions for idiom families too open to list ("一户一档",
#: "一企一策", "一件一件").
NOT_NUMBER_PATTERNS: tuple[str, ...] = (
    r"一(?![〇零一二三四五六七八九两十百千万亿])[\u4e00-\u9fff]一[\u4e00-\u9fff]",
)

# ---------------------------------------------------------------------------
# Character classes and compiled patterns
# ---------------------------------------------------------------------------

_STD_DIGITS = "〇零一二三四五六七八九两"
_FIN_DIGITS = "壹贰貳叁參肆伍陆陸柒捌玖兩"  # financial / traditional forms
_FIN_UNITS = "拾佰仟萬億"
_CN_DIGITS = _STD_DIGITS + _FIN_DIGITS
_CN_NUM_CHARS = _CN_DIGITS + "十百千万亿" + _FIN_UNITS
_CN_START = _CN_DIGITS + "十"  # a Chinese numeral in running text starts here
_FINANCIAL = frozenset(_FIN_DIGITS + _FIN_UNITS)
_FIN_TO_STD = str.maketrans(
    _FIN_DIGITS + _FIN_UNITS, "一二二三三四五六六七八九两" + "十百千万亿"
)
_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGIT_VALUE.update({"〇": 0, "两": 2})
_SMALL_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS: dict[str, int] = {
    "十": 10, "百": 10**2, "千": 10**3, "万": 10**4, "十万": 10**5, "百万": 10**6,
    "千万": 10**7, "亿": 10**8, "十亿": 10**9, "百亿": 10**10,
    "千亿": 10**11, "万亿": 10**12,
}

#: Half-width equivalents of full-width characters; one character each, so
#: offsets in the normalised text are offsets in the original text. The
#: full-width comma is not mapped (it is everywhere in Chinese text); the
#: digit pattern accepts it as a thousands separator instead.
_NORMALIZE = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "％": "%", "～": "~", "〜": "~", "－": "-", "−": "-",
})
_NEEDS_NORMALIZE_RE = re.compile("[\uff10-\uff19．％～〜－−]")

_SPACES = " \xa0\u3000"
_RANGE_SEP_CHARS = "至到~-—–"
_DASHES = frozenset("-—–")
_ASCII_DIGITS = frozenset("0123456789")
_BIG_UNIT_CHARS = frozenset("万亿萬億")
_UNIT_SET = frozenset(UNITS)
_UNIT_INITIALS = frozenset(u[0] for u in UNITS)
_UNIT_FIRST_CHARS = _UNIT_INITIALS | frozenset(_SPACES)
_RANGE_FIRST_CHARS = frozenset(_SPACES + _RANGE_SEP_CHARS)
_TRAILING_FIRST_CHARS = frozenset(w[0] for w in TRAILING_QUALIFIERS)
_PRE_QUALIFIER_LAST_CHARS = frozenset(w[-1] for w in PRE_QUALIFIERS)
_PRE_QUALIFIERS_BY_LENGTH = sorted(PRE_QUALIFIERS, key=len, reverse=True)
_COUNT_PREFIXES_BY_LENGTH = sorted(COUNT_PREFIXES, key=len, reverse=True)
# Characters that may follow a Chinese numeral run worth a closer look (a
# unit, a qualifier, %, a range separator, a space, 元 after 万, 点) and that
# may precede one (the end of a count word or of a pre-qualifier, 了).
_FOLLOW_CHARS = (
    _UNIT_FIRST_CHARS | _RANGE_FIRST_CHARS | frozenset(INNER_QUALIFIERS) | frozenset("%元点")
)
_PRECEDE_CHARS = (
    frozenset(w[-1] for w in COUNT_PREFIXES) | _PRE_QUALIFIER_LAST_CHARS | {"了"}
)


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class matching exactly `chars`."""
    return "[" + "".join(re.escape(ch) for ch in sorted(set(chars))) + "]"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_ARABIC_PAT = r"\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT_PAT = r"万亿|[十百千]?[万亿]|[百千](?!分)"
_CN_RUN_TAIL = rf"[{_CN_NUM_CHARS}]*(?:点[{_CN_DIGITS}]+[万亿萬億]*)?"

_ARABIC_RE = re.compile(_ARABIC_PAT)
_ARABIC_FULL_RE = re.compile(rf"(?:{_ARABIC_PAT})(?:{_MULT_PAT})?")
_ARABIC_MULT_RE = re.compile(rf"({_ARABIC_PAT})({_MULT_PAT})?")
_CN_RUN_RE = re.compile(rf"[{_CN_START}]{_CN_RUN_TAIL}")
_CN_RUN_BARE_RE = re.compile(rf"[{_CN_START}百千佰仟]{_CN_RUN_TAIL}")  # after 百分之
_MONEY_RE = re.compile(rf"([万亿萬億])([余多])?{_char_class(_SPACES)}?元")
_INNER_QUAL_RE = re.compile(_alternation(INNER_QUALIFIERS))
_UNIT_RE = re.compile(rf"{_char_class(_SPACES)}?({_alternation(UNITS)})")
_TRAILING_QUAL_RE = re.compile(_alternation(TRAILING_QUALIFIERS))
_RANGE_SEP_RE = re.compile(
    rf"{_char_class(_SPACES)}?({_char_class(_RANGE_SEP_CHARS)}){_char_class(_SPACES)}?"
)

# Where find_numbers looks closer: 百分之; Arabic digits not continuing a
# number and not after 第; a whole Chinese numeral run (possessive, so that a
# rejected run such as "十四五" or "三五年" is never re-read from its middle)
# that starts no run, is not after 第, and is preceded or followed by a
# character in _PRECEDE_CHARS / _FOLLOW_CHARS.
_CANDIDATE_RE = re.compile(
    r"百分之"
    r"|(?<![\d第])(?<!\d\.)-?\d"
    rf"|(?<![{_CN_NUM_CHARS}第])"
    rf"(?:(?<={_char_class(_PRECEDE_CHARS)})[{_CN_START}][{_CN_NUM_CHARS}]*+"
    rf"|[{_CN_START}][{_CN_NUM_CHARS}]*+(?={_char_class(_FOLLOW_CHARS)}))"
)

# Fast path for the most common case, a plain Arabic number with at most a
# unit and nothing after it that _match_at would read: after the digits no
# digit, separator, multiplier, %, qualifier, range separator or unit (nor
# a space and a unit or range separator); after the unit no qualifier or
# range separator (nor a space and a range separator). The unit is atomic
# so that a rejected 个工作日以上 is not retried as 个.
_PLAIN_AFTER_DIGITS = _char_class(
    set("0123456789.,，%万亿萬億百千十余多" + _RANGE_SEP_CHARS)
    | _TRAILING_FIRST_CHARS
    | _UNIT_INITIALS
)
_PLAIN_AFTER_UNIT = _char_class(set("余多" + _RANGE_SEP_CHARS) | _TRAILING_FIRST_CHARS)
_PLAIN_RE = re.compile(
    rf"(\d+(?:\.\d+)?)(?:(?>({_alternation(UNITS)}))"
    rf"(?!{_PLAIN_AFTER_UNIT})"
    rf"(?!{_char_class(_SPACES)}{_char_class(_RANGE_SEP_CHARS)})"
    rf"|(?!{_PLAIN_AFTER_DIGITS})"
    rf"(?!{_char_class(_SPACES)}{_char_class(set(_RANGE_SEP_CHARS) | _UNIT_INITIALS)}))"
)

# Idioms: NOT_NUMBERS indexed by their two-character substrings (see
# _blocked_by_idiom) and NOT_NUMBER_PATTERNS searched in a small window.
_NOT_NUMBER_SET = frozenset(NOT_NUMBERS)


def _bigram_index(words: Iterable[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Map each two-character substring to the (word, offset) pairs holding it."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word in words:
        for i in range(len(word) - 1):
            index.setdefault(word[i:i + 2], []).append((word, i))
    return {key: tuple(value) for key, value in index.items()}


_NOT_NUMBER_BIGRAMS = _bigram_index(NOT_NUMBERS)
_NOT_NUMBER_PATTERN_RE = re.compile("(?=(" + "|".join(NOT_NUMBER_PATTERNS) + "))")
_NOT_NUMBER_PATTERN_REACH = 8


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _strip_grouping(digits: str) -> str:
    """Remove thousands separators (, or ，) from matched Arabic digits."""
    if "," in digits or "，" in digits:
        return digits.replace(",", "").replace("，", "")
    return digits


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _parse_section(s: str) -> int:
    """Parse a Chinese integer below 10000 (no 万/亿), e.g. 三千零五十."""
    if not s:
        raise ValueError("empty section")
    total = 0
    last_unit = 10**4
    digit: int | None = None
    zero_seen = False
    for i, ch in enumerate(s):
        if ch in ("零", "〇"):
            if digit is not None:
                raise ValueError(f"misplaced zero in {s!r}")
            zero_seen = True
        elif ch in _DIGIT_VALUE:
            if digit is not None:
                raise ValueError(f"two digits in a row in {s!r}")
            digit = _DIGIT_VALUE[ch]
        elif ch in _SMALL_UNIT_VALUE:
            unit = _SMALL_UNIT_VALUE[ch]
            if unit >= last_unit:
                raise ValueError(f"units out of order in {s!r}")
            if digit is None:
                if i != 0:
                    raise ValueError(f"unit without digit in {s!r}")
                digit = 1  # 十二, and 百 in 百分之百
            total += digit * unit
            last_unit, digit, zero_seen = unit, None, False
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    if digit is not None:
        if zero_seen or last_unit in (10, 10**4):
            total += digit
        else:  # colloquial 一百五 = 150, 三千二 = 3200
            total += digit * (last_unit // 10)
    elif zero_seen:
        raise ValueError(f"trailing zero in {s!r}")
    return total


def _parse_tail(s: str, big: int) -> int:
    """Parse what follows 万 or 亿 (`big` is 10**4 or 10**8)."""
    if not s:
        return 0
    if s[0] in ("零", "〇"):
        s = s.lstrip("零〇")
        value = _parse_below(s, big)
    elif len(s) == 1 and s in _DIGIT_VALUE:
        value = _DIGIT_VALUE[s] * (big // 10)  # colloquial 一万二 = 12000
    else:
        value = _parse_below(s, big)
    if value >= big:
        raise ValueError(f"part after the multiplier too large: {s!r}")
    return value


def _parse_below(s: str, limit: int) -> int:
    """Parse a Chinese integer, using 万 only when `limit` exceeds 10**4."""
    if limit > 10**4 and "万" in s:
        head, _, tail = s.rpartition("万")
        head_value = _parse_section(head) if head else 0
        if head_value == 0:
            raise ValueError(f"万 without a number before it: {s!r}")
        return head_value * 10**4 + _parse_tail(tail, 10**4)
    return _parse_section(s)


def _parse_chinese_int(s: str) -> int:
    """Parse a Chinese integer in standard characters (any size)."""
    if not s:
        raise ValueError("empty numeral")
    if all(ch in _DIGIT_VALUE for ch in s):
        if len(s) == 1:
            return _DIGIT_VALUE[s]
        if "两" in s:
            raise ValueError(f"两 cannot be read digit by digit: {s!r}")
        return int("".join(str(_DIGIT_VALUE[ch]) for ch in s))  # 二〇二〇
    if "亿" in s:
        head, _, tail = s.rpartition("亿")
        head_value = _parse_below(head, 10**8) if head else 0
        if head_value == 0:
            raise ValueError(f"亿 without a number before it: {s!r}")
        return head_value * 10**8 + _parse_tail(tail, 10**8)
    return _parse_below(s, 10**8)


def _parse_chinese(s: str) -> Decimal:
    """Parse a Chinese numeral in standard characters, with 点 decimals."""
    if "点" not in s:
        return Decimal(_parse_chinese_int(s))
    int_part, _, frac = s.partition("点")
    multiplier = 1
    stripped = frac.rstrip("万亿")
    if stripped != frac:
        multiplier = _MULTIPLIERS.get(frac[len(stripped):], 0)
        if not multiplier:
            raise ValueError(f"bad multiplier in {s!r}")
        frac = stripped
    if not int_part or not frac or any(
        ch not in _DIGIT_VALUE or ch == "两" for ch in frac
    ):
        raise ValueError(f"bad decimal numeral {s!r}")
    digits = "".join(str(_DIGIT_VALUE[ch]) for ch in frac)
    return Decimal(f"{_parse_chinese_int(int_part)}.{digits}") * multiplier


def _parse_arabic(s: str) -> Decimal:
    """Parse Arabic digits with an optional 万/亿-style multiplier."""
    m = _ARABIC_RE.match(s)
    assert m is not None
    value = Decimal(_strip_grouping(m.group()))
    suffix = s[m.end():]
    if suffix:
        value *= _MULTIPLIERS[suffix]
    return value


def parse_number(s: str) -> Decimal:
    """Parse a bare numeral string.

    Accepted: Arabic digits ("180", "１８０", "1,234", "1，234", "149.0000",
    "-8"), Arabic digits with a multiplier ("3.5万" -> 35000, "1.2亿"),
    Chinese numerals ("一百八十", "两", "十二", "一十二", "一百零五",
    "一万二千", "〇", "零", "十二点五", "三点五万", financial forms like
    "壹佰贰拾"), digit-by-digit Chinese ("二〇二〇" -> 2020) and percentages
    ("百分之十二点五" -> 12.5, "12.5%" -> 12.5: the number of percent, not a
    fraction). A leading "-" or 负 negates. Surrounding whitespace is
    ignored.

    Raises ValueError for anything else, including units ("3件") and
    qualifiers ("260余").
    """
    text = s.strip().translate(_NORMALIZE)
    if text.startswith("百分之"):
        text = text[3:]
    elif text.endswith("%"):
        text = text[:-1]
    negative = text[:1] in ("-", "负")
    if negative:
        text = text[1:]
    if _ARABIC_FULL_RE.fullmatch(text):
        value = _parse_arabic(text)
    else:
        try:
            value = _parse_chinese(text.translate(_FIN_TO_STD))
        except (ValueError, InvalidOperation, KeyError) as exc:
            raise ValueError(f"not a number: {s!r}") from exc
    return -value if negative else value


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

_OUT_DIGITS = "零一二三四五六七八九"


def _section_to_chinese(n: int) -> str:
    """Render 0 < n < 10000 with an explicit 一十 (一千零一十)."""
    parts: list[str] = []
    pending_zero = False
    for unit_value, unit_char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            pending_zero = pending_zero or bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_OUT_DIGITS[d] + unit_char)
    return "".join(parts)


def _below_yi_to_chinese(n: int) -> str:
    """Render 0 < n < 10**8."""
    high, low = divmod(n, 10**4)
    if not high:
        return _section_to_chinese(low)
    out = _section_to_chinese(high) + "万"
    if low:
        out += ("零" if low < 1000 else "") + _section_to_chinese(low)
    return out


def _positive_to_chinese(n: int) -> str:
    if n < 10**8:
        return _below_yi_to_chinese(n)
    high, low = divmod(n, 10**8)
    out = _positive_to_chinese(high) + "亿"
    if low:
        out += ("零" if low < 10**7 else "") + _below_yi_to_chinese(low)
    return out


def to_chinese(n: int) -> str:
    """Render an integer with standard lowercase Chinese numerals.

    180 -> "一百八十", 12 -> "十二", 105 -> "一百零五", 0 -> "零",
    10010 -> "一万零一十", 100000000 -> "一亿". A leading 一十 is shortened
    to 十 (十二, 十万, 十亿). Negative numbers get the prefix 负.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"to_chinese needs an int, got {n!r}")
    if n == 0:
        return "零"
    if n < 0:
        return "负" + to_chinese(-n)
    out = _positive_to_chinese(n)
    return out[1:] if out.startswith("一十") else out


# ---------------------------------------------------------------------------
# Finding numbers in text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberMatch:
    """One number expression found in a text.

    ``start``/``end`` span the whole expression, including qualifiers
    (余, 约, 左右 ...), the unit and a % sign; ``text`` is that slice of the
    searched text. ``value`` is the nominal value (the lower end for a
    range); ``low``/``high`` is the closed interval the claim allows
    (``high`` None means unbounded above).
    """

    start: int
    end: int
    text: str
    value: Decimal
    low: Decimal
    high: Decimal | None
    approx: str | None
    percent: bool
    chinese: bool
    kind: str
    unit: str | None


class _Numeral(NamedTuple):
    """A bare numeral read from the normalised text."""

    start: int
    end: int
    value: Decimal
    multiplier: int = 1  # scaling applied by a trailing 万/亿 etc.
    chinese: bool = False
    percent: bool = False
    leading_zero: bool = False  # "0379": never a range endpoint with "-"


class _Suffix(NamedTuple):
    """What follows a numeral: qualifiers and unit."""

    end: int
    unit: str | None
    approx: str | None
    counted: bool  # a unit, 余, a money unit: enough to accept a Chinese numeral


def _read_plain(norm: str, pos: int, allow_bare: bool = False) -> _Numeral | None:
    """Read Arabic digits (with multiplier) or a Chinese numeral at `pos`.

    A trailing 万/亿 that belongs to a money unit (万元, 亿元, 万余元) is
    left unread so that the unit reads 万元 and the value stays as written.
    """
    m = _ARABIC_MULT_RE.match(norm, pos)
    if m:
        digits, word = m.group(1, 2)
        value = Decimal(_strip_grouping(digits))
        end = m.end(1)
        multiplier = 1
        if word:
            if word[-1] in "万亿" and _MONEY_RE.match(norm, m.end() - 1):
                word = word[:-1]
            if word:
                multiplier = _MULTIPLIERS[word]
                end += len(word)
                value *= multiplier
        return _Numeral(
            pos, end, value, multiplier,
            leading_zero=len(digits) > 1 and digits[0] == "0" and digits[1] != ".",
        )
    m = (_CN_RUN_BARE_RE if allow_bare else _CN_RUN_RE).match(norm, pos)
    if not m:
        return None
    run = m.group()
    if run[-1] in "万亿萬億" and _MONEY_RE.match(norm, m.end() - 1):
        run = run[:-1]
    if not run:
        return None
    std = run.translate(_FIN_TO_STD)
    if len(run) == 1 and run in _FINANCIAL:
        return None  # 陆 in 陆续, 伍 as a surname
    if all(ch in _DIGIT_VALUE for ch in std) and 2 <= len(std) <= 3:
        return None  # 三五成群, 五一: only year-like runs are read digit by digit
    try:
        value = _parse_chinese(std)
    except (ValueError, InvalidOperation, KeyError):
        return None
    multiplier = 1
    for word in ("万亿", "亿", "万"):
        if std.endswith(word) and len(std) > len(word):
            multiplier = _MULTIPLIERS[word]
            break
    return _Numeral(pos, pos + len(run), value, multiplier, chinese=True)


def _read_numeral(norm: str, pos: int) -> _Numeral | None:
    """Read a numeral at `pos`, including 百分之 and a trailing %."""
    if norm.startswith("百分之", pos):
        inner = _read_plain(norm, pos + 3, allow_bare=True)
        if inner is None:
            return None
        return inner._replace(start=pos, percent=True)
    num = _read_plain(norm, pos)
    if num is not None and num.end < len(norm) and norm[num.end] == "%":
        num = num._replace(end=num.end + 1, percent=True)
    return num


def _unit_at(norm: str, pos: int) -> re.Match[str] | None:
    """Match a unit word at `pos` unless it starts another word."""
    m = _UNIT_RE.match(norm, pos)
    if m is None:
        return None
    blockers = UNIT_BLOCKERS.get(m.group(1))
    if blockers and m.end() < len(norm) and norm[m.end()] in blockers:
        return None
    return m


def _read_suffix(norm: str, pos: int, percent: bool) -> _Suffix:
    """Read inner qualifier, unit and trailing qualifier after a numeral."""
    unit: str | None = None
    approx: str | None = None
    counted = False
    size = len(norm)
    money = (
        _MONEY_RE.match(norm, pos)
        if pos < size and norm[pos] in _BIG_UNIT_CHARS
        else None
    )
    if money:
        big = money.group(1).translate(_FIN_TO_STD)
        unit, counted, pos = big + "元", True, money.end()
        approx = "more" if money.group(2) else None
    else:
        q = _INNER_QUAL_RE.match(norm, pos) if pos < size and norm[pos] in "余多" else None
        after_q = q.end() if q else pos
        u = (
            _unit_at(norm, after_q)
            if not percent and after_q < size and norm[after_q] in _UNIT_FIRST_CHARS
            else None
        )
        if u:
            unit, counted, pos = u.group(1), True, u.end()
            approx = INNER_QUALIFIERS[q.group()] if q else None
        elif q and (
            q.group() == "余"
            or after_q >= len(norm)
            or not _is_cjk(norm[after_q])
        ):
            approx, counted, pos = "more", q.group() == "余", after_q
    if pos >= size:
        return _Suffix(pos, unit, approx, counted)
    t = (
        _TRAILING_QUAL_RE.match(norm, pos)
        if norm[pos] in _TRAILING_FIRST_CHARS
        else None
    )
    if t:
        approx = approx or TRAILING_QUALIFIERS[t.group()]
        pos = t.end()
    elif unit and approx is None and norm[pos] in "余多":
        approx, pos = "more", pos + 1  # 一年多
        if unit == "个":  # 三个多月 -> 个月
            u = _unit_at(norm, pos)
            if u and "个" + u.group(1) in _UNIT_SET:
                unit, pos = "个" + u.group(1), u.end()
    return _Suffix(pos, unit, approx, counted)


def _sign_allowed(norm: str, minus_pos: int) -> bool:
    """Whether an ASCII minus at `minus_pos` is a sign, not a dash.

    It is a dash after an ASCII letter or digit, ".", "%", a closing bracket
    or a Chinese numeral ("A-8", "3%-5%", "三-五"); a sign anywhere else
    ("| -8 |", "同比-8%", start of text).
    """
    if minus_pos == 0:
        return True
    prev = norm[minus_pos - 1]
    return not (
        (prev.isascii() and prev.isalnum()) or prev in ".%)）" or prev in _CN_NUM_CHARS
    )


def _pre_qualifier(norm: str, pos: int) -> tuple[int, str | None]:
    """Find an approximation word ending at `pos`; return its start and kind."""
    end = pos - 1 if pos > 1 and norm[pos - 1] in _SPACES else pos  # 约 200件
    if end == 0 or norm[end - 1] not in _PRE_QUALIFIER_LAST_CHARS:
        return pos, None
    for word in _PRE_QUALIFIERS_BY_LENGTH:
        if norm.endswith(word, 0, end):
            start = end - len(word)
            blockers = PRE_QUALIFIER_BLOCKERS.get(word)
            if blockers and start > 0 and norm[start - 1] in blockers:
                continue
            return start, PRE_QUALIFIERS[word]
    return pos, None


def _may_have_pre_qualifier(norm: str, pos: int) -> bool:
    """Cheap test: could _pre_qualifier find something before `pos`?"""
    if pos > 1 and norm[pos - 1] in _SPACES:
        pos -= 1
    return pos > 0 and norm[pos - 1] in _PRE_QUALIFIER_LAST_CHARS


def _has_count_prefix(norm: str, pos: int) -> bool:
    """Whether a counting word (共, 收到, 为 ...) ends at `pos` (or before 了)."""
    ends = [pos]
    if pos > 0 and norm[pos - 1] == "了":
        ends.append(pos - 1)
    return any(
        norm.endswith(word, 0, end)
        for end in ends
        for word in _COUNT_PREFIXES_BY_LENGTH
    )


def _blocked_by_idiom(norm: str, start: int, end: int) -> bool:
    """Whether an idiom overlaps norm[start:end] and reaches outside it.

    An idiom that reaches outside the numeral crosses one of its two edges,
    so only idioms holding the two characters around an edge are tried.
    An idiom equal to the whole numeral blocks it too.
    """
    if norm[start:end] in _NOT_NUMBER_SET:
        return True
    for edge in (start, end):
        if 0 < edge < len(norm):
            for word, offset in _NOT_NUMBER_BIGRAMS.get(norm[edge - 1:edge + 1], ()):
                if norm.startswith(word, edge - 1 - offset):
                    return True
    lo = max(0, start - _NOT_NUMBER_PATTERN_REACH)
    hi = min(len(norm), end + _NOT_NUMBER_PATTERN_REACH)
    for m in _NOT_NUMBER_PATTERN_RE.finditer(norm, lo, hi):
        s, e = m.span(1)
        if s < end and e > start and (s < start or e > end or (s, e) == (start, end)):
            return True
    return False


def _range_ok(norm: str, first: _Numeral, sep: str, second: _Numeral) -> bool:
    """Whether `first sep second` reads as a range rather than a date etc."""
    if sep in _DASHES:
        if first.leading_zero or first.chinese or second.chinese:
            return False
        if first.start >= 2 and norm[first.start - 1] in "-/." and norm[first.start - 2].isdigit():
            return False
        after = norm[second.end:second.end + 2]
        if len(after) == 2 and after[0] in "-/." and after[1].isdigit():
            return False
    return _range_low(first, second) <= second.value


def _range_low(first: _Numeral, second: _Numeral) -> Decimal:
    """The lower end of a range; "3至5万" shares the multiplier: 30000."""
    if first.multiplier == 1 and second.multiplier > 1:
        scaled = first.value * second.multiplier
        if scaled <= second.value:
            return scaled
    return first.value


def _interval(
    low: Decimal, high: Decimal, approx: str | None
) -> tuple[Decimal, Decimal | None]:
    """Apply an approximation kind to a nominal interval."""
    if approx == "more":
        return low, None
    if approx == "about":
        a, b = low * (1 - ABOUT_TOLERANCE), high * (1 + ABOUT_TOLERANCE)
        if low < 0:
            a = low * (1 + ABOUT_TOLERANCE)
        if high < 0:
            b = high * (1 - ABOUT_TOLERANCE)
        return a, b
    if approx == "under":
        return min(Decimal(0), low), high
    return low, high


def _match_at(text: str, norm: str, pos: int) -> NumberMatch | None:
    """Build the NumberMatch for a candidate starting at `pos`, or None."""
    negative = False
    if norm[pos] == "-":
        if _sign_allowed(norm, pos):
            negative = True
        else:
            pos += 1
    num_pos = pos + 1 if negative else pos
    if pos > 0 and norm[pos - 1] == "第":
        return None  # ordinals are not counts
    first = _read_numeral(norm, num_pos)
    if first is None:
        return None
    if negative:
        first = first._replace(start=pos, value=-first.value)
    span_start, approx = _pre_qualifier(norm, pos)

    # A range written with one unit: 3至5件, 三到五件, 10%-20%.
    second: _Numeral | None = None
    sep = (
        _RANGE_SEP_RE.match(norm, first.end)
        if first.end < len(norm) and norm[first.end] in _RANGE_FIRST_CHARS
        else None
    )
    if sep and not negative:
        candidate = _read_numeral(norm, sep.end())
        if candidate and _range_ok(norm, first, sep.group(1), candidate):
            second = candidate
    last = second or first
    percent = first.percent or last.percent
    suffix = _read_suffix(norm, last.end, percent)

    # A range written with two units: 3件至5件.
    if (
        second is None
        and suffix.unit
        and suffix.end < len(norm)
        and norm[suffix.end] in _RANGE_FIRST_CHARS
    ):
        sep = _RANGE_SEP_RE.match(norm, suffix.end)
        if sep and not negative and suffix.approx is None:
            candidate = _read_numeral(norm, sep.end())
            if candidate and _range_ok(norm, first, sep.group(1), candidate):
                suffix2 = _read_suffix(norm, candidate.end, candidate.percent)
                if suffix2.unit == suffix.unit:
                    second, suffix = candidate, suffix2

    chinese = first.chinese or (second is not None and second.chinese)
    unit = suffix.unit
    percent = first.percent or (second is not None and second.percent)
    percent = percent or unit in PERCENT_UNITS
    if chinese and not _chinese_accepted(norm, span_start, first, second, suffix, percent):
        return None

    approx = approx or suffix.approx
    value = first.value
    if second is None:
        low, high = _interval(value, value, approx)
        kind = "number"
    else:
        value = _range_low(first, second)
        low, high = _interval(value, second.value, approx)
        kind = "range"
    end = suffix.end
    return NumberMatch(
        start=span_start, end=end, text=text[span_start:end], value=value,
        low=low, high=high, approx=approx, percent=percent, chinese=chinese,
        kind=kind, unit=unit,
    )


def _chinese_accepted(
    norm: str,
    span_start: int,
    first: _Numeral,
    second: _Numeral | None,
    suffix: _Suffix,
    percent: bool,
) -> bool:
    """Whether a match containing Chinese numerals counts something."""
    for num in (first, second):
        if num is not None and num.chinese:
            core_start = num.start + 3 if norm.startswith("百分之", num.start) else num.start
            core_end = num.end - 1 if norm[num.end - 1] == "%" else num.end
            if _blocked_by_idiom(norm, core_start, core_end):
                return False
    if suffix.counted or percent:
        return True
    if not _has_count_prefix(norm, span_start):
        return False
    last = second or first
    single_char = second is None and first.end - first.start == 1
    # 为一体, 达到一定: a lone character before more text is not a count.
    return not (single_char and suffix.end == last.end and suffix.end < len(norm)
                and _is_cjk(norm[suffix.end]))


def _plain_match(text: str, norm: str, start: int) -> NumberMatch | None:
    """The match for a plain Arabic number ("180", "180条"), or None.

    Returns None whenever anything around the number needs the full
    reading of _match_at; the result then equals what _match_at returns.
    """
    m = _PLAIN_RE.match(norm, start)
    if m is None:
        return None
    digits, unit = m.group(1, 2)
    end = m.end()
    if unit:
        blockers = UNIT_BLOCKERS.get(unit)
        if blockers and end < len(norm) and norm[end] in blockers:
            return None
    value = Decimal(digits)
    return NumberMatch(
        start, end, text[start:end], value, value, value, None,
        unit in PERCENT_UNITS, False, "number", unit,
    )


def find_numbers(text: str) -> list[NumberMatch]:
    """Return every number expression in `text`, in order, non-overlapping.

    Arabic numbers are always returned (the number ``2021`` in ``2021年``
    comes back with unit 年); an ASCII minus is a sign only where it cannot
    be a dash (start of text, after a space, a bracket, CJK text), so "3-5"
    is a range and "2020-01-01" three numbers. Numbers directly after 第
    are ordinals and are skipped, Arabic or Chinese.

    A Chinese numeral is returned only if it counts something: it is
    followed by a unit from UNITS (possibly after 余/多), by 余, by % or
    个百分点, or is written 百分之..., or it is preceded by a word from
    COUNT_PREFIXES (then a single character such as 一 must not be followed
    by more Chinese text). It is dropped when an idiom from NOT_NUMBERS /
    NOT_NUMBER_PATTERNS overlaps it and reaches outside it ("统一部署",
    "一次性", "两学一做"), when it does not parse ("十四五"), when it is
    a lone financial character ("陆续"), or when it is two or three digits
    read digit by digit ("五一", "三五"); four or more (二〇二〇) are read as
    a year-like number.
    """
    norm = text.translate(_NORMALIZE) if _NEEDS_NORMALIZE_RE.search(text) else text
    found: list[NumberMatch] = []
    last_end = 0
    for cand in _CANDIDATE_RE.finditer(norm):
        start = cand.start()
        if start < last_end:
            continue
        first_char = norm[start]
        if first_char in _CN_START:
            if _blocked_by_idiom(norm, start, cand.end()):
                continue  # cheap early exit for 统一部署, 一次性 ...
        elif first_char in _ASCII_DIGITS and not _may_have_pre_qualifier(norm, start):
            plain = _plain_match(text, norm, start)
            if plain is not None:
                found.append(plain)
                last_end = plain.end
                continue
        match = _match_at(text, norm, start)
        if match is not None:
            found.append(match)
            last_end = match.end
    return found


def interval_contains(m: NumberMatch, v: Decimal | int) -> bool:
    """Whether the true value `v` is consistent with the claim `m`.

    Bounds are inclusive: "不足10件" accepts 10 and "260余条" accepts 260.
    """
    value = v if isinstance(v, Decimal) else Decimal(v)
    if value < m.low:
        return False
    return m.high is None or value <= m.high
