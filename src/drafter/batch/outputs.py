"""Writing a body's draft folder: report.json (the source of truth), report.docx and
report.html, each atomically (temporary file + rename) so that a kill never leaves half a
file under a real name. Rendering DOCX is the costly part of a body, so it runs in a process
pool beside the event loop; the JSON is rendered first, in the caller, so that its hash can be
recorded in the manifest before anything is written.
"""

from __future__ import annotations

import errno
import hashlib
import signal
from pathlib import Path

from ..errors import DrafterError
from ..report import Report

FILES = ("report.json", "report.docx", "report.html")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def quiet_worker() -> None:
    """Pool initializer: Ctrl-C is the batch's to handle; a worker finishes the file it writes.
    A worker whose batch was killed (SIGKILL cannot be handled) exits instead of lingering."""
    import os
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def clear_leftovers(folder: Path) -> None:
    """Temporary files left by a run that was killed while writing."""
    if folder.is_dir():
        for tmp in folder.glob(".report.*.tmp"):
            tmp.unlink(missing_ok=True)


def write_folder(folder: str, report_json: bytes) -> dict[str, str]:
    """Render report.docx and report.html from the JSON draft and write all three; the
    {file name: sha256} written. report.json is written last: a folder whose report.json is
    new has its other files too."""
    from ..render import render
    from ..textio import write_atomic

    target = Path(folder)
    report = Report.model_validate_json(report_json)
    payloads = {"report.docx": render(report, "docx"), "report.html": render(report, "html")}
    payloads["report.json"] = report_json
    clear_leftovers(target)
    for name in FILES[1:] + FILES[:1]:
        write_atomic(target / name, payloads[name])
    return {name: sha256(data) for name, data in payloads.items()}


def write_error_message(exc: OSError, where: Path) -> str:
    """A clerk's message for a failed write: disk full and read-only folders named as such."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return (
            f"磁盘空间不足，无法写入 {where}。没有写完的机关不会标记为完成；请清理磁盘空间后重新运行同一命令，"
            "已完成的机关不会重做。"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入权限，无法写入 {where}。请检查输出文件夹的权限，或用 -o 换一个输出文件夹。"
    return f"无法写入 {where}（{exc.strerror or exc}）。请检查输出文件夹后重新运行同一命令。"


class WriteFailed(DrafterError):
    """The output folder cannot be written (disk full, read-only): the batch stops."""
