"""`drafter batch IN_DIR -o OUT_DIR`: every body folder validated on its own, drafted with
bounded concurrency through the gate, written atomically into its draft folder, recorded in
the manifest one transaction per body; a summary at the end. Ctrl-C (or SIGTERM) stops
cleanly: nothing in flight is marked done, and the next run does the rest.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..drafting.llm import LLMBackend, OfflineBackend
from ..errors import ConfigError, DrafterError, InputError, LLMError
from ..findings import Finding, has_errors
from . import outputs
from .inputs import discover
from .isolation import Neighbours
from .manifest import MANIFEST, BatchLock, Entry, Manifest
from .outputs import WriteFailed, sha256, write_error_message
from .plan import Planned, batch_year, cross_checks, known, load_body, plan
from .progress import BatchProgress
from .workers import LimitedBackend, Pools, usage

DEFAULT_CONCURRENCY = 4  # simultaneous model requests; a local vLLM/Ollama server is not swamped


@dataclass
class BatchOptions:
    in_dir: Path
    out_dir: Path
    backend: str | None = None
    endpoint: str | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout: float | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    max_repairs: int = 2
    no_cache: bool = False
    year: int | None = None
    workers: int | None = None  # processes that render DOCX/HTML (default: every core)
    live: bool | None = None  # progress bar (None: when standard error is a terminal)


@dataclass
class Outcome:
    counts: dict[str, int] = field(default_factory=lambda: {k: 0 for k in ("done", "review", "failed", "invalid", "kept", "skip")})
    fatal: str | None = None
    fatal_code: int = 2
    interrupted: bool = False
    model_calls: int = 0
    errors_found: bool = False


def keys(backend: LLMBackend | OfflineBackend) -> tuple[str, str]:
    """(prompt versions, model identity) as recorded per body: a change of either redoes the body."""
    from ..drafting.offline import COMPOSER_VERSION

    composer = f"offline-composer@{COMPOSER_VERSION}"
    if isinstance(backend, OfflineBackend):
        return composer, json.dumps(backend.identity(), sort_keys=True)
    from ..drafting.prompts import PromptLibrary

    lib = PromptLibrary()
    refs = [lib.get(n).ref for n in ("system", "s1_overview", "s5_problems", "s6_other", "repair")]
    model = json.dumps({**backend.identity(), "settings": backend.settings}, sort_keys=True, default=str)
    return ",".join([*refs, composer]), model


def run_batch(opts: BatchOptions, echo: Callable[..., None]) -> int:
    from ..drafting.command import choose_backend, endpoint_options

    if not opts.in_dir.is_dir():
        raise InputError("输入文件夹不存在或不是文件夹。请指定放有各机关文件夹的文件夹。", str(opts.in_dir))
    try:
        opts.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(write_error_message(exc, opts.out_dir), str(opts.out_dir)) from None
    with BatchLock(opts.out_dir):
        backend = choose_backend(opts.backend, endpoint_options(
            endpoint=opts.endpoint, base_url=opts.base_url, model=opts.model, api_key=opts.api_key, timeout=opts.timeout,
        ))
        bodies = discover(opts.in_dir, skip=opts.out_dir)
        if not bodies:
            raise InputError(
                "没有找到机关文件夹：每个机关一个子文件夹，内有 data.yaml（或 data.json / data.xlsx）和 notes.md。"
                "可用 drafter init --bodies 名单.csv 文件夹 生成。",
                str(opts.in_dir),
            )
        try:
            manifest = Manifest(opts.out_dir / MANIFEST)
        except sqlite3.OperationalError as exc:
            raise InputError(f"无法创建批量任务清单（{exc}）。请检查输出文件夹的权限和磁盘空间。", str(opts.out_dir)) from None
        with manifest:
            return _run(opts, backend, bodies, manifest, echo)


def _run(opts: BatchOptions, backend: LLMBackend | OfflineBackend, bodies: list[Any], manifest: Manifest,
         echo: Callable[..., None]) -> int:
    from .summary import write_summaries

    prompts_key, model_key = keys(backend)
    planned = plan(bodies, manifest, opts.out_dir, prompts_key, model_key)
    year = batch_year(planned, opts.year)
    cross_checks(planned, year)
    outcome = Outcome()
    try:
        for p in planned:
            if p.action in ("invalid", "kept"):
                _record(manifest, p, p.action, message=p.message, findings=p.findings)
                outcome.counts[p.action] += 1
                echo(f"{'输入有误，未起草' if p.action == 'invalid' else '已保留'}：{p.body.label}：{p.message}", err=True)
                for f in p.findings[:5]:
                    echo(f"  {f.message}", err=True)
            elif p.action == "skip":
                outcome.counts["skip"] += 1
        todo = [p for p in planned if p.action == "draft"]
        if isinstance(backend, LLMBackend) and todo:
            echo(f"正在用模型 {backend.model}（{backend.endpoint}）起草 {len(todo)} 个机关，同时请求不超过 {opts.concurrency} 个……", err=True)
        run_id = manifest.start_run(backend.name)
        if todo:
            _draft_all(opts, backend, todo, planned, manifest, run_id, outcome)
        manifest.finish_run(run_id, {**outcome.counts, "model_calls": outcome.model_calls, **usage()})
    except sqlite3.OperationalError as exc:
        outcome.fatal = f"无法写入批量任务清单（{exc}）。请检查磁盘空间和输出文件夹权限后重新运行同一命令。"
    keys_now = {b.key for b in bodies}
    try:
        entries = [e for e in manifest.entries() if e.key in keys_now]
        recorded = {e.key for e in entries}
        pending = [b.key for b in bodies if b.key not in recorded]
        csv_path, html_path = write_summaries(opts.out_dir, entries, pending)
        where = f"汇总表：{csv_path}、{html_path}"
    except OSError as exc:
        where = f"汇总表没有写成：{write_error_message(exc, opts.out_dir)}"
    c = outcome.counts
    echo(
        f"本次起草 {c['done'] + c['review']} 个（完成 {c['done']}，需人工核对 {c['review']}），失败 {c['failed']}，"
        f"输入有误 {c['invalid']}，审核人已修改而保留 {c['kept']}，无变化跳过 {c['skip']}；模型请求 {outcome.model_calls} 次。{where}"
    )
    if outcome.fatal:
        echo(f"错误：{outcome.fatal}", err=True)
        return outcome.fatal_code
    if outcome.interrupted:
        echo("已中断：已完成的机关都已保存。重新运行同一命令即可继续，不会重做已完成的。", err=True)
        return 130
    if c["failed"]:
        echo("有机关起草失败（模型服务不可用等）。重新运行同一命令时只重试失败和未完成的机关。", err=True)
        return 3
    return 1 if c["invalid"] or outcome.errors_found else 0


def _record(manifest: Manifest, p: Planned, status: str, *, message: str = "", findings: list[Finding] = (),  # type: ignore[assignment]
            outputs: dict[str, str] | None = None, report_hash: str | None = None, requests: int | None = None,
            model_calls: int = 0, run_id: int | None = None, drafted_with: tuple[str, str] = ("", "")) -> None:
    prev = p.previous
    who = p.who
    records = [f.to_dict() for f in findings]
    first = next((f for f in findings if f.severity == "error"), findings[0] if findings else None)
    manifest.put(
        Entry(
            key=p.body.key, source=str(p.body.path),
            organization=who.organization if who else None, short_name=who.short_name if who else None,
            level=who.level if who else None, parent=who.parent if who else None, year=who.year if who else None,
            status=status, deps=p.body.deps,
            prompts=drafted_with[0] if outputs is not None else (prev.prompts if prev else ""),
            model=drafted_with[1] if outputs is not None else (prev.model if prev else ""),
            outputs=outputs if outputs is not None else (prev.outputs if prev else {}),
            report_hash=report_hash if outputs is not None else (prev.report_hash if prev else None),
            pending_hash=None if outputs is not None else (prev.pending_hash if prev else None),
            errors=sum(1 for f in findings if f.severity == "error"),
            warnings=sum(1 for f in findings if f.severity == "warning"),
            first_finding=(first.message if first else message)[:300], findings=records, message=message,
            requests=requests, model_calls=model_calls, run_id=run_id, updated_at="",
        )
    )


def _draft_all(opts: BatchOptions, backend: LLMBackend | OfflineBackend, todo: list[Planned], planned: list[Planned],
               manifest: Manifest, run_id: int, outcome: Outcome) -> None:
    pools = Pools(opts.workers or os.cpu_count() or 1)
    try:
        with BatchProgress(len(todo), live=opts.live) as progress:
            asyncio.run(_drive(opts, backend, todo, planned, manifest, run_id, outcome, pools, progress))
    except KeyboardInterrupt:  # a second Ctrl-C, or one before the handlers were installed
        outcome.interrupted = True
    finally:
        pools.close(cancel=outcome.interrupted or outcome.fatal is not None)


async def _drive(opts: BatchOptions, backend: LLMBackend | OfflineBackend, todo: list[Planned], planned: list[Planned],
                 manifest: Manifest, run_id: int, outcome: Outcome, pools: Pools, progress: BatchProgress) -> None:
    from ..drafting.cache import ResponseCache
    from ..drafting.pipeline import default_validator, draft_report
    from ..drafting.prompts import PromptLibrary
    from ..render import render

    loop = asyncio.get_running_loop()
    tasks: list[asyncio.Task[None]] = []

    def stop(interrupted: bool = True) -> None:
        outcome.interrupted = outcome.interrupted or interrupted
        for t in tasks:
            t.cancel()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows, or not the main thread
            pass
    limit = asyncio.Semaphore(max(1, opts.concurrency))
    chosen: LLMBackend | OfflineBackend = LimitedBackend.of(backend, limit) if isinstance(backend, LLMBackend) else backend
    cache = None if opts.no_cache or isinstance(backend, OfflineBackend) else ResponseCache.default()
    validator = Neighbours(known(planned)).wrap(default_validator())
    prompts = PromptLibrary()  # read and checked once for the batch, not once per body
    bodies_in_flight = asyncio.Semaphore(max(2, 2 * opts.concurrency))
    drafted_with = keys(backend)

    async def one(p: Planned) -> None:
        async with bodies_in_flight:
            label = p.body.label
            try:
                data, notes, table_findings = load_body(p.body)
                report, narrative, findings = await draft_report(
                    data, notes, chosen, table_findings=table_findings, validator=validator, cache=cache,
                    max_repairs=opts.max_repairs, prompts=prompts,
                )
                if notes is None:
                    findings.insert(0, Finding(
                        "draft.no_notes", "warning",
                        "没有素材文件 notes.md：正文只写入了表格数据能支持的内容。请补充 notes.md 后重新运行同一命令。",
                    ))
                    report.findings = [f.to_dict() for f in findings]
                calls = sum(1 for s in narrative.sections.values() for a in s.provenance.get("attempts", [])
                            if a.get("kind") != "offline" and not a.get("cache_hit"))
                outcome.model_calls += calls
                payload = render(report, "json")
                digest = sha256(payload)
                manifest.mark_writing(p.body.key, str(p.body.path), digest)
                try:
                    hashes = await loop.run_in_executor(pools.get(), outputs.write_folder, str(opts.out_dir / p.body.key), payload)
                except OSError as exc:
                    raise WriteFailed(write_error_message(exc, opts.out_dir / p.body.key)) from None
                review = has_errors(findings) or any(s.needs_review for s in narrative.sections.values())
                status = "review" if review else "done"
                outcome.errors_found = outcome.errors_found or has_errors(findings)
                _record(manifest, p, status, findings=findings, outputs=hashes, report_hash=digest,
                        requests=data.request("new_received"), model_calls=calls, run_id=run_id, drafted_with=drafted_with)
                outcome.counts[status] += 1
                progress.advance(status, label)
            except asyncio.CancelledError:
                raise
            except (WriteFailed, ConfigError, sqlite3.OperationalError) as exc:
                outcome.fatal = exc.describe() if isinstance(exc, DrafterError) else f"无法写入批量任务清单（{exc}）。请检查磁盘空间。"
                outcome.fatal_code = exc.exit_code if isinstance(exc, ConfigError) else 2
                _safe_record(manifest, p, "failed", outcome.fatal, run_id)
                outcome.counts["failed"] += 1
                progress.advance("failed", label, outcome.fatal)
                stop(interrupted=False)
            except LLMError as exc:
                _safe_record(manifest, p, "failed", exc.describe(), run_id)
                outcome.counts["failed"] += 1
                progress.advance("failed", label, exc.describe())
            except DrafterError as exc:
                _safe_record(manifest, p, "invalid", exc.describe(), run_id)
                outcome.counts["invalid"] += 1
                progress.advance("invalid", label, exc.describe())
            except Exception as exc:  # a bug of ours in one body must not cost the others
                message = f"内部错误（{type(exc).__name__}）：这个机关没有起草。请把它的数据和素材文件反馈给维护人员。"
                _safe_record(manifest, p, "failed", message, run_id)
                outcome.counts["failed"] += 1
                progress.advance("failed", label, message)

    tasks.extend(asyncio.create_task(one(p)) for p in todo)
    await asyncio.gather(*tasks, return_exceptions=True)


def _safe_record(manifest: Manifest, p: Planned, status: str, message: str, run_id: int) -> None:
    try:
        _record(manifest, p, status, message=message, run_id=run_id)
    except sqlite3.Error:  # the disk may be full: the body simply stays not done
        pass
