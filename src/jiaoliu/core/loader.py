"""Load and validate every file in `data/` once, into one immutable `Dataset`.

All problems of all files are collected before anything is raised, so a member of staff
sees every mistake in one run, each with file, line, column and field. References between
files are checked in `crossrefs.py`; warnings (missing translations, stale reviews, markup
in text) come from `lint.py`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jiaoliu.core import crossrefs, drafts, handwritten, images, lint, localise, photos, traditional
from jiaoliu.core import models as m
from jiaoliu.core.dataset import Dataset, pages_without_content
from jiaoliu.core.errors import DataError, DataProblem, closest, slip_of
from jiaoliu.core.kinds import RECORD_KINDS
from jiaoliu.core.languages import Languages
from jiaoliu.core.pagemarkup import MarkdownSettings, page_problems
from jiaoliu.core.pages import REPORT_FILE, REPORTS_FOLDER
from jiaoliu.core.yamlsource import DataFileError, Located, field_name, load_yaml

FILES = m.FILES
IMAGES_FOLDER = "assets/images"  # under docs/: the images the office uploads (models.IMAGE_PATH)


@dataclass(frozen=True)
class CheckResult:
    """Everything found in `data/`: the records if they are usable, errors and warnings."""

    dataset: Dataset | None
    errors: tuple[DataProblem, ...]
    warnings: tuple[DataProblem, ...]
    todo: tuple[DataProblem, ...] = ()  # optional facts not filled in yet (for staff only)
    # Records not reviewed for over a year: information for staff (jiaoliu-check --review and the
    # weekly review issue), never a reason to stop a build: a date alone must not block a fix.
    due_for_review: tuple[DataProblem, ...] = ()
    # Proper names whose Traditional Chinese form nobody has confirmed yet (data/traditional.yml):
    # information for a reviewer (jiaoliu-check --traditional), never a reason to stop a build.
    unconfirmed_traditional: tuple[DataProblem, ...] = ()
    # Mainland words on the pages that the table has not decided for Hong Kong yet (jiaoliu-check --traditional).
    mainland_words: tuple[DataProblem, ...] = ()
    # Old names of the product's strings in data/wording.yml: still working, for one release.
    renamed: tuple[DataProblem, ...] = ()


def check_data(data_dir: Path, today: date | None = None, docs: Path | None = None, *,
               languages: Languages | None = None, for_staff: bool = True, templates: Collection[str] | None = None,
               markdown: MarkdownSettings | None = None) -> CheckResult:
    """Read, validate and cross-check every file; never stops at the first problem.

    `docs`: the folder of hand-written pages (one folder per language), checked too (see
    `handwritten`); data may link to its pages, with their anchors. Without it, links are checked
    for their form only. `for_staff`: also list the Traditional names to confirm (jiaoliu-check),
    which a build never shows. `templates`: those of the theme, which a page may name.
    `markdown`: Python-Markdown as the build runs it; with it, the hand-written pages are checked
    for markup of their own too (`pagemarkup`).
    """
    errors: list[DataProblem] = list(_folder_problems(data_dir, docs, languages.further if languages else ()))
    if docs is not None and languages is None:
        raise TypeError("the hand-written pages are read with the site's languages")
    hand_written = handwritten.read(docs, languages, templates) if docs is not None and languages is not None else None
    errors.extend(hand_written.problems if hand_written else ())
    parsed: dict[str, Any] = {}
    sources: dict[str, Located] = {}
    draft_gaps: list[DataProblem] = []
    refused = {p.file for p in errors}
    further = languages.further if languages is not None else ()
    files = data_files(data_dir)
    if (data_dir / m.WORDING_FILE).exists():
        files[m.WORDING_FILE] = m.Wording
    files |= {interface_file(code): m.InterfaceTable for code in further if (data_dir / interface_file(code)).is_file()}
    errors.extend(DataProblem(f"data/{interface_file(code)}", 1, 1, "", "ui_table_missing", {"lang": code})
                  for code in further if interface_file(code) not in files)
    for file_name, model in files.items():
        display = f"data/{file_name}"
        path = data_dir / file_name
        if display in refused:
            continue
        try:
            sources[file_name] = located = load_yaml(path, display)
        except DataFileError as exc:
            errors.extend(exc.problems)
            continue
        data = located.data
        if file_name.startswith(f"{REPORTS_FOLDER}/") and drafts.is_draft(data):
            data, gaps = drafts.with_placeholders(located, further)  # an empty text is still to write, not wrong
            draft_gaps.extend(gaps)
        try:
            parsed[file_name] = model.model_validate(data, context={m.FURTHER_LANGUAGES: further})
        except ValidationError as exc:
            errors.extend(_explain(exc, located, model))
    pages = hand_written.anchors() if hand_written else None
    if pages is not None:  # a page not built while its data is empty is no page to link to
        unbuilt = pages_without_content(parsed.get("student-life.yml", m.StudentLife()), parsed.get("faq.yml", m.QuestionsFile()),
                                        parsed.get("partnering.yml", m.Partnering()), parsed.get("news.yml", m.NewsFile()))
        pages = {page: anchors for page, anchors in pages.items() if page not in unbuilt}
    errors.extend(crossrefs.check(sources, pages))
    renamed: list[DataProblem] = []
    missing_strings: list[DataProblem] = []  # of a further language's table: missing translations
    if isinstance(parsed.get(m.WORDING_FILE), m.Wording):
        parsed[m.WORDING_FILE], renamed = _renamed_wording(parsed[m.WORDING_FILE], sources[m.WORDING_FILE])
        errors.extend(_wording_problems(parsed[m.WORDING_FILE], sources[m.WORDING_FILE]))
    english = {code: english_strings(code) for code in further}  # what each further language's table says
    for code in further:
        if isinstance(table := parsed.get(interface_file(code)), m.InterfaceTable):
            errors.extend(_interface_problems(code, table.root, english[code], sources[interface_file(code)]))
            missing_strings.extend(_untranslated_interface(code, table.root, english[code], sources[interface_file(code)]))
    errors.extend(handwritten.record_address_problems(hand_written, sources) if hand_written else ())
    site = parsed.get("site.yml")
    if docs is not None and isinstance(site, m.Site):
        errors.extend(_missing_images(site, sources["site.yml"], docs))
    if docs is not None:
        errors.extend(_image_problems(docs))
    photo_problems, photo_facts = photos.check(data_dir, parsed, sources)
    errors.extend(photo_problems)
    if hand_written is not None and markdown is not None:
        errors.extend(_page_markup(hand_written, markdown))
    warnings = list(lint.content_warnings(sources))
    # A draft's missing translations are still to write, like its empty texts: to do, never a warning.
    missing = list(lint.translation_warnings(parsed, sources, further))
    in_drafts = {name for name in parsed if name.startswith(f"{REPORTS_FOLDER}/") and drafts.is_draft(sources[name].data)}
    warnings.extend(problem for problem in missing if problem.file.removeprefix("data/") not in in_drafts)
    draft_gaps.extend(problem for problem in missing if problem.file.removeprefix("data/") in in_drafts)
    warnings.extend(missing_strings)
    settings = data_dir.absolute().parent / "mkdocs.yml"  # a further language's menu titles and name
    warnings.extend(lint.untranslated(
        sources, {code: interface_file(code) for code in further},
        [(page.file, page.lang, page.text) for page in hand_written.pages if page.lang in further] if hand_written else [],
        settings.read_text("utf-8", errors="replace") if further and settings.is_file() else None))
    warnings.extend(_pages_as_in_english(hand_written, further) if hand_written else ())
    if hand_written is not None and languages is not None:
        warnings.extend(_pages_missing(hand_written, tuple(language.code for language in languages.written)))
    warnings.extend(lint.pasted_in_names(parsed, sources))
    zh_pages = [(page.file, page.text) for page in hand_written.pages
                if page.lang == traditional.SOURCE and page.text is not None] if hand_written else []
    places = list(traditional.text_places(sources, zh_pages))
    # All the Simplified text a correction could apply to: the data's, the pages' and the interface's.
    corpus = "\n".join([*(text for *_, text in places), *localise.string_tables()[traditional.SOURCE].table.values()])
    converter = traditional.Converter()  # one for the three: each loads OpenCC's dictionaries
    table_errors, table_warnings = traditional.table_problems(parsed, sources, corpus, converter)
    # What the Traditional pages still need, for a site that has them.
    converts = for_staff and (languages is None or bool(languages.converted))
    unconfirmed = traditional.names_to_confirm(parsed, sources, converter) if converts else ()
    table = parsed.get(traditional.FILE)
    mainland = traditional.mainland_words(table, places, converter) \
        if converts and isinstance(table, m.TraditionalFile) else ()
    errors.extend(table_errors)
    warnings.extend(table_warnings)
    dataset = replace(_assemble(parsed, english), record_lines=_record_lines(sources), photos=photo_facts) if not errors else None
    if dataset is not None:  # checks that need the figures counted from the records
        errors.extend(crossrefs.home_figures(dataset, sources))
        dataset = dataset if not errors else None
    return CheckResult(dataset, _sorted(errors), _sorted(warnings), (*lint.todo(parsed, sources), *draft_gaps),
                       _sorted(lint.due_for_review(parsed, sources, today or date.today())), _sorted(unconfirmed),
                       tuple(mainland), tuple(renamed))


def load_dataset(data_dir: Path, strict: bool = True, today: date | None = None,
                 docs: Path | None = None, languages: Languages | None = None,
                 templates: Collection[str] | None = None, markdown: MarkdownSettings | None = None) -> Dataset:
    """The validated records; raise DataError listing every problem (warnings too if strict)."""
    result = check_data(data_dir, today, docs, languages=languages, for_staff=False, templates=templates,
                        markdown=markdown)
    problems = list(result.errors) + (list(result.warnings) if strict else [])
    if problems:
        raise DataError(problems, warnings=result.warnings)
    assert result.dataset is not None
    return replace(result.dataset, warnings=result.warnings, due_for_review=result.due_for_review, renamed=result.renamed)


# Signs of markup (HTML, entities, Markdown links, code, emphasis, tables, attribute lists): the
# interface's strings reach templates and pages, so the college's wording of them is plain text,
# with braces only around a plain placeholder ({date}).
_WORDING_MARKUP = re.compile(r"[<>&\[\]`*_\\|{}]")
_PLAIN_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _renamed_wording(wording: m.Wording, located: Located) -> tuple[m.Wording, list[DataProblem]]:
    """The wording with a renamed string's old key read as its new one, and a note for each."""
    notes = [located.problem((lang, key), "wording_renamed", value=key, new=m.RENAMED_WORDING[key])
             for lang in localise.LANGUAGES for key in getattr(wording, lang) if key in m.RENAMED_WORDING]
    if not notes:
        return wording, []
    return wording.model_copy(update={lang: {m.RENAMED_WORDING.get(key, key): text for key, text in getattr(wording, lang).items()}
                                      for lang in localise.LANGUAGES}), notes


def _wording_problems(wording: m.Wording, located: Located) -> Iterator[DataProblem]:
    """The college's wording: keys of the product's strings (a counted one in every plural form
    its language has), in both languages, with the same plain placeholders (a missing one would
    leave its value out, a formatted one stop the page), and plain text: no markup of its own."""
    product = localise.string_tables()
    base = lambda key: key.split(localise.PLURAL)[0]  # noqa: E731 - `value.years#one` is `value.years`
    for lang in localise.LANGUAGES:
        table = product[lang].table
        others = [{base(key) for key in getattr(wording, code)} for code in localise.LANGUAGES if code != lang]
        for key, text in getattr(wording, lang).items():
            forms = [name for name in table if base(name) == base(key)]  # itself, or its plural forms
            if key not in table:
                yield located.problem((lang, key), "unknown_wording", value=key, **closest(key, table))
            elif (markup := _WORDING_MARKUP.search(_PLAIN_PLACEHOLDER.sub("", text))) is not None:
                yield located.problem((lang, key), "wording_markup", value=key, sign=markup.group())
            elif any(base(key) not in words for words in others):
                yield located.problem((lang, key), "wording_one_language", value=base(key),
                                      other=", ".join(code for code in localise.LANGUAGES if code != lang))
            elif missing := [form for form in forms if form not in getattr(wording, lang)]:
                yield located.problem((lang, key), "wording_plural_forms", value=base(key), forms=", ".join(missing))
            elif localise.placeholders(text, lang) != localise.placeholders(table[key], lang):
                yield located.problem((lang, key), "wording_placeholders", value=key,
                                      expected=", ".join(sorted(f"{{{name}}}" for name in
                                                                localise.placeholders(table[key], lang))) or "none")


def interface_file(code: str) -> str:
    """Where a further written language's interface strings are, under data/."""
    return f"{m.UI_FOLDER}/{code}.yml"


def english_strings(code: str) -> dict[str, str]:
    """Every key a further language's table has, with the product's English for it: a counted
    string in each plural form of the language (CLDR; a form English lacks says what "other" does)."""
    english = localise.string_tables()["en"].table
    expected: dict[str, str] = {}
    for key, text in english.items():
        base, plural, _ = key.partition(localise.PLURAL)
        if not plural:
            expected[key] = text
            continue
        for form in sorted(localise.plural_categories(code)):
            expected[f"{base}{localise.PLURAL}{form}"] = english.get(f"{base}{localise.PLURAL}{form}",
                                                                     english[f"{base}{localise.PLURAL}other"])
    return expected


def _interface_problems(code: str, table: Mapping[str, str], expected: Mapping[str, str],
                        located: Located) -> Iterator[DataProblem]:
    """A further language's table (data/ui/fr.yml), against the English it translates
    (`english_strings`): keys of the product's strings, each with the English string's plain
    placeholders, and plain text as the college's wording is, but for a sign the English string
    has in its own words ([Translation missing]). What is not translated yet: `_untranslated_interface`."""
    for key, text in table.items():
        own = _WORDING_MARKUP.search(_PLAIN_PLACEHOLDER.sub("", text))
        if key not in expected:
            yield located.problem((key,), "unknown_wording", value=key, **closest(key, expected))
        elif own and own.group() not in _PLAIN_PLACEHOLDER.sub("", expected[key]):
            yield located.problem((key,), "wording_markup", value=key, sign=own.group())
        elif localise.placeholders(text, code) != localise.placeholders(expected[key], "en"):
            yield located.problem((key,), "wording_placeholders", value=key, expected=", ".join(
                sorted(f"{{{name}}}" for name in localise.placeholders(expected[key], "en"))) or "none")


def _untranslated_interface(code: str, table: Mapping[str, str], english: Mapping[str, str],
                            located: Located) -> Iterator[DataProblem]:
    """Missing translations: each string of the product the table lacks, by name (a preview shows
    its English); and a table whose strings are the English ones, most of them: the marks
    replaced, not the words (a few strings are the same in many languages: "{date}: {title}")."""
    for key, text in english.items():
        if key not in table:
            yield located.problem((), "ui_string_missing", value=key, lang=code, english=text)
    same = [key for key, text in table.items() if english.get(key) == text]
    if len(same) * 2 > len(english):
        yield located.problem((same[0],), "ui_mostly_english", count=len(same), total=len(english), lang=code)


def _pages_as_in_english(hand_written: handwritten.HandWritten, further: tuple[str, ...]) -> Iterator[DataProblem]:
    """A further language's page that is its English page still, word for word: not translated
    (its mark deleted, perhaps, and nothing else)."""
    english = {page.path: _words(page.text) for page in hand_written.pages if page.lang == "en"}
    for page in hand_written.pages:
        if page.lang in further and page.text is not None and _words(page.text) == english.get(page.path):
            yield DataProblem(page.file, 1, 1, "", "page_as_in_english", {"lang": page.lang, "value": f"docs/en/{page.path}"})


def _pages_missing(hand_written: handwritten.HandWritten, written: tuple[str, ...]) -> Iterator[DataProblem]:
    """A hand-written page that a written language lacks: a missing translation, named by the page
    it would be, with one that has it."""
    have: dict[str, list[str]] = {}
    for page in hand_written.pages:
        have.setdefault(page.path, []).append(page.lang)
    for path, langs in sorted(have.items()):
        for lang in written:
            if lang not in langs:
                yield DataProblem(f"docs/{lang}/{path}", 1, 1, "", "page_missing", {"lang": lang, "value": f"docs/{langs[0]}/{path}"})


def _words(text: str | None) -> str:
    """A page's text without its blank lines and spaces around lines: what a reader reads of it."""
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _missing_images(site: m.Site, located: Located, docs: Path) -> Iterator[DataProblem]:
    """The logo and favicon named in site.yml must be files in docs/ (checked once, here)."""
    images = {("favicon",): site.favicon, ("logo", "image"): site.logo.image if site.logo else None}
    for path, image in images.items():
        if image is not None and not (docs / image).is_file():
            yield located.problem(path, "missing_image", value=image)


def _image_problems(docs: Path) -> Iterator[DataProblem]:
    """Every file the office may upload to docs/assets/images/ is published: each must be the image
    it says it is, and an SVG only a drawing (`images`). Hidden files are not published."""
    folder = docs / IMAGES_FOLDER
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file() and not path.name.startswith("."):
            try:
                with path.open("rb") as file:  # an SVG whole (and one byte: one too large), else its first bytes
                    data = file.read(images.SVG_LIMIT + 1 if path.suffix == ".svg" else 16)
            except OSError:
                continue  # MkDocs cannot copy it either, and says so
            yield from images.image_problems(f"docs/{path.relative_to(docs).as_posix()}", data)


def _page_markup(hand_written: handwritten.HandWritten, markdown: MarkdownSettings) -> Iterator[DataProblem]:
    """HTML, attributes, links and page settings of their own in the hand-written pages (those
    that could be read: the others are reported as such)."""
    for page in hand_written.pages:
        if page.text is not None:
            yield from page_problems(page.file, page.text, markdown)


def data_files(data_dir: Path) -> dict[str, type[m.BaseModel]]:
    """Every file to read, by its path under data/: the fixed ones, then each year's report."""
    reports = sorted(p.name for p in (data_dir / REPORTS_FOLDER).glob("*.yml") if REPORT_FILE.fullmatch(p.name))
    return {**FILES, **{f"{REPORTS_FOLDER}/{name}": m.Report for name in reports}}


def _folder_problems(data_dir: Path, docs: Path | None, further: tuple[str, ...]) -> Iterator[DataProblem]:
    """Files in data/ that would be ignored, no report at all, and links that lead out of the project."""
    known = ", ".join([*FILES, m.WORDING_FILE, f"{REPORTS_FOLDER}/", f"{photos.FOLDER}/", f"{m.UI_FOLDER}/"])
    if data_dir.is_dir():
        for entry in sorted(data_dir.iterdir()):
            if entry.name not in (*FILES, m.WORDING_FILE, REPORTS_FOLDER, photos.FOLDER, m.UI_FOLDER) \
                    and not entry.name.startswith("."):
                yield DataProblem(f"data/{entry.name}", 1, 1, "", "unknown_file", {"value": entry.name,
                                                                                    "choices": known})
        reports = data_dir / REPORTS_FOLDER
        for entry in sorted(reports.iterdir()) if reports.is_dir() else []:
            if not REPORT_FILE.fullmatch(entry.name) and not entry.name.startswith("."):
                yield DataProblem(f"data/{REPORTS_FOLDER}/{entry.name}", 1, 1, "", "unknown_file",
                                  {"value": entry.name, "choices": "2023.yml, 2024.yml…"})
        if not any(REPORT_FILE.fullmatch(p.name) for p in reports.glob("*.yml")):
            yield DataProblem(f"data/{REPORTS_FOLDER}/", 1, 1, "", "no_report")
        interfaces = data_dir / m.UI_FOLDER
        tables = [f"{code}.yml" for code in further]  # the further written languages' (mkdocs.yml)
        for entry in sorted(interfaces.iterdir()) if interfaces.is_dir() else []:
            if entry.name not in tables and not entry.name.startswith("."):
                yield DataProblem(f"data/{m.UI_FOLDER}/{entry.name}", 1, 1, "", "unknown_file",
                                  {"value": entry.name, "choices": ", ".join(tables) or "-"})
        yield from photos.folder_problems(data_dir)
    project = data_dir.absolute().parent
    for folder in (data_dir, docs):
        if folder is not None and folder.is_dir():
            for link in links_outside(folder, project):
                name = link.relative_to(project).as_posix() if link.is_relative_to(project) else str(link)
                yield DataProblem(name, 1, 1, "", "symlink_outside", {"value": name})


def links_outside(folder: Path, project: Path) -> list[Path]:
    """Symbolic links under `folder` whose target is not inside `project` (or does not exist)."""
    root = project.resolve()
    found = []
    for parent, dirs, files in os.walk(folder):  # does not follow links into other folders
        for name in [*dirs, *files]:
            path = Path(parent) / name
            # realpath, unlike resolve(), does not raise on a loop (reported where it is read)
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(root):
                found.append(path)
    return found


def page_paths(language_docs: Path) -> frozenset[str]:
    """Docs paths (`about.md`, `partners/index.md`) of one language's hand-written pages."""
    return frozenset(p.relative_to(language_docs).as_posix() for p in language_docs.rglob("*.md"))


def _sorted(problems: Iterable[DataProblem]) -> tuple[DataProblem, ...]:
    unique = dict.fromkeys(problems)  # the same problem found twice is listed once
    return tuple(sorted(unique, key=lambda p: (p.file, p.line, p.column, p.code)))


def _record_lines(sources: dict[str, Located]) -> tuple[tuple[str, str, int], ...]:
    """The line each record with a page of its own starts on, for staff's edit links."""
    lines = []
    for kind in RECORD_KINDS:
        records = sources[kind.data_file].data.get(kind.key) or []
        for index, record in enumerate(records):
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                lines.append((kind.data_file, record["id"], sources[kind.data_file].where((kind.key, index))[0]))
    return tuple(lines)


def _assemble(parsed: dict[str, Any], english: Mapping[str, Mapping[str, str]]) -> Dataset:
    """`english`: the English of each further language's strings, shown where one is missing."""
    achievements: m.Achievements = parsed["achievements.yml"]
    reports: list[m.Report] = [parsed[f] for f in sorted(parsed) if f.startswith(f"{REPORTS_FOLDER}/")]
    return Dataset(
        site=parsed["site.yml"],
        # the college's wording of the product's strings, and the whole table of a further language
        wording={**{lang: dict(getattr(parsed.get(m.WORDING_FILE, m.Wording()), lang)) for lang in localise.LANGUAGES},
                 **{code: {**strings, **parsed[interface_file(code)].root} for code, strings in english.items()}},
        admissions=parsed["admissions.yml"],
        reports=tuple(r for r in reports if r.status == drafts.READY),
        drafts=tuple(r for r in reports if r.status == drafts.DRAFT),
        partners=tuple(parsed["partners.yml"].partners),
        programmes=tuple(parsed["programmes.yml"].programmes),
        competitions=tuple(achievements.competitions),
        awards=tuple(achievements.awards),
        projects=tuple(achievements.projects),
        standards=tuple(achievements.standards),
        bases=tuple(parsed["bases.yml"].bases),
        activities=tuple(parsed["activities.yml"].activities),
        figures=tuple(parsed["figures.yml"].figures),
        traditional=tuple(parsed["traditional.yml"].names),
        hong_kong_words=tuple(parsed["traditional.yml"].words),
        reader_words=parsed["search.yml"],
        student_life=parsed["student-life.yml"],
        questions=parsed["faq.yml"],
        partnering=parsed["partnering.yml"],
        news=parsed["news.yml"],
    )


# --- pydantic errors -> staff-readable problems -------------------------------------------

_EXPECTED = {
    "string_type": ("文字", "text"),
    "int_type": ("整数", "a whole number"),
    "bool_type": ("true 或 false", "true or false"),
    "list_type": ("列表（每项以 - 开头）", "a list (items starting with -)"),
    "model_type": ("一组字段（名称: 值）", "a group of fields (name: value)"),
    "dict_type": ("一组字段（名称: 值）", "a group of fields (name: value)"),
    "date_type": ("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
    "model_attributes_type": ("一组字段（名称: 值）", "a group of fields (name: value)"),
}


def _explain(exc: ValidationError, located: Located, model: type[m.BaseModel]) -> Iterator[DataProblem]:
    for error in exc.errors(include_url=False):
        path = tuple(error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, m.ValueProblem) and cause.at:
            path += (cause.at,)
        line, column = located.where(path)
        field = field_name(located.data, path)
        code, params = _code_for(error, model)
        yield DataProblem(located.file, line, column, field, code, params)


# A number typed with its unit (2023年, 10 所, 5 people), and a date in another form (2024/3/5,
# 2024年3月5日): staff are told the form the check expects, with their own value rewritten.
NUMBER_WITH_UNIT = re.compile(r"\s*(\d+)\s*[^\d\s][^\d]*")
DATE_PARTS = re.compile(r"\s*(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})\D{0,2}\s*")


def _as_date(given: str) -> str | None:
    """A date typed in another form, as year-month-day; None when it is no date (2024/13/1)."""
    parts = DATE_PARTS.fullmatch(unicodedata.normalize("NFKC", given))
    if parts is None:
        return None
    try:
        written = date(int(parts[1]), int(parts[2]), int(parts[3])).isoformat()
    except ValueError:
        return None
    return written if written != given else None  # already in the form: not a date that exists


def _code_for(error: Mapping[str, Any], model: type[m.BaseModel] | None = None) -> tuple[str, dict[str, Any]]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    given = error.get("input")
    if isinstance(cause, m.ValueProblem):
        return cause.code, cause.params
    if kind == "extra_forbidden":
        name = error["loc"][-1]
        beside = m.fields_beside(model, error["loc"]) if model else ()
        if isinstance(name, str) and m.names_a_language(name, beside):
            return "language_field_not_here", {"lang": name, **slip_of(name, beside)}  # fr: on a name, or in wording.yml
        return "unknown_field", {"name": name, **closest(name, beside)}
    if kind == "missing":
        return "missing", {}
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return "bad_choice", {"value": given, "choices": ctx.get("expected", ""), **closest(given, choices)}
    if kind in ("int_parsing", "int_type") and isinstance(given, str) and (unit := NUMBER_WITH_UNIT.fullmatch(given)):
        return "number_with_unit", {"value": given, "number": unicodedata.normalize("NFKC", unit[1])}  # １２ → 12
    if kind.startswith("date") and isinstance(given, str):
        rewritten = _as_date(given)
        return ("date_form" if rewritten else "date_form_unknown"), {"value": given, "rewritten": rewritten or "2024-03-05"}
    if kind in _EXPECTED:
        zh, en = _EXPECTED[kind]
        return "wrong_type", {"expected_zh": zh, "expected_en": en}
    if kind in ("too_short", "too_long") and "min_length" in ctx:
        return "missing", {}
    return "invalid", {"detail": error.get("msg", kind)}
