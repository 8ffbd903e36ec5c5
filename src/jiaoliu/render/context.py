"""What every renderer receives, and the helpers they share (names, links, citations)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.dataset import Dataset
from jiaoliu.core.figures import FigureSeries, all_figures
from jiaoliu.core.kinds import PARTNERS, PROGRAMMES
from jiaoliu.core.pages import parse_link, report_page
from jiaoliu.render import markdown as md
from jiaoliu.render.markdown import Rendered
from jiaoliu.render.templates import Partial, Partials

LIST_LIMIT = 60  # records per list page: beyond this, directories group and paginate


@dataclass(frozen=True)
class Site:
    """Everything built once per `mkdocs build` and shared by both languages."""

    data: Dataset
    figures: dict[str, FigureSeries]  # every key figure over the years of the reports
    strings: dict[str, localise.Strings]
    partials: Partials  # the look of the blocks (theme/partials/jiaoliu/)
    # (language, kind) -> the mark, or the badge, of a kind of name (made once: names are many)
    marks: dict[tuple[str, str], str]
    badges: dict[tuple[str, str], str]

    @classmethod
    def of(cls, data: Dataset, site_theme: Path | None = None) -> Site:
        """Figures derived from the records, the UI strings of every language, and the partials
        (the product's, or the site's own theme folder's where it has one)."""
        strings, partials = localise.string_tables(data.wording), Partials(site_theme)
        kinds = [(lang, kind, strings[lang](f"badge.{kind}_name")) for lang in strings for kind in md.MARK_SYMBOLS]
        return cls(data=data, figures=all_figures(data), strings=strings,
                   partials=partials,
                   marks={(lang, kind): partials.render("mark", kind=kind, symbol=md.MARK_SYMBOLS[kind], text=text)
                          for lang, kind, text in kinds},
                   badges={(lang, kind): partials.render("badge", kind=kind, text=text) for lang, kind, text in kinds})


@dataclass(frozen=True)
class Ctx:
    """One page in one language."""

    site: Site
    lang: str
    page: str  # docs path without the language folder, e.g. "partners/nmit.md"

    @property
    def data(self) -> Dataset:
        return self.site.data

    def t(self, key: str, **params: object) -> str:
        return self.site.strings[self.lang](key, **params)

    def t_markdown(self, key: str, **markdown: str) -> str:
        """The string `key` with Markdown of ours in its placeholders, its own words escaped."""
        return md.fill(self.site.strings[self.lang].table[key], **markdown)

    def text(self, value: m.Bilingual) -> str:
        """The text in this page's language; in a preview, the other one marked as missing."""
        text = value.in_language(self.lang)
        if text is None:  # the English, or for an English reader (or where it is missing too) the Chinese
            other = next(lang for lang in ("en", "zh") if lang != self.lang and value.in_language(lang) is not None)
            return f"{self.t('translation.missing_marker')} {value.in_language(other)}"
        return text

    def partial(self, name: Partial, **values: object) -> str:
        """Markdown from one of the partials (templates.py says how values are escaped)."""
        return self.site.partials.render(name, **values)

    def table(self, header: list[str], rows: Sequence[Sequence[str]]) -> str:
        """A table of cells that are already safe Markdown; each cell carries its column's name, so
        that on a phone a row stacks into labelled lines instead of scrolling sideways."""
        if not rows:
            return ""
        return self.partial("table", header=header,
                            rows=[[(label, Markup(cell), self.t("search.label", label=label))
                                   for label, cell in zip(header, row, strict=True)] for row in rows])

    def facts(self, rows: list[tuple[str, str]]) -> str:
        """Label/value pairs (values: safe inline Markdown); those without a value are left out."""
        shown = [(label, Markup(value), self.t("search.label", label=label)) for label, value in rows if value]
        return self.partial("facts", rows=shown) if shown else ""

    def link_to(self, label_md: str, target: str) -> str:
        """The one way to link: to a docs path (with an optional anchor) or an https address."""
        link = parse_link(target)
        if link is None:
            raise ValueError(f"not a page or https address: {target!r}")  # models refuse these first
        return md.link(label_md, link.url or md.rel(self.page, target))

    # --- names -----------------------------------------------------------------------------

    def name(self, name: m.Name) -> str:
        """Plain display name; a name without a verified English form shows its Chinese, with the
        pinyin beside it for readers who do not read Chinese (its mark says what it is)."""
        if localise.is_chinese(self.lang):
            return name.zh
        if name.en is None:  # any page not in Chinese shows a name's English form (a proper name)
            if name.en_status == "unverified":
                return f"{name.zh} ({localise.pinyin_label(name.zh)})"
            return f"{self.t('translation.missing_marker')} {name.zh}"
        return name.en

    def _name_note(self, name: m.Name) -> str | None:
        """On pages not in Chinese: the kind of English name that needs explaining, if any."""
        if not localise.is_chinese(self.lang) and name.en_status in ("unverified", "translated"):
            return name.en_status
        return None

    def name_badge(self, name: m.Name) -> str:
        """Under the title of a record (or a heading, which must stay plain): the words."""
        kind = self._name_note(name)
        return self.site.badges[self.lang, kind] if kind else ""

    def name_md(self, name: m.Name) -> str:
        """Escaped display name with a small mark, if any (explained once, at the page's end)."""
        kind = self._name_note(name)
        return md.esc(self.name(name)) + (self.mark(kind) if kind else "")

    def mark(self, kind: str) -> str:
        """The small mark of a kind of name; the screen readers' words say what it means."""
        return self.site.marks[self.lang, kind]

    def pair(self, what_md: str, value_md: str) -> str:
        """"what: value" with this language's colon; both are safe Markdown already (the
        template is ours, so it is not escaped)."""
        return self.t("text.pair", what=what_md, value=value_md)

    def country(self, code: str | None) -> str:
        if not code:
            return self.t("value.unknown_country")
        return self.t(f"region.{code}") if code in localise.REGIONS else localise.country_name(code, self.lang)

    def number(self, value: int) -> str:
        return localise.number(value, self.lang)

    def unit(self, unit: m.Unit, count: int) -> str:
        """The unit in the form its count takes in this language ("1 campus", "3 campuses")."""
        form = unit.form(count, self.lang)
        if form is None and unit.in_language(self.lang) is None and self.lang != "en" and unit.in_language("en"):
            # a missing translation (a preview): English in its form for this count
            return f"{self.t('translation.missing_marker')} {unit.form(count, 'en') or unit.in_language('en')}"
        return form or self.text(unit)

    # --- report citations ------------------------------------------------------------------

    def cite(self, ref: str) -> str:
        """A link to a report section (`s1` or `2023/s1`); with several reports it names the year."""
        section, year = self.data.section(ref), self.data.report_year_of(ref)
        label = self.text(section.label)
        label = (self.t("report.section_mark_of_year", year=year, label=label) if len(self.data.reports) > 1
                 else self.t("report.section_mark", label=label))
        return self.link_to(md.esc(label), f"{report_page(year)}#{section.id}")

    def cite_all(self, section_ids: list[str]) -> str:
        unique = list(dict.fromkeys(section_ids))
        return localise.join_list([self.cite(s) for s in unique], self.lang)

    def source(self, section_ids: list[str], what_md: str = "") -> Rendered:
        """Where the report says it, for the page's sources block (`what_md`: what it supports);
        nothing when no section is given."""
        if not section_ids:
            return Rendered()
        what_md = what_md or md.esc(self.t("sources.this_page"))
        return md.source(self.pair(what_md, self.cite_all(section_ids)))

    def sources_of(self, items: list[tuple[str, list[str]]]) -> Rendered:
        """Sources of many records (e.g. table rows): one line per set of report sections, naming
        the records it supports, so that each row stays traceable without a column of citations."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for what_md, section_ids in items:
            groups.setdefault(tuple(dict.fromkeys(section_ids)), []).append(what_md)
        return md.compose(*(self.source(list(ids), localise.join_list(list(dict.fromkeys(whats)), self.lang))
                            for ids, whats in groups.items()))

    # --- record pages ------------------------------------------------------------------------

    def partner_link(self, partner_id: str) -> str:
        partner = self.data.partner(partner_id)
        return self.link_to(self.name_md(partner.name), PARTNERS.page(partner_id))

    def programme_link(self, programme: m.Programme) -> str:
        return self.link_to(md.esc(programme_title(self, programme)), PROGRAMMES.page(programme.id))


def programme_title(ctx: Ctx, programme: m.Programme) -> str:
    return ctx.t(f"programme.title.{programme.kind}", major=ctx.name(programme.major))


def chunks(items: list, size: int = LIST_LIMIT) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def numbered(path_stem: str, number: int) -> str:
    """`partners/regions/nz.md`, then `partners/regions/nz-2.md`, … for further pages."""
    return f"{path_stem}.md" if number == 1 else f"{path_stem}-{number}.md"


def list_pages(groups: dict[Any, list], stem: Callable[[Any], str]) -> list[tuple[str, Any, int, int]]:
    """(path, group, page number, pages) of every page of every group's list."""
    pages = []
    for key, items in groups.items():
        total = len(chunks(items))
        pages += [(numbered(stem(key), n), key, n, total) for n in range(1, total + 1)]
    return pages


def pager(ctx: Ctx, path_stem: str, number: int, total: int) -> str:
    """Links to the previous and next page of a paginated list."""
    if total == 1:
        return ""
    links = []
    if number > 1:
        links.append(ctx.link_to(md.esc(ctx.t("list.previous")), numbered(path_stem, number - 1)))
    links.append(md.esc(ctx.t("list.page_of", page=number, pages=total)))
    if number < total:
        links.append(ctx.link_to(md.esc(ctx.t("list.next")), numbered(path_stem, number + 1)))
    return " · ".join(links)
