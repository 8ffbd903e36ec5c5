"""What the built site may run or embed, in one place, and the check of every page against it.

Nothing a contributor writes may become markup (issue 23): whatever reaches a page, every `<script>`
on it is one our templates or Material put there, no element has an inline event handler, no URL
attribute runs code (`javascript:`, `vbscript:`, `data:`), and nothing is embedded or submitted
that is not ours. A new script of our own is added here, with what it is.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html

# Scripts loaded by address, from the site's root (Material's bundle; its name carries its hash),
# in the root's or a language's site (/en/assets/…: each language is a site of its own).
SCRIPT_SOURCES = re.compile(r"(?:[a-z]{2}(?:-[A-Za-z]{2,4})?/)?assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")

# Inline scripts, by the SHA-256 of their text (first 16 digits) once the path to the site's root,
# which differs with the page's depth, reads "ROOT" (`script_hash`).
INLINE_SCRIPTS = {
    "722b2a1164fc48fd": "Material: __md_scope and the storage helpers",
    "0eb10c249dbdb0be": "Material: the colour palette restored",
    "ffcc0f7735fdab43": "Material: a tab opened by the address's #anchor",
    "0243bb4e8188d62d": "ours (main.html): the offers of the languages not Chinese and of the Traditional pages",
    "bd9b4e9c8d044d58": "ours (main.html): the page's QR code, drawn on wide screens",
    "ed4ae90f14c80cdb": "ours (partials/search-dialog.html): the search dialog, loading Pagefind when opened",
    "a6a4d1628c635116": "ours (404.html): a missing page of a language handed to its own 404 page",
}
# Data, never run: Material's settings and our structured data. They must be JSON, whole.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}

# Forms: our search (partials/search.html) and Material's colour palette; by class.
FORMS = {"md-search__form", "md-header__option"}
EMBEDDING = ("iframe", "frame", "frameset", "object", "embed", "applet", "portal")

# Attributes whose value is an address (srcset: a list of them), and the schemes that run code or
# carry a document of their own.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite",
                  "longdesc", "manifest", "ping", "icon", "codebase", "archive", "usemap", "srcset"}
UNSAFE_SCHEMES = {"javascript", "vbscript", "data"}
# data: addresses our own templates put in attributes: none.
DATA_URLS: set[str] = set()

_SITE_ROOT = re.compile(r'"(?:\.|\.\.(?:/\.\.)*|/(?:[\w.~%-]+/)*)"')
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in an address


def script_hash(text: str) -> str:
    return hashlib.sha256(_SITE_ROOT.sub('"ROOT"', text).encode("utf-8")).hexdigest()[:16]


def scheme(url: str) -> str | None:
    """The scheme a browser reads in an attribute's value (lower case), or None if relative."""
    url = _IGNORED_IN_URL.sub("", url).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                             "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = _SCHEME.match(url.lower())
    return match[1] if match else None


def page_problems(page: Path, site: Path) -> Iterator[str]:
    """What on one built page is not ours: each as `path: what`."""
    name = page.relative_to(site).as_posix()
    document = lxml_html.fromstring(page.read_bytes())
    page_url = "https://site.test/" + name
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = element.tag.lower()
        if tag == "script":
            yield from (f"{name}: {what}" for what in _script_problems(element, page_url))
        elif tag in EMBEDDING:
            yield f"{name}: <{tag}> embeds another document"
        elif tag == "form" and not FORMS & set((element.get("class") or "").split()):
            yield f"{name}: a <form> that is not ours (class {element.get('class')!r})"
        elif tag == "base":
            yield f"{name}: <base> changes where every relative address of the page leads"
        elif tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            yield f"{name}: <meta http-equiv=refresh> sends the reader elsewhere"
        for attribute, value in element.attrib.items():
            yield from (f"{name}: <{tag} {attribute}> {what}" for what in _attribute_problems(attribute, value))


def _script_problems(script, page_url: str) -> Iterator[str]:
    kind = (script.get("type") or "").strip().lower()
    text = script.text or ""
    if script.get("src") is not None:
        address = urljoin(page_url, script.get("src"))
        if not (address.startswith("https://site.test/")
                and SCRIPT_SOURCES.fullmatch(address.removeprefix("https://site.test/"))):
            yield f"a <script src={script.get('src')!r}> that is not ours"
    elif kind in DATA_SCRIPT_TYPES:
        try:
            json.loads(text)
        except ValueError:
            yield f"a <script type={kind!r}> that is not JSON: {text[:80]!r}"
    elif script_hash(text) not in INLINE_SCRIPTS:
        yield f"an inline <script> that is not ours (hash {script_hash(text)}): {text.strip()[:80]!r}"


def _attribute_problems(attribute: str, value: str) -> Iterator[str]:
    name = attribute.lower()
    if name.startswith("on"):
        yield f"is an inline event handler: {value[:80]!r}"
    elif name in URL_ATTRIBUTES:
        addresses = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        for address in addresses:
            if scheme(address) in UNSAFE_SCHEMES and address not in DATA_URLS:
                yield f"is a {scheme(address)}: address: {address[:80]!r}"


def site_problems(site: Path) -> list[str]:
    """Every problem of every page of the built site, in every language."""
    return [problem for page in sorted(site.rglob("*.html")) for problem in page_problems(page, site)]
