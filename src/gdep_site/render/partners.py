"""The partner directory (grouped by country or region) and one page per partner."""

from __future__ import annotations

from itertools import groupby

from .. import localise
from .. import markdown as md
from .. import models as m
from .context import Ctx


def relations(ctx: Ctx, partner: m.Partner) -> list[str]:
    """How this partner works with the college, derived from the other records."""
    data = ctx.data
    found = [ctx.t("relation.agreement", year=a.year) for a in partner.agreements]
    for programme in data.programmes:
        if programme.partner == partner.id and programme.kind != "specialty_group":
            found.append(ctx.t(f"relation.programme.{programme.status}"))
    for base in data.bases:
        if base.partner == partner.id:
            found.append(ctx.t(f"relation.{base.kind}"))
    for activity in data.activities:
        if partner.id in activity.partners:
            found.append(ctx.t(f"relation.activity.{activity.kind}"))
    if any(p.parent == partner.id for p in data.partners):
        found.append(ctx.t("relation.parent"))
    return list(dict.fromkeys(found))


def _group_key(ctx: Ctx, partner: m.Partner) -> tuple[int, str]:
    # Partners with an unknown country go last; the rest by localised name.
    return (partner.country is None, ctx.country(partner.country))


def directory(ctx: Ctx) -> str:
    partners = sorted(ctx.data.partners, key=lambda p: (_group_key(ctx, p), ctx.name(p.name)))
    parts = []
    for (_, country), members in groupby(partners, key=lambda p: _group_key(ctx, p)):
        members = list(members)
        rows = [
            [ctx.partner_link(p.id), md.esc(ctx.t(f"kind.{p.kind}")),
             md.esc(localise_join(ctx, relations(ctx, p)))]
            for p in members
        ]
        heading = ctx.t("partners.group_heading", region=country, count=len(members))
        parts.append(f"## {md.esc(heading)}")
        parts.append(md.table([ctx.t("col.name"), ctx.t("col.kind"), ctx.t("col.relations")], rows))
    intro = ctx.t("partners.directory_intro", count=len(partners),
                  regions=len({p.country for p in partners if p.country}))
    return md.blocks(md.esc(intro), *parts)


def localise_join(ctx: Ctx, items: list[str]) -> str:
    return localise.join_list(items, ctx.lang)


def page(ctx: Ctx, partner: m.Partner) -> str:
    name = partner.name
    other_lang_name = name.zh if ctx.lang == "en" else (name.en or ctx.t("value.no_verified_en"))
    website = (f"[{md.esc(partner.website)}]({partner.website})" if partner.website
               else md.esc(ctx.t("value.website_not_verified")))
    parent = ctx.partner_link(partner.parent) if partner.parent else ""
    rows = [
        (ctx.t("field.name_other_language"), md.esc(other_lang_name)),
        (ctx.t("field.abbr"), md.esc(name.abbr or "")),
        (ctx.t("field.kind"), md.esc(ctx.t(f"kind.{partner.kind}"))),
        (ctx.t("field.country"), md.esc(ctx.country(partner.country))),
        (ctx.t("field.city"), md.esc(ctx.text(partner.city) if partner.city else ctx.t("value.not_known"))),
        (ctx.t("field.website"), website),
        (ctx.t("field.parent"), parent),
        (ctx.t("field.relations"), md.esc(localise_join(ctx, relations(ctx, partner)))),
    ]
    return md.blocks(
        f"# {md.esc(ctx.name(name))}",
        ctx.name_badge(name),
        md.facts(rows),
        f"## {md.esc(ctx.t('heading.about'))}",
        md.paragraphs(ctx.text(partner.about)),
        _unconfirmed(ctx, partner),
        _linked_records(ctx, partner),
        _as_reported(ctx, partner),
        f"## {md.esc(ctx.t('heading.sources'))}",
        md.esc(ctx.t("sources.intro")) + " " + ctx.cite_all(partner.sources),
        ctx.link_to(md.esc(ctx.t("partners.back")), "partners/index.md"),
    )


def _unconfirmed(ctx: Ctx, partner: m.Partner) -> str:
    if partner.unconfirmed is None:
        return ""
    body = md.blocks(md.paragraphs(ctx.text(partner.unconfirmed)), md.esc(ctx.t("unconfirmed.help")))
    return md.admonition("warning", ctx.t("heading.unconfirmed"), body)


def _linked_records(ctx: Ctx, partner: m.Partner) -> str:
    data = ctx.data
    items = [f"- {ctx.programme_link(p)}" for p in data.programmes if p.partner == partner.id]
    items += [f"- {ctx.link_to(ctx.name_md(b.name), 'campus-and-bases.md#' + b.id)}"
              for b in data.bases if b.partner == partner.id]
    items += [f"- {ctx.link_to(md.esc(ctx.text(a.title)), activity_page(a) + '#' + a.id)}"
              for a in data.activities if partner.id in a.partners]
    items += [f"- {ctx.partner_link(p.id)}" for p in data.partners if p.parent == partner.id]
    if not items:
        return ""
    return md.blocks(f"## {md.esc(ctx.t('heading.related'))}", "\n".join(items))


def activity_page(activity: m.Activity) -> str:
    return "hong-kong-macao.md" if activity.topic == "hk_macao" else "exchanges.md"


def _as_reported(ctx: Ctx, partner: m.Partner) -> str:
    if not partner.name_as_reported:
        return ""
    names = localise_join(ctx, [f"“{n}”" for n in partner.name_as_reported])
    return md.esc(ctx.t("partners.as_reported", names=names))
