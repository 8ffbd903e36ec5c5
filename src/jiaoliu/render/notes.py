"""The collapsed "Sources and notes" block at the end of a page: every citation, caveat and
editor's note stays one click away, out of the reader's path.

Renderers return each source or note beside their Markdown, as data (`markdown.Rendered`);
`finish` makes the block of them (partials/jiaoliu/sources.html), in the order they came, each once.
"""

from __future__ import annotations

from markupsafe import Markup

from jiaoliu.core.pages import edit_url
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx
from jiaoliu.render.markdown import Rendered


def finish(rendered: Rendered, ctx: Ctx) -> str:
    """The page's Markdown: its text, its sources block, then the numbered notes' definitions."""
    sources, notes, footnotes, edits = (list(dict.fromkeys(items)) for items in (
        rendered.sources, rendered.notes, rendered.footnotes, rendered.edits))
    marks = _marks(rendered.markdown, ctx)
    links = _edit_links(edits, ctx)
    if not (sources or notes or footnotes or marks or links):
        return rendered.markdown
    block = ctx.partial(
        "sources", title=ctx.t("heading.sources_and_notes"), intro=ctx.t("sources.intro"),
        sources=[Markup(line) for line in sources], notes=[Markup(note) for note in notes],
        footnotes_here=Markup(md.FOOTNOTES_HERE if footnotes else ""), marks=marks,
        edit_label=ctx.t("sources.edit"), edits=[Markup(link) for link in links])
    return md.blocks(rendered.markdown, block, *footnotes)


def _edit_links(files: list[str], ctx: Ctx) -> list[str]:
    """For staff: the files behind the page (`path` or `path:line`) in GitHub's web editor, when
    data/site.yml names the repository."""
    repository = ctx.data.site.repository
    if repository is None:
        return []
    links = []
    for file in files:
        path, _, line = file.partition(":")
        label = md.esc(ctx.t("sources.edit_line", file=path, line=line) if line else path)
        links.append(ctx.link_to(label, edit_url(repository.url, repository.branch, path)))
    return links


def _marks(markdown: str, ctx: Ctx) -> list[dict[str, str]]:
    """What each kind of name mark the page shows means (never the words after every name). Our
    marks are the only ones a page can hold: staff text cannot write one (`esc`), nor can a
    hand-written page (no HTML)."""
    return [{"symbol": symbol, "text": ctx.t(f"note.{kind}_mark")} for kind, symbol in md.MARK_SYMBOLS.items()
            if ctx.mark(kind) in markdown]
