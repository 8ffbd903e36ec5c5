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

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

from gdep_site.core.localise import HAN_RANGES

BUNDLE = "pagefind"  # the folder at the site's root: pagefind.js, the indexes, the fragments
ENTRY = "pagefind-entry.json"  # what the bundle holds: its languages, their index files
# Pagefind also writes its own ready-made interfaces; the site has its own (gdep-search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
BODY = "data-pagefind-body"  # on the article of each page to be found (overrides/main.html)
BY_CHARACTER = "data-gdep-by-character"  # instead, on the article of a page indexed by character
IGNORED = ".gdep-sources, .gdep-mark, .gdep-badge, .gdep-marks-note, .footnote-ref, .footnote, .headerlink"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def pagefind_binary() -> Path:
    """The extended binary of the pinned `pagefind-bin-extended` wheel (not whatever is on PATH)."""
    from pagefind_bin_extended import get_executable

    return Path(get_executable())


def index_site(site_dir: Path, by_character: Iterable[str] = (), written: bool = True) -> None:
    """Write the search bundle into `site_dir/pagefind/`, replacing any earlier one (`written`:
    the site holds pages of a written language, which Pagefind reads as they are).

    The pages of the languages `by_character` (their folders: the Traditional ones) are indexed
    one character at a time. Pagefind splits Chinese into words with jieba, whose dictionary is
    Simplified: 學院 would be indexed as 學 and 院, yet the browser keeps 學院 whole in a query, and
    nothing would match. Indexed by character, a query is found as a phrase of characters
    (gdep-search.js), wherever it occurs. Their pages mark their article `BY_CHARACTER`, not
    `BODY`, so the first Pagefind run leaves them out; a second one reads copies of their article
    (`index_copy`, in a temporary folder) at the same time, on the other core,
    and its bundle is added to the first (`merge_bundle`).
    """
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)  # a preview rebuilds into one folder
    copies = {page.relative_to(site_dir).as_posix(): copy for folder in by_character
              for page in sorted((site_dir / folder).rglob("*.html"))
              if (copy := index_copy(page.read_text("utf-8")))}
    main = _Pagefind(site_dir, site_dir / BUNDLE) if written else contextlib.nullcontext(None)
    with main as written_run, _by_character(copies, beside=site_dir.parent) as other:
        if written_run is not None:
            written_run.finish()
        if other is not None:
            other.finish()
            if written_run is not None:
                merge_bundle(site_dir, other.bundle.parent)
            else:  # a preview of a converted language alone
                shutil.move(other.bundle, site_dir / BUNDLE)


@contextlib.contextmanager
def _by_character(copies: Mapping[str, str], beside: Path) -> Iterator[_Pagefind | None]:
    """Pagefind started over the copies for the index by character, written in the system's
    temporary folder; its bundle goes beside the site, on the same disk, to be added to the site's
    by renaming files."""
    if not copies:
        yield None
        return
    with (tempfile.TemporaryDirectory(prefix=f"gdep-index-{os.getpid()}-") as folder,
          tempfile.TemporaryDirectory(prefix=".gdep-index-", dir=beside) as bundle):
        for path, copy in copies.items():
            _write(Path(folder) / path, copy)
        with _Pagefind(Path(folder), Path(bundle) / BUNDLE) as run:
            yield run


SCRIPTS = "gdep-scripts.json"  # in the bundle: per language, the characters a query is folded to


def write_scripts(site_dir: Path, pairs: Mapping[str, Mapping[str, str]], converted_from: Mapping[str, str]) -> None:
    """For each converted language (its code → its source's), the characters a query is folded to
    on each of the two sites: on the source's, Traditional → Simplified; on the converted one,
    Simplified → Traditional. `pairs`: per converted language, source character → its own."""
    folds: dict[str, dict[str, str]] = {}
    for code, source in converted_from.items():
        folds.setdefault(source, {}).update({t: s for s, t in pairs[code].items()})
        folds.setdefault(code, {}).update(pairs[code])
    _write(site_dir / BUNDLE / SCRIPTS, json.dumps(folds, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


class _Pagefind:
    """One Pagefind run over a folder: started on entering, in the background; `finish` waits for
    it; leaving stops it if it still runs (the build failed meanwhile)."""

    def __init__(self, site_dir: Path, bundle: Path) -> None:
        self.site_dir, self.bundle = site_dir, bundle

    def __enter__(self) -> _Pagefind:
        # The root selector makes Pagefind skip the page chrome (header, menus: two thirds of a
        # page) instead of reading it only to find `data-pagefind-body`: the same bundle, byte for
        # byte, in about 55% of the CPU time. Pages without the attribute (404) are left out.
        command = [str(pagefind_binary()), "--site", str(self.site_dir), "--output-path", str(self.bundle),
                   "--root-selector", f"[{BODY}]", "--exclude-selectors", IGNORED, "--quiet"]
        self._output = tempfile.TemporaryFile("w+", encoding="utf-8")  # a pipe could fill and stall it
        self._process = subprocess.Popen(command, stdout=self._output, stderr=subprocess.STDOUT, text=True)
        return self

    def finish(self) -> None:
        self._process.wait()
        if self._process.returncode != 0 or not (self.bundle / ENTRY).is_file():  # its exit status, not its wording
            self._output.seek(0)
            raise SearchIndexError("搜索索引生成失败 / building the search index failed:\n"
                                   + self._output.read().strip())
        for name in UNUSED:
            (self.bundle / name).unlink(missing_ok=True)
        _write_entry(self.bundle / ENTRY, json.loads((self.bundle / ENTRY).read_text("utf-8")))

    def __exit__(self, *_: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._output.close()


HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
# The copies are given a private-use language ("x-zh-HK"), which Pagefind does not segment (its
# segmenter would only take the spaced characters apart again, slowly); the bundle then lists the
# index under the page's own language (`_write_entry`), the one the browser asks for.
UNSEGMENTED = "x-"


@cache
def _apart() -> dict[int, str]:
    """str.translate's table: every Han character with a space either side."""
    return {code: f" {chr(code)} " for low, high in HAN_RANGES for code in range(low, high + 1)}


def index_copy(html: str) -> str:
    """What Pagefind reads of a page indexed by character: its article alone (all it indexes),
    with every Han character a word of its own. A page with no article to find (the 404) has none:
    it is left out, as from the other languages' indexes."""
    lang = HTML_LANG.search(html)
    start, end = html.find(f"<div {BY_CHARACTER}>"), html.rfind("</article>")
    if not 0 <= start < end:
        return ""
    article = html[start + len(f"<div {BY_CHARACTER}>"):end].translate(_apart())
    return (f'<!doctype html><html lang="{UNSEGMENTED}{lang[1] if lang else ""}"><head><meta charset="utf-8">'
            f"</head><body><div {BODY}>{article}</body></html>")


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
