"""The fact sheet: every figure the narrative may use, each with an id, a value, a unit and
the Chinese phrase for it. Built from the tables (cells, group sums, derived figures), the
data file's `facts`, the clerk's notes, and last year's data when given.

Fact ids are stable and shared with the validator's lexicon (lexicon/*.yaml metric ids):
    requests.<row>.<column>        every 表三 cell (row/column ids of the format)
    requests.<group>.<column>      表三 group sums: denied, unable, not_processed, other_handling (2021)
    requests.granted_or_partial.total   （一）+（二）
    requests.received_all.total    新收 + 上年结转
    requests.by_org.<row>          the five 法人或其他组织 columns summed
    review.<group>.<leaf>          表四 cells: group review/lit_direct/lit_after_review, leaf upheld…total
    litigation.<leaf>              诉讼 = 直接起诉 + 复议后起诉
    review_litigation.<leaf>       复议 + 诉讼 per leaf (upheld, corrected, other, pending, total):
                                   复议、诉讼中被纠错共N件
    proactive.<row>.<column>       表二 cells
    rate.completion                办结率 = （七）总计 ÷ (新收 + 结转) in %, when there were requests
    facts.<n>                      the data file's facts, in order
    notes.<n>                      numbers written in the notes, in order
    prev.<id> / change.<id>        last year's value and this year's change, for the main figures
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .data import ReportData
from .formats import REVIEW_GROUPS, REVIEW_LEAVES
from .notes import Notes

YEAR_ON_YEAR = (
    "requests.new_received.total",
    "requests.received_all.total",
    "requests.total_processed.total",
    "requests.carried_forward.total",
    "review.review.total",
    "litigation.total",
    "review_litigation.total",
)


@dataclass(frozen=True)
class FactEntry:
    id: str
    value: Decimal
    unit: str  # 件, 条, 万元, %, …
    phrase: str  # Chinese phrase: 本年新收政府信息公开申请
    source: str  # table | derived | facts | notes | previous
    place: str | None = None  # data path or notes location

    @property
    def display(self) -> str:
        """The value as the renderer writes it (no trailing zeros)."""
        v = self.value
        if v == v.to_integral_value():
            return str(int(v))
        return format(v.normalize(), "f")


@dataclass
class FactSheet:
    entries: dict[str, FactEntry]

    def __contains__(self, fact_id: str) -> bool:
        return fact_id in self.entries

    def __getitem__(self, fact_id: str) -> FactEntry:
        return self.entries[fact_id]

    def get(self, fact_id: str) -> FactEntry | None:
        return self.entries.get(fact_id)

    def value(self, fact_id: str) -> Decimal:
        return self.entries[fact_id].value

    def by_source(self, *sources: str) -> list[FactEntry]:
        return [e for e in self.entries.values() if e.source in sources]

    def values(self) -> set[Decimal]:
        return {e.value for e in self.entries.values()}


def _d(v: int | Decimal) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(v)


def build_fact_sheet(data: ReportData, notes: Notes | None = None) -> FactSheet:
    entries: dict[str, FactEntry] = {}

    def add(fid: str, value: int | Decimal, unit: str, phrase: str, source: str, place: str | None = None) -> None:
        entries[fid] = FactEntry(fid, _d(value), unit, phrase, source, place)

    spec = data.spec
    t3 = spec.requests
    grid = data.tables.requests
    for row_id in t3.data_rows:
        label = t3.label(row_id)
        for col in t3.columns:
            phrase = label if col.id == "total" else f"{label}（{col.label}）"
            add(f"requests.{row_id}.{col.id}", grid[row_id][col.id], "件", phrase, "table", f"tables.requests.{row_id}.{col.id}")
    for group_id, row in t3.rows.items():
        if row.is_group and row.level == 2:
            members = t3.group_members(group_id)
            for col in t3.columns:
                phrase = row.label if col.id == "total" else f"{row.label}（{col.label}）"
                add(f"requests.{group_id}.{col.id}", sum(grid[m][col.id] for m in members), "件", phrase, "derived")
    add("requests.granted_or_partial.total", grid["granted"]["total"] + grid["partially_granted"]["total"], "件", "予以公开和部分公开", "derived")
    received_all = grid["new_received"]["total"] + grid["carried_over"]["total"]
    add("requests.received_all.total", received_all, "件", "本年新收和上年结转的申请", "derived")
    for row_id in ("new_received", "carried_over", "total_processed", "carried_forward"):
        by_org = sum(grid[row_id][c] for c in t3.applicant_columns if c != "natural_person")
        add(f"requests.by_org.{row_id}", by_org, "件", f"{t3.label(row_id)}（法人或其他组织）", "derived")
    if received_all:
        rate = (Decimal(grid["total_processed"]["total"]) * 100 / received_all).quantize(Decimal("0.01"), ROUND_HALF_UP)
        add("rate.completion", rate, "%", "办结率", "derived")

    rl = data.tables.review_litigation
    for gid in REVIEW_GROUPS:
        group = spec.review.group(gid)
        for col in group.columns:
            add(f"review.{gid}.{col.id}", rl[gid][col.id], "件", f"{group.label}{col.label}", "table", f"tables.review_litigation.{gid}.{col.id}")
    for leaf, col in zip(REVIEW_LEAVES, spec.review.group("lit_direct").columns, strict=True):
        add(f"litigation.{leaf}", rl["lit_direct"][leaf] + rl["lit_after_review"][leaf], "件", f"行政诉讼{col.label}", "derived")
    for leaf, col in zip(REVIEW_LEAVES, spec.review.group("review").columns, strict=True):
        combined = sum(rl[gid][leaf] for gid in REVIEW_GROUPS)
        phrase = "行政复议和行政诉讼" if leaf == "total" else f"行政复议和行政诉讼{col.label}"
        add(f"review_litigation.{leaf}", combined, "件", phrase, "derived")

    for _block, t2row, t2col in spec.proactive.cells():
        unit = t2col.unit if t2col.type == "decimal" else "件"
        add(
            f"proactive.{t2row.id}.{t2col.id}", data.tables.proactive[t2row.id][t2col.id], unit,
            f"{t2row.label}{t2col.label}", "table", f"tables.proactive.{t2row.id}.{t2col.id}",
        )

    for i, fact in enumerate(data.facts):
        add(f"facts.{i}", fact.value, fact.unit, fact.label, "facts", f"facts.{i}")

    if notes is not None:
        _add_note_numbers(notes, add)

    if data.previous is not None:
        prev = build_fact_sheet(data.previous)
        for fid in YEAR_ON_YEAR:
            if fid in prev.entries and fid in entries:
                before = prev.entries[fid]
                add(f"prev.{fid}", before.value, before.unit, f"上年{before.phrase}", "previous")
                add(f"change.{fid}", entries[fid].value - before.value, before.unit, f"{before.phrase}较上年增减", "previous")
    return FactSheet(entries)


def _add_note_numbers(notes: Notes, add) -> None:  # type: ignore[no-untyped-def]
    from .numbers import find_numbers

    n = 0
    for where, bullet in notes.all_bullets():
        for m in find_numbers(bullet):
            if m.unit in ("年", "月", "日", "号"):
                continue
            add(f"notes.{n}", m.value, m.unit or "", bullet, "notes", where)
            n += 1
