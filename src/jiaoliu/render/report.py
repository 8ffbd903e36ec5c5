"""The annual reports: the archive (every year, newest first), and each report re-flowed with its
original numbering; editor's notes and corrections are small numbered marks, the notes
themselves in the page's sources block."""

from __future__ import annotations

from jiaoliu.core import models as m
from jiaoliu.core.pages import in_report, report_page
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx
from jiaoliu.render.markdown import Rendered


def archive(ctx: Ctx) -> Rendered:
    """Every year's report, newest first: its title, and one sentence of its own."""
    items: list[str | Rendered] = []
    for rep in reversed(ctx.data.reports):
        link = ctx.link_to(md.esc(ctx.t("report.archive_item", year=rep.year)), report_page(rep.year))
        summary = md.esc(ctx.text(rep.summary.text)) if rep.summary else ""
        items.append(md.blocks(f"## {link} {{#report-{rep.year}}}", md.esc(ctx.text(rep.title)), summary))
        if rep.summary:
            items.append(ctx.source([in_report(rep.year, rep.summary.source)], md.esc(ctx.t("report.summary_source",
                                                                                      year=rep.year))))
    return md.compose(*items)


def page(ctx: Ctx, rep: m.Report) -> Rendered:
    front_matter = f"---\ntitle: {md.yaml_string(ctx.t('report.short_title', year=rep.year))}\n---"
    title_note = md.esc(ctx.t("report.editorial_title")) if rep.title_is_editorial else ""
    about = md.blocks(f"**{md.esc(ctx.t('report.about_text'))}**", title_note, md.paragraphs(ctx.text(rep.source_note)),
                      md.esc(ctx.t("report.translation_note")) if ctx.lang != "zh" else "")
    # A draft is shown only by a preview: the banner says so before anything else (core.drafts).
    draft = md.admonition("warning", ctx.t("report.draft_title"), md.esc(ctx.t("report.draft_body", year=rep.year))) \
        if rep.status == "draft" else ""
    return md.compose(front_matter, draft, f"# {md.esc(ctx.text(rep.title))}", *(_section(ctx, s) for s in rep.sections),
                      md.note(about))


def _section(ctx: Ctx, section: m.Section) -> Rendered:
    hashes = "#" * section.depth
    heading = ctx.text(section.heading) if section.heading else ctx.text(section.label)
    parts: list[str | Rendered] = [f"{hashes} {md.esc(heading)} {{#{section.id}}}"]
    notes = []
    if section.editor_note:  # about the section as a whole: marked after its first paragraph
        notes.append((f"e-{section.id}", md.paragraphs(ctx.text(section.editor_note))))
    for number, paragraph in enumerate(section.paragraphs, start=1):
        for index, correction in enumerate(paragraph.corrections, start=1):
            notes.append((f"c-{section.id}-{number}-{index}", _correction(ctx, correction)))
        marks = "<sup>,</sup>".join(md.footnote_ref(label) for label, _ in notes)  # "5,6", not "56"
        parts.append(md.paragraphs(ctx.text(paragraph)) + marks)
        parts += [md.footnote(label, _editor_note(ctx, body)) for label, body in notes]
        notes = []
    parts += [md.note(_editor_note(ctx, body)) for _, body in notes]  # a section without text
    return md.compose(*parts)


def _editor_note(ctx: Ctx, body_md: str) -> str:
    return ctx.pair(md.esc(ctx.t("report.editor_note")), body_md)


def _correction(ctx: Ctx, correction: m.Correction) -> str:
    return " ".join([md.esc(ctx.t("report.as_printed", text=correction.as_printed)),
                     md.esc(ctx.t("report.corrected", text=correction.corrected)),
                     md.esc(" ".join(ctx.text(correction.note).split()))])
