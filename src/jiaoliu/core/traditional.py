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

from jiaoliu.core import localise, searchwords
from jiaoliu.core import models as m
from jiaoliu.core.errors import DataProblem
from jiaoliu.core.yamlsource import Located, leaves

FILE = "traditional.yml"
SOURCE = "zh"  # the language the corrections' Simplified forms are written in (the data's Chinese)
# The office's corrections (data/traditional.yml) are written for, and checked against, the
# Traditional Chinese of Hong Kong: OpenCC's s2hk plus Hong Kong phrases (搜尋, 滑鼠).
CHECKED_AGAINST = "s2hkp"
# Between the texts of a page, converted in one call: OpenCC leaves it alone, and no phrase spans it.
SEPARATOR = "\x1f"
HAN = re.compile(localise.HAN)


@cache  # the dictionaries ship with OpenCC and are only read: loaded once a process (60 ms each)
def _dictionaries(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


class Converter:
    """Simplified → Traditional by one OpenCC configuration, then the office's corrections; one
    per build, not shared between processes (the OpenCC object holds its dictionaries)."""

    def __init__(self, config: str = CHECKED_AGAINST, corrections: Iterable[tuple[str, str]] = ()) -> None:
        self.config = config
        self._typed = tuple(corrections)

    # Loaded when first used: a process that converts nothing (the English build) never pays for it.
    @cached_property
    def _opencc(self) -> opencc.OpenCC:
        return _dictionaries(self.config)

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


def corrections(names: Iterable[m.TraditionalName], words: Iterable[m.HongKongWord],
                converter: Converter) -> list[tuple[str, str]]:
    """The office's table as (Simplified, Traditional) pairs for a `Converter`: each name as
    typed; each Hong Kong word wherever it is, or, with `only_in`, each of its phrases with the
    word written the Hong Kong way inside (`converter`: the conversion alone)."""
    pairs = [(name.simplified, name.traditional) for name in names]
    for word in words:
        if not word.only_in:
            pairs.append((word.simplified, word.traditional))
        for phrase in word.only_in:
            converted = converter.opencc(phrase)
            pairs.append((phrase, converted.replace(converter.opencc(word.simplified), word.traditional)))
    return pairs


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


@cache  # facts of the installed OpenCC, read once per process
def dictionaries(names: tuple[str, ...]) -> dict[str, list[tuple[str, list[str]]]]:
    return {name: _dictionary(name) for name in names}


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


# --- checking the office's table (jiaoliu.core.loader) --------------------------------------------


def table_problems(parsed: dict[str, BaseModel], sources: dict[str, Located], corpus: str,
                   converter: Converter | None = None) -> tuple[list[DataProblem], list[DataProblem]]:
    """(errors, warnings) of data/traditional.yml against the rest of the data.

    Errors: a Traditional form with Simplified characters (but those OpenCC itself writes for the
    name), a name or word listed twice, a word's phrase that does not hold the word. Warnings: an
    entry whose Simplified form appears nowhere (`corpus`: the data's and the pages' text), which
    would silently change nothing.
    """
    table = parsed.get(FILE)
    if not isinstance(table, m.TraditionalFile):
        return [], []
    located = sources[FILE]
    errors: list[DataProblem] = []
    warnings: list[DataProblem] = []
    converter = converter or Converter()  # one per check: each loads OpenCC's dictionaries
    for part in ("names", "words"):
        first: dict[str, str] = {}
        entries: list[m.TraditionalName | m.HongKongWord] = getattr(table, part)
        for index, entry in enumerate(entries):
            chars = simplified_characters(entry.traditional)
            if chars:  # what OpenCC writes for the name (恒 in 恒生) is what the pages show: confirming it is fine
                chars = [char for char in chars if char not in converter.opencc(entry.simplified)]
            if chars:
                errors.append(located.problem((part, index, "traditional"), "simplified_in_traditional",
                                              chars=" ".join(chars)))
            if entry.simplified in first:
                errors.append(located.problem((part, index, "simplified"), "duplicate_term",
                                              value=entry.simplified, first=first[entry.simplified]))
            else:
                first[entry.simplified] = f"{located.file}:{located.where((part, index, 'simplified'))[0]}"
            if entry.simplified not in corpus:
                warnings.append(located.problem((part, index, "simplified"), "unused_term", value=entry.simplified))
            for number, phrase in enumerate(getattr(entry, "only_in", [])):
                if entry.simplified not in phrase:
                    errors.append(located.problem((part, index, "only_in", number), "phrase_without_word",
                                                  phrase=phrase, word=entry.simplified))
                elif phrase not in corpus:
                    warnings.append(located.problem((part, index, "only_in", number), "unused_term", value=phrase))
    return errors, warnings


# Words the mainland writes one way and Hong Kong usually another, which OpenCC leaves as they are:
# candidates for the office's table (data/traditional.yml, `words`), listed by `jiaoliu-check
# --traditional` where the pages use them and the table has not decided them yet.
MAINLAND_WORDS: tuple[tuple[str, str], ...] = (
    ("联系我们", "聯絡我們"), ("联系", "聯絡"), ("信息", "資訊"), ("数字化", "數碼化"), ("数字媒体", "數碼媒體"),
    ("数字技术", "數碼科技"), ("计算机", "電腦"), ("视频", "影片"), ("线上", "網上"), ("在线", "網上"),
    ("电子邮箱", "電郵地址"), ("邮箱", "電郵"), ("电子邮件", "電郵"), ("质量", "質素"), ("打印", "列印"),
    ("默认", "預設"), ("屏幕", "螢幕"), ("博客", "網誌"), ("短信", "短訊"), ("出租车", "的士"),
    ("公交车", "巴士"), ("自行车", "單車"), ("登录", "登入"), ("应用程序", "應用程式"), ("程序", "程式"),
    ("菜单", "選單"), ("链接", "連結"), ("上传", "上載"), ("视频会议", "視像會議"), ("激光", "鐳射"),
    ("志愿者", "義工"), ("项目", "課程（指課程時）"), ("网络", "網絡"), ("数据", "數據"), ("软件", "軟件"),
)


def mainland_words(table: m.TraditionalFile, places: Iterable[tuple[str, int, int, str]],
                   converter: Converter | None = None) -> Iterator[DataProblem]:
    """Each candidate word (`MAINLAND_WORDS`) that the office's table has not decided yet, once,
    where it is first used, with how often (`places`: (file, line, column, Simplified text): the
    data's values, the pages' lines)."""
    decided = {word.simplified for word in table.words} | {name.simplified for name in table.names}
    converter = converter or Converter()  # one per check: each loads OpenCC's dictionaries
    places = list(places)
    for word, hong_kong in MAINLAND_WORDS:
        if word in decided or converter.opencc(word) == hong_kong:
            continue
        found = [place for place in places if word in place[3]]
        if found:
            file, line, column, _ = found[0]
            yield DataProblem(file, line, column, "", "mainland_word", {
                "word": word, "hong_kong": hong_kong, "now": converter.opencc(word),
                "count": sum(text.count(word) for *_, text in found)})


def text_places(sources: dict[str, Located], pages: Iterable[tuple[str, str]]) -> Iterator[tuple[str, int, int, str]]:
    """Where the Simplified text is: each Chinese value of the data (but this table and the words
    readers type), each line of the pages."""
    for file_name, located in sources.items():
        if file_name not in (FILE, searchwords.FILE):
            for path, value in leaves(located.data):
                if isinstance(value, str) and HAN.search(value):
                    yield (located.file, *located.where(path), value)
    for file, text in pages:
        for number, line in enumerate(text.splitlines(), 1):
            yield file, number, 1, line


def names_to_confirm(parsed: dict[str, BaseModel], sources: dict[str, Located],
                     converter: Converter | None = None) -> Iterator[DataProblem]:
    """Every proper name of the data not in the table yet, with what the conversion writes, for a
    reviewer to confirm once (information, never blocking)."""
    table = parsed.get(FILE)
    if not isinstance(table, m.TraditionalFile):
        return
    converter = converter or Converter()  # one per check: each loads OpenCC's dictionaries
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
