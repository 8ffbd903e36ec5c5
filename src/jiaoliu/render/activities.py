"""Bases abroad, exchanges and visits, teacher development, Hong Kong and Macao work."""

from __future__ import annotations

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx
from jiaoliu.render.figures import cards, figures_page_note
from jiaoliu.render.markdown import Rendered
from jiaoliu.render.photos import photo
from jiaoliu.render.programmes import record_figures


def bases(ctx: Ctx, kind: str) -> Rendered:
    parts: list[str | Rendered] = []
    for base in (b for b in ctx.data.bases if b.kind == kind):
        parts += [
            # The heading carries the plain name: a mark in it would reach the table of contents
            # and search results; the mark follows below it, as on a partner's page.
            f"### {md.esc(ctx.name(base.name))} {{#{base.id}}}",
            ctx.name_badge(base.name),
            ctx.facts([
                (ctx.t("field.country"), md.esc(ctx.country(base.country))),
                (ctx.t("field.partner"), ctx.partner_link(base.partner)),
                (ctx.t("field.history"), md.esc(localise.join_list(
                    [ctx.t(f"value.base_{e.event}", year=e.year) for e in base.history], ctx.lang))),
            ]),
            md.paragraphs(ctx.text(base.about)),
            record_figures(ctx, base.figures),
            ctx.source([*base.sources, *(e.source for e in base.history)], md.esc(ctx.name(base.name))),
        ]
    return md.compose(*parts, figures_page_note(ctx) if parts else "")


def _activity(ctx: Ctx, activity: m.Activity, level: int) -> Rendered:
    partners = localise.join_list([ctx.partner_link(p) for p in activity.partners], ctx.lang)
    countries = localise.join_list([ctx.country(c) for c in activity.countries], ctx.lang)
    return md.compose(
        f"{'#' * level} {md.esc(ctx.text(activity.title))} {{#{activity.id}}}",
        ctx.facts([
            (ctx.t("field.partners"), partners),
            (ctx.t("field.countries"), md.esc(countries)),
            (ctx.t("field.year"), str(activity.year)),
        ]),
        md.paragraphs(ctx.text(activity.about)),
        photo(ctx, activity.photo),
        # the figures of the activity's own year, when a report covers it
        cards(ctx, activity.key_figures, year=activity.year if activity.year in ctx.data.report_years else None,
              kind="activity", shown_by=ctx.data.key_figure_shown_by["activity", activity.year]),
        record_figures(ctx, activity.figures),
        ctx.source(activity.sources, md.esc(ctx.text(activity.title))),
    )


def activities(ctx: Ctx, topic: str, kinds: tuple[str, ...], level: int = 3) -> Rendered:
    """Activities of one topic and kinds, each under a heading of `level` (2 on its own page);
    from two years on, under a heading per year, the latest first."""
    chosen = [a for a in ctx.data.activities if a.topic == topic and a.kind in kinds]
    years = sorted({a.year for a in chosen}, reverse=True)
    if len(years) < 2:
        return md.compose(*(_activity(ctx, a, level) for a in chosen), figures_page_note(ctx) if chosen else "")
    parts: list[str | Rendered] = []
    for year in years:
        parts.append(f"{'#' * level} {year} {{#{topic}-{kinds[0]}-{year}}}")
        parts += [_activity(ctx, a, level + 1) for a in chosen if a.year == year]
    return md.compose(*parts, figures_page_note(ctx))
