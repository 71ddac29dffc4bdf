"""Word documents for the tests of tracked changes, comments and annotation: a draft made by
drafter, then edited in its XML as a reviewer would edit it in Word (a figure changed with
or without track changes, text moved, paragraphs joined, comments and highlights)."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from typer.testing import CliRunner

from drafter.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATA = EXAMPLES / "township-2023" / "data.yaml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# the figure the offline draft of the example writes, and the sentence around it
FIGURE_CONTEXT = "共新收政府信息公开申请6件"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def run_cli(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def draft(folder: Path, name: str = "x.docx") -> Path:
    """`drafter draft data.yaml -o x.docx` (offline) for the township example."""
    out = folder / name
    result = run_cli("draft", DATA, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def edit_docx(src: Path, dst: Path, edit: Callable[[Any], None], part: str = "word/document.xml") -> Path:
    """Copy a .docx with one XML part changed by `edit` (given the part's root element)."""
    with zipfile.ZipFile(src) as zin:
        root = etree.fromstring(zin.read(part))
        edit(root)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                    if item.filename == part else zin.read(item.filename)
                zout.writestr(item, data)
    dst.write_bytes(buffer.getvalue())
    return dst


def _run(template: Any, text: str, tag: str = "t") -> Any:
    run = etree.Element(w("r"))
    props = template.find(w("rPr"))
    if props is not None:
        run.append(copy.deepcopy(props))
    node = etree.SubElement(run, w(tag))
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def isolate(root: Any, context: str, old: str) -> Any:
    """Split the run holding `context` so that `old` (inside it) is a run of its own; that run."""
    for t in root.iter(w("t")):
        text = t.text or ""
        if context in text:
            at = text.index(context) + context.index(old)
            run = t.getparent()
            before, middle, after = _run(run, text[:at]), _run(run, old), _run(run, text[at + len(old):])
            parent = run.getparent()
            index = parent.index(run)
            parent.remove(run)
            for n, piece in enumerate((before, middle, after)):
                parent.insert(index + n, piece)
            return middle
    raise AssertionError(f"{context!r} not in the document")


def change(context: str, old: str, new: str) -> Callable[[Any], None]:
    """A figure changed by hand, without track changes."""
    def edit(root: Any) -> None:
        isolate(root, context, old).find(w("t")).text = new
    return edit


def revision(tag: str, rev_id: int, author: str = "张三") -> Any:
    el = etree.Element(w(tag))
    el.set(w("id"), str(rev_id))
    el.set(w("author"), author)
    el.set(w("date"), "2024-03-01T09:00:00Z")
    return el


def tracked_change(context: str, old: str, new: str, author: str = "张三") -> Callable[[Any], None]:
    """A figure changed with track changes on: the old figure in w:del, the new in w:ins."""
    def edit(root: Any) -> None:
        middle = isolate(root, context, old)
        deleted = revision("del", 901, author)
        middle.addprevious(deleted)
        deleted.append(middle)
        middle.find(w("t")).tag = w("delText")
        inserted = revision("ins", 902, author)
        inserted.append(_run(middle, new))
        deleted.addnext(inserted)
    return edit


def paragraph_with(root: Any, text: str) -> Any:
    for p in root.iter(w("p")):
        if text in "".join(t.text or "" for t in p.iter(w("t"))):
            return p
    raise AssertionError(f"no paragraph with {text!r}")


def accepted_text(p: Any) -> str:
    from drafter.reader.revisions import read_paragraph

    return read_paragraph(p).text


def comment_anchors(path: Path, author: str | None = None) -> dict[str, str]:
    """Comment text → the accepted text its range covers, for comments by `author`."""
    import docx

    from drafter.reader.revisions import read_paragraph

    word = docx.Document(str(path))
    out: dict[str, str] = {}
    body = word.element.body
    for comment in word.comments:
        if author is not None and comment.author != author:
            continue
        cid = str(comment.comment_id)
        start = next(el for el in body.iter(w("commentRangeStart")) if el.get(w("id")) == cid)
        end = next(el for el in body.iter(w("commentRangeEnd")) if el.get(w("id")) == cid)
        p = start
        while p.tag != w("p"):
            p = p.getparent()
        text = read_paragraph(p)
        out[comment.text] = text.text[text.position_of(start):text.position_of(end)]
    return out


def soffice_roundtrip(src: Path, folder: Path) -> Path:
    """The document opened and saved again as .docx by LibreOffice."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    out = folder / "lo"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", "docx",
         "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    return out / src.name


def add_comments_extended(path: Path, entries: dict[str, bool]) -> None:
    """Add word/commentsExtended.xml as Word writes it: for each comment paragraph id, whether
    the comment is resolved (已解决)."""
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    items = "".join(f'<w15:commentEx w15:paraId="{pid}" w15:done="{int(done)}"/>' for pid, done in entries.items())
    extended = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx xmlns:w15="{w15}">{items}</w15:commentsEx>'
    rel = ('<Relationship Id="rIdExtended" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" '
           'Target="commentsExtended.xml"/>')
    override = ('<Override PartName="/word/commentsExtended.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>')
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    parts["word/commentsExtended.xml"] = extended.encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel.encode() + b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override.encode() + b"</Types>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    path.write_bytes(buffer.getvalue())
