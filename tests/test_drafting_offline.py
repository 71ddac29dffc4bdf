"""The offline composer: official register, topics in the notes' order, figures only from
the fact sheet, and nothing invented."""

from __future__ import annotations

import pytest
from drafting_support import example, simple_validator

from drafter.data import parse_data
from drafter.drafting.offline import compose_offline
from drafter.drafting.register import self_reference
from drafter.notes import parse_notes


def texts(sections) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {sid: "\n".join(p.text for p in s.paragraphs) for sid, s in sections.items()}


def base(**over):  # type: ignore[no-untyped-def]
    raw = {"organization": "伊川县鸣皋镇人民政府", "short_name": "鸣皋镇", "level": "township", "year": 2020}
    raw.update(over)
    return parse_data(raw)


def test_minggao_reads_like_the_seed() -> None:
    data, notes = example("minggao-2020")
    sections = compose_offline(data, notes)
    s1 = sections["s1_overview"].paragraphs
    headings = [p.text for p in s1 if p.heading]
    assert headings == [
        "（一）基层政务公开标准化规范化情况",
        "（二）主动公开情况",
        "（三）依申请公开情况",
        "（四）政府信息管理情况",
        "（五）监督保障情况",
    ]
    assert s1[0].text.startswith("2020年，伊川县鸣皋镇人民政府")
    body = texts(sections)
    assert "全年未收到政府信息公开申请。" in body["s1_overview"]
    assert "未发生因政府信息公开引起的行政复议、行政诉讼。" in body["s1_overview"]
    assert "主动公开公告公示180条" in body["s1_overview"]
    # the notes' own request-count bullet is replaced by the table's statement, not repeated
    assert "全年没有收到申请" not in body["s1_overview"]
    s5 = body["s5_problems"]
    assert "一是事项公开不够及时；二是" in s5 and "三是政策解读质量不高" in s5
    assert "下一步，我镇将" in s5 and "四是畅通新媒体互动渠道" in s5
    assert "我局" not in "".join(body.values())  # the seed's slip is not copied
    assert body["s6_other"] == "无。"  # 2019 format: no fee item; the notes say 无
    assert simple_validator(data, body, notes) == []


def test_2021_township_order_fee_and_carry_over() -> None:
    data, notes = example("township-2023")
    sections = compose_offline(data, notes)
    body = texts(sections)
    headings = [p.text for p in sections["s1_overview"].paragraphs if p.heading]
    assert [h[3:] for h in headings] == [
        "主动公开情况",
        "依申请公开情况",
        "政府信息管理情况",
        "政府信息公开平台建设情况",
        "监督保障情况",
    ]
    s1 = body["s1_overview"]
    assert "共新收政府信息公开申请6件（其中自然人申请5件，法人或其他组织申请1件），较上年增加3件，上年结转1件" in s1
    assert "；办结6件，其中予以公开3件、部分公开1件、无法提供2件；结转下年度继续办理1件。" in s1
    assert "被申请行政复议1件（其中结果维持1件），未发生因政府信息公开引起的行政诉讼" in s1
    assert "制发行政规范性文件2件" in s1
    # rectification present → three headed parts in section 五
    s5_heads = [p.text for p in sections["s5_problems"].paragraphs if p.heading]
    assert s5_heads == ["（一）上年度问题整改情况", "（二）存在的主要问题", "（三）改进措施"]
    assert body["s6_other"] == "本年度未收取信息处理费。"
    assert simple_validator(data, body, notes) == []


def test_department_uses_its_own_register() -> None:
    data, notes = example("county-dept-2023")
    body = texts(compose_offline(data, notes))
    assert "我局" in body["s1_overview"] and "我镇" not in "".join(body.values())
    assert "被提起行政诉讼2件（其中结果维持1件、尚未审结1件）" in body["s1_overview"]
    assert "作出行政许可处理决定356件、行政处罚处理决定42件、行政强制处理决定5件" in body["s1_overview"]
    # the notes state the fee, so it is not written twice
    assert body["s6_other"] == "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。"
    assert simple_validator(data, body, notes) == []


@pytest.mark.parametrize(
    ("organization", "level", "expected"),
    [
        ("伊川县鸣皋镇人民政府", "township", "我镇"),
        ("某县大河乡人民政府", "township", "我乡"),
        ("某区东城街道办事处", "township", "我街道"),
        ("伊川县人民政府", "county", "我县"),
        ("洛阳市西工区人民政府", "county", "我区"),
        ("洛阳市人民政府", "city", "我市"),
        ("河南省人民政府", "province", "我省"),
        ("伊川县教育局", "department", "我局"),
        ("伊川县发展和改革委员会", "department", "我委"),
        ("伊川县人民政府办公室", "department", "我办"),
        ("某市卫生健康委", "department", "我委"),
    ],
)
def test_self_reference(organization: str, level: str, expected: str) -> None:
    assert self_reference(base(organization=organization, short_name=None, level=level)) == expected


def test_missing_topics_2019_are_added_only_when_facts_support_them() -> None:
    data = base(year=2020, tables={"requests": {"new_received": [2, 0, 0, 0, 0, 0, 2], "granted": [2, 0, 0, 0, 0, 0, 2]}})
    notes = parse_notes("# 总体情况\n## 政府信息管理\n- 落实保密审查\n# 存在的主要问题\n- 更新不及时\n")
    section = compose_offline(data, notes)["s1_overview"]
    headings = [p.text for p in section.paragraphs if p.heading]
    # the 2019 format lists no sub-items: 依申请公开 is supported by table 三 and goes before
    # 政府信息管理; 主动公开 has no figure → left out
    assert headings == ["（一）依申请公开情况", "（二）政府信息管理情况"]
    assert "共新收政府信息公开申请2件" in section.paragraphs[2].text
    assert section.missing == []


def test_required_topics_2021_without_material_get_a_visible_reminder() -> None:
    data = base(year=2022, tables={"requests": {"new_received": [2, 0, 0, 0, 0, 0], "granted": [2, 0, 0, 0, 0, 0]}})
    notes = parse_notes("# 总体情况\n## 政府信息管理\n- 落实保密审查\n# 存在的主要问题\n- 更新不及时\n")
    section = compose_offline(data, notes)["s1_overview"]
    headings = [p.text for p in section.paragraphs if p.heading]
    assert headings == [
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）政府信息公开平台建设情况",
        "（五）监督保障情况",
    ]
    assert section.missing == ["主动公开", "政府信息公开平台建设", "监督保障"]
    bodies = {section.paragraphs[i - 1].text: p.text for i, p in enumerate(section.paragraphs) if not p.heading and i}
    assert bodies["（一）主动公开情况"].startswith("【待补充：本年主动公开方面的主要做法和成效。")
    assert "“## 主动公开”" in bodies["（一）主动公开情况"]
    assert "落实保密审查" in bodies["（三）政府信息管理情况"]
    assert "待补充" in section.gaps[0] and "监督保障" in section.gaps[0]


def test_untouched_template_renders_a_reminder_in_every_empty_sub_section() -> None:
    from drafter.skeleton import notes_skeleton

    notes = parse_notes(notes_skeleton("伊川县鸣皋镇人民政府", 2024))
    sections = compose_offline(base(year=2024), notes)
    s1 = sections["s1_overview"].paragraphs
    for i, p in enumerate(s1):
        if p.heading and "依申请公开" not in p.text:
            assert s1[i + 1].text.startswith("【待补充："), p.text
    s5 = [p.text for p in sections["s5_problems"].paragraphs]
    assert len(s5) == 2 and all(t.startswith("【待补充：") for t in s5)
    assert "存在的主要问题" in s5[0] and "改进措施" in s5[1]
    assert sections["s5_problems"].missing == ["存在的主要问题", "改进措施"]


def test_prose_reads_as_a_person_writes() -> None:
    for name in ("minggao-2020", "township-2023", "county-dept-2023"):
        data, notes = example(name)
        body = texts(compose_offline(data, notes))
        paragraphs = body["s1_overview"].split("\n")
        # the year opens the section once, not paragraph after paragraph
        assert sum(p.startswith(f"{data.year}年") for p in paragraphs) == 1, name
        # the preamble defines 《条例》; the body uses the short name
        assert "《中华人民共和国政府信息公开条例》" not in body["s1_overview"] and "《条例》" in body["s1_overview"]
        assert "本年度" not in body["s1_overview"], name


def test_fee_statement_never_invents_a_figure() -> None:
    notes = parse_notes("# 其他需要报告的事项\n- 无\n")
    plain = compose_offline(base(year=2022), notes)["s6_other"].paragraphs
    assert [p.text for p in plain] == ["本年度未收取信息处理费。"]
    charged = base(year=2022, facts=[{"label": "收取信息处理费", "value": 120, "unit": "元"}])
    assert [p.text for p in compose_offline(charged, notes)["s6_other"].paragraphs] == ["本年度收取信息处理费120元。"]


def test_missing_problem_notes_are_reported_as_gaps() -> None:
    section = compose_offline(base(), parse_notes("# 总体情况\n- 按要求公开\n"))["s5_problems"]
    assert section.gaps and "存在的主要问题" in section.gaps[0]
    assert section.paragraphs  # still a sentence, never an empty section


def test_composer_is_deterministic() -> None:
    data, notes = example("township-2023")
    assert texts(compose_offline(data, notes)) == texts(compose_offline(data, notes))
