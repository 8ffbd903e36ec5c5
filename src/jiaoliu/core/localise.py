"""Everything language-specific: our own string tables (one per language) and Babel formatting.

Country and region names, dates, numbers and lists come from Babel's CLDR data; the labels
and headings we write ourselves live in `ui/zh.yml` and `ui/en.yml`, the messages to staff in
`messages/zh.yml` and `messages/en.yml` (read by `errors`): the tables of each pair must hold
the same keys and the same `{placeholders}`.
"""

from __future__ import annotations

import gc
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

try:  # libyaml reads the tables 10x faster; fall back quietly where it is not compiled in
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

LANGUAGES = ("zh", "en")
# Chinese characters (Han): Extension A, the main block, the compatibility forms, Extensions B-H.
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
HAN = "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES) + "]"  # as a regex class
DEFAULT_LANGUAGE = "zh"
BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}

# A deliberate convention for a mainland Chinese public institution: Hong Kong, Macao and
# Taiwan are named as regions of China in every language (CLDR's defaults differ): the names are
# strings of the tables, `region.HK` ("中国香港", "Hong Kong, China").
REGIONS = ("HK", "MO", "TW")
# CLDR territories that are not ISO 3166-1 alpha-2 country codes.
_NOT_ISO = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}


@cache
def _locale(lang: str) -> Locale:
    """Babel's locale of a language code: ours for zh and en, CLDR's own for a further one (fr, lo)."""
    return Locale.parse(BABEL_LOCALES.get(lang, lang.replace("-", "_")))


def direction(lang: str) -> str:
    """How the language is written, for `dir`: rtl (Arabic, Pashto) or ltr."""
    return "rtl" if _locale(lang).character_order == "right-to-left" else "ltr"


def _babel(lang: str) -> str:
    return str(_locale(lang))


def is_chinese(lang: str) -> bool:
    """A page in Chinese (zh, zh-HK): its readers read names in Chinese, and Chinese needs no mark."""
    return lang == "zh" or lang.startswith("zh-")


def is_known_country(code: str) -> bool:
    # Known in every language we publish, so a valid code can always be named on the page.
    return (
        len(code) == 2 and code.isascii() and code.isupper() and code not in _NOT_ISO
        and all(code in _locale(lang).territories for lang in LANGUAGES)
    )


def country_codes() -> list[str]:
    return sorted(code for code in _locale("en").territories if isinstance(code, str) and is_known_country(code))


def country_name(code: str, lang: str) -> str:
    """CLDR's name of a country; for one of REGIONS, the tables' (`region.HK`). A language whose
    CLDR data names few countries (Kinyarwanda) says the others in English."""
    return _locale(lang).territories.get(code) or _locale("en").territories[code]


def language_name(code: str, lang: str) -> str:
    """A language's name (CLDR's), in the page's language: `zh` is 中文 / Chinese."""
    return _locale(lang).languages.get(code) or _locale("en").languages[code]


def number(value: int, lang: str) -> str:
    return format_decimal(value, locale=_babel(lang))


def long_date(value: date, lang: str) -> str:
    return format_date(value, format="long", locale=_babel(lang))


def join_list(items: list[str], lang: str) -> str:
    return format_list(items, locale=_babel(lang)) if items else ""


# --- our own strings ---------------------------------------------------------------------


@dataclass(frozen=True)
class Strings:
    """The UI strings of one language; unknown keys fail loudly (a typo must not ship)."""

    lang: str
    table: Mapping[str, str]

    def __call__(self, key: str, **params: object) -> str:
        template = self.table.get(key)
        if template is None and f"{key}{PLURAL}other" in self.table:  # a count: its CLDR plural form
            count = params.get("count")
            if not isinstance(count, int):
                raise KeyError(f"UI string '{key}' of ui/{self.lang}.yml needs a count")
            template = self.table.get(f"{key}{PLURAL}{plural_category(count, self.lang)}",
                                      self.table[f"{key}{PLURAL}other"])
        if template is None:
            raise KeyError(f"UI string '{key}' is not defined in ui/{self.lang}.yml")
        return template.format(**params) if params else template

    def forms(self, key: str) -> dict[str, str]:
        """A string with plural forms, by CLDR category (`one`, `other`): for the browser to choose."""
        return {name.partition(PLURAL)[2]: text for name, text in self.table.items()
                if name.partition(PLURAL)[0] == key and PLURAL in name}


# A string that counts has a form for each plural category of its language (CLDR, through
# Babel): `value.years#one: "{count} year"`, `value.years#other: "{count} years"`; Chinese has one.
PLURAL = "#"


def plural_category(count: int, lang: str) -> str:
    return _plural_locale(lang).plural_form(count)


def plural_categories(lang: str) -> set[str]:
    return set(_plural_locale(lang).plural_form.tags) | {"other"}


def _plural_locale(lang: str) -> Locale:
    """A language's own rules: pt-PT's are not pt-BR's; zh-HK's are zh's (none)."""
    return _locale(lang)


class StringTableError(Exception):
    """A string table is not well formed, or the tables of a pair disagree: listed by key, so a
    translator can fix them."""


def placeholders(template: str, lang: str) -> set[str]:
    """The names of `{placeholders}`; `{x_zh}` in Chinese and `{x_en}` in English are one value
    given in each language, so both count as `x`."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    return {name.removesuffix(f"_{lang}") for name in names}


def not_plain(template: str) -> list[str]:
    """Placeholders other than a plain `{name}` (`{n:d}`, `{a.b}`, `{}`): values are filled in as
    text, so these would fail where the string is used."""
    return [f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            for _, name, spec, conversion in string.Formatter().parse(template)
            if name is not None and (not name.isidentifier() or spec or conversion)]


def string_tables(wording: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Strings]:
    """Both tables, read on every call (the preview sees edits), parsed and checked once for
    what they hold (a check of the data reads them too: 15 ms of its 100); with the college's own
    wording of some strings (data/wording.yml, checked by the loader) over the product's, and the
    table of each further written language (data/ui/<code>.yml)."""
    tables = _checked_tables(tuple((lang, _table_text("ui", lang)) for lang in LANGUAGES))
    if not wording or not any(wording.values()):
        return tables
    # A further written language's table is the college's whole (data/ui/fr.yml, checked by the loader).
    return {**{lang: Strings(lang, MappingProxyType({**strings.table, **wording.get(lang, {})}))
               for lang, strings in tables.items()},
            **{lang: Strings(lang, MappingProxyType(dict(table))) for lang, table in wording.items() if lang not in tables}}


@lru_cache(maxsize=4)  # keyed by the files' texts: an edited table is read again
def _checked_tables(texts: tuple[tuple[str, str], ...]) -> dict[str, Strings]:
    tables = {lang: {key: str(value) for key, value in parse_table(text, f"ui/{lang}.yml").items()}
              for lang, text in texts}
    problems = check_tables(tables, counts=True)
    if problems:
        raise StringTableError("\n".join(problems))
    return {lang: Strings(lang, MappingProxyType(table)) for lang, table in tables.items()}  # shared: read-only


def check_tables(tables: dict[str, dict[str, str]], counts: bool = False) -> list[str]:
    """Every key in every language, with the same plain placeholders; with `counts` (readers'
    strings), a string that counts in exactly its language's plural forms. The problems found."""
    problems = []
    grouped = {lang: _by_key(table) for lang, table in tables.items()}
    for key in sorted(set().union(*grouped.values())):
        missing = [lang for lang, forms in grouped.items()
                   if not forms.get(key) or not all(str(text).strip() for text in forms[key].values())]
        if missing:
            problems.append(f"missing translation: '{key}' in {', '.join(missing)}")
            continue
        if counts:
            problems += _plural_problems(key, {lang: forms[key] for lang, forms in grouped.items()})
        problems += [f"placeholder {bad} of '{key}' in {lang} is not a plain {{name}}"
                     for lang, forms in grouped.items() for text in forms[key].values() for bad in not_plain(text)]
        fields = {f"{lang}{PLURAL}{category}" if category else lang: placeholders(text, lang)
                  for lang, forms in grouped.items() for category, text in forms[key].items()}
        if len({frozenset(f) for f in fields.values()}) > 1:
            problems.append(f"placeholders differ for '{key}': {fields}")
    return problems


def _by_key(table: dict[str, str]) -> dict[str, dict[str, str]]:
    """key -> its texts: {"": text}, or {category: text} for a string with plural forms."""
    grouped: dict[str, dict[str, str]] = {}
    for name, text in table.items():
        key, _, category = name.partition(PLURAL)
        grouped.setdefault(key, {})[category] = text
    return grouped


def _plural_problems(key: str, forms: dict[str, dict[str, str]]) -> list[str]:
    """A count is said in each language's own plural forms (CLDR), never one form for all."""
    problems = []
    for lang, texts in forms.items():
        needed = plural_categories(lang)
        counts = any("count" in placeholders(text, lang) for text in texts.values())
        if "" in texts and len(texts) > 1:
            problems.append(f"'{key}' in {lang} is written both with and without plural forms")
        elif "" not in texts and set(texts) != needed:
            problems.append(f"plural forms of '{key}' in {lang}: {', '.join(sorted(needed))} (CLDR), "
                            f"not {', '.join(sorted(texts))}")
        elif "" in texts and counts and len(needed) > 1:
            problems.append(f"'{key}' in {lang} counts {{count}}: give its plural forms "
                            f"{', '.join(f'{key}{PLURAL}{c}' for c in sorted(needed))}")
    return problems


def read_table(folder: str, lang: str) -> dict[str, object]:
    """One language's table of our own strings, `core/<folder>/<lang>.yml`, as written; a key
    written twice is an error (YAML would keep the last one silently)."""
    return parse_table(_table_text(folder, lang), f"{folder}/{lang}.yml")


def _table_text(folder: str, lang: str) -> str:
    return resources.files("jiaoliu.core").joinpath(f"{folder}/{lang}.yml").read_text("utf-8")


def parse_table(text: str, name: str) -> dict[str, object]:
    """The table in `text`, read from the file `name` (which problems name)."""
    try:
        table = yaml.load(text, Loader=_UniqueKeyLoader) or {}
    except (StringTableError, yaml.YAMLError) as exc:  # a table that is not YAML: named, no traceback
        raise StringTableError(f"{name}: {exc}") from None
    if not isinstance(table, dict):
        raise StringTableError(f"{name}: expected one 'key: ...' entry a line")
    return {str(key): value for key, value in table.items()}


class _UniqueKeyLoader(_Loader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise StringTableError(f"'{key}' is written twice (lines {seen[key]} and {line})")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


@lru_cache(maxsize=65536)  # names repeat across list pages; a pure function of its arguments
def sort_key(text: str, lang: str) -> tuple[str, str]:
    """How readers of `lang` expect a list in order: Chinese by pinyin (syllables with their tone,
    as dictionaries order them, polyphones read as in their word), English alphabetically with
    accents and case folded (Jaén between Jackson and Jakarta). The text itself breaks ties."""
    if lang == "zh":
        parts, last = [], 0
        for run in _HAN_RUN.finditer(text):
            parts += [text[last:run.start()].strip().casefold(), _pinyin(run.group())]
            last = run.end()
        parts.append(text[last:].strip().casefold())
        return " ".join(part for part in parts if part), text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold(), text


_HAN_RUN = re.compile(f"{HAN}+")


def pinyin_label(text: str) -> str:
    """A Chinese name as a reader of English can read it aloud: pinyin without tone marks, a
    capitalised syllable per character (英豪多媒体学院 → Ying Hao Duo Mei Ti Xue Yuan: without a
    dictionary of names, syllables are not joined into words), other characters as they are, in
    their ordinary width (（菲律宾） → (Fei Lü Bin))."""
    parts, last = [], 0
    for run in _HAN_RUN.finditer(text):
        syllables = _pinyin(run.group(), plain=True).split()
        parts += [text[last:run.start()], " " + " ".join(s.capitalize() for s in syllables) + " "]
        last = run.end()
    parts.append(text[last:])
    plain = unicodedata.normalize("NFKC", "".join(parts)).replace("·", " ")
    return re.sub(r"\s+", " ", re.sub(r"\s+([),.;:])|([(])\s+", r"\1\2", plain)).strip()


@cache
def load_pinyin() -> Any:
    """pypinyin, loaded once a process (its dictionaries take 0.15 s): a build loads it before it
    starts the languages' processes, which then share it."""
    import pypinyin

    # Its 400,000 phrase readings are lists that never change; left to the garbage collector,
    # every full collection walks them all (measured: 23 ms a collection instead of 0).
    gc.freeze()
    return pypinyin


@lru_cache(maxsize=65536)  # a word (合作, 学院…) recurs in many names: read it once
def _pinyin(han: str, plain: bool = False) -> str:
    """Space-separated syllables, with their tone as a digit (for sorting) or `plain`."""
    pypinyin = load_pinyin()
    style = pypinyin.Style.NORMAL if plain else pypinyin.Style.TONE3
    return " ".join(pypinyin.lazy_pinyin(han, style=style, v_to_u=plain))
