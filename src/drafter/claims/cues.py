"""Pass 2: the metric cues next to a figure (收到…申请 3件, 3件申请), their scope and ids, and the
row a figure with no cue inherits (其中自然人2件)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import SENTINEL, Metric
from .model import Claim
from .segment import _LIST_SEPARATORS, _REQUEST_METRIC_PREFIX, _REQUEST_NOUN, _RIGHT_REACH, _ROUTE, MASK, _ids, _index
from .words import _Words


@dataclass(frozen=True)
class _Cue:
    metric: Metric
    start: int
    end: int
    where: int  # 0 figure inside the phrase, 1 phrase before the figure, 2 after
    distance: int






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


_TOTAL_BEFORE = re.compile(r"共|合计|累计|总计")
_ONLY_TOTAL = re.compile(r"(?:全年)?(?:共计|合计|总计|累计|总共|一共|共)(?:为|有|是|达)?")


class _Cues(_Words):
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
                        if MASK in ctx[e:n0]:
                            continue  # 收到“…的申请”1件: the figure counts what the quoted name names
                    elif s < n0 and e >= n1 or (s <= n0 and e > n1):
                        if _LIST_SEPARATORS.search(ctx[n1:e]):
                            continue  # 规范性文件2件、废止1件: the words after 、 belong to the next item
                        where, distance, between = 0, 0, mt.group()
                    elif s >= n1:
                        where, distance, between = 2, s - n1, ctx[n1:e]
                        if distance > _RIGHT_REACH or _LIST_SEPARATORS.search(ctx[n1:s]) or MASK in ctx[n1:s]:
                            continue
                    else:
                        continue
                    if any(b in between for b in metric.blockers):
                        continue
                    if metric.bare_unless and not _REQUEST_NOUN.search(mt.group()) and metric.bare_unless.search(sentence):
                        continue  # 答复22件，主动撤回4件: one outcome among others, not the processed total
                    if metric.requests_only and (
                        (where != 0 and not _REQUEST_NOUN.search(mt.group()) and self._other_topic(pos)) or self._by_route(pos)
                    ):
                        continue  # 县长热线受理来电17件，办结17件 / 网上申请5件: another thing, or a part by route
                    found.append(_Cue(metric, s, e, where, distance))
        found.sort(key=lambda c: (c.where, c.distance, -(c.end - c.start)))
        return found

    def _other_topic(self, pos: int) -> bool:
        """Whether the topic named last before the figure in its sentence is another thing than
        requests (热线, 来信, 建议提案 …): the rate topics of words.yaml, as for 办结率."""
        s0 = self.sentences[_index(self.sentences, pos)][0]
        return self._last_topic(self.cue_norm[s0:pos]) not in ("requests", None)

    def _by_route(self, pos: int) -> bool:
        """Whether the figure's clause names how requests arrived (网上, 邮寄 …): a part by route, no table count."""
        c0, c1 = self.clauses[_index(self.clauses, pos)]
        if not _ROUTE.search(self.cue_norm[c0:pos]):
            return False
        s1 = self.sentences[_index(self.sentences, pos)][1]
        if _ROUTE.search(self.cue_norm[pos : min(s1, pos + 20)]):
            return True  # 网上申请5件、书面申请27件: one route of several
        return not _TOTAL_BEFORE.search(self.cue_norm[c0:pos])  # 经信函、网络等渠道共收到19件: the total

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
            if starts_total and _ONLY_TOTAL.fullmatch(stripped) and any(i.startswith(_REQUEST_METRIC_PREFIX) for i in metric.ids):
                return metric, ("requests.received_all.total",)  # 上年结转1件，共计7件 (not 共办结21件: a verb of its own)
        if (has_scope and unit_class == "count" and ("申请" in left or "申请" in sentence)
                and not any(b in left for b in lex.metrics["new_received"].blockers)):
            return lex.metrics["new_received"], ()
        if starts_total and previous is None and prefix:
            cues = [c for c in self._cues(prefix + SENTINEL, len(prefix), len(prefix) + 1, unit_class, sentence, pos) if c.where == 1]
            if cues:
                extra = ("requests.received_all.total",) if any(i.startswith(_REQUEST_METRIC_PREFIX) for i in cues[0].metric.ids) else ()
                return cues[0].metric, extra
        return None

    def _within_group(self, cues: list[_Cue], group: Claim, left: str) -> list[_Cue]:
        """A figure after 其中 is a part of its group: it binds to a sub-item of the group's
        metric, to the group's own row only with an applicant scope (其中自然人5件), else to
        nothing."""
        assert group.metric is not None
        metric = self.lex.metrics[group.metric]
        if metric.scoped and self._has_scope_word(left):
            return [c for c in cues if c.metric.key == metric.key][:1]  # 其中自然人申请5件: the group's own row, by applicant
        allowed = set(metric.parts)
        return [c for c in cues if c.metric.key in allowed]

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
