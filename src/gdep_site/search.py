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
import tempfile
from collections.abc import Mapping
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


def index_site(site_dir: Path, by_character: Mapping[str, str] | None = None) -> None:
    """Write the search bundle into `site_dir/pagefind/`, replacing any earlier one.

    `by_character`: pages (their path in the site → their HTML, without `data-pagefind-body`
    on the page itself) indexed one character at a time: the Traditional Chinese pages. Pagefind
    splits Chinese into words with jieba, whose dictionary is Simplified: 學院 would be indexed as
    學 and 院, yet the browser keeps 學院 whole in a query, and nothing would match. Indexed by
    character, a query is found as a phrase of characters (gdep-search.js), wherever it occurs.
    """
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)  # `mkdocs serve` rebuilds into one folder
    _pagefind(site_dir)
    if by_character:
        # Beside the site folder (not in /tmp): a build writes nothing outside its project.
        with tempfile.TemporaryDirectory(prefix=".gdep-search-", dir=site_dir.parent) as tmp:
            for path, html in by_character.items():
                copy = Path(tmp) / path
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(characters_apart(html), "utf-8")
            _pagefind(Path(tmp))
            merge_bundle(site_dir, Path(tmp))


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


TAG = re.compile(r"(<[^>]*>)")
HAN_PAIR = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def characters_apart(html: str) -> str:
    """The page with a space between every two Han characters of its text (not of its markup),
    and marked for indexing (`data-pagefind-body`) where its article begins."""
    parts = TAG.split(html)
    spaced = "".join(part if index % 2 else HAN_PAIR.sub(r"\1 ", part) for index, part in enumerate(parts))
    return spaced.replace(f"{UNINDEXED_BODY}", f"{BODY}", 1)


UNINDEXED_BODY = "data-gdep-search-body"  # what a page indexed by character has instead of BODY


def indexed_by_character(html: str) -> str:
    """A page to be indexed by character: Pagefind must not index it as it is."""
    return html.replace(BODY, UNINDEXED_BODY, 1)


def _write_entry(path: Path, entry: dict) -> None:
    # Pagefind lists the languages in a random order: sorted, two builds of one site are equal.
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
