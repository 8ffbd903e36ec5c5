"""What a change to the data does to the published figures: each key figure as the site shows it
(the latest year that has it) before, at a git revision (`main`, or the pull request's base), and
now; and, for each that changed, what its report states when the two differ.

Information for staff, never a reason to stop: `jiaoliu-check` says how many figures a change alters,
`jiaoliu-check --figures` lists them (`--markdown` for the pull request's summary).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jiaoliu.core import models as m
from jiaoliu.core.dataset import Dataset
from jiaoliu.core.figures import FigureValue, all_figures
from jiaoliu.core.loader import check_data
from jiaoliu.engine.languages import languages_beside

BASES = ("origin/main", "main")  # where the published data is, when not given


@dataclass(frozen=True)
class FigureChange:
    figure: m.KeyFigure
    before: FigureValue | None  # None: the figure is new, or had no value
    after: FigureValue

    @property
    def differs(self) -> tuple[m.Reported, ...]:
        """What the report states, when the new value differs from it."""
        return self.after.reported if self.after.disagreeing else ()


def base_revision(project: Path, given: str | None) -> str | None:
    """The revision to compare with: the one given, else the first of BASES git knows."""
    for rev in [given] if given else BASES:
        if git(project, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is not None:
            return rev
    return None


def extract(archive: bytes, folder: Path) -> bool:
    """The files and folders of a `git archive`, written under `folder` and nowhere else: no
    link, no absolute or climbing path (by hand: Debian 12's Python 3.11.2 has no tarfile
    filters). False when the archive cannot be read."""
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():
                target = (folder / member.name).resolve()
                if not target.is_relative_to(folder.resolve()) or not (member.isfile() or member.isdir()):
                    continue
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                source = tar.extractfile(member)
                if source is not None:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(source.read())
    except (tarfile.TarError, OSError):
        return False
    return True


def data_at(project: Path, rev: str) -> Dataset | None:
    """The data as it is at `rev`, checked; None when git cannot give it, or it does not pass
    today's check (then there is nothing to compare with)."""
    archive = git(project, "archive", "--format=tar", rev, "data")
    if archive is None:
        return None
    with tempfile.TemporaryDirectory(prefix="jiaoliu-base-") as folder:
        if not extract(archive, Path(folder)) or not (Path(folder) / "data").is_dir():
            return None
        # read with today's table of languages: a further language's texts are fields of the data
        return check_data(Path(folder) / "data", for_staff=False, languages=languages_beside(project / "data")).dataset


def changes(before: Dataset, after: Dataset) -> list[FigureChange]:
    """Each key figure whose shown value (or year) is not what it was, in figures.yml's order."""
    old = {f: s.latest for f, s in all_figures(before).items()}
    found = []
    for figure_id, series in all_figures(after).items():
        now, then = series.latest, old.get(figure_id)
        if now.value is None and (then is None or then.value is None):
            continue
        if then is None or (then.year, then.value) != (now.year, now.value):
            found.append(FigureChange(series.figure, then, now))
    return found


def git(project: Path, *args: str) -> bytes | None:
    """What a git command prints in `project`; None when git is missing or the command fails."""
    try:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _value(value: FigureValue | None) -> str:
    return "–" if value is None or value.value is None else f"{value.value} ({value.year})"


def lines(found: list[FigureChange]) -> list[str]:
    """One line a figure, in both languages: its label, before → now, and the report when it differs."""
    out = []
    for change in found:
        label = change.figure.label
        text = f"{label.zh} / {label.en}: {_value(change.before)} → {_value(change.after)}"
        if change.differs:
            said = ", ".join(f"{r.value} ({r.section})" for r in change.differs)
            text += f"；与报告不一致，报告写作 {said} / differs from the report, which says {said}"
        out.append(text)
    return out


def _plain(text: str) -> str:
    """Staff's words in the job summary's Markdown, shown as typed (no markup, link or HTML of theirs)."""
    return "".join(f"\\{ch}" if ch in "\\`*_[]<>|#!~" else ch for ch in text)


def markdown(found: list[FigureChange], rev: str) -> str:
    """For the pull request's job summary (GitHub renders it)."""
    head = f"## 这次修改改变的数据 / Figures this change alters (against `{_plain(rev)}`)\n\n"
    if not found:
        return head + "没有 / None.\n"
    return head + "\n".join(f"- {_plain(line)}" for line in lines(found)) + "\n"
