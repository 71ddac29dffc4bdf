"""Reading and writing files safely: encodings detected and named, sizes bounded,
outputs written atomically so that an interrupted run never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError

MAX_TEXT_BYTES = 1_500_000  # a real report is a few tens of kB; anything this large is not one


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputError("文件不存在。请检查文件名和路径是否正确。", str(p))
    if p.is_dir():
        raise InputError("这是一个文件夹，不是文件。请指定具体的文件。", str(p))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror}）。请检查文件权限。", str(p)) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(
            f"文件过大（{len(data) // 1024} KB，上限 {max_bytes // 1024} KB），不像一份年度报告或数据文件。"
            "请确认选对了文件。",
            str(p),
        )
    return data


def decode_text(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode as UTF-8 (BOM tolerated) or as the encoding the user named.

    GBK/GB18030 files are common on Chinese office machines: they are detected and
    refused with a message that says so and how to proceed, never silently misread.
    """
    if encoding:
        if _chinese_legacy(encoding):
            # --encoding gbk names the clerk's old files; a UTF-8 file given beside them
            # (the data file of a GBK report) is still read as UTF-8, never misread as GBK
            try:
                return data.decode("utf-8-sig")
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise InputError(f"无法按 {encoding} 编码读取。请确认文件编码。", path) from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("这是二进制文件，不是文本。请提供 UTF-8 文本、Word(.docx)、HTML 或 JSON 文件。", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"文件不是 UTF-8 文本（第 {bad_at} 字节处无法解码），也不是 GBK 文本。请确认这是文本文件，"
            "或用记事本/WPS 另存为 UTF-8 编码后重试。",
            path,
        ) from None
    raise InputError(
        "文件是 GBK（GB18030）编码，不是 UTF-8。请用记事本或 WPS“另存为”UTF-8 编码，"
        "或在命令中加上 --encoding gbk 按 GBK 读取（原文件不会被修改）。",
        path,
    )


def _chinese_legacy(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name in ("gbk", "gb2312", "gb18030", "big5", "big5hkscs", "cp936", "cp950")
    except LookupError:
        return False


def read_text(path: str | Path, encoding: str | None = None, max_bytes: int = MAX_TEXT_BYTES) -> str:
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise InputError("文件是空的。请确认选对了文件，或先填写内容。", str(path))
    return decode_text(data, str(path), encoding)


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write through a temporary file in the same folder, then rename: all or nothing."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p
