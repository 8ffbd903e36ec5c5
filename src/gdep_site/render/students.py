"""Blocks for prospective students beyond the programmes: student life, and the questions they ask.

Each shows only what staff have filled in; its page is not built at all while nothing is
(`Dataset.pages_without_content`).
"""

from __future__ import annotations

from typing import Any

from gdep_site.core import models as m
from gdep_site.render import markdown as md
from gdep_site.render.context import Ctx


def student_life(ctx: Ctx) -> str:
    """A section per part the office has filled in, in the order readers need them."""
    life = ctx.data.student_life
    return md.blocks(*(md.blocks(f"## {md.esc(ctx.t(f'life.{part}'))} {{#{part}}}", _part(ctx, getattr(life, part)))
                       for part in life.parts()))


def _part(ctx: Ctx, value: m.Text | m.Campus) -> str:
    if isinstance(value, m.Campus):
        address = f"**{md.esc(ctx.t('life.address'))}**: {md.esc(ctx.text(value.address))}" if value.address else ""
        return md.blocks(address, md.paragraphs(ctx.text(value.about)) if value.about else "")
    return md.paragraphs(ctx.text(value))


def questions(ctx: Ctx) -> str:
    """Each group under its heading, each question a heading of its own (a link can point at it)."""
    return md.blocks(*(md.blocks(f"## {md.esc(ctx.text(group.title))}",
                                 *(md.blocks(f"### {md.esc(ctx.text(item.question))}", md.paragraphs(ctx.text(item.answer)))
                                   for item in group.questions))
                       for group in ctx.data.questions.groups))


def questions_data(ctx: Ctx) -> dict[str, Any] | None:
    """schema.org FAQPage: every question with the office's answer, as the page shows them."""
    items = [item for group in ctx.data.questions.groups for item in group.questions]
    if not items:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": ctx.lang,
            "mainEntity": [{"@type": "Question", "name": ctx.text(item.question),
                            "acceptedAnswer": {"@type": "Answer", "text": ctx.text(item.answer)}} for item in items]}
