"""Old office files (.doc, .wps, .xls, .et) converted to their current form with LibreOffice,
when it is installed: `soffice --headless --convert-to docx|xlsx`.

The user's file is never touched: its bytes are copied into a private temporary folder,
LibreOffice runs there with its own fresh profile (so that it neither reads nor changes the
user's LibreOffice settings, and no first-start dialog or update check runs), under a time
limit, and the folder is removed afterwards. LibreOffice needs no network to convert a
file; the private profile turns its update check off. Without LibreOffice, or when it fails,
the error names the fix: save the file in the current format.

`DRAFTER_SOFFICE` names the LibreOffice program to use (an empty value: do not convert).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

TIMEOUT = 120.0  # seconds; a first start with a fresh profile takes a few seconds


@dataclass(frozen=True)
class Kind:
    name: str  # as a clerk calls it
    target: str  # LibreOffice's --convert-to argument
    suffix: str  # of the converted file
    save_as: str  # what to save the file as, in the message
    apps: str  # the programs a clerk opens it with
    package: str  # the Debian package with the LibreOffice part that opens it


WORD = Kind("旧版 Word 或 WPS 文字", "docx:MS Word 2007 XML", ".docx", "Word 文档（.docx）", "Word/WPS",
            "libreoffice-writer-nogui")
EXCEL = Kind("旧版 Excel 或 WPS 表格", "xlsx:Calc MS Excel 2007 XML", ".xlsx", "Excel 工作簿（.xlsx）", "Excel/WPS",
             "libreoffice-calc-nogui")

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="CollectUsageInformation" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed (or DRAFTER_SOFFICE is empty)."""
    configured = os.environ.get("DRAFTER_SOFFICE")
    if configured is not None:
        if not configured.strip():
            return None
        found = shutil.which(configured)
        return found if found else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, kind: Kind, source: str, timeout: float = TIMEOUT) -> bytes:
    """The file's bytes converted to `kind`'s current format, or an InputError naming the fix."""
    fix = f"请在 {kind.apps} 中打开后“另存为”{kind.save_as}再试"
    soffice = find_soffice()
    if soffice is None:
        raise InputError(
            f"这是{kind.name}文件（{suffix}），需要 LibreOffice 才能读取，本机没有安装。{fix}；"
            f"或安装 LibreOffice（Debian/Ubuntu：sudo apt install {kind.package}）后重试。",
            source,
        )
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as tmp:
        folder = Path(tmp)
        original = folder / f"input{suffix}"
        original.write_bytes(data)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, "utf-8")
        out = folder / "out"
        command = [
            soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--invisible",
            f"-env:UserInstallation={profile.as_uri()}", "--convert-to", kind.target, "--outdir", str(out), str(original),
        ]
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env["HOME"] = str(folder)
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, env=env, cwd=folder, start_new_session=True)
        except OSError as exc:
            raise InputError(f"无法启动 LibreOffice（{exc.strerror or type(exc).__name__}）。{fix}。", source) from None
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise InputError(f"用 LibreOffice 转换{kind.name}文件超时（{timeout:.0f} 秒）。{fix}。", source) from None
        except BaseException:
            _kill(process)
            raise
        result = out / f"input{kind.suffix}"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            missing = "" if kind is WORD else f"（也可能是本机的 LibreOffice 缺少表格组件，可安装 {kind.package}）"
            raise InputError(
                f"LibreOffice 未能转换这个{kind.name}文件（文件可能已损坏、设置了密码，或不是{kind.name}文件）{missing}。{fix}。",
                source,
            )
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and everything it started (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
