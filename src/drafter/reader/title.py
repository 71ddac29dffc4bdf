"""The report's title: which paragraph it is, and the body and year it names."""

from __future__ import annotations

import re

from .labels import key, nfkc

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "O": "0", "o": "0", "0": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
# 二〇二三年 (also typed with a letter O or a digit 0 for 〇)
_CN_YEAR = re.compile(r"([〇零○Oo0一二三四五六七八九]{4})\s*年度?")
_TITLE_HINT = re.compile(r"信息公开.{0,12}(?:年度报告|年报|工作报告)|年度.{0,4}信息公开.{0,6}报告")
_ORG_SUFFIX = ("政府", "局", "委", "委员会", "办", "办公室", "中心", "处", "厅", "院", "会", "街道", "镇", "乡", "所", "站", "部")
_PERIOD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_NOT_IN_TITLE = re.compile(r"[。，,；;：:>|｜_]|发布|来源|索引号|浏览")
MAX_TITLE = 80
MAX_TITLE_LINE = 40  # each line of a title printed over several lines
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def looks_like_title(text: str) -> bool:
    """Short, no full stop, and names an annual disclosure report (…信息公开…年度报告 / 年报)."""
    t = nfkc(text)
    return len(t) <= MAX_TITLE and "。" not in t and bool(_TITLE_HINT.search(t))


def _title_piece(text: str) -> bool:
    """A line that can be part of a title printed over several lines."""
    t = nfkc(text).strip()
    return 0 < len(t) <= MAX_TITLE_LINE and not _NOT_IN_TITLE.search(t)


def find_title(paragraphs: list[str], hint: str = "", last: bool = False) -> tuple[int, int] | None:
    """The paragraphs [start, end) that print the title, among those before the first
    section heading. A title may be printed over two or three lines (伊川县鸣皋镇人民政府 /
    2020年政府信息公开工作年度报告; 鸣皋镇人民政府2020年政府信息 / 公开工作年度报告).

    Preferred, in order: the one that is the page's own title (`hint`, e.g. HTML <title>),
    one naming its year (not a breadcrumb such as 首页 > 政务公开 > 政府信息公开年报), the
    first one (the last one with `last`: the title right above a web page's article, not
    the links to other years' reports in a side menu)."""
    found: list[tuple[int, int]] = []
    for i in range(len(paragraphs)):
        span = _title_at(paragraphs, i)
        if span is not None and not any(a <= i < b for a, b in found):
            found.append(span)
    if not found:
        return None
    if last:
        found.reverse()
    hint_key = key(hint) if hint else ""
    texts = [title_text(paragraphs, span) for span in found]
    same = next((span for span, text in zip(found, texts, strict=True) if hint_key and key(text) == hint_key), None)
    if same is not None:
        return same
    return next((span for span, text in zip(found, texts, strict=True) if title_year(text) is not None), found[0])


def _title_at(paragraphs: list[str], i: int) -> tuple[int, int] | None:
    if looks_like_title(paragraphs[i]):
        start, end = i, i + 1
    else:
        end = next((i + n for n in (2, 3) if i + n <= len(paragraphs)
                    and all(_title_piece(p) and not looks_like_title(p) for p in paragraphs[i:i + n])
                    and looks_like_title("".join(paragraphs[i:i + n]))), 0)
        if not end:
            return None
        start = i
    if start > 0 and join_split_title(paragraphs[start - 1], "".join(paragraphs[start:end])):
        start -= 1
    return start, end


def title_text(paragraphs: list[str], span: tuple[int, int]) -> str:
    """The title as one line (a title printed over several lines joined)."""
    return "".join(p.strip() for p in paragraphs[span[0]:span[1]])


def join_split_title(previous: str, title: str) -> bool:
    """The line before a title belongs to it: the body (伊川县鸣皋镇人民政府 /
    2020年政府信息公开…), the year (2020年度 / 鸣皋镇人民政府政府信息公开…) or both
    (鸣皋镇人民政府2020年 / 政府信息公开工作年度报告) printed on a line of their own."""
    prev = nfkc(previous).strip()
    if not _title_piece(prev) or looks_like_title(prev):
        return False
    head = nfkc(title).strip()
    starts_with_year = bool(re.match(r"^\s*((?:19|20)\d{2}|[〇零○Oo0一二三四五六七八九]{4})\s*年", head))
    if prev.endswith(_ORG_SUFFIX) and (starts_with_year or title_organization(head) is None):
        return True
    prev_year = title_year(prev)
    return prev_year is not None and title_year(head) is None and bool(re.search(r"年度?$", prev))


def title_year(title: str) -> int | None:
    text = nfkc(title)
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    if m:
        return int("".join(_CN_DIGITS[ch] for ch in m.group(1)))
    return None


def title_organization(title: str) -> str | None:
    """The body named in the title, as printed (鸣皋镇人民政府)."""
    text = re.sub(r"\s+", "", title).translate(_FULL_DIGITS)
    text = _YEAR.sub("", text, count=1) if _YEAR.search(text) else _CN_YEAR.sub("", text, count=1)
    text = re.sub(r"^(?:关于|《)+", "", text)
    cut = text.rfind("政府信息公开")
    if cut < 0:
        cut = text.find("信息公开")
    if cut <= 0:
        return None
    org = text[:cut].strip("《》“”\"' -—_:：")
    org = re.sub(r"(?:19|20)\d{2}年度?$", "", org)
    return org or None


def guess_level(organization: str | None) -> str | None:
    """township / department / county / city / province from the body's name, or None."""
    if not organization:
        return None
    name = nfkc(organization)
    if re.search(r"(局|委|委员会|办|办公室|中心|厅|署|处|所|站)$", name) and "街道办" not in name:
        return "department"
    if re.search(r"(镇|乡|街道)(人民政府|办事处)?$", name) or name.endswith("街道办事处"):
        return "township"
    head = name[: -len("人民政府")] if name.endswith("人民政府") else name
    if head.endswith(("县", "区", "旗")):
        return "county"
    if head.endswith("市"):
        return "city"
    if head.endswith(("省", "自治区")):
        return "province"
    return None


def period_year(text: str) -> int | None:
    """The year of a statistics period (自2020年1月1日起…), a fallback when the title has none."""
    m = _PERIOD_YEAR.search(nfkc(text))
    return int(m.group(1)) if m else None
