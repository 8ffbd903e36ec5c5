"""References between records and files: unique ids, ids that exist, report sections.

Works on the raw, line-tracked data of every file that could be read, so these problems are
listed even when another part of a file failed validation.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from jiaoliu.core import drafts
from jiaoliu.core.dataset import Dataset
from jiaoliu.core.errors import DataProblem, closest
from jiaoliu.core.figures import DERIVATIONS, REQUIRED_FIGURES
from jiaoliu.core.kinds import RECORD_KINDS, RecordKind, record_of
from jiaoliu.core.models import FILES, ID_PATTERN, field_paths, link_check
from jiaoliu.core.pages import REPORT_FILE, REPORT_PAGE, REPORTS_FOLDER, SECTION_REF, parse_link
from jiaoliu.core.yamlsource import Located, leaves, walk

# (file, path pattern to the referring value, file and list holding the target ids)
REFERENCES = (
    ("partners.yml", ("partners", "*", "parent"), ("partners.yml", "partners")),
    ("programmes.yml", ("programmes", "*", "partner"), ("partners.yml", "partners")),
    ("bases.yml", ("bases", "*", "partner"), ("partners.yml", "partners")),
    ("activities.yml", ("activities", "*", "partners", "*"), ("partners.yml", "partners")),
    ("achievements.yml", ("awards", "*", "competition"), ("achievements.yml", "competitions")),
    ("achievements.yml", ("standards", "*", "project"), ("achievements.yml", "projects")),
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
    "news.yml": ("news",),
}
SECTION_FIELDS = ("source", "sources", "section")
# Fields whose values become links on the site, found from their type (models.Link), whose
# form the models check; here: that the page and its anchor exist.
LINK_FIELDS = tuple((file_name, pattern) for file_name, model in FILES.items()
                    for pattern in field_paths(model, link_check))
# Hand-written pages: docs path -> anchors that exist on it in every language; see loader.
Pages = Mapping[str, frozenset[str]]


def check(sources: dict[str, Located], pages: Pages | None = None) -> Iterator[DataProblem]:
    """Every reference problem; `pages` (hand-written pages and their anchors) lets links be checked too."""
    for file_name, lists in ID_LISTS.items():
        for key in lists:
            yield from _unique(sources, file_name, key)
    for kind in RECORD_KINDS:
        yield from _reserved(sources, kind)
    yield from _parent_chains(sources)
    for file_name, pattern, (target_file, target_list) in REFERENCES:
        if target_file in sources:
            known = _ids(sources[target_file], target_list)
            yield from _refs(sources, file_name, pattern, known, f"data/{target_file}")
    yield from _choices(sources, "figures.yml", ("figures", "*", "derive"), set(DERIVATIONS))
    yield from _required_figures(sources)
    reports = report_sections(sources)
    if "figures.yml" in sources:
        figure_ids = _ids(sources["figures.yml"], "figures")
        for file_name in reports.values():  # a report states figures of figures.yml
            yield from _refs(sources, file_name, ("figures", "*", "id"), figure_ids, "data/figures.yml")
        yield from _figures_with_a_value(sources, reports)
    for year, file_name in reports.items():
        yield from _unique(sources, file_name, "sections")
        yield from _unique(sources, file_name, "figures")
        yield from _sections(sources[file_name], {year: _ids(sources[file_name], "sections")})  # its own
        yield from _corrections(sources[file_name])
        if not drafts.is_draft(sources[file_name].data):  # a draft's sections may not be written yet
            yield from _quotes(sources[file_name])
        yield from _report_year(sources[file_name], file_name, year)
    if reports:
        in_making = {year for year, f in reports.items() if drafts.is_draft(sources[f].data)}
        if len(in_making) == len(reports):  # the site shows the latest report that is ready
            yield sources[reports[max(reports)]].problem(("status",), "no_ready_report")
        for file_name in sources:
            if not file_name.startswith(f"{REPORTS_FOLDER}/"):
                yield from _sections(sources[file_name], {year: _ids(sources[f], "sections")
                                                          for year, f in reports.items()}, in_making)
    yield from _links(sources, pages)


def _figures_with_a_value(sources: dict[str, Located], reports: dict[int, str]) -> Iterator[DataProblem]:
    """A figure not counted from records needs a statement in at least one report."""
    stated = {entry.get("id") for f in reports.values() for _, entry in walk(sources[f].data, ("figures", "*"))
              if isinstance(entry, dict) and entry.get("reported")}
    for path, figure in walk(sources["figures.yml"].data, ("figures", "*")):
        if isinstance(figure, dict) and figure.get("derive") is None and figure.get("id") not in stated:
            yield sources["figures.yml"].problem(path + ("label",), "derive_or_reported")


def report_sections(sources: dict[str, Located]) -> dict[int, str]:
    """Year -> key of each annual report that could be read (`reports/2023.yml`), by year."""
    found = {}
    for file_name in sources:
        folder, _, name = file_name.partition("/")
        match = REPORT_FILE.fullmatch(name) if folder == REPORTS_FOLDER else None
        if match:
            found[int(match["year"])] = file_name
    return dict(sorted(found.items()))


def _report_year(located: Located, file_name: str, expected: int) -> Iterator[DataProblem]:
    """A report's `year` is its file's name: the one place a year is written."""
    year = located.data.get("year") if isinstance(located.data, dict) else None
    if isinstance(year, int) and year != expected:
        yield located.problem(("year",), "report_year", value=year, file=file_name, expected=expected)


def _ids(located: Located, key: str) -> set[str]:
    return {value for _, value in walk(located.data, (key, "*", "id")) if isinstance(value, str)}


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
            yield located.problem(path, "duplicate_id", value=value, first=f"{located.file}:{line}")
        else:
            first_seen[value] = path


def _refs(sources, file_name, pattern, known, target) -> Iterator[DataProblem]:
    if file_name not in sources:
        return
    for path, value in walk(sources[file_name].data, pattern):
        # A value that is not an id at all is reported once, by the models (its form).
        if isinstance(value, str) and value not in known and ID_PATTERN.fullmatch(value):
            yield sources[file_name].problem(path, "unknown_reference", value=value, target=target,
                                             **closest(value, known))


def _choices(sources, file_name, pattern, known) -> Iterator[DataProblem]:
    if file_name not in sources:
        return
    for path, value in walk(sources[file_name].data, pattern):
        if isinstance(value, str) and value not in known:
            yield sources[file_name].problem(path, "unknown_derivation", value=value,
                                             choices=", ".join(sorted(known)), **closest(value, known))


def _required_figures(sources: dict[str, Located]) -> Iterator[DataProblem]:
    """Figures the pages show by id must not be renamed or deleted."""
    if "figures.yml" not in sources:
        return
    present = _ids(sources["figures.yml"], "figures")
    for figure_id in REQUIRED_FIGURES:
        if figure_id not in present:
            yield sources["figures.yml"].problem(("figures",), "required_figure", value=figure_id)


def section_refs(located: Located) -> Iterator[tuple[tuple, str]]:
    """(path, value) of every reference to a report section in a file."""
    for path, value in leaves(located.data):
        names = [p for p in path if isinstance(p, str)]
        # `sources: [s1]`, `source: s1`, and site.yml's `sources: {about: [s1]}`
        if set(names[-2:]) & set(SECTION_FIELDS) and isinstance(value, str):
            yield path, value


def _sections(located: Located, known: dict[int, set[str]], in_making: Collection[int] = ()) -> Iterator[DataProblem]:
    """Each cited section exists in its report, which is not a draft (a record's source is
    published with it). `s1` is unambiguous only while there is one report; then `2023/s1` says which."""
    for path, value in section_refs(located):
        ref = SECTION_REF.fullmatch(value)
        if ref is None:
            continue  # the models report its form
        year = int(ref["year"]) if ref["year"] else (next(iter(known)) if len(known) == 1 else None)
        if year is None:
            having = [f"{y}/{ref['id']}" for y, ids in known.items() if ref["id"] in ids]
            yield located.problem(path, "section_needs_year", value=value,
                                  choices=", ".join(having) or ", ".join(map(str, known)))
        elif year not in known:
            yield located.problem(path, "unknown_report", value=value, year=year,
                                  choices=", ".join(map(str, known)))
        elif ref["id"] not in known[year]:
            yield located.problem(path, "unknown_section", value=value, choices=", ".join(sorted(known[year])))
        elif year in in_making:
            yield located.problem(path, "cites_draft", value=value, year=year)


def _corrections(located: Located) -> Iterator[DataProblem]:
    for path, paragraph in walk(located.data, ("sections", "*", "paragraphs", "*")):
        if not isinstance(paragraph, dict):
            continue
        zh = paragraph.get("zh")
        text = zh if isinstance(zh, str) else ""
        for c_path, corrected in walk(paragraph, ("corrections", "*", "corrected")):
            if isinstance(corrected, str) and corrected not in text:
                yield located.problem(path + c_path, "correction_not_found", value=corrected)


# A gap in a quote: the words on either side appear in the section in this order.
QUOTE_GAPS = {"zh": re.compile(r"……|…|\.\.\."), "en": re.compile(r"…|\.\.\.")}


def _quoted(quote: str, text: str, lang: str) -> bool:
    """`quote` appears in `text`, its parts in order. Spaces do not count in Chinese (the report
    has them between characters and numbers, or not); in English, a run of them is one."""
    def plain(words: str) -> str:
        return re.sub(r"\s+", "" if lang == "zh" else " ", words).strip()

    text, at = plain(text), 0
    for part in QUOTE_GAPS[lang].split(quote):
        found = text.find(plain(part), at)
        if found < 0:
            return False
        at = found + len(plain(part))
    return True


def _quotes(located: Located) -> Iterator[DataProblem]:
    """The words each figure's statement quotes appear in the section it names (zh and en)."""
    texts: dict[str, dict[str, str]] = {}
    for _, section in walk(located.data, ("sections", "*")):
        if isinstance(section, dict) and isinstance(section.get("id"), str):
            paragraphs = [p for p in section.get("paragraphs") or [] if isinstance(p, dict)]
            texts[section["id"]] = {lang: " ".join(p[lang] for p in paragraphs if isinstance(p.get(lang), str))
                                    for lang in ("zh", "en")}
    for path, statement in walk(located.data, ("figures", "*", "reported", "*")):
        if not isinstance(statement, dict) or statement.get("section") not in texts:
            continue  # the models or the section check report it
        section = statement["section"]
        for field, lang, code in (("verbatim", "zh", "quote_not_found_zh"), ("en", "en", "quote_not_found_en")):
            quote = statement.get(field)
            if isinstance(quote, str) and not _quoted(quote, texts[section][lang], lang):
                yield located.problem(path + (field,), code, value=quote, section=section)


def _reserved(sources: dict[str, Located], kind: RecordKind) -> Iterator[DataProblem]:
    if kind.data_file not in sources:
        return
    for path, value in walk(sources[kind.data_file].data, (kind.key, "*", "id")):
        if value in kind.reserved_ids:
            page = f"{kind.folder}/" if value == "index" else f"{kind.folder}/{value}/"
            yield sources[kind.data_file].problem(path, "reserved_id", value=value, page=page)


def _parent_chains(sources: dict[str, Located]) -> Iterator[DataProblem]:
    """A partner cannot be its own parent, directly or through others (pages would loop)."""
    if "partners.yml" not in sources:
        return
    located = sources["partners.yml"]
    parents: dict[str, tuple[str, tuple]] = {}
    for path, record in walk(located.data, ("partners", "*")):
        if isinstance(record, dict) and isinstance(record.get("id"), str) and isinstance(record.get("parent"), str):
            parents.setdefault(record["id"], (record["parent"], path + ("parent",)))
    reported: set[str] = set()
    for start in parents:
        chain, current = [start], parents[start][0]
        while current in parents and current not in chain and current not in reported:
            chain.append(current)
            current = parents[current][0]
        if current not in chain:
            continue
        loop = chain[chain.index(current):]
        first = min(loop)  # one problem per loop, at the same record whichever we started from
        if len(loop) == 1:
            yield located.problem(parents[first][1], "self_parent")
        else:
            yield located.problem(parents[first][1], "parent_loop", chain=" → ".join([*loop, loop[0]]))
        reported.update(chain)


def _links(sources: dict[str, Located], pages: Pages | None) -> Iterator[DataProblem]:
    """Links to pages of this site: the page must exist, and its anchor on it in every language."""
    for file_name, pattern in LINK_FIELDS:
        if file_name not in sources:
            continue
        for path, value in walk(sources[file_name].data, pattern):
            link = parse_link(value) if isinstance(value, str) else None
            if link is None or link.page is None:
                continue  # not a link (a model error) or an https address
            if pages is None and record_of(link.page) is None:
                continue  # without the docs folder, a hand-written page can be checked for its form only
            anchors = _anchors(link.page, sources, pages)
            if anchors is None:
                yield sources[file_name].problem(path, "unknown_link", value=link.page)
            elif link.anchor is not None and link.anchor not in anchors:
                yield sources[file_name].problem(path, "unknown_anchor", value=link.anchor, page=link.page,
                                                 choices=", ".join(sorted(anchors)) or "—")


def _anchors(page: str, sources: dict[str, Located], pages: Pages | None) -> frozenset[str] | None:
    """The anchors of `page`, or None if there is no such page."""
    report = REPORT_PAGE.fullmatch(page)
    if report:  # a year's report page: its sections are its anchors
        file_name = report_sections(sources).get(int(report["year"]))
        return frozenset(_ids(sources[file_name], "sections")) if file_name else None
    record = record_of(page)
    if record:
        kind, record_id = record
        known = kind.data_file not in sources or record_id in _ids(sources[kind.data_file], kind.key)
        return frozenset() if known else None  # record pages have no anchors to link to
    if pages is None or page not in pages:
        return None
    return pages[page]


def home_figures(data: Dataset, sources: dict[str, Located]) -> Iterator[DataProblem]:
    """The home page leads only with figures the latest report states consistently or the records
    fully support: a figure the report contradicts itself on (its statements differ) belongs on
    its topic page and on the figures page. A count from records that simply outgrew the report
    is fine."""
    located = sources["figures.yml"]
    latest = data.latest_report
    chosen = 0
    for index, figure in enumerate(data.figures):
        if not figure.home:
            continue
        chosen += 1
        statement = next((f for f in latest.figures if f.id == figure.id), None)
        stated = list(dict.fromkeys(r.value for r in statement.reported)) if statement else []
        if len(stated) > 1:
            yield located.problem(("figures", index, "home"), "contested_home_figure", value=figure.id,
                                  values=", ".join(map(str, stated)))
    if not chosen:
        yield located.problem(("figures",), "no_home_figure")
