"""HTML reports (a saved government web page, or our own rendering) → paragraphs and tables.

Block elements (p, div, li, h1–h6, br …) end a paragraph; a table without tables inside
is a grid with rowspan/colspan expanded; a table holding other tables is page layout and
is walked like a div. Scripts, styles and forms are dropped. A page without tables is read
too (its tables are pictures or attached files: the pictures and attachment links are counted
for the finding that says so). Web pages wrap the report
in navigation and footers: when the section headings or tables sit inside one content
element, only that element is read (the title is still looked for in the whole page).
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ReportReadError
from .document import Document
from .grid import Table, expand_spans

_SKIP = {"script", "style", "noscript", "head", "template", "iframe", "object", "svg", "button",
         "select", "option", "textarea", "input", "map", "canvas", "video", "audio"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "center",
           "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
           "pre", "tr", "td", "th", "caption", "figure", "figcaption", "form", "fieldset", "address",
           "hr", "tbody", "thead", "tfoot", "body", "html"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)


def clean_text(text: str) -> str:
    """Whitespace of the HTML source folded; none left between Chinese characters."""
    return _CJK_GAP.sub("", _SPACE.sub(" ", text)).strip()


def _soup(text: str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "lxml")


def html_to_document(text: str, source: str) -> Document:
    try:
        soup = _soup(text)
        title_tag = soup.find("title")
        hint = clean_text(title_tag.get_text()) if title_tag else ""
        if "报告" in hint:  # 《…年度报告》_伊川县人民政府: the site name is not part of the title
            hint = hint[: hint.index("报告") + 2]
        for tag in soup.find_all(_SKIP):
            tag.decompose()
        body = soup.body or soup
        whole = _Walker().run(body)
        container = _content_element(body)
        doc = _Walker().run(container) if container is not None else whole
        _count_pictures(container if container is not None else body, body, doc)
    except RecursionError:
        raise ReportReadError("网页的标签嵌套过深，无法读取。请在浏览器中打开后另存为网页或 Word 再试。", source) from None
    doc.title_hint = hint
    if container is not None:
        doc.title_hint = _title_above(whole, doc, hint) or hint
    return doc


_ATTACHMENT = re.compile(r"\.(?:xlsx?|et|docx?|wps|pdf|jpe?g|png|gif|bmp)(?:$|[?#])", re.I)


def _count_pictures(content: Any, page: Any, doc: Document) -> None:
    """Pictures in the report's content and links to attached files anywhere on the page
    (sites list attachments below the article): where a page's tables are when it has none."""
    doc.pictures = len(content.find_all("img"))
    doc.attachments = sum(1 for a in page.find_all("a") if _ATTACHMENT.search(str(a.get("href") or "")))


def _title_above(whole: Document, content: Document, hint: str) -> str:
    """The title printed on the page before the content element starts: the last one
    (side menus list other years' reports), one or several lines."""
    from .title import find_title, title_text

    first = next((b.text for b in content.blocks if not b.is_table), None)
    above: list[str] = []
    for block in whole.blocks:
        if block.is_table:
            continue
        if block.text == first:
            break
        above.append(block.text)
    span = find_title(above, hint, last=True)
    return title_text(above, span) if span is not None else ""


def html_table_grids(fragment: str) -> list[Table]:
    """The innermost tables of an HTML fragment (a Markdown file may embed them)."""
    soup = _soup(fragment)
    return [table_grid(t) for t in soup.find_all("table") if t.find("table") is None]


def table_grid(table: Any) -> Table:
    rows: list[list[tuple[str, int, int]]] = []
    for tr in _rows(table):
        cells = []
        for td in tr.find_all(["td", "th"], recursive=False):
            cells.append((clean_text(td.get_text("")), _span(td.get("rowspan")), _span(td.get("colspan"))))
        rows.append(cells)
    return expand_spans(rows)


def _rows(table: Any) -> list[Any]:
    out = []
    for child in table.find_all(["tr", "thead", "tbody", "tfoot"], recursive=False):
        if child.name == "tr":
            out.append(child)
        else:
            out.extend(child.find_all("tr", recursive=False))
    return out


def _span(value: Any) -> int:
    try:
        return max(1, int(str(value).strip()))
    except (TypeError, ValueError):
        return 1


def _content_element(body: Any) -> Any:
    """The smallest element holding every report table and the section headings."""
    from .sections import match_heading

    marks = [t for t in body.find_all("table") if t.find("table") is None]
    for tag in body.find_all(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "font"]):
        if tag.find(["p", "div", "table"]) is None:
            found = match_heading(clean_text(tag.get_text("")))
            if found is not None and found.id != "unknown":
                marks.append(tag)
    if len(marks) < 2:
        return None
    common = set(id(p) for p in marks[0].parents)
    chain = list(marks[0].parents)
    for mark in marks[1:]:
        common &= set(id(p) for p in mark.parents)
    for parent in chain:
        if id(parent) in common:
            return None if parent is body or parent.name in ("html", "[document]") else parent
    return None


class _Walker:
    def __init__(self) -> None:
        self.doc = Document()
        self.buffer: list[str] = []
        self.styled = False

    def run(self, root: Any) -> Document:
        self.walk(root)
        self.flush()
        return self.doc

    def flush(self) -> None:
        text = clean_text("".join(self.buffer))
        self.buffer.clear()
        self.doc.paragraph(text, self.styled)
        self.styled = False

    def walk(self, node: Any) -> None:
        from bs4 import NavigableString, Tag
        from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

        for child in node.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.flush()
            elif name == "table":
                self.flush()
                if child.find("table") is not None:
                    self.walk(child)
                    self.flush()
                else:
                    self.doc.add_table(table_grid(child))
            elif name in _BLOCKS:
                self.flush()
                self.styled = _is_styled(child)
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _is_styled(tag: Any) -> bool:
    """A heading tag, or a short paragraph printed wholly in bold."""
    if tag.name in _HEADING_TAGS:
        return True
    if tag.name not in ("p", "div", "li", "center", "td", "th"):
        return False
    for n, node in enumerate(tag.descendants):
        if n > 200 or getattr(node, "name", None) in _BLOCKS:
            return False  # a container, not a heading line
    text = clean_text(tag.get_text(""))
    if not text or len(text) > 60:
        return False
    if _BOLD_STYLE.search(tag.get("style", "") or ""):
        return True
    bold = "".join(clean_text(b.get_text("")) for b in tag.find_all(["strong", "b"]))
    return bold == text.replace(" ", "")
