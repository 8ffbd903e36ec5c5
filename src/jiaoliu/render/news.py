"""News: the latest three on the home page, every item on the News page, and each language's Atom
feed. Nothing at all while there is no news (no section, no page, no feed, no link to one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.pages import NEWS_FEED, NEWS_PAGE, address_of_path, parse_link
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx

LATEST = 3  # on the home page


def latest(ctx: Ctx) -> str:
    """The home page's newest items, each leading to its place on the News page."""
    items = ctx.data.news.newest_first()[:LATEST]
    if not items:
        return ""
    rows = "\n".join("- " + ctx.t_markdown("news.dated", date=md.esc(localise.long_date(item.date, ctx.lang)),
                                            title=ctx.link_to(md.esc(ctx.text(item.title)), f"{NEWS_PAGE}#{anchor(item)}"))
                     for item in items)
    return md.blocks(f"## {md.esc(ctx.t('news.latest'))}", rows,
                     ctx.link_to(md.esc(ctx.t("news.all")), NEWS_PAGE))


def anchor(item: m.NewsItem) -> str:
    """An item's place on the News page: prefixed, so that no id staff choose is one of the page's own."""
    return f"news-{item.id}"


def page(ctx: Ctx) -> str:
    """Every item, newest first, under its title with its date."""
    return md.blocks(*(md.blocks(
        f"## {md.esc(ctx.text(item.title))} {{#{anchor(item)}}}",
        f"*{md.esc(localise.long_date(item.date, ctx.lang))}*",
        md.paragraphs(ctx.text(item.text)),
        ctx.link_to(md.esc(ctx.t("news.more")), item.link) if item.link else "",
    ) for item in ctx.data.news.newest_first()))


def feed(ctx: Ctx, language_url: str, title: str, lang: str, convert: Callable[[str], str] = str) -> str | None:
    """The Atom feed (RFC 4287) of the language `lang`: absolute addresses under `language_url`
    (its home page's address), `title` the site's name in it; `convert` gives a converted
    language its script. None without news."""
    items = ctx.data.news.newest_first()
    if not items:
        return None
    page_url = language_url + address_of_path(NEWS_PAGE)
    entries = "".join(_entry(ctx, item, page_url, language_url, convert) for item in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>\n'
            f"  <title>{escape(title)}</title>\n  <id>{escape(page_url)}</id>\n"
            f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url)}/>\n"
            f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(language_url + NEWS_FEED)}/>\n"
            f"  <updated>{_timestamp(items[0].date)}</updated>\n"
            f"  <author><name>{escape(convert(ctx.name(ctx.data.site.college)))}</name></author>\n{entries}</feed>\n")


def _entry(ctx: Ctx, item: m.NewsItem, page_url: str, language_url: str, convert: Callable[[str], str]) -> str:
    link = _absolute(item.link, language_url) if item.link else f"{page_url}#{anchor(item)}"
    return (f"  <entry>\n    <id>{escape(page_url)}#{escape(item.id)}</id>\n"
            f"    <title>{escape(convert(ctx.text(item.title)))}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>\n"
            f"    <updated>{_timestamp(item.date)}</updated>\n"
            f"    <summary>{escape(convert(ctx.text(item.text)))}</summary>\n  </entry>\n")


def _absolute(link: str, language_url: str) -> str:
    """A data link as an address a feed reader can open: https as it is, a page of the site under
    the language's address."""
    parsed = parse_link(link)
    if parsed is None or parsed.page is None:
        return link
    return language_url + address_of_path(parsed.page) + (f"#{parsed.anchor}" if parsed.anchor else "")


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
