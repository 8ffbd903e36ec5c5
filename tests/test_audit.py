"""Audits of the built site as files: every link and anchor, HTML validity (Nu validator),
and what search engines and link previews read."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import LANG_PREFIX, ROOT, all_page_paths, record_paths
from site_markup import site_problems

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Nu validator messages that come from Material's own templates, each justified:
THEME_NOISE = {
    # base.html puts autocomplete="off" on the two checkbox toggles (drawer, search) so that
    # Firefox does not restore them open after "back"; the attribute is harmless there.
    r"Attribute “autocomplete” is only allowed when the input type is",
    # partials/toc.html labels the table of contents for the "__toc" toggle that Material only
    # renders for pages in the navigation; record pages are deliberately left out of the nav.
    r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
    # partials/nav-item.html writes tabindex="" on the labels of the top-level menu groups when
    # navigation.tabs is on (the tabs are the way to them; the labels are not meant to be focused).
    r"Bad value “” for attribute “tabindex” on element “label”",
}


def _documents(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, lxml_html.fromstring(path.read_bytes())


def _target_file(site: Path, page: Path, href: str, site_url: str) -> tuple[Path, str] | None:
    """The built file an internal link points to, and its anchor; None for external links."""
    if href.startswith(site_url):
        href = "/" + href[len(site_url):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        target = site / path.lstrip("/")
    elif path:
        target = (page.parent / path)
    else:
        target = page
    target = Path(posixpath.normpath(str(target)))
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_no_page_runs_or_embeds_anything_that_is_not_ours(site):
    """Every page of every language: the scripts our templates and Material put there and no
    other, no inline event handler, no javascript:/vbscript:/data: address, nothing embedded."""
    assert site_problems(site) == []


def test_the_markup_audit_reports_every_injection(tmp_path):
    """The same check on a page with one of each injection (tests/fixtures/markup/injected.html)."""
    page = tmp_path / "en" / "injected" / "index.html"
    page.parent.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "markup" / "injected.html", page)
    found = [problem.removeprefix("en/injected/index.html: ") for problem in site_problems(tmp_path)]
    assert found == [
        "<meta http-equiv=refresh> sends the reader elsewhere",
        "<base> changes where every relative address of the page leads",
        "an inline <script> that is not ours (hash 6e11c72f7cf6bc38): 'alert(1)'",
        "a <script src='https://evil.test/x.js'> that is not ours",
        "a <script src='../../assets/javascripts/jiaoliu-search.js'> that is not ours",
        "a <script type='application/json'> that is not JSON: '{\"a\": \"'",
        "<img onerror> is an inline event handler: 'alert(1)'",
        "<a href> is a javascript: address: 'javascript:alert(1)'",
        "<a href> is a javascript: address: ' JaVa\\nScript:alert(1)'",
        "<img src> is a data: address: 'data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E'",
        "a <form> that is not ours (class None)",
        "<form action> is a vbscript: address: 'vbscript:msgbox(1)'",
        "<button formaction> is a javascript: address: 'javascript:alert(1)'",
        "<iframe> embeds another document",
        "<object> embeds another document",
        "<embed> embeds another document",
        "<a xlink:href> is a javascript: address: 'javascript:alert(1)'",
        "<img srcset> is a javascript: address: 'javascript:alert(1)'",
        "<div onmouseover> is an inline event handler: 'alert(1)'",
    ]


def test_every_internal_link_and_anchor_resolves(site):
    from mkdocs.config import load_config

    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    ids_cache: dict[Path, set[str]] = {}
    checked, broken = 0, []
    for page, document in _documents(site):
        for element in document.xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src]"):
            href = element.get("href") or element.get("src")
            resolved = _target_file(site, page, href, site_url)
            if resolved is None:
                continue
            target, anchor = resolved
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no {target.relative_to(site)})")
                continue
            if anchor and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = set(lxml_html.fromstring(target.read_bytes()).xpath("//@id | //a/@name"))
                if anchor not in ids_cache[target]:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor #{anchor})")
    assert checked > 3000
    assert broken == []


def _validate(*paths: Path) -> list[dict]:
    java = shutil.which("java")
    assert java and VNU.is_file(), "Java and the Nu validator (npm vnu-jar) are needed: run ./scripts/test"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             *map(str, paths)], capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr or result.stdout)["messages"]


def test_html_is_valid_apart_from_listed_theme_noise(site, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>", "utf-8")
    assert _validate(broken), "the validator does not report a broken page"
    messages = _validate(site)
    real = [f"{m.get('url', '').split('/site')[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if not any(re.search(noise, m["message"]) for noise in THEME_NOISE)]
    assert real == []


def _head(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_bytes())


def test_titles_and_descriptions_are_unique_per_page(site):
    titles, descriptions = {}, {}
    for path in all_page_paths():
        head = _head(site, path)
        title = head.findtext(".//title")
        description = head.xpath("//meta[@name='description']/@content")[0]
        assert title and description, path
        titles.setdefault(title, []).append(path)
        descriptions.setdefault(description, []).append(path)
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}
    for prefix in LANG_PREFIX.values():
        for path in record_paths():
            head = _head(site, prefix + path)
            description = head.xpath("//meta[@name='description']/@content")[0]
            assert len(descriptions[description]) == 1, (path, description)


def _sitemap_links(site: Path) -> dict[str, dict[str, str]]:
    """Each page's hreflang links, from the sitemap (the site's one place for them)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = etree.fromstring((site / "sitemap.xml").read_bytes())
    return {url.findtext("s:loc", namespaces=ns): {link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", ns)}
            for url in tree.iterfind("s:url", ns)}


def test_canonical_and_hreflang_are_absolute_and_point_to_real_pages(site):
    from mkdocs.config import load_config

    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    sitemap = _sitemap_links(site)
    for path in all_page_paths():
        head = _head(site, path)
        assert head.xpath("//link[@rel='canonical']/@href") == [site_url + path]
        # In the sitemap, not in the page: Material fetches a sitemap for each such link of a page.
        assert head.xpath("//link[@rel='alternate']") == []
        links = sitemap[site_url + path]
        assert set(links) == {*LANG_PREFIX, "x-default"}, path
        bare = path.removeprefix("en/").removeprefix("zh-HK/")
        assert links["zh"] == links["x-default"] == site_url + bare
        for lang, prefix in LANG_PREFIX.items():
            assert links[lang] == site_url + prefix + bare
        for href in links.values():
            assert (site / href[len(site_url):] / "index.html").is_file()
        for prop in ("og:title", "og:description", "og:url", "og:locale"):
            assert head.xpath(f"//meta[@property='{prop}']/@content"), (path, prop)
        assert head.xpath("//meta[@name='twitter:card']/@content") == ["summary_large_image"]


def _json_ld(site: Path, path: str) -> list[dict]:
    return [json.loads(s) for s in _head(site, path).xpath("//script[@type='application/ld+json']/text()")]


# Properties of the schema.org types we use (schema.org/CollegeOrUniversity and
# schema.org/EducationalOccupationalProgram, including inherited ones).
SCHEMA_ORG = {
    "CollegeOrUniversity": {"@context", "@type", "name", "alternateName", "url", "address", "description"},
    "PostalAddress": {"@type", "addressLocality", "addressCountry"},
    "EducationalOccupationalProgram": {"@context", "@type", "name", "description", "url", "provider",
                                       "programType", "inLanguage", "timeToComplete",
                                       "educationalCredentialAwarded", "programCode"},
}


def _check_schema(node: dict) -> None:
    kind = node["@type"]
    assert kind in SCHEMA_ORG and set(node) <= SCHEMA_ORG[kind], (kind, set(node) - SCHEMA_ORG.get(kind, set()))
    for value in node.values():
        if isinstance(value, dict):
            _check_schema(value)


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_structured_data_describes_the_college_and_each_programme(site, lang):
    home = _json_ld(site, LANG_PREFIX[lang])
    assert [d["@type"] for d in home] == ["CollegeOrUniversity"]
    assert home[0]["@context"] == "https://schema.org" and home[0]["url"] == "https://gdep.edu.cn/"
    _check_schema(home[0])
    for path in (p for p in record_paths() if p.startswith("programmes/")):
        data = _json_ld(site, LANG_PREFIX[lang] + path)
        assert [d["@type"] for d in data] == ["EducationalOccupationalProgram"], path
        _check_schema(data[0])
        assert data[0]["provider"]["@type"] == "CollegeOrUniversity"
    nmit = _json_ld(site, LANG_PREFIX[lang] + "programmes/nmit-construction/")[0]
    assert nmit["timeToComplete"] == "P3Y" and nmit["programCode"] == "560301H"
    assert _json_ld(site, LANG_PREFIX[lang] + "partners/") == []
