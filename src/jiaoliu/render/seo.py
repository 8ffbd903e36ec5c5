"""What search engines and link previews read: descriptions and schema.org structured data.

Pure functions of the page context and a record; which page gets which is declared with the kinds
of page (`jiaoliu.render.registry`). The theme override writes them into <head> escaped.
"""

from __future__ import annotations

from typing import Any

from jiaoliu.core import models as m
from jiaoliu.render.context import Ctx, programme_title
from jiaoliu.render.markdown import shorten


def partner_description(ctx: Ctx, partner: m.Partner) -> str:
    return shorten(ctx.t("seo.description", name=ctx.name(partner.name), text=ctx.text(partner.about)))


def programme_description(ctx: Ctx, programme: m.Programme) -> str:
    return shorten(ctx.t("seo.description", name=programme_title(ctx, programme), text=ctx.text(programme.summary)))


def report_description(ctx: Ctx, report: m.Report) -> str:
    """A year's report: its title, and its own sentence."""
    title = ctx.text(report.title)
    return shorten(ctx.t("seo.description", name=title, text=ctx.text(report.summary.text)) if report.summary else title)


def _college(ctx: Ctx) -> dict[str, Any]:
    site = ctx.data.site
    return {
        "@type": "CollegeOrUniversity",
        "name": ctx.name(site.college),
        "alternateName": [n for n in (site.college.zh, site.college.en, site.college.abbr)
                          if n and n != ctx.name(site.college)],
        "url": site.website,
        "address": {"@type": "PostalAddress", "addressLocality": ctx.text(site.city), "addressCountry": "CN"},
    }


def college_data(ctx: Ctx) -> dict[str, Any]:
    """The home page: the college."""
    return {"@context": "https://schema.org", **_college(ctx), "description": ctx.text(ctx.data.site.about)}


def programme_data(ctx: Ctx, programme: m.Programme, page_url: str) -> dict[str, Any]:
    """A programme's page: the programme, offered by the college."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme_title(ctx, programme),
        "description": ctx.text(programme.summary),
        "url": page_url,
        "provider": _college(ctx),
        "programType": ctx.t(f"programme.kind.{programme.kind}"),
        "inLanguage": ctx.lang,
    }
    if programme.duration_years:
        data["timeToComplete"] = f"P{programme.duration_years}Y"
    if programme.level:
        data["educationalCredentialAwarded"] = ctx.text(programme.level)
    if programme.code:
        data["programCode"] = programme.code
    return data
