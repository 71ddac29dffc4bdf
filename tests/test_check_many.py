"""drafter check over several files or a folder: checked in parallel, each file's output as a
single check prints it, in order; unreadable files reported and the others checked; a summary
CSV (BOM, formula cells neutralised) and HTML beside it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from batch_support import drafter

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "published"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "minggao-2020.txt", folder / "a-minggao.txt")
    shutil.copy(FIXTURES / "published-2019.html", folder / "sub" / "b-published.html")
    shutil.copy(FIXTURES / "webcopy-2021-department.txt", folder / "=c-webcopy.txt")
    assert drafter("draft", FIXTURES.parent.parent / "examples" / "township-2023" / "data.yaml", "-o", folder / "d-draft.docx",
                   "--backend", "offline").exit_code == 0
    (folder / "e-broken.docx").write_bytes(b"this is not a word file")
    (folder / "~$lock.docx").write_bytes(b"lock")
    (folder / "notes.json").write_text("{}", "utf-8")
    return folder


def test_folder_checked_in_parallel_with_the_single_file_output(tmp_path: Path) -> None:
    folder = reports(tmp_path)
    result = drafter("check", folder, "--summary", tmp_path / "out" / "summary.csv", "--jobs", "2")
    assert result.exit_code == 2, result.output  # one file could not be read
    blocks = result.output.split("== ")[1:]
    names = [b.split(" ==", 1)[0] for b in blocks]
    assert [Path(n).name for n in names] == ["=c-webcopy.txt", "a-minggao.txt", "d-draft.docx", "e-broken.docx", "b-published.html"]
    single = drafter("check", folder / "a-minggao.txt")
    assert blocks[1].split(" ==\n", 1)[1].strip().startswith(single.output.strip())
    assert "错误：" in blocks[3] and "e-broken.docx" in blocks[3]
    assert "共核对 5 份" in result.output

    raw = (tmp_path / "out" / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == 5
    by_name = {Path(r["文件"]).name: r for r in table}
    assert by_name["e-broken.docx"]["状态"] == "无法读取" and by_name["e-broken.docx"]["首个问题"]
    assert by_name["d-draft.docx"]["状态"] == "未发现问题"
    assert "鸣皋镇" in by_name["a-minggao.txt"]["机关"]
    html = (tmp_path / "out" / "summary.html").read_text("utf-8")
    assert "报告核对汇总" in html and "a-minggao.txt" in html


def test_formula_cells_in_the_check_summary(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(FIXTURES / "minggao-2020.txt", tmp_path / "=HYPERLINK(1).txt")
    monkeypatch.chdir(tmp_path)
    result = drafter("check", "=HYPERLINK(1).txt", "--summary", "s.csv")
    assert result.exit_code in (0, 1), result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "s.csv").read_text("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1).txt"


def test_several_files_json_and_options_that_need_one_file(tmp_path: Path) -> None:
    a, b = FIXTURES / "minggao-2020.txt", FIXTURES / "wordcopy-2019-township.txt"
    result = drafter("check", a, b, "--json")
    assert result.exit_code in (0, 1)
    payload = json.loads(result.stdout[result.stdout.index("["):result.stdout.rindex("]") + 1])
    assert [Path(p["file"]).name for p in payload] == [a.name, b.name]
    single = json.loads(drafter("check", a, "--json").stdout)
    assert payload[0]["findings"] == single["findings"] and payload[0]["report"] == single["report"]
    refused = drafter("check", a, b, "--data", FIXTURES / "render-2021.yaml")
    assert refused.exit_code == 2 and "--data 只能用于核对一份报告" in refused.output


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = drafter("check", tmp_path / "empty")
    assert result.exit_code == 2 and "没有可核对的报告文件" in result.output
