"""Blocks about the college itself: home page, study with us, about and contact."""

from __future__ import annotations

from .. import localise
from .. import markdown as md
from .context import Ctx, programme_page


def intro(ctx: Ctx) -> str:
    return md.paragraphs(ctx.text(ctx.data.site.about))


def highlights(ctx: Ctx) -> str:
    items = []
    for item in ctx.data.site.highlights:  # the title is the link: descriptive link text
        title = ctx.link_to(md.esc(ctx.text(item.title)), item.link)
        items.append(f"-   **{title}**\n\n    {md.esc(ctx.text(item.text))}")
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(items) + "\n\n</div>"


def ways_in(ctx: Ctx) -> str:
    links = [("home.way.study", "study.md"), ("home.way.programmes", "programmes/index.md"),
             ("home.way.partners", "partners/index.md"), ("home.way.hk_macao", "hong-kong-macao.md"),
             ("home.way.contact", "about.md#contact")]
    return "\n".join(f"- {ctx.link_to(md.esc(ctx.t(key)), page)}" for key, page in links)


def study_programmes(ctx: Ctx) -> str:
    open_groups = [p for p in ctx.data.programmes if p.status == "open_to_international_students"]
    rows = [[ctx.link_to(ctx.name_md(p.major), programme_page(p.id)),
             ctx.name_md(p.school) if p.school else ""] for p in open_groups]
    return md.table([ctx.t("col.specialty_group"), ctx.t("col.school")], rows)


def _names(ctx: Ctx, names) -> str:
    return "\n".join(f"- {ctx.name_md(n)}" for n in names)


def facilities(ctx: Ctx) -> str:
    return _names(ctx, ctx.data.site.facilities)


def student_rules(ctx: Ctx) -> str:
    return _names(ctx, ctx.data.site.student_rules)


def contact(ctx: Ctx) -> str:
    site = ctx.data.site
    office = site.office
    missing = [ctx.t(f"contact.{key}") for key in ("email", "phone", "address")
               if getattr(office, key) is None]
    rows = [
        (ctx.t("contact.office"), ctx.name_md(office.name)),
        (ctx.t("contact.college"), ctx.name_md(site.college)),
        (ctx.t("contact.city"), md.esc(ctx.text(site.city))),
        (ctx.t("contact.website"), ctx.link_to(md.esc(office.website), office.website) if office.website else ""),
        (ctx.t("contact.email"), md.esc(office.email or "")),
        (ctx.t("contact.phone"), md.esc(office.phone or "")),
        (ctx.t("contact.address"), md.esc(ctx.text(office.address)) if office.address else ""),
    ]
    honest = (md.admonition("info", ctx.t("contact.missing_title"),
                            md.esc(ctx.t("contact.missing_body", items=localise.join_list(missing, ctx.lang))))
              if missing else "")
    return md.blocks(md.facts(rows), honest)


def last_reviewed(ctx: Ctx) -> str:
    return md.esc(ctx.t("about.last_reviewed", date=localise.long_date(ctx.data.site.last_reviewed, ctx.lang)))

