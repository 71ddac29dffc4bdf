"""The report's title: which paragraph it is, and the body and year it names."""

from __future__ import annotations

import re

from .labels import nfkc

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年度?")
_TITLE_HINT = re.compile(r"信息公开.{0,12}(?:年度报告|年报|工作报告)|年度.{0,4}信息公开.{0,6}报告")
_ORG_SUFFIX = ("政府", "局", "委", "委员会", "办", "办公室", "中心", "处", "厅", "院", "会", "街道", "镇", "乡", "所", "站", "部")
_PERIOD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
MAX_TITLE = 80
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def looks_like_title(text: str) -> bool:
    """Short, no full stop, and names an annual disclosure report (…信息公开…年度报告 / 年报)."""
    t = nfkc(text)
    return len(t) <= MAX_TITLE and "。" not in t and bool(_TITLE_HINT.search(t))


def pick_title(paragraphs: list[str]) -> int | None:
    """Index of the title among the paragraphs before the first section heading."""
    for i, text in enumerate(paragraphs):
        if looks_like_title(text):
            return i
    return None


def join_split_title(previous: str, title: str) -> bool:
    """A title printed on two lines: 伊川县鸣皋镇人民政府 / 2020年政府信息公开工作年度报告."""
    prev = nfkc(previous).strip()
    return (
        0 < len(prev) <= 40
        and not re.search(r"[。，；：:,;>]", prev)
        and prev.endswith(_ORG_SUFFIX)
        and bool(re.match(r"^\s*((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年", nfkc(title)))
    )


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
