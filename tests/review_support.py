"""Draft folders for the review page's tests, made with drafter's own API the way
`drafter draft -o report.json` (and a batch) writes them: report.json, report.docx and
report.html in one folder per body."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.data import load_data
from drafter.drafting.llm import OfflineBackend
from drafter.drafting.pipeline import draft_narrative_sync, final_findings, report_provenance
from drafter.notes import load_notes
from drafter.render import write_report
from drafter.report import Report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BODIES = {"qingshui": "township-2023", "minggao": "minggao-2020", "county-dept": "county-dept-2023"}
# a sentence of the township example and the same sentence contradicting 表三 (6 new requests)
TRUE_SENTENCE = "共新收政府信息公开申请6件"
FALSE_SENTENCE = "共新收政府信息公开申请9件"


def draft_report(example: str) -> Report:
    folder = EXAMPLES / example
    data = load_data(folder / "data.yaml")
    notes = load_notes(folder / "notes.md")
    backend = OfflineBackend()
    narrative = draft_narrative_sync(data, notes, backend)
    findings = final_findings(data, narrative, notes)
    return Report.build(data, narrative, findings, provenance=report_provenance(backend, narrative, 2))


def write_draft(folder: Path, report: Report, notes_from: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("report.json", "report.docx", "report.html"):
        write_report(report, folder / name)
    if notes_from is not None:
        (folder / "notes.md").write_bytes((EXAMPLES / notes_from / "notes.md").read_bytes())
    return folder


def make_draft(folder: Path, example: str = "township-2023") -> Path:
    """One draft folder, as `drafter draft -o folder/report.json` and its .docx/.html write it."""
    return write_draft(folder, draft_report(example), notes_from=example)


def make_batch(out: Path) -> Path:
    """A batch-like output folder: one draft folder per body."""
    for name, example in BODIES.items():
        make_draft(out / name, example)
    return out


def load_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))
