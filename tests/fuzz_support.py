"""Fuzzing the inputs: valid seed files (YAML, JSON, XLSX data; DOCX, HTML, TXT and PDF
reports) are mutated by hypothesis-drawn operations on bytes, on structure (data trees,
zip members, XML) and on encodings, and given to the real command line in-process.

Every input must end in exit 0, 1 or 2, never a traceback, never exit 4 (内部错误), within
a time limit, and leave the input file byte for byte as it was. Used by
tests/test_fuzz_inputs.py (a short run) and evals/fuzz_inputs.py (the long run).

PDF seeds are made with LibreOffice when it is installed, and fuzzed only once the report
reader accepts .pdf (`drafter.reader.READABLE_SUFFIXES`).
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("minggao-2020", "township-2023", "county-dept-2023")
KINDS = ("yaml", "json", "xlsx", "docx", "html", "txt", "pdf")
DATA_KINDS = ("yaml", "json", "xlsx")
PREVIOUS = ROOT / "examples" / "township-2023" / "previous-2022.yaml"


class FuzzTimeout(BaseException):
    """Raised by the alarm: a BaseException, so the CLI's own handlers cannot swallow it."""


@dataclass
class Outcome:
    kind: str
    args: list[str]
    code: int | None
    seconds: float
    output: str
    problem: str = ""  # empty when the input passed every assertion


@dataclass
class Tally:
    tried: dict[str, int] = field(default_factory=dict)
    codes: dict[int, int] = field(default_factory=dict)
    failures: list[Outcome] = field(default_factory=list)
    slowest: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.tried[outcome.kind] = self.tried.get(outcome.kind, 0) + 1
        if outcome.code is not None:
            self.codes[outcome.code] = self.codes.get(outcome.code, 0) + 1
        self.slowest = max(self.slowest, outcome.seconds)
        if outcome.problem:
            self.failures.append(outcome)


# --------------------------------------------------------------------------- seeds


def pdf_supported() -> bool:
    from drafter.reader import READABLE_SUFFIXES

    return ".pdf" in READABLE_SUFFIXES


def make_seeds(folder: Path) -> dict[str, list[bytes]]:
    """Valid inputs of every kind, built from the examples with drafter itself."""
    from drafter.data import load_data
    from drafter.drafting.llm import OfflineBackend
    from drafter.drafting.pipeline import draft_narrative_sync, final_findings
    from drafter.notes import load_notes
    from drafter.render import render
    from drafter.report import Report
    from drafter.workbook import write_workbook

    seeds: dict[str, list[bytes]] = {kind: [] for kind in KINDS}
    for name in EXAMPLES:
        src = ROOT / "examples" / name
        data = load_data(src / "data.yaml")
        notes = load_notes(src / "notes.md")
        seeds["yaml"].append((src / "data.yaml").read_bytes())
        seeds["json"].append(json.dumps(data.to_input(), ensure_ascii=False, indent=1).encode("utf-8"))
        xlsx = folder / f"{name}.xlsx"
        write_workbook(xlsx, data.organization, data.level, data.year, data.short_name, data.parent, data=data)
        seeds["xlsx"].append(xlsx.read_bytes())
        narrative = draft_narrative_sync(data, notes, OfflineBackend())
        report = Report.build(data, narrative, final_findings(data, narrative, notes))
        seeds["docx"].append(render(report, "docx"))
        seeds["html"].append(render(report, "html"))
        seeds["txt"].append(render(report, "txt"))
        if name == EXAMPLES[0]:
            (folder / "report.txt").write_bytes(seeds["txt"][-1])  # the report checked against fuzzed data
    seeds["yaml"].append(PREVIOUS.read_bytes())
    seeds["pdf"] = _pdf_seeds(folder, seeds["docx"][:1]) if pdf_supported() else []
    return seeds


def _pdf_seeds(folder: Path, docx_seeds: list[bytes]) -> list[bytes]:
    soffice = shutil.which("soffice")
    if not soffice:
        return []
    out: list[bytes] = []
    for i, body in enumerate(docx_seeds):
        src = folder / f"seed{i}.docx"
        src.write_bytes(body)
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(src)],
                           capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            continue
        pdf = folder / f"seed{i}.pdf"
        if pdf.is_file():
            out.append(pdf.read_bytes())
    return out


# --------------------------------------------------------------------------- mutations

TOKENS: tuple[bytes, ...] = (
    b"1e999999999", b'"1e999999999"', b"9" * 5000, b"-1", b"10000001", b"1.5", b"0x1F", b"1_000", b".nan", b".inf",
    b"NaN", b"Infinity", b"&a ", b"*a", b"&a [*a]", b"[" * 200, b"{" * 200, b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    b"\t", b": ", b"\n- ", b"\n", b"\r", b"---\n", b"-->", b"<!--", b"<", b"]]>", b"&amp;", b"&#0;", b"&lol;",
    b"!!python/object:os.system", b"!!binary", b'"', b"'", b"\\", "202³".encode(), "二〇二〇".encode(),
    "１２３".encode(), "万".encode(), "％".encode(), "\u202e".encode(), "\u3000".encode(), b"\xe4\xb8",
    "共收到政府信息公开申请9999999999件".encode(), "2019年".encode(), "我局".encode(),
    b"<w:p/>" * 50, b"<w:tbl>", b"</w:tc>", b"<table><tr><td>", b"</table>", b"<v>1e308</v>", b'<c r="XFD1048576">',
    b"% comment", b"#", b"=SUM(A1:A1048576)",
)
CODECS = ("utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-8-sig", "gb18030", "big5", "shift_jis", "latin-1")
VALUES: tuple[Any, ...] = (
    0, -1, 10_000_001, 10**20, 10**400, 1.5, 1e308, float("nan"), "3", "1e999999999", "", " ", None, True, [], {}, [1, 2],
    [[[[[]]]]], {"a": {"b": {"c": 1}}}, "二〇二〇", "202³", "x" * 1000, "某镇\n人民政府", "<script>", "-->", 2019, 2099, "2020",
)


def _bytes_op(draw: Callable[..., Any], blob: bytes) -> bytes:
    if not blob:
        return draw(st.binary(max_size=64))
    op = draw(st.sampled_from(("flip", "insert", "delete", "duplicate", "truncate", "swap_lines", "number", "token")))
    at = draw(st.integers(0, len(blob)))
    if op == "flip":
        n = draw(st.integers(1, 8))
        out = bytearray(blob)
        for _ in range(n):
            i = draw(st.integers(0, len(out) - 1))
            out[i] = draw(st.integers(0, 255))
        return bytes(out)
    if op == "insert":
        return blob[:at] + draw(st.binary(min_size=1, max_size=32)) + blob[at:]
    if op == "delete":
        end = min(len(blob), at + draw(st.integers(1, 200)))
        return blob[:at] + blob[end:]
    if op == "duplicate":
        end = min(len(blob), at + draw(st.integers(1, 2000)))
        return blob[:end] + blob[at:end] * draw(st.integers(1, 20)) + blob[end:]
    if op == "truncate":
        return blob[:at]
    if op == "swap_lines":
        lines = blob.split(b"\n")
        if len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if op == "number":
        spots = [m.span() for m in re.finditer(rb"\d+", blob)]
        if spots:
            a, b = draw(st.sampled_from(spots))
            return blob[:a] + draw(st.sampled_from(TOKENS + (b"0", b"12", b"100000000"))) + blob[b:]
    return blob[:at] + draw(st.sampled_from(TOKENS)) + blob[at:]


def _tree_op(draw: Callable[..., Any], value: Any) -> Any:
    """Replace, delete or add one node of a parsed data tree."""
    paths: list[tuple[Any, Any]] = []
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            paths += [(node, k) for k in node]
            stack += list(node.values())
        elif isinstance(node, list):
            paths += [(node, i) for i in range(len(node))]
            stack += node
    if not paths:
        return _value(draw)
    parent, key = paths[draw(st.integers(0, len(paths) - 1))]
    op = draw(st.sampled_from(("replace", "replace", "delete", "add")))
    if op == "delete":
        del parent[key]
    elif op == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(("extra", "tables", "previous", "facts", "year", "requests", "total")))] = _value(draw)
    else:
        parent[key] = _value(draw)
    return value


def _value(draw: Callable[..., Any]) -> Any:
    """A hostile value, copied: the pool must not change as trees are mutated."""
    return copy.deepcopy(VALUES[draw(st.integers(0, len(VALUES) - 1))])


def _data_structure_op(draw: Callable[..., Any], blob: bytes, kind: str) -> bytes:
    try:
        tree = yaml.safe_load(blob) if kind == "yaml" else json.loads(blob)
    except (yaml.YAMLError, ValueError):
        return blob
    for _ in range(draw(st.integers(1, 4))):
        tree = _tree_op(draw, tree)
    if kind == "json":
        return json.dumps(tree, ensure_ascii=draw(st.booleans())).encode("utf-8")
    try:
        return yaml.safe_dump(tree, allow_unicode=True, default_flow_style=draw(st.sampled_from((None, True, False)))).encode()
    except (yaml.YAMLError, RecursionError):
        return blob


def _zip_op(draw: Callable[..., Any], blob: bytes) -> bytes:
    try:
        src = zipfile.ZipFile(io.BytesIO(blob))
        members = {info.filename: src.read(info) for info in src.infolist()}
    except Exception:  # noqa: BLE001 - an earlier mutation broke the zip: mutate its bytes instead
        return _bytes_op(draw, blob)
    names = sorted(members)
    target = draw(st.sampled_from(names))
    op = draw(st.sampled_from(("mutate", "mutate", "mutate", "drop", "empty", "garbage")))
    if op == "drop":
        del members[target]
    elif op == "empty":
        members[target] = b""
    elif op == "garbage":
        members[target] = draw(st.binary(max_size=200))
    else:
        xml = [n for n in names if n.endswith(".xml")] or names
        target = draw(st.sampled_from(xml))
        for _ in range(draw(st.integers(1, 3))):
            members[target] = _bytes_op(draw, members[target])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in members.items():
            dst.writestr(name, body)
    return out.getvalue()


def _encoding_op(draw: Callable[..., Any], blob: bytes) -> bytes:
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        return blob
    codec = draw(st.sampled_from(CODECS))
    return text.encode(codec, errors="replace")


@st.composite
def mutated(draw: Callable[..., Any], kind: str, seeds: list[bytes]) -> bytes:
    """One mutated input of `kind`: one to three operations on a seed."""
    blob = draw(st.sampled_from(seeds))
    layers = ["bytes"]
    if kind in ("yaml", "json"):
        layers += ["structure", "structure", "encoding"]
    elif kind in ("xlsx", "docx"):
        layers += ["zip", "zip", "zip"]
    elif kind in ("html", "txt"):
        layers += ["encoding"]
    for _ in range(draw(st.integers(1, 3))):
        layer = draw(st.sampled_from(layers))
        if layer == "structure":
            blob = _data_structure_op(draw, blob, kind)
        elif layer == "zip":
            blob = _zip_op(draw, blob)
        elif layer == "encoding":
            blob = _encoding_op(draw, blob)
        else:
            blob = _bytes_op(draw, blob)
    return blob


# --------------------------------------------------------------------------- running


def commands(kind: str, path: Path, out_dir: Path, choice: int, report: Path) -> list[str]:
    """The command a user would run on this input (choice picks among them); `report` is a
    valid report checked against fuzzed data."""
    if kind in DATA_KINDS:
        options = [
            ["check-data", str(path)],
            ["check-data", str(path), "--json"],
            ["render", str(path), "-o", str(out_dir / "out.md")],
            ["check", str(report), "--data", str(path)],
        ]
    else:
        options = [
            ["check", str(path)],
            ["check", str(path), "--json"],
            ["check", str(path), "--data", str(ROOT / "examples" / "minggao-2020" / "data.yaml")],
        ]
    return options[choice % len(options)]


def run_input(kind: str, blob: bytes, choice: int, seconds: float, report: Path) -> Outcome:
    """Write the input, run the command in-process under an alarm, check every promise."""
    from typer.testing import CliRunner

    from drafter.cli import app

    with tempfile.TemporaryDirectory(prefix="drafter-fuzz-") as tmp:
        folder = Path(tmp)
        path = folder / f"input.{kind}"
        path.write_bytes(blob)
        shutil.copy(PREVIOUS, folder / PREVIOUS.name)  # named by one seed's previous:
        before = hashlib.sha256(blob).hexdigest()
        args = commands(kind, path, folder, choice, report)

        def expire(signum: int, frame: Any) -> None:
            raise FuzzTimeout

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        started = time.monotonic()
        code: int | None = None
        output = ""
        problem = ""
        try:
            result = CliRunner().invoke(app, args, catch_exceptions=True)
            code = result.exit_code
            output = result.output
            try:
                output += result.stderr
            except ValueError:
                pass
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                problem = f"exception {type(result.exception).__name__}: {result.exception}"
        except FuzzTimeout:
            problem = f"hang: no answer in {seconds:g} s"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        elapsed = time.monotonic() - started
        if not problem:
            if code not in (0, 1, 2):
                problem = f"exit {code}"
            elif "Traceback" in output or "内部错误" in output:
                problem = "traceback or internal error in the output"
        if hashlib.sha256(path.read_bytes()).hexdigest() != before:
            problem = problem or "the input file was changed"
        return Outcome(kind, args, code, elapsed, output[-2000:], problem)


def save_failure(folder: Path, outcome: Outcome, blob: bytes, index: int) -> Path:
    """Keep a failing input and what happened, to reproduce it."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{outcome.kind}-{index:04d}"
    stem.with_suffix(f".{outcome.kind}").write_bytes(blob)
    stem.with_suffix(".txt").write_text(
        f"{outcome.problem}\nargs: {outcome.args}\nexit: {outcome.code}\n\n{outcome.output}", encoding="utf-8"
    )
    return stem


__all__ = ["KINDS", "FuzzTimeout", "Outcome", "Tally", "make_seeds", "mutated", "pdf_supported", "run_input", "save_failure"]
