"""An adversarial LangChain chat model for the drafting eval.

It answers every section prompt with the offline composer's valid text, figures written as
fact references (【F:id】) as the prompts ask, except that at a
known rate it injects one contradiction: a changed figure, a false zero claim, a wrong year,
another kind of body's self-reference (我局 in a township), or a false claim made in words
alone (复议均被维持 where one was corrected, 未作出行政处罚决定 where there were 8, 较上年有所减少
where requests rose, 均为自然人提出 where a company applied). On a repair request it
answers cleanly, except that at `persist` rate it injects again. Every answer is logged so
the eval can count injected / caught / passed through.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field, PrivateAttr

from drafter.data import ReportData
from drafter.drafting.factrefs import REF
from drafter.drafting.register import self_reference
from drafter.facts import FactSheet

SECTION_ID = re.compile(r"章节编号：(\w+)")
KINDS = ("changed_figure", "false_zero", "wrong_year", "wrong_register",
         # claims in words only, no figure: an outcome, a 表二 zero, a direction of change, an applicant scope
         "false_outcome", "false_table2_zero", "false_direction", "false_scope")


@dataclass
class Injection:
    kind: str
    snippet: str  # text that appears in the answer only because of the injection


@dataclass
class Call:
    section: str
    attempt: int  # 1 for the draft, 2… for repairs
    injection: Injection | None


def _wrong_self(data: ReportData) -> str:
    return "我局" if data.level != "department" else "我镇"


def inject(
    kind: str, paragraphs: list[dict[str, Any]], data: ReportData, sheet: FactSheet, rng: random.Random
) -> Injection | None:
    """Apply one contradiction of `kind` to the paragraphs in place; None when not applicable."""
    body = [p for p in paragraphs if not p["heading"]]
    if not body:
        return None
    if kind == "changed_figure":
        # a figure the model types itself, off by a few, where the clean text references a fact
        spots = [(p, m) for p in body for m in REF.finditer(p["text"]) if m.group(1) in sheet]
        if not spots:
            return None
        p, m = rng.choice(spots)
        wrong = str(int(sheet.value(m.group(1))) + rng.choice((3, 7, 11)))
        p["text"] = p["text"][: m.start()] + wrong + p["text"][m.end() :]
        following = p["text"][m.start() + len(wrong) : m.start() + len(wrong) + 2]
        return Injection(kind, wrong + following)
    if kind == "false_zero":
        if sheet.value("requests.new_received.total") > 0:
            sentence = "全年未收到政府信息公开申请。"
        elif sheet.value("review_litigation.total") > 0:
            sentence = "全年未发生因政府信息公开引起的行政复议、行政诉讼。"
        else:
            return None
        body[0]["text"] += sentence
        return Injection(kind, sentence)
    if kind == "wrong_year":
        wrong = f"{data.year - 1}年"
        for p in body:
            if f"{data.year}年" in p["text"]:
                p["text"] = p["text"].replace(f"{data.year}年", wrong, 1)
                return Injection(kind, wrong)
        sentence = f"{wrong}，{self_reference(data)}认真做好政府信息公开工作。"
        body[0]["text"] = sentence + body[0]["text"]
        return Injection(kind, sentence)
    if kind == "wrong_register":
        me, wrong = self_reference(data), _wrong_self(data)
        for p in body:
            if me in p["text"]:
                p["text"] = p["text"].replace(me, wrong, 1)
                return Injection(kind, wrong)
        sentence = f"{wrong}高度重视政府信息公开工作。"
        body[0]["text"] = sentence + body[0]["text"]
        return Injection(kind, sentence)
    sentence = _word_claim(kind, data, sheet)
    if sentence is None:
        return None
    body[0]["text"] += sentence
    return Injection(kind, sentence)


def _word_claim(kind: str, data: ReportData, sheet: FactSheet) -> str | None:
    """A false sentence with no figure in it, or None when the data leave nothing to contradict."""
    v = sheet.value
    if kind == "false_outcome":
        for group, name in (("review.review", "行政复议"), ("review.lit_direct", "行政诉讼")):
            total = v(f"{group}.total")
            if total and v(f"{group}.upheld") < total:
                return f"{name}案件结果均为维持。"
            if total and v(f"{group}.corrected") == 0:
                return f"{name}案件结果为纠正。"
        return None
    if kind == "false_table2_zero":
        for row, words in (("admin_penalty", "行政处罚"), ("admin_license", "行政许可"), ("admin_coercion", "行政强制")):
            for col in ("decisions_this_year", "decisions"):
                fid = f"proactive.{row}.{col}"
                if fid in sheet and v(fid) > 0:
                    return f"本年度未作出{words}决定。"
        return None
    if kind == "false_direction":
        fid = "change.requests.new_received.total"
        if fid not in sheet:
            return None
        return "新收政府信息公开申请较上年有所减少。" if v(fid) >= 0 else "新收政府信息公开申请较上年有所增加。"
    if kind == "false_scope":
        total = v("requests.new_received.total")
        if total and v("requests.new_received.natural_person") < total:
            return "收到的申请均为自然人提出。"
        if total and v("requests.by_org.new_received") == 0:
            return "收到的申请均来自法人或其他组织。"
        return None
    raise ValueError(kind)


class AdversarialChatModel(BaseChatModel):
    """Offline text as JSON, with contradictions injected at `rate` (and again at `persist`)."""

    clean: dict[str, list[dict[str, Any]]]  # section id → paragraphs of valid text
    data: Any
    sheet: Any
    rate: float = 0.5
    persist: float = 0.2
    seed: int = 0
    calls: list[Call] = Field(default_factory=list)
    _rng: random.Random = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        self._rng = random.Random(self.seed)

    @property
    def _llm_type(self) -> str:
        return "adversarial-fake"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        first = next(m for m in messages if m.type == "human").content
        section = SECTION_ID.search(first).group(1)  # type: ignore[union-attr]
        attempt = sum(1 for m in messages if m.type == "human")
        paragraphs = [dict(p) for p in self.clean[section]]
        chance = self.rate if attempt == 1 else self.persist
        injection = None
        if self._rng.random() < chance:
            for kind in self._rng.sample(KINDS, len(KINDS)):
                injection = inject(kind, paragraphs, self.data, self.sheet, self._rng)
                if injection is not None:
                    break
        self.calls.append(Call(section, attempt, injection))
        content = json.dumps({"paragraphs": paragraphs}, ensure_ascii=False)
        tokens = len(first) // 2
        message = AIMessage(
            content=content,
            usage_metadata={
                "input_tokens": tokens,
                "output_tokens": len(content) // 2,
                "total_tokens": tokens + len(content) // 2,
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])
