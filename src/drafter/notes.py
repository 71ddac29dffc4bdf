"""The clerk's notes file (spec/data-format.md §2): Markdown headings name the sections,
bullets are raw notes. `# 总体情况` may have `##` sub-headings.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field

from .errors import InputError, Problem
from .textio import read_text

# heading text (punctuation and numbering stripped) -> slot
HEADINGS: dict[str, str] = {
    "总体情况": "overview",
    "存在的主要问题": "problems",
    "主要问题": "problems",
    "存在问题": "problems",
    "改进措施": "measures",
    "改进情况": "measures",
    "下一步工作": "measures",
    "存在的主要问题及改进情况": "problems_and_measures",
    "政府信息公开工作存在的主要问题及改进情况": "problems_and_measures",
    "上年度问题整改情况": "rectification",
    "上年度存在问题整改情况": "rectification",
    "其他需要报告的事项": "other",
}

_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])\s*")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_EMPTY_BULLETS = {"", "（全年工作概况）"}


class Topic(BaseModel):
    title: str  # as the clerk wrote it, numbering stripped (主动公开, 基层政务公开标准化规范化 …)
    bullets: list[str] = Field(default_factory=list)


class Notes(BaseModel):
    overview: list[str] = Field(default_factory=list)  # bullets directly under 总体情况
    topics: list[Topic] = Field(default_factory=list)  # ## sub-headings of 总体情况, in order
    problems: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    rectification: list[str] = Field(default_factory=list)
    other: list[str] = Field(default_factory=list)
    source: str | None = None

    def all_bullets(self) -> list[tuple[str, str]]:
        """(where, bullet) for every bullet: where is 总体情况, a topic title, or a slot name."""
        out = [("总体情况", b) for b in self.overview]
        out += [(t.title, b) for t in self.topics for b in t.bullets]
        out += [("存在的主要问题", b) for b in self.problems]
        out += [("改进措施", b) for b in self.measures]
        out += [("上年度问题整改情况", b) for b in self.rectification]
        out += [("其他需要报告的事项", b) for b in self.other]
        return out



def _key(heading: str) -> str:
    text = _NUMBERING.sub("", heading.strip())
    return re.sub(r"[\s。：:]", "", text)


def load_notes(path: str | Path, encoding: str | None = None) -> Notes:
    notes = parse_notes(read_text(path, encoding), str(path))
    notes.source = str(path)
    return notes


def parse_notes(text: str, source: str = "") -> Notes:
    """Parse notes Markdown; unknown top-level headings are an error naming the line."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    notes = Notes(source=source or None)
    slot: str | None = None
    topic: Topic | None = None
    problems: list[Problem] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## ") or line.startswith("### "):
            title = _NUMBERING.sub("", line.lstrip("#").strip()).rstrip("。：:")
            if slot != "overview":
                slot_key = HEADINGS.get(_key(title))
                if slot_key:  # a top-level heading written with ##
                    slot, topic = slot_key, None
                    continue
                problems.append(Problem(f"二级标题“{title}”只能放在“# 总体情况”之下。", "", lineno))
                continue
            topic = Topic(title=title)
            notes.topics.append(topic)
            continue
        if line.startswith("#"):
            title = line.lstrip("#").strip()
            slot_key = HEADINGS.get(_key(title))
            if slot_key is None:
                known = "、".join(k for k in HEADINGS if len(k) <= 12)
                problems.append(Problem(f"不认识的标题“{title}”。可用的一级标题：{known}。", "", lineno))
                slot = None
                continue
            slot, topic = slot_key, None
            continue
        bullet = re.sub(r"^([-*+]|\d+[.、])\s*", "", line).strip()
        if bullet in _EMPTY_BULLETS:
            continue
        if slot is None:
            problems.append(Problem("这一行不在任何标题之下。请放到“# 总体情况”等标题下面。", "", lineno))
            continue
        if slot == "overview":
            (topic.bullets if topic else notes.overview).append(bullet)
        elif slot == "problems_and_measures":
            (notes.measures if _looks_like_measure(bullet) else notes.problems).append(bullet)
        else:
            getattr(notes, slot).append(bullet)
    if problems:
        raise InputError(f"素材文件有 {len(problems)} 处问题：", source, problems)
    return notes


def _looks_like_measure(bullet: str) -> bool:
    return bool(re.match(r"^(将|要|进一步|加强|强化|完善|提高|提升|推进|健全|持续|继续|下一步)", bullet))
