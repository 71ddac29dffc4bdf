"""Reports as people publish them, made by the tests themselves: the project's own DOCX
printed to PDF or saved as .doc by LibreOffice (Debian's libreoffice-writer-nogui, which
the test command installs), Word files edited the way real ones come (page headers and
numbers, tables as pictures, tables breaking across pages), and PDFs written byte by byte
for what LibreOffice does not make (a scanned page)."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from drafter.data import ReportData, load_data
from drafter.drafting.llm import OfflineBackend
from drafter.drafting.pipeline import draft_narrative_sync
from drafter.notes import load_notes
from drafter.render import render
from drafter.report import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def example_data(name: str) -> ReportData:
    return load_data(EXAMPLES / name / "data.yaml")


def drafted_docx(name: str) -> bytes:
    """An example's report drafted offline and rendered as .docx, as `drafter draft` writes it."""
    return drafted(name, "docx")


def drafted(name: str, kind: str) -> bytes:
    """An example's report drafted offline and rendered as `kind` (docx, html, txt, md)."""
    data = example_data(name)
    notes_path = EXAMPLES / name / "notes.md"
    notes = load_notes(notes_path) if notes_path.exists() else None
    narrative = draft_narrative_sync(data, notes, OfflineBackend())
    return render(Report.build(data, narrative), kind)


def office_convert(files: list[Path], target: str, folder: Path) -> dict[Path, Path]:
    """Each file converted by LibreOffice (one run for all), in `folder`."""
    program = soffice()
    assert program is not None
    profile = folder / "lo-profile"
    subprocess.run(
        [program, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target, "--outdir", str(folder), *map(str, files)],
        capture_output=True, timeout=600, check=False,
    )
    out = {}
    for f in files:
        made = folder / (f.stem + "." + target.split(":")[0])
        assert made.exists(), f"LibreOffice did not convert {f.name}"
        out[f] = made
    return out


# --------------------------------------------------------------------------- Word files edited


def _document(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_page_furniture(data: bytes, header: str) -> bytes:
    """A running header on every page and a footer 第 N 页 共 M 页 with Word's page fields."""
    from docx.oxml import parse_xml

    document = _document(data)
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footer._p.append(parse_xml(f'<w:r {ns}><w:t xml:space="preserve">第 </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {ns} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {ns}><w:t xml:space="preserve"> 页 共 </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {ns} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {ns}><w:t xml:space="preserve"> 页</w:t></w:r>'))
    return _save(document)


def without_repeated_headers(data: bytes) -> bytes:
    """Header rows no longer repeated on a new page: the table simply continues."""
    document = _document(data)
    for element in list(document.element.body.iter(f"{W}tblHeader")):
        element.getparent().remove(element)
    return _save(document)


def tables_as_pictures(data: bytes) -> bytes:
    """Every table replaced by a picture of it (here a small grey image), as when a clerk
    pastes a screenshot of the table."""
    document = _document(data)
    body = document.element.body
    for table in list(body.iterchildren(f"{W}tbl")):
        picture = document.add_paragraph()
        picture.add_run().add_picture(io.BytesIO(png(40, 30)))
        table.addprevious(picture._p)
        body.remove(table)
    return _save(document)


def png(width: int, height: int) -> bytes:
    """A grey PNG image."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


# --------------------------------------------------------------------------- PDFs written by hand


def image_only_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are each one picture and no text: what a scanner makes."""
    width, height = 8, 8
    image = zlib.compress(b"\x80" * (width * height))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for n in range(pages):
        page_no, content_no, image_no = 3 + 3 * n, 4 + 3 * n, 5 + 3 * n
        kids.append(f"{page_no} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 {image_no} 0 R >> >> "
            f"/Contents {content_no} 0 R >>".encode()
        )
        content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(image)) + image + b"\nendstream"
        )
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
