"""The offline composer: deterministic paragraphs in the official register, made only from
the clerk's notes and the fact sheet. No network, no model. It is the default backend when
no endpoint is configured, and the fallback text for any section a model could not get
past the validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data import ReportData
from ..facts import FactSheet, build_fact_sheet
from ..notes import Notes, Topic
from ..report import Paragraph
from .factrefs import ref
from .register import self_reference

COMPOSER_VERSION = 2
# The preamble defines the Regulation's short name (以下简称《条例》); the body uses it.
REGULATION_SHORT = "《条例》"

# Canonical sub-topics of 一、总体情况 (2021 format order) and how a note heading is matched.
CANONICAL_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请",)),
    ("政府信息管理", ("信息管理",)),
    ("政府信息公开平台建设", ("平台",)),
    ("监督保障", ("监督", "保障")),
)
ORDINALS = "一二三四五六七八九十"
_TRAILING = re.compile(r"[\s。；;，,、.!！]+$")
_NOTHING = {"无", "无。", "没有", "暂无", "无其他需要报告的事项"}
# A note bullet that states how many requests came in: the table says that, not the note.
_REQUEST_COUNT = re.compile(
    r"(收到|受理|新收|接收|接到)[^，。；]{0,12}申请|没有[^，。；]{0,6}申请|未[^，。；]{0,6}申请"
)
_FEE = re.compile(r"信息处理费")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class OfflineSection:
    paragraphs: list[Paragraph]
    gaps: list[str] = field(default_factory=list)  # what the notes lacked (Chinese), for the reviewer
    # Required sub-items the notes give nothing for: each has a 【待补充：…】 reminder in the
    # text, and no model is asked to write the section (it could only guess).
    missing: list[str] = field(default_factory=list)


def reminder(what: str, where: str) -> str:
    """A visible reminder in an empty sub-section. It is a placeholder on purpose: the check
    flags it (style.placeholder) until the clerk writes the real text in its place."""
    return f"【待补充：{what}。请在此处写明，或写入素材文件“{where}”下后重新起草。】"


def canonical_topic(title: str) -> str | None:
    for name, keys in CANONICAL_TOPICS:
        if any(k in title for k in keys):
            return name
    return None


def clause(bullet: str) -> str:
    """A note bullet as a clause: trimmed, without trailing punctuation."""
    return _TRAILING.sub("", bullet.strip())


def sentence(text: str) -> str:
    text = clause(text)
    return f"{text}。" if text else ""


def ordinal(i: int) -> str:
    if i < len(ORDINALS):
        return ORDINALS[i]
    from ..numbers import to_chinese

    return to_chinese(i + 1)


def enumerate_clauses(items: list[str]) -> str:
    """一是…；二是…。 (a single item is written as a plain sentence)."""
    clauses = [clause(b) for b in items if clause(b)]
    if not clauses:
        return ""
    if len(clauses) == 1:
        return f"{clauses[0]}。"
    return "；".join(f"{ordinal(i)}是{c}" for i, c in enumerate(clauses)) + "。"


def heading(index: int, title: str) -> Paragraph:
    title = clause(title)
    suffix = "" if title.endswith(("情况", "工作")) else "情况"
    return Paragraph(text=f"（{ordinal(index)}）{title}{suffix}", heading=True)


class OfflineComposer:
    """Composes 一、五、六 for one body. Every figure comes from the fact sheet.

    With refs=True every figure is written as a fact reference (【F:id】), figures in the
    clerk's bullets included: the text a well-behaved model would return (the eval's
    adversarial model starts from it); fill_refs turns it into the plain text.
    """

    def __init__(
        self, data: ReportData, notes: Notes | None = None, sheet: FactSheet | None = None, refs: bool = False
    ):
        self.data = data
        self.notes = notes or Notes()
        self.sheet = sheet or build_fact_sheet(data, notes)
        self.me = self_reference(data)
        self.year = data.year
        self.refs = refs
        self._note_ids = _note_fact_ids(self.notes) if refs else {}

    # -- figures
    def v(self, fact_id: str) -> str:
        return ref(fact_id) if self.refs else self.sheet[fact_id].display

    def b(self, bullet: str) -> str:
        """A clerk's bullet as written, or with its figures as references to notes.N facts."""
        if not self.refs:
            return bullet
        for start, end, fact_id in reversed(self._note_ids.get(bullet, [])):
            digits = _DIGITS.search(bullet, start, end)
            if digits is not None:
                bullet = bullet[: digits.start()] + ref(fact_id) + bullet[digits.end() :]
        return bullet

    def n(self, fact_id: str) -> int:
        entry = self.sheet.get(fact_id)
        return int(entry.value) if entry is not None else 0

    def compose(self) -> dict[str, OfflineSection]:
        return {"s1_overview": self.overview(), "s5_problems": self.problems(), "s6_other": self.other()}

    # -- 一、总体情况
    def overview(self) -> OfflineSection:
        d = self.data
        intro = f"{self.year}年，{d.organization}认真贯彻落实{REGULATION_SHORT}"
        bullets = [clause(self.b(b)) for b in self.notes.overview if clause(b)]
        intro += f"，{'；'.join(bullets)}。" if bullets else "，依法做好政府信息公开工作。"
        paragraphs = [Paragraph(text=intro)]
        gaps: list[str] = []
        missing: list[str] = []
        for i, (title, body) in enumerate(self.topics()):
            paragraphs.append(heading(i, title))
            body = [t for t in body if t]
            if not body:
                missing.append(clause(title))
                body = [reminder(f"本年{clause(title)}方面的主要做法和成效", f"## {clause(title)}")]
            paragraphs.extend(Paragraph(text=t) for t in body)
        if missing:
            gaps.append(
                f"素材中“{'”“'.join(missing)}”没有内容，文中已留出【待补充】提示，请补写后删除提示。"
            )
        return OfflineSection(paragraphs, gaps, missing)

    def required_topics(self) -> set[str]:
        """The sub-items 一 must have: the format's list (2021), 依申请公开 from 表三 always,
        主动公开 whenever 表二 or the data's facts give something to say."""
        listed = {canonical_topic(label) for label in self.data.spec.section("s1_overview").topics}
        supported = {"依申请公开"} | ({"主动公开"} if self.proactive_sentence() or self.data.facts else set())
        return {t for t in listed | supported if t is not None}

    def topics(self) -> list[tuple[str, list[str]]]:
        """(title, paragraphs) in the notes' order; required topics the notes lack are inserted
        (with the table's figures where there are some, else with an empty body)."""
        order = [name for name, _ in CANONICAL_TOPICS]
        present: list[tuple[str, Topic | None]] = [(t.title, t) for t in self.notes.topics]
        have = {canonical_topic(t) for t, _ in present}
        required = self.required_topics()
        for name in order:
            if name in have or name not in required:
                continue
            rank = order.index(name)
            at = next(
                (
                    i
                    for i, (t, _) in enumerate(present)
                    if (c := canonical_topic(t)) is not None and order.index(c) > rank
                ),
                len(present),
            )
            present.insert(at, (name, None))
        return [(title, self.topic_body(title, topic)) for title, topic in present]

    def topic_body(self, title: str, topic: Topic | None) -> list[str]:
        bullets = [self.b(x) for x in topic.bullets] if topic else []
        kind = canonical_topic(title)
        if kind == "主动公开":
            return [self.proactive_paragraph(bullets)] if self.proactive_paragraph(bullets) else []
        if kind == "依申请公开":
            kept = [b for b in bullets if not _REQUEST_COUNT.search(b)]
            return [enumerate_clauses(kept) + self.requests_sentence() + self.review_sentence()]
        return [enumerate_clauses(bullets)]

    def proactive_paragraph(self, bullets: list[str]) -> str:
        parts = []
        clauses = [clause(b) for b in bullets if clause(b)]
        if clauses:
            parts.append(f"{self.me}{'；'.join(clauses)}。")
        elif self.data.facts:
            listed = "，".join(f"{f.label}{self.v(f'facts.{i}')}{f.unit}" for i, f in enumerate(self.data.facts))
            parts.append(f"{self.me}{listed}。")
        table = self.proactive_sentence()
        if table:
            parts.append(f"全年{table}。" if parts else f"全年，{self.me}{table}。")
        return "".join(parts)

    def proactive_sentence(self) -> str:
        """表二's non-zero figures as one clause list (documents, decisions, fees, procurement)."""
        spec = self.data.spec
        groups: list[str] = []
        docs_cols = (
            (("made_this_year", "制发{l}{n}件"), ("repealed_this_year", "废止{n}件"), ("in_force", "现行有效{l}{n}件"))
            if self.data.format == "2021"
            else (
                ("newly_made_this_year", "新制作{l}{n}件"),
                ("newly_published_this_year", "新公开{n}件"),
                ("total_published", "对外公开{l}总数{n}件"),
            )
        )
        decisions: list[str] = []
        for block in spec.proactive.blocks:
            for row in block.rows:
                pid = f"proactive.{row.id}"
                if row.id in ("rules", "normative_docs"):
                    bits = [
                        tpl.format(l=row.label, n=self.v(f"{pid}.{col}"))
                        for col, tpl in docs_cols
                        if self.n(f"{pid}.{col}")
                    ]
                    if bits:
                        groups.append("、".join(bits))
                for col in ("decisions", "decisions_this_year"):
                    if f"{pid}.{col}" in self.sheet and self.n(f"{pid}.{col}"):
                        decisions.append(f"{row.label}处理决定{self.v(f'{pid}.{col}')}件")
                if row.id == "admin_fees" and self.sheet.get(f"{pid}.fee_amount_this_year") is not None:
                    if self.sheet.value(f"{pid}.fee_amount_this_year"):
                        groups.append(f"行政事业性收费{self.v(f'{pid}.fee_amount_this_year')}万元")
                if row.id == "govt_centralized_procurement":
                    bits = []
                    if self.n(f"{pid}.procurement_items"):
                        bits.append(f"政府集中采购项目{self.v(f'{pid}.procurement_items')}件")
                    if self.sheet.value(f"{pid}.procurement_amount"):
                        bits.append(f"采购总金额{self.v(f'{pid}.procurement_amount')}万元")
                    if bits:
                        groups.append("，".join(bits))
        if decisions:
            groups.insert(min(1, len(groups)), "作出" + "、".join(decisions))
        return "；".join(groups)

    def requests_sentence(self) -> str:
        new, carried = self.n("requests.new_received.total"), self.n("requests.carried_over.total")
        if new == 0 and carried == 0:
            return "全年未收到政府信息公开申请。"
        text = f"全年共新收政府信息公开申请{self.v('requests.new_received.total')}件"
        org = self.n("requests.by_org.new_received")
        if new and org:
            text += (
                f"（其中自然人申请{self.v('requests.new_received.natural_person')}件，"
                f"法人或其他组织申请{self.v('requests.by_org.new_received')}件）"
            )
        change = self.sheet.get("change.requests.new_received.total")
        if change is not None:
            if change.value > 0:
                text += f"，较上年增加{self.v(change.id)}件"
            elif change.value < 0:
                text += f"，少于上年的{self.v('prev.requests.new_received.total')}件"
            else:
                text += "，与上年持平"
        if carried:
            text += f"，上年结转{self.v('requests.carried_over.total')}件"
        text += f"；办结{self.v('requests.total_processed.total')}件"
        results = (
            ("granted", "予以公开"),
            ("partially_granted", "部分公开"),
            ("denied", "不予公开"),
            ("unable", "无法提供"),
            ("not_processed", "不予处理"),
            ("other_handling", "其他处理"),
        )
        bits = [
            f"{label}{self.v(f'requests.{rid}.total')}件" for rid, label in results if self.n(f"requests.{rid}.total")
        ]
        if bits and self.n("requests.total_processed.total"):
            text += "，其中" + "、".join(bits)
        forward = self.n("requests.carried_forward.total")
        if forward:
            text += f"；结转下年度继续办理{self.v('requests.carried_forward.total')}件"
        return text + "。"

    def review_sentence(self) -> str:
        review, lit = self.n("review.review.total"), self.n("litigation.total")
        if review == 0 and lit == 0:
            return "未发生因政府信息公开引起的行政复议、行政诉讼。"
        leaves = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))

        def breakdown(prefix: str) -> str:
            bits = [f"{label}{self.v(f'{prefix}.{leaf}')}件" for leaf, label in leaves if self.n(f"{prefix}.{leaf}")]
            return f"（其中{'、'.join(bits)}）" if bits else ""

        parts = []
        if review:
            parts.append(f"因政府信息公开被申请行政复议{self.v('review.review.total')}件{breakdown('review.review')}")
        if lit:
            parts.append(f"被提起行政诉讼{self.v('litigation.total')}件{breakdown('litigation')}")
        text = "，".join(parts)
        if not review:
            text = "未发生因政府信息公开引起的行政复议；" + "".join(parts)
        elif not lit:
            text += "，未发生因政府信息公开引起的行政诉讼"
        return text + "。"

    # -- 五、存在的主要问题及改进情况
    def problems(self) -> OfflineSection:
        notes, name = self.notes, self.data.name
        gaps: list[str] = []
        missing: list[str] = []
        if notes.problems:
            problems_text = (
                f"对照政务公开工作要求和人民群众的信息需求，{name}政府信息公开工作仍存在一些不足。"
                + enumerate_clauses([self.b(x) for x in notes.problems])
            )
        else:
            missing.append("存在的主要问题")
            problems_text = reminder("本年政府信息公开工作存在的主要问题（至少一条）", "# 存在的主要问题")
        if notes.measures:
            measures_text = f"下一步，{self.me}将着力做好以下工作：" + enumerate_clauses(
                [self.b(x) for x in notes.measures]
            )
        else:
            missing.append("改进措施")
            measures_text = reminder("针对上述问题的改进措施（至少一条）", "# 改进措施")
        if missing:
            gaps.append(f"素材没有写“{'”“'.join(missing)}”，文中已留出【待补充】提示，请补写后删除提示。")
        paragraphs: list[Paragraph] = []
        if notes.rectification:
            blocks = [("上年度问题整改情况", enumerate_clauses([self.b(x) for x in notes.rectification]))]
            blocks += [("存在的主要问题", problems_text), ("改进措施", measures_text)]
            for i, (title, body) in enumerate(blocks):
                paragraphs.append(Paragraph(text=f"（{ordinal(i)}）{title}", heading=True))
                paragraphs.append(Paragraph(text=body))
        else:
            paragraphs = [Paragraph(text=problems_text), Paragraph(text=measures_text)]
        return OfflineSection(paragraphs, gaps, missing)

    # -- 六、其他需要报告的事项
    def other(self) -> OfflineSection:
        bullets = [self.b(b) for b in self.notes.other if clause(b) and clause(b) not in _NOTHING]
        paragraphs: list[Paragraph] = []
        if self.data.format == "2021" and not any(_FEE.search(b) for b in bullets):
            paragraphs.append(Paragraph(text=self.fee_sentence()))
        paragraphs += [Paragraph(text=sentence(b)) for b in bullets]
        if not paragraphs:
            paragraphs = [Paragraph(text="无。")]
        return OfflineSection(paragraphs)

    def fee_sentence(self) -> str:
        """The 信息处理费 statement: a figure only when the data holds one, else none charged."""
        for i, fact in enumerate(self.data.facts):
            if _FEE.search(fact.label):
                if fact.value == 0:
                    return "本年度未收取信息处理费。"
                return f"本年度收取信息处理费{self.v(f'facts.{i}')}{fact.unit}。"
        return "本年度未收取信息处理费。"


def _note_fact_ids(notes: Notes) -> dict[str, list[tuple[int, int, str]]]:
    """bullet → (start, end, notes.N) for each figure, numbered as build_fact_sheet numbers them."""
    from ..numbers import find_numbers

    out: dict[str, list[tuple[int, int, str]]] = {}
    n = 0
    for _, bullet in notes.all_bullets():
        spots = []
        for m in find_numbers(bullet):
            if m.unit in ("年", "月", "日", "号"):
                continue
            spots.append((m.start, m.end, f"notes.{n}"))
            n += 1
        out.setdefault(bullet, spots)
    return out


def compose_offline(
    data: ReportData, notes: Notes | None = None, sheet: FactSheet | None = None, *, refs: bool = False
) -> dict[str, OfflineSection]:
    """The offline text of 一、五、六, keyed by section id (refs=True: figures as 【F:id】)."""
    return OfflineComposer(data, notes, sheet, refs=refs).compose()
