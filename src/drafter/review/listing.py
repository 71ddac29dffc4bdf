"""The rows of the list page: one per body, with status, counts, filter and sort."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DrafterError
from .checking import counts
from .folders import DraftFolder, find_drafts, read_manifest
from .store import load

STATUS_ZH = {
    "passed": "通过核对",
    "needs_review": "需人工核对",
    "failed": "有错误",
    "approved": "已批准",
    "sent_back": "已退回",
}
BATCH_ZH = {  # common words a batch manifest may use; anything else is shown as written
    "ok": "完成", "done": "完成", "drafted": "已起草", "passed": "通过", "written": "已写入",
    "failed": "失败", "error": "失败", "skipped": "跳过", "kept": "审核人改过，已保留", "pending": "等待", "running": "进行中",
}
SORTS = {"name": "机关", "status": "状态", "errors": "错误数", "warnings": "提醒数"}
_STATUS_ORDER = {"failed": 0, "sent_back": 1, "needs_review": 2, "passed": 3, "approved": 4}


@dataclass
class Row:
    id: str
    organization: str
    year: int | None
    status: str
    errors: int
    warnings: int
    drafted_by_model: int
    batch_status: str = ""
    note: str = ""  # why the draft could not be read, or the batch's error
    reviewer: str = ""
    at: str = ""
    openable: bool = True

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)


def rows(root: Path) -> tuple[list[Row], bool]:
    """Every body under `root`, and whether a batch manifest was recognised."""
    manifest = read_manifest(root)
    out: list[Row] = []
    drafts = find_drafts(root)
    for folder in drafts.values():
        out.append(_row(folder))
    for row in out:
        batch = manifest.get(row.id)
        if batch is not None:
            row.batch_status = BATCH_ZH.get(batch.status.lower(), batch.status)
            row.note = row.note or batch.error
    for name, batch in manifest.items():  # bodies the batch could not draft: no folder to open
        if name not in drafts:
            status = BATCH_ZH.get(batch.status.lower(), batch.status)
            out.append(Row(name, name, None, "failed", 0, 0, 0, status, batch.error or "批处理没有生成草稿", openable=False))
    return out, bool(manifest)


def _row(folder: DraftFolder) -> Row:
    try:
        draft = load(folder)
    except DrafterError as exc:
        return Row(folder.id, folder.id, None, "failed", 0, 0, 0, note=exc.message, openable=False)
    errors, warnings = counts(draft.report.findings)
    data = draft.report.data
    sections = draft.report.narrative.sections.values()
    state = draft.state
    decided = draft.status in ("approved", "sent_back")
    return Row(
        folder.id,
        str(data.get("organization") or folder.id),
        data.get("year") if isinstance(data.get("year"), int) else None,
        draft.status,
        errors,
        warnings,
        sum(1 for s in sections if s.origin in ("llm", "fallback")),
        reviewer=state.reviewer if decided else "",
        at=state.at if decided else "",
    )


def select(items: list[Row], status: str = "", query: str = "", sort: str = "name", descending: bool = False) -> list[Row]:
    picked = [r for r in items if (not status or r.status == status)
              and (not query or query in r.organization or query in r.id)]
    keys = {
        "name": lambda r: (r.organization, r.id),
        "status": lambda r: (_STATUS_ORDER.get(r.status, 9), r.organization),
        "errors": lambda r: (r.errors, r.warnings, r.organization),
        "warnings": lambda r: (r.warnings, r.errors, r.organization),
    }
    return sorted(picked, key=keys.get(sort, keys["name"]), reverse=descending)
