"""CONTRIBUTING.md, followed as a member of staff would: its worked example must work."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from conftest import ROOT, build_site, copy_project


def _example(name: str) -> str:
    """The YAML of a worked example of CONTRIBUTING.md, after its `<!-- contributing:NAME -->`."""
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    match = re.search(rf"<!-- contributing:{name} -->\n```yaml\n(.*?)```", text, re.S)
    assert match, f"the worked example {name} is missing from CONTRIBUTING.md"
    return match.group(1)


def test_the_worked_example_adds_a_partner_in_both_languages(tmp_path):
    project = copy_project(tmp_path / "project")
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").rstrip("\n") + "\n\n" + _example("example-partner"), "utf-8")
    site = build_site(project, tmp_path / "site")
    zh = lxml_html.fromstring((site / "partners/example-poly/index.html").read_bytes())
    en = lxml_html.fromstring((site / "en/partners/example-poly/index.html").read_bytes())
    assert zh.findtext(".//h1").startswith("新西兰示例理工学院")
    assert en.findtext(".//h1").startswith("Example Polytechnic")
    directory = (site / "en/partners/index.html").read_text("utf-8")
    assert "example-poly/" in directory and "New Zealand (2)" in directory


def test_the_worked_example_adds_a_year(tmp_path):
    """./scripts/new-year 2024, the check lists what is empty, the report is filled in (here with
    the fictional fixture, and the example's figures), and the site shows 2024."""
    import shutil
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    started = subprocess.run([sys.executable, "-m", "gdep_site.tools.newyear", "2024"], cwd=project,
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    check = subprocess.run([sys.executable, "-m", "gdep_site.tools.cli"], cwd=project, capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0 and "is a draft, neither published nor counted" in check.stdout  # nothing published changes
    todo = subprocess.run([sys.executable, "-m", "gdep_site.tools.cli", "--todo"], cwd=project, capture_output=True,
                          text=True, timeout=120)
    assert todo.returncode == 0 and "data/reports/2024.yml:" in todo.stdout and "still empty in this draft" in todo.stdout
    report = project / "data" / "reports" / "2024.yml"
    shutil.copy(ROOT / "tests" / "fixtures" / "second-year" / "2024.yml", report)
    text = report.read_text("utf-8")
    start, end = text.index("\nfigures:"), text.index("\nsections:")
    report.write_text(text[:start + 1] + _example("example-year") + text[end + 1:], "utf-8")
    site = build_site(project, tmp_path / "site")
    figures = lxml_html.fromstring((site / "en/figures/index.html").read_bytes())
    row = figures.xpath("//article//table//tr[td//a[contains(@href, '#course-resources')]]")[0]
    assert [" ".join(td.text_content().split()) for td in row.xpath("./td")[1:]] == ["54", "60", "+6"]
    archive = (site / "report/index.html").read_text("utf-8")
    assert archive.index('href="2024/"') < archive.index('href="2023/"')
