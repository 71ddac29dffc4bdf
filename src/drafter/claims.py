"""Claim extraction: what the narrative says about the figures of the report.

`extract_claims(text, format_id)` finds, in one section's plain text,

- figures (共收到政府信息公开申请3件, 办结率为100%, 260余条) bound through the lexicon
  (drafter/lexicon/metrics.yaml) to the fact ids of drafter.facts, with the applicant scope
  (自然人 / 法人或其他组织 …) and the year (this year, last year, a change on last year);
- figures that no phrase binds (kept, for the text.unsupported check);
- zero claims (未收到…申请, 未发生因政府信息公开申请行政复议、提起行政诉讼的情况: one negation,
  two metrics; 无下年度结转; 未收取信息处理费);
- "all" claims (全部予以公开, 均已办结);
- breakdowns (共200条，其中A 180条、B 30条) for the text.arithmetic check.

Numbers that are not claims (dates, years, 第二十条, list markers, document numbers, phone
numbers, 20个工作日, 三安全一稳定, 每月一条, 共六个部分, next year's plans) produce nothing.
Spans index into the text as given; quotes are exact slices of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .lexicon import CLAUSE_BREAK, SENTINEL, UNIT_CLASSES, Lexicon, Metric, load_lexicon
from .numbers import NumberMatch, find_numbers

ClaimKind = Literal["figure", "zero", "all"]
Relation = Literal["current", "previous", "change"]

_SENTENCE_BREAK = "。！？!?\n"
_RIGHT_REACH = 8  # a cue after the figure binds only this close (3件申请, 1件结转下年办理)
_REQUEST_METRIC_PREFIX = "requests."
_LIST_SEPARATORS = re.compile(r"[、／/（(]|以及|和|及|与|或")


@dataclass(frozen=True)
class Claim:
    kind: ClaimKind
    metric: str | None  # lexicon key; None for a figure no phrase binds
    ids: tuple[str, ...]  # fact ids accepted as truth, scope applied; first is named in messages
    value: Decimal
    low: Decimal
    high: Decimal | None
    start: int  # span of `quote` in the text
    end: int
    quote: str
    unit: str | None = None
    unit_class: str | None = None  # count | money | percent
    percent: bool = False
    decimals: int | None = None  # digits after the point as written
    approx: str | None = None
    chinese: bool = False
    scope: str = "total"
    relation: Relation = "current"
    total: bool = False  # stated as a total (共N件)
    sentence: int = 0
    number_span: tuple[int, int] | None = None

    @property
    def checkable(self) -> bool:
        """Whether an unbound figure is worth checking against the facts: a measured count,
        sum of money or percentage written in digits (三个方面 is prose, not a figure)."""
        if self.unit_class is None:
            return False
        return not self.chinese or self.value >= 10


@dataclass(frozen=True)
class Breakdown:
    """共N件，其中A M件、B K件: a stated total and the parts listed after it."""

    total: Claim
    parts: tuple[Claim, ...]
    open: bool  # the list ends with 等 or is introduced by 含: the parts need not add up
    start: int
    end: int
    quote: str


@dataclass
class Extraction:
    claims: list[Claim] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)

    def figures(self) -> list[Claim]:
        return [c for c in self.claims if c.kind == "figure"]


@dataclass(frozen=True)
class _Cue:
    metric: Metric
    start: int
    end: int
    where: int  # 0 figure inside the phrase, 1 phrase before the figure, 2 after
    distance: int


def _spans(text: str, breaks: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in breaks:
            out.append((start, i + 1))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def _index(spans: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _decimals(m: NumberMatch) -> int | None:
    digits = re.search(r"\d+(?:\.(\d+))?", m.text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
    if digits is None or m.chinese:
        return None
    return len(digits.group(1)) if digits.group(1) else 0


def _unit_class(m: NumberMatch, norm: str) -> str | None:
    if m.percent:
        return "percent"
    if m.unit is None:
        # 申请数为0 / 结转下年度继续办理0: a bare figure closing a clause after 为 or a cue
        after = norm[m.end : m.end + 1]
        before = norm[max(0, m.start - 1) : m.start]
        if (not after or after in CLAUSE_BREAK or after in "）)") and before and not before.isdigit() and before not in "-—～~/.:：（(〔[【《":
            return "count" if m.value == m.value.to_integral_value() and m.value < 100000 else None
        return None
    for cls, units in UNIT_CLASSES.items():
        if m.unit in units:
            return cls
    return None


class _Extractor:
    def __init__(self, text: str, format_id: str, year: int | None, lex: Lexicon):
        self.text = text
        self.norm = lex.normalize(text)
        self.lex = lex
        self.format_id = format_id
        self.year = year
        self.sentences = _spans(self.norm, _SENTENCE_BREAK)
        self.clauses = _spans(self.norm, CLAUSE_BREAK)
        self.metrics = [m for m in lex.metrics.values() if not m.formats or format_id in m.formats]
        self._first_chars = {m.key: _first_chars(m) for m in self.metrics}
        self.future = [self._is_future(s, e) for s, e in self.sentences]
        self.blocked: list[tuple[int, int]] = []
        self._bracket_spans = self._brackets()
        self._not_claim_spans = [mt.span() for mt in lex.not_claims.finditer(self.norm)]

    # ------------------------------------------------------------------ helpers
    def _is_future(self, start: int, end: int) -> bool:
        sentence = self.norm[start:end]
        if self.lex.future.search(sentence):
            return True
        if self.year is not None:
            head = sentence.lstrip()[:8]
            if head.startswith(f"{self.year + 1}年"):
                return True
        return False

    def _brackets(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for pair in self.lex.quote_brackets:
            open_, close = pair[0], pair[1]
            for mt in re.finditer(re.escape(open_) + r"[^" + re.escape(close) + r"\n]{0,80}" + re.escape(close), self.norm):
                out.append(mt.span())
        return out

    def _inside(self, spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    def _overlaps(self, spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans)

    def _quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def _scope(self, window: str) -> str:
        found: set[str] = set()
        rest = window
        for word, col in self.lex.scopes:
            if word in rest:
                found.add(col)
                rest = rest.replace(word, "\x01" * len(word))
        if len(found) == 1:
            return found.pop()
        return "total"

    def _has_scope_word(self, window: str) -> bool:
        return any(word in window for word, _ in self.lex.scopes)

    def _extend_total(self, start: int, floor: int) -> tuple[int, bool]:
        """Move `start` back over a total marker (共, 全年共, 合计) written right before it."""
        for marker in self.lex.total_markers:
            s = start - len(marker)
            if s >= floor and self.norm[s:start] == marker:
                return s, True
        return start, False

    # ------------------------------------------------------------------ zero and all claims
    def zero_claims(self) -> list[Claim]:
        out: list[Claim] = []
        seen: set[tuple[str, int]] = set()
        for pattern in self.lex.zero_claims:
            for mt in pattern.regex.finditer(self.norm):
                start, end = mt.span()
                if any(self.norm.startswith(x, start) for x in self.lex.negation_exceptions):
                    continue
                sent = _index(self.sentences, start)
                if self.future[sent]:
                    continue
                scope = "total"
                if pattern.scoped and "scope" in mt.groupdict() and mt.group("scope"):
                    scope = self._scope(mt.group("scope"))
                for key in pattern.metrics:
                    if (key, start) in seen:
                        continue
                    metric = self.lex.metrics[key]
                    seen.add((key, start))
                    out.append(
                        Claim(
                            kind="zero", metric=key, ids=_ids(metric, scope), value=Decimal(0), low=Decimal(0),
                            high=Decimal(0), start=start, end=end, quote=self._quote(start, end),
                            unit_class=metric.unit, scope=scope, sentence=sent,
                        )
                    )
                self.blocked.append((start, end))
        return out

    def universal_claims(self) -> list[Claim]:
        out: list[Claim] = []
        for pattern in self.lex.universal:
            for mt in pattern.regex.finditer(self.norm):
                start, end = mt.span()
                sent = _index(self.sentences, start)
                if self.future[sent]:
                    continue
                s0, s1 = self.sentences[sent]
                if pattern.context and not pattern.context.search(self.norm[s0:s1]):
                    continue
                c0, c1 = self.clauses[_index(self.clauses, start)]
                if pattern.unless and pattern.unless.search(self.norm[c0:c1]):
                    continue
                q0 = max(c0, start - 12)
                while q0 < start and self.norm[q0] in " \u3000":
                    q0 += 1
                out.append(
                    Claim(
                        kind="all", metric=pattern.key, ids=(), value=Decimal(0), low=Decimal(0), high=None,
                        start=q0, end=end, quote=self._quote(q0, end), sentence=sent,
                    )
                )
        return out

    # ------------------------------------------------------------------ figures
    def figures(self, numbers: list[NumberMatch]) -> list[Claim]:
        out: list[Claim] = []
        last_in_sentence: dict[int, Claim] = {}
        for i, m in enumerate(numbers):
            claims = self._figure(numbers, i, m, last_in_sentence)
            for c in claims:
                out.append(c)
                if c.metric is not None:
                    last_in_sentence[c.sentence] = c
        return out

    def _skip(self, m: NumberMatch, sent: int) -> bool:
        if m.unit in self.lex.not_claim_units:
            return True
        if self.future[sent]:
            return True
        if self._inside(self.blocked, m.start, m.end):
            return True
        if self._overlaps(self._bracket_spans, m.start, m.end) or self._overlaps(self._not_claim_spans, m.start, m.end):
            return True
        c0 = self.clauses[_index(self.clauses, m.start)][0]
        before = self.norm[max(c0, m.start - 10) : m.start]
        return bool(self.lex.per_words.search(before))

    def _figure(self, numbers: list[NumberMatch], i: int, m: NumberMatch, last: dict[int, Claim]) -> list[Claim]:
        norm = self.norm
        sent = _index(self.sentences, m.start)
        if self._skip(m, sent):
            return []
        unit_class = _unit_class(m, norm)
        if unit_class is None:
            return []
        c0, c1 = self.clauses[_index(self.clauses, m.start)]
        win_start = c0
        if i > 0 and numbers[i - 1].end > c0:
            win_start = max(c0, numbers[i - 1].end)
        right_end = c1
        if i + 1 < len(numbers) and numbers[i + 1].start < c1:
            right_end = numbers[i + 1].start
        ctx = norm[win_start : m.start] + SENTINEL * (m.end - m.start) + norm[m.end : right_end]
        n0, n1 = m.start - win_start, m.end - win_start
        left = norm[win_start : m.start]
        s0, s1 = self.sentences[sent]
        sentence = norm[s0:s1]

        relation: Relation = "current"
        clause_left = norm[c0 : m.start]
        if self.lex.comparison.search(left):
            relation = "change"
        elif self.lex.previous.search(clause_left):
            relation = "previous"

        cues = self._cues(ctx, n0, n1, unit_class, sentence)
        base = dict(
            kind="figure", value=m.value, low=m.low, high=m.high, unit=m.unit, unit_class=unit_class,
            percent=m.percent, decimals=_decimals(m), approx=m.approx, chinese=m.chinese, relation=relation,
            sentence=sent, number_span=(m.start, m.end),
        )
        if not cues:
            inherited = self._inherit(left, sentence, last.get(sent), unit_class, norm[s0:win_start])
            if inherited is None:
                q0, total = self._extend_total(m.start, win_start)
                return [Claim(metric=None, ids=(), start=q0, end=m.end, quote=self._quote(q0, m.end), total=total, **base)]  # type: ignore[arg-type]
            metric, extra_ids = inherited
            scope = self._scope(left) if metric.scoped else "total"
            ids = _ids(metric, scope) + tuple(x for x in extra_ids if x not in _ids(metric, scope))
            q0 = win_start
            while q0 < m.start and norm[q0] in "，,、；;（( \u3000":
                q0 += 1
            q0, total = self._extend_total(q0, win_start)
            return [Claim(metric=metric.key, ids=ids, start=q0, end=m.end, quote=self._quote(q0, m.end), scope=scope, total=total, **base)]  # type: ignore[arg-type]

        chosen = [cues[0]]
        if self.lex.each_words.search(left):  # 行政复议和行政诉讼均为0件: every metric named before
            chosen = _distinct_left(cues)
        out: list[Claim] = []
        for cue in chosen:
            metric = cue.metric
            scope_text = ctx[: max(n0, cue.end if cue.where != 2 else n0)].replace(SENTINEL, "")
            scope = self._scope(scope_text) if metric.scoped else "total"
            q0 = win_start + min(cue.start, n0)
            q1 = win_start + max(cue.end, n1)
            q0, total = self._extend_total(q0, win_start)
            if len(chosen) > 1:
                q0 = win_start + min(c.start for c in chosen)
            out.append(
                Claim(metric=metric.key, ids=_ids(metric, scope), start=q0, end=q1, quote=self._quote(q0, q1),
                      scope=scope, total=total or self._total_before(left), **base)  # type: ignore[arg-type]
            )
        return out

    def _total_before(self, left: str) -> bool:
        return any(marker in left[-12:] for marker in self.lex.total_markers)

    def _cues(self, ctx: str, n0: int, n1: int, unit_class: str, sentence: str) -> list[_Cue]:
        found: list[_Cue] = []
        chars = set(ctx)
        for metric in self.metrics:
            if metric.unit != unit_class:
                continue
            if not (self._first_chars[metric.key] & chars):
                continue
            if metric.context is not None and not metric.context.search(sentence):
                continue
            for phrase in metric.phrases:
                for mt in phrase.regex.finditer(ctx):
                    s, e = mt.span()
                    if e <= n0:
                        where, distance, between = 1, n0 - e, ctx[s:n0]
                    elif s < n0 and e >= n1 or (s <= n0 and e > n1):
                        if _LIST_SEPARATORS.search(ctx[n1:e]):
                            continue  # 规范性文件2件、废止1件: the words after 、 belong to the next item
                        where, distance, between = 0, 0, mt.group()
                    elif s >= n1:
                        where, distance, between = 2, s - n1, ctx[n1:e]
                        if distance > _RIGHT_REACH or _LIST_SEPARATORS.search(ctx[n1:s]):
                            continue
                    else:
                        continue
                    if any(b in between for b in metric.blockers):
                        continue
                    found.append(_Cue(metric, s, e, where, distance))
        found.sort(key=lambda c: (c.where, c.distance, -(c.end - c.start)))
        return found

    def _inherit(
        self, left: str, sentence: str, previous: Claim | None, unit_class: str, prefix: str = ""
    ) -> tuple[Metric, tuple[str, ...]] | None:
        """A figure with no cue: 其中自然人2件 takes the row of the figure before it;
        共计N件 after 加上上年结转 may count the carried-over requests too."""
        lex = self.lex
        stripped = left.lstrip("，,、；;（( \u3000")
        has_scope = self._has_scope_word(left)
        starts_total = any(stripped.startswith(mk) for mk in lex.total_markers)
        if previous is not None and previous.metric is not None and previous.unit_class == unit_class:
            metric = lex.metrics[previous.metric]
            if has_scope and metric.scoped:
                return metric, ()
            if starts_total and any(i.startswith(_REQUEST_METRIC_PREFIX) for i in metric.ids):
                return metric, ("requests.received_all.total",)
        if has_scope and unit_class == "count" and ("申请" in left or "申请" in sentence):
            return lex.metrics["new_received"], ()
        if starts_total and previous is None and prefix:
            cues = [c for c in self._cues(prefix + SENTINEL, len(prefix), len(prefix) + 1, unit_class, sentence) if c.where == 1]
            if cues:
                extra = ("requests.received_all.total",) if any(i.startswith(_REQUEST_METRIC_PREFIX) for i in cues[0].metric.ids) else ()
                return cues[0].metric, extra
        return None

    # ------------------------------------------------------------------ breakdowns
    def breakdowns(self, figures: list[Claim]) -> list[Breakdown]:
        out: list[Breakdown] = []
        norm = self.norm
        by_sentence: dict[int, list[Claim]] = {}
        for c in figures:
            by_sentence.setdefault(c.sentence, []).append(c)
        for claims in by_sentence.values():
            claims.sort(key=lambda c: c.number_span or (c.start, c.end))
            for k, total in enumerate(claims):
                if total.number_span is None or total.unit_class not in ("count", "money"):
                    continue
                after = norm[total.number_span[1] : total.number_span[1] + 5]
                marker = next(
                    (mk for mk in self.lex.breakdown_markers if re.match(rf"^[，,：:（(\s]{{0,2}}{mk}", after)), None
                )
                if marker is None:
                    continue
                paren = "（" in after[:2] or "(" in after[:2]
                parts: list[Claim] = []
                open_ = marker == "含"
                prev_end = total.number_span[1]
                for part in claims[k + 1 :]:
                    assert part.number_span is not None
                    gap = norm[prev_end : part.number_span[0]]
                    if "；" in gap or ";" in gap or (paren and ("）" in gap or ")" in gap)):
                        break
                    clause_head = re.split(r"[，,、]", gap)[-1].lstrip("（( ")
                    if parts and any(clause_head.startswith(w) for w in self.lex.breakdown_stops):
                        break
                    if part.unit_class != total.unit_class or part.relation != "current":
                        break
                    if total.metric is not None and part.metric is not None and part.metric != total.metric:
                        if part.metric not in self.lex.metrics[total.metric].parts:
                            break  # 行政复议2件，其中纠正1件，被提起行政诉讼2件: the suit is no part
                    parts.append(part)
                    prev_end = part.number_span[1]
                if not parts:
                    continue
                tail_end = prev_end
                while tail_end < len(norm) and norm[tail_end] not in "。；;，,）)\n" and tail_end - prev_end < 12:
                    tail_end += 1
                tail = norm[prev_end:tail_end]
                if any(w in tail for w in self.lex.open_list_markers):
                    open_ = True
                start, end = total.start, prev_end
                out.append(Breakdown(total, tuple(parts), open_, start, end, self._quote(start, end)))
        return out


def _first_chars(metric: Metric) -> set[str]:
    chars: set[str] = set()
    for phrase in metric.phrases:
        text = phrase.text[3:] if phrase.text.startswith("re:") else phrase.text
        lits = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
        if lits:
            chars.update(lits[:1] if not phrase.text.startswith("re:") else lits)
    return chars


def _ids(metric: Metric, scope: str) -> tuple[str, ...]:
    out: list[str] = []
    for template in metric.ids:
        if "$col" in template:
            fid = template.replace("$col", scope if metric.scoped else "total")
        else:
            fid = template
        if fid not in out:
            out.append(fid)
    return tuple(out)


def _distinct_left(cues: list[_Cue]) -> list[_Cue]:
    """The cues of distinct metrics before the figure, for 行政复议和行政诉讼均为0件."""
    left = [c for c in cues if c.where == 1]
    # a combined phrase (行政复议…行政诉讼) gives way to the cues it contains
    left = [
        c for c in left
        if sum(1 for o in left if o is not c and c.start <= o.start and o.end <= c.end and (o.start, o.end) != (c.start, c.end)) < 2
    ]
    left.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Cue] = []
    for cue in left:
        if any(o.metric.key == cue.metric.key or (o.start < cue.end and cue.start < o.end) for o in chosen):
            continue
        chosen.append(cue)
    return chosen or cues[:1]


def extract_claims(text: str, format_id: str = "2021", year: int | None = None, lexicon: Lexicon | None = None) -> Extraction:
    """Every claim in one section's plain text. `year` is the report year (plans for the
    next year are not claims)."""
    lex = lexicon or load_lexicon()
    ex = _Extractor(text, format_id, year, lex)
    result = Extraction()
    result.claims.extend(ex.zero_claims())
    result.claims.extend(ex.universal_claims())
    numbers = find_numbers(ex.norm)
    figures = ex.figures(numbers)
    result.claims.extend(figures)
    result.claims.sort(key=lambda c: (c.start, c.end))
    result.breakdowns = ex.breakdowns(figures)
    return result


__all__ = ["Breakdown", "Claim", "Extraction", "extract_claims"]
