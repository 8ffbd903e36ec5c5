"""Bad data fails the real build with the file, the line, the field and a plain message (every case
of the corpus does: test_corpus.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BuildFailed, build_site, copy_project
from corpus_cases import BadInput


def _break(tmp_path: Path, case: BadInput) -> tuple[Path, int]:
    project = copy_project(tmp_path / "project")
    return project, case.apply(project / "data")


def build_error(project: Path, site_dir: Path, only: tuple[str, ...] | None = None) -> str:
    """Build and return what the failed build reported (`only`: these languages' builds)."""
    with pytest.raises(BuildFailed) as caught:
        build_site(project, site_dir, only=list(only) if only else None)
    return str(caught.value)


def test_the_command_line_shows_the_problem_and_no_traceback(tmp_path):
    case = next(c for c in BadInput.all() if c.name == "unknown field")
    project, line = _break(tmp_path, case)
    result = subprocess.run(
        [sys.executable, "-m", "jiaoliu.engine.build", "-d", str(tmp_path / "site")],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"data/partners.yml:{line}:" in output
    assert "Traceback" not in output


def test_all_problems_of_a_file_are_listed_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "partners.yml"
    text = path.read_text("utf-8").replace("country: NZ", "country: XX").replace("kind: polytechnic", "kind: x")
    path.write_text(text, "utf-8")
    assert "2 problem(s)" in build_error(project, tmp_path / "site")


def test_a_page_missing_in_one_language_fails_and_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "en" / "study.md").unlink()
    message = build_error(project, tmp_path / "site")
    assert "missing translation" in message and "docs/en/study.md" in message


def test_a_menu_group_without_a_title_in_one_language_fails_and_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("            about-this-site: About this site and its sources\n",
                                                        ""), "utf-8")
    message = build_error(project, tmp_path / "site")
    assert "nav_translations of en: about-this-site" in message
