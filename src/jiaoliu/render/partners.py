"""The partner directory (grouped by country or region) and one page per partner."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

from markupsafe import Markup

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.pages import region_stem
from jiaoliu.render import markdown as md
from jiaoliu.render.context import LIST_LIMIT, Ctx, chunks, list_pages, numbered, pager
from jiaoliu.render.figures import figures_page_note
from jiaoliu.render.markdown import Rendered
from jiaoliu.render.photos import photo


def relations(ctx: Ctx, partner: m.Partner) -> list[str]:
    """How this partner works with the college, derived from the other records."""
    # What the partnership offers comes first; the agreement behind it last.
    linked = ctx.data.by_partner[partner.id]
    found = [ctx.t(f"relation.programme.{p.status}") for p in linked["programmes"]
             if p.kind != "specialty_group"]
    found += [ctx.t(f"relation.{b.kind}") for b in linked["bases"]]
    found += [ctx.t(f"relation.activity.{a.kind}") for a in linked["activities"]]
    if linked["members"]:
        found.append(ctx.t("relation.parent"))
    found += [ctx.t("relation.agreement", year=a.year) for a in partner.agreements]
    return list(dict.fromkeys(found))


def _group_key(ctx: Ctx, partner: m.Partner) -> tuple[bool, tuple[str, str]]:
    # Partners whose country is not known go last, as "more partners": not as a gap.
    return (partner.country is None, localise.sort_key(region_name(ctx, partner.country), ctx.lang))


def region_name(ctx: Ctx, code: str | None) -> str:
    return ctx.country(code) if code else ctx.t("partners.group_other")


def _groups(ctx: Ctx, partners: Iterable[m.Partner] | None = None) -> list[tuple[str, list[m.Partner]]]:
    """(region name, partners) in reading order for this language (of every listed partner by
    default)."""
    partners = sorted(ctx.data.listed_partners if partners is None else partners,
                      key=lambda p: (_group_key(ctx, p), _name_key(ctx, p)))
    return [(region_name(ctx, members[0].country), members)
            for members in (list(group) for _, group in groupby(partners, key=lambda p: _group_key(ctx, p)))]


def _name_key(ctx: Ctx, partner: m.Partner) -> tuple[str, str]:
    return localise.sort_key(ctx.name(partner.name), ctx.lang)


def _cards(ctx: Ctx, partners: list[m.Partner]) -> Rendered:
    """Partners as cards (partials/jiaoliu/partner-cards.html): the name in the reader's language (a
    link), the other language's name, the kind, and what the partnership offers."""
    cards = []
    for partner in partners:
        other_lang, other = _other_language_name(ctx, partner.name) or ("", "")
        what = [ctx.t(f"kind.{partner.kind}"), *relations(ctx, partner)]
        cards.append({"link": Markup(ctx.partner_link(partner.id)), "other": other, "other_lang": other_lang,
                      "what": " · ".join([what[0], localise_join(ctx, what[1:])]) if len(what) > 1 else what[0]})
    return md.compose(ctx.partial("partner-cards", cards=cards),
                      ctx.sources_of([(ctx.name_md(p.name), p.sources) for p in partners]))


def _other_language_name(ctx: Ctx, name: m.Name) -> tuple[str, str] | None:
    """(lang, name) in the other language, when it differs from what the page shows."""
    if not localise.is_chinese(ctx.lang):
        return ("zh", name.zh) if name.en else None  # without an English form the page shows the Chinese
    return ("en", name.en) if name.en else None


def directory(ctx: Ctx) -> Rendered:
    """Every listed partner by region; above LIST_LIMIT partners, one page per region instead."""
    partners = ctx.data.listed_partners
    regions = ctx.t("partners.regions", count=len({p.country for p in partners if p.country}))  # its own plural
    intro = md.esc(ctx.t("partners.directory_intro", count=len(partners), regions=regions))
    if len(partners) <= LIST_LIMIT:
        return md.compose(intro, *_by_kind_and_region(ctx, partners), figures_page_note(ctx))
    rows = [[ctx.link_to(md.esc(country), numbered(region_stem(members[0].country), 1)),
             ctx.number(len(members))] for country, members in _groups(ctx)]
    return md.compose(intro, ctx.table([ctx.t("col.country"), ctx.t("col.count")], rows), figures_page_note(ctx))


def _by_kind_and_region(ctx: Ctx, partners: Sequence[m.Partner]) -> list[str | Rendered]:
    """Institutions by region; then, under a heading of their own, the companies, organisations
    and schemes (the report lists them alike): a reader counting institutions counts only those."""
    institutions = [p for p in partners if p.kind in m.INSTITUTION_KINDS]
    others = sorted((p for p in partners if p.kind not in m.INSTITUTION_KINDS), key=lambda p: _name_key(ctx, p))
    level = "###" if others else "##"
    parts: list[str | Rendered] = []
    if others and institutions:
        parts.append(f"## {md.esc(ctx.t('partners.institutions_heading', count=len(institutions)))}")
    for country, members in _groups(ctx, institutions):
        heading = ctx.t("partners.group_heading", region=country, count=len(members))
        parts += [f"{level} {md.esc(heading)}", _cards(ctx, members)]
    if others:
        parts += [f"## {md.esc(ctx.t('partners.others_heading', count=len(others)))}", _cards(ctx, others)]
    return parts


def region_pages(data) -> list[tuple[str, str | None, int, int]]:
    """(path, country code, page number, pages) of the per-region lists, when they are needed."""
    return [] if len(data.listed_partners) <= LIST_LIMIT else list_pages(data.by_country, region_stem)


def region_page(ctx: Ctx, code: str | None, number: int, total: int) -> Rendered:
    members = sorted(ctx.data.by_country[code], key=lambda p: _name_key(ctx, p))
    shown = chunks(members)[number - 1]
    heading = ctx.t("partners.group_heading", region=region_name(ctx, code), count=len(members))
    nav = pager(ctx, region_stem(code), number, total)
    return md.compose(f"# {md.esc(heading)}", nav, _cards(ctx, shown), nav,
                      ctx.link_to(md.esc(ctx.t("partners.back")), "partners/index.md"))


def localise_join(ctx: Ctx, items: list[str]) -> str:
    return localise.join_list(items, ctx.lang)


def page(ctx: Ctx, partner: m.Partner) -> Rendered:
    """What the partnership offers first (programmes and their figures, bases, activities), then
    the partner's details; caveats and sources go to the page's sources block."""
    name = partner.name
    other_lang_name = name.zh if not localise.is_chinese(ctx.lang) else (name.en or ctx.t("value.no_verified_en"))
    # What is not known is left out, not listed as a gap (staff see it with jiaoliu-check --todo).
    website = ctx.link_to(md.esc(partner.website), partner.website) if partner.website else ""
    parent = ctx.partner_link(partner.parent) if partner.parent else ""
    agreements = localise_join(ctx, [ctx.t(f"value.agreement_{a.event}", year=a.year) for a in partner.agreements])
    rows = [
        (ctx.t("field.areas"), md.esc(localise_join(ctx, [ctx.t(f"area.{area}") for area in partner.areas]))),
        (ctx.t("field.name_other_language"), md.esc(other_lang_name)),
        (ctx.t("field.abbr"), md.esc(name.abbr or "")),
        (ctx.t("field.kind"), md.esc(ctx.t(f"kind.{partner.kind}"))),
        (ctx.t("field.country"), md.esc(ctx.country(partner.country)) if partner.country else ""),
        (ctx.t("field.city"), md.esc(ctx.text(partner.city)) if partner.city else ""),
        (ctx.t("field.website"), website),
        (ctx.t("field.parent"), parent),
        (ctx.t("field.agreement"), md.esc(agreements)),
    ]
    # A placeholder for institutions the report leaves unnamed is not a partner to find by search.
    front_matter = "---\nsearch:\n  exclude: true\n---" if partner.kind == "unnamed" else ""
    return md.compose(
        front_matter,
        f"# {md.esc(ctx.name(name))}",
        ctx.name_badge(name),
        md.paragraphs(ctx.text(partner.about)),
        photo(ctx, partner.photo),
        _together(ctx, partner),
        f"## {md.esc(ctx.t('heading.details'))}",
        ctx.facts(rows),
        ctx.link_to(md.esc(ctx.t("partners.back")), "partners/index.md"),
        ctx.source(partner.sources),
        _beyond_report(ctx, partner),
        _unconfirmed(ctx, partner),
        _as_reported(ctx, partner),
    )


def _beyond_report(ctx: Ctx, partner: m.Partner) -> Rendered:
    """The report names partners, never their cities or websites: where the page gives them, its
    sources say where they come from (the About page's policy)."""
    given = [name for name, value in (("city", partner.city), ("website", partner.website)) if value]
    if not given:
        return Rendered()
    return md.note(md.esc(ctx.t(f"partners.beyond_report.{'_'.join(given)}")))


def _unconfirmed(ctx: Ctx, partner: m.Partner) -> Rendered:
    if partner.unconfirmed is None:
        return Rendered()
    return md.note(md.blocks(f"**{md.esc(ctx.t('heading.unconfirmed'))}**",
                             md.paragraphs(ctx.text(partner.unconfirmed)),
                             md.esc(ctx.t("unconfirmed.help"))))


def _together(ctx: Ctx, partner: m.Partner) -> Rendered:
    """What the college and this partner do together: programmes with their figures first."""
    linked = ctx.data.by_partner[partner.id]
    items = [f"- {ctx.programme_link(p)}{_figures_inline(ctx, p.figures)}" for p in linked["programmes"]]
    items += [f"- {ctx.link_to(ctx.name_md(b.name), 'campus-and-bases.md#' + b.id)}" for b in linked["bases"]]
    items += [f"- {ctx.link_to(md.esc(ctx.text(a.title)), activity_page(a) + '#' + a.id)}"
              for a in linked["activities"]]
    items += [f"- {ctx.partner_link(p.id)}" for p in linked["members"]]
    if not items:
        return Rendered()
    sources = [ctx.sources_of([(md.esc(ctx.text(f.label)), [f.source]) for f in p.figures])
               for p in linked["programmes"]]
    return md.compose(f"## {md.esc(ctx.t('heading.together'))}", "\n".join(items), *sources)


def _figures_inline(ctx: Ctx, figures: list[m.Figure]) -> str:
    """A programme's figures after its link: "New students in 2023: 104 students · …"."""
    if not figures:
        return ""
    shown = [ctx.pair(md.esc(ctx.text(f.label)), f"**{ctx.number(f.value)}** {md.esc(ctx.unit(f.unit, f.value))}")
             for f in figures]
    return "  \n  " + " · ".join(shown)


def activity_page(activity: m.Activity) -> str:
    return "hong-kong-macao.md" if activity.topic == "hk_macao" else "exchanges.md"


def _as_reported(ctx: Ctx, partner: m.Partner) -> Rendered:
    if not partner.name_as_reported:
        return Rendered()
    names = localise_join(ctx, [f"“{n}”" for n in partner.name_as_reported])
    return md.note(md.esc(ctx.t("partners.as_reported", names=names)))
