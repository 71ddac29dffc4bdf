"""Readers of reports in the forms people publish or edit: .txt, .md, .html, .docx, .pdf,
old Word and WPS files (.doc, .wps: converted with LibreOffice when it is installed) and
our own .json draft. `read_report` returns a ParsedReport: title, body and year named in it,
every section's plain text, and 表二/表三/表四 read back as ReportData.

The kind is taken from the extension and checked against the content: a .docx that is
not a Word file is refused with a clear message, an .html that is really plain text is
read as text, a Word file saved under another extension is read as Word.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, ReportReadError
from ..report import ParsedReport
from ..textio import MAX_TEXT_BYTES, decode_text, read_bytes

__all__ = ["READABLE_SUFFIXES", "read_report"]

SUFFIX_KIND = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".shtml": "html", ".xhtml": "html", ".docx": "docx", ".json": "json", ".pdf": "pdf", ".doc": "doc", ".wps": "wps",
}
READABLE_SUFFIXES = tuple(SUFFIX_KIND)
MAX_DOCX_BYTES = 30_000_000  # a Word file with photos can be large; its text is still bounded

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_DOC = re.compile(r"^(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
                       re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:table|tr|td|p|div|br|span|h[1-6])\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*(gb2312|gbk|gb18030)", re.I)


def read_report(path: str | Path, encoding: str | None = None) -> ParsedReport:
    """Read a report file into a ParsedReport, or raise a DrafterError (exit status 2)."""
    p = Path(path)
    source = str(p)
    claimed = SUFFIX_KIND.get(p.suffix.lower())
    data = read_bytes(p, MAX_DOCX_BYTES if claimed in ("docx", "pdf", "doc", "wps") else MAX_TEXT_BYTES)
    if not data.strip():
        raise InputError("文件是空的。请确认选对了文件。", source)

    from .assemble import assemble

    if _old_word(data, claimed):
        from ..office import WORD, convert
        from .docx import docx_to_document

        converted = convert(data, p.suffix.lower() if claimed in ("doc", "wps") else ".doc", WORD, source)
        return assemble(docx_to_document(converted, source), source, "wps" if claimed == "wps" else "doc")
    _refuse_other_binaries(data, claimed, source)
    if claimed in ("doc", "wps", "pdf"):
        claimed = None  # a .doc that is really a web page or text (Word's "save as web page") is read as such
    if data.startswith(b"%PDF"):
        from .pdf import pdf_to_documents

        *tries, last = pdf_to_documents(data, source)
        for doc in tries:  # a PDF whose tables have no lines, read as text: kept only when its tables read cleanly
            parsed = assemble(doc, source, "pdf")
            if parsed.tables is not None and not any(f.severity == "error" for f in parsed.findings):
                return parsed
        return assemble(last, source, "pdf")

    if claimed == "docx" or _is_zip(data):
        from .docx import docx_to_document

        doc = docx_to_document(data, source)
        if sum(len(b.text) for b in doc.blocks) > MAX_TEXT_BYTES:
            raise InputError(
                f"文件文字过多（超过 {MAX_TEXT_BYTES // 1000} 千字），不像一份年度报告。请确认选对了文件。", source
            )
        from .docx_review import review_findings

        parsed = assemble(doc, source, "docx")
        parsed.findings += review_findings(doc, parsed)
        return parsed

    text = _decode(data, source, encoding, claimed)
    kind = _text_kind(text, claimed)
    if kind == "json":
        from .json import json_to_report

        return json_to_report(text, source)
    if kind == "html":
        from .html import html_to_document

        return assemble(html_to_document(text, source), source, "html")
    from .text import text_to_document

    return assemble(text_to_document(text, markdown=kind == "md"), source, kind)


def _is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


_WORD_STREAM = "WordDocument".encode("utf-16-le")
_BOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def _old_word(data: bytes, claimed: str | None) -> bool:
    """An old Word or WPS document (a compound file holding a WordDocument stream, or RTF),
    whatever its extension; or any compound file named .doc/.wps."""
    if data.startswith(b"{\\rtf"):
        return True
    if not data.startswith(_OLE):
        return False
    return _WORD_STREAM in data[:2_000_000] or (claimed in ("doc", "wps") and not _is_old_workbook(data))


def _is_old_workbook(data: bytes) -> bool:
    head = data[:2_000_000]
    return any(name in head for name in _BOOK_STREAMS) and _WORD_STREAM not in head


def _refuse_other_binaries(data: bytes, claimed: str | None, source: str) -> None:
    if data.startswith(_OLE):
        if _is_old_workbook(data):
            raise ReportReadError(
                "这是 Excel 表格（旧版 .xls/.et），不是报告。数据表请用 --data 给出或用 drafter check-data 核对；"
                "报告请提供 .docx、.doc、.pdf、.html 或 .txt。",
                source,
            )
        raise ReportReadError(
            "这是 Office 二进制文件，但不是 Word 文档，无法读取。请在 Word/WPS 中“另存为” .docx 后重试。",
            source,
        )
    if _is_zip(data) and claimed != "docx":
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return  # a Word file under another extension: read it as Word
        if "xl/workbook.xml" in names:
            raise ReportReadError(
                "这是 Excel 表格，不是报告。数据表请用 drafter check-data 核对；报告请提供 .docx、.html、.md 或 .txt。",
                source,
            )
        raise ReportReadError("这是压缩包（zip），不是报告。请先解压，再选择其中的报告文件。", source)


def _decode(data: bytes, source: str, encoding: str | None, claimed: str | None) -> str:
    try:
        return decode_text(data, source, encoding)
    except InputError:
        # a web page that declares its Chinese encoding is read in that encoding, as a browser would
        if encoding is None and claimed in ("html", None) and _META_CHARSET.search(data[:4096]):
            try:
                return data.decode("gb18030")
            except UnicodeDecodeError:
                pass
        raise


def _text_kind(text: str, claimed: str | None) -> str:
    head = text[:2048]
    if claimed == "json" or (claimed is None and head.lstrip("\ufeff \r\n\t").startswith("{")):
        return "json"
    if _HTML_DOC.match(head):
        return "html"
    if claimed == "html" or claimed is None:
        return "html" if _HTML_TAGS.search(text) else "txt"
    return claimed
