"""Pass 3: a clause grammar that pairs the tags of `tag` into word claims.

    NEG (verb) SUBJ [、和及 SUBJ]…          未作出行政许可、行政处罚决定 → each 表二 count = 0
    SUBJ [、 SUBJ]… (均)(为) NEG|零 ⟩        行政处罚、行政强制均为零 → each = 0
    SUBJ … QUANT (frame) OUTCOME            复议案件均被依法维持 → 维持 = 总计
    SUBJ … QUANT (frame) NEG (被) OUTCOME   诉讼均未被纠正 → 纠正 = 0
    SUBJ … frame OUTCOME | PENDING          复议结果为纠正 → 纠正 ≥ 1;  尚在审理中 → 尚未审结 ≥ 1
    SUBJ … NEG (被) OUTCOME                 未被纠错 → 纠正 = 0
    申请 … QUANT (link) SCOPE               均为自然人提出 → 自然人 = 总计
    SUBJ … COMPARISON … DIRECTION (FIG)     较上年有所减少 / 同比增长25% / 翻一番 → the change (quantities.py)
    FIG 占 N%  ·  …率 N%                      a share of a stated total; no rate over 100% (quantities.py)

A sentence about the future, or about last year or another year outside a comparison, makes
no claim; a contrast after an "all" claim (但/除…) takes it back, a 其中 list does not. Subjects of review and
litigation named together make a claim on both (复议和诉讼均被维持).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import Lexicon, load_lexicon
from .lexicon import Grammar, load_grammar
from .quantities import _CASES, _Quantities
from .segment import Segments, segment
from .tag import Tag, tag

_TABLE2 = ("license", "penalty", "coercion", "normative", "rules", "fees")
_CHAIN = re.compile(r"^(?:[、，,和及与或以及]|决定|的|数量|案件|事项|件数)*$")
_ZERO_TAIL = re.compile(r"^(?:的|案件|决定|数量|数|件数|情况|事项|[：:\s])*(?:均|都|全部)?(?:为|是)?[：:\s]*$")
_FRAME_GAP = 8
_SCOPE_CONTRAST = re.compile(r"但是|但|然而|不过|除")


@dataclass(frozen=True)
class WordClaim:
    op: str  # zero | all | some | none | scope_all | sign | pct | double | delta | share | over
    subject: str  # a grammar subject; "both" = review and litigation together
    slots: tuple[str, ...]  # the readings: any one holding makes the claim true
    start: int
    end: int
    quote: str
    sentence: int
    scope: str = "total"
    direction: str | None = None  # up | down | flat | double, for sign / pct
    value: Decimal | None = None  # stated percentage, for pct, share and over
    decimals: int = 0
    approx: bool = False
    part: Decimal | None = None  # the part a share is of (A 38件、占44.2%)
    bases: tuple[Decimal, ...] = ()  # totals the sentence states before the part

    def describe(self) -> str:
        extra = f" {self.direction}" if self.direction else ""
        if self.value is not None:
            extra += f" {self.value}%"
        return f"{self.op}({self.subject}:{'|'.join(self.slots)}{'/' + self.scope if self.scope != 'total' else ''}{extra})"


class _Binder(_Quantities):
    def __init__(self, seg: Segments, tags: list[Tag], g: Grammar, lex: Lexicon, year: int | None):
        self.seg, self.tags, self.g, self.lex, self.year = seg, tags, g, lex, year
        self.norm = seg.norm
        self.used: set[int] = set()  # ids of tags consumed by a claim
        self.out: list[WordClaim] = []

    # -------------------------------------------------------------- helpers
    def sentence_tags(self, i: int) -> list[Tag]:
        s0, s1 = self.seg.sentences[i]
        return [t for t in self.tags if s0 <= t.start < s1]

    def claim(self, op: str, subject: str, slots: tuple[str, ...], start: int, end: int, sentence: int, **kw) -> None:  # type: ignore[no-untyped-def]
        self.out.append(WordClaim(op, subject, slots, start, end, self.seg.text[start:end], sentence, **kw))

    def silent(self, i: int) -> bool:
        """A sentence about the future, or a time other than the report year outside a comparison."""
        s0, s1 = self.seg.sentences[i]
        sent = self.norm[s0:s1]
        if self.lex.future.search(sent):
            return True
        if self.lex.previous.search(sent) and not any(c in sent for c in ("较", "比", "与", "同比", "相比")):
            return True
        for mt in self.lex.year_mention.finditer(sent):
            y = int(mt.group(1))
            if self.year is not None and y != self.year and not re.search(r"[较比与同]$", sent[:mt.start()]):
                return True
        return False

    def case_subject(self, before: list[Tag]) -> str | None:
        """review / litigation / both, named before a word claim, with no other topic after it."""
        last_subject = max((t for t in before if t.kind == "subject"), key=lambda t: t.start, default=None)
        if last_subject is None or last_subject.name not in _CASES:
            return None
        if any(t.kind == "topic" and t.start > last_subject.start for t in before):
            return None
        names = {t.name for t in before if t.kind == "subject" and t.name in _CASES}
        return "both" if len(names) == 2 else last_subject.name

    def _one_part_before(self, i: int, pos: int, st: list[Tag]) -> bool:
        """A quantifier after 其中 and one part speaks of that part (其中直接起诉3件，均…); after all the
        parts (其中，行政复议1件，行政诉讼3件，均…) it speaks of them all, the whole."""
        s0 = self.seg.sentences[i][0]
        k = self.norm.rfind("其中", s0, pos)
        if k < 0:
            return False
        return sum(1 for t in st if t.kind == "figure" and k < t.start < pos) == 1

    def taken_back(self, end: int, i: int) -> bool:
        s1 = self.seg.sentences[i][1]
        return re.search(self.g.contrast, self.norm[end:s1]) is not None

    def gap(self, a: int, b: int) -> str:
        return self.norm[a:b]

    # -------------------------------------------------------------- rules
    def zero_before(self, i: int, st: list[Tag]) -> None:
        """NEG (verb) SUBJ [、 SUBJ]…"""
        for n in (t for t in st if t.kind == "negation"):
            clause = self.seg.clause_of(n.start)
            subs = [t for t in st if t.kind == "subject" and n.end <= t.start < clause.end]
            chain: list[Tag] = []
            pos = n.end
            for s in subs:
                between = self.gap(pos, s.start)
                if not chain:
                    verbs = [v for vs in self.g.document_verbs.values() for v in vs] + list(self.g.decision_verbs)
                    rest = between
                    for v in sorted(verbs, key=len, reverse=True):
                        rest = rest.replace(v, "")
                    if len(rest.replace("被", "").replace("任何", "").replace("过", "")) > 1:
                        break
                elif not _CHAIN.match(between):
                    break
                if any(t.kind in ("topic", "figure", "negation") and pos <= t.start < s.start for t in st):
                    break
                chain.append(s)
                pos = s.end
            for s in chain:
                if s.name in _TABLE2:
                    self.used.add(id(n))
                    self.claim("zero", s.name, self.slots_for(s, n.end, clause.end), n.start, s.end, i)

    def zero_after(self, i: int, st: list[Tag]) -> None:
        """SUBJ [、 SUBJ]… (均)(为) 无|零 at the end of the clause."""
        for n in (t for t in st if t.kind == "negation" and id(t) not in self.used):
            clause = self.seg.clause_of(n.start)
            tail = self.norm[n.end:clause.end].rstrip("，,；;。！？!?\n 　")
            if tail not in ("", "件", "项", "次"):
                continue
            subs = [t for t in st if t.kind == "subject" and clause.start <= t.start < n.start]
            if not subs or not _ZERO_TAIL.match(self.gap(subs[-1].end, n.start)):
                continue
            chain = [subs[-1]]
            for s in reversed(subs[:-1]):
                if not _CHAIN.match(self.gap(s.end, chain[-1].start)):
                    break
                chain.append(s)
            for s in chain:
                if s.name in _TABLE2:
                    self.claim("zero", s.name, self.slots_for(s, clause.start, n.start), s.start, n.end, i)

    def slots_for(self, s: Tag, lo: int, hi: int) -> tuple[str, ...]:
        subject = self.g.subjects[s.name]
        if "decisions" in subject.facts:
            return ("decisions",)
        if "amount" in subject.facts:
            return ("amount",)
        window = self.norm[lo:hi]
        found = tuple(slot for slot, verbs in self.g.document_verbs.items() if any(v in window for v in verbs))
        return found or ("made", "in_force")

    def outcomes(self, i: int, st: list[Tag]) -> None:
        for o in (t for t in st if t.kind == "outcome"):
            before = [t for t in st if t.start < o.start]
            subject = self.case_subject(before)
            if subject is None:
                continue
            slots = self.g.outcomes[o.name].slots
            lead = self.norm[max(self.seg.clause_of(o.start).start, o.start - _FRAME_GAP):o.start]
            quant = next((t for t in reversed(before) if t.kind == "quantifier" and o.start - t.end <= _FRAME_GAP
                          and t.start >= self.seg.clause_of(o.start).start), None)
            clause0 = self.seg.clause_of(o.start).start
            neg = next((t for t in reversed(before) if t.kind == "negation" and t.start >= clause0
                        and not any(f.kind == "figure" and t.end <= f.start < o.start for f in before)), None)
            start = quant.start if quant else (neg.start if neg else o.start)
            if neg is not None:
                if o.name not in ("pending", "closed"):
                    self.claim("none", subject, slots, start, o.end, i)
                continue
            if quant is not None:
                if self.taken_back(o.end, i) or self._one_part_before(i, quant.start, st):
                    continue  # 其中直接起诉3件，均尚未审结: the part's outcome, not the whole's
                self.claim("all", subject, slots, start, o.end, i)
                continue
            if any(t.kind == "figure" and 0 <= t.start - o.end <= 3 for t in st):
                continue  # 维持1件: a figure, read by drafter.claims
            if o.name in ("pending", "won", "lost") or any(f in lead for f in self.g.outcome_frames):
                if o.name != "closed":
                    self.claim("some", subject, slots, o.start, o.end, i)

    def scopes(self, i: int, st: list[Tag]) -> None:
        if not any(t.kind == "subject" and t.name == "requests" for t in st):
            return
        for q in (t for t in st if t.kind == "quantifier"):
            sc = next((t for t in st if t.kind == "scope" and 0 <= t.start - q.end <= 3), None)
            if sc is None:
                continue
            link = self.gap(q.end, sc.start)
            if link and link not in self.g.scope_links and link not in ("是由", "为由", "来源于"):
                continue
            after = self.norm[sc.end:sc.end + 4]
            if after and after[0] not in "，,；;。！？!?\n）)" and not after.startswith(("提出", "申请", "提交", "个人", "的申请", "类")):
                continue
            # one scope only: 均为自然人和法人 is the total (均为公民个人申请 is one)
            if any(t.kind == "scope" and t is not sc and t.name != sc.name and abs(t.start - sc.end) <= 2 for t in st):
                continue
            if _SCOPE_CONTRAST.search(self.norm[sc.end : self.seg.sentences[i][1]]):
                continue  # 均为自然人提出，但有1件… / 除…外
            self.claim("scope_all", "requests", ("new", "received_all", "processed"), q.start, sc.end, i, scope=sc.name)

    def run(self) -> list[WordClaim]:
        for i in range(len(self.seg.sentences)):
            if self.silent(i):
                continue
            st = self.sentence_tags(i)
            self.rates(i, st)
            self.shares(i, st)
            if not any(t.kind == "subject" for t in st):
                continue
            self.zero_before(i, st)
            self.zero_after(i, st)
            self.outcomes(i, st)
            self.scopes(i, st)
            self.changes(i, st)
        return sorted(self.out, key=lambda c: c.start)


def read_word_claims(text: str, year: int | None = None, lex: Lexicon | None = None) -> list[WordClaim]:
    """Every word claim of one section's text (spans index into `text`)."""
    lex = lex or load_lexicon()
    g = load_grammar()
    seg = segment(text, lex)
    return _Binder(seg, tag(seg, lex, g), g, lex, year).run()
