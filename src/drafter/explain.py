"""`drafter check --explain`: per sentence, what each figure and word claim was read as
(metric, scope, period, value, the other readings) and why it passed or failed — so that a
reviewer sees why, and a developer sees a wrong binding at a glance."""

from __future__ import annotations

from collections.abc import Mapping

from .checks.truth import Truth, column_text, fmt_value
from .claims import Claim, extract_claims
from .claims.segment import SENTENCE_BREAK, split_spans
from .data import ReportData
from .findings import Finding
from .grammar import WordClaim, read_word_claims
from .lexicon import load_lexicon
from .report import SECTION_HEADINGS
from .validate import NARRATIVE_SECTIONS, TABLE_SECTIONS, prose_only

_PERIOD = {"current": "本年", "previous": "上年", "change": "较上年增减", "other": "其他年份或不确定（不核对）"}
_OPS = {
    "zero": "称为零", "none": "称没有此结果", "all": "称全部是此结果", "some": "称有此结果", "scope_all": "称全部来自此类申请人",
    "sign": "称较上年的增减方向", "pct": "称较上年的增减幅度", "double": "称较上年翻一番",
    "share": "称分项所占比例", "over": "称比率", "delta": "称较上年的增减数",
}


def _hit(findings: list[Finding], start: int, end: int) -> list[Finding]:
    return [f for f in findings if f.span and f.span[0] < end and start < f.span[1]]


def _verdict(hits: list[Finding], passed: str) -> str:
    if not hits:
        return f"✓ {passed}"
    f = hits[0]
    return f"{'✗' if f.severity == 'error' else '!'} {f.message}"


def _name(truth: Truth, fact_id: str) -> str | None:
    if not truth.values(fact_id):
        return None  # a fact of the other format, or one this report cannot know
    return truth.describe(fact_id)


def _figure(c: Claim, truth: Truth, hits: list[Finding]) -> str:
    if c.kind == "figure" and c.metric is None:
        return f"  · “{c.quote}” → 未绑定到表格数字（按其他事项处理，不核对）"
    known = [i for i in c.ids if _name(truth, i)]
    head = known[0] if known else ""
    what = _name(truth, head) if head else f"{c.metric}（本报告没有这项数据，不核对）"
    value = "零" if c.kind == "zero" else fmt_value(c.value) + ("（约数）" if c.approx else "")
    others = [n for n in (_name(truth, i) for i in known[1:3]) if n]
    others += [n for n in (_name(truth, r[0]) for r in c.alternatives[:2] if r) if n]
    scope = f"{column_text(truth.data.spec.requests, c.scope)}，" if head.startswith("requests.") else ""
    line = f"  · “{c.quote}” → {what}，{scope}{_PERIOD.get(c.relation, c.relation)}，数值 {value}"
    if others:
        line += f"；也可读作：{'、'.join(others)}"
    readings = [head, *known[1:], *(r[0] for r in c.alternatives if r)]
    true = next((v for fid in readings if fid for v in truth.values(fid) if v == c.value), None) if c.kind == "figure" else None
    if true is None:
        true = next(iter(truth.values(head)), None) if head else None
    passed = f"与表格相符（表格为{fmt_value(true)}）" if true is not None and c.relation == "current" else "无矛盾"
    return line + "\n      " + _verdict(hits, passed)


def _word(w: WordClaim, hits: list[Finding]) -> str:
    line = f"  · “{w.quote}” → 词语判断：{_OPS.get(w.op, w.op)}（{w.describe()}）"
    return line + "\n      " + _verdict(hits, "与表格相符，或报告没有可核对的数据")


def explain(data: ReportData, texts: Mapping[str, str], findings: list[Finding]) -> list[str]:
    """Lines explaining every claim of the narrative sections in `texts`, sentence by sentence."""
    lex = load_lexicon()
    truth = Truth.build(data)
    lines: list[str] = []
    for sid, text in texts.items():
        if sid in TABLE_SECTIONS:
            text = prose_only(text)
        elif sid not in NARRATIVE_SECTIONS:
            continue
        mine = [f for f in findings if f.section == sid]
        claims = extract_claims(text, data.format, data.year, lex)
        words = read_word_claims(text, data.year, lex)
        for s0, s1 in split_spans(text, SENTENCE_BREAK):
            inside = [c for c in claims.claims if s0 <= c.start < s1]
            said = [w for w in words if s0 <= w.start < s1]
            rest = [f for f in _hit(mine, s0, s1)
                    if not any(_hit([f], c.start, c.end) for c in inside) and not any(_hit([f], w.start, w.end) for w in said)]
            if not inside and not said and not rest:
                continue
            lines.append(f"【{SECTION_HEADINGS.get(sid, sid)}】{text[s0:s1].strip()}")
            lines += [_figure(c, truth, _hit(mine, c.start, c.end)) for c in inside]
            lines += [_word(w, _hit(mine, w.start, w.end)) for w in said]
            lines += [f"  · “{f.quote or ''}” → {_verdict([f], '')}" for f in rest]
    return lines


__all__ = ["explain"]
