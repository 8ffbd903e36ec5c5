"""Markdown from records: marker blocks inside hand-written pages, and whole record pages.

A hand-written page says where data goes with `<!-- jiaoliu:NAME -->`; each NAME maps to a pure
function of the page context. Any comment that mentions jiaoliu but is not exactly a known marker
fails the build (`<!-- jiaoliu: intro -->`, `<!-- jiaoliu:partner_directory -->`): a typo must not
publish a gap. A marker the page shows as code (in a fenced or indented block, or between
backticks) is left as it is, to be read: which ones those are, the Markdown engine that renders
the page says (`to_html`), so the two can never disagree.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jiaoliu.core.pages import report_file, report_page
from jiaoliu.render import achievements, notes, partners, registry, report
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx, Site
from jiaoliu.render.markdown import Rendered
from jiaoliu.render.registry import BLOCKS, RECORD_PAGES

MARKER = re.compile(r"<!-- jiaoliu:([a-z0-9-]+) -->")
# What a reader of the page means as a marker: a misspelt one, and the first release's
# `<!-- gdep:NAME -->` (until 0.2.0), which stops the build saying the marker to write instead.
LOOKS_LIKE_MARKER = re.compile(r"<!--(?:(?!-->).)*?(?:jiaoliu|gdep)(?:(?!-->).)*-->", re.IGNORECASE | re.DOTALL)


class UnknownMarker(ValueError):
    pass


@dataclass(frozen=True)
class RenderedPage:
    """A page as the theme takes it: its Markdown, and what its <head> says of it."""

    markdown: str
    description: str | None  # for a record page; other pages keep their own or the site's
    structured_data: dict[str, Any] | None  # schema.org JSON-LD


def page(markdown: str, ctx: Ctx, to_html: Callable[[str], str] | None = None, *, url: str = "",
         fallback: bool = False, generated: bool = False) -> RenderedPage:
    """The one way from a page's Markdown to what the theme shows. A hand-written page gets its
    blocks of records and its sources block (`to_html`: see `render_markers`); a `generated`
    record page has them already (`RecordPage.markdown`). A `fallback` page (the other language's,
    served because the translation is missing) says so under its title. `url`: the page's address."""
    if not generated:
        markdown = notes.finish(render_markers(markdown, ctx, to_html), ctx)
    if fallback:
        markdown = after_title(markdown, translation_banner(ctx))
    return RenderedPage(markdown, registry.description(ctx), registry.structured_data(ctx, url))


def after_title(markdown: str, block: str) -> str:
    """Insert a block after the page's first heading line (or at the top)."""
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block] + lines[index + 1:])
    return block + "\n\n" + markdown


def translation_banner(ctx: Ctx) -> str:
    """Shown on a page served in the other language because its translation is missing."""
    return md.admonition("warning", ctx.t("translation.page_missing_title"),
                         md.esc(ctx.t("translation.page_missing_body")))


def render_markers(markdown: str, ctx: Ctx, to_html: Callable[[str], str] | None = None) -> Rendered:
    """A hand-written page with each marker replaced by its block, and what the blocks send to the
    sources block; its edit links lead to the page's own file, then to the data files of its
    blocks. `to_html`: the page's Markdown engine, asked which markers are shown as code (without
    it, none is)."""
    as_code = shown_as_code(markdown, to_html)
    shown: list[Rendered] = []

    def replace(match: re.Match[str]) -> str:
        if match.start() in as_code:  # kept as it is: the page shows it as code
            return match.group()
        exact = MARKER.fullmatch(match.group())
        if exact is None or exact.group(1) not in BLOCKS:
            line = markdown.count("\n", 0, match.start()) + 1
            raise UnknownMarker(f"docs/{ctx.lang}/{ctx.page}:{line}: {match.group()!r} is not a known marker / "
                                f"不是已知的数据标记; write / 请写 <!-- jiaoliu:NAME -->, NAME: {', '.join(sorted(BLOCKS))}")
        name = exact.group(1)
        block = BLOCKS[name].render(ctx)
        block = block if isinstance(block, Rendered) else Rendered(block)
        shown.extend([block, *(md.edit(f"data/{file}") for file in BLOCKS[name].files)])
        return block.markdown  # as it is: a marker may stand inside a line

    text = LOOKS_LIKE_MARKER.sub(replace, markdown)
    # What the blocks send to the sources block, their Markdown being in `text` already.
    return dataclasses.replace(md.compose(md.edit(f"docs/{ctx.lang}/{ctx.page}"), *shown), markdown=md.blocks(text))


# Only where the page may hold code is the engine asked (no hand-written page of the site does).
_MAY_HOLD_CODE = re.compile(r"`|^~~~|^(?: {4}|\t)", re.MULTILINE)
_CODE = re.compile(r"<code\b[^>]*>(.*?)</code>", re.DOTALL)


def shown_as_code(markdown: str, to_html: Callable[[str], str] | None) -> frozenset[int]:
    """Where the marker-like comments the page shows as code start. Each is tagged (its structure
    unchanged), the page rendered, and the tags looked for in the code the engine wrote."""
    matches = list(LOOKS_LIKE_MARKER.finditer(markdown))
    if to_html is None or not matches or not _MAY_HOLD_CODE.search(markdown):
        return frozenset()
    tagged, end = [], 0
    for number, match in enumerate(matches):
        tagged += [markdown[end:match.start()], f"<!--jiaoliu-probe-{number}:", match.group()[len("<!--"):]]
        end = match.end()
    code = "".join(_CODE.findall(to_html("".join([*tagged, markdown[end:]]))))
    return frozenset(match.start() for number, match in enumerate(matches)
                     if f"&lt;!--jiaoliu-probe-{number}:" in code)


@dataclass(frozen=True)
class RecordPage:
    """A page generated from one record; `render` gives its Markdown in one language, with what
    it sends to its sources block (the record's file and line among it)."""

    path: str
    render: Callable[[Ctx], Rendered]

    def markdown(self, ctx: Ctx) -> str:
        """The page's Markdown as the engine reads it: finished, its sources block included."""
        return notes.finish(self.render(ctx), ctx)


def record_pages(site_: Site) -> list[RecordPage]:
    data = site_.data
    pages = [RecordPage(kind.page(r.id), _bind(render, r, edit=data.source_of(kind.data_file, r.id)))
             for kind, render in ((p.kind, p.render) for p in RECORD_PAGES) for r in data.records(kind)]
    # Lists that grow with the data are split into pages (none for the real, small data).
    pages += [RecordPage(path, _bind(partners.region_page, code, number, total, edit="data/partners.yml"))
              for path, code, number, total in partners.region_pages(data)]
    pages += [RecordPage(path, _bind(achievements.year_page, year, number, total, edit="data/achievements.yml"))
              for path, year, number, total in achievements.year_pages(data)]
    pages += [RecordPage(report_page(r.year), _bind(report.page, r, edit=f"data/{report_file(r.year)}"))
              for r in (*data.reports, *data.drafts)]  # drafts: only a preview's data has them
    return pages


def _bind(render: Callable[..., Rendered], *args: object, edit: str) -> Callable[[Ctx], Rendered]:
    """The page, and where staff edit what it shows (`file` or `file:line`, for its sources block)."""
    return lambda ctx: md.compose(render(ctx, *args), md.edit(edit))
