"""`jiaoliu-diff`: what a change does to the built site, for staff to read.

`./scripts/diff [BASE]` (jiaoliu-diff with no folder) builds the site as it is at BASE (a branch, tag
or commit; `main` by default), with that version's own code, and as it is in the working tree,
and prints a short summary: the pages added, removed and changed in each language, and the
figures old → new; `--full` adds every changed line. `jiaoliu-diff BASE_SITE NEW_SITE` compares two
sites already built and writes the Markdown report CI puts in the pull request's job summary
(.github/workflows/check.yml).

Two sites are compared page by page, in each page's language (`<html lang>`): the pages added,
removed and changed, the lines of text that changed on each, and the figures of the Figures page
whose value changed. A page is compared by what its reader sees in the article (the text, and
where its links lead), so what changes on every build without changing a page (asset hashes,
the search index, the sitemap) is never reported.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

from babel import Locale, UnknownLocaleError

from jiaoliu.core.errors import DataProblem
from jiaoliu.core.pages import FIGURES_PAGE
from jiaoliu.core.sourcefile import file_problem, read_bytes
from jiaoliu.engine import search
from jiaoliu.tools.figurechanges import BASES, base_revision, extract, git

ARTICLE = (search.BODY, search.FOLDED)  # the article of each page (theme/main.html)
SKIPPED = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_PAGES = ("pagefind", "search", "assets")  # the index and the theme (in any language's site): not pages
MAX_LINES = 12  # changed lines shown per page: enough to see what changed, bounded for big edits
FIGURES_FOLDER = FIGURES_PAGE.removesuffix(".md") + "/"
T = TypeVar("T")


def _folders(relative: str) -> list[str]:
    return relative.split("/")[:-1]


@dataclass
class PageText:
    """What a reader sees of one page: its language, its lines of text and the figures it shows."""

    lang: str = ""
    lines: list[str] = field(default_factory=list)
    figures: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (title, value shown)


class _Reader(HTMLParser):
    """Reads the article of a page (the element with `data-pagefind-body`) into lines of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self._depth = 0  # open elements inside the article; 0: outside it
        self._skip = 0  # inside <script>, <style>, a heading's pilcrow
        self._line: list[str] = []
        self._heading: tuple[str, list[str]] | None = None  # (id, text) of the open <h2>
        self._figure: str | None = None  # the figure whose first value (<dd>) comes next
        self._value: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.page.lang = attributes.get("lang") or ""
        if self._depth == 0:
            self._depth = 1 if any(name in attributes for name in ARTICLE) else 0
            return
        if tag not in VOID:
            self._depth += 1
        if tag in SKIPPED or "headerlink" in (attributes.get("class") or "").split():
            self._skip += 1 if tag not in VOID else 0
            return
        if tag in ("p", "li", "dt", "dd", "tr", "h1", "h2", "h3", "h4", "br", "summary", "div"):
            self._break()
        if tag == "a" and attributes.get("href"):
            self._line.append(f" <{attributes['href']}> ")
        if tag == "h2":
            self._heading, self._figure = (attributes.get("id") or "", []), None
        if tag == "dd" and self._figure:
            self._value = []

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0 or tag in VOID:
            return
        self._depth -= 1
        if self._skip and (tag in SKIPPED or tag == "a"):
            self._skip -= 1
            return
        if tag == "h2" and self._heading:
            self._figure = self._heading[0]
        if tag == "dd" and self._value is not None and self._figure and self._heading:
            title = " ".join("".join(self._heading[1]).split())
            self.page.figures[self._figure] = (title, " ".join("".join(self._value).split()))
            self._figure, self._value = None, None
        if tag in ("p", "li", "dd", "tr", "h1", "h2", "h3", "h4", "summary", "div"):
            self._break()

    def handle_data(self, data: str) -> None:
        if self._depth == 0 or self._skip:
            return
        self._line.append(data)
        if self._heading is not None and self._figure is None:
            self._heading[1].append(data)
        if self._value is not None:
            self._value.append(data)

    def _break(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self.page.lines.append(line)
        self._line = []


class SiteError(Exception):
    """What keeps two folders from being compared as built sites; carries every problem found."""

    def __init__(self, problems: list[DataProblem]):
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


def read_page(path: Path) -> PageText:
    """What a reader sees of a built page; SiteError if it is not a page this project could have built."""
    raw, problems = read_bytes(path, str(path))  # a regular file only: never waits on a pipe
    if problems:
        raise SiteError(problems)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SiteError([DataProblem(str(path), raw[: exc.start].count(b"\n") + 1, 1, "", "built_page_not_utf8")]) from None
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._break()
    if reader.page.lang and _locale(reader.page.lang) is None:
        raise SiteError([DataProblem(str(path), 1, 1, "", "unknown_page_language", {"value": reader.page.lang})])
    return reader.page


def pages_of(site: Path) -> dict[str, Path]:
    """Address (`partners/nmit/`) -> file of every page of a built site, error pages left out;
    SiteError listing what is named like a page and is not a file (a folder `x.html`, a pipe)."""
    pages, problems = {}, []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if any(part in NOT_PAGES for part in _folders(relative)) or relative.rsplit("/", 1)[-1] == "404.html":
            continue
        problem = file_problem(path, str(path))
        if problem is not None:
            problems.append(problem)
        pages[relative.removesuffix("index.html")] = path
    if problems:
        raise SiteError(problems)
    return pages


def _digest(path: Path) -> str:
    raw, problems = read_bytes(path, str(path))
    if problems:
        raise SiteError(problems)
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Change:
    address: str
    lang: str
    lines: list[str] = field(default_factory=list)  # "- old" / "+ new"


@dataclass
class SiteDiff:
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    figures: list[tuple[str, str, str, str]] = field(default_factory=list)  # lang, title, old, new

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.figures)


def compare(base: Path, new: Path) -> SiteDiff:
    """The difference between two built sites; SiteError listing every page of either that
    could not be read (nothing is reported from sites that are not what they seem)."""
    problems: list[DataProblem] = []
    no_pages: dict[str, Path] = {}
    before, after = (_noted(problems, pages_of, site, no_pages) for site in (base, new))
    if problems:  # what is named like a page and is not a file: not a site to read on
        raise SiteError(problems)
    diff = SiteDiff()
    for address in sorted(after.keys() - before.keys()):
        diff.added.append(Change(address, _noted(problems, read_page, after[address], PageText()).lang))
    for address in sorted(before.keys() - after.keys()):
        diff.removed.append(Change(address, _noted(problems, read_page, before[address], PageText()).lang))
    for address in sorted(before.keys() & after.keys()):
        if _noted(problems, _digest, before[address], "") == _noted(problems, _digest, after[address], ""):
            continue  # the same bytes: nothing to read
        old, current = (_noted(problems, read_page, path, PageText()) for path in (before[address], after[address]))
        lines = [line for line in difflib.unified_diff(old.lines, current.lines, lineterm="", n=0)
                 if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        if lines:
            diff.changed.append(Change(address, current.lang, lines))
        if address.endswith(FIGURES_FOLDER):
            for figure, (title, value) in current.figures.items():
                previous = old.figures.get(figure, ("", ""))[1]
                if previous != value:
                    diff.figures.append((current.lang, title, previous, value))
    if problems:
        raise SiteError(problems)
    return diff


def _noted(problems: list[DataProblem], read: Callable[[Path], T], path: Path, instead: T) -> T:
    """`read(path)`, or `instead` with the reason noted in `problems`."""
    try:
        return read(path)
    except SiteError as exc:
        problems.extend(exc.problems)
        return instead


def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def _language(lang: str) -> str:
    """`中文 (简体) / Chinese (Simplified)`: the language of a group of pages, named for both
    readers of the report (`zh` is written in Simplified characters)."""
    locale = _locale("zh-Hans" if lang == "zh" else lang)
    return f"{locale.get_display_name('zh')} / {locale.get_display_name('en')}" if locale else _cell(lang or "?")


def _fence(lines: list[str]) -> str:
    """A code block no line of staff text can close early: longer than any run of backticks in it."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}diff\n" + "\n".join(lines) + f"\n{ticks}"


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no markup of its own (GitHub renders the summary)."""
    escaped = "".join(f"\\{ch}" if ch in "\\`*_[]<>|#!~" else ch for ch in text)
    return escaped or "–"


def _languages(diff: SiteDiff) -> list[str]:
    """The languages of the changed pages: the site root's first (its pages have the shortest
    addresses), then the others."""
    every = diff.added + diff.removed + diff.changed
    return sorted({c.lang for c in every}, key=lambda lang: min(c.address for c in every if c.lang == lang))


def report(diff: SiteDiff, link_base: str = "") -> str:
    """The job summary: per language, the pages added, removed and changed, then the figures."""
    if diff.empty:
        return "## 网站没有变化 / The site does not change\n\n每个页面都与基准分支的构建相同。/ Every page is the same as in the build of the base branch.\n"
    out = ["## 这次修改对网站的影响 / What this change does to the site", ""]
    if link_base:
        out += [f"构建好的网站 / The built site: {link_base}", ""]
    languages = _languages(diff)
    for lang in languages:
        out += [f"### {_language(lang)}", ""]
        for title, changes in (("新增的页面 / Pages added", diff.added), ("删除的页面 / Pages removed", diff.removed),
                               ("改动的页面 / Pages changed", diff.changed)):
            mine = [c for c in changes if c.lang == lang]
            if not mine:
                continue
            out += [f"**{title}** ({len(mine)})", ""]
            for change in mine:
                out.append(f"- `/{change.address}`")
                if change.lines:
                    shown = change.lines[:MAX_LINES]
                    more = len(change.lines) - len(shown)
                    body = _fence(shown) + (f"\n\n…另有 {more} 行 / {more} more line(s)" if more else "")
                    out += ["", "  <details><summary>改动的文字 / Text changed</summary>", "",
                            "\n".join("  " + line for line in body.split("\n")), "", "  </details>"]
            out.append("")
    if diff.figures:
        out += ["### 数字的变化 / Figures changed", "", "| 语言 / Language | 数字 / Figure | 之前 / Before | 之后 / After |",
                "|---|---|---|---|"]
        out += [f"| {lang} | {_cell(title)} | {_cell(old)} | {_cell(new)} |" for lang, title, old, new in diff.figures]
        out.append("")
    return "\n".join(out)


def summary(diff: SiteDiff, what: str, full: bool = False) -> str:
    """For the terminal: per language, how many pages were added, removed and changed (`full`:
    which, with their changed lines); then the figures, old → new."""
    if diff.empty:
        return f"网站没有变化 / The site does not change ({what}).\n"
    out = [f"这次修改对网站的影响 / What this change does to the site ({what}):"]
    languages = _languages(diff)
    for lang in languages:
        counts = [len([c for c in changes if c.lang == lang]) for changes in (diff.added, diff.removed, diff.changed)]
        out.append(f"  {_language(lang)}: 新增 {counts[0]}，删除 {counts[1]}，改动 {counts[2]} / "
                   f"{counts[0]} added, {counts[1]} removed, {counts[2]} changed")
        if full:
            for sign, changes in (("+", diff.added), ("-", diff.removed), ("~", diff.changed)):
                for change in (c for c in changes if c.lang == lang):
                    out.append(f"    {sign} /{change.address}")
                    out += [f"        {line}" for line in change.lines]
    if diff.figures:
        out.append("  数字的变化 / Figures changed:")
        out += [f"    [{lang}] {title}: {old or '–'} → {new or '–'}" for lang, title, old, new in diff.figures]
    if not full:
        out.append("每一处改动的文字 / Every changed line: ./scripts/diff --full")
    return "\n".join(out) + "\n"


def build_at(project: Path, rev: str, site: Path) -> subprocess.CompletedProcess:
    """The site as it is at `rev`, built with that version's own code (as CI builds the base)."""
    tree = site.parent / "tree"
    tree.mkdir()
    archive = git(project, "archive", "--format=tar", rev)
    if archive is None or not extract(archive, tree):
        return subprocess.CompletedProcess([], 1, "", f"git archive {rev}: cannot be read")
    package = "gdep_site" if (tree / "src" / "gdep_site").is_dir() else "jiaoliu"  # gdep_site before 0.2.0
    return _build(tree, site, package, pythonpath=tree / "src")


def _build(project: Path, site: Path, package: str = "jiaoliu", pythonpath: Path | None = None
           ) -> subprocess.CompletedProcess:
    """The site of `project`, built as jiaoliu-build builds it (with the code of `pythonpath`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    return subprocess.run([sys.executable, "-m", f"{package}.engine.build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, env=env)


def against(project: Path, rev: str | None, full: bool) -> int:
    """`./scripts/diff [BASE]`: build both, compare, print the summary."""
    base = base_revision(project, rev)
    if base is None:
        print(f"找不到版本 / no git revision {rev or ' or '.join(BASES)} to compare with: run it in the project's "
              "git repository, with a branch, tag or commit that exists", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="jiaoliu-diff-") as folder:
        work = Path(folder)
        (work / "base").mkdir()
        for name, built in (("base", build_at(project, base, work / "base" / "site")),
                            ("working tree", _build(project, work / "new"))):
            if built.returncode:
                print(f"{name} 构建失败 / the build of the {name} failed:\n{built.stdout or ''}{built.stderr or ''}",
                      file=sys.stderr)
                return 1
        try:
            diff = compare(work / "base" / "site", work / "new")
        except SiteError as exc:
            print(f"{exc}\n无法比较 / Nothing compared.", file=sys.stderr)
            return 1
    sys.stdout.write(summary(diff, f"{base} → working tree", full))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jiaoliu-diff", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("places", nargs="*", metavar="BASE [NEW_SITE]",
                        help="a git revision to compare the working tree with (default: main); or two built "
                             "sites, the base branch's and the change's / 比较的版本，或两个已构建的网站")
    parser.add_argument("--full", action="store_true", help="every changed line of every page / 列出每一处改动")
    parser.add_argument("--link", default="", help="with two sites: where the built site can be downloaded or seen")
    args = parser.parse_args(argv)
    if len(args.places) < 2:
        return against(Path.cwd(), args.places[0] if args.places else None, args.full)
    if len(args.places) > 2:
        parser.error("give one revision, or two built sites")
    base, new = (Path(place) for place in args.places)
    not_sites = [DataProblem(str(folder), 1, 1, "", "not_a_site", {"value": str(folder)})
                 for folder in (base, new) if not (folder / "index.html").is_file()]  # stat only
    if not_sites:
        print("\n".join(problem.format() for problem in not_sites), file=sys.stderr)
        return 2
    try:
        diff = compare(base, new)
    except SiteError as exc:
        print(f"{exc}\n无法比较 / Nothing compared.", file=sys.stderr)
        return 1
    sys.stdout.write(report(diff, args.link))
    return 0


if __name__ == "__main__":
    sys.exit(main())
