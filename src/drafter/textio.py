"""Reading and writing files safely: encodings detected and named, sizes bounded,
outputs written atomically so that an interrupted run never leaves half a file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError, OutputError

MAX_TEXT_BYTES = 1_500_000  # a real report is a few tens of kB; anything this large is not one


MAX_ANY_BYTES = 60_000_000  # no input drafter reads is larger, whatever its kind


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them.

    Opened without blocking and checked with fstat before anything is read: a FIFO, a
    device such as /dev/zero (or a link to one), a socket or a folder is refused instead
    of hanging drafter or filling its memory.
    """
    p = Path(path)
    limit = MAX_ANY_BYTES if max_bytes is None else min(max_bytes, MAX_ANY_BYTES)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("文件不存在。请检查文件名和路径是否正确。", str(p)) from None
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是文件。请指定具体的文件。", str(p)) from None
    except OSError as exc:
        raise InputError(f"无法读取文件（{_os_reason(exc)}）。请检查文件权限。", str(p)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("这是一个文件夹，不是文件。请指定具体的文件。", str(p))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                "这不是普通文件（可能是管道、设备或指向它们的链接），drafter 只读取普通文件。请指定保存在磁盘上的文件。",
                str(p),
            )
        if info.st_size > limit:
            raise _too_large(info.st_size, limit, str(p))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew while it was read
                raise _too_large(size, limit, str(p))
    except OSError as exc:
        raise InputError(f"无法读取文件（{_os_reason(exc)}）。请检查文件权限。", str(p)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _too_large(size: int, limit: int, path: str) -> InputError:
    return InputError(
        f"文件过大（{size // 1024} KB，上限 {limit // 1024} KB），不像一份年度报告或数据文件。请确认选对了文件。", path
    )


def _os_reason(exc: OSError) -> str:
    """A Chinese reason for an OS error (the system's own text is English)."""
    reasons = {
        errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "文件夹是只读的", errno.ENOSPC: "磁盘空间不足",
        errno.ENOENT: "路径不存在", errno.ENOTDIR: "路径中有一段不是文件夹", errno.EISDIR: "这是一个文件夹",
        errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "链接层数过多", errno.EDQUOT: "磁盘配额已满",
        errno.EIO: "磁盘读写出错", errno.EEXIST: "路径中有一段是已存在的文件，不是文件夹",
    }
    return reasons.get(exc.errno or 0, f"系统错误 {exc.errno}")


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
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError:
            raise InputError("文件以 UTF-32 编码标记开头，但内容无法按 UTF-32 读取。请另存为 UTF-8 后重试。", path) from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
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


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark (some Windows tools do this), or None.

    Both byte orders are tried; one is taken when nearly every character it yields is
    ordinary text (ASCII, CJK, CJK and full-width punctuation, whitespace).
    """
    body = data[: len(data) - len(data) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:20_000]
        plain = sum(1 for ch in sample if _ordinary(ch))
        if sample and plain / len(sample) > 0.97:
            return text.removeprefix("\ufeff")
    return None


def _ordinary(ch: str) -> bool:
    code = ord(ch)
    return (
        (32 <= code < 127 or ch in "\t\r\n")
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x4E00 <= code <= 0x9FFF  # CJK ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x206F  # general punctuation (“” — …)
        or code in (0xB7, 0xD7, 0xA0)
    )


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write through a temporary file in the same folder, then rename: all or nothing.

    The data is fsynced before the rename and the folder after it, so a crash leaves
    either the old file or the new one. A new file gets the permissions the user's umask
    allows (tempfile would leave it 0600, unreadable to colleagues); a replaced file keeps
    its own. Temporary files left by a run that was killed mid-write are removed first.
    """
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(p)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            mode = stat.S_IMODE(os.stat(p).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_folder(p.parent)
    except OSError as exc:
        raise OutputError(
            f"无法写入文件（{_os_reason(exc)}）。请检查文件夹是否存在、是否有写入权限，或换一个输出位置。", str(p)
        ) from None
    return p


TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    """The process umask, read without changing it where the system allows (setting it
    and back is not safe while other threads create files)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_stale_temps(target: Path) -> None:
    """Remove `.NAME.<pid>.*.tmp` files beside `target` whose writing process is gone."""
    prefix = f".{target.name}."
    try:
        candidates = [c for c in target.parent.iterdir() if c.name.startswith(prefix) and c.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for candidate in candidates:
        pid_text = candidate.name[len(prefix):].split(".", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        try:
            candidate.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
