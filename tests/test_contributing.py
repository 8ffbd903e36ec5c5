"""CONTRIBUTING.md, followed as a member of staff would: its worked example must work."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from conftest import ROOT, build_site, copy_project


def _example_partner() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    match = re.search(r"<!-- contributing:example-partner -->\n```yaml\n(.*?)```", text, re.S)
    assert match, "the worked example is missing from CONTRIBUTING.md"
    return match.group(1)


def test_the_worked_example_adds_a_partner_in_both_languages(tmp_path):
    project = copy_project(tmp_path / "project")
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").rstrip("\n") + "\n\n" + _example_partner(), "utf-8")
    site = build_site(project, tmp_path / "site")
    zh = lxml_html.fromstring((site / "partners/example-poly/index.html").read_bytes())
    en = lxml_html.fromstring((site / "en/partners/example-poly/index.html").read_bytes())
    assert zh.findtext(".//h1").startswith("新西兰示例理工学院")
    assert en.findtext(".//h1").startswith("Example Polytechnic")
    directory = (site / "en/partners/index.html").read_text("utf-8")
    assert "example-poly/" in directory and "New Zealand (2)" in directory
