"""The site's languages: one table, declared once (in mkdocs.yml, as mkdocs-static-i18n's
`languages`, read by `engine.languages`), everything else derived from it.

A language is either written (staff write its pages in docs/<code>/ and its texts in the data)
or converted from a written one (its pages are the written language's, converted by OpenCC and
the office's corrections: 繁體中文（香港） from 简体中文). The default language is published at the
site's root, every other one in a folder named by its code (/en/, /zh-HK/). The code is the one
value for the folder, `<html lang>`, hreflang and the search index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError

# The languages every site writes: every text of the data has a field for each (models.Bilingual),
# and the product has their interface strings. A further written language (fr) adds a field of its
# code to every text and brings its own table of interface strings (data/ui/fr.yml).
DATA_LANGUAGES = ("zh", "en")


# A further written language's code: a language of its own (ISO 639-1, as mkdocs-static-i18n
# takes it), with an optional script or region (fr, pt-BR, sr-Latn), never a form of Chinese or
# English (those are zh, its conversions, and en).
FURTHER_CODE = re.compile(r"(?!zh\b|en\b)[a-z]{2}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?")
# Codes that are also the name of a field of the data's records, where a text's language field
# would be read as the record's: Indonesian (id) cannot be a further language yet.
FIELD_NAMES = frozenset({"id"})
# Codes YAML 1.1 (PyYAML, the data's reader) takes for a boolean where they are a key: `no:` is false.
YAML_WORDS = frozenset({"no", "on"})


class LanguageTableError(ValueError):
    """The table of languages cannot be used; the message says which entry and why."""


@dataclass(frozen=True)
class Language:
    code: str                 # zh, en, zh-HK: the folder (/zh-HK/), <html lang>, hreflang, search index
    name: str                 # in the language switcher, written in the language itself
    babel: str                # CLDR locale for Babel: numbers, dates, lists, country names (zh_Hans_CN)
    og_locale: str            # Open Graph's form (zh_CN, en_GB, zh_HK)
    default: bool = False     # published at the site's root
    source: str | None = None  # a converted language: the written language it is made from
    opencc: str | None = None  # the OpenCC configuration of the conversion (s2hkp: Hong Kong usage)
    # Browser languages whose readers are offered this one on its source's pages (zh-HK, zh-Hant…).
    offered_to: tuple[str, ...] = ()

    @property
    def written(self) -> bool:
        return self.source is None

    @property
    def text(self) -> str:
        """The language its texts are written in: its own, or its source's (converted after)."""
        return self.source or self.code

    @property
    def folder(self) -> str:
        """Where its pages are published, from the site's root: "" or "en/"."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class Languages:
    """Every language of the site, the default first."""

    all: tuple[Language, ...]

    def __iter__(self) -> Iterator[Language]:
        return iter(self.all)

    def __getitem__(self, code: str) -> Language:
        for language in self.all:
            if language.code == code:
                return language
        raise KeyError(f"'{code}' is not a language of the site ({', '.join(self.codes)})")

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @property
    def default(self) -> Language:
        return self.all[0]

    @property
    def written(self) -> tuple[Language, ...]:
        return tuple(language for language in self.all if language.written)

    @property
    def converted(self) -> tuple[Language, ...]:
        return tuple(language for language in self.all if not language.written)

    @property
    def further(self) -> tuple[str, ...]:
        """The written languages beyond Chinese and English: each a field of every text."""
        return tuple(language.code for language in self.written if language.code not in DATA_LANGUAGES)

    def made_from(self, code: str) -> tuple[Language, ...]:
        """The converted languages made from the written language `code`."""
        return tuple(language for language in self.converted if language.source == code)

    @classmethod
    def from_entries(cls, entries: list[Mapping[str, Any]]) -> Languages:
        """From mkdocs-static-i18n's `languages` entries: `locale`, `name`, `default`, and ours
        under `extra`: `babel`, `og_locale`, and for a converted language `converted_from` and
        `opencc`. Refuses a table the site cannot be built from, saying why."""
        languages = [_language(index, entry) for index, entry in enumerate(entries)]
        defaults = [language for language in languages if language.default]
        if len(defaults) != 1:
            raise LanguageTableError(f"exactly one language must be the default (default: true); found {len(defaults)}")
        codes = [language.code for language in languages]
        for language in languages:
            if codes.count(language.code) > 1:
                raise LanguageTableError(f"the language '{language.code}' is listed twice")
            if language.written and language.code not in DATA_LANGUAGES:
                _check_further(language)
            if not language.written:
                if language.source not in codes or not _by_code(languages, language.source).written:
                    raise LanguageTableError(f"'{language.code}' is converted from '{language.source}', "
                                             "which is not a written language of the site")
                if language.default:
                    raise LanguageTableError(f"the default language '{language.code}' must be written, not converted")
        missing = [code for code in DATA_LANGUAGES if code not in codes or not _by_code(languages, code).written]
        if missing:
            raise LanguageTableError(f"every site writes {' and '.join(DATA_LANGUAGES)}: "
                                     f"add {', '.join(missing)} as a written language")
        return cls(tuple(sorted(languages, key=lambda language: not language.default)))


def further_problem(code: str) -> str | None:
    """Why `code` cannot be a further written language, or None: a language's own code, not a
    field name of the data, whose numbers, dates and plural forms Babel (CLDR) knows."""
    if not FURTHER_CODE.fullmatch(code):
        return (f"'{code}' is not the code of a language of its own: two letters (fr), with a script or "
                "region if needed (pt-BR, sr-Latn); not a form of Chinese or English")
    if code in FIELD_NAMES:
        return f"'{code}' is also a field name of the data, so it cannot be a further written language yet"
    if code in YAML_WORDS:  # `no: Tekst` would be the key false
        return f"'{code}' is a word YAML reads as true or false: write Norwegian as nb (Bokmål) or nn (Nynorsk)"
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return f"Babel does not know '{code}', whose numbers, dates and plural forms the pages would use"
    if locale.language != code.partition("-")[0]:  # an old code CLDR replaces (in: id, iw: he, tl: fil)
        return f"'{code}' is an old code of the language whose code is now '{locale.language}'"
    return None


def further_locale(code: str) -> str:
    """Babel's locale of a further language: its code's (the pages' numbers, dates and plurals)."""
    return str(Locale.parse(code.replace("-", "_")))


def _check_further(language: Language) -> None:
    problem = further_problem(language.code)
    if problem:
        raise LanguageTableError(f"{problem} (mkdocs.yml, languages)")
    if language.babel != further_locale(language.code):
        raise LanguageTableError(f"'{language.code}': extra: babel is the locale of its code, "
                                 f"babel: {further_locale(language.code)} (not '{language.babel}')")


def _by_code(languages: list[Language], code: str | None) -> Language:
    return next(language for language in languages if language.code == code)


def _language(index: int, entry: Mapping[str, Any]) -> Language:
    extra = entry.get("extra") or {}
    where = f"languages[{index + 1}] ({entry.get('locale', '?')})"
    for key in ("locale", "name"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise LanguageTableError(f"{where}: '{key}' is missing")
    for key in ("babel", "og_locale"):
        if not isinstance(extra.get(key), str) or not extra[key]:
            raise LanguageTableError(f"{where}: 'extra: {key}' is missing")
    source, opencc = extra.get("converted_from"), extra.get("opencc")
    if (source is None) != (opencc is None):
        raise LanguageTableError(f"{where}: a converted language names both 'converted_from' and 'opencc'")
    offered_to = extra.get("offered_to") or []
    if not isinstance(offered_to, list) or not all(isinstance(code, str) for code in offered_to):
        raise LanguageTableError(f"{where}: 'extra: offered_to' is a list of language codes")
    return Language(code=entry["locale"], name=entry["name"], babel=extra["babel"], og_locale=extra["og_locale"],
                    default=bool(entry.get("default")), source=source, opencc=opencc, offered_to=tuple(offered_to))
