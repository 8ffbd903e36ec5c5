"""Small, safe Markdown building blocks. Staff text always goes through `esc`.

`esc` makes any string inert: HTML special characters become entities and every character
Markdown (or one of our extensions) could read as syntax is backslash-escaped, so a data
field can never open a tag, a link, a heading, a list or a table cell.
"""

from __future__ import annotations

import html
import posixpath
import re

# Python-Markdown's escapable characters plus `|` (tables). mkdocs.yml enables no extension
# with other syntax characters; a new one (tilde, caret, emoji...) must be added here first.
_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def esc(text: str) -> str:
    """Inert inline text: entities for HTML, backslashes for Markdown, no line breaks."""
    text = " ".join(text.split())
    return _SYNTAX.sub(r"\\\1", html.escape(text, quote=True))


def attr(text: str) -> str:
    """A value for an HTML attribute written by our own code."""
    return html.escape(" ".join(text.split()), quote=True)


def paragraphs(text: str) -> str:
    """Multi-line staff text: one escaped Markdown paragraph per line."""
    return "\n\n".join(esc(line) for line in text.splitlines() if line.strip())


def link(label_md: str, target: str) -> str:
    """`label_md` must already be safe Markdown (e.g. from `esc`); `target` is ours."""
    return f"[{label_md}]({target})"


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two docs paths (`partners/index.md` -> `partners/nmit.md`)."""
    target, _, anchor = to_page.partition("#")
    path = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already safe Markdown."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def facts(rows: list[tuple[str, str]]) -> str:
    """Label/value pairs as a description list; values are safe inline Markdown."""
    items = [f'<dt>{html.escape(label)}</dt>\n<dd markdown="span">{value}</dd>'
             for label, value in rows if value]
    return '<dl class="gdep-facts" markdown>\n' + "\n".join(items) + "\n</dl>" if items else ""


def badge(text: str, kind: str) -> str:
    return f'<span class="gdep-badge gdep-badge--{attr(kind)}">{html.escape(text)}</span>'


def admonition(kind: str, title: str, body_md: str) -> str:
    body = "\n".join(f"    {line}" if line else "" for line in body_md.splitlines())
    return f'!!! {kind} "{attr(title)}"\n\n{body}\n'


def blocks(*parts: str) -> str:
    """Join non-empty Markdown blocks with blank lines."""
    return "\n\n".join(part.strip("\n") for part in parts if part and part.strip()) + "\n"
