"""`jiaoliu verify SITE`: what every built site must be, checked on its files (a new site's
`./scripts/test` runs it after the strict build; jiaoliu's own tests run it on the example
college): every page in every language of the site, at the same address; each page saying its
language; an error page; a search index per language; the news feed of each language once there
is news; and nothing that a reader's browser would load from another site (mainland China blocks
most of them). Returns the problems, one line each.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from jiaoliu.core.pages import NEWS_FEED
from jiaoliu.engine.languages import read_languages

ATOM = "{http://www.w3.org/2005/Atom}"
LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
          "embed": "src", "object": "data"}
LOADED_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest", "prefetch",
                "preconnect", "dns-prefetch"}
# In a stylesheet or a <style>: what the browser would fetch from another site.
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?:https?:)?//""", re.IGNORECASE)
ELSEWHERE = "从其他网站加载 / loads from another site"


class _Page(HTMLParser):
    """The language a page says it is in, and the addresses it makes the browser load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.loads: list[str] = []
        self.noindex = False
        self.styles: list[str] = []  # the text of its <style> elements
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = self._in_style and tag != "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self._in_style = tag == "style"
        if tag == "html":
            self.lang = values.get("lang")
        elif tag in LOADED and values.get(LOADED[tag]):
            self.loads.append(values[LOADED[tag]])
        elif tag == "link" and LOADED_LINKS & set(values.get("rel", "").lower().split()):
            self.loads.append(values.get("href", ""))
        elif tag == "meta" and values.get("name") == "robots" and "noindex" in values.get("content", ""):
            self.noindex = True
        if values.get("srcset"):
            self.loads += [part.strip().split(" ")[0] for part in values["srcset"].split(",")]
        if values.get("style") and CSS_URL.search(values["style"]):
            self.loads.append("//(a style attribute)")


def problems(site: Path, project: Path) -> list[str]:
    """What is wrong with the built `site` of the project at `project` (its mkdocs.yml)."""
    languages = read_languages(project / "mkdocs.yml")
    if not (site / "index.html").is_file():
        return [f"{site}: 不是构建好的网站 / no index.html: not a built site (./scripts/site build)"]
    folders = {language.code: site / language.folder for language in languages}
    others = {language.folder.strip("/") for language in languages if language.folder}
    pages = {code: _pages(folder, others if folder == site else set()) for code, folder in folders.items()}
    found: list[str] = []
    every = set().union(*pages.values())
    for code, addresses in pages.items():
        found += [f"{code}: /{folders[code].relative_to(site).as_posix() + '/' if folders[code] != site else ''}"
                  f"{address}: 缺少这种语言的页面 / missing in this language (the other languages have it)"
                  for address in sorted(every - addresses)]
        if not (folders[code] / "404.html").is_file():
            found.append(f"{code}: 没有错误页 / no 404.html")
    for code, folder in folders.items():
        for address in sorted(pages[code]):
            found += _page_problems(folder / address / "index.html" if address else folder / "index.html", code, site)
        found += _feed_problems(folder, code, "news" in {a.split("/")[0] for a in pages[code]})
    found += _search_problems(site, [language.code for language in languages])
    for stylesheet in site.rglob("*.css"):
        if CSS_URL.search(stylesheet.read_text("utf-8", errors="replace")):
            found.append(f"{stylesheet.relative_to(site)}: {ELSEWHERE}: url(https://…) / @import")
    return found


def _pages(folder: Path, skipped: set[str]) -> set[str]:
    """The addresses of a language's pages (`partners/nmit`), without the other languages' folders
    and the search's."""
    found = set()
    for page in folder.rglob("index.html"):
        address = page.parent.relative_to(folder).as_posix()
        first = address.split("/")[0]
        if first in skipped or first in ("pagefind", "assets"):
            continue
        found.add("" if address == "." else address)
    return found


def _page_problems(path: Path, code: str, site: Path) -> list[str]:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    found = []
    if page.lang != code:
        found.append(f"{path}: 页面语言有误 / says <html lang={page.lang!r}>, not {code!r}")
    for address in page.loads:
        parts = urlsplit(address)
        if parts.scheme in ("http", "https") or address.startswith("//"):
            found.append(f"{path}: {ELSEWHERE}: {address}")
        elif not parts.scheme and parts.path and not _local(path, unquote(parts.path), site).is_file():
            found.append(f"{path}: 找不到要加载的文件 / loads {address}, which the site does not have"
                         " (icons and share images: ./scripts/identity)")
    if any(CSS_URL.search(style) for style in page.styles):
        found.append(f"{path}: {ELSEWHERE}: <style> url(https://…)")
    return found


def _local(page: Path, address: str, site: Path) -> Path:
    """The file a relative or root address of a page names (the site served at its root)."""
    return site / address.lstrip("/") if address.startswith("/") else (page.parent / address).resolve()


def _feed_problems(folder: Path, code: str, has_news: bool) -> list[str]:
    feed = folder / NEWS_FEED
    if not has_news:
        return [f"{feed}: 没有新闻页却有订阅源 / a feed without a news page"] if feed.exists() else []
    if not feed.is_file():
        return [f"{code}: 新闻页没有订阅源 / the news page has no feed ({NEWS_FEED})"]
    try:
        root = ElementTree.parse(feed).getroot()  # noqa: S314 - our own build's file
    except ElementTree.ParseError as exc:
        return [f"{feed}: 订阅源无法读取 / not XML ({exc})"]
    if root.tag != f"{ATOM}feed" or not root.findall(f"{ATOM}entry"):
        return [f"{feed}: 订阅源没有条目 / not an Atom feed with entries"]
    return []


def _search_problems(site: Path, codes: list[str]) -> list[str]:
    entry = site / "pagefind" / "pagefind-entry.json"
    if not entry.is_file():
        return ["pagefind/: 没有搜索索引 / no search index"]
    indexed = {code.lower() for code in json.loads(entry.read_text("utf-8")).get("languages", {})}
    return [f"pagefind/: 没有这种语言的搜索索引 / no search index for {code}" for code in codes if code.lower() not in indexed]
