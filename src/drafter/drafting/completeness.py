"""Coverage: does a model's section say everything the report must say?

The validator checks that what the text says is true; this module checks that nothing
required was left out. What is required comes from the format and the clerk's notes, never
from one example:

- 一 总体情况: a sub-heading for every sub-item the offline composer writes from material
  (the notes' own sub-headings, the format's required list, 依申请公开 always), and the
  year's new requests from 表三 (a 【F:requests.new_received.total】 reference, or 未收到… when
  the table says 0).
- 五 问题及改进: at least one of the clerk's problems and one of the measures, recognisably
  (most of a bullet's character pairs appear in the text: a paraphrase passes, a generic
  “仍有改进空间” does not).
- 六 其他事项 (2021 format): the 信息处理费 statement.

A gap is a `draft.incomplete` finding (an error): the gate asks for a repair and falls back
to the offline text as it does for a contradiction. The messages name what is missing in
plain words, so they serve both the repair prompt and the reviewer's mark.
"""

from __future__ import annotations

import re

from ..data import ReportData
from ..findings import Finding
from ..notes import Notes
from ..report import Paragraph
from .offline import CANONICAL_TOPICS, OfflineComposer, canonical_topic, clause

RULE = "draft.incomplete"
REQUESTS_TOTAL = "requests.new_received.total"
_ZERO_REQUESTS = re.compile(r"(?:未|没有|无)(?:收到|受理|接到|接收|新收)[^。；]{0,12}申请")
_HEADING_START = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_NON_CJK = re.compile(r"[^\u4e00-\u9fff]")
OVERLAP = 0.5  # share of a bullet's character pairs that must appear in the text


def topic_key(title: str) -> tuple[str, ...]:
    """The words by which a sub-heading is recognised."""
    kind = canonical_topic(title)
    if kind is not None:
        return next(keys for name, keys in CANONICAL_TOPICS if name == kind)
    core = re.sub(r"(?:情况|工作)$", "", clause(title))
    return (core,)


def headings(paragraphs: list[Paragraph]) -> list[str]:
    """Sub-headings: paragraphs marked as such, or starting with （一）… (a model that forgot the flag)."""
    return [p.text[:40] for p in paragraphs if p.heading or _HEADING_START.match(p.text)]


def pairs(text: str) -> set[str]:
    chars = _NON_CJK.sub("", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def mentions(text: str, bullet: str) -> bool:
    wanted = pairs(bullet)
    if not wanted:
        return True
    return len(wanted & pairs(text)) / len(wanted) >= OVERLAP


def short(bullet: str, limit: int = 20) -> str:
    text = clause(bullet)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def incomplete(message: str, section: str) -> Finding:
    return Finding(RULE, "error", message, section=section)


def check_complete(
    data: ReportData,
    notes: Notes,
    composer: OfflineComposer,
    section_id: str,
    paragraphs: list[Paragraph],
    used: set[str],
) -> list[Finding]:
    """draft.incomplete findings for a model's section (empty when it is complete)."""
    text = "\n".join(p.text for p in paragraphs)
    out: list[Finding] = []
    if section_id == "s1_overview":
        found = headings(paragraphs)
        lacking = [
            clause(title)
            for title, body in composer.topics()
            if any(body) and not any(any(k in h for k in topic_key(title)) for h in found)
        ]
        if lacking:
            out.append(
                incomplete(
                    f"缺少分项“{'”“'.join(lacking)}”：每个分项应有小标题（如“（一）{lacking[0]}情况”）和正文。", section_id
                )
            )
        zero = composer.n(REQUESTS_TOTAL) == 0
        if REQUESTS_TOTAL not in used and not (zero and _ZERO_REQUESTS.search(text)):
            out.append(incomplete("没有写明本年新收政府信息公开申请的件数（表三“本年新收”）。", section_id))
    elif section_id == "s5_problems":
        for items, label in ((notes.problems, "存在的问题"), (notes.measures, "改进措施")):
            if items and not any(mentions(text, b) for b in items):
                out.append(incomplete(f"没有写出素材中的任何一条{label}（如“{short(items[0])}”）。", section_id))
    elif section_id == "s6_other" and data.format == "2021" and "信息处理费" not in text:
        given = next((b for b in notes.other if "信息处理费" in b), None)
        source = f"（素材：“{short(given, 30)}”）" if given else "（没有收取的，写“本年度未收取信息处理费”）"
        out.append(incomplete(f"没有写明信息处理费的收取情况{source}。", section_id))
    return out
