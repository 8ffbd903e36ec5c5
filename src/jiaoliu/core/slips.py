"""Slips of a Chinese keyboard or a word processor: what they type where YAML expects its own signs.

With a Chinese input method on, `:` comes out as `：`, `,` as `，`, `"` as `“`, a space as a
full-width space (U+3000); a word processor adds non-breaking spaces and curly quotes. YAML then
either stops at a later line with its own English, or reads something else than was meant (a
text with the quotes in it, a field cut at a comma). Each function here finds one kind of slip
in a piece of the file and says where it is (an offset in that piece), with its message code
(`messages/*.yml`) and parameters; `yamlsource` calls them where the parser met the text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CODES = frozenset({"fullwidth_colon", "wide_indent", "curly_quotes", "comma_in_braces", "fullwidth_punctuation"})


class Slip(NamedTuple):
    offset: int  # in the line or value given
    code: str
    params: dict[str, str]


# Full-width punctuation a Chinese keyboard types, and the sign YAML needs instead.
FULLWIDTH = {"，": ",", "［": "[", "］": "]", "｛": "{", "｝": "}", "＃": "#"}
WIDE_SPACES = {"\u3000": ("全角空格", "full-width spaces"), "\u00a0": ("不间断空格", "non-breaking spaces")}
CURLY_OPENING = "“‘"
CURLY_QUOTES = "“”‘’"
# What a word processor puts in text that looks like what was meant: in a name or an id, a slip.
PASTED = {
    "\u00a0": ("不间断空格（U+00A0）", "a non-breaking space (U+00A0)"),
    "\u202f": ("窄不间断空格（U+202F）", "a narrow non-breaking space (U+202F)"),
    "“": ("弯引号“（U+201C）", "a curly quote “ (U+201C)"),
    "”": ("弯引号”（U+201D）", "a curly quote ” (U+201D)"),
    "‘": ("弯引号‘（U+2018）", "a curly quote ‘ (U+2018)"),
    "’": ("弯引号’（U+2019）", "a curly quote ’ (U+2019)"),
}

_LINE_START = re.compile(r"[ \u3000\u00a0]*(?:-[ \u3000\u00a0]+)*")  # indentation and list dashes
_KEY_COLON = re.compile(r"([A-Za-z_][\w-]*)[ \u3000]*：")  # `partner：` typed for `partner:`
_FLOW_KEY_COLON = re.compile(r"[{,][ \u3000]*([A-Za-z_][\w-]*)[ \u3000]*：")
_COMMA_BEFORE_KEY = re.compile(r"，[ \u3000]*[A-Za-z_][\w-]*[ ]*[:：]")  # `{zh: 大学，en: …}`
_OPENING_BRACKET = re.compile(r"(?:^|[:,\[{-])[ ]*([［｛])")
_CLOSING_BRACKET = re.compile(r"([］｝])[ ]*(?:$|[,\]}#])")
_CURLY_START = re.compile(r"(?:^[ ]*(?:-[ ]+)*(?:[\w-]+[ ]*:[ ]+)?|[\[{,][ ]*(?:[\w-]+[ ]*:[ ]+)?)([“‘])")
_ASCII_LIST = re.compile(r"[!-~]+(?:[ ]*，[ ]*[!-~]+)+")  # `s2-2-1，s2-2-9` in a list
_HASH_AFTER_SPACE = re.compile(r"\s＃")


def _fullwidth(offset: int, char: str) -> Slip:
    return Slip(offset, "fullwidth_punctuation", {"char": char, "ascii": FULLWIDTH[char]})


def _curly(offset: int, quote: str) -> Slip:
    return Slip(offset, "curly_quotes", {"quote": quote})


def at_line_start(line: str) -> Slip | None:
    """A slip in how a line begins: never right in YAML, wherever the parser stopped after it."""
    if line.isascii():  # every slip is a character outside ASCII: the common case, at C speed
        return None
    start = _LINE_START.match(line)
    assert start is not None  # it matches the empty string
    indent = line[:start.end()]
    wide = next((i for i, ch in enumerate(indent) if ch in WIDE_SPACES), None)
    if wide is not None and line[start.end():].strip():
        space_zh, space_en = WIDE_SPACES[indent[wide]]
        return Slip(wide, "wide_indent", {"char": f"U+{ord(indent[wide]):04X}", "space_zh": space_zh,
                                          "space_en": space_en})
    colon = _KEY_COLON.match(line, start.end())
    if colon:
        return Slip(colon.end() - 1, "fullwidth_colon", {"key": colon.group(1)})
    if line.startswith("＃", start.end()):
        return _fullwidth(start.end(), "＃")
    return None


def in_syntax(line: str) -> Slip | None:
    """A slip on the line where YAML's syntax broke: a Chinese colon or comma between fields in
    braces, full-width brackets, or a text that starts with a curly quote."""
    colon = _FLOW_KEY_COLON.search(line)  # `{zh： 大学: …}`
    if colon:
        return Slip(colon.end() - 1, "fullwidth_colon", {"key": colon.group(1)})
    comma = _COMMA_BEFORE_KEY.search(line)
    if comma:
        return _fullwidth(comma.start(), "，")
    bracket = _OPENING_BRACKET.search(line) or _CLOSING_BRACKET.search(line)
    if bracket:
        return _fullwidth(bracket.start(1), bracket.group(1))
    curly = _CURLY_START.search(line)
    if curly:
        return _curly(curly.start(1), curly.group(1))
    return None


def in_key(key: str) -> Slip | None:
    """A slip in what YAML read as a field name (typed without quotes)."""
    if key.startswith(tuple(WIDE_SPACES)):
        return at_line_start(key)
    colon = _KEY_COLON.match(key)
    if colon:
        return Slip(colon.end() - 1, "fullwidth_colon", {"key": colon.group(1)})
    if key.startswith(tuple(CURLY_OPENING)):
        return _curly(0, key[0])
    if key.startswith("＃"):
        return _fullwidth(0, "＃")
    return None


def starts_line(before: str) -> bool:
    """Whether a value preceded on its line by `before` is where a field name could be."""
    return _LINE_START.fullmatch(before) is not None


def in_value(value: str, key_position: bool, in_flow: bool) -> Slip | None:
    """A slip in a value typed without quotes. `key_position`: nothing but indentation and list
    dashes before it, where a field name could be (`starts_line`); `in_flow`: inside [ ] or { }."""
    if len(value) > 1 and value[0] in CURLY_OPENING and value[-1] in CURLY_QUOTES + "\"'":
        return _curly(0, value[0])  # the whole text in curly quotes: meant as YAML's
    colon = _KEY_COLON.match(value) if key_position else None
    if colon:
        return Slip(colon.end() - 1, "fullwidth_colon", {"key": colon.group(1)})
    if value.startswith(("［", "｛")) and value.endswith(("］", "｝", "]", "}")):
        return _fullwidth(0, value[0])
    if in_flow and _ASCII_LIST.fullmatch(value):
        return _fullwidth(value.index("，"), "，")
    hash_ = _HASH_AFTER_SPACE.search(value)
    if hash_:
        return _fullwidth(hash_.start() + 1, "＃")
    return None


def curly_closing(text: str) -> Slip | None:
    """The text after a straight quote that never closes, ending in a curly quote that was
    meant to close it (`"Gachon University”`)."""
    end = text.rstrip()
    return _curly(len(end) - 1, end[-1]) if end.endswith(("”", "’")) else None


def pasted(text: str, quotes: bool = True) -> tuple[str, str] | None:
    """What a word processor left in `text` (in Chinese and English), if anything. `quotes`:
    curly quotes too (not in Chinese, whose quotation marks they are)."""
    char = next((ch for ch in text if ch in PASTED and (quotes or ch not in CURLY_QUOTES)), None)
    return PASTED[char] if char else None
