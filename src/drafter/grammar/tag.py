"""Pass 2: tag a segmented text — subjects, negations, quantifiers, outcome words, comparisons,
directions, applicant scopes, other topics and figures — from lexicon/grammar.yaml and the
validator lexicon (scope words). Each list is matched longest word first, without overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..claims.segment import MASK
from ..lexicon import Lexicon
from ..numbers import NumberMatch, find_numbers
from .lexicon import Grammar
from .segment import Segments

_NOT_FIGURE_UNITS = frozenset({"年", "年度", "月", "月份", "日", "号", "个工作日", "工作日", "天", "小时", "分钟", "周", "个月"})


@dataclass(frozen=True)
class Tag:
    kind: str  # subject | negation | quantifier | outcome | comparison | direction | scope | topic | figure
    start: int
    end: int
    name: str = ""  # subject / outcome / direction name, scope column
    number: NumberMatch | None = None


def find_words(norm: str, words: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Occurrences of `words` (longest first), none overlapping another."""
    taken: list[tuple[int, int, str]] = []
    for w in words:
        if not w:
            continue
        i = norm.find(w)
        while i >= 0:
            j = i + len(w)
            if not any(s < j and i < e for s, e, _ in taken):
                taken.append((i, j, w))
            i = norm.find(w, i + 1)
    return sorted(taken)


def _subjects(norm: str, g: Grammar) -> list[Tag]:
    out: list[Tag] = []
    pairs = sorted(((w, s) for s in g.subjects.values() for w in s.words), key=lambda x: -len(x[0]))
    taken: list[tuple[int, int]] = []
    for word, subj in pairs:
        i = norm.find(word)
        while i >= 0:
            j = i + len(word)
            if not any(s < j and i < e for s, e in taken):
                taken.append((i, j))
                after = norm[j:j + 6]
                before = norm[max(0, i - 6):i]
                if not any(after.startswith(w) for w in subj.not_after) and not any(before.endswith(w) for w in subj.not_before):
                    out.append(Tag("subject", i, j, subj.name))
            i = norm.find(word, i + 1)
    return out


def tag(seg: Segments, lex: Lexicon, g: Grammar) -> list[Tag]:
    norm = seg.norm
    tags = _subjects(norm, g)
    subject_spans = [(t.start, t.end) for t in tags]
    for s, e, w in find_words(norm, g.negations):
        if any(norm.startswith(x, s) for x in g.negation_exceptions):
            continue
        tags.append(Tag("negation", s, e, w))
    tags += [Tag("quantifier", s, e, w) for s, e, w in find_words(norm, g.quantifiers)]
    words = tuple(sorted((w for o in g.outcomes.values() for w in o.words), key=len, reverse=True))
    which = {w: o.name for o in g.outcomes.values() for w in o.words}
    tags += [Tag("outcome", s, e, which[w]) for s, e, w in find_words(norm, words)]
    for pattern in g.comparisons:
        for mt in pattern.finditer(norm):
            if not any(t.kind == "comparison" and t.start < mt.end() and mt.start() < t.end for t in tags):
                tags.append(Tag("comparison", mt.start(), mt.end(), mt.groupdict().get("year") or ""))
    dwords = tuple(sorted((w for ws in g.directions.values() for w in ws), key=len, reverse=True))
    dname = {w: k for k, ws in g.directions.items() for w in ws}
    tags += [Tag("direction", s, e, dname[w]) for s, e, w in find_words(norm, dwords)]
    scope_col = dict(lex.scopes)
    tags += [Tag("scope", s, e, scope_col[w]) for s, e, w in find_words(norm, tuple(w for w, _ in lex.scopes))]
    for s, e, w in find_words(norm, g.other_topics):
        if not any(a < e and s < b for a, b in subject_spans):
            tags.append(Tag("topic", s, e, w))
    for m in find_numbers(seg.text):
        if MASK in norm[m.start:m.end]:
            continue
        if m.unit in _NOT_FIGURE_UNITS or (m.unit is None and not m.percent and m.value >= Decimal(1900) and m.value <= Decimal(2100)):
            continue
        tags.append(Tag("figure", m.start, m.end, m.unit or ("%" if m.percent else ""), m))
    return sorted(tags, key=lambda t: (t.start, t.end))
