"""Progress of a batch on standard error: a rich bar with done / needs review / failed and an
ETA on a terminal; one plain line per body otherwise (logs, CI, a scheduled task)."""

from __future__ import annotations

import sys
from typing import Any

LABELS = {"done": "完成", "review": "需人工核对", "failed": "失败", "invalid": "输入有误", "kept": "已保留"}


class BatchProgress:
    def __init__(self, total: int, *, live: bool | None = None) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False)
        self.live = self.console.is_terminal if live is None else live
        self.total = total
        self.counts = {k: 0 for k in LABELS}
        self.n = 0
        self._progress: Any = None
        self._task: Any = None

    def _fields(self) -> str:
        c = self.counts
        return f"完成 {c['done']}  需人工核对 {c['review']}  失败 {c['failed']}"

    def __enter__(self) -> BatchProgress:
        if self.live and self.total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("起草"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                TextColumn("剩余"),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("batch", total=self.total, counts=self._fields())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)

    def advance(self, status: str, label: str, note: str = "") -> None:
        self.n += 1
        if status in self.counts:
            self.counts[status] += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, counts=self._fields())
            if status in ("failed", "invalid"):
                self._progress.console.print(f"{LABELS[status]}：{label}{('：' + note) if note else ''}")
        else:
            line = f"[{self.n}/{self.total}] {label}：{LABELS.get(status, status)}" + (f"（{note}）" if note else "")
            print(line, file=sys.stderr, flush=True)
