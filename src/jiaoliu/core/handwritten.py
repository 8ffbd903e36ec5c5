"""The hand-written pages in docs/: read once, with every problem reported like a data problem.

docs/ holds one folder per language the site builds (pages of the same name translate each
other) and assets/. Anything else would be published wrongly or not at all, so it is refused
with what to do instead: the Traditional pages are converted from the Simplified ones, never
written by hand; a page outside the language folders, or in a folder of another language; a
hand-written page at the address of a page the data makes (one would silently replace the
other). A page is read only if it is a regular file in UTF-8 (jiaoliu.core.sourcefile), and its
front matter must be fields MkDocs can use. Nothing here follows a link to a folder, and a link
MkDocs would follow round in a circle is refused before it does.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from jiaoliu.core.errors import DataProblem
from jiaoliu.core.kinds import RECORD_KINDS
from jiaoliu.core.languages import Languages
from jiaoliu.core.pages import GENERATED_LISTS, ID, REPORT_FILE, REPORTS_FOLDER, report_page
from jiaoliu.core.sourcefile import file_problem, read_page
from jiaoliu.core.yamlsource import Located, field_name, walk

try:  # as MkDocs reads a front matter (mkdocs.utils.meta)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ASSETS = "assets"  # images, styles and scripts, in no language
# What each folder of docs/ may hold: every file there is published as it is, on the site's own
# domain, so an HTML, XML or SVG file elsewhere would be a page of the contributor's own making.
# Uploaded images are checked for what they are by `images`; pages (in a language's folder) here.
FILE_KINDS = {"assets/images": (), "assets/stylesheets": (".css",), "assets/javascripts": (".js",)}
PAGE_SUFFIX = ".md"
# A front matter where MkDocs finds one (mkdocs.utils.meta.YAML_RE): between --- lines at the top.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_TEMPLATE_KEY = re.compile(r"^template[ \t]*:", re.MULTILINE)
# Anchors a page defines itself: `## Contact {#contact}` (attr_list) or `id="contact"`.
_ANCHOR = re.compile(rf"\{{[^}}\n]*?#({ID})(?=[\s}}])|\bid=\"({ID})\"")


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # under its language's folder: `partners/index.md`
    text: str | None  # None: it could not be read (reported)

    @property
    def file(self) -> str:
        return f"docs/{self.lang}/{self.path}"


@dataclass(frozen=True)
class HandWritten:
    """The pages of every language folder, and what is wrong in docs/."""

    languages: tuple[str, ...]  # the language folders docs/ holds
    pages: tuple[Page, ...]
    problems: tuple[DataProblem, ...]

    def anchors(self) -> dict[str, frozenset[str]]:
        """Every page (its path under a language's folder) with the anchors it defines in every
        language it could be read in."""
        found: dict[str, list[frozenset[str]]] = {}
        copies = Counter(page.path for page in self.pages)
        for page in self.pages:
            anchors = found.setdefault(page.path, [])
            if page.text is not None:
                anchors.append(frozenset(a or b for a, b in _ANCHOR.findall(page.text)))
        return {page: frozenset.intersection(*anchors) if anchors and copies[page] == len(self.languages)
                else frozenset() for page, anchors in sorted(found.items())}


def read(docs: Path, languages: Languages, templates: Collection[str] | None = None) -> HandWritten:
    """Every entry of docs/ checked, and every page of the site's written languages read.
    `templates`: the theme's templates a front matter may name (None: not checked)."""
    folders, pages, problems, links = [], [], [], []
    for entry in sorted(docs.iterdir()) if docs.is_dir() else []:
        if entry.name.startswith("."):  # hidden: MkDocs leaves it out too
            continue
        refused = _top_level_problem(entry, languages)
        if refused is not None:
            problems.append(refused)
            continue
        written = [language.code for language in languages.written]
        lang = entry.name if entry.name in written and entry.is_dir() else None
        folders += [lang] if lang else []
        found = _contents(entry, docs, lang, templates)
        pages += found[0]
        problems += found[1]
        links += found[2]
    problems += [DataProblem(name, 1, 1, "", "symlink_loop", {"value": name})
                 for name in (f"docs/{link.relative_to(docs).as_posix()}" for link in _looping(links))]
    return HandWritten(tuple(folders), tuple(pages), tuple(problems))


def _contents(entry: Path, docs: Path, lang: str | None,
              templates: Collection[str] | None) -> tuple[list[Page], list[DataProblem], list[Path]]:
    """What one entry of docs/ holds: its pages (in a language's folder), what is wrong, and its
    links to folders."""
    pages, problems, links = [], [], []
    project = Path(os.path.realpath(docs)).parent  # a page linked from outside is not read (loader.links_outside)
    for path in [entry, *_walk(entry)]:
        name = f"docs/{path.relative_to(docs).as_posix()}"
        if path.is_symlink() and path.is_dir():
            links.append(path)
        problem = _entry_problem(path, name) or _kind_problem(path, name, lang)
        if problem is not None:
            problems.append(problem)
        elif lang and path.suffix == ".md" and path.is_file():
            inside = Path(os.path.realpath(path)).is_relative_to(project)
            page, trouble = _page(path, lang, path.relative_to(entry).as_posix(), templates, inside)
            pages.append(page)
            problems += trouble
    return pages, problems, links


def record_address_problems(hand_written: HandWritten, sources: Mapping[str, Located]) -> Iterator[DataProblem]:
    """A hand-written page where the data makes a page (a partner's, a programme's, a year's
    report, a list by region or by year): one of the two would silently replace the other."""
    records = dict(_record_addresses(sources))
    for page in hand_written.pages:
        if page.path in records:
            record, where = records[page.path]
            yield DataProblem(page.file, 1, 1, "", "page_at_record_address", {"record": record, "where": where})
        for prefix, file_name in GENERATED_LISTS.items():
            if page.path.startswith(prefix):
                yield DataProblem(page.file, 1, 1, "", "page_in_generated_folder", {"file": f"data/{file_name}"})


def _record_addresses(sources: Mapping[str, Located]) -> Iterator[tuple[str, tuple[str, str]]]:
    """(page, (the record as messages name it, `file:line`)) of every page made from one record."""
    for kind in RECORD_KINDS:
        if kind.data_file not in sources:
            continue
        located = sources[kind.data_file]
        for path, value in walk(located.data, (kind.key, "*", "id")):
            if isinstance(value, str) and value not in kind.reserved_ids:  # those: crossrefs.reserved_id
                record = path[:-1]
                yield kind.page(value), (field_name(located.data, record),
                                                f"{located.file}:{located.where(record)[0]}")
    for file_name, located in sources.items():
        name = REPORT_FILE.fullmatch(file_name.removeprefix(f"{REPORTS_FOLDER}/"))
        if file_name.startswith(f"{REPORTS_FOLDER}/") and name:
            yield report_page(int(name["year"])), (f"year: {name['year']}", f"{located.file}:{located.where(('year',))[0]}")


def _top_level_problem(entry: Path, languages: Languages) -> DataProblem | None:
    """docs/ holds the written languages' folders and assets/; a converted language's pages are
    made, not written."""
    name = entry.name
    written = [language.code for language in languages.written]
    choices = ", ".join(f"docs/{code}/" for code in written)
    if name in languages and not languages[name].written:
        return DataProblem(f"docs/{name}", 1, 1, "", "converted_language_folder",
                           {"value": name, "source": languages[name].source})
    if entry.is_dir() and name not in (*written, ASSETS):
        return DataProblem(f"docs/{name}", 1, 1, "", "unknown_docs_folder", {"value": name, "choices": choices})
    if name.endswith(".md") and entry.is_file():
        return DataProblem(f"docs/{name}", 1, 1, "", "page_outside_languages", {"value": name, "choices": choices})
    return None


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under `folder` but hidden ones, in order; a link to a folder is listed, not
    followed (see `_looping`)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted([*folders, *files]):
            if not name.startswith("."):
                yield Path(parent) / name


def _entry_problem(path: Path, name: str) -> DataProblem | None:
    """What cannot be in docs/: a named pipe and the like, a link that loops or leads nowhere,
    a folder named as a page."""
    problem = file_problem(path, name)
    if problem is not None and problem.code == "not_a_file" and path.is_dir() and path.suffix != ".md":
        return None  # a folder, where folders belong
    return problem


def _kind_problem(path: Path, name: str, lang: str | None) -> DataProblem | None:
    """A file of a kind its folder may not hold: anything but a page in a language's folder, a
    style or a script in theirs; any file elsewhere in docs/ but an image in assets/images/."""
    if not path.is_file():
        return None
    relative = name.removeprefix("docs/")
    choices = ", ".join(f"docs/{key}/" for key in FILE_KINDS)
    allowed: tuple[str, ...]
    if lang is not None:
        folder, allowed = f"docs/{lang}/", (PAGE_SUFFIX,)
    else:
        key = next((key for key in FILE_KINDS if relative.startswith(f"{key}/")), None)
        if key is None:
            return DataProblem(name, 1, 1, "", "file_not_here", {"value": name, "choices": choices})
        folder, allowed = f"docs/{key}/", FILE_KINDS[key]
        if not allowed:
            return None  # images: `images` checks each for what it is
    if path.suffix.lower() in allowed:
        return None
    return DataProblem(name, 1, 1, "", "file_kind_not_here",
                       {"value": name, "folder": folder, "allowed": ", ".join(allowed), "choices": choices})


def _page(path: Path, lang: str, relative: str, templates: Collection[str] | None,
          inside: bool) -> tuple[Page, list[DataProblem]]:
    name = f"docs/{lang}/{relative}"
    text, problems = read_page(path, name) if inside else ("", [])
    if problems or not inside:
        return Page(lang, relative, None), problems
    return Page(lang, relative, text), _front_matter_problems(text, name, templates)


def _front_matter_problems(text: str, name: str, templates: Collection[str] | None) -> list[DataProblem]:
    """A front matter MkDocs would silently ignore (not YAML, not fields), or a template it
    cannot find (the build would stop without saying which page)."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return []
    try:
        meta = yaml.load(match[1], Loader=_Loader)  # noqa: S506 - a safe loader, as MkDocs uses
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: a date that does not exist
        # An unclosed bracket or quote is noticed at the end; its opening is what needs fixing.
        context = getattr(exc, "context", None) or ""
        opened = getattr(exc, "context_mark", None) if "flow" in context or "quoted" in context else None
        mark = opened or getattr(exc, "problem_mark", None)
        detail = (getattr(exc, "problem", None) or str(exc)).strip().split("\n")[0]
        return [DataProblem(name, (mark.line if mark else 0) + 2, 1, "", "front_matter_syntax", {"detail": detail})]
    if not isinstance(meta, dict):
        return [DataProblem(name, 2, 1, "", "front_matter_not_mapping")]
    template = meta.get("template")
    if templates is None or template is None or (isinstance(template, str) and template in templates):
        return []
    key = _TEMPLATE_KEY.search(match[1])
    line = match[1].count("\n", 0, key.start()) + 2 if key else 2
    choices = ", ".join(sorted(t for t in templates if "/" not in t and t.endswith(".html")))
    return [DataProblem(name, line, 1, "template", "unknown_template", {"value": template, "choices": choices})]


def _looping(links: list[Path]) -> list[Path]:
    """The links to folders MkDocs, which follows them, would walk round forever: each leads into
    a folder holding, itself or through other such links, the link again."""
    where = {link: Path(os.path.realpath(link.parent)) / link.name for link in links}
    target = {link: Path(os.path.realpath(link)) for link in links}
    leads_to = {link: [other for other in links if where[other].is_relative_to(target[link])] for link in links}
    return [link for link in links if _reaches(link, leads_to)]


def _reaches(link: Path, leads_to: Mapping[Path, list[Path]]) -> bool:
    seen: set[Path] = set()
    todo = list(leads_to[link])
    while todo:
        current = todo.pop()
        if current == link:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(leads_to[current])
    return False
