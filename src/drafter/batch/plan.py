"""What a batch run has to do: for every body folder, whether it is up to date (its inputs,
prompts and model unchanged, its files on disk), edited by a reviewer (kept), unusable
(invalid: unreadable data, table errors, a name twice in the batch, another year), or to be
drafted. Planning reads each data file that needs work once, keeps only who the body is, and
lets the data go, so memory does not grow with the number of bodies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DrafterError
from ..findings import Finding
from .inputs import BodyFolder, current_deps, file_hash, relative
from .isolation import Known
from .manifest import COMPLETE, Entry, Manifest
from .outputs import FILES


@dataclass
class Who:
    organization: str
    short_name: str | None
    level: str
    parent: str | None
    year: int


@dataclass
class Planned:
    body: BodyFolder
    action: str  # draft / skip / kept / invalid
    who: Who | None = None
    message: str = ""
    findings: list[Finding] = field(default_factory=list)
    previous: Entry | None = None


def who_of(entry: Entry | None) -> Who | None:
    if entry is None or not entry.organization:
        return None
    return Who(entry.organization, entry.short_name, entry.level or "", entry.parent, entry.year or 0)


def load_body(body: BodyFolder):  # type: ignore[no-untyped-def]
    """(data, notes or None, table findings) of a body folder; DrafterError when unreadable."""
    from ..data import load_data
    from ..notes import load_notes
    from ..rules import check_tables

    assert body.data_path is not None
    data = load_data(body.data_path)
    notes = load_notes(body.notes_path) if body.notes_path is not None else None
    return data, notes, check_tables(data)


def deps_with_previous(body: BodyFolder, data_source: str | None) -> dict[str, str | None]:
    extra = [relative(Path(data_source), body.path)] if data_source else []
    return current_deps(body, extra)


def plan(bodies: list[BodyFolder], manifest: Manifest, out_dir: Path, prompts: str, model: str) -> list[Planned]:
    planned: list[Planned] = []
    for body in bodies:
        entry = manifest.get(body.key)
        p = Planned(body, "draft", previous=entry)
        planned.append(p)
        folder = out_dir / body.key
        on_disk = file_hash(folder / "report.json")
        ours = entry is not None and on_disk in (entry.report_hash, entry.pending_hash)
        if on_disk is not None and not ours:
            p.action = "kept"
            p.message = (
                "report.json 在批量起草之后被修改过（可能是审核人的修改），为免覆盖，保留原样，没有重新起草。"
                if entry is not None else
                "输出文件夹中已有 report.json，但批量任务清单（manifest.sqlite）中没有它的记录，为免覆盖，保留原样，没有重新起草。"
            ) + "如需重新起草，请先把这个机关的输出文件夹移走。"
            p.who = who_of(entry)
            continue
        if body.problem:
            p.action, p.message = "invalid", body.problem
            continue
        if (
            entry is not None
            and entry.status in COMPLETE
            and entry.prompts == prompts
            and entry.model == model
            and on_disk == entry.report_hash
            and all((folder / f).is_file() for f in FILES)
            and current_deps(body, list(entry.deps)) == entry.deps
        ):
            p.action = "skip"
            p.who = who_of(entry)
            continue
        try:
            data, _notes, table_findings = load_body(body)
        except DrafterError as exc:
            p.action, p.message = "invalid", exc.describe()
            continue
        p.who = Who(data.organization, data.short_name, data.level, data.parent, data.year)
        body.deps = deps_with_previous(body, data.previous.source if data.previous else None)
        errors = [f for f in table_findings if f.severity == "error"]
        if errors:
            p.action, p.findings = "invalid", errors
            p.message = f"数据文件有 {len(errors)} 个表格错误，没有起草。请先修改数据（可用 drafter check-data 查看全部问题）。"
    return planned


def batch_year(planned: list[Planned], year: int | None) -> int | None:
    """The year the batch is for: the option, or the most common year of its bodies (latest on a tie)."""
    if year is not None:
        return year
    years = Counter(p.who.year for p in planned if p.who is not None and p.who.year)
    if not years:
        return None
    top = max(years.values())
    return max(y for y, n in years.items() if n == top)


def cross_checks(planned: list[Planned], year: int | None) -> None:
    """Bodies of another year, and two folders with the same organization, become invalid."""
    by_name: dict[str, list[Planned]] = {}
    for p in planned:
        if p.who is None or p.action == "kept":
            continue
        if year is not None and p.who.year and p.who.year != year and p.action != "invalid":
            p.action = "invalid"
            p.message = (
                f"数据是 {p.who.year} 年度的，而这一批是 {year} 年度。请换成 {year} 年度的数据文件"
                f"（如确需起草 {p.who.year} 年度，请单独运行一批，或用 --year {p.who.year}）。"
            )
        by_name.setdefault(p.who.organization, []).append(p)
    for name, group in by_name.items():
        if len(group) < 2:
            continue
        for p in group:
            others = "、".join(q.body.label for q in group if q is not p)
            p.action = "invalid"
            p.message = (
                f"机关名称“{name}”与文件夹 {others} 相同，不知道哪一份是正确的，均未起草。"
                "请删除重复的文件夹，或改正其中数据文件的 organization。"
            )


def known(planned: list[Planned]) -> list[Known]:
    return [
        Known(p.who.organization, p.who.short_name, p.who.level, p.body.label)
        for p in planned
        if p.who is not None and p.who.level
    ]
