"""Bounds on every input, so that checking someone else's file is safe: a file that is
too large, too deep, too compressed, holds absurd numbers or takes too long to parse is
refused with a clear message (exit status 2) before it can hang drafter or exhaust memory.

Checked before parsing where possible: sizes (textio.read_bytes), zip members' declared
sizes and compression ratios (`check_zip`), paragraph and cell counts of a Word body
(`check_docx_body`), digits and exponents of numbers (`check_number_text`). After
parsing: nesting depth and node count (`check_structure`). As a last resort a parse runs
under `time_limit`.
"""

from __future__ import annotations

import io
import re
import signal
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import InputError

# Zip containers (.docx, .xlsx). A real report's document.xml is well under 5 MB and a
# data workbook's sheets under 1 MB; images are stored, not deflated, at ratios near 1.
MAX_ZIP_MEMBERS = 2_000
MAX_MEMBER_BYTES = 60_000_000  # uncompressed, any one member
MAX_UNPACKED_BYTES = 150_000_000  # uncompressed, all members together
MAX_RATIO = 200  # uncompressed / compressed, for members large enough to matter
RATIO_FLOOR = 2_000_000  # members smaller than this may compress as well as they like

# A Word body: a long annual report has a few thousand paragraphs and table cells.
MAX_PARAGRAPHS = 6_000
MAX_CELLS = 12_000

# Parsed data: nesting and size of what a YAML/JSON data file may hold.
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_ALIASES = 100

# Numbers: digits and magnitude a figure may have before it is converted.
MAX_DIGITS = 30
MAX_EXPONENT = 30
MAX_MAGNITUDE = 10**15  # far beyond any count or amount in a report; checked before arithmetic

PARSE_SECONDS = 60

# What a damaged zip raises while it is listed or a member is inflated; the readers name a
# damaged file in their own words, so the checks here let it pass to them.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError, NotImplementedError, RuntimeError)


def check_zip(data: bytes, source: str, what: str) -> None:
    """Refuse a zip whose members would unpack to too much, judged by the central directory.

    zipfile never returns more than a member's declared size (a member that lies fails its
    CRC check), so the declared sizes bound what reading it can cost.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except _ZIP_ERRORS:
        return  # the reader names a damaged file in its own words
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(f"{what}内含 {len(infos)} 个部件，远超正常文件，不像一份{what}。请确认选对了文件。", source)
    total = 0
    for info in infos:
        total += info.file_size
        too_big = info.file_size > MAX_MEMBER_BYTES
        packed = max(info.compress_size, 1)
        too_dense = info.file_size > RATIO_FLOOR and info.file_size / packed > MAX_RATIO
        if too_big or too_dense:
            raise InputError(
                f"{what}中的部件“{info.filename}”解压后达 {_mb(info.file_size)}"
                + (f"（压缩比 {info.file_size // packed} 倍）" if too_dense else "")
                + f"，超过上限 {_mb(MAX_MEMBER_BYTES)}，可能是恶意构造的压缩包。drafter 没有读取它。请确认文件来源，或在 Word/Excel/WPS 中重新保存后重试。",
                source,
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{what}解压后共 {_mb(total)}，超过上限 {_mb(MAX_UNPACKED_BYTES)}，不像一份{what}。请确认选对了文件。", source
        )


_PARAGRAPH = re.compile(rb"<w:p[ >/]")
_CELL = re.compile(rb"<w:tc[ >/]")


def check_docx_body(data: bytes, source: str) -> None:
    """Refuse a Word body with more paragraphs or table cells than any report has (counted
    in the raw XML, before python-docx builds an object for each)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
    except _ZIP_ERRORS:
        return
    paragraphs = len(_PARAGRAPH.findall(body))
    cells = len(_CELL.findall(body))
    if paragraphs > MAX_PARAGRAPHS or cells > MAX_CELLS:
        counted = f"{paragraphs} 个段落" if paragraphs > MAX_PARAGRAPHS else f"{cells} 个表格单元格"
        raise InputError(
            f"Word 文档正文有 {counted}，远超一份年度报告（上限 {MAX_PARAGRAPHS} 个段落、{MAX_CELLS} 个单元格），"
            "drafter 没有读取它。请确认选对了文件；如果文档里有大量空段落，请删除后重新保存。",
            source,
        )


# A data workbook: drafter's own has a few hundred cells; a clerk may add notes around them.
MAX_SHEET_CELLS = 50_000
MAX_SHEET_ROWS = 20_000
_XL_CELL = re.compile(rb"<(?:\w+:)?c[ >/]")
_XL_ROW = re.compile(rb"<(?:\w+:)?row[ >/]")


def check_xlsx_cells(data: bytes, source: str) -> None:
    """Refuse a workbook whose sheets hold more cells or rows than a data workbook could
    (counted in the raw XML: openpyxl builds a Python object for every cell it reads)."""
    cells = rows = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    xml = archive.read(info)
                    cells += len(_XL_CELL.findall(xml))
                    rows += len(_XL_ROW.findall(xml))
    except _ZIP_ERRORS:
        return
    if cells > MAX_SHEET_CELLS or rows > MAX_SHEET_ROWS:
        raise InputError(
            f"工作簿共有 {cells} 个单元格、{rows} 行，远超一份数据工作簿（上限 {MAX_SHEET_CELLS} 个单元格、{MAX_SHEET_ROWS} 行），"
            "drafter 没有读取它。请确认选对了文件，或用 drafter init --xlsx 重新生成工作簿后把数字抄过去。",
            source,
        )


_NUMBER = re.compile(r"^\s*[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$")


def number_text_problem(text: str) -> str | None:
    """Why a number written as text is absurd (too many digits, a huge exponent), or None.

    Converting "1e999999999" to an integer or "9" * 5000 to an int hangs or fails inside
    Python; this looks at the characters only.
    """
    plain = text.replace(",", "").replace("_", "")
    m = _NUMBER.match(plain)
    if not m:
        return None
    whole, fraction, exponent = m.group(1) or "", m.group(2) or "", m.group(3)
    if exponent is not None and (len(exponent.lstrip("+-")) > 3 or abs(int(exponent)) > MAX_EXPONENT):
        return f"数值“{_short(text)}”的指数过大，不是一个真实的数字"
    if len(whole.lstrip("0")) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
        return f"数值“{_short(text)}”有 {len(whole.lstrip('0')) + len(fraction)} 位数字，不是一个真实的数字"
    return None


def check_structure(value: Any, source: str) -> None:
    """Refuse parsed data nested deeper than MAX_DEPTH or holding more than MAX_NODES
    values (aliases counted each time they are used); also catches a value that contains
    itself. Iterative, so that it cannot overflow the stack."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH:
            raise InputError(f"数据嵌套超过 {MAX_DEPTH} 层（或引用了自身），不是有效的数据文件。请对照 drafter init 生成的模板。", source)
        if nodes > MAX_NODES:
            raise InputError(f"数据文件包含的值超过 {MAX_NODES} 个（可能是别名反复展开），不是有效的数据文件。请对照 drafter init 生成的模板。", source)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
            stack.extend((k, depth + 1) for k in item)
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)


@contextmanager
def time_limit(source: str, what: str, seconds: int = PARSE_SECONDS) -> Iterator[None]:
    """Give up on a parse that takes longer than `seconds` (main thread of a Unix process
    only; elsewhere the size and shape limits above are the guard)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise InputError(
            f"读取{what}超过 {seconds} 秒仍未完成，已停止。文件可能过大或经过特殊构造。请确认选对了文件，或重新保存后重试。",
            source,
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}…{text[-6:]}（共 {len(text)} 个字符）"
