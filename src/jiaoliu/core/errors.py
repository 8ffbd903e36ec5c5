"""Problems in staff-edited data, worded for people who are not programmers.

Every problem knows its file, line, column and field, and is explained in Chinese and
English with a hint how to fix it. The build prints them all and stops; no traceback.
The words are tables, one per language (`messages/zh.yml`, `messages/en.yml`: code → message
and hint, with `{placeholders}`), read and checked as the UI strings are (`localise`).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from typing import Any, NamedTuple

from jiaoliu.core import localise

MESSAGE_LANGUAGES = ("zh", "en")  # every message is shown in both, to any member of staff


class Message(NamedTuple):
    """One entry of `messages/<lang>.yml`: what is wrong, and how to fix it."""

    message: str
    hint: str


@cache  # the tables ship with the package: read and checked at the first message, once
def messages() -> dict[str, dict[str, Message]]:
    """language -> code -> message, from `messages/zh.yml` and `messages/en.yml`, checked as the
    UI strings are (the same codes, the same placeholders); else `localise.StringTableError`."""
    tables = {lang: localise.read_table("messages", lang) for lang in MESSAGE_LANGUAGES}
    problems = check_messages(tables)
    if problems:
        raise localise.StringTableError("\n".join(problems))
    texts = {lang: _by_part(table) for lang, table in tables.items()}
    return {lang: {code: Message(texts[lang][f"{code}.message"], texts[lang][f"{code}.hint"]) for code in table}
            for lang, table in tables.items()}


def check_messages(tables: Mapping[str, Mapping[str, object]]) -> list[str]:
    """Each entry a message and a hint, every code in every language, the same placeholders in
    a text and its translation; returns the problems found."""
    problems = [f"messages/{lang}.yml: '{code}' must hold message: and hint:, nothing else"
                for lang, table in tables.items() for code, entry in table.items()
                if not isinstance(entry, dict) or set(entry) != set(Message._fields)]
    return problems + localise.check_tables({lang: _by_part(table) for lang, table in tables.items()})


def _by_part(table: Mapping[str, object]) -> dict[str, str]:
    """`code.message` and `code.hint` as keys of their own, so each is checked as a UI string is."""
    return {f"{code}.{part}": "" if text is None else str(text)
            for code, entry in table.items() if isinstance(entry, dict) for part, text in entry.items()}


LANGUAGE_NAMES = {
    "zh": {"lang_zh": "中文", "lang_en": "Chinese"},
    "en": {"lang_zh": "英文", "lang_en": "English"},
}


def _further_language_names(code: str) -> dict[str, str]:
    """A further written language (fr) named as CLDR names it in Chinese and English (法语, French)."""
    try:
        return {f"lang_{lang}": localise.language_name(code.replace("-", "_"), lang) for lang in MESSAGE_LANGUAGES}
    except KeyError:
        return {"lang_zh": code, "lang_en": code}


@dataclass(frozen=True)
class DataProblem:
    """One thing a member of staff must fix, with where and how."""

    file: str
    line: int
    column: int
    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def __hash__(self) -> int:
        params = tuple(sorted((k, str(v)) for k, v in self.params.items()))
        return hash((self.file, self.line, self.column, self.field, self.code, params))

    def _texts(self) -> tuple[str, str, str, str]:
        return explain(self.code, self.params)

    @property
    def message_zh(self) -> str:
        return self._texts()[0]

    @property
    def message_en(self) -> str:
        return self._texts()[1]

    def format(self) -> str:
        """`file:line:column: field: message` in both languages, with a hint on the next line."""
        zh, en, hint_zh, hint_en = self._texts()
        where = f"{self.file}:{self.line}:{self.column}: {_short(self.field, 200) or '-'}"
        return f"{where}: {zh} / {en}\n    修改建议 / How to fix: {hint_zh} / {hint_en}"

    def annotation(self, level: str = "error") -> str:
        """A GitHub Actions workflow command: the problem shows on its own line of the file in the
        pull request's "Files changed", in both languages, with the hint."""
        zh, en, hint_zh, hint_en = self._texts()
        title = f"{_short(self.field, 200) or self.file}: {'数据错误 / data error' if level == 'error' else '警告 / warning'}"
        properties = {"file": self.file, "line": self.line, "col": self.column, "title": title}
        head = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        message = f"{zh} / {en}\n修改建议 / How to fix: {hint_zh} / {hint_en}"
        return f"::{level} {head}::{_escape_data(message)}"


def explain(code: str, params: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """The message of `code` with its parameters: (Chinese, English, Chinese hint, English hint),
    the values quoted safely."""
    shown = _Shown({k: _short(v, 80 if k == "value" else 400) for k, v in params.items()})
    if "lang" in shown:
        shown |= LANGUAGE_NAMES.get(shown["lang"]) or _further_language_names(shown["lang"])
    zh, en = (messages()[lang][code] for lang in MESSAGE_LANGUAGES)
    texts = [s.format_map(shown) for s in (zh.message, en.message, zh.hint, en.hint)]
    if shown.get("suggest"):  # the closest known value first: most slips are typos
        texts[2] = f"是不是 `{shown['suggest']}`？{texts[2]}"
        texts[3] = f"did you mean '{shown['suggest']}'? {texts[3]}"
    return tuple(texts)  # type: ignore[return-value]


def closest(value: object, known: Iterable[str]) -> dict[str, str]:
    """`{"suggest": …}`: the known value most like a misspelt one (`nimt` → `nmit`), or nothing
    when none is close; for a problem's parameters."""
    if not isinstance(value, str) or not value:
        return {}
    candidates = list(known)
    folded = {c.casefold(): c for c in candidates}
    if value.casefold() in folded:  # only the case differs
        return {"suggest": folded[value.casefold()]}
    found = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return {"suggest": found[0]} if found else {}


def slip_of(name: str, fields: Iterable[str]) -> dict[str, str]:
    """`{"suggest": …}`: a field a short name is one slip from (ch for zh, ne for en: a letter
    changed or two swapped), which difflib finds too far; for a name that is also a language's code."""
    for field in fields:
        if len(field) == len(name) and (sorted(field) == sorted(name) or sum(a != b for a, b in zip(field, name, strict=True)) == 1):
            return {"suggest": field}
    return {}


class _Shown(dict[str, str]):
    """A parameter the caller did not give shows as its `{name}`: a gap in a message to staff,
    never a KeyError instead of it."""

    def __missing__(self, name: str) -> str:
        return f"{{{name}}}"


def describe(code: str, **params: Any) -> str:
    """A message about no one place of a file (a command's argument, the data as a whole), in both
    languages with its hint, worded as `DataProblem.format` words the others."""
    zh, en, hint_zh, hint_en = explain(code, params)
    return f"{zh} / {en}\n    修改建议 / How to fix: {hint_zh} / {hint_en}"


def _escape_data(text: str) -> str:
    # As GitHub's own toolkit (@actions/core) escapes a command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(errors: Iterable[DataProblem], warnings: Iterable[DataProblem] = ()) -> str:
    """Workflow commands for GitHub Actions (`::error …`, `::warning …`), one line each."""
    lines = [p.annotation("error") for p in errors] + [p.annotation("warning") for p in warnings]
    return "\n".join(lines)


NOTE = "说明 / Note: "  # starts information a build shows even when it hides MkDocs' own (jiaoliu-build)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class DataError(Exception):
    """Raised when `data/` or the hand-written pages hold problems; `str()` lists them all, ready to print.

    `warnings` are those of the problems that are warnings (fatal only in a strict build)."""

    def __init__(self, problems: list[DataProblem], warnings: Iterable[DataProblem] = ()):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        self.warnings = frozenset(warnings)
        super().__init__(self.report())

    def annotations(self) -> str:
        return github_annotations([p for p in self.problems if p not in self.warnings],
                           [p for p in self.problems if p in self.warnings])

    def report(self) -> str:
        count = len(self.problems)
        head = f"数据文件和页面有 {count} 处问题 / {count} problem(s) in the data files and pages:"
        return "\n".join([head, *(p.format() for p in self.problems)])


def _short(value: Any, limit: int) -> str:
    """Quote user values safely in messages: visible control characters, bounded length."""
    text = str(value)
    text = "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
