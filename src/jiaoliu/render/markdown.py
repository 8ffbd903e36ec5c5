"""Small, safe Markdown building blocks. Staff text always goes through `esc`.

`esc` makes any string inert: HTML special characters become entities and every character
Markdown (or one of our extensions) could read as syntax is backslash-escaped, so a data
field can never open a tag, a link, a heading, a list or a table cell.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import string
from dataclasses import dataclass

from markupsafe import Markup, escape

# Characters that are Markdown syntax anywhere in a line ("|" for tables), and those that are
# syntax only at the start of a block (headings, lists, admonitions, collapsed blocks "???",
# numbered lists, "~~~" code fences). Escaping only these keeps prose cheap to parse: a "." or
# "-" inside a sentence is plain text. ("`" and ">" are escaped everywhere, so "```" fences,
# block quotes and HTML never start; a leading space is dropped, so code is never indented.)
_INLINE_SYNTAX = re.compile(r"([\\`*_{}\[\]|])")
_BLOCK_START = re.compile(r"^(?:([#+\-!])|(\d+)([.)])|([?~]))")
# Markdown has no backslash escape for these: "???" opens a collapsed block, "~~~" a code fence
# (MkDocs always enables fenced_code), so they become entities, which read the same.
_NO_BACKSLASH_ESCAPE = {"?": "&#63;", "~": "&#126;"}


def esc(text: str) -> str:
    """Inert inline text: entities for HTML, backslashes for Markdown, no line breaks."""
    text = _INLINE_SYNTAX.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return _BLOCK_START.sub(_escape_block_start, text)


def fill(template: str, **markdown: str) -> str:
    """A string of the interface whose placeholders take Markdown of ours (a link, an escaped
    date): its own words escaped like any text (a college may reword it), the spaces around them
    kept, the values put in as they are."""
    parts = []
    for words, name, _, _ in string.Formatter().parse(template):
        if words:
            parts.append((" " if words[0].isspace() else "") + esc(words) + (" " if words[-1].isspace() and words.strip() else ""))
        if name is not None:
            parts.append(markdown[name])
    return "".join(parts)


def _escape_block_start(match: re.Match[str]) -> str:
    if match[1]:
        return f"\\{match[1]}"
    if match[4]:
        return _NO_BACKSLASH_ESCAPE[match[4]]
    return f"{match[2]}\\{match[3]}"


_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，；：、,;:]|\s[–—-]\s")


def shorten(text: str, limit: int = 160) -> str:
    """Plain text of about `limit` characters, never cut mid-sentence where it can be helped:
    the whole sentences that fit; else the clauses that fit, with an ellipsis; else the first
    clause even if longer (up to twice the limit); only then at a word (Chinese: a character)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
    clauses = [m.start() for m in _CLAUSE_END.finditer(text)]
    fitting = [end for end in sentences if end <= limit]
    if fitting:
        return text[:fitting[-1]]
    fitting = [end for end in clauses if end <= limit]
    first = min([*sentences, *clauses], default=len(text))
    if fitting or first <= 2 * limit:
        end = fitting[-1] if fitting else first
        return text[:end].rstrip() + ("" if end in sentences else "…")
    cut = text[: limit - 1]
    if " " in cut:  # English: at a word; Chinese has no spaces and may be cut anywhere
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def title_html(title: str) -> Markup:
    """A title typed in a page's front matter, as the theme takes titles: HTML. Material's templates
    insert `page.title` as it is (MkDocs makes titles of headings as HTML), so the typed text is
    escaped once, here, and marked as HTML: a template's `| e` leaves it as it is, and so does this
    function (a preview may hand it a page twice)."""
    return title if isinstance(title, Markup) else escape(" ".join(title.split()))


def attr(text: str) -> str:
    """A value for an HTML attribute written by our own code."""
    return html.escape(" ".join(text.split()), quote=True)


def paragraphs(text: str) -> str:
    """Multi-line staff text: one escaped Markdown paragraph per line."""
    return "\n\n".join(esc(line) for line in text.splitlines() if line.strip())


# What a link target may contain: relative docs paths, anchors, checked https addresses, and
# mailto:/tel: targets made from checked contact channels (pages.mailto, pages.tel).
# A mailto: target is one address without "%", which the link would decode (models.EMAIL_PATTERN).
_SAFE_TARGET = re.compile(r"(?:https://)?[A-Za-z0-9._~%/#-]+|mailto:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+|tel:\+[0-9]+")


def link(label_md: str, target: str) -> str:
    """`label_md` must already be safe Markdown (e.g. from `esc`); `target` a checked address."""
    if not _SAFE_TARGET.fullmatch(target) or target.startswith("//"):  # //host: another site
        raise ValueError(f"unsafe link target {target!r}")  # a bug: data is checked before this
    return f"[{label_md}]({target})"


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two docs paths (`partners/index.md` -> `partners/nmit.md`)."""
    target, _, anchor = to_page.partition("#")
    path = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path


# The small mark after a name in lists and tables (partials/jiaoliu/mark.html); the page's sources
# block explains each kind once.
MARK_SYMBOLS = {"translated": "†", "unverified": "‡"}


def yaml_string(text: str) -> str:
    """A value for a page's front matter (a quoted YAML string: JSON is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def admonition(kind: str, title: str, body_md: str) -> str:
    body = "\n".join(f"    {line}" if line else "" for line in body_md.splitlines())
    return f'!!! {kind} "{attr(title)}"\n\n{body}\n'


# --- the page's "Sources and notes" block -----------------------------------------------------
# Renderers return what they cite or note beside their Markdown, as data (`Rendered`); the page's
# collapsed block is made from it at the end (`render.notes`, partials/jiaoliu/sources.html).
# Where Python-Markdown's footnotes extension puts the numbered notes (see mkdocs.yml).
FOOTNOTES_HERE = "[jiaoliu-footnotes]"


@dataclass(frozen=True)
class Rendered:
    """Markdown, and what it sends to the page's "Sources and notes" block, in the order given."""

    markdown: str = ""
    sources: tuple[str, ...] = ()    # safe Markdown, one line each: what, and where the report says it
    notes: tuple[str, ...] = ()      # safe Markdown: a caveat or an editor's note about the page
    footnotes: tuple[str, ...] = ()  # "[^label]: text", for the numbered marks in the Markdown
    edits: tuple[str, ...] = ()      # the files behind the page, `path` or `path:line`, for staff


def compose(*parts: str | Rendered) -> Rendered:
    """Markdown blocks joined as `blocks` joins them, with everything they send to the sources block."""
    rendered = [part if isinstance(part, Rendered) else Rendered(part) for part in parts]
    return Rendered(blocks(*(r.markdown for r in rendered)),
                    sources=tuple(line for r in rendered for line in r.sources),
                    notes=tuple(text for r in rendered for text in r.notes),
                    footnotes=tuple(text for r in rendered for text in r.footnotes),
                    edits=tuple(file for r in rendered for file in r.edits))


def source(line_md: str) -> Rendered:
    """One line of the sources list: what, and where the report says it."""
    return Rendered(sources=(line_md.strip(),))


def note(body_md: str) -> Rendered:
    """A caveat or an editor's note about the whole page."""
    return Rendered(notes=(body_md.strip(),))


def edit(file: str) -> Rendered:
    """A file of the repository behind the page (`path` or `path:line`), for staff's edit links."""
    return Rendered(edits=(file,))


def footnote_ref(label: str) -> str:
    """A small numbered mark; the note itself is given once with `footnote(label, …)`."""
    return f"[^{label}]"


def footnote(label: str, body_md: str) -> Rendered:
    lines = body_md.strip().splitlines()
    body = "\n".join([lines[0], *(f"    {line}" if line else "" for line in lines[1:])])
    return Rendered(footnotes=(f"[^{label}]: {body}",))


def blocks(*parts: str) -> str:
    """Join non-empty Markdown blocks with blank lines."""
    return "\n\n".join(part.strip("\n") for part in parts if part and part.strip()) + "\n"
