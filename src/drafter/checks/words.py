"""Pass 4 of the word-claim grammar: read each word claim (drafter.grammar) against the tables.
A claim is an error only when none of the readings its words allow holds (驳回 may be 结果维持
or 其他结果; 申请 may be the new requests or new + carried over); a reading whose figure the
report cannot know (no last year's data) is no evidence either way."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from ..findings import Finding
from ..grammar import WordClaim
from ..grammar.lexicon import load_grammar
from .truth import Truth, column_text, fmt_value, round_to, rounding_matches

_SLOT_NAMES = {
    "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "closed": "已审结",
    "decisions": "本年处理决定数量", "made": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
    "amount": "本年收费金额（万元）", "new": "本年新收申请", "received_all": "本年新收和上年结转的申请",
    "processed": "本年办结（（七）总计）", "total": "总计",
}
_SUBJECT_NAMES = {
    "review": "表四“行政复议”", "litigation": "表四“行政诉讼”", "both": "表四“行政复议”和“行政诉讼”",
    "license": "表二“行政许可”", "penalty": "表二“行政处罚”", "coercion": "表二“行政强制”",
    "normative": "表二“行政规范性文件”", "rules": "表二“规章”", "fees": "表二“行政事业性收费”", "requests": "表三",
}


def _ids(subject: str, slot: str) -> tuple[str, ...]:
    if subject == "both":
        return (f"review_litigation.{slot}",)
    return load_grammar().subjects[subject].facts.get(slot, ())


def value(truth: Truth | None, subject: str, slot: str, scope: str = "total") -> Decimal | None:
    """The table's figure for a subject's slot (None when the report cannot know it)."""
    if truth is None:
        return None
    if slot == "closed":
        total, pending = value(truth, subject, "total"), value(truth, subject, "pending")
        return None if total is None or pending is None else total - pending
    for fid in _ids(subject, slot):
        vals = truth.values(fid.replace("$col", scope))  # requests.<row>.by_org: Truth sums the columns
        if vals:
            return vals[0]
    return None


def _share_holds(c: WordClaim, now: Truth) -> bool | None:
    if not c.bases or c.part is None or c.value is None:
        return None  # no total stated: the share may be of something the report does not give
    totals = [*c.bases, *(v for slot in c.slots if (v := value(now, c.subject, slot)))]
    return any(
        rounding_matches(c.part * 100 / t, c.value, c.decimals) or round_to(c.part * 100 / t, c.decimals, ROUND_HALF_EVEN) == c.value
        for t in totals
    )


def _holds(c: WordClaim, slot: str, now: Truth, before: Truth | None) -> bool | None:
    """Whether one reading holds; None when the report cannot say."""
    if c.op in ("zero", "none"):
        v = value(now, c.subject, slot)
        return None if v is None else v == 0
    if c.op in ("all", "some"):
        v, total = value(now, c.subject, slot), value(now, c.subject, "total")
        if v is None or total is None:
            return None
        return (v == total and total > 0) if c.op == "all" else v >= 1
    if c.op == "scope_all":
        v, total = value(now, c.subject, slot, c.scope), value(now, c.subject, slot)
        if v is None or total is None:
            return None
        return v == total and total > 0
    cur, prev = value(now, c.subject, slot), value(before, c.subject, slot)
    if cur is None or prev is None:
        return None
    change = cur - prev
    if c.op == "double":
        return prev > 0 and Decimal("1.5") * prev <= cur <= Decimal("2.5") * prev
    sign = {"up": 1, "down": -1, "flat": 0}.get(c.direction or "", None)
    if sign is None:
        return None
    if sign == 0:
        return change == 0
    if change * sign <= 0:
        return False
    if c.op == "delta":
        if c.value is None or c.approx:
            return None
        return abs(change) == c.value
    if c.op == "pct":
        if prev == 0 or c.value is None:
            return None
        true = abs(change) * 100 / prev
        if c.approx:
            return abs(true - c.value) <= max(Decimal(1), c.value * Decimal("0.1"))
        return rounding_matches(true, c.value, c.decimals)
    return True


def _message(c: WordClaim, now: Truth, before: Truth | None) -> str:
    if c.op == "over":
        return f"正文称“{c.quote}”，但比率不可能超过100%。请核对。"
    if c.op == "share":
        bases = "、".join(fmt_value(b) for b in c.bases) or "表三的总数"
        return f"正文称“{c.quote}”，但{fmt_value(c.part or Decimal(0))}占{bases}的比例都不是{fmt_value(c.value or Decimal(0))}%。请核对比例的计算。"
    where = _SUBJECT_NAMES.get(c.subject, c.subject)
    slot = c.slots[0]
    if c.op in ("zero", "none"):
        v = value(now, c.subject, slot)
        return f"正文称“{c.quote}”，但{where}“{_SLOT_NAMES.get(slot, slot)}”为{v}。请按表格核对正文或表格。"
    if c.op in ("all", "some"):
        v, total = value(now, c.subject, slot), value(now, c.subject, "total")
        names = "或".join(f"“{_SLOT_NAMES.get(s, s)}”" for s in c.slots)
        return f"正文称“{c.quote}”，但{where}总计为{total}，其中{names}为{v}。请按表格核对正文或表格。"
    if c.op == "scope_all":
        v, total = value(now, c.subject, slot, c.scope), value(now, c.subject, slot)
        scope = column_text(now.data.spec.requests, c.scope)
        return f"正文称“{c.quote}”，但表三“{_SLOT_NAMES[slot]}”总计为{total}，其中{scope}只有{v}。请核对申请人类别。"
    cur, prev = value(now, c.subject, slot), value(before, c.subject, slot)
    what = _SLOT_NAMES.get(slot, slot)
    return f"正文称“{c.quote}”，但{where}“{what}”本年为{cur}，上年为{prev}。请核对增减的方向和幅度。"


def check_word_claims(
    claims: list[WordClaim], truth: Truth, section: str | None, offset: int = 0, previous: Truth | None = None
) -> list[Finding]:
    out: list[Finding] = []
    for c in claims:
        if c.op == "over":
            verdicts: list[bool | None] = [False]
        elif c.op == "share":
            verdicts = [_share_holds(c, truth)]
        else:
            verdicts = [_holds(c, slot, truth, previous) for slot in c.slots]
        if any(v is None or v for v in verdicts):
            continue
        out.append(Finding(
            "text.contradiction", "error", _message(c, truth, previous), section=section, quote=c.quote,
            span=(c.start + offset, c.end + offset), extra={"claim": c.op, "metric": c.describe()},
        ))
    return out


def previous_truth(truth: Truth) -> Truth | None:
    prev = truth.data.previous
    return Truth.build(prev) if prev is not None else None


__all__ = ["check_word_claims", "previous_truth", "value"]
