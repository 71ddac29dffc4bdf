"""Coverage rules of the gate (completeness.py), the reviewer's notes (review.py), and the
spinner shown while a model drafts. The rules come from the format and the notes, so they
are tested on every example and on made-up bodies, not on one text."""

from __future__ import annotations

import io
import json
import time

import pytest
from drafting_support import example, good_answers

from drafter.data import parse_data
from drafter.drafting.completeness import check_complete, mentions
from drafter.drafting.offline import OfflineComposer
from drafter.drafting.progress import Spinner
from drafter.drafting.review import fallback_note, problems, shown_text_note
from drafter.findings import Finding
from drafter.notes import parse_notes
from drafter.report import Paragraph

EXAMPLES = ("minggao-2020", "township-2023", "county-dept-2023")


def paragraphs_of(answer: str, composer: OfflineComposer) -> tuple[list[Paragraph], set[str]]:
    """A model's answer (with 【F:id】 references) as the gate reads it."""
    from drafter.drafting.factrefs import fill_refs

    out, used = [], set()
    for p in json.loads(answer)["paragraphs"]:
        filled = fill_refs(p["text"], composer.sheet, "x")
        used.update(filled.used)
        out.append(Paragraph(text=filled.text, heading=p["heading"]))
    return out, used


def gaps(name: str, sid: str, answer: str | None = None) -> list[str]:
    data, notes = example(name)
    composer = OfflineComposer(data, notes)
    paragraphs, used = paragraphs_of(answer or good_answers(data, notes)[sid], composer)
    return [f.message for f in check_complete(data, notes, composer, sid, paragraphs, used)]


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("sid", ["s1_overview", "s5_problems", "s6_other"])
def test_a_complete_answer_passes(name: str, sid: str) -> None:
    assert gaps(name, sid) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_sub_item_of_the_notes_is_required(name: str) -> None:
    data, notes = example(name)
    answer = json.loads(good_answers(data, notes)["s1_overview"])
    for i, p in enumerate(answer["paragraphs"]):
        if not p["heading"]:
            continue
        title = p["text"][3:]  # （一）…
        dropped = dict(answer, paragraphs=answer["paragraphs"][:i] + answer["paragraphs"][i + 2 :])
        found = gaps(name, "s1_overview", json.dumps(dropped, ensure_ascii=False))
        assert any(f"缺少分项“{title.removesuffix('情况')}”" in m for m in found), (title, found)


def test_table_three_must_be_stated() -> None:
    data, notes = example("township-2023")
    answer = good_answers(data, notes)["s1_overview"].replace("【F:requests.new_received.total】", "若干")
    assert any("表三" in m for m in gaps("township-2023", "s1_overview", answer))
    # with 0 new requests, saying so in words is enough (Minggao's complete answer does)
    assert "【F:requests.new_received.total】" not in good_answers(*example("minggao-2020"))["s1_overview"]


def test_a_heading_written_inline_still_counts() -> None:
    data, notes = example("township-2023")
    answer = json.loads(good_answers(data, notes)["s1_overview"])
    for p in answer["paragraphs"]:
        p["heading"] = False  # a model that forgot the flag but kept （一）…
    assert gaps("township-2023", "s1_overview", json.dumps(answer, ensure_ascii=False)) == []


def test_problems_and_measures_must_be_the_clerks() -> None:
    generic = json.dumps(
        {"paragraphs": [{"heading": False, "text": "工作仍有改进空间。下一步将进一步做好相关工作。"}]}, ensure_ascii=False
    )
    found = gaps("county-dept-2023", "s5_problems", generic)
    assert len(found) == 2 and "存在的问题" in found[0] and "改进措施" in found[1]
    # a paraphrase of one problem and one measure is enough
    paraphrase = json.dumps(
        {
            "paragraphs": [
                {"heading": False, "text": "一是部分科室对依申请公开的办理流程还不够熟悉。"},
                {"heading": False, "text": "下一步，我局将组织依申请公开业务培训。"},
            ]
        },
        ensure_ascii=False,
    )
    assert gaps("county-dept-2023", "s5_problems", paraphrase) == []
    assert mentions("政策解读形式较为单一", "政策解读形式比较单一，图解、视频解读少") is False
    assert mentions("政策解读形式比较单一，图解和视频解读偏少", "政策解读形式比较单一，图解、视频解读少")


def test_the_fee_statement_is_required_from_2021_only() -> None:
    nothing = json.dumps({"paragraphs": [{"heading": False, "text": "无。"}]}, ensure_ascii=False)
    found = gaps("county-dept-2023", "s6_other", nothing)
    assert len(found) == 1 and "信息处理费" in found[0] and "素材" in found[0]
    assert gaps("minggao-2020", "s6_other", nothing) == []  # the 2019 format has no such item


def test_missing_material_is_not_asked_of_a_model() -> None:
    data = parse_data({"organization": "某县某镇人民政府", "short_name": "某镇", "level": "township", "year": 2023})
    notes = parse_notes("# 总体情况\n## 主动公开\n- 公开信息10条\n# 改进措施\n- 加强培训\n")
    composed = OfflineComposer(data, notes).compose()
    assert composed["s1_overview"].missing == ["政府信息管理", "政府信息公开平台建设", "监督保障"]
    assert composed["s5_problems"].missing == ["存在的主要问题"]
    assert composed["s6_other"].missing == []


def test_notes_for_the_clerk() -> None:
    model = [
        Finding("draft.literal_figure", "error", "数字“3件”是直接写出的……请改为【F:编号】。"),
        Finding("draft.unparseable", "error", '回答不是约定格式的 JSON 对象。请只输出 {"paragraphs": …}'),
        Finding("text.contradiction", "error", "正文称“3件”，但表三为0。请按表格核对正文或表格。"),
    ]
    text = problems(model)
    assert "【F:" not in text and "JSON" not in text and "请按表格核对" not in text
    assert "模型自行写了数字" in text and "正文称“3件”，但表三为0" in text
    passed = fallback_note("模型起草的文字经 2 次修改仍有问题", model, None)
    assert "这段文字已通过核对" in passed.note and "已通过核对" in passed.plain
    failed_shown = shown_text_note([Finding("text.contradiction", "error", "正文称“5件”，但表三为6。")], [])
    assert failed_shown is not None
    failed = fallback_note("模型起草的文字有问题", model, failed_shown)
    assert "已通过核对" not in failed.note and "drafter check" in failed.note
    assert not any(ch.isdigit() for ch in failed.plain)  # a later check would read a figure as a claim
    reminders = shown_text_note([Finding("style.placeholder", "error", "占位符")], ["监督保障"])
    assert reminders is not None and "“监督保障”没有内容" in reminders.note and "待补充" not in reminders.plain


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_spinner_shows_elapsed_time_and_the_limit_on_a_terminal() -> None:
    stream = Terminal()
    with Spinner(stream, 300, interval=0.02):
        time.sleep(0.2)
    shown = stream.getvalue()
    assert "正在等待模型起草正文：已用 0 秒（最长 300 秒）" in shown
    assert shown.endswith("\r")  # the line is wiped when drafting ends


def test_spinner_writes_nothing_into_a_log() -> None:
    stream = io.StringIO()
    with Spinner(stream, 300, interval=0.01):
        time.sleep(0.05)
    assert stream.getvalue() == ""
