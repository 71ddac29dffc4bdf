"""A draft folder's files and its review state: load, save an edit, approve, send back.

report.json is the source of truth; report.docx and report.html are rendered from it on
every write. Before any write, the files it replaces are copied to history/vNNNN/ (NNNN the
version they were), so no earlier text is ever lost. review.json holds the version counter,
the current decision and every event (who, what, when, which file contents by SHA-256).

A write names the version and the report.json digest it was based on; if either moved on
(another tab, another reviewer, a Word round trip or a batch re-run), it is refused with
ReviewConflict and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from ..errors import DrafterError, InputError
from ..report import TEXT_SECTIONS, Paragraph, Report
from ..textio import read_bytes, write_atomic
from .checking import check_texts, counts, folder_notes, merged_findings, report_data
from .folders import REPORT, DraftFolder, inside

STATE = "review.json"
HISTORY = "history"
RENDERED = ("report.docx", "report.html")
MAX_REPORT_BYTES = 5_000_000
MAX_SECTION_CHARS = 50_000
MAX_NAME_CHARS = 40
MAX_COMMENT_CHARS = 2_000
_HEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)][^。；;！？]{0,30}$")
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


class ReviewConflict(DrafterError):
    """The draft changed since the page was opened: the write is refused."""

    exit_code = 1


class ReviewRefused(DrafterError):
    """A decision that cannot be taken as asked (approval with an error, no reviewer name)."""

    exit_code = 1


class ReviewState(BaseModel):
    version: int = 0
    status: Literal["", "approved", "sent_back"] = ""
    decided_digest: str = ""  # report.json digest the decision was taken on
    reviewer: str = ""
    comment: str = ""
    at: str = ""
    events: list[dict[str, Any]] = Field(default_factory=list)


@dataclass
class Draft:
    folder: DraftFolder
    report: Report
    digest: str
    state: ReviewState

    @property
    def status(self) -> str:
        """approved / sent_back (a decision on the current text), else failed / needs_review / passed."""
        if self.state.status and self.state.decided_digest == self.digest:
            return self.state.status
        errors, warnings = counts(self.report.findings)
        if errors:
            return "failed"
        if warnings or any(s.needs_review for s in self.report.narrative.sections.values()):
            return "needs_review"
        return "passed"


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def when(iso: str) -> str:
    """2026-03-02T15:04:05+08:00 → 2026-03-02 15:04 (the machine's local time, as recorded)."""
    return iso[:16].replace("T", " ") if isinstance(iso, str) else ""


def load(folder: DraftFolder) -> Draft:
    path = folder.path / REPORT
    raw = read_bytes(path, MAX_REPORT_BYTES)
    try:
        report = Report.model_validate_json(raw)
    except ValidationError:
        raise InputError("不是可读取的 drafter 草稿（report.json 结构不对或已损坏）。请重新起草这个机关的报告。", str(path)) from None
    return Draft(folder, report, _sha(raw), _load_state(folder.path))


def _load_state(folder: Path) -> ReviewState:
    path = folder / STATE
    if path.is_symlink() or not path.is_file():
        return ReviewState()
    try:
        return ReviewState.model_validate_json(read_bytes(path, MAX_REPORT_BYTES))
    except ValidationError:
        raise InputError("审核记录 review.json 已损坏，无法确定版本。请把它移走（保留备查）后重新打开审核页面。", str(path)) from None


def section_text(report: Report, section_id: str) -> str:
    return report.narrative.section(section_id).text


def _paragraphs(text: str, before: list[Paragraph]) -> list[Paragraph]:
    headings = {p.text for p in before if p.heading}
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if line:
            out.append(Paragraph(text=line, heading=line in headings or bool(_HEADING.match(line))))
    return out


def _check_base(draft: Draft, version: int, digest: str) -> None:
    if version != draft.state.version or digest != draft.digest:
        who = f"（{draft.state.reviewer}，{when(draft.state.at)}）" if draft.state.reviewer else ""
        raise ReviewConflict(
            f"这份报告在您打开之后已被修改或保存过{who}，现在是第 {draft.state.version} 版，您打开的是第 {version} 版。"
            "为免覆盖别人的修改，这次没有保存。请先复制您改过的文字，刷新页面后在最新版本上重新修改。",
            str(draft.folder.path / REPORT),
        )


def _name(reviewer: str) -> str:
    name = " ".join(reviewer.split())
    if not name:
        raise ReviewRefused("请填写审核人姓名。")
    if len(name) > MAX_NAME_CHARS:
        raise ReviewRefused(f"审核人姓名过长（不超过 {MAX_NAME_CHARS} 个字）。")
    return name


def save_edit(folder: DraftFolder, *, version: int, digest: str, texts: dict[str, str], reviewer: str = "") -> Draft:
    """Write the edited narrative sections (only 一、五、六), re-check them and re-render."""
    for sid, text in texts.items():
        if sid not in TEXT_SECTIONS:
            raise ReviewRefused(f"只能修改正文部分（一、五、六），不能修改“{sid}”。表格请改数据文件后重新起草。")
        if len(text) > MAX_SECTION_CHARS:
            raise ReviewRefused(f"一节文字过长（超过 {MAX_SECTION_CHARS} 字），没有保存。")
    with _lock(folder.path):
        draft = load(folder)
        _check_base(draft, version, digest)
        report = draft.report.model_copy(deep=True)
        changed = []
        for sid, text in texts.items():
            section = report.narrative.section(sid)
            paragraphs = _paragraphs(text, section.paragraphs)
            if [p.model_dump() for p in paragraphs] == [p.model_dump() for p in section.paragraphs]:
                continue
            changed.append(sid)
            section.provenance = {**section.provenance, "edited_from": section.provenance.get("edited_from", section.origin)}
            section.paragraphs, section.origin, section.suggested = paragraphs, "human", False
            report.narrative.sections[sid] = section
        if not changed:
            return draft  # nothing to write: no new version, no history entry
        _recheck(report, folder.path, draft.report)
        event = {"action": "save", "reviewer": " ".join(reviewer.split())[:MAX_NAME_CHARS], "sections": changed}
        return _write(draft, report, event, status="")


def decide(folder: DraftFolder, *, action: str, version: int, digest: str, reviewer: str, comment: str = "") -> Draft:
    """Approve (refused while an error finding stands) or send back (a comment is required)."""
    name = _name(reviewer)
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise ReviewRefused(f"意见过长（不超过 {MAX_COMMENT_CHARS} 字）。")
    if action not in ("approve", "send_back"):
        raise ReviewRefused("未知的审核操作。")
    if action == "send_back" and not comment:
        raise ReviewRefused("退回修改时请写明意见，说明要改什么。")
    with _lock(folder.path):
        draft = load(folder)
        _check_base(draft, version, digest)
        report = draft.report.model_copy(deep=True)
        errors = _recheck(report, folder.path, draft.report)
        if action == "approve":
            if errors:
                raise ReviewRefused(
                    f"还有 {errors} 个错误没有改正，不能批准。请按页面右侧的提示改正正文（或改数据后重新起草），保存后再批准；"
                    "也可以选择“退回修改”。"
                )
            for section in report.narrative.sections.values():
                section.needs_review, section.suggested = False, False
            report.provenance = {**report.provenance, "approved": {"by": name, "at": _now()}}
        event = {"action": action, "reviewer": name, "comment": comment}
        return _write(draft, report, event, status="approved" if action == "approve" else "sent_back")


def _recheck(report: Report, folder: Path, before: Report) -> int:
    """Replace the narrative findings with a fresh check and set needs_review; the error count.
    `before` is the report as it was on disk (its drafted text is a source, see checking)."""
    data = report_data(report, str(folder / REPORT))
    texts = {sid: section_text(report, sid) for sid in TEXT_SECTIONS}
    fresh = check_texts(data, texts, folder_notes(folder, before))
    report.findings = merged_findings(report, fresh)
    for sid, section in report.narrative.sections.items():
        if sid in TEXT_SECTIONS:
            section.needs_review = section.needs_review and section.origin != "human"
            section.needs_review = section.needs_review or any(f.section == sid and f.severity == "error" for f in fresh)
    return counts(report.findings)[0]


def _write(draft: Draft, report: Report, event: dict[str, Any], status: str) -> Draft:
    from ..render import render, render_json

    folder = draft.folder.path
    payloads = {REPORT: render_json(report)}
    payloads.update({name: render(report, name.rsplit(".", 1)[1]) for name in RENDERED})
    _archive(folder, draft.state.version)
    for name, payload in payloads.items():
        write_atomic(folder / name, payload)
    state = draft.state.model_copy(deep=True)
    state.version += 1
    digest = _sha(payloads[REPORT])
    at = _now()
    event = {**event, "at": at, "version": state.version,
             "sha256": {name: _sha(payload) for name, payload in payloads.items()}}
    state.events.append(event)
    if status:
        state.status, state.decided_digest = status, digest  # type: ignore[assignment]
        state.reviewer, state.comment, state.at = event["reviewer"], event.get("comment", ""), at
    else:
        state.status, state.decided_digest = "", ""
    write_atomic(folder / STATE, json.dumps(state.model_dump(), ensure_ascii=False, indent=2) + "\n")
    return Draft(draft.folder, Report.model_validate_json(payloads[REPORT]), digest, state)


def _archive(folder: Path, version: int) -> None:
    history = folder / HISTORY
    if history.is_symlink() or (history.exists() and not history.is_dir()) or not inside(folder, history):
        raise InputError("history 不是普通文件夹，无法保存旧版本，因此没有写入。请把它移走后重试。", str(history))
    target = history / f"v{version:04d}"
    n = 1
    while target.exists():  # a version archived before a crash: keep both
        target = history / f"v{version:04d}-{n}"
        n += 1
    target.mkdir(parents=True)
    for name in (REPORT, *RENDERED):
        source = folder / name
        if source.is_file() and not source.is_symlink():
            shutil.copy2(source, target / name)
