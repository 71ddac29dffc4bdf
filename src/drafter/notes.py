"""The clerk's notes file (spec/data-format.md §2): headings name the sections, the lines
under them are raw notes. Read from Markdown (.md), plain text (.txt) or Word (.docx).

Headings are recognised as clerks type them: `# 总体情况` / `## 主动公开`, or the report's
own numbering without any mark (一、总体情况, （一）主动公开, 二、存在的主要问题及改进情况),
or Word heading styles (Heading 1/2, 标题 1/2). Bullets may start with -, *, 1. or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
MAX_WORD_BYTES = 30_000_000  # a Word file with photos can be large
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


NOTES_SUFFIXES = (".md", ".txt", ".docx")  # the forms `find_notes` looks for, in this order
_TOP_NUMBER = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*")
_SUB_NUMBER = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*")
_SENTENCE = re.compile(r"[。；;，,！？]")
MAX_SUB_TITLE = 24  # a （一）line longer than this, or with sentence punctuation, is a note


@dataclass(frozen=True)
class Line:
    """One line of a notes file: its text, the heading level its form gives it (1 for # or
    Heading 1, 2 for ## or Heading 2, 0 for plain text) and where it is (line or paragraph)."""

    text: str
    level: int = 0
    line: int | None = None  # 1-based line of a text file
    paragraph: int | None = None  # 1-based paragraph of a Word file

    def problem(self, message: str) -> Problem:
        return Problem(message, f"第{self.paragraph}段" if self.paragraph else "", self.line)


def find_notes(data_file: str | Path) -> Path | None:
    """The notes file beside a data file (notes.md, notes.txt or notes.docx), if any."""
    folder = Path(data_file).parent
    return next((folder / f"notes{s}" for s in NOTES_SUFFIXES if (folder / f"notes{s}").is_file()), None)


def load_notes(path: str | Path, encoding: str | None = None) -> Notes:
    """Read a notes file: Word (.docx, by content), else text (Markdown or plain)."""
    from .textio import read_bytes

    p = Path(path)
    if p.suffix.lower() in (".doc", ".wps"):
        raise InputError("这是旧版 Word/WPS 文件，无法直接读取。请在 Word/WPS 中“另存为” .docx 或纯文本 .txt 后重试。", str(p))
    data = read_bytes(p, MAX_WORD_BYTES)
    if data.startswith(b"PK\x03\x04") or p.suffix.lower() == ".docx":
        from .notes_word import word_lines

        notes = parse_lines(word_lines(data, str(p)), str(p))
    else:
        notes = parse_notes(read_text(p, encoding), str(p))  # read again: text has its own size bound
    notes.source = str(p)
    return notes


def parse_notes(text: str, source: str = "") -> Notes:
    """Parse notes text (Markdown or plain); problems are an error naming the line."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        m = re.match(r"^(#{1,6})\s*", line)
        level = min(len(m.group(1)), 2) if m else 0
        lines.append(Line(line[m.end():] if m else line, level, line=lineno))
    return parse_lines(lines, source)


def _plain_heading(line: Line, slot: str | None) -> tuple[int, str] | None:
    """The level and title of a line typed as a heading without any mark (一、总体情况 is
    level 1; （一）主动公开 under 总体情况 is level 2), or None for a note."""
    text = line.text
    if _TOP_NUMBER.match(text) and HEADINGS.get(_key(text)):
        return 1, text
    if HEADINGS.get(_key(text)) and not _SENTENCE.search(text):
        return 1, text  # 总体情况 / 存在的主要问题 alone on its line, without a number
    if slot == "overview":
        m = _SUB_NUMBER.match(text) or _TOP_NUMBER.match(text)
        title = text[m.end():].strip().rstrip("：:") if m else ""
        if m and title and len(title) <= MAX_SUB_TITLE and not _SENTENCE.search(title):
            return 2, title
    return None


def parse_lines(lines: list[Line], source: str = "") -> Notes:
    """Sort the lines of a notes file into sections; every problem is listed at once."""
    notes = Notes(source=source or None)
    slot: str | None = None
    topic: Topic | None = None
    problems: list[Problem] = []
    orphans: list[Line] = []
    for entry in lines:
        line = entry.text.strip()
        if not line:
            continue
        level = entry.level
        if level == 0:
            plain = _plain_heading(entry, slot)
            if plain is not None:
                level, line = plain
        if level >= 2:
            title = _NUMBERING.sub("", line).rstrip("。：:")
            if slot != "overview":
                slot_key = HEADINGS.get(_key(title))
                if slot_key:  # a top-level heading written with ##
                    slot, topic = slot_key, None
                    continue
                problems.append(entry.problem(f"二级标题“{title}”只能放在“总体情况”之下。"))
                continue
            topic = Topic(title=title)
            notes.topics.append(topic)
            continue
        if level == 1:
            slot_key = HEADINGS.get(_key(line))
            if slot_key is None:
                known = "、".join(k for k in HEADINGS if len(k) <= 12)
                problems.append(entry.problem(f"不认识的标题“{line}”。可用的一级标题：{known}。"))
                slot = None
                continue
            slot, topic = slot_key, None
            continue
        bullet = re.sub(r"^([-*+•·]|\d+[.、．]|[（(](?:\d+|[一二三四五六七八九十]+)[)）])\s*", "", line).strip()
        if bullet in _EMPTY_BULLETS or not bullet:
            continue
        if slot is None:
            orphans.append(entry)
            continue
        if slot == "overview":
            (topic.bullets if topic else notes.overview).append(bullet)
        elif slot == "problems_and_measures":
            (notes.measures if _looks_like_measure(bullet) else notes.problems).append(bullet)
        else:
            getattr(notes, slot).append(bullet)
    if orphans and orphans[0] is _first_text(lines) and _title_like(orphans[0].text):
        orphans = orphans[1:]  # a title line before the first heading (某某镇2024年政府信息公开工作素材)
    if orphans:
        problems += [o.problem("这一行不在任何标题之下。请放到“一、总体情况”（或“# 总体情况”）等标题下面。")
                     for o in orphans]
    if problems:
        raise InputError(f"素材文件有 {len(problems)} 处问题：", source, problems)
    return notes


def _first_text(lines: list[Line]) -> Line | None:
    return next((x for x in lines if x.text.strip()), None)


def _title_like(text: str) -> bool:
    return len(text.strip()) <= 40 and not _SENTENCE.search(text)


def _looks_like_measure(bullet: str) -> bool:
    return bool(re.match(r"^(将|要|进一步|加强|强化|完善|提高|提升|推进|健全|持续|继续|下一步)", bullet))
