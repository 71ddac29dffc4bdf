"""The six section headings (一、总体情况 … 六、其他需要报告的事项) and how a printed
heading line is recognised: a Chinese numeral, an optional separator (、 . ， : or a
space) and a label close to the official one. The section id is chosen by number AND
label: a label that clearly names another section wins over its number, so that a
misnumbered section is recorded as printed and the validator can say so.

Reports are also printed in the outline used before the 2019 format (一、概述 … 四、政府信息
公开的收费及减免情况 … 七、其他需要报告的事项): each of those names is mapped to the
section of today's outline that holds the same content (the fees section has none), and the
heading is marked `old` so that the structure finding can say which outline was used. A
heading run into its first paragraph (一、总体情况。2023年，我局…) is cut off it
(`split_run_in`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..formats import get_format
from .labels import key, nfkc, similarity

_HEAD = re.compile(r"^(?:第)?([一二三四五六七八九十]{1,2})(?:部分)?\s*([、.,:;\s]?)\s*(\S.*?)\s*$")
MAX_HEADING = 40
NUMBER_MATCH = 0.6  # label similarity needed when the number agrees
LABEL_ONLY = 0.85  # label similarity needed when the number does not


@dataclass(frozen=True)
class Heading:
    id: str  # s1_overview … s6_other, or "unknown" for a styled heading matching none
    number: str  # 一 … 六 as printed
    text: str  # the heading line as printed
    old: bool = False  # a section name of the outline used before the 2019 format


# Section names of the outline used before the 2019 format → the section of today's outline
# with the same content ("unknown": the fees section, which today's outline does not have).
OLD_LABELS = {
    "概述": "s1_overview", "概况": "s1_overview", "工作概述": "s1_overview",
    "总体概述": "s1_overview", "政府信息公开工作概述": "s1_overview", "政府信息公开工作概况": "s1_overview",
    "主动公开政府信息的情况": "s2_proactive", "政府信息主动公开情况": "s2_proactive",
    "依申请公开政府信息情况": "s3_requests", "依申请公开政府信息的情况": "s3_requests",
    "依申请公开情况": "s3_requests", "政府信息依申请公开情况": "s3_requests",
    "政府信息公开申请的办理情况": "s3_requests", "政府信息公开申请办理情况": "s3_requests",
    "政府信息公开的收费及减免情况": "unknown", "政府信息公开收费及减免情况": "unknown",
    "收费及减免情况": "unknown", "政府信息公开的收费及减免": "unknown",
    "因政府信息公开申请行政复议、提起行政诉讼的情况": "s4_review_litigation",
    "因政府信息公开申请提起行政复议、行政诉讼的情况": "s4_review_litigation",
    "因政府信息公开申请行政复议、行政诉讼的情况": "s4_review_litigation",
    "政府信息公开行政复议和行政诉讼情况": "s4_review_litigation",
    "行政复议和行政诉讼情况": "s4_review_litigation",
    "存在的主要问题和改进措施": "s5_problems", "存在的问题及改进措施": "s5_problems",
    "主要问题及改进措施": "s5_problems", "政府信息公开工作存在的问题及改进措施": "s5_problems",
}
OLD_MATCH = 0.9  # label similarity needed for an old section name


@lru_cache(maxsize=1)
def _old() -> tuple[tuple[str, str], ...]:
    return tuple((key(label), section_id) for label, section_id in OLD_LABELS.items())


def _old_section(label_key: str) -> str | None:
    best, found = 0.0, None
    for k, section_id in _old():
        score = 1.0 if k == label_key else similarity(label_key, k)
        if score > best:
            best, found = score, section_id
    return found if best >= OLD_MATCH else None


@lru_cache(maxsize=1)
def _sections() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    out = []
    for section in get_format("2021").sections:
        labels = (section.label, *section.alt_labels)
        out.append((section.id, section.number, tuple(key(label) for label in labels)))
    return tuple(out)


def _score(label_key: str, official: tuple[str, ...]) -> float:
    best = 0.0
    for k in official:
        best = max(best, similarity(label_key, k))
        if k in label_key and len(label_key) <= len(k) + 12:
            best = max(best, 0.95)
    return best


@lru_cache(maxsize=4096)
def match_heading(text: str, styled: bool = False) -> Heading | None:
    """The section heading this paragraph is, or None for body text."""
    printed = text.strip()
    norm = nfkc(printed).strip().rstrip(":")
    if not norm or len(norm) > MAX_HEADING:
        return None
    m = _HEAD.match(norm)
    if m is None:
        return _unnumbered(printed, norm, styled)
    number, separator, label = m.group(1), m.group(2), m.group(3)
    label_key = key(label)
    old = _old_section(label_key)
    if old is not None and not any(label_key in official for _, _, official in _sections()):
        return Heading(old, number, printed, old=True)
    ranked: list[tuple[float, str]] = []
    for section_id, section_number, official in _sections():
        score = _score(label_key, official)
        same_number = number == section_number
        if (same_number and score >= NUMBER_MATCH) or score >= LABEL_ONLY:
            ranked.append((score + (0.1 if same_number else 0.0), section_id))
    if ranked:
        return Heading(max(ranked)[1], number, printed)
    if styled and separator and not norm.startswith("第") and "。" not in norm:
        return Heading("unknown", number, printed)
    return None


def _unnumbered(printed: str, norm: str, styled: bool) -> Heading | None:
    """A heading printed without its numeral: Word's automatic numbering keeps 一、 out of
    the text. Accepted when styled as a heading (or numbered) and close to a label, or
    when the line is exactly an official label."""
    label_key = key(norm)
    for section_id, _, official in _sections():
        if label_key in official or (styled and _score(label_key, official) >= LABEL_ONLY):
            return Heading(section_id, "", printed)
    old = next((section_id for k, section_id in _old() if k == label_key), None)
    return Heading(old, "", printed, old=True) if old is not None else None


_RUN_IN = re.compile(r"(?:^|(?<=[。！？!?]))\s*(?:第)?[一二三四五六七八九十]{1,2}(?:部分)?\s*[、.．]\s*")
_LIST_MARK = "；;，,、"  # a label followed by one of these is an item of a list (全文包括：一、总体情况；二、…)
MIN_RUN_IN = 4  # characters of text after a heading for the line to be a run-in paragraph
_AFTER_HEADING = "。：:，,．.；; \u3000"


@lru_cache(maxsize=1)
def _all_labels() -> tuple[str, ...]:
    labels = {label for s in get_format("2021").sections for label in (s.label, *s.alt_labels)}
    labels |= {label for s in get_format("2019").sections for label in (s.label, *s.alt_labels)}
    return tuple(sorted(labels | set(OLD_LABELS), key=len, reverse=True))


def split_run_in(text: str) -> list[tuple[int, int]] | None:
    """A paragraph that runs one or more section headings into the text (一、总体情况。2023年，
    我局…二、主动公开政府信息情况。…) cut into heading lines and paragraphs: the [start, end)
    of each piece in order (the punctuation right after a heading is left out); None when it
    holds no run-in heading."""
    cuts: list[tuple[int, int, int]] = []  # heading start, heading end, where the text after it starts
    for m in _RUN_IN.finditer(text):
        label = next((lb for lb in _all_labels() if text.startswith(lb, m.end())), None)
        if label is None:
            continue
        end = m.end() + len(label)
        if end < len(text) and text[end] in _LIST_MARK:
            continue
        after = end
        while after < len(text) and text[after] in _AFTER_HEADING:
            after += 1
        if after < len(text) and ((after == end and text[after] in "（(【[") or len(text) - after < MIN_RUN_IN) \
                and m.start() == 0:
            continue  # 二、主动公开政府信息情况（单位：件）: a heading with a note, not a run-in paragraph
        if after < len(text) or m.start() > 0:
            cuts.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), end, after))
    if not cuts:
        return None
    ranges: list[tuple[int, int]] = []
    position = 0
    for start, end, after in cuts:
        ranges += [(position, start), (start, end)]
        position = after
    ranges.append((position, len(text)))
    out = []
    for a, b in ranges:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def official_heading(section_id: str) -> str:
    section = get_format("2021").section(section_id)
    return f"{section.number}、{section.label}"
