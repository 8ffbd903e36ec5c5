"""The first release's names (gdep-check…, `<!-- gdep:NAME -->`, the plugin `gdep`, `.gdep-site`)
worked through 0.2.0 and are gone in 0.3.0, as its changelog said; where a site still uses one,
the build stops and says what to write instead, rather than leaving a gap (issue 28)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from conftest import copy_project


def _build(project: Path, work: Path):
    """A strict build of the English site in this process (its language's process forked from it),
    and what it said."""
    from jiaoliu.engine.build import build_site
    from jiaoliu.engine.languages import read_languages

    work.mkdir()
    return build_site(project / "mkdocs.yml", work, read_languages(project / "mkdocs.yml"), only=["en"],
                      search_index=False)


def test_the_old_commands_and_plugin_name_are_no_longer_installed():
    commands = {entry.name for entry in entry_points(group="console_scripts")}
    assert {"jiaoliu", "jiaoliu-check", "jiaoliu-build"} <= commands
    assert not {name for name in commands if name.startswith("gdep-")}
    assert "gdep" not in {entry.name for entry in entry_points(group="mkdocs.plugins")}


def test_an_old_marker_stops_the_build_and_says_the_new_one(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8").replace("<!-- jiaoliu:key-figures -->", "<!-- gdep:key-figures -->"), "utf-8")
    result = _build(project, tmp_path / "work")
    assert result.site is None
    assert "docs/en/index.md" in result.report() and "<!-- jiaoliu:NAME -->" in result.report(), result.report()


def test_the_old_plugin_name_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("\n  - jiaoliu:\n", "\n  - gdep:\n"), "utf-8")
    result = _build(project, tmp_path / "work")
    assert result.site is None and "gdep" in result.report(), result.report()


def test_a_site_folder_of_the_first_release_is_no_longer_taken_for_a_builds_own(tmp_path):
    from jiaoliu.core.outputdir import refusal

    project = tmp_path / "project"
    site = project / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>an earlier build</p>", "utf-8")
    (site / ".gdep-site").write_text("written by the first release's build\n", "utf-8")
    assert refusal(site, project, project / "docs", project / "data") is not None


def test_a_first_release_footnote_marker_is_named_not_left_on_the_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    with config.open("a", encoding="utf-8") as settings:  # as the first release's mkdocs.yml said it
        settings.write('markdown_extensions:\n  - footnotes:\n      PLACE_MARKER: "[gdep-footnotes]"\n')
    result = _build(project, tmp_path / "work")
    assert result.site is None and 'PLACE_MARKER must be "[jiaoliu-footnotes]"' in result.report()
