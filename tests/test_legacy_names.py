"""The first release's names (gdep-check…, `<!-- gdep:NAME -->`, the plugin `gdep`) keep working
for this release, each time saying the new name (issue 28: a neutral name, jiaoliu)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import html as lxml_html

from conftest import ROOT, copy_project

BIN = Path(sys.executable).parent


def test_an_old_command_runs_and_names_the_new_one():
    result = subprocess.run([str(BIN / "gdep-check")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gdep-check is now jiaoliu-check; the old name works until the next release" in result.stderr
    assert "Data check passed" in result.stdout


def test_an_old_marker_and_the_old_plugin_name_build_the_same_page_and_say_the_new_names(tmp_path):
    """A strict build: the notes are information, never warnings (which would stop it)."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8").replace("<!-- jiaoliu:key-figures -->", "<!-- gdep:key-figures -->"), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("\n  - jiaoliu:\n", "\n  - gdep:\n"), "utf-8")
    assert "<!-- gdep:key-figures -->" in page.read_text("utf-8") and "  - gdep:\n" in config.read_text("utf-8")
    result = subprocess.run([sys.executable, "-m", "jiaoliu.engine.build", "-d", str(tmp_path / "site"),
                             "--language", "en"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "the plugin gdep is now jiaoliu" in output
    assert "docs/en/index.md" in output and "is now <!-- jiaoliu:key-figures -->" in output
    home = lxml_html.fromstring((tmp_path / "site" / "en" / "index.html").read_bytes())
    assert home.xpath("//*[@data-figure='partners-signed']")  # the block, in its place


def test_a_site_folder_built_by_the_first_release_is_still_a_builds_own(tmp_path):
    from jiaoliu.core.outputdir import refusal

    project = tmp_path / "project"
    site = project / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>an earlier build</p>", "utf-8")
    assert refusal(site, project, project / "docs", project / "data") is not None  # not ours: refused
    (site / ".gdep-site").write_text("written by the first release's build\n", "utf-8")
    assert refusal(site, project, project / "docs", project / "data") is None


def test_a_first_release_footnote_marker_is_named_not_left_on_the_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace('"[jiaoliu-footnotes]"', '"[gdep-footnotes]"'), "utf-8")
    result = subprocess.run([sys.executable, "-m", "jiaoliu.engine.build", "-d", str(tmp_path / "site"),
                             "--language", "en"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert 'PLACE_MARKER must be "[jiaoliu-footnotes]"' in result.stdout + result.stderr
