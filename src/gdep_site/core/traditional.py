"""Traditional Chinese, converted from the Simplified text.

A converted language of the site (core.languages) is made from a written one by an OpenCC
configuration: `s2hkp` gives Hong Kong characters and vocabulary (新西蘭, 意大利, 項目, 數據庫),
not Taiwan's (`s2twp`: 紐西蘭, 義大利, 專案, 資料庫). Names whose official Traditional form differs
from the conversion are corrected after it, from the office's table (data/traditional.yml), which
is checked here with the other data.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from pathlib import Path

import opencc
from pydantic import BaseModel

from gdep_site.core import localise
from gdep_site.core import models as m
from gdep_site.core.errors import DataProblem
from gdep_site.core.yamlsource import Located, leaves

FILE = "traditional.yml"
SOURCE = "zh"  # the language the corrections' Simplified forms are written in (the data's Chinese)
# The office's corrections (data/traditional.yml) are written for, and checked against, the
# Traditional Chinese of Hong Kong: OpenCC's s2hk plus Hong Kong phrases (搜尋, 滑鼠).
CHECKED_AGAINST = "s2hkp"
# Between the texts of a page, converted in one call: OpenCC leaves it alone, and no phrase spans it.
SEPARATOR = "\x1f"
HAN = re.compile(localise.HAN)


class Converter:
    """Simplified → Traditional by one OpenCC configuration, then the office's corrections; one
    per build, not shared between processes (the OpenCC object holds its dictionaries)."""

    def __init__(self, config: str = CHECKED_AGAINST, corrections: Iterable[tuple[str, str]] = ()) -> None:
        self.config = config
        self._typed = tuple(corrections)

    # Loaded when first used: a process that converts nothing (the English build) never pays for it.
    @cached_property
    def _opencc(self) -> opencc.OpenCC:
        return opencc.OpenCC(self.config)

    @cached_property
    def corrections(self) -> dict[str, str]:
        """Keyed by what OpenCC writes for the Simplified form staff typed: applied after it."""
        return {self.opencc(simplified): traditional for simplified, traditional in self._typed}

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        keys = sorted(self.corrections, key=len, reverse=True)  # the longest name wins
        return re.compile("|".join(map(re.escape, keys))) if keys else None

    def opencc(self, simplified: str) -> str:
        """OpenCC's conversion alone, before the corrections."""
        return self._opencc.convert(simplified)

    def text(self, simplified: str) -> str:
        return self._corrected(self.opencc(simplified))

    def _corrected(self, converted: str, inert: bool = False) -> str:
        """`inert`: in Markdown, where a correction is written as text whatever it holds (its ASCII
        signs as character references: the data check refuses them, this holds if it did not)."""
        if self._pattern is None:
            return converted
        if inert:
            return self._pattern.sub(lambda match: _inert(self.corrections[match[0]]), converted)
        return self._pattern.sub(lambda match: self.corrections[match[0]], converted)

    def markdown(self, simplified: str) -> str:
        """A page's Markdown with its text converted and corrected, its addresses and code as they
        were: a link's destination to another site, an image's or a page's file (only the anchor of
        a link to a page of the site is text: it names a heading, converted too), an address typed
        as text, code, and the addresses in HTML tags. Every text of the page in one call to OpenCC."""
        parts = _markdown_parts(simplified)
        texts = [text for text, convert in parts if convert]
        converted = self.opencc(SEPARATOR.join(texts)).split(SEPARATOR)
        if len(converted) != len(texts):  # the separator was in a text: one at a time
            converted = [self.opencc(text) for text in texts]
        done = iter(self._corrected(text, inert=True) for text in converted)
        return "".join(next(done) if convert else text for text, convert in parts)


def _inert(text: str) -> str:
    """Text that Markdown and HTML read as text: every ASCII sign as a character reference."""
    return "".join(f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in text)


# What keeps its characters in a page's Markdown, in the order tried at each place: fenced code,
# inline code, an autolink, a link's or image's destination (its anchor aside), a reference
# definition's address, an address typed as text, an address attribute of an HTML tag, a CSS url().
_KEPT = re.compile(
    r"(?P<fence>^[ \t]*(?P<ticks>`{3,}|~{3,}).*?^[ \t]*(?P=ticks)[ \t]*$)"
    r"|(?P<code>(?P<run>`+).+?(?<!`)(?P=run)(?!`))"
    r"|(?P<autolink><[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>)"
    r"|(?P<destination>(?<=\]\()(?:(?:[A-Za-z][A-Za-z0-9+.-]*:|//)[^)\s]*|[^)\s#]*))"
    r"|(?P<reference>^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S+)"  # not a footnote: [^x]: is text
    r"|(?P<address>(?:https?|mailto|tel):[^\s<>)\]\"']+)"
    r"|(?P<attribute>(?<![\w-])(?:href|src|srcset|action|poster)=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))"
    r"|(?P<css>url\([^)]*\))",
    re.MULTILINE | re.DOTALL)


def _markdown_parts(markdown: str) -> list[tuple[str, bool]]:
    """(part, whether it is converted), in order, the parts joined being the Markdown."""
    parts, last = [], 0
    for match in _KEPT.finditer(markdown):
        parts += [(markdown[last:match.start()], True), (match.group(), False)]
        last = match.end()
    parts.append((markdown[last:], True))
    return [(text, convert) for text, convert in parts if text]


def _opencc_data() -> Path:
    return Path(opencc.__file__).parent / "clib"


@cache  # a fact of the installed OpenCC, read once per process
def simplified_only() -> frozenset[str]:
    """The characters OpenCC knows only as Simplified: those its character dictionary maps to
    Traditional forms that never include the character itself (们 → 們, but not 后 → 後 后, since
    后 is Traditional too, as in 皇后), less those it writes as the Traditional form of another
    (苧 for 苎, though 苧 → 薴 too) and those that are Hong Kong's standard form of a Traditional
    character (秘: Traditional 祕, written 秘 in Hong Kong)."""
    only, written = set(), set()
    for simplified, traditional in _dictionary("STCharacters"):
        written.update(traditional)
        if simplified not in traditional:
            only.add(simplified)
    hong_kong_forms = {form for _, forms in _dictionary("HKVariants") for form in forms}
    return frozenset(only - written - hong_kong_forms)


def _dictionary(name: str) -> list[tuple[str, list[str]]]:
    """One of OpenCC's dictionaries as (key, values), written out by its own `opencc_dict`."""
    dump = subprocess.run(
        [str(_opencc_data() / "bin" / "opencc_dict"), "-i", str(_opencc_data() / "share" / "opencc" / f"{name}.ocd2"),
         "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"],
        capture_output=True, text=True, check=True).stdout
    return [(key, values.split()) for key, _, values in (line.partition("\t") for line in dump.splitlines()) if key]


def simplified_characters(text: str) -> list[str]:
    """The Simplified-only characters of a text, each once, in order."""
    only = simplified_only()
    return list(dict.fromkeys(ch for ch in text if ch in only))


# --- checking the office's table (gdep_site.core.loader) --------------------------------------------


def table_problems(parsed: dict[str, BaseModel], sources: dict[str, Located], corpus: str,
                   ) -> tuple[list[DataProblem], list[DataProblem]]:
    """(errors, warnings) of data/traditional.yml against the rest of the data.

    Errors: a Traditional form with Simplified characters (but those OpenCC itself writes for the
    name), a name listed twice. Warnings: an entry whose Simplified form appears nowhere (`corpus`:
    the data's and the pages' text), which would silently change nothing.
    """
    table = parsed.get(FILE)
    if not isinstance(table, m.TraditionalFile):
        return [], []
    located = sources[FILE]
    errors: list[DataProblem] = []
    warnings: list[DataProblem] = []
    first: dict[str, str] = {}
    converter = Converter()
    for index, entry in enumerate(table.names):
        chars = simplified_characters(entry.traditional)
        if chars:  # what OpenCC writes for the name (恒 in 恒生) is what the pages show: confirming it is fine
            chars = [char for char in chars if char not in converter.opencc(entry.simplified)]
        if chars:
            errors.append(located.problem(("names", index, "traditional"), "simplified_in_traditional",
                                          chars=" ".join(chars)))
        if entry.simplified in first:
            errors.append(located.problem(("names", index, "simplified"), "duplicate_term",
                                          value=entry.simplified, first=first[entry.simplified]))
        else:
            first[entry.simplified] = f"{located.file}:{located.where(('names', index, 'simplified'))[0]}"
        if entry.simplified not in corpus:
            warnings.append(located.problem(("names", index, "simplified"), "unused_term", value=entry.simplified))
    return errors, warnings


def names_to_confirm(parsed: dict[str, BaseModel], sources: dict[str, Located]) -> Iterator[DataProblem]:
    """Every proper name of the data not in the table yet, with what the conversion writes, for a
    reviewer to confirm once (information, never blocking)."""
    table = parsed.get(FILE)
    if not isinstance(table, m.TraditionalFile):
        return
    converter = Converter()
    seen = {entry.simplified for entry in table.names}
    for file_name, model in parsed.items():
        for path, name in _names(model, ()):
            if name.zh not in seen and HAN.search(name.zh):
                seen.add(name.zh)
                yield sources[file_name].problem(path + ("zh",), "traditional_unconfirmed", value=name.zh,
                                                 converted=converter.opencc(name.zh))


def _names(node: object, path: tuple) -> Iterator[tuple[tuple, m.Name]]:
    """Every proper name in a file's records, with its path."""
    if isinstance(node, m.Name):
        yield path, node
    elif isinstance(node, BaseModel):
        for field in type(node).model_fields:
            yield from _names(getattr(node, field), path + (field,))
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from _names(item, path + (index,))


def corpus(sources: dict[str, Located], pages: Iterable[str] = ()) -> str:
    """All the Simplified text a correction could apply to: the data's values and the pages'."""
    texts = [value for file_name, located in sources.items() if file_name != FILE
             for _, value in leaves(located.data) if isinstance(value, str)]
    return "\n".join([*texts, *pages])


def character_pairs(converter: Converter, simplified: str) -> dict[str, str]:
    """Each Han character of `simplified` with the one character OpenCC writes for it, where the
    two differ (学 → 學; 发, which may become 發 or 髮, as OpenCC writes it alone): what lets a query
    typed in one script find the pages of the other (engine.search)."""
    characters = sorted(character for character in set(simplified) if HAN.fullmatch(character))
    if not characters:  # a preview of the converted language alone has no page of its source
        return {}
    converted = converter.opencc(SEPARATOR.join(characters)).split(SEPARATOR)
    return {s: t for s, t in zip(characters, converted, strict=True) if len(t) == 1 and t != s}
