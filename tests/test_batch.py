"""drafter init --bodies → drafter batch (offline) → re-run → summary, and the bad inputs a
county office meets: a folder without notes, tables with errors, two bodies of the same name,
data of another year, a reviewer's edit, a neighbour's name in the notes."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from batch_support import drafter, make_county, report, rows, synth

from drafter.batch.manifest import BatchLock


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def summary_rows(out: Path) -> list[dict[str, str]]:
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_county_drafted_offline_then_rerun_does_nothing(tmp_path: Path) -> None:
    county = make_county(tmp_path, 6)
    out = tmp_path / "out"
    first = drafter("batch", county, "-o", out, "--backend", "offline")
    assert first.exit_code == 0, first.output
    manifest = rows(out)
    assert len(manifest) == 6 and {r["status"] for r in manifest.values()} == {"done"}
    for key, row in manifest.items():
        folder = out / key
        assert {p.name for p in folder.iterdir()} == {"report.json", "report.docx", "report.html"}
        assert row["report_hash"] == sha(folder / "report.json")
        assert report(out, key)["kind"] == "drafter-report"
        assert report(out, key)["data"]["organization"] == row["organization"]
    table = summary_rows(out)
    assert len(table) == 6 and all(r["状态"] == "完成" and r["Word"].endswith("/report.docx") for r in table)
    html = (out / "summary.html").read_text("utf-8")
    assert "收到申请合计" in html and 'class="bar"' in html
    stamps = {k: (out / k / "report.docx").stat().st_mtime_ns for k in manifest}

    again = drafter("batch", county, "-o", out, "--backend", "offline")
    assert again.exit_code == 0, again.output
    assert "无变化跳过 6" in again.output and "本次起草 0 个" in again.output
    assert {k: (out / k / "report.docx").stat().st_mtime_ns for k in manifest} == stamps


def test_changed_inputs_are_redrafted_and_only_they(tmp_path: Path) -> None:
    county = make_county(tmp_path, 4)
    out = tmp_path / "out"
    assert drafter("batch", county, "-o", out).exit_code == 0
    before = rows(out)
    key = sorted(before)[1]
    notes = county / key / "notes.md"
    notes.write_text(notes.read_text("utf-8").replace("政策解读形式比较单一", "政务新媒体更新不够及时"), "utf-8")
    result = drafter("batch", county, "-o", out)
    assert "本次起草 1 个" in result.output and "无变化跳过 3" in result.output
    after = rows(out)
    assert after[key]["report_hash"] != before[key]["report_hash"]
    assert "政务新媒体更新不够及时" in (out / key / "report.json").read_text("utf-8")
    assert all(after[k]["report_hash"] == before[k]["report_hash"] for k in before if k != key)


def test_reviewer_edit_is_never_overwritten(tmp_path: Path) -> None:
    county = make_county(tmp_path, 2)
    out = tmp_path / "out"
    drafter("batch", county, "-o", out)
    key = sorted(rows(out))[0]
    edited = (out / key / "report.json").read_text("utf-8").replace("政策解读形式比较单一", "审核人改写的问题")
    (out / key / "report.json").write_text(edited, "utf-8")
    (county / key / "notes.md").write_text(synth.notes_md("某镇", 99), "utf-8")  # inputs change too
    result = drafter("batch", county, "-o", out)
    assert (out / key / "report.json").read_text("utf-8") == edited
    assert rows(out)[key]["status"] == "kept"
    assert "审核人" in result.output
    assert any(r["状态"] == "审核人已修改，保留" for r in summary_rows(out))


def test_bad_bodies_are_reported_and_the_others_drafted(tmp_path: Path) -> None:
    county = make_county(tmp_path, 6)
    keys = sorted(p.name for p in county.iterdir() if p.is_dir())
    no_notes, broken, other_year, twin_a, twin_b, good = keys
    (county / no_notes / "notes.md").unlink()
    data = county / broken / "data.yaml"
    data.write_text(data.read_text("utf-8").replace("granted:         [", "granted:         [7"), "utf-8")
    data = county / other_year / "data.yaml"
    data.write_text(data.read_text("utf-8").replace("year: 2023", "year: 2022"), "utf-8")
    twin = (county / twin_a / "data.yaml").read_text("utf-8").splitlines()[0]
    data = county / twin_b / "data.yaml"
    lines = data.read_text("utf-8").splitlines()
    data.write_text("\n".join([twin, *lines[1:]]) + "\n", "utf-8")
    (county / "empty-folder").mkdir()
    (county / "only-notes").mkdir()
    (county / "only-notes" / "notes.md").write_text("# 总体情况\n- 无\n", "utf-8")

    out = tmp_path / "out"
    result = drafter("batch", county, "-o", out)
    assert result.exit_code == 1, result.output
    manifest = rows(out)
    assert "empty-folder" not in manifest
    assert manifest[good]["status"] == "done"
    # drafted, with a warning naming the missing notes; its 【待补充】 reminders leave it for review
    assert manifest[no_notes]["status"] == "review", manifest[no_notes]
    assert "notes" in str(manifest[no_notes]), manifest[no_notes]
    assert any(f["rule"] == "draft.no_notes" for f in report(out, no_notes)["findings"])
    assert manifest[broken]["status"] == "invalid" and manifest[broken]["errors"] >= 1
    assert not (out / broken).exists()
    assert manifest[other_year]["status"] == "invalid" and "2022 年度" in manifest[other_year]["message"]
    assert manifest[twin_a]["status"] == manifest[twin_b]["status"] == "invalid"
    assert twin_b in manifest[twin_a]["message"] and twin_a in manifest[twin_b]["message"]
    assert manifest["only-notes"]["status"] == "invalid" and "没有数据文件" in manifest["only-notes"]["message"]
    listed = {r["文件夹"]: r for r in summary_rows(out)}
    assert listed[broken]["状态"] == "输入有误，未起草" and listed[broken]["错误数"] != "0"
    assert listed[broken]["首个问题"]

    # the clerk fixes the broken table: only that body is drafted on the next run
    data = county / broken / "data.yaml"
    data.write_text(data.read_text("utf-8").replace("granted:         [7", "granted:         ["), "utf-8")
    again = drafter("batch", county, "-o", out)
    assert rows(out)[broken]["status"] == "done"
    assert "无变化跳过 2" in again.output


def test_a_neighbours_name_is_an_organization_finding(tmp_path: Path) -> None:
    county = make_county(tmp_path, 3)
    keys = sorted(p.name for p in county.iterdir() if p.is_dir())
    neighbour_short = rows_short(county, keys[1])
    notes = county / keys[0] / "notes.md"
    notes.write_text(notes.read_text("utf-8").replace("把政务公开纳入年度工作考核", f"{neighbour_short}把政务公开纳入年度工作考核"), "utf-8")
    out = tmp_path / "out"
    drafter("batch", county, "-o", out)
    found = [f for f in report(out, keys[0])["findings"] if f["rule"] == "text.organization"]
    assert found and found[0]["quote"] == neighbour_short and found[0]["severity"] == "error"
    assert rows(out)[keys[0]]["status"] == "review"
    assert not [f for f in report(out, keys[1])["findings"] if f["rule"] == "text.organization"]


def rows_short(county: Path, key: str) -> str:
    for line in (county / key / "data.yaml").read_text("utf-8").splitlines():
        if line.startswith("short_name:"):
            return line.split(":", 1)[1].strip().strip('"')
    raise AssertionError(key)


def test_second_batch_on_the_same_output_refuses(tmp_path: Path) -> None:
    county = make_county(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    with BatchLock(out):
        result = drafter("batch", county, "-o", out)
    assert result.exit_code == 2
    assert "另一个 drafter batch" in result.output and "Traceback" not in result.output
    assert not (out / "manifest.sqlite").exists()
    assert drafter("batch", county, "-o", out).exit_code == 0


def test_empty_input_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    result = drafter("batch", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "没有找到机关文件夹" in result.output
