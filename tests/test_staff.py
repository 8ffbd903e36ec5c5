"""What staff see where they work: edit links on the pages, the comparison of two builds
(`jiaoliu-diff`), annotations on the lines of a pull request, and review dates that inform but
never block. Real builds (`jiaoliu-build`, as CI and deploy run it) of copies of the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from conftest import copy_project, module_build
from corpus_cases import BadInput, check, fresh_data
from jiaoliu.tools import sitediff
from jiaoliu.tools.cli import check_main

REPOSITORY = "https://github.com/gdep-intl/site"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def jiaoliu_build(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jiaoliu.engine.build", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, timeout=300, env=env or ENV)


def built(project: Path, site: Path) -> Path:
    result = jiaoliu_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def line_of(project: Path, file: str, text: str) -> int:
    lines = (project / "data" / file).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line == text)


@module_build
def real_build(tmp_path_factory) -> Path:
    """The real project, built afresh (the session's `site` is a build of it too)."""
    tmp = tmp_path_factory.mktemp("real")
    return built(copy_project(tmp / "project"), tmp / "site")


# --- edit links ------------------------------------------------------------------------------


@module_build
def with_repository(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("repository")
    project = copy_project(tmp / "project")
    edit(project, "site.yml", "last_reviewed:", f"repository: {{url: {REPOSITORY}}}\nlast_reviewed:")
    return project, built(project, tmp / "site")


def edit_links(site: Path, address: str) -> list[tuple[str, str]]:
    """(text, address) of the edit links of a page, which must sit in its collapsed sources block."""
    page = html.parse(str(site / address / "index.html")).getroot()
    links = page.xpath('//*[contains(@class, "jiaoliu-edit")]//a')
    for link in links:
        assert link.xpath('ancestor::details[contains(@class, "jiaoliu-sources")]'), address
    return [(link.text_content(), link.get("href")) for link in links]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_partner_page_links_to_its_record_on_its_line(with_repository, lang):
    project, site = with_repository
    line = line_of(project, "partners.yml", "  - id: nmit")
    (text, href), = edit_links(site, f"{lang}partners/nmit")
    assert href == f"{REPOSITORY}/edit/main/data/partners.yml"
    assert text == (f"data/partners.yml (line {line})" if lang else f"data/partners.yml（第 {line} 行）")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_programme_page_links_to_its_record_on_its_line(with_repository, lang):
    project, site = with_repository
    line = line_of(project, "programmes.yml", "  - id: cr-computer-application")
    (text, href), = edit_links(site, f"{lang}programmes/cr-computer-application")
    assert href == f"{REPOSITORY}/edit/main/data/programmes.yml"
    assert str(line) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hand_written_page_links_to_itself_and_the_data_it_shows(with_repository, lang):
    _, site = with_repository
    links = edit_links(site, "about" if lang == "zh" else "en/about")
    assert links == [(f"docs/{lang}/about.md", f"{REPOSITORY}/edit/main/docs/{lang}/about.md"),
                     ("data/site.yml", f"{REPOSITORY}/edit/main/data/site.yml")]


def test_every_page_has_edit_links_and_none_without_a_repository(with_repository, real_build):
    _, site = with_repository
    pages = sitediff.pages_of(site)
    assert len(pages) > 60
    for address in pages:
        assert edit_links(site, address.rstrip("/") or "."), address
    for address in sitediff.pages_of(real_build):
        assert not edit_links(real_build, address.rstrip("/") or "."), address


def test_a_repository_that_is_not_on_github_is_refused(tmp_path):
    data = fresh_data(tmp_path)
    text = (data / "site.yml").read_text("utf-8")
    (data / "site.yml").write_text(text.replace("last_reviewed:", "repository: {url: 'https://example.org/x'}\n"
                                                "last_reviewed:"), "utf-8")
    (problem,) = check(data).errors
    assert problem.code == "bad_repository" and problem.field == "repository.url"


# --- jiaoliu-diff -------------------------------------------------------------------------------


def test_identical_builds_show_no_change(site, real_build):
    diff = sitediff.compare(site, real_build)
    assert diff.empty, (diff.added, diff.removed, diff.changed)
    assert "does not change" in sitediff.report(diff)


def test_a_text_edit_changes_exactly_the_pages_that_show_the_text(tmp_path, real_build):
    project = copy_project(tmp_path / "project")
    old_zh = "新西兰公立理工学院。"
    old_en = "A New Zealand public institute of technology."
    edit(project, "partners.yml", f"zh: {old_zh}", "zh: 新西兰公立理工学院（已更新）。")
    edit(project, "partners.yml", f"en: {old_en} For 10", "en: A New Zealand public polytechnic. For 10")
    diff = sitediff.compare(real_build, built(project, tmp_path / "site"))
    old_hk = "新西蘭公立理工學院。"  # the same text on the Traditional pages
    shown = {address for address, path in sitediff.pages_of(real_build).items()
             if any(old in line for old in (old_zh, old_en, old_hk) for line in sitediff.read_page(path).lines)}
    assert {"partners/nmit/", "en/partners/nmit/", "zh-HK/partners/nmit/"} <= shown
    assert {c.address for c in diff.changed} == shown and not diff.added and not diff.removed
    assert {c.lang for c in diff.changed} == {"zh", "en", "zh-HK"}
    nmit = next(c for c in diff.changed if c.address == "en/partners/nmit/")
    assert any(line.startswith("-") and old_en in line for line in nmit.lines)
    assert any(line.startswith("+") and "public polytechnic" in line for line in nmit.lines)
    report = sitediff.report(diff)
    assert "`/en/partners/nmit/`" in report and "中文 (简体) / Chinese (Simplified)" in report and "英语 / English" in report


def test_a_figure_change_is_shown_old_and_new_in_both_languages(tmp_path, real_build):
    project = copy_project(tmp_path / "project")
    text = (project / "data" / "partners.yml").read_text("utf-8")
    start = text.index("  - id: nmit\n")
    agreement = "      - {year: 2023, source: s2-2-9}"
    at = text.index(agreement, start)
    text = text[:at] + "      - {year: 2022, source: s2-2-9}" + text[at + len(agreement):]
    (project / "data" / "partners.yml").write_text(text, "utf-8")
    diff = sitediff.compare(real_build, built(project, tmp_path / "site"))
    figures = {(lang, old, new) for lang, title, old, new in diff.figures
               if title in ("当年签约的合作院校", "Partner institutions signing agreements")}
    assert ("zh", "11 所 (2023)", "10 所 (2023)") in figures
    assert ("en", "11 institutions (2023)", "10 institutions (2023)") in figures
    changed = {c.address for c in diff.changed}
    assert {"", "en/", "figures/", "en/figures/", "partners/nmit/", "en/partners/nmit/"} <= changed
    report = sitediff.report(diff)
    assert "| zh |" in report and "11 所 (2023) | 10 所 (2023)" in report


def test_staff_text_cannot_break_out_of_the_summary():
    diff = sitediff.SiteDiff(changed=[sitediff.Change("partners/x/", "zh", ["+ ```", "+ <script>x</script>"])],
                             figures=[("en", "a | b", "<img src=x>", "[x](javascript:x)")])
    report = sitediff.report(diff)
    assert "````diff" in report  # a fence longer than the backticks inside
    assert "\\<img src=x\\>" in report and "\\[x\\](javascript:x)" in report and "a \\| b" in report


def test_the_command_compares_two_folders(tmp_path, site, real_build):
    result = subprocess.run([sys.executable, "-m", "jiaoliu.tools.sitediff", str(site), str(real_build)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "The site does not change" in result.stdout
    result = subprocess.run([sys.executable, "-m", "jiaoliu.tools.sitediff", str(tmp_path), str(site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "not a built site" in result.stderr


# --- annotations on the pull request's lines ------------------------------------------------

ANNOTATION = re.compile(r"::(error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
                        r"title=(?P<title>[^:]+)::(?P<message>.+)")
SAMPLE = BadInput.all()[::9]  # every kind of file and both severities, a sample of the corpus


def _decode(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


@pytest.mark.parametrize("case", SAMPLE, ids=[c.name for c in SAMPLE])
def test_in_github_actions_each_problem_is_annotated_on_its_line(tmp_path, case, monkeypatch, capsys):
    """jiaoliu-check's entry point, in this process (the command itself, below and in test_robustness.py)."""
    data = fresh_data(tmp_path)
    line = case.apply(data)
    result = check(data)
    (problem,) = [*result.errors, *result.warnings]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert check_main(["--data", str(data), "--strict"]) == 1
    output = capsys.readouterr().out
    (annotation,) = [ANNOTATION.fullmatch(x) for x in output.splitlines() if x.startswith("::")]
    assert annotation is not None, output
    assert annotation[1] == case.severity
    assert (annotation["file"], int(annotation["line"]), int(annotation["col"])) == (case.where, line,
                                                                                    problem.column)
    message = _decode(annotation["message"])
    assert problem.message_zh in message and problem.message_en in message
    assert "修改建议 / How to fix:" in message and "\n" not in annotation["message"]


def test_without_github_actions_there_are_no_annotations(tmp_path):
    data = fresh_data(tmp_path)
    SAMPLE[0].apply(data)
    result = subprocess.run([sys.executable, "-m", "jiaoliu.tools.cli", "--data", str(data)],
                            capture_output=True, text=True, timeout=60, env={**ENV, "GITHUB_ACTIONS": ""})
    assert "::error" not in result.stdout and result.returncode == 1


def test_the_build_annotates_each_data_problem_once(tmp_path):
    case = next(c for c in BadInput.all() if c.name == "unknown field")
    project = copy_project(tmp_path / "project")
    line = case.apply(project / "data")
    result = jiaoliu_build(project, tmp_path / "site", env={**ENV, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    annotations = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert len(annotations) == 1, result.stdout  # both languages found it; it is shown once
    assert annotations[0].startswith(f"::error file=data/partners.yml,line={line},")


# --- review dates ----------------------------------------------------------------------------


def test_a_review_date_in_the_past_informs_and_never_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project, "site.yml", "last_reviewed: 2026-11-24", "last_reviewed: 2024-01-15")
    edit(project, "partners.yml", "  - id: nmit\n", "  - id: nmit\n    reviewed: 2023-03-01\n")
    result = jiaoliu_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("2 条记录待核对 / record(s) due for review") == 1, result.stdout
    assert "Site built: zh " in result.stdout
    check = subprocess.run([sys.executable, "-m", "jiaoliu.tools.cli", "--strict"], cwd=project,
                           capture_output=True, text=True, timeout=60, env=ENV)
    assert check.returncode == 0 and "Due for review" in check.stdout, check.stdout
    review = subprocess.run([sys.executable, "-m", "jiaoliu.tools.cli", "--review", "--markdown"], cwd=project,
                            capture_output=True, text=True, timeout=60, env=ENV)
    assert review.returncode == 0
    items = [x for x in review.stdout.splitlines() if x.startswith("- [ ] ")]
    site_line = line_of(project, "site.yml", "last_reviewed: 2024-01-15")
    partner_line = line_of(project, "partners.yml", "    reviewed: 2023-03-01")
    assert items[0].startswith(f"- [ ] `data/partners.yml` line {partner_line}: `partners[nmit].reviewed`")
    assert items[1].startswith(f"- [ ] `data/site.yml` line {site_line}: `last_reviewed`")
    assert "not reviewed since 2023-03-01" in items[0] and len(items) == 2


def test_the_review_report_says_when_nothing_is_due():
    from conftest import ROOT

    review = subprocess.run([sys.executable, "-m", "jiaoliu.tools.cli", "--review", "--markdown"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, env=ENV)
    assert review.returncode == 0 and "No record is due for review" in review.stdout
    assert "- [ ]" not in review.stdout
