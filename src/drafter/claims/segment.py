"""Pass 1 of claim extraction: sentences, clauses, quoted names masked, and the helpers every
later pass reads the text through (scope words, the topic named last, total markers, asides)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import CLAUSE_BREAK, UNIT_CLASSES, Lexicon, Metric
from ..numbers import NumberMatch
from .model import Claim

SENTENCE_BREAK = "。！？!?\n"
_RIGHT_REACH = 8  # a cue after the figure binds only this close (3件申请, 1件结转下年办理)
MASK = "\ue001"  # stands in for the content of a quoted name or title when cues are looked for
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


def split_spans(text: str, breaks: str) -> list[tuple[int, int]]:
    """Spans of the pieces of `text` that end at one of `breaks` (the break kept with its piece)."""
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


def quoted_spans(norm: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of quoted names, titles and document numbers (《…》, “…”, 〔2021〕…), brackets included."""
    out: list[tuple[int, int]] = []
    for pair in lex.quote_brackets:
        open_, close = pair[0], pair[1]
        for mt in re.finditer(re.escape(open_) + r"[^" + re.escape(close) + r"\n]{0,80}" + re.escape(close), norm):
            out.append(mt.span())
    return out


def masked(norm: str, spans: list[tuple[int, int]]) -> str:
    """`norm` with the inside of each span replaced by MASK (same length)."""
    chars = list(norm)
    for s0, s1 in spans:
        for k in range(s0 + 1, s1 - 1):
            chars[k] = MASK
    return "".join(chars)


@lru_cache(maxsize=4)
def _label_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrases)


def _labels(lex: Lexicon) -> frozenset[str]:
    """Plain cue phrases of the 表三 result rows (予以公开, 部分公开, 无法提供 …): quoted, they label a row."""
    keys = ("granted", "partially_granted", "denied", "unable", "not_processed", "other_handling")
    phrases = []
    for k in keys:
        for p in lex.metrics[k].phrases if k in lex.metrics else ():
            text = re.sub(r"\(\?<?[!=][^)]*\)", "", p.text[3:]) if p.text.startswith("re:") else p.text
            if "…" not in text and re.fullmatch(r"[\u4e00-\u9fff]+", text):
                phrases.append(text)  # re:(?<!不)同意公开 labels the row as 同意公开 does
    return _label_set(tuple(phrases))


@lru_cache(maxsize=512)
def _first_chars(metric: Metric) -> frozenset[str]:
    chars: set[str] = set()
    for phrase in metric.phrases:
        text = phrase.text[3:] if phrase.text.startswith("re:") else phrase.text
        lits = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
        if lits:
            chars.update(lits[:1] if not phrase.text.startswith("re:") else lits)
    return frozenset(chars)


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


# words that carry this year's requests into the next: 结转至 / 转入 / 延至 …
_INTO = r"(?:结转|转|延期|顺延|延)(?:至|到|入)"


class _Base:
    def __init__(self, text: str, format_id: str, year: int | None, lex: Lexicon):
        self.text = text
        self.norm = lex.normalize(text)
        self.lex = lex
        self.format_id = format_id
        self.year = year
        self.sentences = split_spans(self.norm, SENTENCE_BREAK)
        self.clauses = split_spans(self.norm, CLAUSE_BREAK)
        self.metrics = [m for m in lex.metrics.values() if not m.formats or format_id in m.formats]
        self._first_chars = {m.key: _first_chars(m) for m in self.metrics}
        self.future = [self._is_future(s, e) for s, e in self.sentences]
        self.blocked: list[tuple[int, int]] = []
        self._bracket_spans = self._brackets()
        self.cue_norm = self._masked()
        self._part_groups: dict[int, list[Claim]] = {}  # id of a part → the totals it may be a part of
        self._not_claim_spans = [mt.span() for mt in lex.not_claims.finditer(self.norm)]

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
        return quoted_spans(self.norm, self.lex)

    def _masked(self) -> str:
        """The text with the content of every quoted name, title or document number blanked out
        (same length): a cue inside 《…规范性文件管理办法》 or “…申请” is no cue. A quoted result label
        (“予以公开”5件) names the row: it is no title, and stays."""
        labels = _labels(self.lex)
        out = masked(self.norm, [(s0, s1) for s0, s1 in self._bracket_spans
                                 if not (self.norm[s0 + 1 : s1 - 1] in labels and self.norm[s0] in "“\"'‘「")])
        if self.year is not None:
            # 结转到2025年办理7件 in the 2024 report: the next year named by its number reads as 下一个年度
            # (same length), so the carry-forward cue holds and the year is no period of the figure
            out = re.sub(rf"({_INTO}){self.year + 1}年", lambda m: m.group(1) + "下一个年度", out)
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

    def _total_before(self, left: str) -> bool:
        return any(marker in left[-12:] for marker in self.lex.total_markers)

    def _is_aside(self, claim: Claim, main: Claim) -> bool:
        """另有上年结转申请2件 / 此外，上年结转1件 / 加上上年结转1件 after `main`: a total beside the
        main one."""
        assert claim.number_span is not None and main.number_span is not None
        return bool(self.lex.aside.search(self.cue_norm[main.number_span[1] : claim.number_span[0]]))
