"""text.year: a year other than the report year where the text speaks of the report year
(本年度, "2019年，我镇…" in a 2020 report, "现对2019年政府信息公开工作进行总结"), and a
statistics period other than 1 January–31 December of the report year. Next year's plans,
comparisons with earlier years, dates of laws and last year's problems are fine.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..claims import Extraction
from ..findings import Finding
from ..lexicon import Lexicon
from .figures import _contradiction, _resolved
from .truth import Truth

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_PERIOD = re.compile(
    r"(\d{4})\s*年?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起|开始|始)?\s*[，,]?\s*(?:至|到|—|－|-|~|～|—至)\s*"
    r"(?:(\d{4})\s*年?\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:止|结束)?"
)
_PERIOD_LEAD = re.compile(r"[^。！？\n；;，,]{0,30}$")
_AS_OF = re.compile(r"(?:截至|截止|截止到|截止至)(\d{4})年(?:12月31日|12月底|12月末|底|末)")
# the year requests were carried over from (2022年结转2件: the year before) or into (结转至2024年: the year after)
_CARRIED_FROM = re.compile(r"(\d{4})\s*年(?:度)?(?:的)?(?:申请)?(?:结转|转结)(?![至到入])")
_CARRIED_INTO = re.compile(r"(?:结转|转结|转入|转至)(?:至|到|入)?(\d{4})\s*年")
_SUBJECT = re.compile(
    r"(?:^|(?<=[。！？\n；;]))[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])?[ \t\u3000]*"
    r"(?:[一二三四五六七八九十]+是(?:[^，,。；;\d]{1,10}[，,])?)?"  # 三是2020年度我街… / 二是发布信息，2020年，…
    r"(?:(?:截至|截止)[^，,。；;]{0,14}?[，,]\s*)?"  # 截至2023年12月31日，我镇2022年新增…
    r"(?:(?:我|本)[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{2,8}?(?:镇|乡|街道|县|区|市|局|委|办|厅))?"  # 我局2020年… / 北岗镇2019年度…
    r"(\d{4})\s*年(度)?(?:全年|以来|期间|内|中|里)?(?=[，,、]|我|本|全|累计|共|主动公开|没有|未|尚未|暂未|新增|通过|依托|利用|新收|收到|受理|接到"
    r"|[\u4e00-\u9fff]{2,14}?(?:人民政府|政府|办事处|街道|镇|乡|县|区|局|委员会|办公室)(?:[\u4e00-\u9fff]{0,4}?)(?:坚持|认真|深入|持续|不断|全面|扎实|共|主动|严格|积极|围绕|按照|依据|根据|以))"
)
# a plan in a sentence about next year (2024年，我局将…); 要点 and 要求 are no plan
_FUTURE_VERB = re.compile(r"将(?!近)|计划(?:于|在|将|到)|力争|拟(?!定)|要(?:进一步|继续|加强|持续|着力|切实|在)")
_REPORT = re.compile(
    # the year of the report, with the body's name between (现向社会发布2021年度我局政府信息公开年度报告)
    r"(\d{4})年(?:度)?(?:的)?(?:[\u4e00-\u9fff]{0,14}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:情况)?(?:年度)?(?:报告|总结|情况报告如下)"
    r"|对(\d{4})年(?:度)?[^。，；\n]{0,20}?(?:进行|作)(?:了)?(?:总结|报告|梳理)"
    r"|本年度?[（(](\d{4})年?[)）]"
    # the year whose work the report is written from (结合2023年…政府信息公开工作实际，编写本报告)
    r"|(?:结合|依据|根据)(?:全市|全县|全区|全镇|本机关|本单位)?(\d{4})年(?:度)?[^。，；\n]{0,24}?(?:政府信息公开|政务公开|信息公开)工作(?:的)?(?:实际|情况)"
)
_PAST_OK = re.compile(r"(?:今年|本年度?)[^，,；;。]{0,6}?(?:增加|减少|增长|下降|上升|降低|提高|持平|增|减)|整改|上年|上一年|去年|相比|比较|较|同比|对比|以来|首次|至今|连续|此前|之前|\d{4}年(?:度)?(?:起|开始)|[自从]\d{4}年")
_LIST_ITEM = re.compile(r"^、|\|、")  # the title stands between 、 marks: an item of a list
_STAT_WORDS = re.compile(r"统计|数据|期限|时限|期间|区间|周期|报告期|时间")


# A verb that publishes or files a report right before its year (发布了2023年度…报告): last year's report.
_LAST_REPORT_PUBLISHED = re.compile(
    r"(?<!现)(?:公开|发布|公布|报送|上报|刊登|刊载)了[^，。；]{0,8}$"
    r"|(?<!现)(?:公开|发布|公布|报送|上报|编制)(?:并发布|并公开|发布)?《[^》]{0,20}$"  # 按期公布《…2019年度…报告》
)


def _normalize_years(norm: str) -> str:
    return _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGITS), norm)


def _sentence_at(norm: str, pos: int) -> str:
    start = max(norm.rfind(ch, 0, pos) for ch in "。！？\n") + 1
    ends = [i for i in (norm.find(ch, pos) for ch in "。！？\n") if i != -1]
    return norm[start : min(ends) if ends else len(norm)]


def _period_quote(norm: str, start: int, end: int) -> int:
    """Where the statistics-period clause starts (本报告中所列数据的统计期限自…): the quote
    covers the clause, not only the dates."""
    lead = _PERIOD_LEAD.search(norm, 0, start)
    if lead is None:
        return start
    s = lead.start()
    while s < start and norm[s] in " \t\u3000":
        s += 1
    return s if _STAT_WORDS.search(norm, s, start) else start


def year_votes(texts: dict[str, str], lex: Lexicon) -> Counter[int]:
    """The years the narrative speaks of as the report year: statistics periods, 现对N年…进行总结,
    N年，我镇… (comparisons, past and future sentences left out). The preamble, often copied
    whole from last year's report, is one vote (its most frequent year); every other mention
    is one vote."""
    votes: Counter[int] = Counter()
    for sid, text in texts.items():
        norm = _normalize_years(lex.normalize(text))
        found: list[int] = []
        for m in _PERIOD.finditer(norm):
            window = norm[max(0, m.start() - 24) : m.start()]
            if _STAT_WORDS.search(window) or sid == "s0_preamble":
                found.append(int(m.group(1)))
        for m in _REPORT.finditer(norm):
            sentence = _sentence_at(norm, m.start())
            if not _PAST_OK.search(sentence) and not lex.future.search(sentence):
                found.append(int(next(g for g in m.groups() if g)))
        for m in _SUBJECT.finditer(norm):
            sentence = _sentence_at(norm, m.start(1))
            if not _PAST_OK.search(sentence) and not lex.future.search(sentence):
                found.append(int(m.group(1)))
        found = [y for y in found if 1990 <= y <= 2100]
        if not found:
            continue
        if sid == "s0_preamble":
            votes[Counter(found).most_common(1)[0][0]] += 1
        else:
            votes.update(found)
    return votes


def check_years(text: str, year: int, section: str, lex: Lexicon, offset: int = 0) -> list[Finding]:
    norm = _normalize_years(lex.normalize(text))
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()

    def add(start: int, end: int, found: int | str, message: str) -> None:
        if any(s < end and start < e for s, e in seen):
            return
        seen.add((start, end))
        quote = text[start:end]
        out.append(
            Finding(
                "text.year", "error", message.format(quote=quote), section=section, quote=quote,
                span=(start + offset, end + offset), expected=year, found=found,
            )
        )

    for m in _PERIOD.finditer(norm):
        y1, mo1, d1, y2, mo2, d2 = m.groups()
        y2 = y2 or y1
        window = norm[max(0, m.start() - 24) : m.start()]
        if not (_STAT_WORDS.search(window) or section == "s0_preamble"):
            continue
        if (int(y1), int(mo1), int(d1), int(y2), int(mo2), int(d2)) != (year, 1, 1, year, 12, 31):
            add(_period_quote(norm, m.start(), m.end()), m.end(), norm[m.start() : m.end()],
                f"正文称“{{quote}}”，但{year}年度报告的统计期限应为{year}年1月1日至{year}年12月31日。请改正。")
    for m in _CARRIED_FROM.finditer(norm):
        y = int(m.group(1))
        if y >= year:  # an earlier year may be an old request still pending; this year or later never is
            add(m.start(), m.end(), y, f"正文称“{{quote}}”，但{year}年度报告中上年结转的申请来自{year - 1}年。请改正年份。")
    for m in _CARRIED_INTO.finditer(norm):
        y = int(m.group(1))
        if y != year + 1 and y <= year:
            add(m.start(), m.end(), y, f"正文称“{{quote}}”，但{year}年度报告中结转的申请转入{year + 1}年。请改正年份。")
    for m in _AS_OF.finditer(norm):
        y = int(m.group(1))
        if y != year and section in ("s0_preamble", "s1_overview"):
            add(m.start(), m.end(), y, f"正文称“{{quote}}”，但本报告是{year}年度报告，数据应截至{year}年12月31日。请改正。")
    for m in _REPORT.finditer(norm):
        y = int(next(g for g in m.groups() if g))
        if y == year:
            continue
        sentence = _sentence_at(norm, m.start())
        if section in ("s5_problems", "s6_other") and y < year and _PAST_OK.search(sentence):
            continue
        if y < year and re.search(r"整改|上年|去年", sentence):
            continue
        if y == year - 1 and _LAST_REPORT_PUBLISHED.search(norm[max(0, m.start() - 30):m.start()]):
            continue  # 公开了我委2023年度政府信息公开工作报告: last year's report, published this year
        if y == year - 1 and _LIST_ITEM.search(norm[max(0, m.start() - 1):m.start()] + "|" + norm[m.end():m.end() + 1]) \
                and re.search(r"公开|发布|公布|包括|包含|涵盖", sentence):
            continue  # 内容包括…、2022年政府信息公开工作年度报告、…: an item published this year
        add(m.start(), m.end(), y, f"正文称“{{quote}}”，但本报告是{year}年度报告。请把年份改为{year}年。")
    for m in _SUBJECT.finditer(norm):
        y = int(m.group(1))
        if y == year:
            continue
        start = m.start(1)
        sentence = _sentence_at(norm, start)
        after = norm[m.end(1) : m.end(1) + 3]
        if y == year + 1:
            if section in ("s5_problems", "s6_other") or lex.future.search(sentence) or "月" in after[:3]:
                continue
            if _FUTURE_VERB.search(sentence):
                continue
        elif y < year:
            tail = re.escape(norm[m.end() : m.end() + 2])
            if _PAST_OK.search(sentence) or (tail and re.search(rf"(?<!\d){year}\s*年(?:度)?{tail}", sentence)):
                continue  # 2021年收到申请25件，2023年收到申请16件: the years side by side
            if re.match(r"\d{1,2}月", norm[m.end(1) + 1 : m.end(1) + 4]):
                continue
        elif lex.future.search(sentence):
            continue
        end = m.end(1) + 1 + (1 if m.group(2) else 0)
        add(start, end, y, f"正文以“{{quote}}”叙述本年度工作，但本报告是{year}年度报告。请把年份改为{year}年。")
    return out




_LEADING_YEAR = re.compile(
    r"(?:^|(?<=[。！？\n；;]))[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])?[ \t\u3000]*"
    r"(\d{4})年(度)?(?:全年|期间|内|中|里)?(?![\d月])"
)


def check_year_of_figures(
    text: str, year: int, section: str, lex: Lexicon, extraction: Extraction, truth: Truth, offset: int = 0
) -> tuple[list[Finding], set[tuple[int, int]], set[tuple[int, int]]]:
    """Last year's year left on this year's figures: a sentence that opens with the year before
    the report year (2022年，县人民政府共收到政府信息公开申请23件 in a 2023 report) and whose
    figures all match this year's tables, and not last year's data when it is given. Returns the
    text.year findings, the spans of the figures they explain (no contradiction with last year's
    data then), and the spans of year openings whose figures are last year's (2022年，我镇收到
    申请3件 with last year's 3: no text.year error)."""
    norm = _normalize_years(lex.normalize(text))
    found: list[Finding] = []
    explained: set[tuple[int, int]] = set()
    last_years: set[tuple[int, int]] = set()
    for m in _LEADING_YEAR.finditer(norm):
        if int(m.group(1)) != year - 1:
            continue
        ends = [i for i in (norm.find(ch, m.end()) for ch in "。！？\n") if i != -1]
        s_end = min(ends) if ends else len(norm)
        claims = [c for c in extraction.claims if c.kind == "figure" and c.metric and m.end(1) <= c.start < s_end
                  and c.relation == "previous"]
        if not claims:
            continue
        year_span = (m.start(1) + offset, m.end(1) + 1 + (1 if m.group(2) else 0) + offset)
        previous = [c for c in claims if _resolved(c, truth)]
        if previous and all(_contradiction(c, truth, None, 0) is None for c in previous):
            last_years.add(year_span)  # true of last year
            continue
        now = [replace(c, relation="current") for c in claims]
        if not all(_resolved(c, truth) and _contradiction(c, truth, None, 0) is None for c in now):
            continue
        quote = text[year_span[0] - offset : year_span[1] - offset]
        found.append(Finding(
            "text.year", "error",
            f"正文以“{quote}”开头叙述的数字与本年度（{year}年）表格一致，应是本年度的情况。可能是沿用了上年报告的年份，请把年份改为{year}年。",
            section=section, quote=quote, span=year_span, expected=year, found=year - 1,  # type: ignore[arg-type]
        ))
        explained.update((c.start + offset, c.end + offset) for c in claims)
    return found, explained, last_years


__all__ = ["check_year_of_figures", "check_years", "year_votes"]
