"""Prompt templates: strict front matter, strict variables, sandboxed rendering, and
prompts that carry only the facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from drafting_support import example

from drafter.drafting.prompts import PromptError, PromptLibrary, parse_prompt
from drafter.drafting.variables import prompt_variables
from drafter.facts import build_fact_sheet
from drafter.notes import parse_notes

SHIPPED = ("system", "s1_overview", "s5_problems", "s6_other", "repair")


def write(tmp_path: Path, name: str, text: str) -> PromptLibrary:
    (tmp_path / f"{name}.j2").write_text(text, "utf-8")
    return PromptLibrary(tmp_path)


def test_shipped_prompts_load_with_versions() -> None:
    lib = PromptLibrary()
    for name in SHIPPED:
        prompt = lib.get(name)
        assert prompt.version >= 1 and prompt.ref == f"{name}@{prompt.version}"


@pytest.mark.parametrize("name", ["minggao-2020", "township-2023", "county-dept-2023"])
@pytest.mark.parametrize("section", ["s1_overview", "s5_problems", "s6_other"])
def test_every_section_prompt_renders_for_every_example(name: str, section: str) -> None:
    data, notes = example(name)
    sheet = build_fact_sheet(data, notes)
    variables = prompt_variables(data, notes, sheet, section)
    lib = PromptLibrary()
    text = lib.render(section, **variables) + lib.render("system", body=variables["body"])
    assert data.organization in text and f"章节编号：{section}" in text
    # only facts: every listed id is on the fact sheet, and zero table cells are not listed
    for f in variables["facts"]:
        assert f["id"] in sheet
    assert "requests.denied_state_secret.total" not in text


def test_register_reaches_the_prompt() -> None:
    data, notes = example("county-dept-2023")
    v = prompt_variables(data, notes, build_fact_sheet(data, notes), "s1_overview")
    system = PromptLibrary().render("system", body=v["body"])
    assert "自称一律用“我局”" in system


def test_missing_and_extra_variables_fail_loudly() -> None:
    lib = PromptLibrary()
    with pytest.raises(PromptError, match="缺少变量 findings"):
        lib.render("repair", section_title="一、总体情况")
    with pytest.raises(PromptError, match="多出未声明的变量 extra"):
        lib.render("repair", section_title="x", findings=[], extra=1)


def test_note_text_is_data_not_template() -> None:
    data, _ = example("minggao-2020")
    notes = parse_notes("# 总体情况\n- 公开{{ 7*7 }}条{% if true %}X{% endif %}\n")
    v = prompt_variables(data, notes, build_fact_sheet(data, notes), "s1_overview")
    text = PromptLibrary().render("s1_overview", **v)
    assert "- 公开{{ 7*7 }}条{% if true %}X{% endif %}\n" in text
    assert "公开49条" not in text and "条X" not in text


def test_template_using_an_undeclared_variable_is_refused(tmp_path: Path) -> None:
    lib = write(tmp_path, "p", "---\nversion: 1\nrole: user\ndescription: d\nvariables: [a]\n---\n{{ a }}{{ b }}\n")
    with pytest.raises(PromptError, match="未声明的变量：b"):
        lib.get("p")


def test_declared_but_unused_variable_is_refused(tmp_path: Path) -> None:
    lib = write(tmp_path, "p", "---\nversion: 1\nrole: user\ndescription: d\nvariables: [a, b]\n---\n{{ a }}\n")
    with pytest.raises(PromptError, match="没有使用的变量：b"):
        lib.get("p")


@pytest.mark.parametrize(
    "front",
    [
        "version: 1\nrole: user\ndescription: d\nvariables: [a]\nextra: 1\n",  # unknown key
        "version: 0\nrole: user\ndescription: d\nvariables: [a]\n",  # version must be >= 1
        "role: user\ndescription: d\nvariables: [a]\n",  # no version
        "version: 1\nrole: narrator\ndescription: d\nvariables: [a]\n",  # bad role
    ],
)
def test_front_matter_is_strict(tmp_path: Path, front: str) -> None:
    with pytest.raises(PromptError, match="front matter"):
        write(tmp_path, "p", f"---\n{front}---\n{{{{ a }}}}\n").get("p")


def test_missing_front_matter_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="front matter"):
        write(tmp_path, "p", "{{ a }}\n").get("p")
    with pytest.raises(PromptError, match="找不到提示词模板"):
        PromptLibrary(tmp_path).get("nope")


def test_sandbox_blocks_attribute_escapes(tmp_path: Path) -> None:
    src = "---\nversion: 1\nrole: user\ndescription: d\nvariables: [a]\n---\n{{ a.__class__.__mro__[1].__subclasses__() }}\n"
    prompt = parse_prompt("p", src, tmp_path / "p.j2")
    with pytest.raises(PromptError, match="渲染失败"):
        prompt.render(a="x")
