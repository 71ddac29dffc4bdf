"""Claim extraction: what the narrative says about the figures of the report.

`extract_claims(text, format_id)` finds, in one section's plain text,

- figures (共收到政府信息公开申请3件, 办结率为100%, 260余条) bound through the lexicon
  (drafter/lexicon/metrics.yaml) to the fact ids of drafter.facts, with the applicant scope
  (自然人 / 法人或其他组织 …) and the year (this year, last year, a change on last year);
- figures that no phrase binds (kept, for the text.unsupported check);
- zero claims (未收到…申请, 未发生因政府信息公开申请行政复议、提起行政诉讼的情况: one negation,
  two metrics; 无下年度结转; 未收取信息处理费);
- "all" claims (全部予以公开, 均已办结, 所有申请均已按时办结), taken back by a contrast later
  in the sentence (均已办结，但有1件结转下年度);
- breakdowns (共200条，其中A 180条、B 30条; 其中 after a comparison or opening the next
  sentence; 包括, 分别为, （含…）; 、，； separators; A 180条、B 20条，共计200条) for the
  text.arithmetic check; a part's own parenthetical 其中 is not a part of the list.

A figure after 其中 that follows a group total (无法提供13件（其中…10件）) is a part: it binds
to a sub-item of the group's metric, to the group's row with an applicant scope, or to
nothing. A rate (办结率, 公开率) and an "all" claim bind only when the topic named last before
them is the requests (人大代表建议和政协提案办结率100% is not).

Numbers that are not claims (dates, years, 第二十条, list markers, document numbers, phone
numbers, 20个工作日, 三安全一稳定, 每月一条, 共六个部分, next year's plans, anything inside a
quoted name or title: 《…2023—2025年…规划》, “十四五”, ‘12345’热线) produce nothing, and a cue
inside a quoted name or title is no cue (收到“…的申请”1件 counts what the name names).

An error must be certain, so a claim carries every reading its words allow, and the check
refutes it only when none holds:
- a figure with cues of several metrics next to it (制发并废止规范性文件1件; 作出行政许可、行政
  处罚决定分别为12件、8件) carries the other metrics as `alternatives`; a looser reading of the same
  words (规范性文件 in 制发规范性文件) is not another reading. A bare noun that does not say which
  count it is (规范性文件3件) is `loose`: a contradiction is only a warning;
- a part after 其中 carries the other totals of its sentence: the likeliest is the total bound
  last before it, unless that one is an aside (另有/此外/加上上年结转申请2件): then the total
  before the aside is. A breakdown carries the other totals and their sum (`others`, `grand`);
- a sentence that names both 复议 and 诉讼/起诉 makes review figures accept the combined facts
  (review_litigation.*), named first;
- a count in 次/场/期/批 after an action word (开展, 召开, 清理, 培训, 检查, 督查, 通报, 更新 …)
  counts activities and binds to nothing (收到申请3次 has no such word and still binds);
- the period: a comparison before the figure in its clause makes a change (较上年增加8件, 比上年多
  收到申请2件), checked only against last year's data; a change with no cue takes the metric of
  the figure just before it, and 与上年持平 after a figure is a change of 0; else the last time
  word before it decides (本年度 → this year; 上年, 去年, the year before the report year → last
  year's data; other years, and a time named only in an earlier clause of the sentence
  (上年度报告中，收到…), → `other`, never checked).
Spans index into the text as given; quotes are exact slices of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from .lexicon import CLAUSE_BREAK, SENTINEL, UNIT_CLASSES, Lexicon, Metric, load_lexicon
from .numbers import NumberMatch, find_numbers

ClaimKind = Literal["figure", "zero", "all"]
Relation = Literal["current", "previous", "change", "other"]  # other: another year, or uncertain

_SENTENCE_BREAK = "。！？!?\n"
_RIGHT_REACH = 8  # a cue after the figure binds only this close (3件申请, 1件结转下年办理)
_MASK = "\ue001"  # stands in for the content of a quoted name or title when cues are looked for
_ONLY_TIME = re.compile(r"^(?:在|于)?(?:\d{4}\s*年(?:度)?|上年|去年|上一年|上年度|上一年度)(?:全年|同期|期间|内|中|里)?$")
_REQUEST_METRIC_PREFIX = "requests."
_LIST_SEPARATORS = re.compile(r"[、／/（(]|以及|和|及|与|或")
_GROUP_MARKERS = re.compile(r"其中|包括|包含|分别为|分别是|含")
_BREAKDOWN_MARKERS = re.compile(r"其中|包括|包含|分别为|分别是|含")
_MARKER_BEFORE = "，,：:（(；;。\n \u3000"
_COMPARISON_WORDS = re.compile(r"较|比|同比|环比|增长|下降|增加|减少|持平|上升|提高|降低")
_SHORT_HEAD_VERBS = re.compile(r"发布|公开|开展|召开|办理|收到|受理|印发|制发|推送|更新|举办|组织|接待|答复|办结|处理")
_DOC_METRICS = ("rules", "normative", "docs_")
_ASIDE_BEFORE = re.compile(r"^[\s\u3000]*(?:另有|另外|此外|还有|尚有|另)")
_EACH = re.compile(r"各(?:自)?(?:申请|提出申请|提出|提交申请|提交|收到|有)?(?:申请)?$")
_PAREN = re.compile(r"[（(][^（()）]*[）)]")
_REQUEST_NOUN = re.compile(r"申请|依申请")
# how a request arrived: a figure in a clause naming one is a part by route (网上申请5件、信函申请3件)
_ROUTE = re.compile(r"当面|现场|网上|网络|在线|线上|线下|邮寄|信函|书面|传真|电子邮件|邮件|政府网站|网站提交|平台")
# The base of a comparison (较2022年的2件增加2件, 与上年的3件相比): that period's figure, not this year's.
_COMPARISON_BASE = re.compile(
    r"(?:较|比|与|同|和)(?:(?P<prev>上年|去年|上一年)(?:度)?|(?P<year>\d{4})\s*年(?:度)?)(?:同期)?(?:全年)?(?:的)?(?:共|共计|合计)?$"
)


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
    # other readings the words allow (制发并废止规范性文件1件; a part after 其中 when the sentence has
    # several totals): fact ids per reading. The figure is refuted only when no reading holds.
    alternatives: tuple[tuple[str, ...], ...] = ()
    loose: bool = False  # bound by a bare noun (规范性文件3件): a contradiction is only a warning

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
    # the other totals of the sentence the parts may belong to (新收申请6件，另有上年结转1件，其中…),
    # and their sum: the breakdown is wrong only when it fits none of them
    others: tuple[Claim, ...] = ()
    grand: Decimal | None = None
    # 共6235条。其中…: the list opens the next sentence, and may name only some highlights
    across: bool = False
    # the figures after the parts in the list's sentence (已办结24件；另有1件…): a subtotal the parts
    # add up to, or a remainder (`asides`, after 另有/此外) that with the parts makes the total
    after: tuple[Claim, ...] = ()
    asides: tuple[Claim, ...] = ()


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
        self.cue_norm = self._masked()
        self._part_groups: dict[int, list[Claim]] = {}  # id of a part → the totals it may be a part of
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

    def _masked(self) -> str:
        """The text with the content of every quoted name, title or document number blanked out
        (same length): a cue inside 《…规范性文件管理办法》 or “…申请” is no cue."""
        chars = list(self.norm)
        labels = _labels(self.lex)
        for s0, s1 in self._bracket_spans:
            if self.norm[s0 + 1 : s1 - 1] in labels and self.norm[s0] in "“\"'‘「":
                continue  # “予以公开”5件: a quoted result label names the row, it is no title
            for k in range(s0 + 1, s1 - 1):
                chars[k] = _MASK
        return "".join(chars)

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
        if found == {"by_org", "other_org"}:
            found = {"by_org"}  # 法人、其他组织: the group
        if len(found) == 1:
            return found.pop()
        return "total"

    def _has_scope_word(self, window: str) -> bool:
        return any(word in window for word, _ in self.lex.scopes)

    def _last_topic(self, text: str) -> str | None:
        best: tuple[int, int, str] | None = None
        for word, topic in self.lex.rate_topics:
            i = text.rfind(word)
            if i >= 0:
                key = (i + len(word), len(word), topic)
                if best is None or key[:2] > best[:2]:
                    best = key
        return best[2] if best else None

    def _topic_at(self, pos: int) -> str | None:
        """The topic named last before `pos` in its sentence (人大代表建议和政协提案办结率 → other;
        依申请公开办结率 → requests); with none there, the one named last in the sentence before,
        when it is in the same paragraph."""
        sent = _index(self.sentences, pos)
        s0, _ = self.sentences[sent]
        topic = self._last_topic(self.norm[s0:pos])
        if topic is None and sent > 0:
            p0, p1 = self.sentences[sent - 1]
            if self.norm[p1 - 1] != "\n":
                topic = self._last_topic(self.norm[p0:p1])
        return topic

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
                if self.lex.negation_contrast.search(self.norm, start + 1, end):
                    continue  # 未收到法人的申请但… / 无…其中…: the negation does not reach across
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
                    ids = _ids(metric, scope)
                    if key == "litigation":
                        ids = ids[:1]  # no suit at all (未被提起行政诉讼): neither direct nor after a review
                    out.append(
                        Claim(
                            kind="zero", metric=key, ids=ids, value=Decimal(0), low=Decimal(0),
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
                if pattern.topic and self._topic_at(start) not in (pattern.topic, None):
                    continue
                c0, c1 = self.clauses[_index(self.clauses, start)]
                # a parenthetical aside (29件申请（含上年结转1件）均已办结) does not narrow the claim
                if pattern.unless and pattern.unless.search(_PAREN.sub("", self.norm[c0:c1])):
                    continue
                if pattern.contrast and pattern.contrast.search(self.norm[end:s1]):
                    continue  # 均已办结，但有1件结转下年: taken back in the same sentence
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
        bound: dict[int, list[Claim]] = {}
        for i, m in enumerate(numbers):
            for c in self._figure(numbers, i, m, bound):
                out.append(c)
                if c.metric is not None:
                    bound.setdefault(c.sentence, []).append(c)
        out += self._flat_claims(bound)
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

    def _activity(self, m: NumberMatch, c0: int) -> bool:
        """开展培训两次, 召开专题会议3次, 组织评查3批: a count of activities (an activity unit after an
        action word in the clause), which no table figure counts. 收到申请3次 has no such word."""
        if m.unit not in self.lex.activity_units:
            return False
        text = self.cue_norm[c0 : m.start]
        for word, _ in self.lex.scopes:  # 其他组织 is no 组织
            text = text.replace(word, "\x01")
        return bool(self.lex.activity_words.search(text))

    def _time_in(self, text: str) -> Relation | None:
        """The period the last time word of `text` names: 本年度 → current, 上年/去年 → previous,
        a year → current, previous (the year before the report year) or other."""
        found: list[tuple[int, int, Relation]] = []  # end, rank (the more specific wins a tie: 上年全年), period
        found += [(mt.end(), 0, "current") for mt in self.lex.current_time.finditer(text)]
        found += [(mt.end(), 1, "previous") for mt in self.lex.previous.finditer(text)]
        if self.year is not None:
            for mt in self.lex.year_mention.finditer(text):
                y = int(mt.group(1))
                found.append((mt.end(), 2, "current" if y == self.year else "previous" if y == self.year - 1 else "other"))
        return max(found)[2] if found else None

    def _relation(self, pos: int, c0: int, s0: int, left: str) -> Relation:
        """Whether a figure is this year's, last year's, a change on last year or of another
        (or an uncertain) period. A comparison before it in its clause makes a change (较上年增加3件,
        比上年多收到申请2件); else the last time word before it in its clause decides; else the last
        one in an earlier clause of the sentence: 本年度 → this year; a clause that is only a time
        (2022年，/ 去年，) → that year; any other (自去年以来，累计收到…) → uncertain, never checked;
        上年 qualifying a report or a problem (上年度报告中指出的问题已整改，…) is no time."""
        lex = self.lex
        clause_left = self.cue_norm[c0:pos]
        base = _COMPARISON_BASE.search(clause_left)
        if base is not None:
            # 较2022年的2件增加2件: the figure compared with, of that year
            if base.group("prev") or (self.year is not None and int(base.group("year")) == self.year - 1):
                return "previous"
            return "other"
        if lex.comparison.search(left) or lex.comparison_in_clause.search(clause_left):
            return "change"
        when = self._time_in(clause_left)
        if when is not None:
            return when
        k = _index(self.clauses, c0)
        while k > 0 and self.clauses[k - 1][0] >= s0:
            k -= 1
            a, b = self.clauses[k]
            text = self.cue_norm[a:b]
            when = self._time_in(text)
            if when == "previous" and self.lex.previous_not_time.search(text):
                continue  # 上年度报告中指出的问题已整改，…: no time for the figures
            if when is None or when == "current":
                if when == "current":
                    return "current"
                continue
            whole = text.strip(" \u3000，,；;")
            return "previous" if when == "previous" and _ONLY_TIME.match(whole) else "other"
        return "current"

    def _figure(self, numbers: list[NumberMatch], i: int, m: NumberMatch, bound: dict[int, list[Claim]]) -> list[Claim]:
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
        cue_text = self.cue_norm
        ctx = cue_text[win_start : m.start] + SENTINEL * (m.end - m.start) + cue_text[m.end : right_end]
        n0, n1 = m.start - win_start, m.end - win_start
        left = norm[win_start : m.start]
        s0, s1 = self.sentences[sent]
        sentence = cue_text[s0:s1]
        relation = self._relation(m.start, c0, s0, left)
        base = dict(
            kind="figure", value=m.value, low=m.low, high=m.high, unit=m.unit, unit_class=unit_class,
            percent=m.percent, decimals=_decimals(m), approx=m.approx, chinese=m.chinese, relation=relation,
            sentence=sent, number_span=(m.start, m.end),
        )

        def unbound() -> list[Claim]:
            q0, total = self._extend_total(m.start, win_start)
            return [Claim(metric=None, ids=(), start=q0, end=m.end, quote=self._quote(q0, m.end), total=total, **base)]  # type: ignore[arg-type]

        if self._activity(m, c0):
            return unbound()
        in_sentence = bound.get(sent, [])
        current = [c for c in in_sentence if c.relation == "current"]
        previous = current[-1] if current else None
        cues = self._cues(ctx, n0, n1, unit_class, sentence, m.start)
        # 2022年收到申请5件，今年减少3件: the change of last year's figure just before it
        changed = next((c for c in reversed(in_sentence) if c.relation in ("current", "previous")), None)
        if (
            relation == "change" and not cues and changed is not None and changed.unit_class == unit_class and not m.percent
            and i > 0 and changed.number_span == (numbers[i - 1].start, numbers[i - 1].end)
        ):
            previous = changed
            # 新收申请6件，较上年增加3件: the change of the figure just before it
            q0 = win_start
            while q0 < m.start and norm[q0] in "，,、；;（( \u3000":
                q0 += 1
            return [Claim(metric=previous.metric, ids=previous.ids, start=q0, end=m.end, quote=self._quote(q0, m.end),
                          scope=previous.scope, **base)]  # type: ignore[arg-type]

        prefix = cue_text[s0:win_start]
        groups = self._groups(current, m.start)
        if not groups and not cues and previous is not None and self._has_scope_word(left):
            # 其中自然人6件、法人或其他组织1件: the next scoped part of the same list
            groups = self._part_groups.get(id(previous), [])
        readings = [r for r in (self._reading(cues, g, g, left, sentence, unit_class, prefix, m.start) for g in groups) if r]
        if not groups:
            reading = self._reading(cues, None, previous, left, sentence, unit_class, prefix, m.start)
            readings = [reading] if reading else []
        if not readings:
            return unbound()
        kept, inherited = readings[0]
        others = tuple(ids for ids in (self._reading_ids(r, ctx, n0, left, sentence) for r in readings[1:]) if ids)
        made = self._claims_for(kept, inherited, others, ctx=ctx, n0=n0, n1=n1, left=left, sentence=sentence,
                                win_start=win_start, m=m, base=base)
        if groups:
            for c in made:
                self._part_groups[id(c)] = groups
        return made

    def _claims_for(
        self, kept: list[_Cue], inherited: tuple[Metric, tuple[str, ...]] | None, others: tuple[tuple[str, ...], ...], *,
        ctx: str, n0: int, n1: int, left: str, sentence: str, win_start: int, m: NumberMatch, base: dict[str, object],
    ) -> list[Claim]:
        """The claims of one figure bound by `kept` cues (or `inherited`), with the ids of the other
        readings of the sentence (`others`) and those of the other cues around it."""
        norm = self.norm
        if inherited is not None:
            metric, extra_ids = inherited
            scope = self._scope(left) if metric.scoped else "total"
            ids = self._metric_ids(metric, scope, sentence)
            ids = ids + tuple(x.replace("$col", scope) for x in extra_ids if x.replace("$col", scope) not in ids)
            q0 = win_start
            while q0 < m.start and norm[q0] in "，,、；;（( \u3000":
                q0 += 1
            q0, total = self._extend_total(q0, win_start)
            return [Claim(metric=metric.key, ids=ids, start=q0, end=m.end, quote=self._quote(q0, m.end), scope=scope, total=total,
                          alternatives=others, loose=metric.loose, **base)]  # type: ignore[arg-type]

        chosen = [kept[0]]
        if self.lex.each_words.search(left):  # 行政复议和行政诉讼均为0件: every metric named before
            chosen = _distinct_left(kept)
        else:
            others += tuple(self._cue_ids(c, ctx, n0, sentence) for c in _other_cues(kept, kept[0]))
        out: list[Claim] = []
        for cue in chosen:
            metric = cue.metric
            scope = self._cue_scope(cue, ctx, n0)
            q0 = win_start + min(cue.start, n0)
            q1 = win_start + max(cue.end, n1)
            q0, total = self._extend_total(q0, win_start)
            if len(chosen) > 1:
                q0 = win_start + min(c.start for c in chosen)
            out.append(
                Claim(metric=metric.key, ids=self._metric_ids(metric, scope, sentence), start=q0, end=q1, quote=self._quote(q0, q1),
                      scope=scope, total=total or self._total_before(left), alternatives=others if len(chosen) == 1 else (),
                      loose=metric.loose, **base)  # type: ignore[arg-type]
            )
        return out

    def _metric_ids(self, metric: Metric, scope: str, sentence: str) -> tuple[str, ...]:
        """The fact ids of a metric with the applicant scope applied; a combined figure first when
        the sentence names what it combines (复议、诉讼中被纠错共3件)."""
        ids = _ids(metric, scope)
        if metric.combined and metric.combined_when is not None and metric.combined_when.search(sentence):
            return metric.combined + tuple(i for i in ids if i not in metric.combined)
        return ids

    def _cue_scope(self, cue: _Cue, ctx: str, n0: int) -> str:
        if not cue.metric.scoped:
            return "total"
        return self._scope(ctx[: max(n0, cue.end if cue.where != 2 else n0)].replace(SENTINEL, ""))

    def _cue_ids(self, cue: _Cue, ctx: str, n0: int, sentence: str) -> tuple[str, ...]:
        return self._metric_ids(cue.metric, self._cue_scope(cue, ctx, n0), sentence)

    def _reading(
        self, cues: list[_Cue], group: Claim | None, previous: Claim | None, left: str, sentence: str, unit_class: str,
        prefix: str, pos: int,
    ) -> tuple[list[_Cue], tuple[Metric, tuple[str, ...]] | None] | None:
        """How a figure binds as a part of `group` (or, with no group, on its own): the cues left,
        or the metric it inherits from `previous`; None when it binds to nothing."""
        kept = self._within_group(cues, group, left) if group is not None else cues
        if kept:
            return kept, None
        inherited = self._inherit(left, sentence, previous, unit_class, prefix, pos)
        return ([], inherited) if inherited is not None else None

    def _reading_ids(
        self, reading: tuple[list[_Cue], tuple[Metric, tuple[str, ...]] | None], ctx: str, n0: int, left: str, sentence: str
    ) -> tuple[str, ...]:
        kept, inherited = reading
        if inherited is not None:
            metric, extra = inherited
            scope = self._scope(left) if metric.scoped else "total"
            ids = self._metric_ids(metric, scope, sentence)
            return ids + tuple(x.replace("$col", scope) for x in extra if x.replace("$col", scope) not in ids)
        return self._cue_ids(kept[0], ctx, n0, sentence) if kept else ()

    def _flat_claims(self, bound: dict[int, list[Claim]]) -> list[Claim]:
        """新收申请6件，与上年持平: a change of 0 on the figure just before."""
        out: list[Claim] = []
        for mt in self.lex.flat.finditer(self.cue_norm):
            sent = _index(self.sentences, mt.start())
            before = [c for c in bound.get(sent, []) if c.relation == "current" and c.number_span and c.number_span[1] <= mt.start()]
            if not before:
                continue
            c = before[-1]
            assert c.number_span is not None
            if self.norm[c.number_span[1] : mt.start()].strip("，, \u3000"):
                continue
            out.append(Claim(
                kind="figure", metric=c.metric, ids=c.ids, value=Decimal(0), low=Decimal(0), high=Decimal(0),
                start=c.start, end=mt.end(), quote=self._quote(c.start, mt.end()), unit=c.unit, unit_class=c.unit_class,
                scope=c.scope, relation="change", sentence=sent,
            ))
        return out

    def _total_before(self, left: str) -> bool:
        return any(marker in left[-12:] for marker in self.lex.total_markers)

    def _is_aside(self, claim: Claim, main: Claim) -> bool:
        """另有上年结转申请2件 / 此外，上年结转1件 / 加上上年结转1件 after `main`: a total beside the
        main one."""
        assert claim.number_span is not None and main.number_span is not None
        return bool(self.lex.aside.search(self.cue_norm[main.number_span[1] : claim.number_span[0]]))

    def _groups(self, current: list[Claim], pos: int) -> list[Claim]:
        """The totals a figure after 其中 may be a part of, the likeliest first. A figure is a part
        when a breakdown marker stands between it and the figure bound last before it in the
        sentence (无法提供13件（其中…10件）); a closed parenthesis ends the group. That figure is the
        likeliest total, unless it is an aside (新收申请36件，另有上年结转申请2件，其中法人…8件): then
        the total before the aside is. The other totals of the sentence follow, nearest first."""
        if not current or self._group(current[-1], pos) is None:
            return []
        unit = current[-1].unit_class
        order = [c for c in reversed(current) if c.unit_class == unit and not c.percent]
        if len(order) > 1 and self._is_aside(order[0], order[1]):
            order[0], order[1] = order[1], order[0]
        return order

    def _group(self, previous: Claim | None, pos: int) -> Claim | None:
        """The group total a figure is a part of: the figure before it in the sentence when a
        breakdown marker stands between them (无法提供13件（其中…10件）), else None. A closed
        parenthesis ends the group."""
        if previous is None or previous.metric is None or previous.number_span is None:
            return None
        region = self.norm[previous.number_span[1] : pos]
        marks = list(_GROUP_MARKERS.finditer(region))
        if not marks:
            return None
        mk = marks[-1]
        head = region[: mk.start()].rstrip(" \u3000")
        if head.endswith(("（", "(")) and ("）" in region[mk.end() :] or ")" in region[mk.end() :]):
            return None
        return previous

    def _within_group(self, cues: list[_Cue], group: Claim, left: str) -> list[_Cue]:
        """A figure after 其中 is a part of its group: it binds to a sub-item of the group's
        metric, to the group's own row only with an applicant scope (其中自然人5件), else to
        nothing."""
        assert group.metric is not None
        metric = self.lex.metrics[group.metric]
        allowed = set(metric.parts)
        kept = [c for c in cues if c.metric.key in allowed]
        if kept:
            return kept
        if metric.scoped and self._has_scope_word(left):
            return [c for c in cues if c.metric.key == metric.key][:1]
        return []

    def _cues(self, ctx: str, n0: int, n1: int, unit_class: str, sentence: str, pos: int) -> list[_Cue]:
        found: list[_Cue] = []
        chars = set(ctx)
        topic: str | None | bool = False  # not looked up yet
        for metric in self.metrics:
            if metric.unit != unit_class:
                continue
            if not (self._first_chars[metric.key] & chars):
                continue
            if metric.context is not None and not metric.context.search(sentence):
                continue
            if metric.topic is not None:
                if topic is False:
                    topic = self._topic_at(pos)
                if topic != metric.topic:
                    continue
            for phrase in metric.phrases:
                for mt in phrase.regex.finditer(ctx):
                    s, e = mt.span()
                    if e <= n0:
                        where, distance, between = 1, n0 - e, ctx[s:n0]
                        if _MASK in ctx[e:n0]:
                            continue  # 收到“…的申请”1件: the figure counts what the quoted name names
                    elif s < n0 and e >= n1 or (s <= n0 and e > n1):
                        if _LIST_SEPARATORS.search(ctx[n1:e]):
                            continue  # 规范性文件2件、废止1件: the words after 、 belong to the next item
                        where, distance, between = 0, 0, mt.group()
                    elif s >= n1:
                        where, distance, between = 2, s - n1, ctx[n1:e]
                        if distance > _RIGHT_REACH or _LIST_SEPARATORS.search(ctx[n1:s]) or _MASK in ctx[n1:s]:
                            continue
                    else:
                        continue
                    if any(b in between for b in metric.blockers):
                        continue
                    if "热线" in metric.blockers and where != 0 and not _REQUEST_NOUN.search(mt.group()) and self._other_topic(metric, pos):
                        continue  # 县长热线受理来电17件，办结17件: a bare verb counts what the sentence speaks of
                    found.append(_Cue(metric, s, e, where, distance))
        found.sort(key=lambda c: (c.where, c.distance, -(c.end - c.start)))
        return found

    def _other_topic(self, metric: Metric, pos: int) -> bool:
        """Whether the sentence, up to the figure, last named another thing than requests (热线, 来信,
        建议提案 …), or the figure's clause names a route (网上, 邮寄 …): a part by route, not a count of the table."""
        s0 = self.sentences[_index(self.sentences, pos)][0]
        head = self.cue_norm[s0:pos]
        last_request = max((mt.end() for mt in _REQUEST_NOUN.finditer(head)), default=-1)
        last_other = max((head.rfind(b) for b in metric.blockers), default=-1)
        if last_other > last_request or last_request < 0 and last_other >= 0:
            return True
        c0 = self.clauses[_index(self.clauses, pos)][0]
        return _ROUTE.search(self.cue_norm[c0:pos]) is not None

    def _inherit(
        self, left: str, sentence: str, previous: Claim | None, unit_class: str, prefix: str = "", pos: int = 0
    ) -> tuple[Metric, tuple[str, ...]] | None:
        """A figure with no cue: 其中自然人2件 takes the row of the figure before it;
        共计N件 after 加上上年结转 may count the carried-over requests too."""
        lex = self.lex
        stripped = left.lstrip("，,、；;（( \u3000")
        has_scope = self._has_scope_word(left)
        starts_total = any(stripped.startswith(mk) for mk in lex.total_markers)
        if previous is not None and previous.metric is not None and previous.unit_class == unit_class:
            metric = lex.metrics[previous.metric]
            if any(b in left for b in metric.blockers):
                return None  # 收到申请6件，受理群众来电1265件: the figure counts another thing
            if has_scope and metric.scoped:
                # 加上上年结转1件，共计7件，其中自然人6件: a part of the total with the carried-over requests
                both = any(i.startswith("requests.received_all.") for i in previous.ids)
                return metric, ("requests.received_all.$col",) if both else ()
            if starts_total and any(i.startswith(_REQUEST_METRIC_PREFIX) for i in metric.ids):
                return metric, ("requests.received_all.total",)
        if (has_scope and unit_class == "count" and ("申请" in left or "申请" in sentence)
                and not any(b in left for b in lex.metrics["new_received"].blockers)):
            return lex.metrics["new_received"], ()
        if starts_total and previous is None and prefix:
            cues = [c for c in self._cues(prefix + SENTINEL, len(prefix), len(prefix) + 1, unit_class, sentence, pos) if c.where == 1]
            if cues:
                extra = ("requests.received_all.total",) if any(i.startswith(_REQUEST_METRIC_PREFIX) for i in cues[0].metric.ids) else ()
                return cues[0].metric, extra
        return None

    # ------------------------------------------------------------------ breakdowns
    def breakdowns(self, figures: list[Claim]) -> list[Breakdown]:
        """Totals with their parts: 共N条，其中A M条、B K条 (其中 also after a comparison, at the
        start of the next sentence, or in parentheses; 包括, 分别为, 含; parts separated by 、，
        and, after 其中：, ；), and parts followed by their total (A M条、B K条，共计N条)."""
        figs = sorted((c for c in figures if c.number_span is not None), key=lambda c: c.number_span or (0, 0))
        out: list[Breakdown] = []
        seen: set[int] = set()
        for mk in _BREAKDOWN_MARKERS.finditer(self.norm):
            bd = self._marked_breakdown(figs, mk)
            if bd is not None and bd.total.start not in seen:
                seen.add(bd.total.start)
                out.append(bd)
        for bd in self._trailing_totals(figs):
            if bd.total.start not in seen:
                seen.add(bd.total.start)
                out.append(bd)
        out.sort(key=lambda b: b.start)
        return out

    def _marked_breakdown(self, figs: list[Claim], mk: re.Match[str]) -> Breakdown | None:
        norm = self.norm
        p, q = mk.span()
        marker = mk.group()
        before = norm[p - 1] if p > 0 else "\n"
        if before not in _MARKER_BEFORE:
            return None
        sent = _index(self.sentences, p)
        s0, s1 = self.sentences[sent]
        floor = s0
        if not norm[s0:p].strip(" \u3000") and sent > 0 and marker == "其中":
            p0, p1 = self.sentences[sent - 1]
            if norm[p1 - 1] != "\n":
                floor = p0  # 共6235条。其中政策文件…: the total ends the sentence before
        earlier = [c for c in figs if floor <= c.number_span[0] and c.number_span[1] <= p]  # type: ignore[index]
        total: Claim | None = None
        for c in reversed(earlier[-3:]):
            if c.relation == "change" or c.percent:
                continue  # 共N条，较上年增长12%，其中…: skip the comparison
            total = c
            break
        if total is not None and total.value == 0 and floor < s0:
            # 答复申请合计13件，撤回申请0件。其中，予以公开3件…: nothing is made of none
            total = next((c for c in reversed(earlier) if c.value > 0 and c.relation == "current" and not c.percent
                          and c.unit_class == total.unit_class), total)
        if total is None or total.unit_class not in ("count", "money") or total.number_span is None:
            return None
        gap = norm[total.number_span[1] : p]
        skipped = [c for c in earlier if c.number_span[0] >= total.number_span[1]]  # type: ignore[index]
        if skipped:
            if any(not _COMPARISON_WORDS.search(cl) for cl in re.split(r"[，,]", gap) if cl.strip("。 \u3000")):
                return None
        elif len(gap.strip(" \u3000")) > 2 or any(ch not in _MARKER_BEFORE for ch in gap):
            return None
        paren = any(ch in "（(" for ch in gap) or before in "（("
        colon = norm[q : q + 1] in "：:"
        totals = [c for c in earlier if c.relation == "current" and not c.percent and c.unit_class == total.unit_class]
        others = [c for c in totals if c is not total]
        parts: list[Claim] = []
        prev_end = q
        for part in figs:
            assert part.number_span is not None
            if part.number_span[0] < q:
                continue
            if part.sentence != sent:
                break
            between = norm[prev_end : part.number_span[0]]
            depth = 0
            closed = False
            for ch in norm[q : part.number_span[0]]:
                if ch in "（(":
                    depth += 1
                elif ch in "）)":
                    depth -= 1
                    if depth < 0:
                        closed = True
                        break
            if closed and paren:
                break  # the parenthesis of the breakdown is closed
            if depth > 0:
                continue  # 无法提供3件（其中…2件）: a part of a part
            if ";" in between or "；" in between:
                head = re.split(r"[；;]", between)[-1]
                if not colon and (len(head) > 12 or _SHORT_HEAD_VERBS.search(head) or part.unit != total.unit):
                    break
            clause_head = re.split(r"[，,、；;：:]", between)[-1].lstrip("（( ")
            if parts and any(clause_head.startswith(w) for w in self.lex.breakdown_stops):
                break
            if part.relation == "change":
                continue
            if part.unit_class != total.unit_class or part.relation != "current":
                break
            if _family(part.unit) != _family(total.unit):
                break  # 发布信息3916条，其中…，网站访问量265万次: visits are no part of the items
            if parts and "其中" in between:
                break  # 96条，其中网站58条，其中包括…: the second 其中 lists the part's own parts
            if parts and _dimension(parts[0], total) != _dimension(part, total):
                break  # 9件，其中自然人7件、法人2件，予以公开3件…: by applicant, then by outcome: two lists
            if total.metric is not None and part.metric is not None and not any(
                self._admits(t, part.metric) for t in (total, *(o for o in others if o.metric is not None))
            ):
                break  # 行政复议2件，其中纠正1件，被提起行政诉讼2件: the suit is no part
            parts.append(part)
            prev_end = part.number_span[1]
        if not parts:
            return None
        main = max((o for o in others if o.number_span[1] <= total.start), key=lambda o: o.start, default=None)  # type: ignore[index]
        if main is not None and self._is_aside(total, main):
            # 新收申请6件，此外上年结转1件，其中…: the parts are named against the main total
            others = [total if o is main else o for o in others]
            total = main
        open_ = self._open_tail(prev_end, s1)
        if marker in ("含", "包含"):
            metrics = [c.metric for c in (total, *parts) if c.metric]
            if len(parts) < 2 or any(k.startswith(_DOC_METRICS) for k in metrics):
                open_ = True  # 规章5件（含新制定2件，废止1件）: a stock and its changes
        start, end = total.start, prev_end
        grand = sum((c.value for c in totals), Decimal(0)) if len(totals) > 1 else None
        after = [c for c in figs if c.sentence == sent and c.number_span is not None and c.number_span[0] >= prev_end
                 and c.relation == "current" and not c.percent and c.unit_class == total.unit_class]
        asides = [c for c in after if _ASIDE_BEFORE.search(norm[self.clauses[_index(self.clauses, c.start)][0] : c.number_span[0]])]  # type: ignore[index]
        return Breakdown(total, tuple(parts), open_, start, end, self._quote(start, end), tuple(others), grand,
                         across=floor < s0, after=tuple(after), asides=tuple(asides))

    def distribute(self, figures: list[Claim]) -> list[Claim]:
        """法律服务机构和其他组织各申请1件: one figure for each applicant column named before 各,
        each bound to its own column; a breakdown counts each of them."""
        out: list[Claim] = []
        for c in figures:
            cols = self._each_columns(c)
            if not cols:
                out.append(c)
                continue
            metric = self.lex.metrics[c.metric]  # type: ignore[index]
            out.extend(replace(c, ids=_ids(metric, col), scope=col) for col in cols)
        return out

    def _each_columns(self, c: Claim) -> list[str]:
        if c.metric is None or c.number_span is None or c.scope != "total" or not self.lex.metrics[c.metric].scoped:
            return []
        c0 = self.clauses[_index(self.clauses, c.number_span[0])][0]
        left = self.norm[c0 : c.number_span[0]]
        m = _EACH.search(left)
        if m is None:
            return []
        cols: list[str] = []
        rest = left[: m.start()]
        for word, col in self.lex.scopes:
            if word in rest:
                rest = rest.replace(word, "\x01" * len(word))
                if col not in cols:
                    cols.append(col)
        if "by_org" in cols and len(cols) > 1:
            return []  # 法人或其他组织和…各: a group and its part
        return cols if len(cols) >= 2 else []

    def _admits(self, total: Claim, part: str) -> bool:
        assert total.metric is not None
        return part == total.metric or part in self.lex.metrics[total.metric].parts

    def _open_tail(self, pos: int, limit: int) -> bool:
        """Whether the list left off at `pos` is open: 等, 其他 … before the next figure or the
        end of the sentence."""
        end = pos
        while end < limit and end - pos < 20 and self.norm[end] not in "。；;\n" and not self.norm[end].isdigit():
            end += 1
        tail = self.norm[pos:end]
        return any(w in tail for w in self.lex.open_list_markers)

    def _trailing_totals(self, figs: list[Claim]) -> list[Breakdown]:
        """A M条、B K条，共计N条: the parts first, the total closing the sentence's list."""
        out: list[Breakdown] = []
        norm = self.norm
        for k, total in enumerate(figs):
            if k < 2 or total.number_span is None or total.unit_class not in ("count", "money") or total.approx:
                continue
            c0 = self.clauses[_index(self.clauses, total.number_span[0])][0]
            lead = norm[c0 : total.number_span[0]].lstrip(" \u3000")
            if not any(lead.startswith(mk) for mk in ("共计", "合计", "总计", "共", "累计", "一共", "总共")) or len(lead) > 8:
                continue
            if c0 == 0 or norm[c0 - 1] not in "，,":
                continue
            s0 = self.sentences[total.sentence][0]
            parts = [c for c in figs[:k] if c.sentence == total.sentence]
            if len(parts) < 2:
                continue
            span = norm[s0 : c0]
            if "；" in span or ";" in span:
                continue
            if any(c.unit != total.unit or c.relation != "current" or c.approx or c.percent for c in parts):
                continue
            if total.metric is not None and any(
                c.metric is not None and c.metric != total.metric and c.metric not in self.lex.metrics[total.metric].parts for c in parts
            ):
                continue
            if total.metric is None and any(c.metric is not None for c in parts):
                continue
            between = norm[parts[-1].number_span[1] : c0]  # type: ignore[index]
            open_ = any(w in between for w in self.lex.open_list_markers)
            start, end = self.clauses[_index(self.clauses, parts[0].start)][0], total.end
            while start < parts[0].start and norm[start] in " \u3000":
                start += 1
            out.append(Breakdown(total, tuple(parts), open_, start, end, self._quote(start, end)))
        return out


_UNIT_FAMILIES = {
    **dict.fromkeys("件 条 篇 份 个 项 部 册 本 封 宗 例 起 笔 批 套 张".split(), "items"),
    **dict.fromkeys("类 种".split(), "kinds"),
    **dict.fromkeys("次 场 期 人次 轮 场次 期次 轮次 件次 条次".split(), "events"),
    **dict.fromkeys("人 名 位 户 家".split(), "people"),
}


def _family(unit: str | None) -> str | None:
    """items, events or people: a list mixes 条 and 篇 (documents), never 条 and 次 (visits)."""
    return _UNIT_FAMILIES.get(unit or "", "items")


def _dimension(part: Claim, total: Claim) -> str:
    """What a part divides its total by: applicant scope (the total's own row) or another row."""
    return "scope" if part.scope != "total" and (part.metric == total.metric or part.metric is None) else "row"


@lru_cache(maxsize=4)
def _label_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrases)


def _labels(lex: Lexicon) -> frozenset[str]:
    """Plain cue phrases of the 表三 result rows (予以公开, 部分公开, 无法提供 …): quoted, they label a row."""
    keys = ("granted", "partially_granted", "denied", "unable", "not_processed", "other_handling")
    phrases = tuple(p.text for k in keys if k in lex.metrics for p in lex.metrics[k].phrases
                    if "…" not in p.text and not p.text.startswith("re:"))
    return _label_set(phrases)


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
    # 其他组织 alone: the 其他 column or the whole 法人或其他组织 group
    cols = ("other_org", "by_org") if scope == "other_org" else (scope,)
    for col in cols:
        for template in metric.ids:
            if "$col" in template:
                fid = template.replace("$col", col if metric.scoped else "total")
            else:
                fid = template
            if fid not in out:
                out.append(fid)
    return tuple(out)


def _other_cues(cues: list[_Cue], chosen: _Cue) -> list[_Cue]:
    """The other readings the words before or after a figure allow (制发并废止规范性文件1件: 废止 as
    well as 制发): the longest cue at each other place, of a metric that is not a looser reading
    of the same words (规范性文件 in 制发规范性文件)."""
    longest: dict[int, _Cue] = {}
    for c in cues:
        if c.start == chosen.start or c.metric.key == chosen.metric.key or set(c.metric.ids) >= set(chosen.metric.ids):
            continue
        if c.start not in longest or c.end - c.start > longest[c.start].end - longest[c.start].start:
            longest[c.start] = c
    return list(longest.values())


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
    figures = ex.distribute(ex.figures(numbers))
    result.claims.extend(figures)
    result.claims.sort(key=lambda c: (c.start, c.end))
    result.breakdowns = ex.breakdowns(figures)
    return result


__all__ = ["Breakdown", "Claim", "Extraction", "extract_claims"]
