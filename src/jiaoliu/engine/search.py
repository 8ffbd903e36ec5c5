"""The search index: Pagefind, run once over the finished site.

Pagefind reads the built HTML, keeps one index per `<html lang>` (a Chinese page searches Chinese
pages only), segments Chinese words and stems English. It writes small chunks that a page loads
only when its reader searches (theme/partials/search-dialog.html). The extended binary is the
one that segments Chinese; the plain one would index each run of Han characters as one word.

What is indexed is marked in the templates: the article of each page that is meant to be found
(`data-pagefind-body`, theme/main.html). `IGNORED` is left out of it: the sources block, the
marks after names and their notes are for checking, not for finding; heading anchors are a pilcrow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path

BUNDLE = "pagefind"  # the folder at the site's root: pagefind.js, the indexes, the fragments
ENTRY = "pagefind-entry.json"  # what the bundle holds: its languages, their index files
# Pagefind also writes its own ready-made interfaces; the site has its own (jiaoliu-search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
BODY = "data-pagefind-body"  # on the article of each page to be found (theme/main.html)
FOLDED = "data-jiaoliu-folded"  # instead, on the article of a converted page (indexed through `folded_copy`)
IGNORED = ".jiaoliu-sources, .jiaoliu-mark, .jiaoliu-badge, .jiaoliu-marks-note, .footnote-ref, .footnote, .headerlink"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def pagefind_binary() -> Path:
    """The extended binary of the pinned `pagefind-bin-extended` wheel (not whatever is on PATH)."""
    from pagefind_bin_extended import get_executable

    return Path(get_executable())


def index_site(site_dir: Path, converted: Iterable[str] = (), fold: Mapping[str, str] | None = None,
               written: bool = True) -> None:
    """Write the search bundle into `site_dir/pagefind/`, replacing any earlier one, in one
    Pagefind run (`written`: the site holds pages of a written language, read as they are).

    The pages of the `converted` languages (their folders: the Traditional ones) are read through
    a copy (`folded_copy`). Pagefind splits Chinese into words with jieba, whose dictionary is
    Simplified: 學院 would be indexed as 學 and 院, and a query found by single characters. So
    the copy's text is folded to Simplified, character for character (`fold`: Traditional →
    Simplified), and Pagefind reads its words as it reads the Simplified pages'; the page's own
    title and text go with it, for the result (jiaoliu-search.js folds the query alike).

    Pagefind reads a folder: the site's pages are linked into one beside it (no copying), the
    converted ones replaced by their copies; it writes its bundle into the site.
    """
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # a preview rebuilds into one folder
    table = str.maketrans(dict(fold or {}))
    folders = tuple(folder.strip("/") + "/" for folder in converted)
    texts: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix=".jiaoliu-index-", dir=site_dir.parent) as view:
        for page in sorted(site_dir.rglob("*.html")):
            path = page.relative_to(site_dir).as_posix()
            if path.startswith(folders):
                if read := folded_copy(page.read_text("utf-8"), table):
                    _write(Path(view) / path, read[0])
                    texts[path.removesuffix("index.html")] = read[1]
            elif written:
                (Path(view) / path).parent.mkdir(parents=True, exist_ok=True)
                os.link(page, Path(view) / path)
        _run_pagefind(Path(view), bundle)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    _write_entry(bundle / ENTRY, json.loads((bundle / ENTRY).read_text("utf-8")))
    for folder, text in texts.items():  # a page's address + "text.json" (jiaoliu-search.js)
        _write(bundle / TEXTS / folder / "text.json", _json(text))


def _run_pagefind(folder: Path, bundle: Path) -> None:
    # The root selector makes Pagefind skip the page chrome (header, menus: two thirds of a
    # page) instead of reading it only to find `data-pagefind-body`: the same bundle, byte for
    # byte, in about 55% of the CPU time. Pages without it (404) are left out.
    command = [str(pagefind_binary()), "--site", str(folder), "--output-path", str(bundle.resolve()),
               "--root-selector", f"[{BODY}]", "--exclude-selectors", IGNORED, "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not (bundle / ENTRY).is_file():  # its exit status, not its wording
        raise SearchIndexError("搜索索引生成失败 / building the search index failed:\n"
                               + (done.stdout + done.stderr).strip())


TEXTS = "jiaoliu-text"  # in the bundle: a converted page's own text, at its address
SEARCH_TABLES = "jiaoliu-search.json"  # in the bundle: per language, how a query is read (jiaoliu-search.js)
VOCABULARY = "jiaoliu-vocabulary-{lang}.json"  # in the bundle: a language's longer words, most used first


def write_tables(site_dir: Path, tables: Mapping[str, Mapping[str, object]]) -> None:
    """Per language: the characters a Chinese query is folded to (`fold`) and the words readers
    type for the site's (`words`), read at the first search; the site's longer words, for "did
    you mean", in a file of their own (`vocabulary`), read only when nothing was found."""
    _write(site_dir / BUNDLE / SEARCH_TABLES, _json({lang: {key: value for key, value in table.items() if key != "vocabulary"}
                                                     for lang, table in tables.items()}))
    for lang, table in tables.items():
        if table.get("vocabulary"):
            _write(site_dir / BUNDLE / VOCABULARY.format(lang=lang), _json(table["vocabulary"]))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
META_TEXT = "data-pagefind-meta"


def folded_copy(html: str, fold: Mapping[int, str]) -> tuple[str, str] | None:
    """What Pagefind reads of a converted page: its article (all it indexes) with every character
    folded (`str.maketrans` of Traditional → Simplified) and its own title as the result's; and
    the article's own text, for the result's excerpt (written beside the index: as Pagefind's
    metadata, it would be indexed too, and double the index a first search loads). A page with no
    article to find (the 404) has none: it is left out, as from the other languages' indexes."""
    lang = HTML_LANG.search(html)
    opening = f"<div {FOLDED}>"
    start = html.find(opening)
    end = html.rfind("</div>", start, html.rfind("</article>"))  # the marked element's own end (theme/main.html)
    if not 0 <= start < end:
        return None
    article = html[start + len(opening):end]
    heading, closing = article.find("<h1"), article.find("</h1>")
    title = article[article.find(">", heading) + 1:closing] if 0 <= heading < closing else ""
    copy = (f'<!doctype html><html lang="{lang[1] if lang else ""}"><head><meta charset="utf-8"></head><body>'
            f"<div {BODY}>{article.translate(fold)}"
            # Inside the root Pagefind reads (`BODY`), not indexed, read as the result's title.
            f'<div data-pagefind-ignore="index"><div {META_TEXT}="title">{title}</div></div></div></body></html>')
    return copy, article_text(article)


def article_text(article: str) -> str:
    """An article's text as Pagefind reads a page's: what `IGNORED` and `data-pagefind-ignore`
    leave out left out, an attribute it is told to index (`data-pagefind-index-attrs`: a fact's
    label) before the element's text, and a block that does not end its sentence ended with ". "."""
    reader = _TextReader()
    reader.feed(article)
    reader.close()
    return re.sub(r"\s+", " ", "".join(reader.parts)).strip()


class _TextReader(HTMLParser):
    SKIPPED = frozenset({"script", "style", "svg", "template", "noscript"})
    IGNORED_CLASSES = frozenset(part.strip().lstrip(".") for part in IGNORED.split(","))
    SENTENCES = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "figcaption"})
    BLOCKS = SENTENCES | {"div", "dl", "dt", "dd", "ul", "ol", "table", "tr", "section", "details", "blockquote"}
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0  # depth inside an element left out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        values = dict(attrs)
        if self._skipping or tag in self.SKIPPED or "data-pagefind-ignore" in values \
                or self.IGNORED_CLASSES & set((values.get("class") or "").split()):
            self._skipping += 1
            return
        if tag in self.BLOCKS:
            self.parts.append(" ")
        for name in (values.get("data-pagefind-index-attrs") or "").split(","):
            if values.get(name.strip()):
                self.parts.append(f"{values[name.strip()]} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self._skipping:
            self._skipping -= 1
            return
        if tag in self.SENTENCES:
            text = "".join(self.parts).rstrip()
            if text and not unicodedata.category(text[-1]).startswith("P"):
                self.parts.append(".")
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _write_entry(path: Path, entry: dict) -> None:
    # Pagefind lists the languages in a random order: sorted, two builds of one site are equal.
    path.write_text(_json(entry), "utf-8")
