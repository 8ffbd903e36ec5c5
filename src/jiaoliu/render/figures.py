"""Key figures: cards (the latest year, or the year of what they stand beside), and the figures
page: every figure across the years of the reports in one table, then each figure with the
report's statements year by year and, from two years on, a small chart drawn here as SVG."""

from __future__ import annotations

from collections.abc import Mapping

from jiaoliu.core.figures import FigureSeries, FigureValue
from jiaoliu.core.pages import FIGURES_PAGE, in_report
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx
from jiaoliu.render.markdown import Rendered

CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 320, 120, 12  # px of the chart's own coordinates


def basis(ctx: Ctx, value: FigureValue) -> str:
    """'counted from the records' or 'reported in §…' (of that year's report)."""
    if value.derived:
        return md.esc(ctx.t("figure.derived"))
    return md.esc(ctx.t("figure.reported")) + " " + ctx.cite(in_report(value.year, value.reported[0].section))


def figure_source(ctx: Ctx, value: FigureValue) -> Rendered:
    """Where a figure on a card comes from, for the page's sources block."""
    figure = value.figure
    line = ctx.pair(md.esc(ctx.text(figure.label)), basis(ctx, value))
    if value.disagreeing:
        line += " · " + ctx.link_to(md.esc(ctx.t("figure.report_differs")), f"{FIGURES_PAGE}#{figure.id}")
    return md.source(line)


def card(ctx: Ctx, value: FigureValue, shared: tuple[str, int] | None = None) -> dict[str, str]:
    """What a figure card shows (partials/jiaoliu/figure-cards.html). `shared`: the kind of record
    whose page shows it, and how many of them the figure counts together (67 students across the
    three credit-recognition programmes), said on each of their pages."""
    figure = value.figure
    label = ctx.text(figure.label)
    return {"figure": figure.id, "number": ctx.number(value.value or 0), "unit": ctx.unit(figure.unit, value.value or 0),
            "label": ctx.t(f"figure.card_label_shared.{shared[0]}", label=label, year=value.year, count=shared[1])
            if shared else ctx.t("figure.card_label", label=label, year=value.year)}


def cards(ctx: Ctx, figure_ids: list[str], compact: bool = False, year: int | None = None,
          kind: str | None = None, shown_by: Mapping[str, int] | None = None) -> Rendered:
    """Figure cards for `year` (the latest by default); a figure with no value that year is left
    out. Where each comes from goes to the page's sources block. On the page of a record of
    `kind`, a figure that several records show (`shown_by`: how many, by figure) counts them
    together, and its card says so."""
    series = [ctx.site.figures[f] for f in figure_ids]
    values = [v for v in (s.of(year) if year else s.latest for s in series) if v is not None and v.value is not None]
    if not values:
        return Rendered()
    sharing = {v.figure.id: (shown_by or {}).get(v.figure.id, 0) for v in values}
    return md.compose(
        ctx.partial("figure-cards", compact=compact, cards=[
            card(ctx, value, (kind, sharing[value.figure.id]) if kind and sharing[value.figure.id] > 1 else None)
            for value in values]),
        *(figure_source(ctx, value) for value in values),
        figures_page_note(ctx),
    )


def figures_page_note(ctx: Ctx) -> Rendered:
    return md.note(md.esc(ctx.t("figures.how_counted")) + " "
                    + ctx.link_to(md.esc(ctx.t("figures.page_title")), FIGURES_PAGE))


def key_figures(ctx: Ctx) -> Rendered:
    """The home page's figures for the latest year (chosen with `home: true`, never contested),
    as compact cards; where each comes from is one click away, on the figures page."""
    chosen = [figure_id for figure_id, series in ctx.site.figures.items() if series.figure.home]
    return md.compose(
        cards(ctx, chosen, compact=True),
        ctx.link_to(md.esc(ctx.t("figures.all_link")), FIGURES_PAGE),
    )


def statements(ctx: Ctx, value: FigureValue) -> Rendered:
    """Every statement of that year's report about this figure, with where it says so: its words
    in the page's language (the site's English translation on English pages, the Chinese original
    one click away, in a numbered note)."""
    lines: list[str] = []
    originals: list[Rendered] = []
    for number, r in enumerate(value.reported, start=1):
        words = r.verbatim if ctx.lang == "zh" else r.en
        line = (f"{md.esc(ctx.t('figure.statement', value=ctx.number(r.value), verbatim=words))} "
                f"({ctx.cite(in_report(value.year, r.section))})")
        if ctx.lang != "zh":
            label = f"q-{value.figure.id}-{value.year}-{number}"
            line += md.footnote_ref(label)
            originals.append(md.footnote(label, md.esc(ctx.t("figure.statement_original", text=r.verbatim))))
        lines.append(line)
    return Rendered("<br>".join(lines), footnotes=tuple(note for o in originals for note in o.footnotes))


def shown(ctx: Ctx, value: FigureValue) -> str:
    if value.value is None:
        return md.esc(ctx.t("figures.no_value"))
    return f"**{ctx.number(value.value)}** {md.esc(ctx.unit(value.figure.unit, value.value))} ({value.year})"


def _change(ctx: Ctx, series: FigureSeries, year: int) -> str:
    change = series.change(year)
    if change is None:
        return "–"
    return ("+" if change > 0 else "−" if change < 0 else "±") + ctx.number(abs(change))


def overview(ctx: Ctx) -> str:
    """One table: every figure (a link to its section), its value in each year, and the change
    from the year before the latest."""
    years = [r.year for r in ctx.data.reports]
    head = [ctx.t("figures.figure"), *map(str, years)]
    if len(years) > 1:
        head.append(ctx.t("figures.change", year=years[-1], previous=years[-2]))
    rows = []
    for figure_id, series in ctx.site.figures.items():
        cells = [ctx.link_to(md.esc(ctx.text(series.figure.label)), f"{FIGURES_PAGE}#{figure_id}")]
        cells += [ctx.number(v.value) if v.value is not None else "–" for v in series.values]
        if len(years) > 1:
            cells.append(_change(ctx, series, years[-1]))
        rows.append(cells)
    return ctx.table(head, rows)


def chart(ctx: Ctx, series: FigureSeries) -> str:
    """A small bar chart of the years with a value (partials/jiaoliu/chart.html); its title says every
    value, for readers who do not see it (the table above says it too)."""
    values = [v for v in series.values if v.value is not None]
    if len(values) < 2:
        return ""
    top = max(v.value or 0 for v in values) or 1
    width = (CHART_WIDTH - BAR_GAP * (len(values) + 1)) / len(values)
    title = ctx.t("figures.chart_title", label=ctx.text(series.figure.label),
                  values=", ".join(f"{v.year}: {ctx.number(v.value or 0)}" for v in values))
    bars = []
    for index, v in enumerate(values):
        height = (CHART_HEIGHT - 40) * (v.value or 0) / top
        x = BAR_GAP + index * (width + BAR_GAP)
        y = CHART_HEIGHT - 20 - height
        bars.append({"x": x, "y": y, "width": width, "height": height, "middle": x + width / 2, "value_y": y - 4,
                     "value": ctx.number(v.value or 0), "year_y": CHART_HEIGHT - 4, "year": v.year})
    return ctx.partial("chart", id=f"chart-{series.figure.id}", title=title, width=CHART_WIDTH,
                       height=CHART_HEIGHT, bars=bars)


def figures_page(ctx: Ctx) -> Rendered:
    parts: list[str | Rendered] = [overview(ctx)]
    for series in ctx.site.figures.values():
        figure = series.figure
        parts += [f"## {md.esc(ctx.text(figure.label))} {{#{figure.id}}}", chart(ctx, series)]
        several = len(series.values) > 1
        for value in reversed(series.values):  # the latest year first
            if several:
                parts.append(f"### {value.year} {{#{figure.id}-{value.year}}}")
            said = statements(ctx, value)
            parts.append(ctx.facts([
                (ctx.t("figures.shown"), shown(ctx, value)),
                (ctx.t("figures.basis"), basis(ctx, value) if value.value is not None else ""),
                (ctx.t("figures.report_says"), said.markdown  # silent: said once, not twice
                 or (md.esc(ctx.t("figures.report_silent")) if value.value is not None else "")),
            ]))
            parts.append(Rendered(footnotes=said.footnotes))
            if value.disagreeing:
                parts.append(md.admonition("warning", ctx.t("figures.differs_title"),
                                           md.esc(ctx.t("figures.differs_body"))))
            if value.note:
                parts.append(md.paragraphs(ctx.text(value.note)))
    return md.compose(*parts)
