"""Traditional Chinese for Hong Kong and Macao readers, converted from the Simplified text.

Staff write two languages; the third is converted at build time by OpenCC's `s2hkp`: Hong Kong
characters and vocabulary (新西蘭, 意大利, 項目, 數據庫), not Taiwan's (紐西蘭, 義大利, 專案,
資料庫). Names whose official Traditional form differs from the conversion are corrected after it,
from the office's table (data/traditional.yml), which is checked here with the other data.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from pathlib import Path

import opencc
from pydantic import BaseModel

from gdep_site.core import htmltext, localise
from gdep_site.core import models as m
from gdep_site.core.errors import DataProblem
from gdep_site.core.yamlsource import Located, leaves

FILE = "traditional.yml"
SOURCE_LANGUAGE = "zh"  # what the Traditional pages are converted from
LANGUAGE = "zh-HK"      # one value everywhere: the site's folder (/zh-HK/), <html lang>, hreflang, search
NAME = "繁體中文（香港）"  # in the language switcher, never converted
OG_LOCALE = "zh_HK"

OPENCC_CONFIG = "s2hkp"  # s2hk plus Hong Kong phrases (搜尋, 滑鼠); measured on our text, nothing worse
# Between the texts of a page, converted in one call: OpenCC leaves it alone, and no phrase spans it.
SEPARATOR = "\x1f"
HAN = re.compile(localise.HAN)


class Converter:
    """Simplified → Traditional (Hong Kong), then the corrections; one per build, not shared
    between processes (the OpenCC object holds its dictionaries)."""

    def __init__(self, corrections: Iterable[tuple[str, str]] = ()) -> None:
        self._typed = tuple(corrections)

    # Loaded when first used: a process that converts nothing (the English build) never pays for it.
    @cached_property
    def _opencc(self) -> opencc.OpenCC:
        return opencc.OpenCC(OPENCC_CONFIG)

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
        converted = self.opencc(simplified)
        if self._pattern is None:
            return converted
        return self._pattern.sub(lambda match: self.corrections[match[0]], converted)

    def html(self, page: str, address: htmltext.Address = htmltext.keep_address,
             script: htmltext.Script = htmltext.keep_script) -> str:
        """A page's text converted (text between tags and the attributes readers see), except in
        elements marked `translate="no"`; its addresses given to `address`, its scripts to
        `script`; nothing else changed (htmltext.rewrite)."""
        return htmltext.rewrite(page, self.escaped_texts, address, script)

    def escaped_texts(self, texts: list[str]) -> list[str]:
        """Texts as HTML writes them (escaped), converted in one call to OpenCC, then corrected;
        a correction is escaped too, so that it can only ever be text, whatever it says."""
        converted = self.opencc(SEPARATOR.join(texts)).split(SEPARATOR)
        if len(converted) != len(texts):  # the separator was in a text: one at a time
            converted = [self.opencc(text) for text in texts]
        if self._escaped_pattern is None:
            return converted
        return [self._escaped_pattern.sub(lambda match: self._escaped_corrections[match[0]], text)
                for text in converted]

    @cached_property
    def _escaped_corrections(self) -> dict[str, str]:
        """Only names with Chinese in them: a page's text is Chinese, its markup ASCII."""
        return {html.escape(converted, quote=False): html.escape(traditional, quote=True)
                for converted, traditional in self.corrections.items() if not converted.isascii()}

    @cached_property
    def _escaped_pattern(self) -> re.Pattern[str] | None:
        keys = sorted(self._escaped_corrections, key=len, reverse=True)  # the longest name wins
        return re.compile("|".join(map(re.escape, keys))) if keys else None


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
