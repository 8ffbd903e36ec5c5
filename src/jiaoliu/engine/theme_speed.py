"""Speed-ups of Material for MkDocs (9.8.1) that change no byte of the output.

The only module that knows these Material internals; tests compare both against the theme's own
code, so an upgrade that changes them fails the tests rather than the site.

- The primary navigation and the tabs: rendered by Material for every page, they are the same
  for every page that is not in them (the record pages) within one folder, because their links
  are relative to the folder. They are rendered once per language and folder and reused. The
  search dialog, the same on every page of a language, is rendered once per language.
- Material's interface strings: looked up once per build instead of at every call.

Both caches belong to one build (they hang off objects MkDocs creates per build), so `mkdocs
serve` starts from scratch after every edit.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateNotFound

from jiaoliu.core import localise


def nav_key(lang: str, page: Any, nav: Any) -> tuple[str, str] | None:
    """Which pages share one rendering of the primary navigation; None: render it for this page.

    A page in the navigation is highlighted in it (with its table of contents), so it gets its
    own. Other pages share it with the pages of the same folder, unless a navigation link points
    inside the page's own folder (then the relative link would differ).
    """
    if page is None or not getattr(page, "url", None) or nav is None:
        return None
    pages = list(nav.pages)
    if page in pages or any(p.url.startswith(page.url) for p in pages):
        return None
    return lang, posixpath.dirname(page.url.rstrip("/"))


class NavCache:
    """Rendered primary navigation (and tabs) by `nav_key`, for one build."""

    def __init__(self) -> None:
        self._html: dict[tuple[str, str, str], str] = {}

    def render(self, lang: str, page: Any, nav: Any, render: Callable[[], str], part: str = "nav") -> str:
        key = nav_key(lang, page, nav)
        if key is None:
            return render()
        cached = (part, *key)
        if cached not in self._html:
            self._html[cached] = render()
        return self._html[cached]

    def once(self, lang: str, part: str, render: Callable[[], str]) -> str:
        """A part that is the same on every page of a language (the search dialog)."""
        cached = (part, lang, "")
        if cached not in self._html:
            self._html[cached] = render()
        return self._html[cached]


class ThemeStrings:
    """Material's interface strings (`lang.t(key)`): each language template builds a dictionary
    of ~100 entries at every call; here each key is looked up once per build, by Material's own
    templates, with Material's own fallback to English and then to the key. A converted language
    (which Material does not know) has those of the language it is made from, converted."""

    def __init__(self, env: Any, lang: str, convert: Callable[[str], str] | None = None,
                 code: str | None = None) -> None:
        self._env, self._lang, self._convert, self._code = env, lang, convert, code or lang
        self._strings: dict[str, str] = {}
        # Material speaks 60 languages, the language's own (fr-CA) or its base (fr); not Lao or
        # Khmer: for those, its few words (search, copy) in English, written as CLDR says (rtl).
        self._own: Any = None
        for name in dict.fromkeys((lang, lang.partition("-")[0])):
            try:
                self._own = env.get_template(f"partials/languages/{name}.html")
                break
            except TemplateNotFound:
                continue

    def t(self, key: str) -> str:
        if key not in self._strings:
            own = self._own.module.t(key) if self._own is not None else None
            fallback = self._env.get_template("partials/languages/en.html").module.t(key)
            text = str(own or fallback or key)
            if key == "language":  # <html lang>: the language of the page, converted or not
                text = self._code
            elif key == "direction" and self._own is None:
                text = localise.direction(self._lang)
            elif self._convert is not None:
                text = self._convert(text)
            self._strings[key] = text
        return self._strings[key]
