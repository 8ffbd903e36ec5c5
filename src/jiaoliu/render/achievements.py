"""Awards in international competitions, and the standards exported abroad."""

from __future__ import annotations

from jiaoliu.core import models as m
from jiaoliu.core.figures import AWARDS_FIGURE, STANDARDS_FIGURES
from jiaoliu.core.pages import year_stem
from jiaoliu.render import markdown as md
from jiaoliu.render.context import LIST_LIMIT, Ctx, chunks, list_pages, numbered, pager
from jiaoliu.render.figures import cards
from jiaoliu.render.markdown import Rendered


def _award_table(ctx: Ctx, awards: list[m.Award]) -> Rendered:
    """The awards, one row per competition, result and year: awards the report does not tell
    apart (two gold medals at one competition) are one row with their number, not rows that look
    alike. Which report section names each goes to the sources block."""
    groups: dict[tuple[str, str, int], list[m.Award]] = {}
    for award in awards:
        groups.setdefault((award.competition, award.result, award.year), []).append(award)
    counted = any(len(group) > 1 for group in groups.values())
    rows, sources = [], []
    for (competition_id, result, year), group in groups.items():
        competition = ctx.data.competition(competition_id)
        rows.append([ctx.name_md(competition.name), md.esc(ctx.t(f"result.{result}")),
                     *([ctx.number(len(group))] if counted else []), str(year)])
        sources.append((ctx.name_md(competition.name), [award.source for award in group]))
    header = [ctx.t("col.competition"), ctx.t("col.result"), *([ctx.t("col.awards")] if counted else []),
              ctx.t("col.year")]
    return md.compose(ctx.table(header, rows), ctx.sources_of(sources))


def awards(ctx: Ctx) -> Rendered:
    """The awards; above LIST_LIMIT of them, a count per year linking to one page per year."""
    by_year = ctx.data.awards_by_year
    listing: str | Rendered
    if len(ctx.data.awards) <= LIST_LIMIT and len(by_year) > 1:  # several years: each under its own
        listing = md.compose(*(md.compose(f"### {year} {{#awards-{year}}}", _award_table(ctx, list(items)))
                               for year, items in sorted(by_year.items(), reverse=True)))
    elif len(ctx.data.awards) <= LIST_LIMIT:
        listing = _award_table(ctx, list(ctx.data.awards))
    else:
        rows = [[ctx.link_to(md.esc(str(year)), numbered(year_stem(year), 1)), ctx.number(len(items))]
                for year, items in ctx.data.awards_by_year.items()]
        listing = ctx.table([ctx.t("col.year"), ctx.t("col.count")], rows)
    notes = [
        f"- {ctx.name_md(c.name)}: {md.paragraphs(ctx.text(c.note))}"
        for c in ctx.data.competitions if c.note
    ]
    return md.compose(
        cards(ctx, [AWARDS_FIGURE]),
        listing,
        md.note(md.blocks(md.esc(ctx.t("achievements.competition_notes")), "\n".join(notes))) if notes else "",
    )


def year_pages(data) -> list[tuple[str, int, int, int]]:
    """(path, year, page number, pages) of the per-year award lists, when they are needed."""
    return [] if len(data.awards) <= LIST_LIMIT else list_pages(data.awards_by_year, year_stem)


def year_page(ctx: Ctx, year: int, number: int, total: int) -> Rendered:
    items = ctx.data.awards_by_year[year]
    nav = pager(ctx, year_stem(year), number, total)
    heading = ctx.t("achievements.year_heading", year=year, count=len(items))
    return md.compose(f"# {md.esc(heading)}", nav, _award_table(ctx, chunks(items)[number - 1]), nav,
                      ctx.link_to(md.esc(ctx.t("achievements.back")), "achievements.md"))


def standards(ctx: Ctx) -> Rendered:
    rows = []
    for standard in ctx.data.standards:
        project = ctx.data.project(standard.project)
        level = str(standard.level) if standard.level is not None else "—"
        rows.append([
            ctx.name_md(standard.name),
            md.esc(ctx.t(f"standard.kind.{standard.kind}")),
            md.esc(ctx.number(standard.count)),
            md.esc(ctx.country(standard.country)),
            ctx.name_md(project.name),
            md.esc(ctx.t(f"standard.role.{standard.role}")),
            md.esc(level),
            md.esc(ctx.t("value.yes") if standard.certified else ctx.t("value.not_applicable")),
        ])
    header = [ctx.t(k) for k in ("col.standard", "col.standard_kind", "col.count", "col.country",
                                 "col.project", "col.role", "col.level", "col.certified")]
    notes = [f"- {ctx.name_md(s.name)}: {md.paragraphs(ctx.text(s.note))}"
             for s in ctx.data.standards if s.note]
    projects = [f"- {ctx.name_md(p.name)} ({md.esc(ctx.country(p.country))}): "
                f"{md.paragraphs(ctx.text(p.about))}" for p in ctx.data.projects]
    return md.compose(
        cards(ctx, list(STANDARDS_FIGURES)),
        ctx.table(header, rows),
        ctx.sources_of([(ctx.name_md(s.name), s.sources) for s in ctx.data.standards]),
        md.note("\n".join(notes)) if notes else "",
        f"### {md.esc(ctx.t('heading.projects'))}",
        "\n".join(projects),
    )
