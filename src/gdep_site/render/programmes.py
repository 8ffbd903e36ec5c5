"""The programme overview and one page per programme."""

from __future__ import annotations

from .. import markdown as md
from .. import models as m
from ..pages import CONTACT_PAGE
from .context import Ctx, programme_title
from .figures import cards

# Overview sections, in reading order: (kind, status) -> heading key
GROUPS = (
    ("sino_foreign_cooperative", "running"),
    ("credit_recognition", "running"),
    ("specialty_group", "open_to_international_students"),
    ("credit_recognition", "under_discussion"),
)


def overview(ctx: Ctx) -> str:
    parts = []
    for kind, status in GROUPS:
        members = [p for p in ctx.data.programmes if p.kind == kind and p.status == status]
        if not members:
            continue
        parts.append(f"## {md.esc(ctx.t(f'programmes.group.{kind}.{status}'))}")
        parts.append(md.esc(ctx.t(f"programmes.group_intro.{kind}.{status}")))
        rows = [[ctx.programme_link(p), _partner_cell(ctx, p), md.esc(md.shorten(ctx.text(p.summary)))]
                for p in members]
        parts.append(md.table([ctx.t("col.programme"), ctx.t("col.partner"), ctx.t("col.summary")], rows))
    return md.blocks(*parts)


def _partner_cell(ctx: Ctx, programme: m.Programme) -> str:
    if programme.partner is None:
        return md.esc(ctx.t("value.not_applicable"))
    cell = ctx.partner_link(programme.partner)
    if programme.partner_basis == "inferred":
        cell += " " + md.badge(ctx.t("badge.inferred"), "inferred")
    return cell


def page(ctx: Ctx, programme: m.Programme) -> str:
    rows = [
        (ctx.t("field.major"), ctx.name_md(programme.major)),
        (ctx.t("field.programme_kind"), md.esc(ctx.t(f"programme.kind.{programme.kind}"))),
        (ctx.t("field.status"), md.esc(ctx.t(f"programme.status.{programme.status}"))),
        (ctx.t("field.partner"), _partner_cell(ctx, programme) if programme.partner else ""),
        (ctx.t("field.school"), ctx.name_md(programme.school) if programme.school else ""),
        (ctx.t("field.level"), md.esc(ctx.text(programme.level)) if programme.level else ""),
        (ctx.t("field.duration"),
         md.esc(ctx.t("value.years", count=programme.duration_years)) if programme.duration_years else ""),
        (ctx.t("field.code"), md.esc(programme.code or "")),
    ]
    return md.blocks(
        f"# {md.esc(programme_title(ctx, programme))}",
        md.facts(rows),
        md.paragraphs(ctx.text(programme.summary)),
        *(md.paragraphs(ctx.text(d)) for d in programme.details),
        _inferred_note(ctx, programme),
        cards(ctx, programme.key_figures) if programme.key_figures else "",
        record_figures(ctx, programme.figures),
        _unknowns(ctx, programme),
        f"## {md.esc(ctx.t('heading.sources'))}",
        md.esc(ctx.t("sources.intro")) + " " + ctx.cite_all(programme.sources),
        ctx.link_to(md.esc(ctx.t("programmes.back")), "programmes/index.md"),
    )


def _inferred_note(ctx: Ctx, programme: m.Programme) -> str:
    if programme.partner_basis != "inferred":
        return ""
    return md.admonition("note", ctx.t("programmes.inferred_title"), md.esc(ctx.t("programmes.inferred_note")))


def _unknowns(ctx: Ctx, programme: m.Programme) -> str:
    """Say honestly what the report does not tell, instead of leaving a silent gap."""
    return md.admonition("info", ctx.t("heading.not_in_report"),
                         md.esc(ctx.t("programmes.not_in_report")) + " "
                         + ctx.link_to(md.esc(ctx.t("contact.link")), CONTACT_PAGE))


def record_figures(ctx: Ctx, figures: list[m.Figure]) -> str:
    if not figures:
        return ""
    rows = [[md.esc(ctx.text(f.label)), f"**{ctx.number(f.value)}** {md.esc(ctx.text(f.unit))}",
             str(f.year), ctx.cite(f.source)] for f in figures]
    return md.table([ctx.t("col.figure"), ctx.t("col.value"), ctx.t("col.year"), ctx.t("col.source")], rows)
