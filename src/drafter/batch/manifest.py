"""The batch manifest: OUT_DIR/manifest.sqlite (stdlib sqlite3, WAL, one transaction per body).

One row per body folder: its inputs (path → sha256), the prompt versions and model it was
drafted with, status, output files with their hashes, counts and findings. A body is marked
done only after its files are on disk; before writing, the hash of the report.json about to be
written is recorded (`pending_hash`), so that after a kill between the two steps a re-run can
tell its own half-finished output from a reviewer's edit.

Only one batch may write an OUT_DIR at a time: `BatchLock` holds an exclusive lock on
OUT_DIR/.drafter-batch.lock for the process's lifetime (released by the OS if it dies).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError

MANIFEST = "manifest.sqlite"
LOCK = ".drafter-batch.lock"
SCHEMA_VERSION = 1
STATUS_ZH = {
    "done": "完成",
    "review": "需人工核对",
    "invalid": "输入有误，未起草",
    "failed": "失败，重新运行时重试",
    "kept": "审核人已修改，保留",
    "writing": "未完成",
    "pending": "未开始",
}
COMPLETE = ("done", "review")  # statuses a re-run leaves alone when nothing changed

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bodies (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    organization TEXT,
    short_name TEXT,
    level TEXT,
    parent TEXT,
    year INTEGER,
    status TEXT NOT NULL,
    deps TEXT NOT NULL DEFAULT '{}',
    prompts TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    outputs TEXT NOT NULL DEFAULT '{}',
    report_hash TEXT,
    pending_hash TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    first_finding TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '[]',
    message TEXT NOT NULL DEFAULT '',
    requests INTEGER,
    model_calls INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    backend TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}'
);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Entry:
    key: str
    source: str
    organization: str | None
    short_name: str | None
    level: str | None
    parent: str | None
    year: int | None
    status: str
    deps: dict[str, str | None]
    prompts: str
    model: str
    outputs: dict[str, str]
    report_hash: str | None
    pending_hash: str | None
    errors: int
    warnings: int
    first_finding: str
    findings: list[dict[str, Any]]
    message: str
    requests: int | None
    model_calls: int
    run_id: int | None
    updated_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Entry:
        d = dict(row)
        for k in ("deps", "outputs", "findings"):
            d[k] = json.loads(d[k] or ("[]" if k == "findings" else "{}"))
        return cls(**d)

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)


class Manifest:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        try:
            if readonly:
                self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            else:
                self.conn = sqlite3.connect(path, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.conn.executescript(_SCHEMA)
                self.conn.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"无法打开批量任务清单（{exc}）。如果它已损坏，请把它移走后重新运行（已写好的报告文件不会丢失）。",
                str(path),
            ) from None
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading
    def get(self, key: str) -> Entry | None:
        row = self.conn.execute("SELECT * FROM bodies WHERE key = ?", (key,)).fetchone()
        return Entry.from_row(row) if row else None

    def entries(self) -> list[Entry]:
        return [Entry.from_row(r) for r in self.conn.execute("SELECT * FROM bodies ORDER BY key")]

    # -- writing: each call is one transaction
    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(sql, params)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def put(self, entry: Entry) -> None:
        entry.updated_at = now()
        d = dict(entry.__dict__)
        for k in ("deps", "outputs", "findings"):
            d[k] = json.dumps(d[k], ensure_ascii=False)
        cols = ", ".join(d)
        marks = ", ".join(f":{k}" for k in d)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(f"INSERT OR REPLACE INTO bodies ({cols}) VALUES ({marks})", d)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def mark_writing(self, key: str, source: str, pending_hash: str) -> None:
        """Before a body's files are written: the hash of the report.json about to be written."""
        self._write(
            "INSERT INTO bodies (key, source, status, pending_hash, updated_at) VALUES (?, ?, 'writing', ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET pending_hash = excluded.pending_hash, updated_at = excluded.updated_at, "
            "status = 'writing'",
            (key, source, pending_hash, now()),
        )

    def start_run(self, backend: str) -> int:
        cur = self.conn.execute("INSERT INTO runs (started, backend) VALUES (?, ?)", (now(), backend))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        self._write("UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (now(), json.dumps(counts), run_id))


class BatchLock:
    """An exclusive, non-blocking lock on OUT_DIR for one batch process."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK
        self._fh: Any = None

    def acquire(self) -> None:
        try:
            fh = open(self.path, "a+")  # noqa: SIM115 - held for the lifetime of the batch
        except OSError as exc:
            raise InputError(
                f"无法在输出文件夹中写入（{exc.strerror or exc}）。请检查是否有写入权限，或用 -o 换一个输出文件夹。",
                str(self.path.parent),
            ) from None
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            pid = fh.read().strip()
            fh.close()
            who = f"（进程号 {pid}）" if pid else ""
            raise InputError(
                f"另一个 drafter batch{who}正在使用这个输出文件夹。同一个输出文件夹同时只能运行一个批量任务；"
                "请等它结束后再运行，或用 -o 换一个输出文件夹。",
                str(self.path.parent),
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            try:
                _unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None

    def __enter__(self) -> BatchLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock(fh: Any) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fh: Any) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
