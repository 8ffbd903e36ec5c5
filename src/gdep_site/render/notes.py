"""The collapsed "Sources and notes" block at the end of a page: every citation, caveat and
editor's note stays one click away, out of the reader's path.

Renderers write each source or note next to what it is about (`markdown.aside`); `gather` moves
them here, in the order they came, each once.
"""

from __future__ import annotations

from gdep_site.core.pages import edit_url
from gdep_site.render import markdown as md
from gdep_site.render.context import Ctx

BLOCK_CLASS = "gdep-sources"


def gather(markdown: str, ctx: Ctx) -> str:
    found: dict[str, list[str]] = {"source": [], "note": [], "footnote": [], "edit": []}

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
    parts.append(_edit_links(list(dict.fromkeys(found["edit"])), ctx))
    if not any(parts):
        return body
    block = md.details(ctx.t("heading.sources_and_notes"), md.blocks(*parts), BLOCK_CLASS)
    return md.blocks(body, block, *footnotes)


def _edit_links(files: list[str], ctx: Ctx) -> str:
    """For staff: the files behind the page (`path` or `path:line`) in GitHub's web editor, when
    data/site.yml names the repository."""
    repository = ctx.data.site.repository
    if repository is None or not files:
        return ""
    links = []
    for file in files:
        path, _, line = file.partition(":")
        label = md.esc(ctx.t("sources.edit_line", file=path, line=line) if line else path)
        links.append(ctx.link_to(label, edit_url(repository.url, repository.branch, path)))
    return f"{md.esc(ctx.t('sources.edit'))} " + " · ".join(links) + "\n{: .gdep-edit }"


def _marks_note(markdown: str, ctx: Ctx) -> str:
    """What each kind of name mark on the page means (never the words after every name)."""
    lines = [f"{symbol} {md.esc(ctx.t(f'note.{kind}_mark'))}" for kind, symbol in md.MARK_SYMBOLS.items()
             if f"gdep-mark--{kind}" in markdown]
    return "  \n".join(lines) + "\n{: .gdep-marks-note }" if lines else ""
