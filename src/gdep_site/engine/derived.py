"""The Traditional Chinese site, made from the finished Simplified pages.

MkDocs renders each written language in full (about 8 s a language at N = 1,000 records). The
Traditional pages are the Simplified ones with their text converted, so they are made from the
finished Simplified pages instead, for a fraction of that. A page moves from `partners/nmit/` to
`zh-HK/partners/nmit/`, and every address on it keeps pointing where it did, except that a link
to a Simplified page now leads to its Traditional twin, unless the link names its language with
`hreflang` (the language switcher, the note's link to the original). Its text is converted
(traditional.Converter.html: the text between tags, the attributes readers see and the text of
its JSON scripts, except what is marked `translate="no"`); its addresses, ids and scripts are
never converted, so a correction cannot change where a link leads or break a script.

What this knows of the templates is written here: the `__md_scope` of Material (the site's root,
where its assets are), its `__config` base, and our placeholder for the note.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from gdep_site.core import htmltext
from gdep_site.core.traditional import Converter

NOTE_PLACEHOLDER = "<!-- gdep:converted-note -->"  # overrides/main.html, on the Simplified pages
HTML_LANG = re.compile(r'(<html\b[^>]*\blang=")[^"]*(")')
OG_LOCALE = re.compile(r'(<meta property="og:locale(?::alternate)?" content=")([^"]*)(")')
# Material's scope is the site's root (its assets and the search bundle are there); its
# `__config` base is the language's home, as on the English pages.
SCOPE = re.compile(r'(__md_scope=new URL\(")([^"]*)(")')
# The strings of a JSON script that are addresses without saying so (Material's `__config`);
# absolute ones are addresses wherever they are (JSON-LD).
JSON_ADDRESSES = frozenset({"base", "search"})
NOT_MOVED = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//|#|\?")  # other sites, mail, this page's anchors


@dataclass(frozen=True)
class Derivation:
    """How one language's pages become another's: `zh` → `zh-HK`."""

    lang: str                 # the new language: its folder, <html lang> and hreflang
    og_locales: tuple[str, str]  # (source, new): zh_CN → zh_HK, swapped in the Open Graph tags
    site_url: str             # the published address, ending in "/"
    pages: frozenset[str]     # the source language's pages: "" (home), "partners/nmit/"…
    converter: Converter
    note: Callable[[str], str]  # the note's HTML, given the (relative) address of the original page
    assets: Mapping[str, str] = field(default_factory=dict)  # files of its own: share-zh.png → share-zh-HK.png
    _moves: dict[tuple[str, int | str, bool], str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def base_path(self) -> str:
        """The site's path on its host ("/" or "/gdep/"): error pages use addresses from it."""
        path = re.sub(r"^https?://[^/]+", "", self.site_url)
        return path if path.endswith("/") else path + "/"

    def page(self, source: str, url: str) -> str:
        """The new language's page for the source page at `url` ("partners/nmit/", "404.html")."""
        here = url[:url.rfind("/") + 1]  # its folder: "partners/nmit/", "" for the root's 404.html
        source_locale, new_locale = self.og_locales
        moved = HTML_LANG.sub(lambda m: m[1] + self.lang + m[2], source, count=1)
        moved = OG_LOCALE.sub(lambda m: m[1] + {source_locale: new_locale, new_locale: source_locale}.get(m[2], m[2])
                              + m[3], moved)
        # The note links to the original: the page itself, as written on it, in its language.
        moved = moved.replace(NOTE_PLACEHOLDER, self.note(url[len(here):] or "./"), 1)

        def script(content: str, attributes: dict[str, str]) -> str:
            if "json" in attributes.get("type", ""):
                return htmltext.rewrite_json(content, self.converter.escaped_texts,
                                             lambda address, fixed: self.move(address, here, fixed), JSON_ADDRESSES)
            return SCOPE.sub(lambda m: m[1] + self.move(m[2], here, fixed=True) + m[3], content)

        return self.converter.html(moved, lambda address, fixed: self.move(address, here, fixed), script)

    def move(self, url: str, here: str, fixed: bool = False) -> str:
        """`url`, written on the source page in folder `here`, as written on its twin.

        Remembered: most links of a page are its menus, written the same on every page as deep,
        climbing to the site's root first ("../../programmes/"), or absolute."""
        depth = here.count("/")
        same_everywhere = url.startswith(("../" * depth, "/", "https://", "http://")) if depth else True
        key = (url, depth if same_everywhere else here, fixed)
        moved = self._moves.get(key)
        if moved is None:
            moved = self._moves[key] = self._move(url, here, fixed)
        return moved

    def _move(self, url: str, here: str, fixed: bool) -> str:
        for root in (self.site_url, self.base_path):  # absolute, or from the host's root (error pages)
            if url.startswith(root) and not url.startswith("//"):
                path, rest = _split(url[len(root):])
                target = _resolve("", path)  # "/." is the root
                return url if target is None else root + self._target(target, fixed) + rest
        if url.startswith("/") and not url.startswith("//"):  # from the host's root, outside the site
            return url
        if not url or NOT_MOVED.match(url):
            return url
        path, rest = _split(url)
        target = _resolve(here, path)
        if target is None:  # above the site's root: leave it as it was
            return url
        if not fixed and target in self.pages:
            return url  # the twin is at the same place in the new folder: the same address
        written = self._relative(self._target(target, fixed), self._in_folder(here))
        if not path.endswith("/") and written.endswith("/") and written != "./":
            written = written[:-1]  # "../.." stays without its slash, as Material writes it
        return written + rest

    def _target(self, path: str, fixed: bool) -> str:
        """Where a link leads now: a source page's twin, unless the link names its language."""
        if fixed:
            return path
        return f"{self.lang}/{path}" if path in self.pages else self.assets.get(path, path)

    def _in_folder(self, here: str) -> str:
        return f"{self.lang}/{here}"

    @staticmethod
    def _relative(target: str, folder: str) -> str:
        """`target` (a clean path from the site's root: "partners/nmit/", "assets/x.css", "" for
        the root) as a relative address from `folder`. What posixpath.relpath gives (a test
        compares them), without its work on the current directory: it runs for most links."""
        steps, down = _parts(folder), _parts(target)
        common = 0
        while common < min(len(steps), len(down)) and steps[common] == down[common]:
            common += 1
        relative = "/".join([".."] * (len(steps) - common) + down[common:])
        if not relative:
            return "./"
        return relative + "/" if target.endswith("/") or not target else relative


def _parts(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def _split(url: str) -> tuple[str, str]:
    """(path, "#fragment" or "?query…")."""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def _resolve(here: str, path: str) -> str | None:
    """A relative path, written in folder `here`, from the site's root; "" is the root. Most
    addresses are "../" steps then a plain path: resolved by counting (it runs for every link
    of every page); anything else by posixpath."""
    ups, rest = 0, path
    while rest.startswith("../"):
        ups, rest = ups + 1, rest[3:]
    if rest in ("..", "."):
        ups, rest = ups + (rest == ".."), ""
    elif rest.startswith("./"):
        rest = rest[2:]
    if rest.startswith(".") or "/." in rest:
        return _resolve_slowly(here, path)
    folders = here.split("/")[:-1] if here else []
    if ups > len(folders):
        return None
    kept = folders[:len(folders) - ups]
    if rest:
        return "/".join([*kept, rest])
    return "/".join(kept) + "/" if kept else ""


def _resolve_slowly(here: str, path: str) -> str | None:
    joined = posixpath.normpath(posixpath.join(here or ".", path or "."))
    if joined in (".", ""):
        return ""
    if joined.startswith(".."):
        return None
    folder = path.endswith(("/", "/..", "/.")) or path in (".", "..") or not path
    return joined + "/" if folder else joined
