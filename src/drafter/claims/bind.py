"""Pass 3: each figure bound to the metric its cues name, with its period (this year, last
year, a change), its scope and every other reading the words allow."""

from __future__ import annotations

import re
from decimal import Decimal

from ..lexicon import SENTINEL, Metric
from ..numbers import NumberMatch
from .cues import _Cue, _Cues, _distinct_left, _other_cues
from .model import Claim, Relation
from .segment import _COMPARISON_BASE, _GROUP_MARKERS, _ONLY_TIME, _decimals, _index, _unit_class

_XIANGBI_AFTER = re.compile(r"^[^，,。；;]{0,6}?(?:相比|相较|比较)")
_ASIDE = re.compile(r"[（(][^（）()]*[)）]")
_WITH_YEAR = re.compile(r"(?:与|同|和)(?:(?P<prev>上年|去年|上一年)(?:度)?|(?P<year>\d{4})\s*年(?:度)?)(?=[^，,。；;]{0,16}$)")


class _Figures(_Cues):
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
        base = _COMPARISON_BASE.search(clause_left) or self._base_before_xiangbi(clause_left, pos)
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
            text = _ASIDE.sub("", self.cue_norm[a:b])  # 共办结149件（含2022年结转的4件），其中…: an aside sets no time
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

    def _base_before_xiangbi(self, clause_left: str, pos: int) -> re.Match[str] | None:
        """与2020年政府信息公开申请4件相比: a figure between 与/同 + a year and 相比 is that year's."""
        after = self.cue_norm[pos : self.clauses[_index(self.clauses, pos)][1]]
        if not _XIANGBI_AFTER.match(after):
            return None
        return _WITH_YEAR.search(clause_left)

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
        before = [n for n in numbers[:i] if n.unit not in self.lex.not_claim_units]  # 转下一年办理0件: 一年 is no figure
        if before and before[-1].end > c0:
            win_start = max(c0, before[-1].end)
        right_end = c1
        after = [n for n in numbers[i + 1 :] if n.unit not in self.lex.not_claim_units]  # 6件转至2022年继续办理: no figure
        if after and after[0].start < c1:
            right_end = after[0].start
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
        cues = [c for c in self._cues(ctx, n0, n1, unit_class, sentence, m.start) if not c.metric.units or m.unit is None
                or m.unit in c.metric.units or "决定" in ctx[c.start:n0]]  # 行政许可78条 in a list of published items counts items
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
