"""The output guard of `draft` and `render`: never lose a user's work.

- An output that names one of the command's own inputs (the data file, the notes file,
  last year's data) is always refused, even with --force.
- An existing output is replaced only if drafter wrote it and nobody changed it since;
  otherwise the command is refused and the message names --force.

How drafter knows it wrote a file: beside every output it writes a small hidden record,
``.<name>.drafter.json``, holding the SHA-256 of the bytes it wrote. A sidecar rather than
a property inside the file, because
  * it works the same for every kind (.docx, .html, .md, .txt, .json); text kinds have no
    place for a property that a reader would not see or that an editor would not keep;
  * Word keeps a document's custom properties when a reviewer edits and saves it, so a
    property saying "written by drafter" would survive the very edits it must detect; the
    hash of the exact bytes changes on any save;
  * a hash cannot be stored inside the bytes it hashes without a canonical form of the
    file, and Word rewrites its parts on every save.
When the record is missing (the file was copied elsewhere, or the record deleted) the file
counts as not written by drafter: refusing is the safe side, and --force is one word away.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from .errors import DrafterError, OutputError
from .textio import read_bytes, write_atomic

RECORD_KIND = "drafter-output"


def record_path(output: Path) -> Path:
    return output.parent / f".{output.name}.drafter.json"


def guard_output(output: Path, inputs: Iterable[Path | None], force: bool) -> None:
    """Raise OutputError if writing `output` could destroy an input or someone's edits."""
    for source in inputs:
        if source is not None and _same(output, source):
            raise OutputError(
                f"输出文件与输入文件“{source}”是同一个文件，写入会覆盖您的输入。没有写入任何文件。"
                "请用 -o 指定另一个文件名（如 报告.docx）。",
                str(output),
            )
    if not os.path.lexists(output):
        return
    if output.is_dir():
        raise OutputError("这是一个文件夹，不能作为输出文件。请用 -o 指定文件名（如 报告.docx）。", str(output))
    if force:
        return
    if not output.is_file():
        raise OutputError(
            "这个位置已有一个不是普通文件的东西（管道、设备或失效的链接），没有写入。请用 -o 换一个文件名。", str(output)
        )
    state = written_state(output)
    if state == "ours":
        return
    why = "是 drafter 写出的，但之后被修改过（可能是审核人改过的稿子）" if state == "changed" else "不是 drafter 写出的"
    raise OutputError(
        f"文件已存在，且{why}。为免覆盖其中的内容，没有写入任何文件。"
        "请用 -o 换一个文件名；如果确认不再需要它，加 --force 覆盖。",
        str(output),
    )


def written_state(output: Path) -> str:
    """"ours" (drafter wrote these exact bytes), "changed" (drafter wrote it, the bytes
    changed since) or "foreign" (no record of drafter writing it)."""
    try:
        record = json.loads(read_bytes(record_path(output), 100_000))
    except (DrafterError, ValueError):
        return "foreign"
    if not isinstance(record, dict) or record.get("kind") != RECORD_KIND or not isinstance(record.get("sha256"), str):
        return "foreign"
    return "ours" if _sha256(output) == record["sha256"] else "changed"


def record_output(output: Path) -> None:
    """Remember that drafter wrote `output` as it is now (after write_atomic)."""
    record = {
        "kind": RECORD_KIND,
        "file": output.name,
        "sha256": _sha256(output),
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": "drafter 写出此文件时记录的校验值，用于判断文件之后是否被修改；可以删除，删除后再次写入需加 --force。",
    }
    write_atomic(record_path(output), json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()  # regular files only, bounded
    except DrafterError:
        return None


def _same(a: Path, b: Path) -> bool:
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False
