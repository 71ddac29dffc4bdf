"""Pass 4: breakdowns — a stated total and the parts listed after it (共200条，其中A 180条、B 20条;
A 3件、B 2件，共计5件) — and figures that stand for each of several columns (各1件)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .bind import _Figures
from .model import Breakdown, Claim
from .segment import (
    _ASIDE_BEFORE,
    _BREAKDOWN_MARKERS,
    _COMPARISON_WORDS,
    _DOC_METRICS,
    _EACH,
    _MARKER_BEFORE,
    _SHORT_HEAD_VERBS,
    _ids,
    _index,
)

_REMAINDER_AFTER = re.compile(r"^[（(，,]?\s*(?:另有|另|此外还有|尚有)[^。；;）)]{0,6}?结转")
_CLASSIFIERS = frozenset({"个", "项", "类", "种", "家", "名", "位"})
_FIGURE_AHEAD = re.compile(r"[0-9０-９〇零一二三四五六七八九十两]")
_UNIT_FAMILIES = {
    **dict.fromkeys("件 条 篇 份 个 项 部 册 本 封 宗 例 起 笔 批 套 张".split(), "items"),
    **dict.fromkeys("类 种".split(), "kinds"),
    **dict.fromkeys("次 场 期 人次 轮 场次 期次 轮次 件次 条次".split(), "events"),
    **dict.fromkeys("人 名 位 户 家".split(), "people"),
}


_LIST_BEFORE = re.compile(r"其中|包括|包含|分别")


def _family(unit: str | None) -> str | None:
    """items, events or people: a list mixes 条 and 篇 (documents), never 条 and 次 (visits)."""
    return _UNIT_FAMILIES.get(unit or "", "items")


def _dimension(part: Claim, total: Claim) -> str:
    """What a part divides its total by: applicant scope (the total's own row) or another row."""
    return "scope" if part.scope != "total" and (part.metric == total.metric or part.metric is None) else "row"


class _Extractor(_Figures):
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
        if floor < s0 and _LIST_BEFORE.search(norm[floor : total.number_span[0]]):
            return None  # …其中：…类11条。其中属主动公开的…: the last item of a list is no total of the next
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
        if not any(f.number_span[0] >= q and f.sentence == sent for f in figs if f.number_span) or (
            not _FIGURE_AHEAD.search(norm[q : self.clauses[_index(self.clauses, q)][1]])
            and norm[q : self.clauses[_index(self.clauses, q)][1]].strip("：:，,。 \u3000\n")
        ):
            return None  # 共计3个，分别是网站、公众号和微博: a list of names, not of figures
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
            if part.unit != total.unit and part.unit in _CLASSIFIERS and total.unit not in _CLASSIFIERS:
                break  # 241条，其中…51条，涉及9个领域: a classifier counts another noun
            if (parts and parts[-1].metric and part.metric and part.metric != parts[-1].metric
                    and part.metric in self.lex.metrics[parts[-1].metric].parts):
                continue  # 行政复议6件，结果维持5件，尚未审结1件；行政诉讼3件…: the review's own parts
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

    def remainders(self, figures: list[Claim]) -> list[Claim]:
        """共受理申请76件（另有3件结转下年度）: the figure may leave out the requests carried forward,
        so the processed count is a reading too."""
        out = []
        for c in figures:
            if c.metric in ("new_received", "handled_ambiguous") and c.number_span and c.relation == "current":
                s1 = self.sentences[c.sentence][1]
                if _REMAINDER_AFTER.match(self.norm[c.number_span[1] : s1]):
                    c = replace(c, alternatives=(*c.alternatives, (f"requests.total_processed.{c.scope}",)))
            out.append(c)
        return out

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
