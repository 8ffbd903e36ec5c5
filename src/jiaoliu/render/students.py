"""Blocks of what staff fill in beyond the report: student life, the questions readers ask, and
how a partnership starts.

Each shows only what staff have filled in; its page is not built at all while nothing is
(`Dataset.pages_without_content`).
"""

from __future__ import annotations

from typing import Any

from jiaoliu.core import models as m
from jiaoliu.core.pages import QUESTIONS_PAGE, STUDENT_LIFE_PAGE
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx
from jiaoliu.render.photos import photo

# The pages of data that may not be built, each with the words that link to it.
MORE_PAGES = ((STUDENT_LIFE_PAGE, "life.title"), (QUESTIONS_PAGE, "faq.title"))


def student_life(ctx: Ctx) -> str:
    """A section per part the office has filled in, in the order readers need them."""
    life = ctx.data.student_life
    return md.blocks(*(md.blocks(f"## {md.esc(ctx.t(f'life.{part}'))} {{#{part}}}", _part(ctx, getattr(life, part)))
                       for part in life.parts()))


def _part(ctx: Ctx, value: m.Text | m.Campus) -> str:
    if isinstance(value, m.Campus):
        address = ctx.pair(f"**{md.esc(ctx.t('life.address'))}**", md.esc(ctx.text(value.address))) if value.address else ""
        return md.blocks(address, md.paragraphs(ctx.text(value.about)) if value.about else "", photo(ctx, value.photo))
    return md.paragraphs(ctx.text(value))


def questions(ctx: Ctx) -> str:
    """Each group under its heading, each question a heading of its own (a link can point at it)."""
    return md.blocks(*(_group(ctx, group) for group in ctx.data.questions.groups))


def _group(ctx: Ctx, group: m.QuestionGroup) -> str:
    answers = (md.blocks(f"### {md.esc(ctx.text(item.question))}", md.paragraphs(ctx.text(item.answer)))
               for item in group.questions)
    return md.blocks(f"## {md.esc(ctx.text(group.title))}", *answers)


def questions_data(ctx: Ctx) -> dict[str, Any] | None:
    """schema.org FAQPage: every question with the office's answer, as the page shows them."""
    items = [item for group in ctx.data.questions.groups for item in group.questions]
    if not items:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": ctx.lang,
            "mainEntity": [{"@type": "Question", "name": ctx.text(item.question),
                            "acceptedAnswer": {"@type": "Answer", "text": ctx.text(item.answer)}} for item in items]}


def more(ctx: Ctx) -> str:
    """Links to student life and the questions, those that are built (nothing while neither is)."""
    built = [ctx.link_to(md.esc(ctx.t(key)), page) for page, key in MORE_PAGES
             if page not in ctx.data.pages_without_content()]
    return f"{md.esc(ctx.t('students.more'))} {' · '.join(built)}" if built else ""


def partnering(ctx: Ctx) -> str:
    """What the college offers partners, and the steps to a partnership: those filled in."""
    partnering = ctx.data.partnering
    offer = (md.blocks(f"## {md.esc(ctx.t('partnering.offer'))}", md.paragraphs(ctx.text(partnering.offer)))
             if partnering.offer else "")
    steps = (md.blocks(f"## {md.esc(ctx.t('partnering.steps'))}",
                       "\n".join(f"1. {md.esc(ctx.text(step))}" for step in partnering.steps))
             if partnering.steps else "")
    return md.blocks(offer, steps)
