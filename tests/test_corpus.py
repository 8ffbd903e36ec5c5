"""The corpus of bad inputs: each gives exactly one problem, at its exact line, in words a
member of staff can act on; the command line never shows a traceback, and the build stops on
it with the same words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_bad_data import build_error

from conftest import copy_project
from corpus_cases import BadInput, check, fresh_data
from jiaoliu.core.errors import DataProblem
from jiaoliu.tools.cli import check_main

CASES = BadInput.all()
# The build reads the data with the check's own loader: it is built for the first case of each kind
# of mistake (84 of the 210), and every case is checked and run through jiaoliu-check.
BUILT = frozenset({case.code: case.name for case in reversed(CASES)}.values())


def test_the_corpus_covers_every_kind_of_mistake():
    assert len(CASES) >= 100
    codes = {case.code for case in CASES}
    for code in ("yaml_syntax", "unclosed_quote", "tab_indent", "duplicate_key", "empty_file", "bom",
                 "not_utf8", "wrong_type", "unknown_field", "missing", "missing_translation",
                 "empty_text", "bad_country", "bad_choice", "duplicate_id", "unknown_reference",
                 "bad_scalar", "bad_url", "insecure_url", "looks_like_html", "looks_like_markdown",
                 "too_long", "control_char", "mixed_script",
                 # what typing YAML can silently change, or use to attack (issue 9)
                 "bad_link", "unknown_anchor", "yaml_reading", "inline_comment", "yaml_anchor", "yaml_alias",
                 "yaml_tag", "merge_key", "multiple_documents", "too_deep", "reserved_id", "self_parent",
                 "parent_loop", "unknown_file", "insecure_url",
                 # what a contributor could use to inject markup (issue 23, point 2)
                 "email_not_one_address", "image_extension", "image_not_its_type", "svg_element", "svg_attribute",
                 "svg_reference", "svg_doctype", "svg_not_svg", "svg_not_xml",
                 # slips of a Chinese keyboard or a word processor (issue 23)
                 "fullwidth_colon", "wide_indent", "curly_quotes", "comma_in_braces", "fullwidth_punctuation",
                 "pasted_text", "pasted_id"):
        assert code in codes, code


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_at_its_line_by_the_check_the_command_and_the_build(tmp_path, case, capsys):
    """One copy of the project with the case applied, seen the three ways staff meet it: the
    check, jiaoliu-check and (for the first case of its kind) the strict build, which stops on errors
    and warnings alike."""
    project = copy_project(tmp_path / "project")
    line = case.apply(project / "data")
    problem = _the_one_problem(case, project / "data", line)
    _the_command_reports_it(case, project / "data", line, capsys)
    if case.name not in BUILT:
        return
    message = build_error(project, tmp_path / "site", only=("zh",))  # the data is checked alike in every language
    assert problem.format() in message, message  # file:line:column: field: zh / en, and the hint, as jiaoliu-check says
    assert message.count(problem.format()) == 1 and "Aborted with" not in message, message  # once, and nothing else
    assert "How to fix" in message and "修改建议" in message
    assert not (tmp_path / "site" / "index.html").exists(), "a half-built site was written"


def _the_one_problem(case: BadInput, data: Path, line: int) -> DataProblem:
    """Exactly one problem, at the case's file and line, in the case's words."""
    result = check(data)
    found = [("error", p) for p in result.errors] + [("warning", p) for p in result.warnings]
    assert len(found) == 1, [p.format() for _, p in found]
    severity, problem = found[0]
    assert (severity, problem.code, problem.file, problem.line) == (case.severity, case.code, case.where, line)
    assert problem.message_en == case.message
    assert case.field is None or problem.field == case.field
    assert case.hint in problem.format().split("How to fix: ", 1)[1]
    text = problem.format()
    assert text.startswith(f"{case.where}:{line}:{problem.column}: ")
    assert "修改建议 / How to fix:" in text
    return problem


def _the_command_reports_it(case: BadInput, data: Path, line: int, capsys) -> None:
    """jiaoliu-check's entry point (what the console script runs), in this process: its output is
    captured as UTF-8, as a terminal or CI gets it. The command itself, as a subprocess, is run on
    broken data in test_robustness.py and below."""
    status = check_main(["--data", str(data), "--strict"])
    output = capsys.readouterr()
    assert status == 1, output.out + output.err
    assert f"{case.where}:{line}:" in output.out
    assert "Traceback" not in output.out + output.err
    if case.severity == "warning":  # warnings alone fail only in strict mode
        assert check_main(["--data", str(data)]) == 0


def _jiaoliu_check(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-c", "import sys; from jiaoliu.tools.cli import check_main; sys.exit(check_main())",
         "--data", str(data_dir), *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_the_check_command_passes_on_the_real_data():
    from conftest import ROOT

    result = _jiaoliu_check(ROOT / "data", "--strict")
    assert result.returncode == 0, result.stdout
    assert "Data check passed" in result.stdout


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    data = fresh_data(tmp_path)
    names = ("unknown country code", "reference to a missing partner", "unknown derivation",
             "word for a number")
    chosen = [c for c in CASES if c.name in names]
    assert len(chosen) == len(names)
    for case in chosen:
        case.apply(data)
    result = _jiaoliu_check(data)
    assert result.stdout.count("data/") >= len(chosen), result.stdout
    assert f"Errors ({len(chosen)})" in result.stdout


def test_translation_report_lists_file_record_and_field(tmp_path):
    data = fresh_data(tmp_path)
    for case in CASES:
        if case.code == "missing_translation" and "en" in case.name:
            line = case.apply(data)
    result = _jiaoliu_check(data, "--translations")
    assert result.returncode == 1
    assert f"data/bases.yml:{line}:7: bases[malaysia-branch-campus].about.en:" in result.stdout


def test_the_corpus_covers_the_newer_fields():
    """The office's channels, how to apply, the Traditional corrections, logo, favicon, repository
    and the reports per year each have a case."""
    written = " ".join(str(case.edit.get("replace", case.edit.get("content", ""))) for case in CASES)
    for field in ("email:", "phone:", "whatsapp:", "wechat:", "address:", "hours:", "logo:", "favicon:",
                  "repository:", "branch:", "source:"):
        assert field in written, field
    files = {case.file for case in CASES}
    assert {"admissions.yml", "traditional.yml"} <= files and any(f.startswith("reports/") for f in files)
    codes = {case.code for case in CASES if case.file == "traditional.yml"}
    assert {"term_symbol", "not_chinese_term", "simplified_in_traditional", "duplicate_term", "unused_term"} <= codes
