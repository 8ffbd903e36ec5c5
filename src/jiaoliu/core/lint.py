"""Warnings: things a preview may show but a published site must not have.

They are listed separately from errors and fail only strict builds (`mkdocs build --strict`,
`jiaoliu-check --strict`): missing translations, plain-http websites, and text that looks like
markup or mixes look-alike alphabets. Also here, but information only: records not reviewed for
over a year (`due_for_review`), and optional facts not filled in yet (`todo`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel

from jiaoliu.core import models as m
from jiaoliu.core import slips
from jiaoliu.core.errors import DataProblem
from jiaoliu.core.kinds import RECORD_KINDS
from jiaoliu.core.yamlsource import Located, leaves

REVIEW_INTERVAL = timedelta(days=365)
NOT_PROSE = {"id", "website", "source", "sources", "section", "derive", "code", "link", "kind",
             "status", "en_status", "result", "role", "topic", "confidence"}
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
MARKDOWN = re.compile(
    r"(^|\n)\s{0,3}#{1,6}\s"       # heading
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"  # link or image
    r"|\*\*[^*\n]+\*\*|__[^_\n]+__"  # bold
    r"|`[^`\n]+`"                  # code
    r"|(^|\s)(javascript|data|vbscript):",
    re.IGNORECASE,
)
MARKDOWN_CHARS = re.compile(r"[#\[*_`:]")  # one of these must be there for MARKDOWN to match
WORD = re.compile(r"\w+")
FOREIGN_SCRIPTS = ("CYRILLIC", "GREEK")
FOREIGN_LETTER = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")  # Greek, Cyrillic blocks


def content_warnings(sources: dict[str, Located]) -> Iterator[DataProblem]:
    for located in sources.values():
        for path, value in leaves(located.data):
            names = [p for p in path if isinstance(p, str)]
            if not isinstance(value, str) or (names and names[-1] in NOT_PROSE):
                continue
            if HTML_TAG.search(value):
                yield located.problem(path, "looks_like_html")
            elif MARKDOWN_CHARS.search(value) and MARKDOWN.search(value):  # cheap check first
                yield located.problem(path, "looks_like_markdown")
            word = _mixed_script_word(value)
            if word:
                yield located.problem(path, "mixed_script", value=word)


def _mixed_script_word(text: str) -> str | None:
    """A word mixing Latin with Cyrillic or Greek letters, e.g. a Cyrillic 'а' in 'Jaén'."""
    if not FOREIGN_LETTER.search(text):  # the common case, checked at C speed
        return None
    for word in WORD.findall(text):
        scripts = {unicodedata.name(ch, "?").split(" ")[0] for ch in word if ch.isalpha()}
        if "LATIN" in scripts and scripts & set(FOREIGN_SCRIPTS):
            return word
    return None


def pasted_in_names(parsed: dict[str, BaseModel], sources: dict[str, Located]) -> Iterator[DataProblem]:
    """Names pasted from a word processor: a non-breaking space (which the site shows as an
    ordinary one), or curly quotes in a Latin name (in a Chinese one they are its quotation marks)."""
    for file_name, model in parsed.items():
        located = sources[file_name]
        for path, node in m.nested_models(model):
            sides = ("zh", "en", "abbr") if isinstance(node, m.Name) else ()
            places = [path + (side,) for side in sides]
            reported = getattr(node, "name_as_reported", None)  # the report's own spelling, one or several
            if isinstance(reported, str):
                places.append(path + ("name_as_reported",))
            elif isinstance(reported, list):
                places += [path + ("name_as_reported", index) for index in range(len(reported))]
            for place in places:
                raw = _value_at(located.data, place)
                pasted = slips.pasted(raw, quotes=place[-1] in ("en", "abbr")) if isinstance(raw, str) else None
                if pasted:
                    yield located.problem(place, "pasted_text", what_zh=pasted[0], what_en=pasted[1])


def _value_at(data: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def translation_warnings(parsed: dict[str, BaseModel], sources: dict[str, Located],
                         further: tuple[str, ...] = ()) -> Iterator[DataProblem]:
    """Every text missing in a written language (`further`: those beyond zh and en), by file,
    record and field."""
    for file_name, model in parsed.items():
        for path, node in m.nested_models(model):
            for lang in node.missing_languages(further) if isinstance(node, (m.Bilingual, m.Name)) else ():
                yield sources[file_name].problem(path + (lang,), "missing_translation", lang=lang)


def untranslated(sources: dict[str, Located], tables: dict[str, str], pages: list[tuple[str, str, str | None]],
                 settings: str | None) -> Iterator[DataProblem]:
    """Texts copied from English for a translator (m.TO_TRANSLATE): in a further language's table
    (`tables`: its file by language) or any text of the data, its pages (file, language, text) and
    mkdocs.yml's settings (its menu titles, its name; not its comments): once per file and
    language, at the first, with how many are left."""
    languages = {file: lang for lang, file in tables.items()}
    for file_name, located in sources.items():
        marked: dict[str, list[tuple]] = {}
        for path, value in leaves(located.data):
            if isinstance(value, str) and value.startswith(m.TO_TRANSLATE):
                lang = languages.get(file_name) or str(path[-1]).partition("_")[0]  # fr: or fr_one:
                marked.setdefault(lang, []).append(path)
        for lang, paths in marked.items():
            yield located.problem(paths[0], "untranslated", count=len(paths), mark=m.TO_TRANSLATE, lang=lang)
    for file, lang, text in [*pages, ("mkdocs.yml", "", settings)]:
        marks: dict[str, list[int]] = {}
        for number, line in enumerate((text or "").splitlines(), 1):
            entry = _LOCALE.match(line)
            lang = entry[1] if entry and file == "mkdocs.yml" else lang  # the entry (`- locale: fr`) a line is under
            if m.TO_TRANSLATE in line and not (file == "mkdocs.yml" and line.lstrip().startswith("#")):  # a YAML comment
                marks.setdefault(lang, []).append(number)
        for lang, lines in marks.items():
            yield DataProblem(file, lines[0], 1, "", "untranslated", {"count": len(lines), "mark": m.TO_TRANSLATE, "lang": lang})


_LOCALE = re.compile(r"\s*- locale:\s*\"?([\w-]+)")


def todo(parsed: dict[str, BaseModel], sources: dict[str, Located]) -> Iterator[DataProblem]:
    """Optional facts the office has not filled in yet: listed for staff (`jiaoliu-check --todo`),
    never shown to readers as gaps; ranked by what a prospective student needs first: a way to
    write to the office, how to apply, whether a programme is for them, then arriving and living
    here, the answers to common questions; then what partners abroad need. First of all, the
    example records a new site starts with (`jiaoliu new`): published until replaced, each marked
    示例 / Example."""
    for file_name, model in parsed.items():
        nodes = list(m.nested_models(model))
        examples = [(path, record_id) for path, node in nodes
                    if (record_id := str(getattr(node, "id", ""))).startswith(m.EXAMPLE_ID)]
        for path, record_id in examples:
            yield sources[file_name].problem(path + ("id",), "example_record", value=record_id)
        text = next((path for path, node in nodes
                     if isinstance(node, m.Bilingual) and str(node.zh or "").startswith(m.EXAMPLE_TEXT)), None)
        if text is not None and not examples:  # once per file: its example texts are replaced together
            yield sources[file_name].problem(text + ("zh",), "example_text")
    site = parsed.get("site.yml")
    if isinstance(site, m.Site):
        for channel in m.CONTACT_CHANNELS:
            if getattr(site.office, channel) is None:
                yield sources["site.yml"].problem(("office", channel), "not_filled")
    admissions = parsed.get("admissions.yml")
    if isinstance(admissions, m.Admissions):
        for section in m.ADMISSIONS_SECTIONS:
            if not getattr(admissions, section):
                yield sources["admissions.yml"].problem((section,), "not_filled")
        for section in m.HK_MACAO_ADMISSIONS_SECTIONS:
            if not getattr(admissions.hong_kong_macao, section):
                yield sources["admissions.yml"].problem(("hong_kong_macao", section), "not_filled")
    programmes = parsed.get("programmes.yml")
    listed = list(enumerate(getattr(programmes, "programmes", [])))
    for index, programme in listed:
        if programme.audience is None and programme.status != "open_to_international_students":
            yield sources["programmes.yml"].problem(("programmes", index, "audience"), "not_filled")
    for index, programme in listed:  # then what applicants need, for each programme open to them
        if programme.status == "open_to_international_students":
            for name in m.PROGRAMME_APPLICANT_FIELDS:
                if not getattr(programme, name):
                    yield sources["programmes.yml"].problem(("programmes", index, name), "not_filled")
    life = parsed.get("student-life.yml")
    if isinstance(life, m.StudentLife):
        filled = life.parts()
        for part in m.STUDENT_LIFE_PARTS:
            if part not in filled:
                yield sources["student-life.yml"].problem((part,), "not_filled")
    questions = parsed.get("faq.yml")
    if isinstance(questions, m.QuestionsFile) and not questions.filled():
        yield sources["faq.yml"].problem(("groups",), "not_filled")
    news = parsed.get("news.yml")
    if isinstance(news, m.NewsFile) and not news.filled():
        yield sources["news.yml"].problem(("news",), "not_filled")
    partnering = parsed.get("partnering.yml")
    if isinstance(partnering, m.Partnering):
        for name in ("offer", "steps"):
            if not getattr(partnering, name):
                yield sources["partnering.yml"].problem((name,), "not_filled")
    if isinstance(site, m.Site) and site.photo is None:  # last: the pages read well without one
        yield sources["site.yml"].problem(("photo",), "not_filled")


def due_for_review(parsed: dict[str, BaseModel], sources: dict[str, Located], today: date) -> Iterator[DataProblem]:
    site = parsed.get("site.yml")
    if isinstance(site, m.Site) and today - site.last_reviewed > REVIEW_INTERVAL:
        yield sources["site.yml"].problem(("last_reviewed",), "review_overdue", date=site.last_reviewed)
    for kind in RECORD_KINDS:  # each record with a page of its own says when it was last reviewed
        records = getattr(parsed.get(kind.data_file), kind.key, [])
        for index, record in enumerate(records):
            if record.reviewed and today - record.reviewed > REVIEW_INTERVAL:
                yield sources[kind.data_file].problem((kind.key, index, "reviewed"), "review_overdue",
                                                      date=record.reviewed)
