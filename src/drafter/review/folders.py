"""Which draft folders DIR holds, named by ids that can only point inside DIR.

A draft folder is a folder with a regular file report.json. DIR is either one (a single
body, id = the folder's name) or holds them one level down (a batch's output). Ids are
looked up in the mapping built here, never joined to a path, so `..`, absolute paths and
URL-encoded forms name nothing; a folder or report.json that is a symlink, or resolves
outside DIR, is left out.

A batch's manifest.sqlite is read read-only when present, and only if a table with a
folder column and a status column can be recognised; the page never depends on it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

REPORT = "report.json"
MANIFEST = "manifest.sqlite"
_ID = re.compile(r"^[^/\\\x00]{1,200}$")
_FOLDER_COLUMNS = ("folder", "dir", "directory", "out_dir", "output_dir", "draft_dir", "path", "slug", "body_id", "name")
_STATUS_COLUMNS = ("status", "state", "result")
_ERROR_COLUMNS = ("error", "message", "detail", "reason")


@dataclass(frozen=True)
class DraftFolder:
    id: str
    path: Path


def inside(root: Path, path: Path) -> bool:
    """True when `path`, symlinks resolved, is `root` or lies under it."""
    try:
        path.resolve(strict=False).relative_to(root.resolve(strict=False))
    except ValueError:
        return False
    return True


def _is_draft(root: Path, folder: Path) -> bool:
    report = folder / REPORT
    return (
        not folder.is_symlink()
        and folder.is_dir()
        and not report.is_symlink()
        and report.is_file()
        and inside(root, report)
    )


def find_drafts(root: Path) -> dict[str, DraftFolder]:
    """The draft folders under `root` by id, in name order."""
    root = root.resolve()
    if _is_draft(root, root):
        return {root.name or "draft": DraftFolder(root.name or "draft", root)}
    out: dict[str, DraftFolder] = {}
    try:
        children = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError:
        return out
    for child in children:
        if child.name.startswith(".") or child.name == "history" or not _ID.match(child.name):
            continue
        if _is_draft(root, child):
            out[child.name] = DraftFolder(child.name, child)
    return out


def lookup(drafts: dict[str, DraftFolder], body_id: str) -> DraftFolder | None:
    """The draft folder for an id from a request, or None for anything not listed."""
    if not _ID.match(body_id) or body_id in (".", ".."):
        return None
    return drafts.get(body_id)


@dataclass(frozen=True)
class BatchStatus:
    status: str
    error: str = ""


def read_manifest(root: Path) -> dict[str, BatchStatus]:
    """Folder name → the batch's status for it, from manifest.sqlite when it is there and
    recognisable; {} otherwise. Opened read-only; never written."""
    path = root / MANIFEST
    if path.is_symlink() or not path.is_file():
        return {}
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return {}
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            found = _read_table(con, table)
            if found:
                return found
    except sqlite3.Error:
        return {}
    finally:
        con.close()
    return {}


def _read_table(con: sqlite3.Connection, table: str) -> dict[str, BatchStatus]:
    quoted = '"' + table.replace('"', '""') + '"'
    columns = [r[1].lower() for r in con.execute(f"PRAGMA table_info({quoted})")]
    folder = next((c for c in _FOLDER_COLUMNS if c in columns), None)
    status = next((c for c in _STATUS_COLUMNS if c in columns), None)
    if folder is None or status is None:
        return {}
    error = next((c for c in _ERROR_COLUMNS if c in columns), None)
    picked = f'"{folder}", "{status}"' + (f', "{error}"' if error else "")
    out: dict[str, BatchStatus] = {}
    for row in con.execute(f"SELECT {picked} FROM {quoted} LIMIT 100000"):
        if row[0] is None:
            continue
        name = Path(str(row[0])).name
        out[name] = BatchStatus(str(row[1] or ""), str(row[2] or "") if error else "")
    return out
