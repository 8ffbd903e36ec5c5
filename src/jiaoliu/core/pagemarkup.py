"""What a hand-written page (`docs/<lang>/*.md`) may contain, as Python-Markdown reads it.

Pages are untrusted like data: anything a pull request can change. A page is Markdown, with our
`<!-- jiaoliu:NAME -->` markers and plain comments; it may not carry HTML of its own (a tag passes
into the site as it is: `<script>`, `<img onerror>`, `<iframe>`), attributes beyond an `#id` and
a `.class` (`{: onclick="…" }`, `{: style=… }`, on a heading, a paragraph or a code fence), links
or images that run code or carry a document (`javascript:`, `data:`), or page settings the theme
would insert as HTML (its front matter: only `title`, `description`, `hide`, `search`, `template`,
each of its kind). The page is read with the extensions the site enables (`MarkdownSettings`,
from mkdocs.yml), so what is refused is exactly what would have been published.
"""

from __future__ import annotations

import html
import html.parser
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from jiaoliu.core.errors import DataProblem

# The page settings (front matter) a page may have, and what each may hold.
HIDE_CHOICES = ("navigation", "toc", "footer", "path")
FRONT_MATTER = ("title", "description", "hide", "search", "template")
# Schemes a link or an image of a page may use (none: a page of the site, relative).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# A page's folders and file name become its address (and staff's edit link to it, an https address
# with a plain path), and, without a title, its title.
PAGE_PATH_PART = re.compile(r"[A-Za-z0-9._-]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_NOT_IN_ADDRESS = re.compile(r"[\x00-\x20]")  # browsers drop these before or inside a scheme


@dataclass(frozen=True)
class MarkdownSettings:
    """Python-Markdown as the site runs it: mkdocs.yml's `markdown_extensions` (with those MkDocs
    always adds) and their settings, as MkDocs passes them; and how the engine splits a page into
    its body and its settings (front matter), given by the engine (the core knows no MkDocs)."""

    extensions: Sequence[Any]
    configs: Mapping[str, Any]
    read_meta: Callable[[str], tuple[str, Mapping[str, Any]]]


@dataclass(frozen=True)
class _Found:
    code: str
    needle: re.Pattern[str]  # where it is in the page's text, for its line
    params: dict[str, Any]
    field: str = ""


def _literally(text: str) -> re.Pattern[str]:
    """The text as typed; Python-Markdown turns a Tab into spaces, so any spaces match any."""
    return re.compile(r"\s+".join(re.escape(part) for part in text.split()) or re.escape(text))


def page_problems(file: str, text: str, settings: MarkdownSettings) -> list[DataProblem]:
    """Everything in one page that the site would publish as markup of the contributor's own,
    each with its line (`file`: the page as staff name it, `docs/en/about.md`, whose folders
    and name must be plain: letters a-z, digits, ".", "_" and "-")."""
    body, meta = settings.read_meta(text)  # exactly as the engine reads the page's settings
    head = text[: len(text) - len(body)]
    problems = [DataProblem(file, 1, 1, "", "page_file_name", {"value": part})
                for part in file.split("/")[2:] if not PAGE_PATH_PART.fullmatch(part)][:1]
    problems += [_Lines(head, 0).problem(file, found) for found in _front_matter(meta)]
    lines = _Lines(body, head.count("\n"))
    problems += [lines.problem(file, found) for found in _markup(body, settings)]
    return problems


class _Lines:
    """The line of what was found: where its text occurs, after the previous find of the same text
    (the second `<b>` of a page is on the line of the second one)."""

    def __init__(self, text: str, offset: int) -> None:
        self.text, self.offset = text, offset
        self.after: dict[str, int] = {}

    def problem(self, file: str, found: _Found) -> DataProblem:
        key = found.needle.pattern
        match = found.needle.search(self.text, self.after.get(key, 0)) or found.needle.search(self.text)
        if match:
            self.after[key] = match.start() + 1
        line = self.offset + (self.text.count("\n", 0, match.start()) + 1 if match else 1)
        return DataProblem(file, line, 1, found.field, found.code, found.params)


# --- front matter ---------------------------------------------------------------------------------


def _front_matter(meta: Mapping[str, Any]) -> Iterator[_Found]:
    for key, value in meta.items():
        where = re.compile(rf"^{re.escape(str(key))}\s*:", re.MULTILINE | re.IGNORECASE)
        if key not in FRONT_MATTER:
            yield _Found("page_setting_unknown", where, {"name": key, "choices": ", ".join(FRONT_MATTER)}, key)
        elif not _SETTINGS[key][0](value):
            _, expected_zh, expected_en = _SETTINGS[key]
            yield _Found("page_setting_value", where, {"name": key, "expected_zh": expected_zh,
                                                       "expected_en": expected_en}, key)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


# Each setting: its check, and what it must be (in Chinese and English).
_SETTINGS: dict[str, tuple[Callable[[Any], bool], str, str]] = {
    "title": (_text, "一行文字（数字、日期、是/否要加引号）", "a line of text (in quotes if it is a number, a date or yes/no)"),
    "description": (_text, "一行文字", "a line of text"),
    "hide": (lambda value: isinstance(value, list) and all(item in HIDE_CHOICES for item in value),
             f"列表，可选 {', '.join(HIDE_CHOICES)}", f"a list of {', '.join(HIDE_CHOICES)}"),
    "search": (lambda value: isinstance(value, dict) and set(value) <= {"exclude"}
               and isinstance(value.get("exclude", False), bool), "exclude: true 或 false", "exclude: true or false"),
    "template": (_text, "模板文件名", "a template's file name"),
}


# --- the page's Markdown --------------------------------------------------------------------------


def _markup(body: str, settings: MarkdownSettings) -> list[_Found]:
    """Render the page as the site does, recording what reaches the HTML as the contributor's own."""
    recorder = _Recorder()
    md = markdown.Markdown(extensions=[*settings.extensions, recorder], extension_configs=dict(settings.configs))
    if "attr_list" in md.treeprocessors:
        _record_attributes(md.treeprocessors["attr_list"], recorder)
    md.convert(body)
    stash = md.htmlStash.rawHtmlBlocks
    found = list(recorder.found)
    for piece in stash[: recorder.fenced]:  # code fences: HTML the extension made, with the fence's attributes
        found += _fence_attributes(piece)
    # HTML blocks as they were found (md_in_html takes those with Markdown inside out of the stash
    # later), then inline HTML.
    for piece in [*recorder.blocks[recorder.fenced:], *stash[len(recorder.blocks):]]:
        found += _raw_html(piece)
    return found


def _record_attributes(attr_list: Any, recorder: _Recorder) -> None:
    """attr_list's processor of this Markdown instance tells the recorder each `{: … }` it applies."""
    assign = attr_list.assign_attrs

    def recording_assign(element: Element, attrs_string: str, *, strict: bool = False) -> str:
        recorder.attributes(attrs_string)
        return assign(element, attrs_string, strict=strict)

    attr_list.assign_attrs = recording_assign  # this instance only


class _Recorder(markdown.Extension):
    """Notes what the contributor's Markdown gives the page beyond text: the attributes of
    `{: … }`, and the addresses of links and images. Python-Markdown stashes the HTML of code
    fences, then HTML blocks, then inline HTML: `fenced` counts the first, `blocks` keeps the
    stash as it is after the second."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[_Found] = []
        self.fenced = 0
        self.blocks: list[str | Element] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_Stashed(md, self, "fenced"), "jiaoliu_fences_stashed", 22)  # fences: 25
        md.preprocessors.register(_Stashed(md, self, "blocks"), "jiaoliu_blocks_stashed", 19)  # HTML blocks: 20
        md.treeprocessors.register(_Addresses(md, self), "jiaoliu_addresses", 1)  # after links and attr_list

    def attributes(self, attrs_string: str) -> None:
        attrs, _ = get_attrs_and_remainder(attrs_string)
        for name, _value in attrs:
            if name not in ("id", "."):  # "#anchor" and ".class"
                self.found.append(_Found("page_attribute", _literally(attrs_string), {"name": name}))

    def address(self, value: str) -> None:
        scheme = _scheme_of(value)
        if scheme is not None and scheme not in LINK_SCHEMES:
            self.found.append(_Found("page_link", _literally(value), {"value": value, "scheme": scheme}))


class _Stashed(Preprocessor):
    """Records the stash of HTML between two of Python-Markdown's preprocessors."""

    def __init__(self, md: markdown.Markdown, recorder: _Recorder, what: str) -> None:
        super().__init__(md)
        self.recorder, self.what = recorder, what

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash.rawHtmlBlocks
        if self.what == "fenced":
            self.recorder.fenced = len(stash)
        else:
            self.recorder.blocks = list(stash)
        return lines


class _Addresses(Treeprocessor):
    def __init__(self, md: markdown.Markdown, recorder: _Recorder) -> None:
        super().__init__(md)
        self.recorder = recorder

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name)
                if value is not None:
                    self.recorder.address(value)


def _scheme_of(address: str) -> str | None:
    """The scheme a browser reads (lower case), None for an address relative to the page.
    Python-Markdown keeps entities in an address, and the browser decodes them: `&#106;avascript:`."""
    match = _SCHEME.match(_NOT_IN_ADDRESS.sub("", html.unescape(address)))
    return match[1].lower() if match else None


# A comment as a browser reads it (HTML5): "<!-->" and "<!--->" close at once, leaving what follows
# as markup, and "--!>" closes one as "-->" does.
_PLAIN_COMMENT = re.compile(r"<!--(?!-?>)(?:(?!--!?>).)*-->", re.DOTALL)
_TAG = re.compile(r"<(?:[A-Za-z][^\s/>]*|/[A-Za-z][^\s>]*|![^>]*|\?[^>]*)", re.DOTALL)


def _raw_html(piece: str | Element) -> list[_Found]:
    """The first element (else anything else that is not a plain comment) in a piece of HTML the
    contributor wrote; a lone end tag is reported with its start tag."""
    if not isinstance(piece, str):  # md_in_html: an HTML block with Markdown inside
        return [_Found("page_html", re.compile(rf"<{re.escape(piece.tag)}\b", re.IGNORECASE), {"tag": f"<{piece.tag}>"})]
    tags = [tag for tag in _TAG.findall(_PLAIN_COMMENT.sub("", piece)) if not tag.startswith("</")]
    if not tags:
        return []
    first = next((tag for tag in tags if tag[1:2].isalpha()), tags[0])
    shown = first if len(first) <= 40 else first[:39] + "…"
    return [_Found("page_html", re.compile(re.escape(first[:20]), re.IGNORECASE), {"tag": f"{shown}>"})]


class _Tags(html.parser.HTMLParser):
    """The start tags of HTML that Python-Markdown made itself (a code fence), with their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    @classmethod
    def of(cls, piece: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
        parser = cls()
        parser.feed(piece)
        parser.close()
        return parser.tags


# A code fence's `{ … }` may give its <pre> an id and classes, and its <code> a language class.
_FENCE_ATTRIBUTES = {"pre": {"id", "class"}, "code": {"class"}}


def _fence_attributes(piece: str | Element) -> list[_Found]:
    """Attributes of the contributor's own on a code fence, found on the line that opens it (and
    anything but a <pre><code> is the contributor's own HTML)."""
    tags = _Tags.of(piece) if isinstance(piece, str) else []
    if not tags or any(tag not in _FENCE_ATTRIBUTES for tag, _ in tags):
        return _raw_html(piece)
    return [_Found("page_attribute", re.compile(rf"^[ \t]*(?:`{{3,}}|~{{3,}}).*\b{re.escape(name)}\s*=", re.MULTILINE),
                   {"name": name})
            for tag, attrs in tags
            for name, _ in attrs if name not in _FENCE_ATTRIBUTES[tag]]
