"""What search engines and link previews read: descriptions and schema.org structured data.

Pure functions of the page context; the theme override writes them into <head> escaped.
"""

from __future__ import annotations

from typing import Any

from gdep_site.core import models as m
from gdep_site.core.pages import REPORT_PAGE
from gdep_site.render.context import Ctx, programme_title
from gdep_site.render.markdown import shorten


def _record(ctx: Ctx) -> m.Partner | m.Programme | None:
    folder, _, file_name = ctx.page.partition("/")
    record_id = file_name.removesuffix(".md")
    kinds = {"partners": "partner", "programmes": "programme"}
    return ctx.data.lookup(kinds[folder], record_id) if folder in kinds else None


def description(ctx: Ctx) -> str | None:
    """A record page is described by its record; other pages by their own front matter."""
    record = _record(ctx)
    if isinstance(record, m.Partner):
        return shorten(ctx.t("seo.description", name=ctx.name(record.name), text=ctx.text(record.about)))
    if isinstance(record, m.Programme):
        return shorten(ctx.t("seo.description", name=programme_title(ctx, record), text=ctx.text(record.summary)))
    report = REPORT_PAGE.fullmatch(ctx.page)
    rep = next((r for r in ctx.data.reports if report and r.year == int(report["year"])), None)
    if rep is not None:  # a year's report: its title, and its own sentence
        title = ctx.text(rep.title)
        return shorten(ctx.t("seo.description", name=title, text=ctx.text(rep.summary.text)) if rep.summary else title)
    return None


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


def structured_data(ctx: Ctx, page_url: str) -> dict[str, Any] | None:
    """schema.org JSON-LD: the college on the home page, a programme on programme pages."""
    if ctx.page == "index.md":
        return {"@context": "https://schema.org", **_college(ctx), "description": ctx.text(ctx.data.site.about)}
    record = _record(ctx)
    if not isinstance(record, m.Programme):
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme_title(ctx, record),
        "description": ctx.text(record.summary),
        "url": page_url,
        "provider": _college(ctx),
        "programType": ctx.t(f"programme.kind.{record.kind}"),
        "inLanguage": ctx.lang,
    }
    if record.duration_years:
        data["timeToComplete"] = f"P{record.duration_years}Y"
    if record.level:
        data["educationalCredentialAwarded"] = ctx.text(record.level)
    if record.code:
        data["programCode"] = record.code
    return data
