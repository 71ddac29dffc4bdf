"""Builders of hostile inputs: bombs, special files and values that once hung drafter,
exhausted its memory or ended in an internal error. Shared by the tests and by
evals/hostile_inputs.py, which writes them all into one folder to try by hand.

Each builder writes into a folder and returns the path of the file to give drafter.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "minggao-2020"


def example_yaml() -> str:
    return (EXAMPLE / "data.yaml").read_text(encoding="utf-8")


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    p = folder / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


def huge_exponent(folder: Path) -> Path:
    text = example_yaml().replace("procurement_amount: 149", 'procurement_amount: "1e999999999"')
    return _write(folder, "huge-exponent.yaml", text)


def long_integer(folder: Path) -> Path:
    text = example_yaml().replace("procurement_items: 2", "procurement_items: " + "9" * 5000)
    return _write(folder, "long-integer.yaml", text)


def long_integer_json(folder: Path) -> Path:
    return _write(folder, "long-integer.json", '{"organization": "某镇人民政府", "year": ' + "7" * 5000 + "}")


def superscript_year(folder: Path) -> Path:
    return _write(folder, "superscript-year.yaml", example_yaml().replace("year: 2020", 'year: "202³"'))


def nan_fact(folder: Path) -> Path:
    return _write(folder, "nan-fact.yaml", example_yaml() + "  - {label: 培训次数, value: .nan, unit: 次}\n")


def alias_bomb(folder: Path) -> Path:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    return _write(folder, "alias-bomb.yaml", "organization: 某镇人民政府\nyear: 2020\n" + "\n".join(lines) + "\n")


def recursive_yaml(folder: Path) -> Path:
    return _write(folder, "recursive.yaml", "organization: 某镇人民政府\nyear: 2020\nfacts: &loop [*loop]\n")


def nested_yaml(folder: Path, depth: int = 5000) -> Path:
    return _write(folder, "nested.yaml", "organization: 某镇人民政府\nyear: 2020\nfacts: " + "[" * depth + "]" * depth + "\n")


def nested_json(folder: Path, depth: int = 100_000) -> Path:
    return _write(folder, "nested.json", '{"organization": "某镇人民政府", "facts": ' + "[" * depth + "]" * depth + "}")


def utf16_no_bom(folder: Path) -> Path:
    return _write(folder, "utf16.yaml", example_yaml().encode("utf-16-le"))


def all_zero(folder: Path) -> Path:
    text = example_yaml().replace("procurement_items: 2", "procurement_items: 0").replace(
        "procurement_amount: 149", "procurement_amount: 0"
    )
    return _write(folder, "all-zero.yaml", text)


def no_tables(folder: Path) -> Path:
    return _write(folder, "no-tables.yaml", "organization: 某镇人民政府\nlevel: township\nyear: 2020\n")


def absurd_count(folder: Path) -> Path:
    text = example_yaml().replace("new_received: [0, 0, 0, 0, 0, 0, 0]", "new_received: [50000000, 0, 0, 0, 0, 0, 50000000]")
    return _write(folder, "absurd-count.yaml", text)


def dev_zero_link(folder: Path) -> Path:
    p = folder / "zero.yaml"
    p.symlink_to("/dev/zero")
    return p


def fifo(folder: Path, name: str = "fifo.yaml") -> Path:
    p = folder / name
    os.mkfifo(p)
    return p


def fifo_previous(folder: Path) -> Path:
    fifo(folder, "previous.yaml")
    text = example_yaml() + "previous: previous.yaml\n"
    return _write(folder, "with-fifo-previous.yaml", text)


def foreign_previous(folder: Path) -> Path:
    """previous: names a file that is not a data file of the year before (a private note)."""
    _write(folder, "secret.json", '{"password": "hunter2-secret", "note": "private"}')
    return _write(folder, "foreign-previous.yaml", example_yaml() + "previous: secret.json\n")


def _minimal_docx(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if extra and item.filename in extra:
                continue
            body = document_xml if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item.filename, body)
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


_W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def docx_styles_bomb(folder: Path, unpacked: int = 1 << 30) -> Path:
    """styles.xml that unpacks to `unpacked` bytes (1 GB by default) of one repeated byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_minimal_docx(_W + b"<w:p/></w:body></w:document>")), "r") as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for item in src.infolist():
            if item.filename == "word/styles.xml":
                continue
            dst.writestr(item.filename, src.read(item))
        with dst.open("word/styles.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(unpacked // len(chunk)):
                fh.write(chunk)
    return _write(folder, "styles-bomb.docx", out.getvalue())


def docx_many_paragraphs(folder: Path, count: int = 170_000) -> Path:
    body = _W + b"<w:p/>" * count + b"</w:body></w:document>"
    return _write(folder, "many-paragraphs.docx", _minimal_docx(body))


def xlsx_far_cell(folder: Path) -> Path:
    """A drafter workbook with one value in the last cell of a sheet (a huge used range)."""
    from drafter.data import load_data
    from drafter.workbook import write_workbook

    p = folder / "far-cell.xlsx"
    write_workbook(p, "某镇人民政府", "township", 2020, data=load_data(EXAMPLE / "data.yaml"))
    import openpyxl

    wb = openpyxl.load_workbook(p)
    for ws in wb.worksheets:
        ws["XFD1048576"] = 1
    wb.save(p)
    return p


def xlsx_shared_strings_bomb(folder: Path, unpacked: int = 300_000_000) -> Path:
    """A workbook whose sharedStrings.xml unpacks to hundreds of megabytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("[Content_Types].xml", "<Types/>")
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            chunk = b"<si><t>a</t></si>" * 60_000
            for _ in range(unpacked // len(chunk)):
                fh.write(chunk)
    return _write(folder, "strings-bomb.xlsx", out.getvalue())


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "huge-exponent": huge_exponent,
    "long-integer": long_integer,
    "long-integer-json": long_integer_json,
    "superscript-year": superscript_year,
    "nan-fact": nan_fact,
    "alias-bomb": alias_bomb,
    "recursive-yaml": recursive_yaml,
    "nested-yaml": nested_yaml,
    "nested-json": nested_json,
    "utf16-no-bom": utf16_no_bom,
    "dev-zero": dev_zero_link,
    "fifo": fifo,
    "fifo-previous": fifo_previous,
    "foreign-previous": foreign_previous,
    "xlsx-far-cell": xlsx_far_cell,
    "xlsx-strings-bomb": xlsx_shared_strings_bomb,
}
DOCX_BUILDERS: dict[str, Callable[[Path], Path]] = {
    "docx-styles-bomb": docx_styles_bomb,
    "docx-many-paragraphs": docx_many_paragraphs,
}
