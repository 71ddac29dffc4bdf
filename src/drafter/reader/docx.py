"""Word (.docx) reports → paragraphs and tables, in document order.

The body of word/document.xml is read with lxml (python-docx is not needed to read, and
importing it cost more than reading a report): each body paragraph and table in order,
a paragraph's text as python-docx would give it. A table's cell is repeated in every grid
column a horizontal merge covers and every row a vertical merge covers, which is exactly
the expanded grid the table interpreters want. Leading/trailing grid positions a row skips
are padded with blanks.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import ReportReadError
from .document import Document
from .grid import Table

MAX_DOCUMENT_XML = 30_000_000  # uncompressed word/document.xml; beyond this it is not a report
NOT_WORD = "不是有效的 Word 文档（.docx）"


def check_docx(data: bytes, source: str) -> None:
    """Raise ReportReadError unless `data` is a zip holding word/document.xml."""
    if not data.startswith(b"PK"):
        raise ReportReadError(
            f"{NOT_WORD}：文件内容不是 Word 格式（可能是改了扩展名的文本或其他文件）。"
            "请在 Word/WPS 中打开后“另存为” .docx 再试。",
            source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("word/document.xml")
    except KeyError:
        raise ReportReadError(
            f"{NOT_WORD}：这是一个压缩包，但里面没有 Word 正文（word/document.xml）。请确认选对了文件。", source
        ) from None
    except zipfile.BadZipFile:
        raise ReportReadError(f"{NOT_WORD}：压缩包已损坏。请在 Word/WPS 中重新保存为 .docx 再试。", source) from None
    if info.file_size > MAX_DOCUMENT_XML:
        raise ReportReadError(f"{NOT_WORD}：正文部分过大（{info.file_size // 1_000_000} MB），不像一份年度报告。", source)


def docx_to_document(data: bytes, source: str) -> Document:
    check_docx(data, source)
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            main = zf.read("word/document.xml")
            names = set(zf.namelist())
            styles_xml = zf.read("word/styles.xml") if "word/styles.xml" in names else None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        body = etree.fromstring(main, parser).find(f"{_W}body")
        if body is None:
            raise ReportReadError(f"{NOT_WORD}：文件中没有正文。请在 Word/WPS 中打开后重新保存为 .docx 再试。", source)
        styles = _StyleNames(etree.fromstring(styles_xml, parser) if styles_xml else None)
        doc = Document()
        doc.pictures = _pictures(body)
        for item in body.iterchildren(_P, _TBL):
            if item.tag == _TBL:
                doc.add_table(_grid(item))
            else:
                styled = _is_styled(item, styles)
                for line in paragraph_text(item).split("\n"):
                    doc.paragraph(line, styled)
    except ReportReadError:
        raise
    except Exception as exc:  # zipfile/lxml raise many types on a damaged file
        raise ReportReadError(
            f"{NOT_WORD}：无法解析（{type(exc).__name__}）。请在 Word/WPS 中打开后重新保存为 .docx 再试。", source
        ) from None
    return doc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TBL, _TR, _TC, _P, _TRPR, _TCPR = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p", f"{_W}trPr", f"{_W}tcPr"
_PPR, _PSTYLE, _NUMPR, _RPR, _B = f"{_W}pPr", f"{_W}pStyle", f"{_W}numPr", f"{_W}rPr", f"{_W}b"
_GRID_BEFORE, _GRID_AFTER, _GRID_SPAN, _VMERGE, _VAL = (
    f"{_W}gridBefore", f"{_W}gridAfter", f"{_W}gridSpan", f"{_W}vMerge", f"{_W}val")


def _grid(tbl: Any) -> Table:
    """The expanded grid of a <w:tbl>: a horizontally merged cell (gridSpan) repeats its
    text and records the column it starts in; a vertically merged one (vMerge continue)
    repeats the text of the cell above. Read straight from the XML: python-docx's row.cells
    looks up every merged cell's top again, which made a report's tables the slowest part
    of reading it."""
    rows: list[list[str]] = []
    origins: list[list[int]] = []
    above: dict[int, tuple[str, int]] = {}
    for tr in tbl.iterchildren(_TR):
        before, after = _grid_skips(tr)
        texts = [""] * before
        starts = list(range(before))
        for tc in tr.iterchildren(_TC):
            column = len(texts)
            span, merged = _cell_props(tc)
            if merged and column in above:
                text, origin = above[column]
            else:
                text, origin = "\n".join(paragraph_text(p) for p in tc.iterchildren(_P)).strip(), column
            texts += [text] * span
            starts += [origin] * span
        texts += [""] * after
        starts += list(range(len(starts), len(starts) + after))
        above = {c: (texts[c], starts[c]) for c in range(len(texts))}
        rows.append(texts)
        origins.append(starts)
    width = max((len(r) for r in rows), default=0)
    for texts, starts in zip(rows, origins, strict=True):
        starts += list(range(len(texts), width))
        texts += [""] * (width - len(texts))
    return Table(rows, origins)


_R, _HYPERLINK, _T, _TAB, _PTAB, _CR, _BR, _NO_BREAK_HYPHEN, _TYPE = (
    f"{_W}r", f"{_W}hyperlink", f"{_W}t", f"{_W}tab", f"{_W}ptab", f"{_W}cr", f"{_W}br", f"{_W}noBreakHyphen", f"{_W}type")


def paragraph_text(p: Any) -> str:
    """A <w:p>'s text as python-docx gives it (its runs and hyperlinks; tab, line break and
    non-breaking hyphen as characters), read straight from the XML."""
    parts: list[str] = []
    for child in p:
        if child.tag == _R:
            _run_text(child, parts)
        elif child.tag == _HYPERLINK:
            for run in child.iterchildren(_R):
                _run_text(run, parts)
    return "".join(parts)


def _run_text(run: Any, parts: list[str]) -> None:
    for e in run:
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag == _TAB or tag == _PTAB:
            parts.append("\t")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _BR:
            parts.append("\n" if e.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")


def _grid_skips(tr: Any) -> tuple[int, int]:
    trpr = tr.find(_TRPR)
    if trpr is None:
        return 0, 0
    return _int_val(trpr.find(_GRID_BEFORE), 0), _int_val(trpr.find(_GRID_AFTER), 0)


def _cell_props(tc: Any) -> tuple[int, bool]:
    """(grid columns the cell spans, whether it continues a vertical merge)."""
    tcpr = tc.find(_TCPR)
    if tcpr is None:
        return 1, False
    vmerge = tcpr.find(_VMERGE)
    merged = vmerge is not None and vmerge.get(_VAL, "continue") == "continue"
    return max(1, _int_val(tcpr.find(_GRID_SPAN), 1)), merged


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, min(int(element.get(_VAL, default)), 1000))
    except ValueError:
        return default


class _StyleNames:
    """Paragraph style id → name, read once per document."""

    def __init__(self, element: Any):
        self.names: dict[str, str] = {}
        self.default = ""
        if element is None:
            return
        for style in element.iterchildren(f"{_W}style"):
            sid = style.get(f"{_W}styleId") or ""
            name_el = style.find(f"{_W}name")
            name = (name_el.get(_VAL) if name_el is not None else "") or ""
            self.names[sid] = name
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = name

    def of(self, p: Any) -> str:
        ppr = p.find(_PPR)
        style = ppr.find(_PSTYLE) if ppr is not None else None
        if style is None:
            return self.default
        return self.names.get(style.get(_VAL) or "", self.default)


_PICTURE_TAGS = (f"{_W}drawing", f"{_W}pict", f"{_W}object")


def _pictures(body: Any) -> int:
    """Pictures and embedded objects in the body: where the tables are when there are none."""
    return sum(1 for _ in body.iter(*_PICTURE_TAGS))


def _is_styled(p: Any, styles: _StyleNames) -> bool:
    """Printed as a heading: a heading or title style, Word's numbering, or bold throughout."""
    name = styles.of(p)
    if name.lower().startswith(("heading", "title")) or name.startswith("标题"):
        return True
    ppr = p.find(_PPR)
    if ppr is not None and ppr.find(_NUMPR) is not None:
        return True  # a numbered paragraph: its 一、 is drawn by Word, not in the text
    runs = [r for r in p.iterchildren(_R) if _text_of_run(r).strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _text_of_run(run: Any) -> str:
    parts: list[str] = []
    _run_text(run, parts)
    return "".join(parts)


def _bold(run: Any) -> bool:
    """Bold set on the run itself (w:rPr/w:b, on unless its value says off)."""
    rpr = run.find(_RPR)
    b = rpr.find(_B) if rpr is not None else None
    return b is not None and b.get(_VAL, "true").lower() not in ("0", "false", "off")
