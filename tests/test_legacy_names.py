"""The first release's names (gdep-check…, `<!-- gdep:NAME -->`, the plugin `gdep`) keep working
for this release, each time saying the new name (issue 28: a neutral name, jiaoliu)."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from conftest import ROOT, copy_project, run_command


def _build(project: Path, work: Path):
    """A strict build of the English site in this process (its language's process forked from it),
    and what it said."""
    from jiaoliu.engine.build import build_site
    from jiaoliu.engine.languages import read_languages

    work.mkdir()
    return build_site(project / "mkdocs.yml", work, read_languages(project / "mkdocs.yml"), only=["en"],
                      search_index=False)


def test_an_old_command_runs_and_names_the_new_one():
    """The console script gdep-check, as pyproject.toml declares it (run in this process)."""
    result = run_command("gdep-check", cwd=ROOT)
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
    result = _build(project, tmp_path / "work")
    output = result.report()
    assert result.site is not None, output
    assert "the plugin gdep is now jiaoliu" in output
    assert "docs/en/index.md" in output and "is now <!-- jiaoliu:key-figures -->" in output
    home = lxml_html.fromstring((result.site / "en" / "index.html").read_bytes())
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
    with config.open("a", encoding="utf-8") as settings:  # as the first release's mkdocs.yml said it
        settings.write('markdown_extensions:\n  - footnotes:\n      PLACE_MARKER: "[gdep-footnotes]"\n')
    result = _build(project, tmp_path / "work")
    assert result.site is None and 'PLACE_MARKER must be "[jiaoliu-footnotes]"' in result.report()
