"""Plain text (.txt) and Markdown (.md) reports → paragraphs and tables.

Tables in text come in three shapes:

* tab-separated cells (copied from a web page or Word, like the seed report), an empty
  cell between two tabs being a cell; a line with a single cell (a paragraph indented
  with a tab) is not a row by its tab, unless empty cells follow it (`规章\t\t\t\t`) or
  it is only tabs (表四 left blank), and then only among other rows; a tab ending every
  row of a table is not a cell; a row split by a line break inside a cell
  (`…\t社会公益` / `组织\t法律服务` / `机构\t其他`) is joined back;
* Markdown pipe rows (`| 规章 | 0 | 0 | 0 |`, with or without the outer pipes, any
  spacing, `|:-|-:|` rules);
* cells separated by spaces, as text copied from a PDF or typed in Notepad: a run of two
  or more spaces, a 全角 space (U+3000) or a tab always separates two cells; a single
  space separates numbers from each other and from labels, and two labels when the
  second one is a label of the official tables (`结果维持 结果纠正 其他结果`), but not
  the words of one label (`(一) 予以公开`, `行 政 许 可`).

A line without tabs or pipes may be a table row when it reads like one: labels then
numbers (`行政许可      356`), only numbers (表四's `1 1 0 0 2 …`), or only labels of the
official tables (a header line). Such lines, with only blank lines between them, are a
table when one of them surely is a row (an official row label with its numbers, a row
of five or more numbers, or a tab/pipe row among them); otherwise they stay text, so a
sentence such as `行政许可 356 件` or a stray `2022  2023` is never taken for a table.
Section headings and sentences are never rows. A label broken over lines (PDF wrapping:
`（二）部分公开（区分处理的，只计这一情形，不计` / `其他情形）  0 0 0 …`, the numbers
on the first, middle or last line) is joined back when the pieces make an official label,
and so are header words printed under their cells (`社会公益  法律服务` / `组织  机构`).
A line of values only (numbers and dashes, 表四's row, perhaps wrapped) is a row too.

Blank lines do not end a table; the next line of prose does. In Markdown, `#` headings
and bold-only lines are marked as headings, emphasis marks are dropped from the text,
code fences are ignored and HTML tables (the only way to print merged cells in Markdown)
are read like an HTML page's. A .txt is left as printed: Markdown marks in it stay in
the text so the validator can flag them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .cells import classify
from .document import Document
from .grid import Table
from .labels import bare_key, key, nfkc, plain_key, similarity

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|>)\s+")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_PIPE = re.compile(r"(?<!\\)[|｜]")

_STRONG_GAP = re.compile(r"[ \u00a0]{2,}|[\t\u3000]+")  # always a cell boundary
_SPACES = re.compile(r"[ \u00a0]+")
_COUNT_UNITS = frozenset({"件", "条", "项", "个", "次"})
_UNITS = _COUNT_UNITS | {"万元", "元"}
_ENUM = r"(?:[(（]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.、．])"
_ENUM_ONLY = re.compile(rf"^{_ENUM}$")
_ENUM_HEAD = re.compile(rf"^\s*{_ENUM}\s*")
_ENUM_START = re.compile(rf"^{_ENUM}\S")
_RULING = re.compile(r"^[\s\-=_—─━┄┈~+|｜:：]+$")
_SENTENCE = re.compile(r"[。；;！？!?]|[:：]\s*\S")

MAX_LABEL = 80  # a row's labels together; longer is a sentence
MAX_FRAGMENT = 60  # each piece of a label broken over two lines
MANY_NUMBERS = 5  # 表三 and 表四 rows: so many numbers make a row even with an unknown label
EMPTY_ROW_TABS = 4  # a line of only tabs with so many is a row of empty cells


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Vocabulary:
    labels: frozenset[str]  # keys and bare keys of every printed label of both formats
    row_labels: frozenset[str]  # labels of rows that carry numbers (表二, 表三)
    prefixes: frozenset[str]  # every prefix (≥ 2 characters) of a label, as printed or as keyed
    by_length: dict[int, tuple[str, ...]]  # the label keys by their length


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    from ..formats import get_format

    labels: set[str] = set()
    rows: set[str] = set()
    columns: set[str] = set()
    for fid in ("2019", "2021"):
        fmt = get_format(fid)
        for block in fmt.proactive.blocks:
            labels |= {block.caption, block.header_stub}
            columns |= {c.label for c in block.columns}
            rows |= {r.label for r in block.rows}
        req = fmt.requests
        labels |= {req.corner_note, req.supergroup, req.group_label}
        columns |= {c.label for c in req.columns}
        for rid, row in req.rows.items():
            labels.add(row.label)
            if rid in req.data_rows:
                rows.add(row.label)
        for group in fmt.review.groups:
            labels |= {group.label, group.top_label}
            columns |= {c.label for c in group.columns}
    labels |= rows | columns

    def keys(texts: set[str]) -> set[str]:
        return {k for t in texts for k in (key(t), bare_key(t)) if k}

    all_keys = keys(labels)
    row_keys = keys(rows) - keys(columns)  # 3.其他 is a row, but 其他 alone is a column
    printed = all_keys | {k for t in labels for k in (plain_key(t), plain_key(_ENUM_HEAD.sub("", nfkc(t))))}
    prefixes = {k[:n] for k in printed for n in range(2, len(k))}
    by_length: dict[int, list[str]] = {}
    for k in all_keys:
        by_length.setdefault(len(k), []).append(k)
    return _Vocabulary(frozenset(all_keys), frozenset(row_keys), frozenset(prefixes),
                       {n: tuple(ks) for n, ks in by_length.items()})


@lru_cache(maxsize=4096)
def _exact(text: str) -> bool:
    """The text is an official label (punctuation, enumeration and unit note aside)."""
    labels = _vocabulary().labels
    return key(text) in labels or bare_key(text) in labels


@lru_cache(maxsize=4096)
def _known(text: str) -> bool:
    """An official label, slightly altered (truncated, a word changed, a note added)."""
    if _exact(text):
        return True
    k = bare_key(text)
    if len(k) < 4 or len(k) > MAX_FRAGMENT or _SENTENCE.search(nfkc(text)):
        return False
    for n, candidates in _vocabulary().by_length.items():
        if 4 <= n < len(k) <= n + 8 and k.startswith(candidates):
            return True  # 现行有效件数（历史累计）
        if 0.75 * len(k) <= n <= 1.34 * len(k) and any(similarity(k, c) >= 0.85 for c in candidates):
            return True
    return False


def _is_row_label(text: str) -> bool:
    vocab = _vocabulary()
    return key(text) in vocab.row_labels or bare_key(text) in vocab.row_labels


def _is_prefix(text: str) -> bool:
    prefixes = _vocabulary().prefixes
    return key(text) in prefixes or bare_key(text) in prefixes


# --------------------------------------------------------------------------- cells


def _is_value(cell: str) -> bool:
    return bool(cell) and classify(cell).kind != "label"


def _is_number(cell: str) -> bool:
    return bool(cell) and classify(cell).kind == "number"


def _starts_label(token: str) -> bool:
    return bool(_ENUM_START.match(nfkc(token))) or _exact(token)


def _split_chunk(chunk: str) -> list[str]:
    """Cells of a run of text with single spaces in it (no strong gap)."""
    out: list[str] = []
    for token in _SPACES.split(chunk.strip()):
        if not token:
            continue
        if out:
            prev = out[-1]
            if nfkc(token) in _UNITS and _is_number(prev):
                out[-1] = prev + token  # 149 万元
                continue
            if not _is_value(prev) and not _is_value(token) and (
                    _ENUM_ONLY.match(nfkc(prev)) or not _starts_label(token)):
                out[-1] = f"{prev} {token}"  # one label with a space in it
                continue
        out.append(token)
    return out


def spaced_cells(text: str) -> tuple[list[str], bool]:
    """The cells of a line whose cells are separated by spaces, and whether it has a run
    of two or more spaces (or a 全角 space, or a tab) somewhere."""
    chunks = [c for c in _STRONG_GAP.split(text.strip()) if c.strip()]
    cells: list[str] = []
    for chunk in chunks:
        cells.extend(_split_chunk(chunk))
    return cells, len(chunks) > 1


def _split_values(cells: list[str]) -> list[str]:
    """A tab or pipe cell holding several numbers (`12 3 0 0`) or a label and its numbers
    becomes several cells; any other cell is kept as printed."""
    out: list[str] = []
    for cell in cells:
        if " " in cell or "\u3000" in cell or "\u00a0" in cell:
            parts, _ = spaced_cells(cell)
            values = [n for n, p in enumerate(parts) if _is_value(p)]
            labels = len(parts) - len(values)
            if len(parts) > 1 and any(_is_number(p) for p in parts) and min(values) >= labels:
                out.extend(parts)
                continue
        out.append(cell)
    return out


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    kind: str  # row (tab/pipe: always a row), cand (spaces: decided later), prose, grids, skip,
    # joined (the end of a label broken over lines, now part of the line before)
    text: str = ""
    cells: list[str] = field(default_factory=list)
    strong_gap: bool = False
    styled: bool = False
    grids: list[Table] = field(default_factory=list)
    rank: str = ""  # for cand: data / header / weak / ruling / prose (see _rank)
    final: bool = False  # prose already freed of its Markdown marks
    joined: list[str] = field(default_factory=list)  # lines joined to this one, as printed
    tabbed: bool = False  # a tab-separated row: its empty cells are cells
    line: int | None = None  # 1-based line in the file where it starts

    @property
    def label_only(self) -> bool:
        return bool(self.cells) and not any(_is_value(c) for c in self.cells)

    @property
    def values_only(self) -> bool:
        """Numbers and dashes only (a tab row's empty cells aside)."""
        return any(_is_value(c) for c in self.cells) and all(_is_value(c) or not c for c in self.cells)


def _is_pipe_row(stripped: str) -> bool:
    return stripped[:1] in ("|", "｜") and len(_PIPE.findall(stripped)) >= 2


def _pipe_cells(line: str, markdown: bool) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner[:1] in ("|", "｜") else inner
    if inner[-1:] in ("|", "｜") and not inner.endswith(("\\|", "\\｜")):
        inner = inner[:-1]
    cells = [c.strip().replace("\\|", "|") for c in _PIPE.split(inner)]
    if markdown:
        cells = [_MD_ESCAPE.sub(r"\1", _MD_EMPHASIS.sub(r"\2", c)) for c in cells]
    return cells


def _is_separator(cells: list[str]) -> bool:
    return any(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells if c)


def _separator_follows(lines: list[str], i: int, markdown: bool) -> bool:
    """The next line is a Markdown table rule (`---|---`): this line is a header row."""
    following = lines[i].strip() if i < len(lines) else ""
    return bool(_PIPE.search(following)) and _is_separator(_pipe_cells(following, markdown))


def _sparse_row(line: str) -> bool:
    """A line of one label and empty cells (`规章\t\t\t\t`, `\t\t2.重复申请\t\t\t…`):
    a table row whose cells were all left blank, not a paragraph indented with tabs."""
    from .sections import match_heading

    if line.count("\t") < EMPTY_ROW_TABS:
        return False
    text = line.strip()
    if _known(text):
        return True
    trailing = len(line) - len(line.rstrip("\t"))
    return trailing >= 2 and not _SENTENCE.search(nfkc(text)) and match_heading(text) is None


def _scan(text: str, markdown: bool) -> list[_Line]:
    """Each line as a table row, a candidate row, prose or nothing."""
    from .sections import match_heading

    out: list[_Line] = []
    lines = text.splitlines()
    i = 0
    pipe_table = False
    lineno = 0

    def add(item: _Line) -> None:
        item.line = lineno
        out.append(item)

    while i < len(lines):
        line = lines[i]
        i += 1
        lineno = i
        stripped = line.strip()
        if not stripped:
            if line.count("\t") >= EMPTY_ROW_TABS:
                # a row of empty cells (表四 with no cases, every cell left blank): a row only
                # among other rows
                add(_Line("row", "", [""] * (line.count("\t") + 1), tabbed=True, rank="empty"))
            else:
                add(_Line("skip"))
            continue
        if markdown and stripped.startswith("<!--"):
            while "-->" not in line and i < len(lines):
                line = lines[i]
                i += 1
            continue
        if markdown and "<table" in stripped.lower():
            chunk = [line]
            while "</table>" not in line.lower() and i < len(lines):
                line = lines[i]
                chunk.append(line)
                i += 1
            from .html import html_table_grids  # bs4 only when a Markdown file holds HTML tables

            add(_Line("grids", grids=html_table_grids("\n".join(chunk))))
            pipe_table = False
            continue
        if markdown and _MD_FENCE.match(line):
            add(_Line("skip"))  # a table pasted into a code block is read like any other
            continue
        filled = sum(1 for c in line.split("\t") if c.strip()) if "\t" in line else 0
        if filled > 1 or (filled == 1 and _sparse_row(line)):
            cells = [c.strip() for c in line.split("\t")]
            if markdown:
                cells = [_MD_ESCAPE.sub(r"\1", c) for c in cells]
            add(_Line("skip") if _is_separator(cells) else
                       _Line("row", stripped, _split_values(cells), tabbed=True, rank="" if filled > 1 else "sparse"))
            pipe_table = False
            continue
        if _is_pipe_row(stripped) or (markdown and _PIPE.search(stripped) and (
                pipe_table or _separator_follows(lines, i, markdown))):
            cells = _pipe_cells(line, markdown)
            pipe_table = True
            if _is_separator(cells):
                add(_Line("skip"))
            else:
                add(_Line("row", stripped, _split_values(cells)))
            continue
        pipe_table = False
        if markdown and (_MD_HEADING.match(line) or _MD_BOLD_LINE.match(line) or _MD_BULLET.match(line)):
            body, styled = _markdown_line(line)
            add(_Line("prose", body, styled=styled, final=True))
            continue
        cells, strong = spaced_cells(_MD_EMPHASIS.sub(r"\2", line) if markdown else line)
        if not any(_is_value(c) for c in cells) and match_heading(stripped) is not None:
            add(_Line("prose", stripped))
            continue
        add(_Line("cand", stripped, cells, strong))
    return out


# --------------------------------------------------------------------------- wrapped labels


def _fragment(text: str) -> bool:
    """The start of an official label, not a whole one."""
    return len(text) <= MAX_FRAGMENT and not _exact(text) and _is_prefix(text)


def _joins(a: str, b: str) -> bool:
    """a is the start of an official label and a + b is that label, or a longer start of
    it (a label broken over three lines); or b is only the closing bracket of a."""
    if len(a) > MAX_FRAGMENT or len(b) > MAX_FRAGMENT:
        return False
    if not key(b):
        return _exact(a) or _is_prefix(a)  # …不计其他情形 / ）
    if not _fragment(a):
        return False
    joined = a + b
    return _exact(joined) or (_is_prefix(joined) and len(bare_key(joined)) >= 6)


def _merge_wrapped(lines: list[_Line]) -> None:
    """Join labels broken over lines, in place (a line joined to the one before becomes
    `joined`); up to two blank lines may stand between the pieces. Text copied from a web
    page or Word breaks a tab-separated row where a cell holds a line break
    (`…\t社会公益` / `组织\t法律服务` / `机构\t其他`); text copied from a PDF prints the
    ends of several header cells on a line of their own (`社会公益  法律服务` / `组织  机构`)."""
    i = 0
    while i < len(lines):
        a = lines[i]
        if a.kind not in ("cand", "row") or not any(a.cells):
            i += 1
            continue
        j = i + 1
        blank = 0
        while j < len(lines) and (lines[j].kind == "joined" or (lines[j].kind == "skip" and blank < 2)):
            blank += lines[j].kind == "skip"
            j += 1
        if j >= len(lines) or lines[j].kind not in ("cand", "row") or not any(lines[j].cells) or (
                a.kind == "row" and lines[j].kind == "row" and blank):
            i += 1
            continue
        b = lines[j]
        merged = _joined_cells(a, b)
        if merged is None:
            i += 1
            continue
        a.cells = merged
        a.joined += [b.text, *b.joined]
        a.strong_gap = a.strong_gap or b.strong_gap or len(merged) > 1
        if b.kind == "row":
            a.kind = "row"
        a.tabbed = a.tabbed or b.tabbed
        b.kind = "joined"
        # stay on `a`: a label broken over three lines joins again with the next line


def _joined_cells(a: _Line, b: _Line) -> list[str] | None:
    """The cells of a and b as one row when b continues a broken label of a, else None."""
    last, first = a.cells[-1], b.cells[0]
    if first and not _is_value(last) and not _is_value(first) and _joins(last, first):
        # (二)部分公开（区分处理的，只计这一情形，不计 / 其他情形）  0 0 0 …
        return a.cells[:-1] + [last + first] + b.cells[1:]
    if b.label_only and len(b.cells) == 1 and not a.label_only:
        # the numbers on the first line, the end of the label on the second
        at = max((n for n, c in enumerate(a.cells) if c and not _is_value(c)), default=-1)
        if at >= 0 and _joins(a.cells[at], first):
            return a.cells[:at] + [a.cells[at] + first] + a.cells[at + 1:]
        return None
    if a.label_only and b.values_only and _is_row_label(last) and any(_is_number(c) for c in b.cells):
        # a row's label on one line and its numbers on the next
        return a.cells + b.cells
    if a.label_only and b.label_only:
        return _completed_header(a, b)
    return None


def _completed_header(a: _Line, b: _Line) -> list[str] | None:
    """Header cells whose ends were printed on the next line (社会公益 … 法律服务 over
    组织 … 机构): each cell of b completes a broken label of a, under it (tab rows) or
    in the same order (text from a PDF). None unless every cell of b finds its start."""
    pieces = [(n, c) for n, c in enumerate(b.cells) if c]
    if not pieces:
        return None

    def completes(start: str, end: str) -> bool:  # 其他 / 结果: a whole label can start a longer one
        return bool(start) and (_fragment(start) or _exact(start)) and _exact(start + end)

    cells = list(a.cells)
    if a.tabbed and b.tabbed and len(b.cells) <= len(a.cells) and all(completes(a.cells[n], c) for n, c in pieces):
        for n, c in pieces:
            cells[n] += c
        return cells
    at = 0
    for _, c in pieces:
        while at < len(cells) and not completes(cells[at], c):
            at += 1
        if at == len(cells):
            return None
        cells[at] += c
        at += 1
    return cells


# --------------------------------------------------------------------------- rows or prose


def _rank(line: _Line) -> str:
    """data: a row of labels then numbers with an official label, or of many numbers;
    header: official column labels only; weak: may be a row when it stands among rows;
    ruling: a line of dashes (dropped inside a table); prose: text."""
    cells = line.cells
    if not cells:
        return "prose"
    dashes = len(cells) >= 2 and all(len(c) <= 2 and classify(c).kind == "blank" for c in cells)
    if _RULING.match(line.text) and not dashes:  # — — — — — is 表四's row of blank cells
        return "ruling"
    values = [n for n, c in enumerate(cells) if _is_value(c)]
    labels = [c for c in cells if not _is_value(c)]
    numbers = [c for c in cells if _is_number(c)]
    if len("".join(labels)) > MAX_LABEL:
        return "prose"
    known = [_known(c) for c in labels]
    if any(_SENTENCE.search(nfkc(c)) and not k for c, k in zip(labels, known, strict=True)):
        return "prose"
    if not values:
        if len(cells) >= 2 and all(known) and not all(_is_row_label(c) for c in labels):
            return "header"  # 结果维持 结果纠正 其他结果 尚未审结 总计
        return "weak" if any(known) or (len(cells) >= 2 and line.strong_gap) else "prose"
    if labels and min(values) < len(labels):
        return "prose"  # a number among the words: a sentence (全年共收到申请 12 件)
    if not labels and len(values) >= MANY_NUMBERS:
        return "data"  # 表四's row of values, blank ones written as dashes: 1  —  —  —  1  —  …
    if not numbers:
        if not labels:
            return "weak" if len(values) >= 2 else "prose"  # the end of 表四's row, wrapped: —  —
        return "weak" if any(known) else "prose"  # 规章  —  —  —
    if len(numbers) >= MANY_NUMBERS:
        return "data"
    if not line.strong_gap and any(classify(c).unit in _COUNT_UNITS for c in numbers):
        return "prose"  # 行政许可 356 件: words, not cells
    return "data" if labels and any(known) else "weak"


def _decide(lines: list[_Line]) -> None:
    """Candidate lines become rows or prose by runs: lines that could be rows, with only
    blank lines between them, are a table when one of them surely is a row (a tab or
    pipe row, a row with an official label and numbers, a row of many numbers); a run
    without one (a header-like line, a pair of numbers in the narrative) is prose."""
    for line in lines:
        if line.kind == "cand":
            line.rank = _rank(line)
            if line.rank == "prose":
                line.kind = "prose"
    n = 0
    while n < len(lines):
        if lines[n].kind not in ("cand", "row"):
            n += 1
            continue
        run = []
        while n < len(lines) and lines[n].kind in ("cand", "row", "skip", "joined"):
            if lines[n].kind in ("cand", "row"):
                run.append(lines[n])
            n += 1
        table = any((line.kind == "row" and line.rank not in ("empty", "sparse")) or line.rank == "data"
                    for line in run)
        for line in run:
            if line.rank in ("empty", "sparse") and not table:
                line.kind = "skip" if line.rank == "empty" else "prose"  # only a row among rows
            elif line.kind == "cand":
                line.kind = ("skip" if line.rank == "ruling" else "row") if table else "prose"


# --------------------------------------------------------------------------- document


def text_to_document(text: str, markdown: bool = False) -> Document:
    lines = _scan(text, markdown)
    _merge_wrapped(lines)
    _decide(lines)
    doc = Document()
    rows: list[_Line] = []

    def flush() -> None:
        if rows:
            doc.add_table(_rectangular(rows))
            rows.clear()

    for line in lines:
        if line.kind == "row":
            rows.append(line)
        elif line.kind == "grids":
            flush()
            for table in line.grids:
                doc.add_table(table)
        elif line.kind == "prose":
            flush()
            for k, text in enumerate((line.text, *line.joined)):  # lines joined as a label, if prose after all
                at = line.line + k if line.line else None
                if markdown and not line.final:
                    body, styled = _markdown_line(text)
                    doc.paragraph(body, styled, line=at)
                else:
                    doc.paragraph(text, line.styled, line=at)
    flush()
    return doc


def _rectangular(lines: list[_Line]) -> Table:
    """The rows as a grid padded to the widest, with the number of cells each printed.
    A tab after the last cell of every tab row (some copies end each line with one) is
    not an empty cell."""
    rows = [list(line.cells) for line in lines]
    tabbed = [row for row, line in zip(rows, lines, strict=True) if line.tabbed]
    if len(tabbed) >= 2 and all(len(row) > 1 and not row[-1] for row in tabbed):
        for row in tabbed:
            row.pop()
    width = max(len(r) for r in rows)
    return Table([r + [""] * (width - len(r)) for r in rows], widths=[len(r) for r in rows])


def _markdown_line(line: str) -> tuple[str, bool]:
    m = _MD_HEADING.match(line)
    if m:
        return _unescape(_MD_EMPHASIS.sub(r"\2", m.group(2))), True
    m = _MD_BOLD_LINE.match(line)
    if m:
        return _unescape(m.group(2).strip()), True
    line = _MD_BULLET.sub("", line, count=1)
    return _unescape(_MD_EMPHASIS.sub(r"\2", line.rstrip().removesuffix("\\")).strip()), False


def _unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)
