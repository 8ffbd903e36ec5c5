"""Bad data fails the real build with the file, the line, the field and a plain message."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import build_site, copy_project


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str  # replaced once in the file
    new: str
    line_of: str  # the line the error must point at is the first line containing this, after the edit
    expected: str  # text of the message (field and English wording)
    occurrence: int = 1  # which line containing `line_of` (for duplicates)


CASES = [
    Case("unknown field", "partners.yml", "  - id: nmit\n", "  - id: nmit\n    colour: red\n",
         "colour: red", "partners[nmit].colour: 未知字段“colour” / unknown field 'colour'"),
    Case("wrong type", "programmes.yml", "duration_years: 3", "duration_years: three",
         "duration_years: three", "programmes[nmit-construction].duration_years: 类型不对"),
    Case("missing en", "partners.yml",
         "      en: A private university. It signed a school-level cross-border cooperation agreement with the college in 2023.\n    unconfirmed:\n      zh: 所在城市",
         "    unconfirmed:\n      zh: 所在城市",
         "      zh: 私立大学。2023 年与学校签署校级跨国（境）合作协议。", "partners[inti].about.en: 缺少英文文字（译文缺失） / the English text is missing (translation missing)"),
    Case("empty zh", "bases.yml", "      zh: 学校与马来西亚拉曼技职学院共建马来西亚海外分校，参与职业教育“走出去”试点，在马来西亚开展境外教学与培训。",
         '      zh: ""', '      zh: ""', "bases[malaysia-branch-campus].about.zh: 文字不能为空 / the text must not be empty"),
    Case("unknown country", "partners.yml", "country: NZ", "country: XX", "country: XX",
         "partners[nmit].country: “XX”不是有效的 ISO 3166"),
    Case("lower-case country", "partners.yml", "country: NZ", "country: nz", "country: nz",
         "'nz' is not a valid ISO 3166 two-letter country or region code"),
    Case("unknown choice", "partners.yml", "kind: polytechnic", "kind: institute", "kind: institute",
         "partners[nmit].kind: “institute”不是允许的取值"),
    Case("duplicate id", "partners.yml", "  - id: siu\n", "  - id: inti\n", "  - id: inti",
         "the id 'inti' is used twice (first at data/partners.yml:", occurrence=2),
    Case("missing reference", "bases.yml", "partner: vtar", "partner: vtarr", "partner: vtarr",
         "bases[malaysia-branch-campus].partner: 引用的编号“vtarr”在 data/partners.yml 中不存在"),
    Case("unknown report section", "programmes.yml", "sources: [s1, s2-2-1, s3-1]", "sources: [s1, s2-2-8, s3-1]",
         "sources: [s1, s2-2-8, s3-1]", "the report has no section with the id 's2-2-8'"),
    Case("unknown key figure", "site.yml", "  - training-bases\n", "  - training-base\n", "  - training-base",
         "the id 'training-base' does not exist in data/figures.yml"),
    Case("yaml syntax", "bases.yml", "    kind: branch_campus\n", "    kind: [branch_campus\n",
         "    kind: [branch_campus", "YAML syntax error"),
    Case("tab indent", "bases.yml", "    kind: branch_campus\n", "\tkind: branch_campus\n", "\tkind",
         "the line is indented with a Tab character"),
    Case("duplicate key", "bases.yml", "    kind: branch_campus\n", "    kind: branch_campus\n    kind: training_base\n",
         "    kind: training_base", "this field is written twice"),
    Case("impossible date", "site.yml", "last_reviewed: 2026-11-24", "last_reviewed: 2026-02-30",
         "last_reviewed: 2026-02-30", "cannot be read (for example a date that does not exist)"),
    Case("https only", "partners.yml", "website: https://nmit.ac.nz/", "website: javascript:alert(1)",
         "website: javascript", "the web address 'javascript:alert(1)' is not valid"),
    Case("en null without status", "partners.yml", "      en: Gachon University\n", "      en: null\n",
         "      en: null", "an empty English name needs en_status: unverified"),
    Case("correction not in text", "report-2023.yml", '"corrected": "二是鼓励教师参加"'.replace('"corrected": ', "corrected: "),
         "corrected: \"二是鼓励老师参加\"", "corrected: \"二是鼓励老师参加\"", "does not appear in this paragraph"),
]


def _break(tmp_path: Path, case: Case) -> tuple[Path, int]:
    project = copy_project(tmp_path / "project")
    path = project / "data" / case.file
    text = path.read_text("utf-8")
    assert case.old in text, f"fixture out of date: {case.old!r} not in {case.file}"
    text = text.replace(case.old, case.new, 1)
    path.write_text(text, "utf-8")
    lines = [n for n, row in enumerate(text.splitlines(), 1) if case.line_of in row]
    line = lines[case.occurrence - 1]
    return project, line


def build_error(project: Path, site_dir: Path) -> str:
    """Build and return the data error MkDocs reported (it wraps PluginError in Abort)."""
    with pytest.raises((PluginError, Abort)) as caught:
        build_site(project, site_dir)
    error = caught.value
    while not isinstance(error, PluginError) and error.__context__ is not None:
        error = error.__context__
    assert isinstance(error, PluginError), repr(caught.value)
    return str(error)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_data_fails_the_build_with_file_line_and_field(tmp_path, case):
    project, line = _break(tmp_path, case)
    message = build_error(project, tmp_path / "site")
    assert f"data/{case.file}:{line}:" in message, message
    assert case.expected in message, message
    assert "How to fix" in message and "修改建议" in message
    assert not (tmp_path / "site" / "index.html").exists(), "a half-built site was written"


def test_the_command_line_shows_the_problem_and_no_traceback(tmp_path):
    case = CASES[0]
    project, line = _break(tmp_path, case)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
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
