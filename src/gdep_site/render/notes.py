"""The collapsed "Sources and notes" block at the end of a page: every citation, caveat and
editor's note stays one click away, out of the reader's path.

Renderers write each source or note next to what it is about (`markdown.aside`); `gather` moves
them here, in the order they came, each once.
"""

from __future__ import annotations

from .. import markdown as md
from .context import Ctx

BLOCK_CLASS = "gdep-sources"


def gather(markdown: str, ctx: Ctx) -> str:
    found: dict[str, list[str]] = {"source": [], "note": [], "footnote": []}

    def take(match) -> str:
        found[match[1]].append(match[2])
        return ""

    body = md.ASIDE.sub(take, markdown)
    sources, notes, footnotes = (list(dict.fromkeys(found[kind])) for kind in ("source", "note", "footnote"))
    parts = []
    if sources:
        parts.append(md.esc(ctx.t("sources.intro")) + "\n\n" + "\n".join(f"- {line}" for line in sources))
    parts += notes
    if footnotes:
        parts.append(md.FOOTNOTES_HERE)
    parts.append(_marks_note(body, ctx))
    if not any(parts):
        return body
    block = md.details(ctx.t("heading.sources_and_notes"), md.blocks(*parts), BLOCK_CLASS)
    return md.blocks(body, block, *footnotes)


def _marks_note(markdown: str, ctx: Ctx) -> str:
    """What each kind of name mark on the page means (never the words after every name)."""
    lines = [f"{symbol} {md.esc(ctx.t(f'note.{kind}_mark'))}" for kind, symbol in md.MARK_SYMBOLS.items()
             if f"gdep-mark--{kind}" in markdown]
    return "  \n".join(lines) + "\n{: .gdep-marks-note }" if lines else ""
