"""Key figures: cards on the home page and the full table with the report's statements."""

from __future__ import annotations

from .. import markdown as md
from ..figures import FigureValue
from ..pages import FIGURES_PAGE
from .context import Ctx


def basis(ctx: Ctx, value: FigureValue) -> str:
    """'counted from the records' or 'reported in §…'."""
    if value.derived:
        return md.esc(ctx.t("figure.derived"))
    first = value.figure.reported[0]
    return md.esc(ctx.t("figure.reported")) + " " + ctx.cite(first.section)


def figure_source(ctx: Ctx, value: FigureValue) -> str:
    """Where a figure on a card comes from, for the page's sources block."""
    figure = value.figure
    line = ctx.pair(md.esc(ctx.text(figure.label)), basis(ctx, value))
    if value.disagreeing:
        line += " · " + ctx.link_to(md.esc(ctx.t("figure.report_differs")), f"{FIGURES_PAGE}#{figure.id}")
    return md.aside("source", line)


def card(ctx: Ctx, value: FigureValue) -> str:
    figure = value.figure
    number = (f'<span class="gdep-figure__value" data-figure="{md.attr(figure.id)}">'
              f"{ctx.number(value.value)}</span>")
    return f"-   {number} {md.esc(ctx.text(figure.unit))}\n\n    {md.esc(ctx.text(figure.label))}"


def cards(ctx: Ctx, figure_ids: list[str], compact: bool = False) -> str:
    """Figure cards; where each figure comes from goes to the page's sources block."""
    values = [ctx.site.figures[f] for f in figure_ids]
    items = "\n\n".join(card(ctx, value) for value in values)
    kind = " gdep-figures--compact" if compact else ""
    return md.blocks(
        f'<div class="grid cards gdep-figures{kind}" markdown>\n\n{items}\n\n</div>',
        *(figure_source(ctx, value) for value in values),
        figures_page_note(ctx),
    )


def figures_page_note(ctx: Ctx) -> str:
    return md.aside("note", md.esc(ctx.t("figures.how_counted")) + " "
                    + ctx.link_to(md.esc(ctx.t("figures.page_title")), FIGURES_PAGE))


def key_figures(ctx: Ctx) -> str:
    """The home page's figures (chosen with `home: true`, never contested), as compact cards;
    where each comes from is one click away, on the figures page."""
    chosen = [figure_id for figure_id, value in ctx.site.figures.items() if value.figure.home]
    return md.blocks(
        cards(ctx, chosen, compact=True),
        ctx.link_to(md.esc(ctx.t("figures.all_link")), FIGURES_PAGE),
    )


def statements(ctx: Ctx, value: FigureValue) -> str:
    """Every statement of the report about this figure, with where it says so."""
    items = [
        ctx.t("figure.statement", value=ctx.number(r.value), verbatim=r.verbatim)
        for r in value.figure.reported
    ]
    cites = [ctx.cite(r.section) for r in value.figure.reported]
    return "<br>".join(f"{md.esc(text)} ({cite})" for text, cite in zip(items, cites, strict=True))


def figures_page(ctx: Ctx) -> str:
    parts = []
    for value in ctx.site.figures.values():
        figure = value.figure
        parts.append(f"## {md.esc(ctx.text(figure.label))} {{#{figure.id}}}")
        shown = f"**{ctx.number(value.value)}** {md.esc(ctx.text(figure.unit))} ({figure.year})"
        parts.append(md.facts([
            (ctx.t("figures.shown"), shown),
            (ctx.t("figures.basis"), basis(ctx, value)),
            (ctx.t("figures.report_says"), statements(ctx, value) or md.esc(ctx.t("figures.report_silent"))),
        ]))
        if value.disagreeing:
            parts.append(md.admonition("warning", ctx.t("figures.differs_title"),
                                       md.esc(ctx.t("figures.differs_body"))))
        if figure.note:
            parts.append(md.paragraphs(ctx.text(figure.note)))
    return md.blocks(*parts)
