"""The truth a narrative is checked against: the fact sheet of drafter.facts, plus the few
figures the lexicon names that the fact sheet does not list (a scoped cell of any 表三 row,
the disclosure rate, the information-processing fee), and the Chinese name of every fact
for messages (表三“一、本年新收政府信息公开申请数量”总计).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..data import ReportData
from ..facts import FactSheet, build_fact_sheet
from ..notes import Notes

FEE_WORDS = ("信息处理费",)


def fmt_value(value: Decimal, unit: str = "") -> str:
    v = value.normalize() if value != value.to_integral_value() else value.to_integral_value()
    text = format(v, "f")
    if unit == "%":
        return f"{text}%"
    return f"{text}{unit}" if unit in ("万元", "元") else text


@dataclass
class Truth:
    data: ReportData
    sheet: FactSheet
    notes_given: bool

    @classmethod
    def build(cls, data: ReportData, notes: Notes | None = None) -> Truth:
        return cls(data, build_fact_sheet(data, notes), notes is not None)

    # ------------------------------------------------------------------ values
    def values(self, fact_id: str) -> list[Decimal]:
        """The true value(s) of a fact id; empty when the report cannot know it."""
        entry = self.sheet.get(fact_id)
        if entry is not None and fact_id == "rate.completion":
            # unrounded, so that a clerk's truncation (94.11% for 16 of 17) agrees too
            done, new, carried = self.completion_parts()
            return [Decimal(done) * 100 / (new + carried)]
        if entry is not None:
            return [entry.value]
        parts = fact_id.split(".")
        data = self.data
        t3 = data.spec.requests
        grid = data.tables.requests
        if parts[0] == "requests" and len(parts) == 3:
            row, col = parts[1], parts[2]
            if row == "by_org":  # requests.by_org.<row> for rows facts.py does not sum
                row, col = col, "by_org"
            cols = [c for c in t3.applicant_columns if c != "natural_person"] if col == "by_org" else [col]
            if any(c not in grid["new_received"] for c in cols):
                return []
            if row == "received_all":
                return [Decimal(sum(grid["new_received"][c] + grid["carried_over"][c] for c in cols))]
            if row == "granted_or_partial":
                return [Decimal(sum(grid["granted"][c] + grid["partially_granted"][c] for c in cols))]
            if row in t3.rows:
                members = t3.group_members(row)
                return [Decimal(sum(grid[m][c] for m in members for c in cols))]
            return []
        if fact_id == "rate.disclosure":
            return self._disclosure_rates()
        if fact_id == "fee.info_processing":
            return [f.value for f in data.facts if any(w in f.label for w in FEE_WORDS)]
        return []

    def _disclosure_rates(self) -> list[Decimal]:
        g = self.data.tables.requests
        granted = g["granted"]["total"]
        both = granted + g["partially_granted"]["total"]
        bases = [g["total_processed"]["total"], g["new_received"]["total"], g["new_received"]["total"] + g["carried_over"]["total"]]
        out: list[Decimal] = []
        for num in (granted, both):
            for base in bases:
                if base:
                    out.append(Decimal(num) * 100 / base)
        return out

    def completion_parts(self) -> tuple[int, int, int]:
        g = self.data.tables.requests
        return g["total_processed"]["total"], g["new_received"]["total"], g["carried_over"]["total"]

    def known(self, fact_id: str) -> bool:
        return bool(self.values(fact_id))

    def support_values(self) -> set[Decimal]:
        """Every figure the narrative may cite: table cells, derived figures, facts, notes,
        and the sums of two facts or notes (主动公开200条 = 180 + 20)."""
        values = self.sheet.values()
        loose = [e.value for e in self.sheet.by_source("facts", "notes")]
        for i, a in enumerate(loose):
            for b in loose[i + 1 :]:
                values.add(a + b)
        values.update(abs(v) for v in list(values))
        return values

    def ratio_values(self) -> set[Decimal]:
        """Percentages the narrative may derive: ratios of two main figures, in %."""
        main = sorted({e.value for e in self.sheet.entries.values() if e.value > 0 and e.unit != "%"})[:60]
        out: set[Decimal] = {e.value for e in self.sheet.entries.values() if e.unit == "%"}
        for a in main:
            for b in main:
                if a <= b:
                    out.add(a * 100 / b)
        return out

    @property
    def has_sources(self) -> bool:
        """Whether facts or notes are known: only then is an unbound figure worth reporting."""
        return self.notes_given or bool(self.data.facts)

    # ------------------------------------------------------------------ names
    def describe(self, fact_id: str) -> str:
        """Chinese name of the table cell, derived figure or fact, for messages."""
        spec = self.data.spec
        t3 = spec.requests
        parts = fact_id.split(".")
        if parts[0] in ("prev", "change"):
            inner = self.describe(".".join(parts[1:]))
            return f"上年数据中{inner}" if parts[0] == "prev" else f"{inner}较上年的增减"
        entry = self.sheet.get(fact_id)
        if parts[0] == "requests" and len(parts) == 3:
            row, col = parts[1], parts[2]
            if row == "by_org":
                row, col = col, "by_org"
            col_text = column_text(t3, col)
            if row == "received_all":
                return f"表三“一、本年新收”与“二、上年结转”之和{col_text}"
            if row == "granted_or_partial":
                return f"表三“（一）予以公开”与“（二）部分公开”之和{col_text}"
            if row in t3.rows:
                r = t3.rows[row]
                label = r.label.split("（区分")[0]
                if r.is_group:
                    return f"表三“{label}”各项合计{col_text}"
                if label.endswith("总计") and col == "total":
                    return f"表三“{label}”"
                return f"表三“{label}”{col_text}"
        if parts[0] == "review" and len(parts) == 3:
            group = spec.review.group(parts[1])
            leaf = next(c for c in group.columns if c.id == parts[2])
            head = group.label if group.label == group.top_label else f"{group.top_label}—{group.label}"
            return f"表四“{head}”的“{leaf.label}”"
        if parts[0] == "litigation":
            leaf = next(c for c in spec.review.group("lit_direct").columns if c.id == parts[1])
            return f"表四“行政诉讼”（未经复议直接起诉与复议后起诉合计）的“{leaf.label}”"
        if parts[0] == "review_litigation" and len(parts) == 2:
            label = next((c.label for c in spec.review.group("review").columns if c.id == parts[1]), "总计")
            return f"表四行政复议与行政诉讼的“{label}”之和"
        if parts[0] == "proactive" and len(parts) == 3:
            block = spec.proactive.block_of(parts[1])
            prow = next(r for r in block.rows if r.id == parts[1])
            pcol = next(c for c in block.columns if c.id == parts[2])
            return f"表二“{block.caption}”“{prow.label}”的“{pcol.label}”"
        if fact_id == "rate.completion":
            return "按表三计算的办结率（（七）总计 ÷（本年新收 + 上年结转））"
        if fact_id == "rate.disclosure":
            return "按表三计算的公开率"
        if fact_id == "fee.info_processing":
            label = next((f.label for f in self.data.facts if any(w in f.label for w in FEE_WORDS)), "信息处理费")
            return f"数据文件所列“{label}”"
        if entry is not None and entry.source == "facts":
            return f"数据文件所列“{entry.phrase}”"
        if entry is not None and entry.source == "notes":
            return f"素材中“{entry.phrase}”"
        return entry.phrase if entry is not None else fact_id

    def unit_of(self, fact_id: str) -> str:
        entry = self.sheet.get(fact_id)
        if entry is not None:
            return entry.unit if entry.unit in ("%", "万元") else ""
        if fact_id.startswith("rate."):
            return "%"
        if fact_id == "fee.info_processing":
            return next((f.unit for f in self.data.facts if any(w in f.label for w in FEE_WORDS)), "")
        return ""

    def place_of(self, fact_id: str) -> str | None:
        entry = self.sheet.get(fact_id)
        return entry.place if entry is not None else None


def column_text(t3, col: str) -> str:  # type: ignore[no-untyped-def]
    """How messages name a 表三 applicant column: 总计, “自然人”列, “法人或其他组织”各列合计."""
    if col == "total":
        return "总计"
    if col == "by_org":
        return "“法人或其他组织”各列合计"
    label = next((c.label for c in t3.columns if c.id == col), col)
    return f"“{label}”列"


def round_to(value: Decimal, decimals: int, mode: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def rounding_matches(true: Decimal, stated: Decimal, decimals: int | None) -> bool:
    """A stated percentage matches when the true value rounds (half up) or truncates to it."""
    d = decimals if decimals is not None else 0
    return stated in (round_to(true, d), round_to(true, d, ROUND_DOWN))


__all__ = ["Truth", "column_text", "fmt_value", "round_to", "rounding_matches"]
