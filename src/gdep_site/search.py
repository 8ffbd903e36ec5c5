"""The search index: Pagefind, run over the finished site.

Pagefind reads the built HTML, keeps one index per `<html lang>` (a Chinese page searches Chinese
pages only), segments Chinese words and stems English. It writes small chunks that a page loads
only when its reader searches (overrides/partials/search-dialog.html). The extended binary is the
one that segments Chinese; the plain one would index each run of Han characters as one word.

What is indexed is marked in the templates: the article of each page that is meant to be found
(`data-pagefind-body`, overrides/main.html). `IGNORED` is left out of it: the sources block, the
marks after names and their notes are for checking, not for finding; heading anchors are a pilcrow.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from functools import cache
from pathlib import Path

BUNDLE = "pagefind"  # the folder at the site's root: pagefind.js, the indexes, the fragments
ENTRY = "pagefind-entry.json"  # what the bundle holds: its languages, their index files
# Pagefind also writes its own ready-made interfaces; the site has its own (gdep-search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
BODY = "data-pagefind-body"  # on the article of each page to be found (overrides/main.html)
IGNORED = ".gdep-sources, .gdep-mark, .gdep-badge, .gdep-marks-note, .footnote-ref, .footnote, .headerlink"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def pagefind_binary() -> Path:
    """The extended binary of the pinned `pagefind-bin-extended` wheel (not whatever is on PATH)."""
    from pagefind_bin_extended import get_executable

    return Path(get_executable())


def index_site(site_dir: Path, by_character: Mapping[str, str] | None = None, later: bool = False) -> None:
    """Write the search bundle into `site_dir/pagefind/`, replacing any earlier one.

    `by_character`: pages still to be written (their path in the site → HTML) whose language is
    indexed one character at a time: the Traditional Chinese ones. Pagefind splits Chinese into
    words with jieba, whose dictionary is Simplified: 學院 would be indexed as 學 and 院, yet the
    browser keeps 學院 whole in a query, and nothing would match. Indexed by character, a query is
    found as a phrase of characters (gdep-search.js), wherever it occurs. Their copies for the
    index (`index_copy`) stand in their place while Pagefind runs, once for every language; then
    the pages themselves are written.

    `later` (a `gdep-build` language process): the copies go to a folder beside the site instead,
    which gdep-build indexes once every language process has finished (`index_later`), on both
    cores, rather than at the end of this process while the others still run.
    """
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)  # `mkdocs serve` rebuilds into one folder
    pages = by_character or {}
    copies = site_dir.parent / LATER if later else site_dir
    for path, html in pages.items():
        _write(copies / path, index_copy(html))
    try:
        _pagefind(site_dir)
    finally:
        for path, html in pages.items():
            _write(site_dir / path, html)


LATER = "index-by-character"  # beside a gdep-build language's site folder: copies to index later


def index_later(site_dir: Path, folder: Path) -> None:
    """Index the copies a `gdep-build` language process left (`index_site(later=True)`) and add
    them to the site's bundle."""
    _pagefind(folder)
    merge_bundle(site_dir, folder)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _pagefind(site_dir: Path) -> None:
    # The root selector makes Pagefind skip the page chrome (header, menus: two thirds of a page)
    # instead of reading it only to find `data-pagefind-body`: the same bundle, byte for byte, in
    # about 55% of the CPU time. Pages without the attribute (404) are still left out.
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--root-selector", f"[{BODY}]", "--exclude-selectors", IGNORED, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    entry = site_dir / BUNDLE / ENTRY
    if result.returncode != 0 or not entry.is_file():  # Pagefind's own exit status, not its wording
        raise SearchIndexError("搜索索引生成失败 / building the search index failed:\n"
                               + (result.stdout + result.stderr).strip())
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    _write_entry(entry, json.loads(entry.read_text("utf-8")))


HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
# The copies are given a private-use language ("x-zh-HK"), which Pagefind does not segment (its
# segmenter would only take the spaced characters apart again, slowly); the bundle then lists the
# index under the page's own language (`_write_entry`), the one the browser asks for.
UNSEGMENTED = "x-"
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


@cache
def _apart() -> dict[int, str]:
    """str.translate's table: every Han character with a space either side."""
    return {code: f" {chr(code)} " for low, high in HAN_RANGES for code in range(low, high + 1)}


def index_copy(html: str) -> str:
    """What Pagefind reads of a page indexed by character: its article alone (all it indexes),
    with every Han character a word of its own. A page with no article to find (the 404) gives an
    empty copy, left out like the page itself."""
    lang = HTML_LANG.search(html)
    start, end = html.find(f"<div {BODY}"), html.rfind("</article>")
    article = html[start:end].translate(_apart()) if 0 <= start < end else ""
    return (f'<!doctype html><html lang="{UNSEGMENTED}{lang[1] if lang else ""}"><head><meta charset="utf-8">'
            f"</head><body>{article}</body></html>")


def _write_entry(path: Path, entry: dict) -> None:
    # Pagefind lists the languages in a random order: sorted, two builds of one site are equal.
    languages = entry["languages"]
    for name in [name for name in languages if name.startswith(UNSEGMENTED)]:
        languages[name.removeprefix(UNSEGMENTED)] = languages.pop(name)
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "utf-8")


def merge_bundle(site_dir: Path, other_site: Path) -> None:
    """Add the search bundle of a site folder with other languages (`gdep-build` indexes each
    language in its own process) to this one's: the same as indexing both at once.

    Each language's files carry its name and a hash of its content (zh_…, en_…); the files
    all languages share are the same; the entry file lists the languages.
    """
    ours, theirs = site_dir / BUNDLE, other_site / BUNDLE
    for source in theirs.rglob("*"):
        target = ours / source.relative_to(theirs)
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
    entry, other = (json.loads((folder / ENTRY).read_text("utf-8")) for folder in (ours, theirs))
    if entry["version"] != other["version"]:
        raise SearchIndexError(f"Pagefind {entry['version']} and {other['version']} cannot be merged")
    entry["languages"].update(other["languages"])
    _write_entry(ours / ENTRY, entry)
