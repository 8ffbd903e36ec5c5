"""Blocks about the college itself: home page, study with us, how to apply, about and contact."""

from __future__ import annotations

from markupsafe import Markup

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.kinds import PROGRAMMES
from jiaoliu.core.pages import CONTACT_PAGE, PARTNERING_PAGE, STUDY_PAGE, mailto, tel, whatsapp
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx
from jiaoliu.render.markdown import Rendered
from jiaoliu.render.photos import photo


def intro(ctx: Ctx) -> Rendered:
    site = ctx.data.site
    return md.compose(md.paragraphs(ctx.text(site.about)),
                      ctx.source(site.sources.about, md.esc(ctx.t("sources.about"))))


def highlights(ctx: Ctx) -> str:
    # The title is the link: descriptive link text.
    items = [{"link": Markup(ctx.link_to(md.esc(ctx.text(item.title)), item.link)), "text": ctx.text(item.text)}
             for item in ctx.data.site.highlights]
    return ctx.partial("highlights", items=items)


# The ways in, from the top of the home page, unless site.yml names its own (`home_buttons`):
# (words, pages, a filled button); each leads to the first of its pages that is built (partners to how a partnership starts, once it is written).
WAYS_IN = (("home.entry.study", (STUDY_PAGE,), True),
           ("home.entry.partner", (PARTNERING_PAGE, "partners/index.md"), True),
           ("home.entry.hk_macao", ("hong-kong-macao.md",), True),
           ("home.entry.contact", (CONTACT_PAGE,), False))


def hero(ctx: Ctx) -> Rendered:
    """The top of the home page: the college, what this site is, one sentence in the report's own
    words, and one tap to each audience's way in and to the contact page."""
    site = ctx.data.site
    unbuilt = ctx.data.pages_without_content()
    ways = [{"link": Markup(ctx.link_to(md.esc(ctx.text(button.label)), button.link)), "primary": button.primary}
            for button in site.home_buttons] or \
           [{"link": Markup(ctx.link_to(md.esc(ctx.t(key)), next(p for p in pages if p not in unbuilt))),
             "primary": primary} for key, pages, primary in WAYS_IN]
    return md.compose(
        ctx.partial("hero", college=ctx.name(site.college), title=ctx.t("home.title"),
                    lead=ctx.text(site.tagline.text), ways_label=ctx.t("home.entries"), ways=ways,
                    photo=Markup(photo(ctx, site.photo, "hero"))),
        ctx.source([site.tagline.source], md.esc(ctx.t("sources.tagline"))),
    )


def _open_to_international_students(ctx: Ctx, kind: str) -> list[m.Programme]:
    """The programmes of a kind that admit international students, in this language's order."""
    return sorted((p for p in ctx.data.programmes if p.kind == kind and p.status == "open_to_international_students"),
                  key=lambda p: localise.sort_key(ctx.name(p.major), ctx.lang))


def study_programmes(ctx: Ctx) -> Rendered:
    open_groups = _open_to_international_students(ctx, "specialty_group")
    rows = [[ctx.link_to(ctx.name_md(p.major), PROGRAMMES.page(p.id)),
             ctx.name_md(p.school) if p.school else ""] for p in open_groups]
    return md.compose(ctx.table([ctx.t("col.specialty_group"), ctx.t("col.school")], rows),
                      ctx.source([s for p in open_groups for s in p.sources], md.esc(ctx.t("col.specialty_group"))))


def chinese_courses(ctx: Ctx) -> Rendered:
    """The Chinese-language courses open to international students: level, length and when they
    start, each linked to its page; nothing while there is none."""
    courses = _open_to_international_students(ctx, "chinese_language")
    rows = [[ctx.link_to(ctx.name_md(p.major), PROGRAMMES.page(p.id)),
             md.esc(ctx.text(p.level)) if p.level else "", md.esc(ctx.text(p.length)) if p.length else "",
             md.esc(ctx.text(p.intake)) if p.intake else ""] for p in courses]
    return md.compose(ctx.table([ctx.t("col.course"), ctx.t("col.level"), ctx.t("col.length"), ctx.t("col.intake")],
                                rows),
                      ctx.source([s for p in courses for s in p.sources], md.esc(ctx.t("col.course"))))


def _names(ctx: Ctx, names) -> str:
    return "\n".join(f"- {ctx.name_md(n)}" for n in names)


def facilities(ctx: Ctx) -> Rendered:
    return _names_with_sources(ctx, "facilities")


def student_rules(ctx: Ctx) -> Rendered:
    return _names_with_sources(ctx, "student_rules")


def _names_with_sources(ctx: Ctx, field: str) -> Rendered:
    sections = getattr(ctx.data.site.sources, field)
    return md.compose(_names(ctx, getattr(ctx.data.site, field)),
                      ctx.source(sections, md.esc(ctx.t(f"sources.{field}"))))


def contact(ctx: Ctx) -> str:
    """The office and the channels the office has filled in; with none, where to turn instead
    (readers never see a list of what is missing: `jiaoliu-check --todo` shows staff)."""
    site = ctx.data.site
    office = site.office
    channels = [(ctx.t(f"contact.{channel}"), _channel(ctx, office, channel))
                for channel in m.CONTACT_CHANNELS if getattr(office, channel) is not None]
    rows = [(ctx.t("contact.office"), ctx.name_md(office.name)), *channels,
            (ctx.t("contact.college"), ctx.name_md(site.college)),
            (ctx.t("contact.city"), md.esc(ctx.text(site.city)))]
    elsewhere = "" if channels else (
        f"{md.esc(ctx.t('contact.none_yet'))} {ctx.link_to(md.esc(site.website), site.website)}")
    return md.blocks(elsewhere, ctx.facts(rows))


def _channel(ctx: Ctx, office: m.Office, channel: str) -> str:
    """One contact channel as safe Markdown: email, phone and WhatsApp as links."""
    value = getattr(office, channel)
    if channel == "email":
        return md.link(md.esc(value), mailto(value))
    if channel == "phone":
        return md.link(md.esc(value), tel(value))
    if channel == "whatsapp":
        return md.link(md.esc(value), whatsapp(value))
    if channel == "website":
        return ctx.link_to(md.esc(value), value)
    if isinstance(value, m.Label):
        return md.esc(ctx.text(value))
    return md.esc(value)  # a WeChat ID: people type it into the app


def apply(ctx: Ctx) -> str:
    """How to apply: the sections the office has filled in, under one heading; nothing if none."""
    parts = _filled_sections(ctx, ctx.data.admissions, m.ADMISSIONS_SECTIONS, "apply")
    return md.blocks(f"## {md.esc(ctx.t('apply.title'))} {{#apply}}", *parts) if parts else ""


def hong_kong_macao_apply(ctx: Ctx) -> str:
    """How students from Hong Kong and Macao apply: the sections the office has filled in, under
    one heading; while none is, one sentence on where to ask, linked."""
    parts = _filled_sections(ctx, ctx.data.admissions.hong_kong_macao, m.HK_MACAO_ADMISSIONS_SECTIONS,
                             "apply.hk_macao")
    ask = ctx.pair(md.esc(ctx.t("apply.ask")), ctx.link_to(md.esc(ctx.t("contact.link")), CONTACT_PAGE))
    return md.blocks(f"## {md.esc(ctx.t('apply.title'))} {{#apply}}", *parts, ask) if parts else ask


def _filled_sections(ctx: Ctx, record: object, sections: tuple[str, ...], strings: str) -> list[str]:
    """Each section with content, under its heading (`strings`.<section>): a text as paragraphs, a
    list as a list (steps numbered)."""
    parts = []
    for section in sections:
        value = getattr(record, section)
        if not value:
            continue
        parts.append(f"### {md.esc(ctx.t(f'{strings}.{section}'))}")
        if isinstance(value, list):
            marker = "1." if section == "steps" else "-"
            parts.append("\n".join(f"{marker} {md.esc(ctx.text(item))}" for item in value))
        else:
            parts.append(md.paragraphs(ctx.text(value)))
    return parts


def last_reviewed(ctx: Ctx) -> str:
    return md.esc(ctx.t("about.last_reviewed", date=localise.long_date(ctx.data.site.last_reviewed, ctx.lang)))

