"""The review page in a real browser: Playwright's Python package driving the system's
Chromium (installed by scripts/system-deps; never downloaded by Playwright).

The reviewer's path: open the list, open a body, make a section contradict the tables, see
the finding appear beside and in the text, fix it, approve, and find the approved DOCX on
disk. Screenshots of the list and of a body page are written to $DRAFTER_SCREENSHOTS when
set (the README's docs/review-*.png), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from review_support import FALSE_SENTENCE, TRUE_SENTENCE, load_json, make_batch

from drafter.review.command import ReviewServer
from drafter.review.folders import find_drafts
from drafter.review.store import decide, load, save_edit, section_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/system-deps installs it)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ADDED = "本年度共举办政府开放日活动。"
# read at import: the suite's autouse fixture clears every DRAFTER_* variable before a test runs
SHOTS = os.environ.get("DRAFTER_SCREENSHOTS")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Drafted before the browser starts: Playwright's sync API holds the thread's event loop."""
    return make_batch(tmp_path_factory.mktemp("batch") / "out")


@pytest.fixture(scope="module")
def browser(template: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def served(template: Path, tmp_path: Path) -> Iterator[ReviewServer]:
    server = ReviewServer(Path(shutil.copytree(template, tmp_path / "out"))).start()
    yield server
    server.stop()


def new_page(browser: Any, server: ReviewServer) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(server.url)
    return page


def shots() -> Path | None:
    return Path(SHOTS).resolve() if SHOTS else None


def test_edit_contradict_fix_approve_and_the_docx_on_disk(browser: Any, served: ReviewServer) -> None:
    from playwright.sync_api import expect

    page = new_page(browser, served)
    rows = page.locator("#bodies tbody tr")
    assert rows.count() == 3
    page.get_by_role("link", name="河阳县清水镇人民政府").click()
    page.wait_for_selector('textarea[data-section="s1_overview"]')
    assert page.locator("table#t3_requests").count() == 1 and page.locator("table textarea").count() == 0

    s1 = page.locator('textarea[data-section="s1_overview"]')
    original = s1.input_value()
    s1.fill(original.replace(TRUE_SENTENCE, FALSE_SENTENCE))
    error = page.locator('[data-findings="s1_overview"] .finding.sev-error').first
    error.wait_for()
    assert FALSE_SENTENCE in error.inner_text() and "表三" in error.inner_text()
    assert FALSE_SENTENCE in page.locator('[data-backdrop="s1_overview"] mark.sev-error').first.inner_text()
    assert page.locator("#approve").is_disabled()
    assert int(page.locator("#count-errors").inner_text()) >= 1

    s1.fill(original)
    page.locator('[data-findings="s1_overview"] .finding.ok').wait_for()
    assert page.locator("#count-errors").inner_text() == "0"
    s6 = page.locator('textarea[data-section="s6_other"]')
    s6.fill(s6.input_value() + "\n" + ADDED)
    page.locator('[data-findings="s6_other"] .finding.ok').wait_for()

    page.fill("#reviewer", "王芳")
    page.fill("#comment", "数字已与表格核对")
    page.click("#approve")
    expect(page.locator("#message")).to_contain_text("已批准")
    assert page.locator("#status").inner_text() == "已批准"
    expect(page.locator("#events li").first).to_contain_text("批准 · 王芳：数字已与表格核对")

    folder = served.root / "qingshui"
    state = load_json(folder / "review.json")
    assert state["status"] == "approved" and state["reviewer"] == "王芳" and state["comment"] == "数字已与表格核对"
    assert [e["action"] for e in state["events"]] == ["save", "approve"]
    assert (folder / "history" / "v0000" / "report.json").is_file()
    import docx

    text = "\n".join(p.text for p in docx.Document(str(folder / "report.docx")).paragraphs)
    assert ADDED in text and TRUE_SENTENCE in text and FALSE_SENTENCE not in text
    from drafter.validate import check_file

    assert not check_file(folder / "report.docx").has_errors
    page.goto(f"http://127.0.0.1:{served.port}/")
    assert page.locator('tr[data-body="qingshui"] .status').inner_text() == "已批准"
    page.context.close()


def test_the_later_of_two_tabs_is_refused(browser: Any, served: ReviewServer) -> None:
    from playwright.sync_api import expect

    first, second = new_page(browser, served), new_page(browser, served)
    for page in (first, second):
        page.goto(f"http://127.0.0.1:{served.port}/body/minggao")
        page.wait_for_selector('textarea[data-section="s6_other"]')
    a, b = (p.locator('textarea[data-section="s6_other"]') for p in (first, second))
    a.fill(a.input_value() + "\n第一个窗口补充的一句话。")
    first.click("#save")
    expect(first.locator("#message")).to_contain_text("已保存")
    b.fill(b.input_value() + "\n第二个窗口补充的一句话。")
    second.click("#save")
    expect(second.locator("#alert")).to_contain_text("刷新页面")
    assert b.input_value().endswith("第二个窗口补充的一句话。")  # the refused text stays in the tab
    saved = (served.root / "minggao" / "report.json").read_text("utf-8")
    assert "第一个窗口补充的一句话。" in saved and "第二个窗口" not in saved
    first.context.close()
    second.context.close()


def test_typed_markup_stays_text(browser: Any, served: ReviewServer) -> None:
    page = new_page(browser, served)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"http://127.0.0.1:{served.port}/body/qingshui")
    s1 = page.locator('textarea[data-section="s1_overview"]')
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    s1.fill(hostile + s1.input_value().replace(TRUE_SENTENCE, FALSE_SENTENCE))
    page.locator('[data-findings="s1_overview"] .finding.sev-error').first.wait_for()
    backdrop = page.locator('[data-backdrop="s1_overview"]')
    assert backdrop.locator("img, script").count() == 0 and hostile in backdrop.inner_text()
    assert dialogs == []
    page.context.close()


def test_list_filter_and_screenshots(browser: Any, template: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(template, tmp_path / "out"))
    drafts = find_drafts(root)
    _stage(drafts)
    server = ReviewServer(root).start()
    target = shots() or tmp_path
    target.mkdir(parents=True, exist_ok=True)
    try:
        page = new_page(browser, server)
        statuses = {r.get_attribute("data-body"): r.get_attribute("data-status")
                    for r in page.locator("#bodies tbody tr").all()}
        assert statuses == {"minggao": "approved", "county-dept": "needs_review", "qingshui": "failed"}
        page.screenshot(path=str(target / "review-list.png"))
        page.select_option("#filter-status", "failed")
        page.click("form.filters button")
        page.wait_for_url("**status=failed**")
        assert [r.get_attribute("data-body") for r in page.locator("#bodies tbody tr").all()] == ["qingshui"]
        page.get_by_role("link", name="河阳县清水镇人民政府").click()
        page.locator('[data-findings="s1_overview"] .finding.sev-error').first.wait_for()
        page.set_viewport_size({"width": 1280, "height": 1000})
        assert page.locator("#part-s5_problems .badge-ai").count() == 1
        page.screenshot(path=str(target / "review-body.png"))
        page.context.close()
    finally:
        server.stop()
    assert (target / "review-list.png").stat().st_size > 10_000


def _stage(drafts: dict[str, Any]) -> None:
    """Three states for the list: approved, needs review (a model's section replaced), failed."""
    minggao = load(drafts["minggao"])
    decide(drafts["minggao"], action="approve", version=0, digest=minggao.digest, reviewer="王芳")
    county = drafts["county-dept"]
    path = county.path / "report.json"
    raw = load_json(path)
    raw["narrative"]["sections"]["s5_problems"].update(origin="fallback", needs_review=True)
    raw["narrative"]["sections"]["s5_problems"]["provenance"]["model"] = "qwen2.5-14b-instruct"
    import json

    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    qingshui = drafts["qingshui"]
    path = qingshui.path / "report.json"
    raw = load_json(path)
    raw["narrative"]["sections"]["s5_problems"].update(origin="llm", suggested=True)
    raw["narrative"]["sections"]["s5_problems"]["provenance"]["model"] = "qwen2.5-14b-instruct"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    draft = load(qingshui)
    wrong = section_text(draft.report, "s1_overview").replace(TRUE_SENTENCE, FALSE_SENTENCE)
    save_edit(qingshui, version=0, digest=draft.digest, texts={"s1_overview": wrong}, reviewer="李明")
