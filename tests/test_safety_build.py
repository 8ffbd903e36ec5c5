"""Nothing silently ignored, and the build that publishes exactly as strict as CI: page markers,
unknown files, links out of the project, jiaoliu-build, SITE_URL and the staff tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from test_bad_data import build_error

from conftest import ROOT, BuildFailed, build_site, copy_project, run_command
from jiaoliu.core import outputdir

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}


def _run(*command: str | Path, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300,
                            env=env or ENV)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


# --- 5. nothing silently ignored ------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["<!-- jiaoliu:partner_directory -->", "<!-- jiaoliu: partner-directory -->",
                                    "<!--jiaoliu:partner-directory-->", "<!-- GDEP:partner-directory -->",
                                    "<!-- jiaoliu:partner-directry -->"])
def test_a_comment_that_looks_like_a_marker_fails_the_build(tmp_path, marker):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "partners" / "index.md"
    page.write_text(page.read_text("utf-8").replace("<!-- jiaoliu:partner-directory -->", marker), "utf-8")
    message = build_error(project, tmp_path / "site")
    assert "docs/en/partners/index.md:" in message and marker in message and "partner-directory" in message


def test_a_data_file_with_another_name_is_an_error_listing_the_known_files(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "activities.yml").rename(project / "data" / "activities.yaml")
    result = _run(BIN / "jiaoliu-check", "--data", project / "data")
    assert result.returncode == 1
    assert "data/activities.yaml:1:1" in result.stdout and "unknown file 'activities.yaml'" in result.stdout
    assert "activities.yml" in result.stdout.split("activities.yaml", 2)[2]  # the known names are listed
    assert "data/activities.yml:1:1" in result.stdout and "the data file is missing" in result.stdout


@pytest.mark.parametrize("link", ["data/partners.yml", "docs/en/leak.md"])
def test_a_symbolic_link_out_of_the_repository_is_refused(tmp_path, link):
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside.yml"
    outside.write_bytes((ROOT / "data" / "partners.yml").read_bytes())  # even a valid file
    (project / link).unlink(missing_ok=True)
    (project / link).symlink_to(outside)
    (project / "docs" / "en" / "inside").symlink_to(project / "docs" / "en" / "partners")  # inside: fine
    message = build_error(project, tmp_path / "site")
    assert f"{link}:1:1" in message and "outside this repository" in message
    assert "inside" not in message


# --- 6. the production build is as strict as CI ----------------------------------------------------


def test_jiaoliu_build_fails_on_a_broken_link_and_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert _run(BIN / "jiaoliu-build", "-d", site, cwd=project).returncode == 0
    published = (site / "index.html").read_bytes()
    page = project / "docs" / "en" / "about.md"
    page.write_text(page.read_text("utf-8") + "\n[A page that is not there](missing.md)\n", "utf-8")
    result = _run(BIN / "jiaoliu-build", "-d", site, cwd=project)
    assert result.returncode == 1, result.stdout
    assert "missing.md" in result.stdout and "INFO" not in result.stdout
    assert (site / "index.html").read_bytes() == published and not list(tmp_path.glob(".jiaoliu-build-*"))


# --- the build writes only its output folder -------------------------------------------------------


def _tracked_project(tmp_path: Path) -> Path:
    """A copy of the project in a folder of its own (its parent is refused too), committed to git."""
    project = copy_project(tmp_path / "work" / "project")
    (project / "minutes").mkdir()  # a folder of the office's own, kept in git
    (project / "minutes" / "2026-11.md").write_text("the office's meeting notes", "utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)
    return project


def _everything(folder: Path) -> dict[str, object]:
    """Every file (its bytes), link (its target) and folder under `folder`, git's own files too."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = (os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else "folder")
    return found


# What each command says of a refused folder: jiaoliu-build, and a plain MkDocs build of one language.
# MkDocs itself refuses a folder that holds docs_dir or is inside it, before any plugin runs; the
# plugin (jiaoliu.core.outputdir) refuses the rest, as jiaoliu-build does.
ONE_LANGUAGE = {"JIAOLIU_LANGUAGE": "zh", "JIAOLIU_SOURCE_LANGUAGE": "zh"}
HOLDS_PROJECT = "is the project's folder or a folder above it"
MKDOCS_HOLDS_DOCS = "The 'docs_dir' should not be within the 'site_dir'"
OVERLAPS_DOCS = "overlaps docs/, the folder of the hand-written pages"
REFUSED_OUTPUTS = {  # name: (the -d argument, jiaoliu-build's message, mkdocs build's message)
    "the project": (".", HOLDS_PROJECT, MKDOCS_HOLDS_DOCS),
    "the project's parent": ("..", HOLDS_PROJECT, MKDOCS_HOLDS_DOCS),
    "docs": ("docs", OVERLAPS_DOCS, MKDOCS_HOLDS_DOCS),
    "docs/en": ("docs/en", OVERLAPS_DOCS, "The 'site_dir' should not be within the 'docs_dir'"),
    "data": ("data", *["overlaps data/, the folder of the data files"] * 2),
    "a folder with tracked files": ("minutes", *["holds files tracked by git (e.g. minutes/2026-11.md)"] * 2),
    "site -> data": ("site", *["site/ is reached through the symbolic link site (to data)"] * 2),
    "a link in the path": ("pages/site", *["pages/site/ is reached through the symbolic link pages (to docs)"] * 2),
    "a folder we did not create": ("notes", *["notes/ exists, is not empty and is not an earlier build"] * 2),
}


def _prepare(project: Path) -> None:
    """What a pull request or a member of staff may have put there: committed links, notes."""
    (project / "site").symlink_to("data")
    (project / "pages").symlink_to("docs")
    (project / "notes").mkdir()
    (project / "notes" / "plan.txt").write_text("not a site", "utf-8")


@pytest.mark.parametrize("command", ["jiaoliu-build", "mkdocs build"])
@pytest.mark.parametrize("name", list(REFUSED_OUTPUTS))
def test_a_build_refuses_an_output_folder_that_is_not_its_own_and_changes_nothing(tmp_path, name, command):
    project = _tracked_project(tmp_path)
    _prepare(project)
    output, *messages = REFUSED_OUTPUTS[name]
    before = _everything(tmp_path)
    if command == "jiaoliu-build":  # in this process (the console script is run below, and in test_robustness)
        result = run_command("jiaoliu-build", "-d", output, cwd=project, env=ONE_LANGUAGE)
        assert "Traceback" not in result.stderr, result.stderr
    else:
        result = _run(sys.executable, "-m", "mkdocs", "build", "-d", output, cwd=project,
                      env={**ENV, "PYTHONDONTWRITEBYTECODE": "1", **ONE_LANGUAGE})
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert messages[command != "jiaoliu-build"] in said
    if messages[command != "jiaoliu-build"] not in (MKDOCS_HOLDS_DOCS, "The 'site_dir' should not be within the 'docs_dir'"):
        assert "修改建议 / How to fix:" in said and "输出文件夹" in said  # both languages, and what to do
    assert _everything(tmp_path) == before  # nothing created, moved or deleted, byte for byte


def test_a_build_replaces_its_own_earlier_output(tmp_path):
    """An empty folder, then what jiaoliu-build wrote, then what mkdocs build wrote: each is the
    build's own (it carries the mark), so the next build may replace it."""
    project = _tracked_project(tmp_path)
    site = project / "site"
    site.mkdir()
    for command in ([BIN / "jiaoliu-build"], [BIN / "jiaoliu-build"], [sys.executable, "-m", "mkdocs", "build", "--strict"]):
        result = _run(*command, "-d", "site", cwd=project, env={**ENV, **ONE_LANGUAGE})
        assert result.returncode == 0, result.stdout + result.stderr
        assert (site / "index.html").is_file()
        assert (site / "en" / "index.html").is_file() == (command[0] != sys.executable)  # one language
        assert (site / ".jiaoliu").read_text("utf-8").startswith("此文件夹由网站构建生成")
    assert not list(project.glob(".jiaoliu-build-*"))
    assert _run("git", "status", "--short", "--untracked-files=no", cwd=project).stdout == ""


def _layout(tmp_path: Path) -> Path:
    """A project (mkdocs.yml, docs/, data/) in tmp/real/, reached through tmp/alias -> real too, and
    folders around it: a file, a loop of links, a folder with only the mark of an earlier build."""
    project = tmp_path / "real" / "project"
    for folder in ("docs", "data", "built"):
        (project / folder).mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (project / "built" / outputdir.MARKER).write_text(outputdir.MARKER_TEXT, "utf-8")
    (tmp_path / "alias").symlink_to("real")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "notes.txt").write_text("notes", "utf-8")
    (tmp_path / "empty").mkdir()
    return project


@pytest.mark.parametrize(("output", "code"), [
    ("real/project/site", None),  # new
    ("empty", None),
    ("real/project/built", None),  # an earlier build's
    ("alias/elsewhere", None),  # a link above the project is the machine's layout, not the build's
    ("alias/project/site", None),  # the project reached through it
    ("alias", "output_symlink"),  # but never the output folder itself
    ("alias/project/data/x", "output_in_data"),
    ("notes.txt", "output_not_folder"),
    ("loop/site", "output_unreadable"),  # a loop of links: a message, not a traceback
    ("real", "output_holds_project"),
])
def test_where_a_build_may_write(tmp_path, output, code):
    project = _layout(tmp_path)
    problem = outputdir.refusal(tmp_path / output, project, project / "docs", project / "data")
    assert (problem.code if problem else None) == code
    if problem:
        assert "修改建议 / How to fix:" in problem.format() and "/ the output folder" in problem.format()


def test_quiet_strict_mkdocs_build_still_counts_warnings(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "zh" / "about.md"
    page.write_text(page.read_text("utf-8") + "\n[不存在](about.md#nowhere)\n", "utf-8")
    result = _run(sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", tmp_path / "site", cwd=project,
                  env={**ENV, **ONE_LANGUAGE})
    assert result.returncode == 1, result.stdout + result.stderr


def test_a_link_from_data_is_reported_at_its_file_and_line_by_check_and_build(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "site.yml"
    path.write_text(path.read_text("utf-8").replace("link: achievements.md", "link: about.md#nowhere"), "utf-8")
    line = next(n for n, row in enumerate(path.read_text("utf-8").split("\n"), 1) if "about.md#nowhere" in row)
    check = _run(BIN / "jiaoliu-check", "--data", project / "data")
    build = _run(BIN / "jiaoliu-build", "-d", tmp_path / "site", cwd=project)
    for output in (check.stdout, build.stdout + build.stderr):
        assert f"data/site.yml:{line}:11: highlights[2].link:" in output and "has no anchor '#nowhere'" in output


@pytest.mark.parametrize("url", ['https://example.org/"><script>alert(1)</script>', "javascript:alert(1)//",
                                 "https://example.org/a b/", "ftp://example.org/"])
def test_a_hostile_site_url_from_the_environment_fails_the_build(tmp_path, url, monkeypatch):
    monkeypatch.setenv("SITE_URL", url)
    with pytest.raises(BuildFailed, match="(?i)site_url"):
        build_site(ROOT, tmp_path / "site", only=["zh"])


def test_the_sitemap_escapes_every_address():
    """The sitemap is written by our code (render.pages), escaped where it writes, hreflang links
    included (written directly: the build itself refuses such a site_url)."""
    from jiaoliu.core.languages import Languages
    from jiaoliu.render.pages import SitePages

    hostile = Languages.from_entries([
        {"locale": "zh", "name": "z", "default": True, "extra": {"babel": "zh_Hans_CN", "og_locale": "zh_CN"}},
        {"locale": "en", "name": "e", "extra": {"babel": "en_GB", "og_locale": "en_GB"}},
        {"locale": 'hk"><b', "name": "h", "extra": {"babel": "zh_Hant_HK", "og_locale": "zh_HK", "converted_from": "zh",
                                                   "opencc": "s2hk"}}])
    pages = SitePages(hostile, {"zh": frozenset({"x/"}), "en": frozenset(), 'hk"><b': frozenset({"x/"})}, {})
    tree = etree.fromstring(pages.sitemap('https://example.org/a&b"<c>/', "2026-12-03").encode("utf-8"))
    links = {link.get("hreflang"): link.get("href") for link in tree.iter("{http://www.w3.org/1999/xhtml}link")}
    assert links == {"zh": 'https://example.org/a&b"<c>/x/', 'hk"><b': 'https://example.org/a&b"<c>/hk"><b/x/',
                     "x-default": 'https://example.org/a&b"<c>/x/'}
    assert [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        'https://example.org/a&b"<c>/x/', 'https://example.org/a&b"<c>/hk"><b/x/']


def test_the_built_sitemap_is_well_formed_with_hreflang_links(site):
    tree = etree.fromstring((site / "sitemap.xml").read_bytes())
    assert len(tree.findall(".//{http://www.w3.org/1999/xhtml}link")) > 100


# --- 7. staff tools speak like jiaoliu-check ---------------------------------------------------------


BROKEN_FILES = {
    "GBK": lambda text: text.encode("gbk"),
    "UTF-16": lambda text: text.encode("utf-16"),
    "BOM": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "syntax error": lambda text: text.replace("bases:\n", "bases: [\n", 1).encode("utf-8"),
}


@pytest.mark.parametrize("kind", list(BROKEN_FILES))
def test_schema_tools_and_hooks_report_a_broken_file_by_line(tmp_path, kind):
    project = copy_project(tmp_path / "project")
    for name in ("schemas", ".pre-commit-config.yaml", ".yamllint.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            (project / name).write_bytes(source.read_bytes())
    path = project / "data" / "bases.yml"
    path.write_bytes(BROKEN_FILES[kind](path.read_text("utf-8")))
    before = path.read_bytes()
    # The generator only adds the $schema line: it must refuse files it cannot read, not a syntax error.
    if kind != "syntax error":  # the hook names the file, and leaves the why to jiaoliu-check
        hook = run_command("jiaoliu-schemas", "--root", project, cwd=project)
        assert hook.returncode == 0 and "data/bases.yml 未更新" in hook.stdout, hook.stdout + hook.stderr
    for command in [["jiaoliu-schemas", "--validate"], ["jiaoliu-check", "--strict"]]:
        result = run_command(*command, *(["--root", project] if command[0] == "jiaoliu-schemas"
                                         else ["--data", project / "data"]), cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (command, result.stdout, result.stderr)
        assert "data/bases.yml:" in result.stdout and "How to fix" in result.stdout, (command, result.stdout)
    assert path.read_bytes() == before  # a file that cannot be read is reported, never rewritten
    # A BOM stays reported after the generator has run (it used to move below the schema line).
    assert run_command("jiaoliu-check", "--data", project / "data", cwd=project).returncode == 1


def test_schema_tools_report_a_renamed_data_file(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    (project / "data" / "bases.yml").rename(project / "data" / "bases.yaml")
    result = run_command("jiaoliu-schemas", "--validate", "--root", project, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "data/bases.yml:1:1" in result.stdout and "missing" in result.stdout
    hook = run_command("jiaoliu-schemas", "--root", project, cwd=ROOT)  # jiaoliu-check says why, once
    assert hook.returncode == 0 and "data/bases.yml 未更新" in hook.stdout


def test_yamllint_leaves_data_files_to_jiaoliu_check():
    import yaml

    hooks = {h["id"]: h for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))["repos"]
             for h in repo["hooks"]}
    assert hooks["yamllint"]["exclude"] == "^data/" and hooks["jiaoliu-check"]["files"] == "^(data|docs)/"


def test_jiaoliu_build_stopped_by_the_system_leaves_nothing_behind(tmp_path):
    """SIGTERM (a CI runner's stop, a closed terminal) in the middle of the build: the language
    processes end with it, its temporary folder goes, and the previous site stays as it was."""
    import signal
    import time

    project = copy_project(tmp_path / "project")
    site = tmp_path / "out" / "site"
    build = subprocess.Popen([str(BIN / "jiaoliu-build"), "-d", str(site)], cwd=project, env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list((tmp_path / "out").glob(".jiaoliu-build-*/*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the language processes have started writing
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert "Traceback" not in err and "build interrupted" in err
    assert list((tmp_path / "out").iterdir()) == []
    left = subprocess.run(["pgrep", "-f", str(tmp_path / "out")], capture_output=True, text=True)
    assert left.stdout == "", left.stdout  # no language process outlives jiaoliu-build


def test_jiaoliu_build_without_a_configuration_says_where_to_run_it(tmp_path):
    result = _run(BIN / "jiaoliu-build", "-f", tmp_path / "missing.yml", cwd=tmp_path)
    assert result.returncode == 2 and "no configuration file at" in result.stderr
