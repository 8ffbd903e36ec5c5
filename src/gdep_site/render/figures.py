"""Key figures: cards on the home page and the full table with the report's statements."""

from __future__ import annotations

from .. import markdown as md
from ..figures import FigureValue
from ..pages import FIGURES_PAGE
from .context import Ctx


def basis(ctx: Ctx, value: FigureValue) -> str:
    """'counted from the records' or 'reported in §…', always visible next to a figure."""
    if value.derived:
        return md.esc(ctx.t("figure.derived"))
    first = value.figure.reported[0]
    return md.esc(ctx.t("figure.reported")) + " " + ctx.cite(first.section)


def card(ctx: Ctx, value: FigureValue, with_basis: bool = True) -> str:
    figure = value.figure
    number = (f'<span class="gdep-figure__value" data-figure="{md.attr(figure.id)}">'
              f"{ctx.number(value.value)}</span>")
    text = f"-   {number} {md.esc(ctx.text(figure.unit))}\n\n    {md.esc(ctx.text(figure.label))}"
    if not with_basis:
        return text
    note = basis(ctx, value)
    if value.disagreeing:
        note += " · " + ctx.link_to(md.esc(ctx.t("figure.report_differs")), f"{FIGURES_PAGE}#{figure.id}")
    return f"{text}\n\n    <small>{note}</small>"


def cards(ctx: Ctx, figure_ids: list[str], with_basis: bool = True, compact: bool = False) -> str:
    items = "\n\n".join(card(ctx, ctx.site.figures[f], with_basis) for f in figure_ids)
    kind = " gdep-figures--compact" if compact else ""
    return f'<div class="grid cards gdep-figures{kind}" markdown>\n\n{items}\n\n</div>'


def key_figures(ctx: Ctx) -> str:
    """The home page's figures (chosen with `home: true`, never contested), as compact cards;
    where each comes from is one click away, on the figures page."""
    chosen = [figure_id for figure_id, value in ctx.site.figures.items() if value.figure.home]
    return md.blocks(
        cards(ctx, chosen, with_basis=False, compact=True),
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
