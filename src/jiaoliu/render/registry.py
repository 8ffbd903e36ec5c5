"""What the site is made of, declared once: the blocks a hand-written page may ask for, and for
each kind of record with pages of its own (`core.kinds`), how its pages look and what search
engines read of them. Marker replacement, the record pages, the <head> of every page and the tests
loop over these two tables; nothing else names a block or a kind of page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jiaoliu.core.kinds import PARTNERS, PROGRAMMES, RecordKind, record_of
from jiaoliu.core.pages import QUESTIONS_PAGE, REPORT_PAGE
from jiaoliu.render import (
    achievements,
    activities,
    figures,
    news,
    partners,
    programmes,
    report,
    seo,
    site,
    students,
)
from jiaoliu.render.context import Ctx
from jiaoliu.render.markdown import Rendered


@dataclass(frozen=True)
class Block:
    """What `<!-- jiaoliu:NAME -->` puts on a page, and the data files it shows (the page's sources
    block leads staff to them)."""

    render: Callable[[Ctx], str | Rendered]
    files: tuple[str, ...]


BLOCKS: dict[str, Block] = {
    "intro": Block(site.intro, ("site.yml",)),
    "key-figures": Block(figures.key_figures, ("figures.yml",)),
    "highlights": Block(site.highlights, ("site.yml",)),
    "hero": Block(site.hero, ("site.yml",)),
    "partner-directory": Block(partners.directory, ("partners.yml",)),
    "programme-overview": Block(programmes.overview, ("programmes.yml",)),
    "awards": Block(achievements.awards, ("achievements.yml",)),
    "standards": Block(achievements.standards, ("achievements.yml",)),
    "branch-campus": Block(lambda ctx: activities.bases(ctx, "branch_campus"), ("bases.yml",)),
    "training-bases": Block(lambda ctx: activities.bases(ctx, "training_base"), ("bases.yml",)),
    "exchanges": Block(lambda ctx: activities.activities(
        ctx, "international", ("visit", "cultural_exchange", "training_delivered", "membership")), ("activities.yml",)),
    "teacher-development": Block(lambda ctx: activities.activities(ctx, "international", ("teacher_development",)),
                                 ("activities.yml",)),
    "international-students": Block(lambda ctx: activities.activities(ctx, "international", ("student_support",)),
                                    ("activities.yml",)),
    "hk-macao": Block(lambda ctx: activities.activities(
        ctx, "hk_macao", ("student_support", "membership", "art_festival", "talks"), level=2), ("activities.yml",)),
    "study-programmes": Block(site.study_programmes, ("programmes.yml",)),
    "chinese-courses": Block(site.chinese_courses, ("programmes.yml",)),
    "facilities": Block(site.facilities, ("site.yml",)),
    "student-rules": Block(site.student_rules, ("site.yml",)),
    "contact": Block(site.contact, ("site.yml",)),
    "apply": Block(site.apply, ("admissions.yml",)),
    "student-life": Block(students.student_life, ("student-life.yml",)),
    "faq": Block(students.questions, ("faq.yml",)),
    "more-for-students": Block(students.more, ("student-life.yml", "faq.yml")),
    "hk-macao-apply": Block(site.hong_kong_macao_apply, ("admissions.yml",)),
    "partnering": Block(students.partnering, ("partnering.yml",)),
    "latest-news": Block(news.latest, ("news.yml",)),
    "news": Block(news.page, ("news.yml",)),
    "last-reviewed": Block(site.last_reviewed, ("site.yml",)),
    "figures-table": Block(figures.figures_page, ("figures.yml",)),
    "report-archive": Block(report.archive, ()),  # each report's own page links to its file
}


def _no_structured_data(ctx: Ctx, record: Any, page_url: str) -> dict[str, Any] | None:
    return None


@dataclass(frozen=True)
class RecordPages:
    """How the pages of one kind of record look: the page of a record, the block of the kind's
    list page that links them all, its description and its schema.org data."""

    kind: RecordKind
    render: Callable[[Ctx, Any], Rendered]
    list_block: str  # a name of BLOCKS, shown on kind.list_page
    description: Callable[[Ctx, Any], str]
    structured_data: Callable[[Ctx, Any, str], dict[str, Any] | None] = _no_structured_data


RECORD_PAGES = (
    RecordPages(PARTNERS, partners.page, "partner-directory", seo.partner_description),
    RecordPages(PROGRAMMES, programmes.page, "programme-overview", seo.programme_description, seo.programme_data),
)
_PAGES_OF = {pages.kind: pages for pages in RECORD_PAGES}


def _record(ctx: Ctx) -> tuple[RecordPages, Any] | None:
    """The kind and record whose page this is, if it is one."""
    found = record_of(ctx.page)
    if found is None:
        return None
    kind, record_id = found
    record = ctx.data.lookup(kind.name, record_id)
    return (_PAGES_OF[kind], record) if record is not None else None


def description(ctx: Ctx) -> str | None:
    """A record's page is described by its record, a year's report by its own sentence; other
    pages by their own front matter (None)."""
    found = _record(ctx)
    if found:
        pages, record = found
        return pages.description(ctx, record)
    year = REPORT_PAGE.fullmatch(ctx.page)
    rep = next((r for r in ctx.data.reports if year and r.year == int(year["year"])), None)
    return seo.report_description(ctx, rep) if rep else None


def structured_data(ctx: Ctx, page_url: str) -> dict[str, Any] | None:
    """schema.org JSON-LD: the college on the home page, the questions on the FAQ page, a record by its
    kind on its page."""
    if ctx.page == "index.md":
        return seo.college_data(ctx)
    if ctx.page == QUESTIONS_PAGE:
        return students.questions_data(ctx)
    found = _record(ctx)
    if found:
        pages, record = found
        return pages.structured_data(ctx, record, page_url)
    return None
