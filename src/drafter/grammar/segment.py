"""Pass 1: a section's text → sentences and clauses on the normalised text (same length as the
text, so spans carry over), with the content of quoted names, titles and document numbers masked
(a word inside 《…行政处罚裁量办法》 is no subject)."""

from __future__ import annotations

from dataclasses import dataclass

from ..claims.segment import SENTENCE_BREAK, masked, quoted_spans, split_spans
from ..lexicon import CLAUSE_BREAK, Lexicon


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    sentence: int  # index of its sentence


@dataclass(frozen=True)
class Segments:
    text: str  # as given
    norm: str  # normalised, quoted content masked
    sentences: tuple[tuple[int, int], ...]
    clauses: tuple[Clause, ...]

    def sentence_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                return i
        return len(self.sentences) - 1

    def clause_of(self, pos: int) -> Clause:
        for c in self.clauses:
            if c.start <= pos < c.end:
                return c
        return self.clauses[-1]


def _spans(text: str, breaks: str) -> list[tuple[int, int]]:
    return split_spans(text, breaks) or [(0, 0)]


def segment(text: str, lex: Lexicon) -> Segments:
    norm = lex.normalize(text)
    norm = masked(norm, quoted_spans(norm, lex))
    sentences = _spans(norm, SENTENCE_BREAK)
    clauses: list[Clause] = []
    for i, (s0, s1) in enumerate(sentences):
        for c0, c1 in _spans(norm[s0:s1], CLAUSE_BREAK):
            clauses.append(Clause(s0 + c0, s0 + c1, i))
    return Segments(text, norm, tuple(sentences), tuple(clauses))
