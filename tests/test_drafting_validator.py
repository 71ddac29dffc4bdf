"""The gate with the real validator (drafter.validate.check_narrative, the default): offline
drafts pass it, and each kind of contradiction a model might write is caught and repaired."""

from __future__ import annotations

import pytest
from drafting_support import as_json, example, good_answers, router

from drafter.drafting import LLMBackend, OfflineBackend, default_validator, draft_narrative_sync, final_findings
from drafter.drafting.offline import compose_offline


@pytest.mark.parametrize("name", ["minggao-2020", "township-2023", "county-dept-2023"])
def test_offline_drafts_pass_the_real_validator(name: str) -> None:
    data, notes = example(name)
    texts = {sid: "\n".join(p.text for p in s.paragraphs) for sid, s in compose_offline(data, notes).items()}
    assert default_validator()(data, texts, notes) == []
    narrative = draft_narrative_sync(data, notes, OfflineBackend())  # default validator
    assert final_findings(data, narrative, notes) == []
    assert not any(s.needs_review for s in narrative.sections.values())


@pytest.mark.parametrize(
    ("bad", "rule"),
    [
        ("2023年，清水镇共新收政府信息公开申请9件。", "text.contradiction"),  # changed figure
        ("2023年，清水镇全年未收到政府信息公开申请。", "text.contradiction"),  # false zero claim
        ("2022年，河阳县清水镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。", "text.year"),  # wrong year
        ("我局高度重视政府信息公开工作。", "text.organization"),  # a bureau's register in a township
        ("全年主动公开政府信息300条。", "text.unsupported"),  # a figure from nowhere
    ],
)
def test_each_kind_of_contradiction_is_repaired(bad: str, rule: str) -> None:
    data, notes = example("township-2023")
    good = good_answers(data, notes)["s1_overview"]
    model = router(data, notes, s1_overview=[as_json([bad]), good])
    backend = LLMBackend(chat_model=model, model="fake", endpoint="fake", name="fake")
    narrative = draft_narrative_sync(data, notes, backend)
    s1 = narrative.sections["s1_overview"]
    first = s1.provenance["attempts"][0]
    assert not first["passed"] and rule in {f["rule"] for f in first["findings"]}
    assert s1.origin == "llm" and bad not in s1.text
    assert final_findings(data, narrative, notes) == []
