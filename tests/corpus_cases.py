"""The bad-input corpus (tests/corpus/bad_inputs.yml): apply one case to a copy of data/."""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from jiaoliu.engine.languages import read_languages

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus" / "bad_inputs.yml"
LANGUAGES = read_languages(ROOT / "mkdocs.yml")  # the site's table: which folders of docs/ are languages


@dataclass(frozen=True)
class BadInput:
    name: str
    file: str
    line: int
    code: str
    message: str
    severity: str
    edit: dict
    field: str | None = None  # the field the problem names, where the case says it
    hint: str = ""  # words the English hint must hold, where the case says (a suggestion: "did you mean …")

    @classmethod
    def all(cls) -> list[BadInput]:
        return list(_corpus())

    @classmethod
    def from_entry(cls, entry: dict) -> BadInput:
        return cls(entry["name"], entry["file"], entry.get("line", 0), entry.get("code", ""),
                   entry.get("message", ""), entry.get("severity", "error"), entry, entry.get("field"),
                   entry.get("hint", ""))

    @property
    def where(self) -> str:
        """The file the problem is reported in, as staff name it: data/… or docs/… (an image)."""
        return self.file if self.file.startswith("docs/") else f"data/{self.file}"

    def apply(self, data_dir: Path) -> int:
        """Write the broken file into `data_dir` (a copy of data/, with docs/ next to it: a `file`
        starting with docs/ is there); return the expected line."""
        path = data_dir.parent / self.file if self.file.startswith("docs/") else data_dir / self.file
        edit = self.edit
        if "make" in edit:  # not a file at all
            return _make(path, edit["make"])
        text = edit["content"] if "content" in edit else path.read_text("utf-8")
        if "replace" in edit:
            old, new = edit["replace"]
            assert old in text, f"corpus case '{self.name}' is out of date: {old!r} not in {self.file}"
            if "long" in edit:
                new = new.replace("LONG", "x" * edit["long"])
            text = text.replace(old, new, 1)
        raw = text.encode(edit.get("encoding", "utf-8"))
        if edit.get("bom"):
            raw = b"\xef\xbb\xbf" + raw
        path.write_bytes(raw)
        if "find" not in edit:
            return edit.get("line", 1)
        # Lines as an editor numbers them: only a line feed ends a line (not U+2028, VT…).
        lines = [n for n, row in enumerate(text.split("\n"), 1) if edit["find"] in row]
        assert lines, f"corpus case '{self.name}': {edit['find']!r} not found after the edit"
        return lines[edit.get("occurrence", 1) - 1] + edit.get("line_offset", 0)


@functools.cache
def _corpus() -> tuple[BadInput, ...]:
    """Read once per process: several test modules loop over it, and parsing it costs seconds."""
    return tuple(BadInput.from_entry(e) for e in yaml.safe_load(CORPUS.read_text("utf-8")))


def _make(path: Path, kind: str) -> int:
    """In place of a data file: a folder, a named pipe (reading it would wait forever) or a link
    to itself; the problem is on line 1."""
    path.unlink(missing_ok=True)
    {"folder": path.mkdir, "fifo": lambda: os.mkfifo(path), "loop": lambda: path.symlink_to(path.name)}[kind]()
    return 1


def fresh_data(tmp: Path) -> Path:
    """A copy of data/, with docs/ next to it (data may link to its pages) and mkdocs.yml (the
    site's languages: which folders of docs/ hold pages)."""
    target = tmp / "data"
    shutil.copytree(ROOT / "data", target)
    shutil.copytree(ROOT / "docs", tmp / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    return target


def check(data: Path):
    """check_data as the build runs it: with the hand-written pages next to the data."""
    from jiaoliu.core.loader import check_data

    return check_data(data, docs=data.parent / "docs", languages=LANGUAGES)


if __name__ == "__main__":  # print what each case produces, to review when adding a case
    import sys
    import tempfile

    sys.path.insert(0, str(ROOT / "src"))
    for case in BadInput.all():
        with tempfile.TemporaryDirectory() as tmp:
            data = fresh_data(Path(tmp))
            line = case.apply(data)
            result = check(data)
            print(f"### {case.name} (expected line {line})")
            for severity, problems in (("error", result.errors), ("warning", result.warnings)):
                for p in problems:
                    print(f"  {severity} {p.file}:{p.line}:{p.column} {p.field} [{p.code}] {p.message_en}")
