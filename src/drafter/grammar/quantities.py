"""Pass 3b of the word-claim grammar: what a sentence says about quantities it computes — a change
against last year (较上年有所减少, 同比增长25%, 翻一番, 较上年增加44件), a part's share of a total
(A 38件、占44.2%) and a rate over the whole (办结率101%)."""

from __future__ import annotations

from decimal import Decimal

from .lexicon import Grammar
from .segment import Segments
from .tag import Tag

_CASES = ("review", "litigation")


class _Quantities:
    """Rules on figures and percentages; the binder supplies the text, the tags and `claim`."""

    seg: Segments
    g: Grammar
    norm: str
    year: int | None
    tags: list[Tag]

    def claim(self, op: str, subject: str, slots: tuple[str, ...], start: int, end: int, sentence: int, **kw) -> None:  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def _bracketed(self, pos: int) -> bool:
        k = max(self.norm.rfind("（", 0, pos), self.norm.rfind("(", 0, pos))
        return k >= 0 and not any(ch in self.norm[k:pos] for ch in "）)") and pos - k <= 8

    def changes(self, i: int, st: list[Tag]) -> None:
        for c in (t for t in st if t.kind == "comparison"):
            if c.name and self.year is not None and int(c.name) != self.year - 1:
                continue  # 与2019年相比 in a 2021 report: not last year
            clause = self.seg.clause_of(c.start)
            d = next((t for t in st if t.kind == "direction" and c.end <= t.start < clause.end and t.start - c.end <= 12), None)
            if d is None:
                continue
            inside = [t for t in st if c.end <= t.start < d.start]
            if any(t.kind == "topic" or t.kind == "figure" and not self._bracketed(t.start) for t in inside):
                continue  # 比2022年（27起）上升33%: the bracketed base is no other figure
            subj = next((t for t in inside if t.kind == "subject"), None)
            if subj is None:
                before = [t for t in st if t.start < c.start]
                subj = max((t for t in before if t.kind == "subject"), key=lambda t: t.start, default=None)
                if subj is None or any(t.kind == "topic" and t.start > subj.start for t in before):
                    continue
            name = subj.name
            if name in _CASES and {t.name for t in st if t.kind == "subject" and t.start < d.start} >= set(_CASES):
                name = "both"
            if name in ("normative", "rules", "fees"):
                continue
            slots = self.change_slots(name, clause.start, d.start)
            fig = next((t for t in st if t.kind == "figure" and 0 <= t.start - d.end <= 2), None)
            if d.name == "double":
                self.claim("double", name, slots, c.start, d.end, i, direction="double")
            elif fig is not None and fig.number is not None and fig.number.percent:
                m = fig.number
                text = m.text
                decimals = len(text.split(".")[1].rstrip("%")) if "." in text else 0
                self.claim("pct", name, slots, c.start, fig.end, i, direction=d.name, value=m.value, decimals=decimals,
                           approx=m.approx is not None)
            elif fig is not None and fig.number is not None and fig.name not in ("%", "万元", "元"):
                # 较上年增加44件: the change itself, of the subject's count
                self.claim("delta", name, slots, c.start, fig.end, i, direction=d.name, value=fig.number.value,
                           approx=fig.number.approx is not None)
            else:
                self.claim("sign", name, slots, c.start, d.end, i, direction=d.name)

    def change_slots(self, name: str, lo: int, hi: int) -> tuple[str, ...]:
        if name != "requests":
            return ("total",) if name in _CASES + ("both",) else ("decisions",)
        if any(w in self.norm[lo:hi] for w in ("办结", "答复", "处理")):
            return ("processed",)
        return ("new", "received_all")

    def shares(self, i: int, st: list[Tag]) -> None:
        """A 38件、占44.2%: the part's share of a total stated before it (or, for requests, of the table's)."""
        figures = [t for t in st if t.kind == "figure" and t.number is not None and not t.number.percent]
        shared = {id(f): mt for f in figures if (mt := self.g.share.match(self.norm, f.end)) is not None}
        if not shared:
            return
        # the totals: figures before a part that have no share of their own, the sentence before's when
        # this one opens with 其中, and the sum of the parts when the shares are of the listed parts
        s0 = self.seg.sentences[i][0]
        totals = [b.number.value for b in figures if id(b) not in shared and b.number is not None and b.number.value > 0]
        if i > 0 and self.norm[s0:].lstrip(" \u3000").startswith("其中"):
            p0, _ = self.seg.sentences[i - 1]
            totals += [t.number.value for t in self.tags if t.kind == "figure" and p0 <= t.start < s0 and t.number is not None
                       and not t.number.percent and t.number.value > 0]
        parts_sum = sum((f.number.value for f in figures if id(f) in shared and f.number is not None), Decimal(0))
        if sum(1 for f in figures if id(f) in shared) > 1:
            totals.append(parts_sum)
        for f in figures:
            mt = shared.get(id(f))
            m = f.number
            if mt is None or m is None or m.approx:
                continue
            pct = mt.group("pct")
            bases = tuple(t for t in totals if t >= m.value)
            requests = any(t.kind == "subject" and t.name == "requests" for t in st)
            self.claim("share", "requests" if requests else "", ("processed", "received_all", "new") if requests else (),
                       f.start, mt.end(), i, value=Decimal(pct), decimals=len(pct.split(".")[1]) if "." in pct else 0,
                       part=m.value, bases=bases)

    def rates(self, i: int, st: list[Tag]) -> None:
        """办结率101%: no share of requests is over the whole."""
        s0, s1 = self.seg.sentences[i]
        for mt in self.g.request_rates.finditer(self.norm, s0, s1):
            f = next((t for t in st if t.kind == "figure" and t.number is not None and t.number.percent
                      and 0 <= t.start - mt.end() <= 4), None)
            if f is not None and f.number is not None and f.number.value > 100:
                self.claim("over", "", (), mt.start(), f.end, i, value=f.number.value)
