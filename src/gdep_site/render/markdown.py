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


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table from cells that are already safe Markdown. Each cell carries its column's name, so
    that on a phone a row stacks into labelled lines instead of scrolling sideways (gdep.css)."""
    if not rows:
        return ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join(
        '<tr markdown="1">' + "".join(f'<td data-label="{attr(h)}" markdown="span">{cell}</td>'
                                      for h, cell in zip(header, row, strict=True)) + "</tr>"
        for row in rows)
    return (f'<table class="gdep-table" markdown="1">\n<thead><tr>{head}</tr></thead>\n'
            f'<tbody markdown="1">\n{body}\n</tbody>\n</table>')


def facts(rows: list[tuple[str, str]]) -> str:
    """Label/value pairs as a description list; values are safe inline Markdown."""
    items = [f'<dt>{html.escape(label)}</dt>\n<dd markdown="span">{value}</dd>'
             for label, value in rows if value]
    return '<dl class="gdep-facts" markdown>\n' + "\n".join(items) + "\n</dl>" if items else ""


# The small mark after a name in lists and tables; `marks_note` explains each kind once per page.
MARK_SYMBOLS = {"translated": "†", "unverified": "‡"}


def mark(kind: str, text: str) -> str:
    """A small mark for a name; `text` is read by screen readers (and the note explains it)."""
    return (f'<sup class="gdep-mark gdep-mark--{attr(kind)}">{MARK_SYMBOLS[kind]}'
            f'<span class="gdep-sr"> ({html.escape(text)})</span></sup>')


def badge(text: str, kind: str) -> str:
    return f'<span class="gdep-badge gdep-badge--{attr(kind)}">{html.escape(text)}</span>'


def yaml_string(text: str) -> str:
    """A value for a page's front matter (a quoted YAML string: JSON is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def admonition(kind: str, title: str, body_md: str) -> str:
    body = "\n".join(f"    {line}" if line else "" for line in body_md.splitlines())
    return f'!!! {kind} "{attr(title)}"\n\n{body}\n'


def details(title: str, body_md: str, css_class: str) -> str:
    """A collapsed block (pymdownx.details): one click opens it."""
    return admonition(f"info {attr(css_class)}", title, body_md).replace("!!!", "???", 1)


# --- the page's "Sources and notes" block -----------------------------------------------------
# Renderers write a source or a note next to what it is about, wrapped in these comments;
# `render.notes.gather` moves them all into one collapsed block at the end of the page. Staff
# text cannot forge them (`esc` turns "<" into an entity) and a hand-written page cannot either
# (any comment that mentions gdep and is not a known marker fails the build).
ASIDE_TAG = re.compile(r"<!-- gdep-aside:(?:source|note|footnote|edit) -->|<!-- /gdep-aside -->")
ASIDE = re.compile(r"^<!-- gdep-aside:(source|note|footnote|edit) -->\n(.*?)\n<!-- /gdep-aside -->$",
                   re.MULTILINE | re.DOTALL)
EDIT_ASIDE = "<!-- gdep-aside:edit -->"
# Where Python-Markdown's footnotes extension puts the numbered notes (see mkdocs.yml).
FOOTNOTES_HERE = "[gdep-footnotes]"


def aside(kind: str, body_md: str) -> str:
    """`kind`: "source" (one line: what, and where the report says it), "note" (a caveat or an
    editor's note about the whole page), "footnote" (from `footnote`) or "edit" (a file of the
    repository behind the page, `path` or `path:line`, for staff's edit links)."""
    return f"<!-- gdep-aside:{kind} -->\n{body_md.strip()}\n<!-- /gdep-aside -->"


def footnote_ref(label: str) -> str:
    """A small numbered mark; the note itself is given once with `footnote(label, …)`."""
    return f"[^{label}]"


def footnote(label: str, body_md: str) -> str:
    lines = body_md.strip().splitlines()
    body = "\n".join([lines[0], *(f"    {line}" if line else "" for line in lines[1:])])
    return aside("footnote", f"[^{label}]: {body}")


def blocks(*parts: str) -> str:
    """Join non-empty Markdown blocks with blank lines."""
    return "\n\n".join(part.strip("\n") for part in parts if part and part.strip()) + "\n"
