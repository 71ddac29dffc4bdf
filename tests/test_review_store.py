"""The review page's storage: draft folders found under DIR only, edits saved with history
and a version check, approval refused while an error stands, decisions recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from review_support import FALSE_SENTENCE, TRUE_SENTENCE, load_json, make_batch, make_draft

from drafter.review.folders import find_drafts, lookup, read_manifest
from drafter.review.listing import rows, select
from drafter.review.store import ReviewConflict, ReviewRefused, decide, load, save_edit, section_text
from drafter.validate import check_file


@pytest.fixture(scope="module")
def batch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_batch(tmp_path_factory.mktemp("batch") / "out")


@pytest.fixture
def batch(batch_template: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(batch_template, tmp_path / "out"))


def test_single_folder_and_batch_folder_are_both_found(batch: Path) -> None:
    assert sorted(find_drafts(batch)) == ["county-dept", "minggao", "qingshui"]
    single = find_drafts(batch / "qingshui")
    assert list(single) == ["qingshui"] and single["qingshui"].path == (batch / "qingshui").resolve()


def test_symlinked_folders_and_reports_are_left_out(batch: Path, tmp_path: Path) -> None:
    outside = make_draft(tmp_path / "elsewhere" / "other")
    (batch / "linked").symlink_to(outside, target_is_directory=True)
    (batch / "half").mkdir()
    (batch / "half" / "report.json").symlink_to(outside / "report.json")
    drafts = find_drafts(batch)
    assert "linked" not in drafts and "half" not in drafts
    for name in ("..", ".", "/etc", "../elsewhere", "qingshui/../minggao"):
        assert lookup(drafts, name) is None


def test_saving_an_edit_keeps_the_previous_version_and_rerenders(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    before = load(folder)
    old_json = (folder.path / "report.json").read_bytes()
    text = section_text(before.report, "s1_overview").replace(TRUE_SENTENCE, FALSE_SENTENCE)
    after = save_edit(folder, version=0, digest=before.digest, texts={"s1_overview": text}, reviewer="王芳")
    assert after.state.version == 1 and after.status == "failed"
    assert (folder.path / "history" / "v0000" / "report.json").read_bytes() == old_json
    assert (folder.path / "history" / "v0000" / "report.docx").is_file()
    saved = load_json(folder.path / "report.json")
    s1 = saved["narrative"]["sections"]["s1_overview"]
    assert s1["origin"] == "human" and s1["needs_review"] is True
    assert any(f["rule"] == "text.contradiction" and FALSE_SENTENCE in (f["quote"] or "") for f in saved["findings"])
    assert FALSE_SENTENCE in (folder.path / "report.html").read_text("utf-8")
    result = check_file(folder.path / "report.docx")
    assert any(f.rule == "text.contradiction" for f in result.findings)
    state = load_json(folder.path / "review.json")
    assert state["version"] == 1 and state["events"][0]["action"] == "save" and state["events"][0]["reviewer"] == "王芳"


def test_a_stale_version_is_refused_and_nothing_is_written(batch: Path) -> None:
    folder = find_drafts(batch)["minggao"]
    first = load(folder)
    text = section_text(first.report, "s6_other") + "\n本年度无其他需要报告的事项。"
    save_edit(folder, version=0, digest=first.digest, texts={"s6_other": text})
    current = (folder.path / "report.json").read_bytes()
    with pytest.raises(ReviewConflict, match="第 1 版"):
        save_edit(folder, version=0, digest=first.digest, texts={"s6_other": "另一个窗口的文字。"})
    with pytest.raises(ReviewConflict):
        decide(folder, action="approve", version=0, digest=first.digest, reviewer="李明")
    assert (folder.path / "report.json").read_bytes() == current
    assert not (folder.path / "history" / "v0001").exists()


def test_a_file_changed_outside_the_page_is_not_overwritten(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    opened = load(folder)
    path = folder.path / "report.json"
    path.write_bytes(path.read_bytes().replace("236条".encode(), "237条".encode()))
    with pytest.raises(ReviewConflict):
        save_edit(folder, version=opened.state.version, digest=opened.digest, texts={"s6_other": "改动。"})
    assert "237条" in path.read_text("utf-8")


def test_approval_is_refused_while_an_error_stands_then_recorded(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    draft = load(folder)
    wrong = section_text(draft.report, "s1_overview").replace(TRUE_SENTENCE, FALSE_SENTENCE)
    draft = save_edit(folder, version=0, digest=draft.digest, texts={"s1_overview": wrong})
    with pytest.raises(ReviewRefused, match="不能批准"):
        decide(folder, action="approve", version=1, digest=draft.digest, reviewer="王芳")
    with pytest.raises(ReviewRefused, match="审核人"):
        decide(folder, action="approve", version=1, digest=draft.digest, reviewer="  ")
    fixed = wrong.replace(FALSE_SENTENCE, TRUE_SENTENCE)
    draft = save_edit(folder, version=1, digest=draft.digest, texts={"s1_overview": fixed})
    approved = decide(folder, action="approve", version=2, digest=draft.digest, reviewer="王芳", comment="数字已核对")
    assert approved.status == "approved" and approved.state.reviewer == "王芳"
    state = load_json(folder.path / "review.json")
    last = state["events"][-1]
    assert last["action"] == "approve" and last["comment"] == "数字已核对" and last["version"] == 3
    assert set(last["sha256"]) == {"report.json", "report.docx", "report.html"}
    assert sorted(p.name for p in (folder.path / "history").iterdir()) == ["v0000", "v0001", "v0002"]
    result = check_file(folder.path / "report.docx")
    assert not result.has_errors and TRUE_SENTENCE in result.texts["s1_overview"]


def test_sending_back_needs_a_comment(batch: Path) -> None:
    folder = find_drafts(batch)["county-dept"]
    draft = load(folder)
    with pytest.raises(ReviewRefused, match="意见"):
        decide(folder, action="send_back", version=0, digest=draft.digest, reviewer="张伟")
    back = decide(folder, action="send_back", version=0, digest=draft.digest, reviewer="张伟", comment="补充收费情况")
    assert back.status == "sent_back" and load(folder).state.comment == "补充收费情况"


def test_only_narrative_sections_can_be_edited(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    draft = load(folder)
    with pytest.raises(ReviewRefused, match="只能修改正文"):
        save_edit(folder, version=0, digest=draft.digest, texts={"s3_requests": "表格"})


def test_headings_are_kept_when_text_is_saved(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    draft = load(folder)
    text = section_text(draft.report, "s5_problems") + "\n（四）新增小节\n新增一段文字。"
    saved = save_edit(folder, version=0, digest=draft.digest, texts={"s5_problems": text})
    paragraphs = saved.report.narrative.sections["s5_problems"].paragraphs
    assert [p.text for p in paragraphs if p.heading][-1] == "（四）新增小节"
    assert not paragraphs[-1].heading


def test_list_rows_status_filter_and_sort(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    draft = load(folder)
    wrong = section_text(draft.report, "s1_overview").replace(TRUE_SENTENCE, FALSE_SENTENCE)
    save_edit(folder, version=0, digest=draft.digest, texts={"s1_overview": wrong})
    items, has_manifest = rows(batch)
    assert not has_manifest
    by_id = {r.id: r for r in items}
    assert by_id["qingshui"].status == "failed" and by_id["qingshui"].errors >= 1
    assert [r.id for r in select(items, status="failed")] == ["qingshui"]
    assert select(items, sort="errors", descending=True)[0].id == "qingshui"
    assert [r.id for r in select(items, query="鸣皋")] == ["minggao"]


def test_a_recognisable_manifest_is_read_read_only(batch: Path) -> None:
    path = batch / "manifest.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE bodies (folder TEXT, status TEXT, error TEXT)")
    con.executemany("INSERT INTO bodies VALUES (?, ?, ?)", [
        ("qingshui", "drafted", None), ("broken", "failed", "数据文件第3行无法读取")])
    con.commit()
    con.close()
    before = path.read_bytes()
    manifest = read_manifest(batch)
    assert manifest["qingshui"].status == "drafted" and manifest["broken"].error == "数据文件第3行无法读取"
    items, has_manifest = rows(batch)
    by_id = {r.id: r for r in items}
    assert has_manifest and by_id["qingshui"].batch_status == "已起草"
    assert by_id["broken"].status == "failed" and not by_id["broken"].openable
    assert path.read_bytes() == before


def test_an_unrecognisable_or_broken_manifest_is_ignored(batch: Path) -> None:
    (batch / "manifest.sqlite").write_bytes(b"not a database at all")
    assert read_manifest(batch) == {}
    assert len(rows(batch)[0]) == 3


def test_without_notes_the_drafted_text_is_the_source_of_its_figures(tmp_path: Path) -> None:
    from review_support import draft_report, write_draft

    from drafter.review.checking import check_texts, folder_notes, report_data

    folder = find_drafts(write_draft(tmp_path / "bare", draft_report("township-2023")))["bare"]
    assert not (folder.path / "notes.md").exists()
    draft = load(folder)
    texts = {sid: section_text(draft.report, sid) for sid in ("s1_overview", "s5_problems", "s6_other")}
    data = report_data(draft.report, "report.json")
    assert "60人次" in texts["s1_overview"]
    assert check_texts(data, texts, folder_notes(folder.path, draft.report)) == []
    typed = texts["s1_overview"].replace("60人次", "70人次")
    saved = save_edit(folder, version=0, digest=draft.digest, texts={"s1_overview": typed})
    assert [f["quote"] for f in saved.report.findings if f["rule"] == "text.unsupported"] == ["70人次"]
    back = save_edit(folder, version=1, digest=saved.digest, texts={"s1_overview": texts["s1_overview"]})
    assert not any(f["rule"] == "text.unsupported" for f in back.report.findings)  # history/v0000 is the source
    wrong = texts["s1_overview"].replace(TRUE_SENTENCE, FALSE_SENTENCE)
    fresh = check_texts(data, {"s1_overview": wrong}, folder_notes(folder.path, back.report))
    assert any(f.rule == "text.contradiction" for f in fresh)


def test_saving_unchanged_text_writes_nothing(batch: Path) -> None:
    folder = find_drafts(batch)["qingshui"]
    draft = load(folder)
    texts = {sid: section_text(draft.report, sid) for sid in ("s1_overview", "s5_problems", "s6_other")}
    again = save_edit(folder, version=0, digest=draft.digest, texts=texts)
    assert again.state.version == 0 and again.digest == draft.digest
    assert not (folder.path / "history").exists() and not (folder.path / "review.json").exists()


def test_approval_clears_the_review_marks_in_the_docx(tmp_path: Path) -> None:
    import zipfile

    from review_support import draft_report, write_draft

    report = draft_report("township-2023")
    section = report.narrative.sections["s5_problems"]
    section.origin, section.suggested = "llm", True
    fallback = report.narrative.sections["s6_other"]
    fallback.origin, fallback.needs_review = "fallback", True
    folder = find_drafts(write_draft(tmp_path / "marked", report))["marked"]

    def comments() -> int:
        with zipfile.ZipFile(folder.path / "report.docx") as z:
            names = z.namelist()
            return z.read("word/comments.xml").count(b"<w:comment ") if "word/comments.xml" in names else 0

    assert comments() == 2
    draft = load(folder)
    assert draft.status == "needs_review"
    approved = decide(folder, action="approve", version=0, digest=draft.digest, reviewer="王芳")
    assert approved.status == "approved" and comments() == 0
    assert not any(s.needs_review or s.suggested for s in approved.report.narrative.sections.values())
    assert approved.report.narrative.sections["s5_problems"].origin == "llm"  # who wrote it is kept
