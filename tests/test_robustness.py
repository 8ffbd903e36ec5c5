"""Nothing a contributor saves ends in a traceback or a hang, nothing on a page is silently
changed or dropped, and a report never says all is well on data it could not read (issue 23,
points 4 to 6).

Pages and data files saved in another encoding, as a folder, a named pipe (reading one waits
forever) or a link that loops; pages where the site has none or makes its own; a front matter
the build cannot use; markers shown as code; jiaoliu-diff given what is not a built site; the
report modes of jiaoliu-check on data with an error. Each through the real commands, as
subprocesses with a timeout (a hang fails the test, not the suite): an exit status that is not
0, the path, the message in both languages, and no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from conftest import ROOT, copy_project, run_command

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
TIMEOUT = 120  # far above any of these commands on a copy of the project; a hang ends here


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                            timeout=TIMEOUT, env={**ENV, **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def line_of(file: str, text: str) -> int:
    return next(n for n, row in enumerate((ROOT / file).read_text("utf-8").split("\n"), 1) if row == text)


# --- ways to break a copy of the project ------------------------------------------------------


def _encoded(name: str, encoding: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / name
        path.write_bytes(path.read_text("utf-8").encode(encoding, errors="replace"))
    return make


def _folder(name: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / name).unlink(missing_ok=True)
        (project / name).mkdir(parents=True)
    return make


def _pipe(name: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / name).unlink(missing_ok=True)
        os.mkfifo(project / name)
    return make


def _link(name: str, target: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / name).unlink(missing_ok=True)
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).symlink_to(target)
    return make


def _written(name: str, text: str, prepend: bool = False) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + (path.read_text("utf-8") if prepend else ""), "utf-8")
    return make


def _both(*makes: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        for each in makes:
            each(project)
    return make


@dataclass(frozen=True)
class Broken:
    name: str
    path: str  # as the message names it, before ":line:column"
    make: Callable[[Path], None]
    english: str
    chinese: str

    def __str__(self) -> str:
        return self.name


NOT_UTF8 = ("the file is not encoded as UTF-8", "文件不是 UTF-8 编码")
LOOP = ("is a symbolic link that leads back to itself (a loop)", "绕回自身的符号链接")
PARTNER_LINE = line_of("data/partners.yml", "  - id: nmit")
PROGRAMME_LINE = line_of("data/programmes.yml", "  - id: nmit-construction")
REPORT_LINE = line_of("data/reports/2023.yml", "year: 2023")

# Each breaks a different file, so that one build can show them all at once.
PAGES = [
    Broken("page saved as GBK", "docs/zh/about.md", _encoded("docs/zh/about.md", "gbk"), *NOT_UTF8),
    Broken("page saved as UTF-16", "docs/en/contact.md", _encoded("docs/en/contact.md", "utf-16"), *NOT_UTF8),
    Broken("page that is a folder", "docs/en/exchanges.md", _folder("docs/en/exchanges.md"),
           "'docs/en/exchanges.md' is a folder, not a file", "是文件夹，不是文件"),
    Broken("page that is a named pipe", "docs/en/pipe.md", _pipe("docs/en/pipe.md"),
           "'docs/en/pipe.md' is a named pipe (FIFO), not a file", "是命名管道（FIFO），不是文件"),
    Broken("image that is a named pipe", "docs/assets/images/pipe.png", _pipe("docs/assets/images/pipe.png"),
           "is a named pipe (FIFO), not a file", "是命名管道（FIFO），不是文件"),
    Broken("page that links to itself", "docs/en/loop.md", _link("docs/en/loop.md", "loop.md"), *LOOP),
    Broken("folder that links to its parent", "docs/zh/up", _link("docs/zh/up", ".."), *LOOP),
    Broken("folders that link to each other", "docs/en/one/to-two",
           _both(_link("docs/en/one/to-two", "../../zh/two"), _link("docs/zh/two/to-one", "../../en/one")), *LOOP),
    Broken("front matter that is not YAML", "docs/zh/figures.md:2",
           _written("docs/zh/figures.md", "---\ntitle: [数据\n---\n", prepend=True),
           "(front matter) are not valid YAML", "不是有效的 YAML"),
    Broken("front matter that is a list", "docs/en/figures.md:2",
           _written("docs/en/figures.md", "---\n- title\n---\n", prepend=True),
           "(front matter) are not fields (name: value)", "不是“名称: 值”形式的字段"),
    Broken("Traditional pages written by hand", "docs/zh-HK", _written("docs/zh-HK/about.md", "# 關於本站\n"),
           "converted from the Simplified pages in docs/zh/", "data/traditional.yml"),
    Broken("pages of a language the site does not build", "docs/fr", _written("docs/fr/index.md", "# Accueil\n"),
           "the folder 'fr' in docs/ is not a language of the site", "docs/zh/, docs/en/"),
    Broken("pages of a variant of a language", "docs/en-GB", _written("docs/en-GB/about.md", "# About\n"),
           "the folder 'en-GB' in docs/ is not a language of the site", "不是网站的语言"),
    Broken("page outside the language folders", "docs/news.md", _written("docs/news.md", "# News\n"),
           "the page 'news.md' is directly in docs/", "docs/zh/, docs/en/"),
    # Every file of docs/ is published as it is, on the site's own domain (issue 23, point 2).
    Broken("web page in a language's folder", "docs/en/offer.html",
           _written("docs/en/offer.html", "<script>alert(1)</script>"),
           "'docs/en/offer.html' would be published on the site as it is, but docs/en/ may only hold .md files",
           "会原样发布到网站上"),
    Broken("web page at the top of docs/", "docs/evil.html", _written("docs/evil.html", "<script>alert(1)</script>"),
           "'docs/evil.html' would be published on the site as it is, but no file belongs here", "这里不能放文件"),
    Broken("drawing beside the pages", "docs/zh/partners/map.svg",
           _written("docs/zh/partners/map.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
           "docs/zh/ may only hold .md files", "会原样发布到网站上"),
    Broken("web page among the styles", "docs/assets/stylesheets/x.html",
           _written("docs/assets/stylesheets/x.html", "<script>alert(1)</script>"),
           "docs/assets/stylesheets/ may only hold .css files", "只能放 .css 文件"),
    Broken("page at a partner's address", "docs/en/partners/nmit.md", _written("docs/en/partners/nmit.md", "# NMIT\n"),
           f"(partners[nmit], data/partners.yml:{PARTNER_LINE})", "由数据生成的页面地址相同"),
    Broken("page at a programme's address", "docs/zh/programmes/nmit-construction.md",
           _written("docs/zh/programmes/nmit-construction.md", "# 项目\n"),
           f"(programmes[nmit-construction], data/programmes.yml:{PROGRAMME_LINE})", "会有一个被覆盖"),
    Broken("page at a report's address", "docs/en/report/2023.md", _written("docs/en/report/2023.md", "# 2023\n"),
           f"(year: 2023, data/reports/{2023}.yml:{REPORT_LINE})", "由数据生成的页面地址相同"),
    Broken("page among the partners by region", "docs/en/partners/regions/nz.md",
           _written("docs/en/partners/regions/nz.md", "# New Zealand\n"),
           "kept for the list pages generated from data/partners.yml", "生成的列表页"),
    Broken("page among the awards by year", "docs/zh/achievements/awards-2023.md",
           _written("docs/zh/achievements/awards-2023.md", "# 2023\n"),
           "kept for the list pages generated from data/achievements.yml", "生成的列表页"),
]

DATA = [
    Broken("data file that is a folder", "data/partners.yml", _folder("data/partners.yml"),
           "'data/partners.yml' is a folder, not a file", "是文件夹，不是文件"),
    Broken("data file that is a named pipe", "data/partners.yml", _pipe("data/partners.yml"),
           "'data/partners.yml' is a named pipe (FIFO), not a file", "是命名管道（FIFO），不是文件"),
    Broken("data file that links to itself", "data/partners.yml", _link("data/partners.yml", "partners.yml"), *LOOP),
    Broken("report that is a folder", "data/reports/2023.yml", _folder("data/reports/2023.yml"),
           "'data/reports/2023.yml' is a folder, not a file", "是文件夹，不是文件"),
    Broken("next report that is a named pipe", "data/reports/2024.yml", _pipe("data/reports/2024.yml"),
           "'data/reports/2024.yml' is a named pipe (FIFO), not a file", "是命名管道（FIFO），不是文件"),
]

# Only the build knows the theme's templates (jiaoliu-check does not load MkDocs). The partials of the
# blocks are not templates of a page: only the renderers can fill them (they stopped the build with
# a traceback).
TEMPLATES = [
    Broken("front matter naming a template that does not exist", "docs/en/study.md:2",
           _written("docs/en/study.md", "---\ntemplate: nope.html\n---\n", prepend=True),
           "the template 'nope.html' the page names does not exist", "模板“nope.html”不存在"),
    Broken("front matter naming the partial of a block", "docs/zh/study.md:2",
           _written("docs/zh/study.md", "---\ntemplate: partials/jiaoliu/badge.html\n---\n", prepend=True),
           "the template 'partials/jiaoliu/badge.html' the page names does not exist", "模板“partials/jiaoliu/badge.html”不存在"),
]


def _broken(tmp_path: Path, *cases: Broken) -> Path:
    project = copy_project(tmp_path / "project")
    for case in cases:
        case.make(project)
    return project


def assert_reported(output: str, case: Broken) -> None:
    assert f"{case.path}:" in output and case.english in output and case.chinese in output, (case.name, output)
    assert "修改建议 / How to fix" in output


@pytest.mark.parametrize("case", PAGES + DATA, ids=str)
def test_jiaoliu_check_names_what_it_cannot_read_or_use(tmp_path, case):
    project = _broken(tmp_path, case)
    result = run_command("jiaoliu-check", "--data", project / "data", cwd=project)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert_reported(result.stdout, case)


def test_the_build_names_every_page_it_cannot_read_or_use_at_once(tmp_path):
    """A MkDocs build of one language and jiaoliu-build: one build of a copy with every kind."""
    cases = [*PAGES, *TEMPLATES, DATA[-1]]
    project = _broken(tmp_path, *cases)
    for command in ([sys.executable, "-m", "mkdocs", "build", "-d", tmp_path / "site"],
                    [BIN / "jiaoliu-build", "-d", tmp_path / "site"]):
        result = run(*command, cwd=project, env={"JIAOLIU_LANGUAGE": "en", "JIAOLIU_SOURCE_LANGUAGE": "en"})
        assert result.returncode == 1, result.stdout + result.stderr
        for case in cases:
            assert_reported(result.stdout + result.stderr, case)
        assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("case", DATA, ids=str)
def test_the_tools_and_hooks_name_a_data_file_they_cannot_read(tmp_path, case):
    """The pre-commit hooks' commands (jiaoliu-check --strict, then jiaoliu-schemas, which names the file
    it leaves alone and leaves the why to jiaoliu-check: one message per mistake), jiaoliu-schemas
    --validate and jiaoliu-new-year."""
    project = _broken(tmp_path, case)
    (project / "schemas").symlink_to(ROOT / "schemas")
    for command in (["jiaoliu-check", "--strict"], ["jiaoliu-schemas", "--validate", "--root", "."], ["jiaoliu-new-year", "2025"]):
        result = run_command(*command, cwd=project)
        assert result.returncode != 0 and "Traceback" not in result.stderr, (command, result.stdout, result.stderr)
        assert_reported(result.stdout + result.stderr, case)
    hook = run_command("jiaoliu-schemas", "--root", ".", cwd=project)
    assert hook.returncode == 0 and "Traceback" not in hook.stderr, hook.stdout + hook.stderr
    assert f"{case.path} 未更新" in hook.stdout and "see jiaoliu-check" in hook.stdout and case.english not in hook.stdout


@pytest.mark.parametrize("case", [PAGES[0], PAGES[3]], ids=str)
def test_jiaoliu_new_year_names_a_page_it_cannot_read(tmp_path, case):
    project = _broken(tmp_path, case)
    result = run(BIN / "jiaoliu-new-year", "2024", cwd=project)
    assert result.returncode == 1 and not (project / "data" / "reports" / "2024.yml").exists()
    assert_reported(result.stderr, case)


def test_the_pre_commit_hook_checks_a_page_that_changed(tmp_path):
    """As ./scripts/hooks installs it: a commit that changes only a page runs jiaoliu-check too."""
    project = _broken(tmp_path, PAGES[0])
    (project / ".pre-commit-config.yaml").write_bytes((ROOT / ".pre-commit-config.yaml").read_bytes())
    (project / ".venv").symlink_to(ROOT / ".venv")
    run("git", "init", "-q", cwd=project)
    run("git", "add", ".pre-commit-config.yaml", "docs/zh/about.md", cwd=project)
    result = run(BIN / "pre-commit", "run", "--files", "docs/zh/about.md", "--color", "never", cwd=project,
                 env={"PRE_COMMIT_HOME": str(tmp_path / "pre-commit")})
    assert result.returncode == 1 and "(jiaoliu-check --strict)" in result.stdout, result.stdout
    assert_reported(result.stdout, PAGES[0])


MODES = [["--strict"], ["--review"], ["--review", "--markdown"], ["--translations"], ["--traditional"], ["--todo"]]


@pytest.mark.parametrize("case", [PAGES[0], PAGES[3], DATA[1]], ids=str)
@pytest.mark.parametrize("mode", MODES, ids=" ".join)
def test_every_mode_of_jiaoliu_check_names_what_it_cannot_read(tmp_path, case, mode):
    project = _broken(tmp_path, case)
    result = run_command("jiaoliu-check", *mode, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert_reported(result.stdout + result.stderr, case)


# --- 4. markers shown as code ------------------------------------------------------------------

MARKERS_AS_CODE = """

## Markers {#markers}

Fenced:

```
<!-- jiaoliu:contact -->
```

Fenced with tildes, a comment that only looks like a marker:

~~~
<!-- jiaoliu:nope -->
~~~

Indented:

    <!-- jiaoliu:intro -->

Inline: `<!-- jiaoliu:contact -->` and ``<!-- jiaoliu: intro -->``.
"""


def test_a_marker_shown_as_code_is_code_and_the_others_still_work(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "contact.md"
    page.write_text(page.read_text("utf-8") + MARKERS_AS_CODE, "utf-8")
    result = run(BIN / "jiaoliu-build", "--language", "en", "-d", tmp_path / "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    built = lxml_html.fromstring((tmp_path / "site" / "en" / "contact" / "index.html").read_bytes())
    article = built.xpath("//article")[0]
    code = [element.text_content().strip() for element in article.xpath(".//code")]
    assert code == ["<!-- jiaoliu:contact -->", "<!-- jiaoliu:nope -->", "<!-- jiaoliu:intro -->",
                    "<!-- jiaoliu:contact -->", "<!-- jiaoliu: intro -->"]
    # The page's own marker, before the examples, still shows the office's contact details.
    assert [dt.text_content() for dt in article.xpath(".//dl[@class='jiaoliu-facts']//dt")][:2] == ["Office", "Web page"]


# --- 5. jiaoliu-diff -------------------------------------------------------------------------------


def _site(folder: Path, pages: dict[str, bytes]) -> Path:
    for name, body in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(body)
    return folder


def _page(lang: str, text: str) -> bytes:
    return f'<html lang="{lang}"><body><article data-pagefind-body><p>{text}</p></article></body></html>'.encode()


DIFF_CASES = {
    "missing folder": (lambda tmp: tmp / "nowhere", "nowhere:", "is not a built site", "不是构建好的网站", 2),
    "a file instead of a folder": (lambda tmp: _site(tmp / "new", {"index.html": _page("zh", "新")}) / "index.html",
                                   "new/index.html:", "is not a built site", "不是构建好的网站", 2),
    "a page not in UTF-8": (lambda tmp: _site(tmp / "new", {"index.html": _page("zh", "新"),
                                                             "about/index.html": _page("zh", "关于").replace(
                                                                 "关于".encode(), "关于".encode("gbk"))}),
                            "new/about/index.html:", "the built page is not encoded as UTF-8", "不是 UTF-8 编码", 1),
    "a page in an unknown language": (lambda tmp: _site(tmp / "new", {"index.html": _page("i-klingon", "new")}),
                                      "new/index.html:", "'i-klingon' (<html lang>) is not a known language code",
                                      "不是已知的语言代码", 1),
    "a folder named like a page": (lambda tmp: (_site(tmp / "new", {"index.html": _page("zh", "新")}) / "x.html").mkdir()
                                   or tmp / "new", "new/x.html:", "'new/x.html' is a folder, not a file", "是文件夹", 1),
    "a named pipe named like a page": (lambda tmp: os.mkfifo(_site(tmp / "new", {"index.html": _page("zh", "旧")})
                                                             / "about.html") or tmp / "new",
                                       "new/about.html:", "is a named pipe (FIFO), not a file", "命名管道", 1),
}


@pytest.mark.parametrize("case", DIFF_CASES)
def test_jiaoliu_diff_names_what_is_not_a_built_site(tmp_path, case):
    make, path, english, chinese, status = DIFF_CASES[case]
    _site(tmp_path / "base", {"index.html": _page("zh", "旧"), "about/index.html": _page("zh", "旧")})
    new = make(tmp_path)
    result = run(BIN / "jiaoliu-diff", "base", new.relative_to(tmp_path), cwd=tmp_path)
    assert result.returncode == status, result.stdout + result.stderr
    assert path in result.stderr and english in result.stderr and chinese in result.stderr, result.stderr
    assert "How to fix" in result.stderr and not result.stdout  # no summary from what was not read


# --- 6. report modes on data with an error -----------------------------------------------------

REPORTS = {  # what each mode says when all is well: never on data it could not read
    "--review": "No record is due for review", "--translations": "Every text exists in every written language",
    "--traditional": "Every name's Traditional form is confirmed", "--todo": "Every optional fact is filled in",
}


@pytest.mark.parametrize("mode", [["--review"], ["--review", "--markdown"], ["--translations"], ["--traditional"],
                                  ["--todo"]], ids=" ".join)
def test_a_report_on_data_with_an_error_reports_the_error_and_fails(tmp_path, mode):
    project = copy_project(tmp_path / "project")
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace("country: NZ", "country: XX", 1), "utf-8")
    result = run_command("jiaoliu-check", *mode, cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert "data/partners.yml:" in output and "'XX' is not a valid ISO 3166" in output and "“XX”不是有效的" in output
    assert "this list cannot be made: fix them first" in output
    assert not any(message in output for message in REPORTS.values()), output
    assert "- [ ]" not in result.stdout and "Due for review" not in output


def test_the_weekly_review_issue_is_left_alone_when_the_data_has_an_error():
    """The list is made by a step that fails with jiaoliu-check; the step that writes the issue runs
    only after it succeeded (no `if:`, no continue-on-error), so "nothing due" is never posted."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "review.yml").read_text("utf-8"))
    steps = workflow["jobs"]["review"]["steps"]
    listing = next(i for i, step in enumerate(steps) if "--review --markdown" in step.get("run", ""))
    assert "continue-on-error" not in steps[listing] and "|| true" not in steps[listing]["run"]
    for step in steps[listing + 1:]:
        assert "if" not in step and "continue-on-error" not in step, step
