"""The body folders of a batch's input folder and what identifies their inputs.

A body folder is a direct subfolder holding a data file (data.yaml / data.yml / data.json /
data.xlsx) and, usually, notes.md. Hidden folders and folders with neither are ignored (the
output folder may sit inside the input folder). The inputs of a body are recorded as
{path relative to the body folder: sha256}; a data file's `previous` file is added once the
data has been read, so that a change to last year's figures is a change of inputs too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .names import FolderNames

DATA_NAMES = ("data.yaml", "data.yml", "data.json", "data.xlsx")
NOTES_NAME = "notes.md"


@dataclass
class BodyFolder:
    key: str  # the output folder name (unique, safe); the manifest's key
    path: Path  # the input folder
    data_path: Path | None = None
    notes_path: Path | None = None
    problem: str | None = None  # why the folder cannot be drafted before reading anything
    deps: dict[str, str | None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.path.name


def file_hash(path: Path) -> str | None:
    """sha256 of a file's bytes; None when it is missing or unreadable."""
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def relative(path: Path, base: Path) -> str:
    import os

    return os.path.relpath(path, base).replace("\\", "/")


def discover(in_dir: Path, skip: Path | None = None) -> list[BodyFolder]:
    """The body folders of `in_dir`, in name order, each with its data and notes files found."""
    skip_resolved = skip.resolve() if skip is not None else None
    subdirs = sorted(
        (p for p in in_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    names = FolderNames()
    bodies: list[BodyFolder] = []
    for sub in subdirs:
        if skip_resolved is not None and sub.resolve() == skip_resolved:
            continue
        data_files = [sub / n for n in DATA_NAMES if (sub / n).is_file()]
        notes = sub / NOTES_NAME
        has_notes = notes.is_file()
        if not data_files and not has_notes:
            continue
        body = BodyFolder(key=names.take(sub.name), path=sub, notes_path=notes if has_notes else None)
        if not data_files:
            body.problem = f"文件夹中没有数据文件（{' / '.join(DATA_NAMES)}）。请放入数据文件（可用 drafter init 生成模板）。"
        elif len(data_files) > 1:
            listed = "、".join(p.name for p in data_files)
            body.problem = f"文件夹中有多个数据文件（{listed}），不知道以哪个为准。请只保留一个。"
        else:
            body.data_path = data_files[0]
        body.deps = current_deps(body)
        bodies.append(body)
    return bodies


def current_deps(body: BodyFolder, extra: list[str] | tuple[str, ...] = ()) -> dict[str, str | None]:
    """{relative path: sha256} of the body's data and notes files and of `extra` paths."""
    paths = [p for p in (body.data_path, body.notes_path) if p is not None]
    out = {relative(p, body.path): file_hash(p) for p in paths}
    for rel in extra:
        if rel not in out:
            out[rel] = file_hash(body.path / rel)
    return out
