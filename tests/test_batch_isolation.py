"""The isolation check on its own: which names of the batch are findings in whose text."""

from __future__ import annotations

from drafter.batch.isolation import Known, Neighbours
from drafter.data import parse_data


def body(org: str, short: str | None, level: str, parent: str = "河阳县人民政府"):  # type: ignore[no-untyped-def]
    return parse_data({"organization": org, "short_name": short, "level": level, "parent": parent, "year": 2023})


BATCH = [
    Known("河阳县清水镇人民政府", "清水镇", "township", "a"),
    Known("河阳县东岭镇人民政府", "东岭镇", "township", "b"),
    Known("河阳县教育局", "教育局", "department", "c"),
    Known("河阳县人民政府", "河阳县", "county", "d"),
]


def test_peer_by_short_name_is_an_error_other_levels_by_full_name_a_warning() -> None:
    n = Neighbours(BATCH)
    me = body("河阳县清水镇人民政府", "清水镇", "township")
    text = "清水镇扎实推进公开工作。东岭镇严格落实制度。配合县教育局开展培训。河阳县教育局派员指导。河阳县人民政府部署。"
    found = n.findings(me, {"s1_overview": text})
    assert [(f.quote, f.severity) for f in found] == [("东岭镇", "error"), ("河阳县教育局", "warning")]
    assert found[0].rule == "text.organization" and "文件夹 b" in found[0].message
    assert text[found[0].span[0]:found[0].span[1]] == "东岭镇"


def test_a_department_names_a_peer_department_and_a_wrapped_validator_adds_findings() -> None:
    n = Neighbours([*BATCH, Known("河阳县水利局", "水利局", "department", "e")])
    me = body("河阳县教育局", "教育局", "department")
    check = n.wrap(lambda data, texts, notes=None: [])
    found = check(me, {"s5_problems": "水利局信息公开栏目更新不及时。"}, None)
    assert [(f.quote, f.severity, f.section) for f in found] == [("水利局", "error", "s5_problems")]
    assert Neighbours([]).findings(me, {"s1_overview": "水利局"}) == []
