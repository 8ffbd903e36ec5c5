"""References between records and files: unique ids, ids that exist, report sections.

Works on the raw, line-tracked data of every file that could be read, so these problems are
listed even when another part of a file failed validation.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from .errors import DataProblem
from .figures import DERIVATIONS, REQUIRED_FIGURES
from .loader import field_name
from .yamlsource import Located

# (file, path pattern to the referring value, file and list holding the target ids)
REFERENCES = (
    ("partners.yml", ("partners", "*", "parent"), ("partners.yml", "partners")),
    ("programmes.yml", ("programmes", "*", "partner"), ("partners.yml", "partners")),
    ("bases.yml", ("bases", "*", "partner"), ("partners.yml", "partners")),
    ("activities.yml", ("activities", "*", "partners", "*"), ("partners.yml", "partners")),
    ("achievements.yml", ("awards", "*", "competition"), ("achievements.yml", "competitions")),
    ("achievements.yml", ("standards", "*", "project"), ("achievements.yml", "projects")),
    ("site.yml", ("key_figures", "*"), ("figures.yml", "figures")),
    ("activities.yml", ("activities", "*", "key_figures", "*"), ("figures.yml", "figures")),
    ("programmes.yml", ("programmes", "*", "key_figures", "*"), ("figures.yml", "figures")),
)
# file -> lists whose records need unique ids
ID_LISTS = {
    "partners.yml": ("partners",),
    "programmes.yml": ("programmes",),
    "achievements.yml": ("competitions", "awards", "projects", "standards"),
    "bases.yml": ("bases",),
    "activities.yml": ("activities",),
    "figures.yml": ("figures",),
    "report-2023.yml": ("sections",),
}
SECTION_FIELDS = ("source", "sources", "section")
REPORT = "report-2023.yml"
# Pages generated from records: folder -> (file, list) holding their ids
RECORD_PAGES = {"partners": ("partners.yml", "partners"), "programmes": ("programmes.yml", "programmes")}
RECORD_PAGE = re.compile(r"(?P<folder>[a-z]+)/(?P<id>[^/#]+)\.md")


def check(sources: dict[str, Located], pages: Collection[str] | None = None) -> Iterator[DataProblem]:
    """Every reference problem; `pages` (hand-written docs paths) lets links be checked too."""
    for file_name, lists in ID_LISTS.items():
        for key in lists:
            yield from _unique(sources, file_name, key)
    for file_name, pattern, (target_file, target_list) in REFERENCES:
        if target_file in sources:
            known = _ids(sources[target_file], target_list)
            yield from _refs(sources, file_name, pattern, known, f"data/{target_file}")
    yield from _choices(sources, "figures.yml", ("figures", "*", "derive"), set(DERIVATIONS))
    yield from _required_figures(sources)
    if REPORT in sources:
        sections = _ids(sources[REPORT], "sections")
        for file_name in sources:
            if file_name != REPORT:
                yield from _sections(sources[file_name], sections)
        yield from _corrections(sources[REPORT])
    yield from _links(sources, pages)


def _ids(located: Located, key: str) -> set[str]:
    return {value for _, value in walk(located.data, (key, "*", "id")) if isinstance(value, str)}


def walk(data: Any, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Values at `pattern` ("*" = every list item), with their paths."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from walk(item, rest, path + (index,))
    elif isinstance(data, dict) and data.get(head) is not None:
        yield from walk(data[head], rest, path + (head,))


def leaves(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, path + (index,))
    else:
        yield path, data


def problem(located: Located, path: tuple, code: str, **params: Any) -> DataProblem:
    line, column = located.where(path)
    return DataProblem(located.file, line, column, field_name(located.data, path), code, params)


def _unique(sources: dict[str, Located], file_name: str, key: str) -> Iterator[DataProblem]:
    if file_name not in sources:
        return
    located = sources[file_name]
    first_seen: dict[Any, tuple] = {}
    for path, value in walk(located.data, (key, "*", "id")):
        if not isinstance(value, str):
            continue
        if value in first_seen:
            line, _ = located.where(first_seen[value])
            yield problem(located, path, "duplicate_id", value=value, first=f"{located.file}:{line}")
        else:
            first_seen[value] = path


def _refs(sources, file_name, pattern, known, target) -> Iterator[DataProblem]:
    if file_name not in sources:
        return
    for path, value in walk(sources[file_name].data, pattern):
        if isinstance(value, str) and value not in known:
            yield problem(sources[file_name], path, "unknown_reference", value=value, target=target)


def _choices(sources, file_name, pattern, known) -> Iterator[DataProblem]:
    if file_name not in sources:
        return
    for path, value in walk(sources[file_name].data, pattern):
        if isinstance(value, str) and value not in known:
            yield problem(sources[file_name], path, "unknown_derivation", value=value,
                          choices=", ".join(sorted(known)))


def _required_figures(sources: dict[str, Located]) -> Iterator[DataProblem]:
    """Figures the pages show by id must not be renamed or deleted."""
    if "figures.yml" not in sources:
        return
    present = _ids(sources["figures.yml"], "figures")
    for figure_id in REQUIRED_FIGURES:
        if figure_id not in present:
            yield problem(sources["figures.yml"], ("figures",), "required_figure", value=figure_id)


def _sections(located: Located, known: set[str]) -> Iterator[DataProblem]:
    for path, value in leaves(located.data):
        names = [p for p in path if isinstance(p, str)]
        if names and names[-1] in SECTION_FIELDS and isinstance(value, str) and value not in known:
            yield problem(located, path, "unknown_section", value=value, choices=", ".join(sorted(known)))


def _corrections(located: Located) -> Iterator[DataProblem]:
    for path, paragraph in walk(located.data, ("sections", "*", "paragraphs", "*")):
        if not isinstance(paragraph, dict):
            continue
        text = paragraph.get("zh") if isinstance(paragraph.get("zh"), str) else ""
        for c_path, corrected in walk(paragraph, ("corrections", "*", "corrected")):
            if isinstance(corrected, str) and corrected not in text:
                yield problem(located, path + c_path, "correction_not_found", value=corrected)


def _links(sources: dict[str, Located], pages: Collection[str] | None) -> Iterator[DataProblem]:
    """Highlight links on the home page: a hand-written page (when known) or a record's page."""
    if "site.yml" not in sources:
        return
    for path, value in walk(sources["site.yml"].data, ("highlights", "*", "link")):
        if isinstance(value, str) and not _page_exists(value.partition("#")[0], sources, pages):
            yield problem(sources["site.yml"], path, "unknown_link", value=value)


def _page_exists(target: str, sources: dict[str, Located], pages: Collection[str] | None) -> bool:
    record = RECORD_PAGE.fullmatch(target)
    if record and record["folder"] in RECORD_PAGES and record["id"] != "index":
        file_name, key = RECORD_PAGES[record["folder"]]
        return file_name not in sources or record["id"] in _ids(sources[file_name], key)
    if pages is None:  # without the docs folder, only the form can be checked
        return target.endswith(".md")
    return target in pages
