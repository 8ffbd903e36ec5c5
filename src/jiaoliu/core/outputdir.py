"""Where a build may write: a folder of its own, and nothing else.

`mkdocs build` empties its output folder before it writes (all but the names starting with a
dot) and `jiaoliu-build` replaces it whole, so a build into the project, `docs/`, `data/`, a folder
git tracks, or any folder that already holds something else would destroy it. `refusal` says why
a folder must not be used, before anything is touched; `claim` marks a folder as a build's own,
so that the next build may replace it. The check and the mark are the same for `jiaoliu-build`, a
plain `mkdocs build` and the preview (the hooks' `on_config` and `on_pre_build`).

The mark is a small file, MARKER, in the folder. It is published with the site (GitHub's
upload-pages-artifact v3 keeps files whose names start with a dot; v4 leaves them out): a
constant line, the same on every build, linked from nowhere, in no sitemap and no search index.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jiaoliu.core.errors import explain

MARKER = ".jiaoliu"
MARKER_TEXT = ("此文件夹由网站构建生成，每次构建都会整个替换 / This folder is written by the site's build, "
               "and each build replaces it whole.\n")


@dataclass(frozen=True)
class OutputProblem:
    """Why a build must not write into a folder: a message code of `messages/*.yml`."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def format(self) -> str:
        zh, en, hint_zh, hint_en = explain(self.code, self.params)
        return f"{zh} / {en}\n    修改建议 / How to fix: {hint_zh} / {hint_en}"


def refusal(output: Path, project: Path, docs: Path, data: Path) -> OutputProblem | None:
    """Why `output` must not be a build's output folder, or None when it may be: it does not exist,
    is empty, or is an earlier build's (it holds MARKER). Reads the file system, writes nothing.

    `output` as given (relative to the working folder, links not followed); `project` is the folder
    of mkdocs.yml, `docs` and `data` the folders the build reads.
    """
    given = Path.cwd() / output
    shown = _shown(given, project)
    try:
        return _refusal(given, shown, project, docs, data)
    except (OSError, RuntimeError) as exc:  # no permission; a loop of links (RuntimeError before 3.13)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return OutputProblem("output_unreadable", {"folder": shown, "detail": detail})


def _refusal(given: Path, shown: str, project: Path, docs: Path, data: Path) -> OutputProblem | None:
    """The checks, the most telling first: a link, the project, what the build reads, then what the
    folder holds (git's files before the mark, which a committed folder could carry too)."""
    link = _first_link(given, project)
    if link is not None:
        return OutputProblem("output_symlink", {"folder": shown, "link": _shown(link, project, slash=False),
                                                "target": os.readlink(link)})
    real, root = given.resolve(), project.resolve()
    if root.is_relative_to(real):
        return OutputProblem("output_holds_project", {"folder": shown})
    for code, source in (("output_in_docs", docs.resolve()), ("output_in_data", data.resolve())):
        if real.is_relative_to(source) or source.is_relative_to(real):
            return OutputProblem(code, {"folder": shown, "source": _shown(source, project)})
    if not real.exists():
        return None
    if not real.is_dir():
        return OutputProblem("output_not_folder", {"folder": _shown(given, project, slash=False)})
    if not any(real.iterdir()):
        return None
    tracked = _a_tracked_file(real)
    if tracked is not None:
        return OutputProblem("output_tracked", {"folder": shown,
                                                "example": _shown(real / tracked, project, slash=False)})
    if not (real / MARKER).is_file():
        return OutputProblem("output_not_ours", {"folder": shown, "marker": MARKER})
    return None


def claim(output: Path) -> None:
    """Mark `output` as a build's own (creating it), once `refusal` has allowed it."""
    output.mkdir(parents=True, exist_ok=True)
    marker = output / MARKER
    if not marker.is_file() or marker.read_text("utf-8") != MARKER_TEXT:
        marker.write_text(MARKER_TEXT, "utf-8")


def _first_link(path: Path, project: Path) -> Path | None:
    """The first symbolic link on the way to `path`: among the folders inside the project (where a
    pull request can put one: `site -> data`) and `path` itself, wherever it is. Links above the
    project are the machine's own layout (macOS's /var, /tmp), not the build's business."""
    inside = os.path.abspath(project)
    partial = Path(path.anchor)
    for part in path.parts[1:]:
        partial /= part
        within = os.path.abspath(partial).startswith(inside + os.sep)
        if (within or partial == path) and partial.is_symlink():
            return partial
    return None


def _a_tracked_file(folder: Path) -> str | None:
    """A file under `folder` that git tracks (relative to it), if `folder` is in a git repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # e.g. GIT_DIR in a git hook
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=folder, env=env, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):  # no git: the mark alone decides
        return None
    names = listed.stdout.decode("utf-8", "replace").split("\0") if listed.returncode == 0 else []
    return next((name for name in names if name), None)


def _shown(path: Path, project: Path, slash: bool = True) -> str:
    """A path as staff know it: from the project's folder when inside it, else in full; a folder
    ends with /."""
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.abspath(project))
    shown = absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else absolute.as_posix()
    if shown == ".":
        return "./"
    return shown.rstrip("/") + "/" if slash else shown
