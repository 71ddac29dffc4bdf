"""Figures, zero claims and "all" claims of the narrative against the truth:
text.contradiction, text.unsupported and text.arithmetic.

An error must be certain: a figure is refuted only when it is false under every reading its
words allow. It holds when it matches any fact id of its metric (共收到…申请 may include the
carried-over requests), any other reading the claim carries (`Claim.alternatives`: 制发并废止
规范性文件1件 may be either count; a part after 其中 may belong to another total of the sentence),
or, for a stated total (共N件), the sum of the readings (制发、废止规范性文件共3件). A figure bound
by a bare noun that does not say which count it is (规范性文件3件均经合法性审查) is only a warning.
Last year's figures and changes (上年收到申请28件, 较上年增加8件) are checked against last year's
data only, and only when it is given; figures of other years are never checked. A breakdown is
wrong only when it fits none of the totals of its sentence, nor their sum.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Breakdown, Claim, Extraction
from ..findings import Finding, Severity
from .nearest import held_clause
from .truth import Truth, fmt_value, round_to, rounding_matches

_MONEY_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


def _in_interval(claim: Claim, value: Decimal) -> bool:
    low, high = claim.low, claim.high
    if claim.unit_class == "money" and claim.unit in _MONEY_TO_WAN:
        factor = _MONEY_TO_WAN[claim.unit]
        low = low * factor
        high = high * factor if high is not None else None
    if value < low:
        return False
    return high is None or value <= high


def _matches(claim: Claim, fact_id: str, value: Decimal) -> bool:
    if claim.percent:
        return rounding_matches(value, claim.value, claim.decimals)
    return _in_interval(claim, value)


def _relation_ids(claim: Claim) -> tuple[str, ...]:
    return _relation_of(claim, claim.ids)


def _resolved(claim: Claim, truth: Truth) -> list[tuple[str, list[Decimal]]]:
    out = []
    for fid in _relation_ids(claim):
        values = truth.values(fid)
        if claim.relation == "change":
            values = values + [abs(v) for v in values]
        if values:
            out.append((fid, values))
    return out


def _shown(truth: Truth, fact_id: str, value: Decimal, claim: Claim) -> str:
    unit = truth.unit_of(fact_id)
    if unit == "%" and claim.percent:
        return fmt_value(round_to(value, claim.decimals or 0), "%")
    return fmt_value(value, unit)


def _relation_of(claim: Claim, ids: tuple[str, ...]) -> tuple[str, ...]:
    if claim.relation == "previous":
        return tuple(f"prev.{i}" for i in ids)
    if claim.relation == "change":
        return tuple(f"change.{i}" for i in ids)
    if claim.relation == "other":
        return ()
    return ids


def _another_reading_holds(claim: Claim, truth: Truth, resolved: list[tuple[str, list[Decimal]]]) -> bool:
    """Whether the figure is true under another reading of its words: an alternative metric,
    or, for a stated total, the sum of every reading (制发、废止规范性文件共3件)."""
    firsts: list[Decimal] = [resolved[0][1][0]]
    for ids in claim.alternatives:
        found = False
        for fid in _relation_of(claim, ids):
            values = truth.values(fid)
            if claim.relation == "change":
                values = values + [abs(v) for v in values]
            if any(_matches(claim, fid, v) for v in values):
                return True
            if values and not found:
                firsts.append(values[0])
                found = True
    if claim.total and len(firsts) > 1 and not claim.percent:
        return _matches(claim, resolved[0][0], sum(firsts, Decimal(0)))
    return False


def _contradiction(claim: Claim, truth: Truth, section: str | None, offset: int) -> Finding | None:
    resolved = _resolved(claim, truth)
    if not resolved:
        return None
    for fid, values in resolved:
        if any(_matches(claim, fid, v) for v in values):
            return None
    if claim.alternatives and _another_reading_holds(claim, truth, resolved):
        return None
    fid, values = resolved[0]
    value = values[0]
    shown = _shown(truth, fid, value, claim)
    desc = truth.describe(fid)
    message = f"正文称“{claim.quote}”，但{desc}为{shown}"
    if fid == "rate.completion":
        done, new, carried = truth.completion_parts()
        message += f"（{done}件 ÷（{new}件 + {carried}件））"
    # the other readings, but neither the empty cells among them (也不等于…（0）says nothing)
    # nor a value already named (不等于5，也不等于5)
    shown_others = [(f, v) for f, v in resolved[1:] if v[0] not in (0, value)][:2]
    if shown_others:
        others = "、".join(f"{truth.describe(f)}（{_shown(truth, f, v[0], claim)}）" for f, v in shown_others)
        message += f"，也不等于{others}"
    if claim.loose:
        message += "。正文未说明这是制发、废止还是现行有效的件数，请核对表述。"
    elif fid.startswith(("requests.", "review", "litigation", "proactive", "rate.")):
        message += "。请按表格核对正文或表格。"
    else:
        message += "。请核对。"
    return Finding(
        "text.contradiction", "warning" if claim.loose else "error", message, section=section, quote=claim.quote,
        span=(claim.start + offset, claim.end + offset), expected=value, found=claim.value,
        place=truth.place_of(fid), extra={"metric": fid, "claim": claim.kind},
    )


def _universal(claim: Claim, truth: Truth, section: str | None, offset: int) -> Finding | None:
    g = truth.data.tables.requests
    span = (claim.start + offset, claim.end + offset)
    if claim.metric == "all_granted":
        total, granted = g["total_processed"]["total"], g["granted"]["total"]
        if total and granted != total:
            return Finding(
                "text.contradiction", "error",
                f"正文称“{claim.quote}”，但表三“（七）总计”为{total}，“（一）予以公开”只有{granted}，并非全部予以公开。请核对。",
                section=section, quote=claim.quote, span=span, expected=granted, found=total,
                place="tables.requests.granted.total", extra={"metric": "requests.granted.total", "claim": "all"},
            )
    if claim.metric == "all_done":
        forward = g["carried_forward"]["total"]
        if forward:
            return Finding(
                "text.contradiction", "error",
                f"正文称“{claim.quote}”，但表三“四、结转下年度继续办理”总计为{forward}，并非全部办结。请核对。",
                section=section, quote=claim.quote, span=span, expected=forward, found=0,
                place="tables.requests.carried_forward.total", extra={"metric": "requests.carried_forward.total", "claim": "all"},
            )
    return None


def _more_bound(low: Decimal) -> Decimal:
    """The largest value "N余" may stand for: 260余 → 270, 2000余 → 3000, 68余 → 82."""
    n = int(low)
    zeros = len(str(n)) - len(str(n).rstrip("0")) if n else 0
    if zeros:
        return low + Decimal(10) ** zeros
    return low * Decimal("1.2") + 1


class _Support:
    """The figures an unbound number may be, computed once per check."""

    def __init__(self, truth: Truth):
        self.truth = truth
        self._values: set[Decimal] | None = None
        self._ratios: set[Decimal] | None = None

    @property
    def values(self) -> set[Decimal]:
        if self._values is None:
            self._values = self.truth.support_values()
        return self._values

    @property
    def ratios(self) -> set[Decimal]:
        if self._ratios is None:
            self._ratios = self.truth.ratio_values()
        return self._ratios

    def supports(self, claim: Claim) -> bool:
        if claim.percent:
            if claim.value in (0, 100):
                return True
            return any(rounding_matches(r, claim.value, claim.decimals) for r in self.ratios)
        factor = _MONEY_TO_WAN.get(claim.unit or "", None) if claim.unit_class == "money" else None
        if claim.approx is None and claim.high == claim.low:
            vals = {claim.value} | ({claim.value * factor} if factor else set())
            return bool(vals & self.values)
        high = claim.high if claim.high is not None else _more_bound(claim.low)
        ranges = [(claim.low, high)] + ([(claim.low * factor, high * factor)] if factor else [])
        return any(lo <= v <= hi for v in self.values for lo, hi in ranges)


def _unsupported(claim: Claim, section: str | None, offset: int, severity: Severity,
                 truth: Truth | None = None, text: str = "") -> Finding:
    held = held_clause(claim, text, truth) if truth is not None else None
    said = f"；{held[0]}" if held else ""
    return Finding(
        "text.unsupported", severity,
        f"正文中的数字“{claim.quote}”在表格、数据文件所列事实和素材中都找不到依据{said}。请核实后改正，或在素材/数据文件中补充来源。",
        section=section, quote=claim.quote, span=(claim.start + offset, claim.end + offset),
        expected=None, found=claim.value,
        extra={"held": {"fact": held[1].id, "value": held[1].value}} if held else {},
    )


def _agrees(claims: tuple[Claim, ...], truth: Truth | None) -> bool:
    """Whether every figure is bound and agrees with its table cell."""
    return truth is not None and all(c.metric and _resolved(c, truth) and _contradiction(c, truth, None, 0) is None for c in claims)


def _fits(bd: Breakdown, total: Decimal, parts: Decimal, truth: Truth | None, stated: tuple[Claim, ...]) -> bool:
    """Whether the parts may be a breakdown of `total`: they add up to it, or fall short of it
    in an open list, a single part, or a list whose every figure (and the `stated` totals)
    agrees with its table cell: the list is simply partial."""
    if parts == total:
        return True
    if parts > total:
        return False
    return bd.open or len(bd.parts) < 2 or _agrees((*stated, *bd.parts), truth)


# A list that says it is complete (分别为, 全部, 均为): a shortfall is certain even of free categories.
_COMPLETE = re.compile(r"分别|全部|均为")
_REMAINDER = re.compile(r"其他|其它|其余|剩余|余下")


def _closed(bd: Breakdown) -> bool:
    """The last part is a remainder (…，其他信息90条 / 剩余2件): the list is the whole."""
    if len(bd.parts) < 2:
        return False
    text = bd.quote
    head = text[max(0, bd.parts[-2].end - bd.start) : max(0, bd.parts[-1].start - bd.start)]
    head = head.lstrip("，,、；;：: \u3000")
    return _REMAINDER.match(head) is not None or _REMAINDER.match(bd.parts[-1].quote) is not None


def _arithmetic(bd: Breakdown, truth: Truth | None, section: str | None, offset: int) -> Finding | None:
    if any(c.approx or c.percent for c in (bd.total, *bd.parts, *bd.others)):
        return None
    parts = sum((p.value for p in bd.parts), Decimal(0))
    total = bd.total.value
    if any(_fits(bd, t.value, parts, truth, (t,)) for t in (bd.total, *bd.others)):
        return None
    if bd.grand is not None and _fits(bd, bd.grand, parts, truth, (bd.total, *bd.others)):
        return None  # 新收申请6件，上年结转1件，其中已办结6件、结转下年度1件: parts of both
    # 其他信息90条 / 剩余2件 as the last part: a remainder, so the list is the whole
    closed = _closed(bd)
    if bd.across and parts <= total and not closed:
        return None  # 共896条。其中，公开征地信息74条…: highlights, possibly partial
    if any(c.value == parts for c in bd.after):
        return None  # …其他处理1件，已办结24件: the parts make a subtotal stated after them
    remainder = sum((c.value for c in bd.asides), Decimal(0))
    if bd.asides and any(parts + remainder == t.value or c.value + remainder == t.value
                         for t in (bd.total, *bd.others) for c in (*bd.after, bd.total)):
        return None  # …另有1件结转下年度: the parts and the remainder make the total
    diff = abs(total - parts)
    severity: Severity = "error"
    complete = (
        _COMPLETE.search(bd.quote) is not None
        or bd.total.start >= bd.parts[-1].end  # A 386条、B 3520条，共计6235条: the total is their sum
        or closed  # 其他类20篇: exhaustive
    )
    if parts < total and any(p.metric is None for p in bd.parts) and not complete:
        # 发布政策解读57篇，其中图解类21篇、视频类5篇: free categories, possibly a partial list
        severity = "warning"
    if parts > total:
        message = f"正文称“{bd.quote}”，但所列各项之和为{fmt_value(parts)}，超过了总数{fmt_value(total)}（多{fmt_value(diff)}）。请核对总数和各分项。"
    else:
        message = f"正文称“{bd.quote}”，但所列各项之和为{fmt_value(parts)}，与总数{fmt_value(total)}不符（相差{fmt_value(diff)}）。请核对总数和各分项。"
    return Finding(
        "text.arithmetic", severity, message, section=section, quote=bd.quote,
        span=(bd.start + offset, bd.end + offset), expected=parts, found=total,
        extra={"parts": [p.value for p in bd.parts]},
    )


def _rest_holds(claim: Claim, claims: list[Claim], truth: Truth) -> bool:
    """A figure read beside other figures of its sentence that count within the same fact: one
    row stated in two parts (因不掌握相关信息无法提供1件，信息不存在的1件), or a group row beside its
    own sub-rows (逾期未补正3件，其他处理6件). It holds when it is the fact less those figures."""
    if claim.kind != "figure" or claim.relation != "current":
        return False
    others = [c for c in claims if c is not claim and c.kind == "figure" and c.sentence == claim.sentence
              and c.relation == "current" and c.ids]
    for fid in claim.ids:
        within = [c for c in others if fid in c.ids or _sub_row(c.ids[0], fid, truth)]
        whole = truth.values(fid)
        if within and whole and _matches(claim, fid, whole[0] - sum((c.value for c in within), Decimal(0))):
            return True
    return False


def _sub_row(part: str, whole: str, truth: Truth) -> bool:
    """Whether fact `part` is a sub-row of the 表三 group row `whole`, in the same column."""
    p, w = part.split("."), whole.split(".")
    t3 = truth.data.spec.requests
    return (len(p) == len(w) == 3 and p[0] == w[0] == "requests" and p[2] == w[2] and p[1] != w[1]
            and w[1] in t3.rows and t3.rows[w[1]].is_group and p[1] in t3.group_members(w[1]))


def check_figures(
    extraction: Extraction,
    truth: Truth,
    section: str | None,
    offset: int = 0,
    unsupported: Severity = "warning",
    text: str = "",
) -> list[Finding]:
    """Findings on the figures of `extraction`; `text` (what it was extracted from) lets an
    unsupported figure's finding name the figure of the data its words most likely mean."""
    out: list[Finding] = []
    support = _Support(truth)
    for claim in extraction.claims:
        finding: Finding | None = None
        if claim.kind == "all":
            finding = _universal(claim, truth, section, offset)
        elif claim.kind == "zero" or claim.metric is not None:
            finding = _contradiction(claim, truth, section, offset)
            if finding is not None and _rest_holds(claim, extraction.claims, truth):
                finding = None
            if (
                finding is None and claim.kind == "figure" and claim.relation == "current"
                and not _resolved(claim, truth) and claim.checkable and truth.has_sources
                and not support.supports(claim)
            ):
                finding = _unsupported(claim, section, offset, unsupported, truth, text)
        elif claim.relation == "current" and claim.checkable and truth.has_sources and not support.supports(claim):
            finding = _unsupported(claim, section, offset, unsupported, truth, text)
        if finding is not None:
            out.append(finding)
    for bd in extraction.breakdowns:
        finding = _arithmetic(bd, truth, section, offset)
        if finding is not None:
            out.append(finding)
    return _dedupe(out)


def arithmetic_only(extraction: Extraction, section: str | None, offset: int = 0) -> list[Finding]:
    """text.arithmetic without tables to compare with: the breakdowns whose parts cannot add up
    to their total (a report whose tables could not be read, and no data file)."""
    found = (_arithmetic(bd, None, section, offset) for bd in extraction.breakdowns)
    return _dedupe([f for f in found if f is not None])


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, tuple[int, int] | None, str | None]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.span, str(f.extra.get("metric")))
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


__all__ = ["arithmetic_only", "check_figures"]
