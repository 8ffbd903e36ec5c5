"""The project's own list of pages, in every language: what the language switcher, the hreflang
links, the sitemap and the offers of another language are made from.

A page has one address in every language (`partners/nmit/`), under that language's folder. A
written language has its hand-written pages (docs/<code>/, but not those whose data is not filled
in yet) and a page per record; a converted language has exactly the pages of the language it is
made from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from jiaoliu.core.languages import Languages
from jiaoliu.core.pages import address_of_path
from jiaoliu.render import record_pages
from jiaoliu.render.context import Site


def address_of(url: str) -> str:
    """A page's address within its language's site, as MkDocs gives it: "" for the home."""
    return "" if url in ("", ".", "./") else url


@dataclass(frozen=True)
class SitePages:
    languages: Languages
    by_language: Mapping[str, frozenset[str]]  # language code → the addresses of its pages
    hand_written: Mapping[str, frozenset[str]]  # written language code → its pages' paths in docs/

    @classmethod
    def of(cls, site: Site, languages: Languages, hand_written: Mapping[str, frozenset[str]]) -> SitePages:
        records = frozenset(address_of_path(record.path) for record in record_pages(site))
        unbuilt = site.data.pages_without_content()
        written = {lang.code: records | {address_of_path(p) for p in hand_written.get(lang.code, ()) if p not in unbuilt}
                   for lang in languages.written}
        by_language = {lang.code: written[lang.text] for lang in languages}
        return cls(languages, by_language, {code: frozenset(paths) for code, paths in hand_written.items()})

    def alternates(self, address: str, base_url: str, default: bool = True) -> list[dict[str, str]]:
        """hreflang links: the page in every language that has it, absolute, and (`default`) the
        default language's as x-default."""
        links = [{"lang": lang.code, "href": base_url + lang.folder + address}
                 for lang in self.languages if address in self.by_language.get(lang.code, ())]
        if len(links) < 2:
            return []
        first = next((link for link in links if link["lang"] == self.languages.default.code), None)
        return links + ([{"lang": "x-default", "href": first["href"]}] if first and default else [])

    def switcher(self, address: str | None, to_root: str) -> list[dict[str, str]]:
        """Each language's version of the page (or its home), as relative addresses from the page
        (`to_root` leads from it to the site's root)."""
        items = []
        for lang in self.languages:
            target = address if address is not None and address in self.by_language.get(lang.code, ()) else ""
            items.append({"lang": lang.code, "name": lang.name, "url": (to_root + lang.folder + target) or "./"})
        return items

    def sitemap(self, base_url: str, lastmod: str) -> str:
        """sitemap.xml: every page of every language, with its versions in the others."""
        entries = []
        for lang in self.languages:
            for address in sorted(self.by_language.get(lang.code, ())):
                links = "".join(f'\n        <xhtml:link rel="alternate" hreflang={quoteattr(link["lang"])} '
                                f'href={quoteattr(link["href"])}/>' for link in self.alternates(address, base_url))
                entries.append(f"    <url>\n        <loc>{escape(base_url + lang.folder + address)}</loc>\n"
                               f"        <lastmod>{escape(lastmod)}</lastmod>\n"
                               f"        <changefreq>daily</changefreq>{links}\n    </url>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
                + "\n".join(entries) + "\n</urlset>\n")
