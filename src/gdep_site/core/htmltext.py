"""The text of an HTML page, told apart from its markup, addresses and scripts.

A page is rewritten in place, one piece at a time, and only where it must change: its text (text
between tags and the attributes readers see: `title`, `alt`, `aria-label`…) goes to a `text`
function; every address (`href`, `src`, each candidate of a `srcset`, an absolute `content`, a
CSS `url()`…) to an `address` function; the content of each `<script>` to a `script` function.
Everything else (tags, names, ids, classes, comments, styles, event handlers) is left byte for
byte as written. A value that changes is escaped for where it goes, so no text, however it was
corrected, can open a tag, end an attribute or end a script. Written for the pages MkDocs and
Material write and for raw HTML in a hand-written page: double-quoted, single-quoted and
unquoted attributes, any case; a tag it cannot read is left as written, none of it converted.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# Attributes that hold an address, and those that hold text a reader sees or hears (HTML's
# translatable attributes, ARIA's, and the text our templates keep in data attributes).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data", "background",
                            "xlink:href", "longdesc", "manifest", "ping", "icon"})
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
TEXT_ATTRIBUTES = frozenset({"title", "alt", "placeholder", "label", "abbr", "content", "aria-label",
                             "aria-description", "aria-roledescription", "aria-placeholder", "aria-valuetext",
                             "data-label", "data-failed", "data-none", "data-one", "data-other"})
# Attributes a tag must be read for: addresses, a style (its url()), `content` (an address or
# text), "do not translate".
READ_ATTRIBUTES = URL_ATTRIBUTES | SRCSET_ATTRIBUTES | {"style", "content", "translate"}
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"})
ESCAPABLE_TEXT = frozenset({"title", "textarea"})  # their content is text, with no tags in it
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


def _names(names: frozenset[str]) -> str:
    """Any of `names` (in lower case: a plain tag's names are), as a whole name."""
    return "(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?=[\s/>=])"


# HTML's tokens, as the browser reads them. Every repetition is possessive: a tag that does not
# match fails at once, never after trying every way to split it (a page is untrusted).
_NAME = r"""[^\s/>="'][^\s/>=]*+"""
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^\s>]++)"""
_START_TAG = (rf"""<(?P<name>[a-zA-Z][^\s/>]*+)(?P<attributes>(?:\s*+(?:{_NAME}(?:\s*+=\s*+{_VALUE})?+|/(?!>)))*+)"""
              r"""\s*+(?P<closes>/?)>""")
# Most tags of a page are read by the regular expressions alone (Python would take longer than
# converting the page). A plain tag has its names in lower case, no address, no "do not
# translate", no `hreflang`, and nothing but ASCII outside the quoted values of its text
# attributes (converted with the text around them: a correction cannot reach past a quote); its
# name is not one whose content is not HTML. Any other tag is read attribute by attribute.
_ASCII_VALUE = r"""(?:"[\x00-\x21\x23-\x7f]*+"|'[\x00-\x26\x28-\x7f]*+'|[\x21-\x3d\x3f-\x7e]++)"""
_PLAIN_ATTRIBUTE = (rf"""(?:content\s*+=\s*+"(?!\s*+https?://)[^"]*+"|{_names(TEXT_ATTRIBUTES - {"content"})}\s*+=\s*+"""
                    rf"""(?:"[^"]*+"|'[^']*+'|[\x21-\x3d\x3f-\x7e]++)|"""
                    rf"""(?!{_names(READ_ATTRIBUTES | TEXT_ATTRIBUTES | {"hreflang", "http-equiv"})})"""
                    rf"""(?:[-a-z0-9_:.]++(?![A-Z])|(?!(?i:{_names(READ_ATTRIBUTES | {"hreflang", "http-equiv"})}))[-a-zA-Z0-9_:.]++)"""
                    rf"""(?:\s*+=\s*+{_ASCII_VALUE})?)""")
_TAG_NAME = rf"""<(?!{_names(RAW_TEXT | ESCAPABLE_TEXT)})[a-z][-a-z0-9]*+"""
_PLAIN_TAG = rf"""{_TAG_NAME}(?:\s++{_PLAIN_ATTRIBUTE})*+\s*+/?>"""
# A link: a plain tag but for one address (`href` or `src`, in double quotes, no entities).
_LINK = (rf"""{_TAG_NAME}(?:\s++{_PLAIN_ATTRIBUTE})*+\s++(?:href|src)\s*+=\s*+"(?P<address>[^\s"&<>]*+)"""
         rf""""(?:\s++{_PLAIN_ATTRIBUTE})*+\s*+/?>""")
# Text and plain markup, as one run: converted as a whole, since OpenCC and the corrections change
# only Chinese.
_RUN = rf"""(?:[^<]++|<(?![a-zA-Z!?/])|</[a-zA-Z][^>]*+>|{_PLAIN_TAG})++"""
# Then any other tag, a comment, CDATA, a doctype; and a tag it cannot read, left as written.
TOKEN = re.compile(rf"""(?P<run>{_RUN})|(?P<link>{_LINK})|{_START_TAG}|<!--.*?(?:-->|\Z)|"""
                   r"""<!\[CDATA\[.*?(?:\]\]>|\Z)|<[a-zA-Z!?/][^>]*(?:>|\Z)""", re.S)
ATTRIBUTE = re.compile(rf"""({_NAME})(?:(\s*=\s*)({_VALUE}))?""")
CLOSE = {name: re.compile(rf"</{name}(?=[\s/>])", re.I) for name in RAW_TEXT | ESCAPABLE_TEXT}
UNQUOTED_SAFE = re.compile(r"""[^\s"'=<>`]+""")
# An address written as text (an autolink shows its own address): it is not text to convert.
WRITTEN_ADDRESS = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+")
CSS_URL = re.compile(r"""(url\(\s*)("[^"]*"|'[^']*'|[^)'"\s]*)(\s*\))""", re.I)
SRCSET_GAP, SRCSET_URL, SRCSET_DESCRIPTORS = re.compile(r"[\s,]*"), re.compile(r"\S*"), re.compile(r"[^,]*")
REFRESH = re.compile(r"(\s*\d+\s*[;,]\s*url\s*=\s*)(.*)", re.I | re.S)
ABSOLUTE = re.compile(r"\s*https?://", re.I)


Texts = Callable[[list[str]], list[str]]  # escaped HTML texts in, as many out, escaped
Address = Callable[[str, bool], str]  # an address (unescaped), and whether its element names its language
Script = Callable[[str, dict[str, str]], str]  # a script's content and its tag's attributes (unescaped)


def keep_address(url: str, fixed: bool) -> str:
    return url


def keep_script(content: str, attributes: dict[str, str]) -> str:
    return content


@dataclass
class _Page:
    """A page being rewritten: its pieces, and which of them are texts still to convert."""

    pieces: list[str] = field(default_factory=list)
    texts: list[int] = field(default_factory=list)  # indexes of pieces
    unquoted: set[int] = field(default_factory=set)  # those that are unquoted attribute values
    untranslated: int = -1  # where the element marked translate="no" the page is in ends

    def add(self, written: str) -> None:
        self.pieces.append(written)

    def text(self, written: str, unquoted: bool = False) -> None:
        """Text to convert, but an address written in it (https://…), which is not text."""
        if written.isascii():  # only Chinese changes
            self.pieces.append(written)
        elif "://" in written and unquoted:
            self.pieces.append(written)  # an address and text in an unquoted value: left as written
        elif "://" in written:
            last = 0
            for match in WRITTEN_ADDRESS.finditer(written):
                self.text(written[last:match.start()])
                self.pieces.append(match[0])
                last = match.end()
            self.text(written[last:])
        else:
            self.texts.append(len(self.pieces))
            if unquoted:
                self.unquoted.add(len(self.pieces))
            self.pieces.append(written)


def rewrite(page: str, text: Texts, address: Address = keep_address, script: Script = keep_script) -> str:
    """`page` with its texts, addresses and scripts replaced by what the functions make of them."""
    state = _Page()
    position = 0
    while match := TOKEN.search(page, position):
        if match.start() > position:  # markup it cannot read: left as written
            state.add(page[position:match.start()])
        if match["run"] is not None:
            _text(state, match.start(), match[0])
            position = match.end()
        elif match["link"] is not None:  # its text attributes are converted with the text
            written, (start, end) = match["address"], match.span("address")
            moved = address(written, False)
            _text(state, match.start(), page[match.start():start])
            state.add(written if moved == written else html.escape(moved, quote=True))
            _text(state, end, page[end:match.end()])
            position = match.end()
        else:
            position = _markup(match, state, address, script)
    state.add(page[position:])
    if state.texts:
        converted = text([state.pieces[index] for index in state.texts])
        for index, new in zip(state.texts, converted, strict=True):
            if new != state.pieces[index]:
                state.pieces[index] = _quoted(new, "") if index in state.unquoted else new
    return "".join(state.pieces)


def _text(state: _Page, at: int, written: str) -> None:
    """Text (and plain markup) at `at`; what is in an untranslated element is not converted."""
    if at < state.untranslated:
        inside = written[:state.untranslated - at]
        state.add(inside)
        written = written[len(inside):]
    state.text(written)


def _markup(match: re.Match[str], state: _Page, address: Address, script: Script) -> int:
    """Take a token of markup that is not plain; return where the page goes on (past the content
    of a script)."""
    if match["name"] is None:  # a comment, a doctype…
        state.add(match[0])
        return match.end()
    name = match["name"].lower()
    page = match.string
    found: dict[str, re.Match[str]] = {}  # the first attribute of each name counts, as in a browser
    for attribute in ATTRIBUTE.finditer(page, match.start("attributes"), match.end("attributes")):
        found.setdefault(attribute[1].lower(), attribute)
    opens = not match["closes"] and name not in VOID
    untranslated = match.start() < state.untranslated
    if opens and not untranslated and "translate" in found and _value_of(found["translate"]).lower() == "no":
        state.untranslated = _end_of_element(page, name, match.end())
        untranslated = True
    _start_tag(state, match, name, found, untranslated, address)
    if not opens or name not in CLOSE:
        return match.end()
    close = CLOSE[name].search(page, match.end())
    end = close.start() if close else len(page)
    content = page[match.end():end]
    if name in ESCAPABLE_TEXT:
        _text(state, match.end(), content)
    else:
        attributes = {key: html.unescape(_value_of(value)) for key, value in found.items()}
        state.add(script(content, attributes) if name == "script" else content)
    return end


def _value_of(attribute: re.Match[str]) -> str:
    """An attribute's value as written (escaped), without its quotes."""
    written = attribute[3] or ""
    return written[1:-1] if written[:1] in ("'", '"') else written


def _end_of_element(page: str, name: str, start: int) -> int:
    """Where the element `name` whose start tag ends at `start` ends (its own elements nested)."""
    depth = 1
    for tag in re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])", re.I).finditer(page, start):
        depth += -1 if tag[1] else 1
        if not depth:
            return tag.end()
    return len(page)


def _start_tag(state: _Page, tag: re.Match[str], name: str, found: dict[str, re.Match[str]], untranslated: bool,
               address: Address) -> None:
    """The tag as written, but for the values of its addresses and texts."""
    page, last = tag.string, tag.start()
    fixed = "hreflang" in found
    for attribute, match in found.items():
        if not match[3]:
            continue
        quote = match[3][0] if match[3][0] in ("'", '"') else ""
        start, end = match.start(3) + len(quote), match.end(3) - len(quote)
        value = page[start:end]
        if attribute in READ_ATTRIBUTES:
            moved = _value(attribute, name, found, value, fixed, address)
            if moved is not None and moved != value:
                state.add(page[last:match.start(3)] + _quoted(html.escape(moved, quote=True), quote))
                last = match.end(3)
                continue
        if attribute in TEXT_ATTRIBUTES and not untranslated and not value.isascii():
            state.add(page[last:start])
            state.text(value, unquoted=not quote)
            last = end
    state.add(page[last:tag.end()])


def _value(attribute: str, name: str, found: dict[str, re.Match[str]], written: str, fixed: bool,
           address: Address) -> str | None:
    """The new value (unescaped) of an attribute that holds addresses; None for any other."""
    def move(url: str) -> str:
        return address(url, fixed)

    if attribute in URL_ATTRIBUTES or (attribute == "content" and ABSOLUTE.match(written)):
        return _unescaped(written, move)
    if attribute in SRCSET_ATTRIBUTES:
        return _unescaped(written, lambda value: _srcset(value, move))
    refresh = name == "meta" and "http-equiv" in found and _value_of(found["http-equiv"]).lower() == "refresh"
    if attribute == "content" and refresh:
        return _unescaped(written, lambda value: REFRESH.sub(lambda m: m[1] + move(m[2]), value))
    if attribute == "style" and "url(" in written.lower():
        return _unescaped(written, lambda value: CSS_URL.sub(lambda m: m[1] + _css_url(m[2], move) + m[3], value))
    return None


def _unescaped(written: str, change: Callable[[str], str]) -> str:
    return change(html.unescape(written) if "&" in written else written)


def _css_url(written: str, move: Callable[[str], str]) -> str:
    quote = written[0] if written[:1] in ("'", '"') else ""
    url = written[1:-1] if quote else written
    moved = move(url)
    if moved == url:
        return written
    if not quote and not re.search(r"[\s'\"()\\]", moved):
        return moved
    quote = quote or '"'
    return quote + re.sub(rf"([{quote}\\\n])", r"\\\1", moved) + quote


def _srcset(value: str, move: Callable[[str], str]) -> str:
    """Each candidate's address moved; the commas, spaces and descriptors as written (HTML's rules:
    an address runs to a space or to commas that end it; a comma ends a candidate)."""
    parts, position = [], 0
    while position < len(value):
        gap = SRCSET_GAP.match(value, position)
        url = SRCSET_URL.match(value, gap.end())  # type: ignore[union-attr]
        address = url[0].rstrip(",")  # type: ignore[index]
        descriptors = SRCSET_DESCRIPTORS.match(value, url.end()) if address == url[0] else None  # type: ignore
        parts += [gap[0], move(address) if address else "", url[0][len(address):]]  # type: ignore[index]
        if descriptors:
            parts.append(descriptors[0])
        position = descriptors.end() if descriptors else url.end()  # type: ignore[union-attr]
    return "".join(parts)


def _quoted(escaped: str, quote: str) -> str:
    """An attribute's new value (escaped, quotes too), quoted as it was; unquoted only if it can be."""
    if quote or not UNQUOTED_SAFE.fullmatch(escaped):
        return (quote or '"') + escaped + (quote or '"')
    return escaped


# --- JSON in a page (structured data, Material's configuration) ----------------------------------


def rewrite_json(document: str, text: Texts, address: Address, address_keys: frozenset[str]) -> str:
    """A JSON script's strings: an address (the value of a key in `address_keys`, or an absolute
    http(s):// one) through `address`; HTML through `rewrite`; any other string as text. Written
    back as Jinja's `tojson` writes it, so that nothing in it can end the script; as written if
    it is not JSON."""
    try:
        data = json.loads(document)
    except ValueError:
        return document
    texts = [value for value, key in _each_string(data, None) if _kind(value, key, address_keys) == "text"]
    converted = iter([html.unescape(value) for value in text([html.escape(value, quote=False) for value in texts])]
                     if texts else [])

    def new(value: str, key: str | None) -> str:
        kind = _kind(value, key, address_keys)
        if kind == "address":
            return address(value, False)
        if kind == "html":  # HTML in a string: its links move, its text is converted
            return rewrite(value, text, address)
        return next(converted)

    return (json.dumps(_strings(data, None, new), ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"))


def _kind(value: str, key: str | None, address_keys: frozenset[str]) -> str:
    if key in address_keys or ABSOLUTE.match(value):
        return "address"
    return "html" if "<" in value else "text"


def _each_string(data: object, key: str | None) -> Iterator[tuple[str, str | None]]:
    """Every string in `data`, with its key (a list's items: the list's key), in order."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _each_string(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _each_string(value, key)
    elif isinstance(data, str):
        yield data, key


def _strings(data: object, key: str | None, change: Callable[[str, str | None], str]) -> object:
    """`data` with each string replaced by `change(string, its key)`, in the same order."""
    if isinstance(data, dict):
        return {name: _strings(value, name, change) for name, value in data.items()}
    if isinstance(data, list):
        return [_strings(value, key, change) for value in data]
    return change(data, key) if isinstance(data, str) else data
