"""Awards in international competitions, and the standards exported abroad."""

from __future__ import annotations

from .. import markdown as md
from .context import Ctx
from .figures import cards


def awards(ctx: Ctx) -> str:
    rows = []
    for award in ctx.data.awards:
        competition = ctx.data.competition(award.competition)
        rows.append([ctx.name_md(competition.name), md.esc(ctx.t(f"result.{award.result}")),
                     str(award.year), ctx.cite(award.source)])
    notes = [
        f"- {ctx.name_md(c.name)}: {md.paragraphs(ctx.text(c.note))}"
        for c in ctx.data.competitions if c.note
    ]
    return md.blocks(
        cards(ctx, ["awards"]),
        md.table([ctx.t("col.competition"), ctx.t("col.result"), ctx.t("col.year"), ctx.t("col.source")], rows),
        md.esc(ctx.t("achievements.competition_notes")) if notes else "",
        "\n".join(notes),
    )


def standards(ctx: Ctx) -> str:
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
            md.esc(ctx.t("value.yes") if standard.certified else ctx.t("value.not_stated")),
            ctx.cite_all(standard.sources),
        ])
    header = [ctx.t(k) for k in ("col.standard", "col.standard_kind", "col.count", "col.country",
                                 "col.project", "col.role", "col.level", "col.certified", "col.source")]
    notes = [f"- {ctx.name_md(s.name)}: {md.paragraphs(ctx.text(s.note))}"
             for s in ctx.data.standards if s.note]
    projects = [f"- {ctx.name_md(p.name)} ({md.esc(ctx.country(p.country))}): "
                f"{md.paragraphs(ctx.text(p.about))}" for p in ctx.data.projects]
    return md.blocks(
        cards(ctx, ["occupational-standards", "curriculum-standards"]),
        md.table(header, rows),
        "\n".join(notes),
        f"### {md.esc(ctx.t('heading.projects'))}",
        "\n".join(projects),
    )
