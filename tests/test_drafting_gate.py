"""The gate with LangChain fake chat models: fact references filled, findings sent back
for repair, bounded repairs, offline fallback marked for review, cache, provenance."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from drafting_support import as_json, example, fake, good_answers, good_with, router, simple_validator
from langchain_core.messages import AIMessage

from drafter.drafting import LLMBackend, OfflineBackend, ResponseCache, draft_narrative, draft_narrative_sync
from drafter.drafting.offline import compose_offline
from drafter.findings import Finding


def backend(model, name: str = "fake-model") -> LLMBackend:  # type: ignore[no-untyped-def]
    return LLMBackend(chat_model=model, model=name, endpoint="fake", name="fake")


def run(data, notes, model, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("validator", simple_validator)
    return draft_narrative_sync(data, notes, backend(model), **kw)


REQUESTS_OK = "2020年，鸣皋镇共收到政府信息公开申请【F:requests.new_received.total】件。"
REQUESTS_BAD = "2020年，鸣皋镇共收到政府信息公开申请3件。"
ZERO = "全年未收到政府信息公开申请。"  # what the complete answer for Minggao says about 表三


def s1_saying(sentence: str) -> str:
    """Minggao's complete 一 (every sub-item), with its statement on 表三 replaced."""
    data, notes = example("minggao-2020")
    return good_with(data, notes, "s1_overview", ZERO, sentence)


def test_fact_references_are_filled_and_text_is_suggested() -> None:
    data, notes = example("minggao-2020")
    answer = AIMessage(
        content=s1_saying(REQUESTS_OK + "主动公开公告公示【F:facts.0】条。"),
        usage_metadata={"input_tokens": 900, "output_tokens": 120, "total_tokens": 1020},
    )
    model = router(data, notes, s1_overview=[answer])
    narrative = run(data, notes, model)
    s1 = narrative.sections["s1_overview"]
    assert "2020年，鸣皋镇共收到政府信息公开申请0件。主动公开公告公示180条。" in s1.text
    assert s1.paragraphs[1].heading and s1.origin == "llm" and s1.suggested and not s1.needs_review
    prov = s1.provenance
    assert prov["backend"] == "fake" and prov["model"] == "fake-model" and prov["endpoint"] == "fake"
    assert prov["prompts"] == ["system@1", "s1_overview@2"]
    assert prov["attempts"][0]["usage"] == {"input_tokens": 900, "output_tokens": 120, "total_tokens": 1020}
    assert prov["usage"]["total_tokens"] == 1020 and prov["repairs"] == 0 and prov["cache_hit"] is False


def test_contradiction_is_sent_back_and_repaired() -> None:
    data, notes = example("minggao-2020")
    model = router(data, notes, s1_overview=[s1_saying(REQUESTS_BAD), s1_saying(REQUESTS_OK)])
    s1 = run(data, notes, model).sections["s1_overview"]
    assert s1.origin == "llm" and "2020年，鸣皋镇共收到政府信息公开申请0件。" in s1.text
    attempts = s1.provenance["attempts"]
    assert [a["passed"] for a in attempts] == [False, True] and attempts[1]["kind"] == "repair"
    rules = {(f["rule"], f["quote"]) for f in attempts[0]["findings"]}
    # typed, contradicted, and (with no reference to 表三's total) not stating the table's figure
    assert rules == {("draft.literal_figure", "3件"), ("text.contradiction", "3件"), ("draft.incomplete", None)}
    repair_call = model.calls_for("s1_overview")[1]
    assert repair_call[-2].type == "ai" and "申请3件" in repair_call[-2].content
    assert repair_call[-1].type == "human" and "正文称“3件”" in repair_call[-1].content
    assert "repair@1" in s1.provenance["prompts"]


def test_a_model_that_never_stops_contradicting_falls_back_for_review() -> None:
    data, notes = example("minggao-2020")
    model = router(data, notes, s1_overview=[s1_saying(REQUESTS_BAD)] * 3)
    narrative = run(data, notes, model)
    s1 = narrative.sections["s1_overview"]
    offline = compose_offline(data, notes)["s1_overview"].paragraphs
    assert s1.origin == "fallback" and s1.needs_review and not s1.suggested
    assert s1.paragraphs == offline
    assert len(s1.provenance["attempts"]) == 3 and not any(a["passed"] for a in s1.provenance["attempts"])
    note = s1.provenance["review_note"]
    assert note.startswith("模型起草的文字经 2 次修改仍有问题（") and "这段文字已通过核对" in note
    assert "3件" in note and "【F:" not in note
    assert s1.provenance["fallback"]["findings"] == []  # the offline text itself passes
    # the other sections were not affected
    assert narrative.sections["s5_problems"].origin == "llm"


def test_max_repairs_bounds_the_attempts() -> None:
    data, notes = example("minggao-2020")
    model = router(data, notes, s1_overview=[s1_saying(REQUESTS_BAD)] * 5)
    s1 = run(data, notes, model, max_repairs=0).sections["s1_overview"]
    assert s1.origin == "fallback" and len(s1.provenance["attempts"]) == 1
    assert len(model.calls_for("s1_overview")) == 1


def test_unknown_fact_id_triggers_repair() -> None:
    data, notes = example("minggao-2020")
    model = router(
        data, notes, s1_overview=[s1_saying("共收到申请【F:requests.bogus.total】件。"), s1_saying(REQUESTS_OK)]
    )
    s1 = run(data, notes, model).sections["s1_overview"]
    first = s1.provenance["attempts"][0]["findings"]
    assert first[0]["rule"] == "draft.unknown_fact" and "requests.bogus.total" in first[0]["message"]
    assert s1.origin == "llm"


@pytest.mark.parametrize(
    "bad",
    [
        "这不是JSON",
        '{"paragraphs": "not a list"}',
        '{"paragraphs": []}',
        '{"paragraphs": [{"heading": false, "text": "   "}]}',
    ],
)
def test_malformed_answers_are_findings_not_crashes(bad: str) -> None:
    data, notes = example("minggao-2020")
    model = router(data, notes, s6_other=[bad, as_json(["无。"])])
    s6 = run(data, notes, model).sections["s6_other"]
    assert s6.origin == "llm" and s6.text == "无。"
    assert s6.provenance["attempts"][0]["findings"][0]["rule"].startswith("draft.")


def test_think_block_and_fence_are_handled() -> None:
    data, notes = example("minggao-2020")
    answer = "<think>先核对数据：新收0件……</think>\n好的，以下是正文：\n```json\n" + as_json(["无。"]) + "\n```"
    s6 = run(data, notes, router(data, notes, s6_other=[answer])).sections["s6_other"]
    assert s6.origin == "llm" and s6.text == "无。"


def test_validator_is_injected_and_sees_each_section() -> None:
    data, notes = example("township-2023")
    seen: list[tuple[str, ...]] = []

    def picky(d, texts, n):  # type: ignore[no-untyped-def]
        seen.append(tuple(texts))
        assert n is notes and d is data
        return (
            [Finding("style.test", "error", "测试用：本节总被拒绝。", section="s5_problems")]
            if "s5_problems" in texts
            else []
        )

    s5_answer = good_answers(data, notes)["s5_problems"]
    narrative = run(data, notes, router(data, notes, s5_problems=[s5_answer] * 3), validator=picky)
    assert all(len(keys) == 1 for keys in seen)
    assert narrative.sections["s1_overview"].origin == "llm"
    s5 = narrative.sections["s5_problems"]
    assert s5.origin == "fallback" and s5.needs_review  # even the offline text fails this validator
    assert "本节文字与表格或素材不符：测试用：本节总被拒绝" in s5.provenance["review_note"]
    assert "这段文字已通过核对" not in s5.provenance["review_note"]


def test_offline_backend_goes_through_the_same_gate() -> None:
    data, notes = example("county-dept-2023")
    calls: list[str] = []

    def counting(d, texts, n):  # type: ignore[no-untyped-def]
        calls.extend(texts)
        return simple_validator(d, texts, n)

    narrative = draft_narrative_sync(data, notes, OfflineBackend(), validator=counting)
    assert sorted(calls) == ["s1_overview", "s5_problems", "s6_other"]
    for s in narrative.sections.values():
        assert s.origin == "offline" and not s.suggested and not s.needs_review
        assert s.provenance["backend"] == "offline" and s.provenance["attempts"][0]["passed"]


def test_cache_answers_identical_requests(tmp_path: Path) -> None:
    data, notes = example("minggao-2020")
    cache = ResponseCache(tmp_path / "cache")
    first = run(
        data, notes, router(data, notes, s1_overview=[s1_saying(REQUESTS_BAD), s1_saying(REQUESTS_OK)]), cache=cache
    )
    files = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(files) == 4  # three drafts and one repair
    # the same run again: every answer from the cache, no model call at all
    empty = router(data, notes, s1_overview=[], s5_problems=[], s6_other=[])
    again = run(data, notes, empty, cache=cache)
    assert empty.calls == []
    assert again.sections["s1_overview"].text == first.sections["s1_overview"].text
    assert all(a["cache_hit"] for s in again.sections.values() for a in s.provenance["attempts"])
    # another model is another request
    other = router(data, notes)
    draft_narrative_sync(data, notes, backend(other, name="another-model"), validator=simple_validator, cache=cache)
    assert len(other.calls) == 3


def test_unreadable_cache_file_is_a_miss(tmp_path: Path) -> None:
    data, notes = example("minggao-2020")
    cache = ResponseCache(tmp_path)
    run(data, notes, router(data, notes), cache=cache)
    for f in tmp_path.rglob("*.json"):
        f.write_text("{broken", "utf-8")
    model = router(data, notes)
    run(data, notes, model, cache=cache)
    assert len(model.calls) == 3
    json.loads(next(tmp_path.rglob("*.json")).read_text("utf-8"))  # rewritten whole


def test_many_bodies_draft_concurrently() -> None:
    bodies = [example(n) for n in ("minggao-2020", "township-2023", "county-dept-2023")]

    async def batch():  # type: ignore[no-untyped-def]
        return await asyncio.gather(
            *(draft_narrative(d, n, backend(router(d, n)), validator=simple_validator) for d, n in bodies)
        )

    results = asyncio.run(batch())
    for (d, n), narrative in zip(bodies, results, strict=True):
        offline = compose_offline(d, n)
        for sid, section in narrative.sections.items():
            assert section.origin == "llm" and section.paragraphs == offline[sid].paragraphs


def test_a_plain_fake_model_works_without_a_router() -> None:
    data, notes = example("minggao-2020")
    good = good_answers(data, notes)
    # one answer for every call: it is complete only for 六
    model = fake(*[good["s6_other"]] * 3)
    narrative = run(data, notes, model, max_repairs=0)
    assert {sid: s.origin for sid, s in narrative.sections.items()} == {
        "s1_overview": "fallback",
        "s5_problems": "fallback",
        "s6_other": "llm",
    }
