"""Old office files: a report saved as .doc or .wps and a data workbook saved as .xls or .et
are converted by LibreOffice when it is installed, in a private folder with a private
profile and a time limit, leaving the user's file as it was; without LibreOffice, or when
it fails or hangs, the message names the fix."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from office_support import EXAMPLES, drafted_docx, example_data, needs_soffice, office_convert

from drafter.data import load_data
from drafter.errors import InputError
from drafter.office import WORD, convert
from drafter.reader import read_report
from drafter.validate import check_file

DATA = EXAMPLES / "township-2023" / "data.yaml"


@pytest.fixture(scope="module")
def old_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from office_support import soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("office")
    docx = folder / "township-2023.docx"
    docx.write_bytes(drafted_docx("township-2023"))
    doc = office_convert([docx], "doc", folder)[docx]
    wps = folder / "township-2023.wps"
    wps.write_bytes(doc.read_bytes())  # WPS writes its .wps in the same compound format as .doc
    return {"docx": docx, "doc": doc, "wps": wps}


@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_old_word_and_wps_reports_are_read_like_word(old_files: dict[str, Path], kind: str) -> None:
    path = old_files[kind]
    before = path.read_bytes()
    leftovers = _conversion_folders()
    parsed, word = read_report(path), read_report(old_files["docx"])
    assert parsed.kind == kind
    assert parsed.tables is not None and parsed.tables.tables == example_data("township-2023").tables
    assert [(s.id, s.text) for s in parsed.sections] == [(s.id, s.text) for s in word.sections]
    assert path.read_bytes() == before
    assert _conversion_folders() == leftovers  # the private folder and profile are gone


def _conversion_folders() -> set[str]:
    import tempfile

    return {p.name for p in Path(tempfile.gettempdir()).glob("drafter-convert-*")}


@needs_soffice
def test_old_word_file_under_the_docx_extension_is_converted(old_files: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "报告.docx"
    renamed.write_bytes(old_files["doc"].read_bytes())
    assert not check_file(renamed, data_path=DATA).has_errors


def test_without_libreoffice_the_message_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_SOFFICE", "")
    path = tmp_path / "报告.doc"
    original = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le")
    path.write_bytes(original)
    with pytest.raises(InputError) as info:
        read_report(path)
    message = info.value.describe()
    assert str(path) in message and "另存为" in message and ".docx" in message and "LibreOffice" in message
    assert path.read_bytes() == original
    workbook = tmp_path / "data.xls"
    workbook.write_bytes(original)
    with pytest.raises(InputError, match=r"\.xlsx"):
        load_data(workbook)
    res = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(path)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "DRAFTER_SOFFICE": ""})
    assert res.returncode == 2 and "另存为" in res.stderr and "Traceback" not in res.stderr


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_conversion_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "still-running"
    monkeypatch.setenv("DRAFTER_SOFFICE", _fake_soffice(tmp_path, f"sleep 30; touch {marker}"))
    start = time.monotonic()
    with pytest.raises(InputError, match="超时"):
        convert(b"whatever", ".doc", WORD, "报告.doc", timeout=1)
    assert time.monotonic() - start < 15
    time.sleep(0.5)
    assert not marker.exists()  # the whole process group was stopped


def test_a_failed_conversion_is_an_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_SOFFICE", _fake_soffice(tmp_path, "echo broken >&2; exit 1"))
    with pytest.raises(InputError, match="未能转换"):
        convert(b"whatever", ".doc", WORD, "报告.doc")


def test_the_converter_gets_a_private_profile_and_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake LibreOffice records its arguments and 'converts' by copying its input."""
    log = tmp_path / "args.txt"
    body = (f'echo "$@" > {log}; for last; do :; done; out=""; prev="";'
            ' for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done;'
            ' mkdir -p "$out"; cp "$last" "$out/input.docx"')
    monkeypatch.setenv("DRAFTER_SOFFICE", _fake_soffice(tmp_path, body))
    assert convert(b"same bytes", ".doc", WORD, "报告.doc") == b"same bytes"
    args = log.read_text("utf-8")
    assert "--headless" in args and "--norestore" in args and "--convert-to docx" in args
    profile = args.split("-env:UserInstallation=")[1].split()[0]
    assert profile.startswith("file://") and "drafter-convert-" in profile
    assert not Path(profile.removeprefix("file://")).exists()  # removed with its folder afterwards


@needs_soffice
def test_old_excel_and_et_workbooks_are_data_files(tmp_path: Path) -> None:
    from drafter.workbook import write_workbook

    data = example_data("township-2023")
    xlsx = write_workbook(tmp_path / "data.xlsx", data.organization, data.level, data.year,
                          short_name=data.short_name, parent=data.parent, data=data)
    try:
        xls = office_convert([xlsx], "xls", tmp_path)[xlsx]
    except AssertionError:
        pytest.skip("LibreOffice Calc is not installed")
    et = tmp_path / "data.et"
    et.write_bytes(xls.read_bytes())
    for path in (xls, et):
        before = path.read_bytes()
        back = load_data(path)
        assert back.tables == data.tables and back.organization == data.organization
        assert path.read_bytes() == before
    report = tmp_path / "report.docx"
    report.write_bytes(drafted_docx("township-2023"))
    result = check_file(report, data_path=xls)
    assert not result.has_errors and not [f for f in result.findings if f.rule == "table.mismatch"]
