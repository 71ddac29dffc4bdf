"""`drafter check` over several files or folders: each report checked in a process of its own
(all cores by default), the output per file the same as for a single check, in the order the
files were given, and optionally a summary (--summary summary.csv, with summary.html beside).

A folder is searched (subfolders too) for the kinds of reports the reader reads: .txt, .md,
.html, .docx (and .pdf where the reader supports it); hidden files, Word's ~$ lock files and
our own summary files are passed over. JSON drafts are checked when named, not found by a scan
(a batch's output folder would otherwise be checked twice over).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DrafterError, InputError
from ..findings import Finding

SKIP_NAMES = {"summary.html", "summary.csv"}


@dataclass
class FileResult:
    path: str
    report: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the message when the file could not be read
    exit_code: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def status(self) -> str:
        if self.error is not None:
            return "无法读取"
        return "有错误" if self.errors else ("只有提醒" if self.warnings else "未发现问题")


def scan_suffixes() -> tuple[str, ...]:
    from ..reader import READABLE_SUFFIXES

    return tuple(s for s in READABLE_SUFFIXES if s != ".json")


def collect(paths: list[Path]) -> list[Path]:
    """The report files named or found in the named folders, in a stable order, each once."""
    suffixes = scan_suffixes()
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in suffixes and f.name not in SKIP_NAMES
                and not f.name.startswith(("~$", ".")) and not any(part.startswith(".") for part in f.relative_to(p).parts[:-1])
            )
            if not found:
                raise InputError(f"文件夹中没有可核对的报告文件（{'、'.join(suffixes)}）。", str(p))
        else:
            found = [p]
        for f in found:
            if f.resolve() not in seen:
                seen.add(f.resolve())
                out.append(f)
    return out


def check_one(path: str, encoding: str | None = None) -> FileResult:
    """One file's check, for a pool process: never raises (an unreadable file is a result)."""
    from ..validate import check_file

    try:
        result = check_file(path, encoding=encoding)
    except DrafterError as exc:
        return FileResult(path, error=exc.describe(), exit_code=exc.exit_code)
    except Exception as exc:  # a bug of ours on one file must not cost the others
        return FileResult(path, error=f"内部错误（{type(exc).__name__}）：这份文件没有核对完，请反馈给维护人员。", exit_code=4)
    return FileResult(path, result.report, result.findings, exit_code=1 if result.has_errors else 0)


def check_many(files: list[Path], encoding: str | None, jobs: int | None) -> Iterator[FileResult]:
    """Results in the order of `files`, checked in `jobs` processes (default: every core)."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    if workers == 1:
        yield from (check_one(str(f), encoding) for f in files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(check_one, [str(f) for f in files], [encoding] * len(files), chunksize=4)


def write_check_summary(target: Path, results: list[FileResult]) -> tuple[Path, Path]:
    from ..textio import write_atomic
    from .summary import Row, render_html, write_csv

    base = target.parent
    rows = []
    for r in results:
        first = r.error or next((f.message for f in r.findings if f.severity == "error"),
                                r.findings[0].message if r.findings else "")
        href = os.path.relpath(Path(r.path).resolve(), base.resolve()).replace("\\", "/")
        rows.append(Row(r.report.get("organization") or Path(r.path).name, r.path, r.status, r.errors, r.warnings,
                        first[:300], r.report.get("year"), {"原文": href}))
    header = ["文件", "机关", "年度", "状态", "错误数", "提醒数", "首个问题"]
    csv_rows = [[r.path, r.report.get("organization") or "", r.report.get("year") or "", r.status, r.errors, r.warnings,
                 row.first] for r, row in zip(results, rows, strict=True)]
    csv_path = write_csv(target if target.suffix.lower() == ".csv" else target.with_suffix(".csv"), header, csv_rows)
    html_path = write_atomic(target.with_suffix(".html"), render_html("报告核对汇总", rows))
    return csv_path, html_path


def run_mass_check(paths: list[Path], *, summary: Path | None, as_json: bool, encoding: str | None, jobs: int | None,
                   echo: Callable[..., None], line: Callable[[Finding], str]) -> int:
    import json

    files = collect(paths)
    results: list[FileResult] = []
    payload = []
    for r in check_many(files, encoding, jobs):
        results.append(r)
        if as_json:
            item: dict[str, Any] = {"file": r.path}
            if r.error is not None:
                item["error"] = r.error
            else:
                item.update({"report": r.report, "findings": [f.to_dict() for f in r.findings],
                             "summary": {"errors": r.errors, "warnings": r.warnings}})
            payload.append(item)
            continue
        echo(f"== {r.path} ==")
        if r.error is not None:
            echo(f"错误：{r.error}")
        else:
            for f in r.findings:
                echo(line(f))
            echo(f"共 {r.errors} 个错误，{r.warnings} 个提醒。" if r.findings else "未发现问题。")
        echo("")
    if as_json:
        echo(json.dumps(payload, ensure_ascii=False, indent=2))
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    tally = "，".join(f"{k} {v} 份" for k, v in counts.items())
    if summary is not None:
        try:
            csv_path, html_path = write_check_summary(summary, results)
        except OSError as exc:
            raise InputError(f"无法写入汇总表（{exc.strerror or exc}）。请检查文件夹权限和磁盘空间。", str(summary)) from None
        tally += f"。汇总表：{csv_path}、{html_path}"
    echo(f"共核对 {len(results)} 份：{tally}。", err=as_json)
    if any(r.error is not None for r in results):
        return max(r.exit_code for r in results if r.error is not None)
    return 1 if any(r.errors for r in results) else 0
