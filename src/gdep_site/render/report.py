"""The 2023 report, re-flowed, with its original numbering and visible editor's notes."""

from __future__ import annotations

from .. import markdown as md
from .. import models as m
from .context import Ctx


def report(ctx: Ctx) -> str:
    rep = ctx.data.report
    title_note = md.esc(ctx.t("report.editorial_title")) if rep.title_is_editorial else ""
    parts = [
        f"# {md.esc(ctx.text(rep.title))}",
        md.admonition("info", ctx.t("report.about_text"), md.blocks(title_note, md.paragraphs(ctx.text(rep.source_note)))),
    ]
    if ctx.lang != "zh":
        parts.append(md.esc(ctx.t("report.translation_note")))
    for section in rep.sections:
        parts.append(_section(ctx, section))
    return md.blocks(*parts)


def _section(ctx: Ctx, section: m.Section) -> str:
    hashes = "#" * section.depth
    heading = ctx.text(section.heading) if section.heading else ctx.text(section.label)
    parts = []
    if section.editor_note:
        parts.append(md.admonition("note", ctx.t("report.editor_note"), md.paragraphs(ctx.text(section.editor_note))))
    parts.append(f"{hashes} {md.esc(heading)} {{#{section.id}}}")
    for paragraph in section.paragraphs:
        parts.append(md.paragraphs(ctx.text(paragraph)))
        for correction in paragraph.corrections:
            parts.append(_correction(ctx, correction))
    return md.blocks(*parts)


def _correction(ctx: Ctx, correction: m.Correction) -> str:
    body = md.blocks(
        md.esc(ctx.t("report.as_printed", text=correction.as_printed)),
        md.esc(ctx.t("report.corrected", text=correction.corrected)),
        md.paragraphs(ctx.text(correction.note)),
    )
    return md.admonition("note", ctx.t("report.editor_note"), body)
