"""Hostile inputs, tried as a user would: through the real command line in a subprocess
with a time limit and a memory limit. Each once hung drafter, exhausted its memory or
ended in an internal error (exit 4); each must now be a clear exit 2 naming the file, with
no traceback, and leave the input unchanged."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import hostile_support as hs
import pytest

MEMORY = 1_500_000_000  # bytes of address space a check may use
SECONDS = 60


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args],
        capture_output=True, text=True, cwd=cwd, timeout=SECONDS, preexec_fn=_limit,
    )


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def assert_refused(r: subprocess.CompletedProcess[str], path: Path, *words: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert path.name in r.stderr
    for word in words:
        assert word in r.stderr, r.stderr


DATA_CASES = {
    "huge-exponent": ("指数过大",),
    "long-integer": ("5000 位数字",),
    "long-integer-json": ("5000 位数字",),
    "superscript-year": ("四位数年份",),
    "nan-fact": ("不是有限的数字",),
    "alias-bomb": ("别名",),
    "recursive-yaml": ("引用了自身",),
    "nested-yaml": ("嵌套",),
    "nested-json": ("嵌套",),
    "dev-zero": ("不是普通文件",),
    "fifo": ("不是普通文件",),
    "fifo-previous": ("previous.yaml", "无法读取"),
    "xlsx-far-cell": ("其他数字", "1048576"),
    "xlsx-strings-bomb": ("sharedStrings.xml", "解压后"),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_hostile_data_file_is_refused_by_check_data(tmp_path: Path, case: str) -> None:
    path = hs.BUILDERS[case](tmp_path)
    before = digest(path)
    assert_refused(run("check-data", str(path)), path, *DATA_CASES[case])
    assert digest(path) == before


@pytest.mark.parametrize("case", ["huge-exponent", "alias-bomb", "fifo", "nested-json"])
def test_hostile_data_file_is_refused_by_every_command(tmp_path: Path, case: str) -> None:
    path = hs.BUILDERS[case](tmp_path)
    out = tmp_path / "out.docx"
    report = tmp_path / "report.md"
    report.write_text("# 某镇人民政府2020年政府信息公开工作年度报告\n\n一、总体情况\n\n无。\n", encoding="utf-8")
    for args in (("render", str(path), "-o", str(out)), ("draft", str(path), "-o", str(out)),
                 ("check", str(report), "--data", str(path))):
        assert_refused(run(*args), path)
    assert not out.exists()


def test_a_fifo_as_last_years_data_or_as_a_report(tmp_path: Path) -> None:
    pipe = hs.fifo(tmp_path, "pipe.yaml")
    data = hs.EXAMPLE / "data.yaml"
    assert_refused(run("check-data", str(data), "--previous", str(pipe)), pipe, "不是普通文件")
    report = hs.fifo(tmp_path, "report.docx")
    assert_refused(run("check", str(report)), report, "不是普通文件")


def test_docx_whose_styles_unpack_to_a_gigabyte(tmp_path: Path) -> None:
    path = hs.docx_styles_bomb(tmp_path, unpacked=200_000_000)
    assert_refused(run("check", str(path)), path, "styles.xml", "解压后")


def test_docx_with_170000_empty_paragraphs(tmp_path: Path) -> None:
    path = hs.docx_many_paragraphs(tmp_path)
    assert_refused(run("check", str(path)), path, "170000 个段落")


def test_previous_never_echoes_another_file(tmp_path: Path) -> None:
    path = hs.foreign_previous(tmp_path)
    r = run("check-data", str(path))
    assert_refused(r, path, "secret.json", "不是一份有效的上年数据")
    assert "hunter2" not in r.stderr + r.stdout and "password" not in r.stderr + r.stdout


def test_previous_must_be_a_data_file(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# 总体情况\n- 机密内容 12345\n", encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(hs.example_yaml() + "previous: notes.md\n", encoding="utf-8")
    r = run("check-data", str(data))
    assert_refused(r, data, "不是数据文件")
    assert "12345" not in r.stderr
    data.write_text(hs.example_yaml() + "previous: data.yaml\n", encoding="utf-8")
    assert_refused(run("check-data", str(data)), data, "本文件自己")


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    path = hs.utf16_no_bom(tmp_path)
    r = run("check-data", str(path), "--json")
    assert r.returncode == 0, r.stderr
    assert '"organization": "伊川县鸣皋镇人民政府"' in r.stdout


def test_all_zero_data_is_a_warning_and_the_draft_is_marked(tmp_path: Path) -> None:
    path = hs.all_zero(tmp_path)
    r = run("check-data", str(path))
    assert r.returncode == 0 and "全部为 0" in r.stdout and "未发现问题" not in r.stdout
    out = tmp_path / "report.md"
    r = run("render", str(path), "-o", str(out))
    # written, marked, and not publishable: with no notes the template's reminders are still to fill
    assert r.returncode == 1 and out.is_file(), r.stderr
    assert "全部为 0" in r.stdout
    assert "需人工核对" in out.read_text(encoding="utf-8")


def test_data_with_no_tables_is_a_warning(tmp_path: Path) -> None:
    r = run("check-data", str(hs.no_tables(tmp_path)))
    assert r.returncode == 0 and "全部为 0" in r.stdout and "未发现问题" not in r.stdout


def test_a_count_above_ten_million_is_an_error(tmp_path: Path) -> None:
    r = run("check-data", str(hs.absurd_count(tmp_path)))
    assert r.returncode == 1 and "超过一千万" in r.stdout


BROKEN = {
    "tab.yaml": "organization: 某镇\n\tyear: 2020\n",
    "colon.yaml": "organization: 某镇\nyear:2020\n  tables: [\n",
    "escape.yaml": 'organization: "某镇\\q"\n',
    "tag.yaml": "organization: !!python/object:os.system x\n",
    "docs.yaml": "organization: a\n---\norganization: b\n",
    "comma.json": '{"organization": "某镇",}',
    "quote.json": '{"organization": "某镇}',
    "nan.json": '{"organization": "某镇", "year": NaN}',
    "extra.json": '{"organization": "某镇"} []',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_parser_messages_are_chinese(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BROKEN[name], encoding="utf-8")
    r = run("check-data", str(path))
    assert_refused(r, path)
    english = [w for w in ("expected", "Expecting", "found", "could not", "while", "constructor", "delimiter") if w in r.stderr]
    assert not english, r.stderr


def test_init_refuses_names_that_would_break_its_files(tmp_path: Path) -> None:
    for name in ("某镇\n人民政府", "某镇-->人民政府", "某镇<!--"):
        r = run("init", name, "--year", "2023", "-o", str(tmp_path / "a"))
        assert r.returncode == 2 and "机关全称" in r.stderr, r.stderr
    r = run("init", "某镇人民政府", "--year", "2023", "--short-name", "某镇\r", "-o", str(tmp_path / "a"))
    assert r.returncode == 2 and "--short-name" in r.stderr
    assert not (tmp_path / "a").exists()


def test_init_where_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = run("init", "某镇人民政府", "--year", "2023", "-o", str(blocker / "sub"))
    assert r.returncode == 2 and "无法写入" in r.stderr and "内部错误" not in r.stderr, r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_init_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        r = run("init", "某镇人民政府", "--year", "2023", "-o", str(folder))
        assert r.returncode == 2 and "无法写入" in r.stderr and "没有权限" in r.stderr, r.stderr
    finally:
        folder.chmod(0o755)


def test_long_runs_of_digits_in_a_report_are_checked_quickly(tmp_path: Path) -> None:
    """A 5,000-digit figure or 3,000 Chinese numerals in the text once took a minute (a
    regular expression backtracking over the run)."""
    rendered = tmp_path / "base.txt"
    assert run("render", str(hs.EXAMPLE / "data.yaml"), "-o", str(rendered)).returncode == 0
    text = rendered.read_text(encoding="utf-8")
    assert "180条" in text
    for name, figure in (("digits.txt", "9" * 5000), ("numerals.txt", "九" * 3000 + "亿")):
        report = tmp_path / name
        report.write_text(text.replace("180条", f"{figure}条", 1), encoding="utf-8")
        r = subprocess.run(
            [sys.executable, "-m", "drafter.cli", "check", str(report)],
            capture_output=True, text=True, timeout=40, preexec_fn=_limit,
        )
        assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
