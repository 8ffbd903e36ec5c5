"""The programme overview and one page per programme."""

from __future__ import annotations

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.pages import CONTACT_PAGE, STUDY_PAGE
from jiaoliu.render import markdown as md
from jiaoliu.render.context import Ctx, programme_title
from jiaoliu.render.figures import cards, figures_page_note
from jiaoliu.render.markdown import Rendered
from jiaoliu.render.photos import photo

# Overview sections, in reading order: (kind, status) -> heading key
GROUPS = (
    ("sino_foreign_cooperative", "running"),
    ("credit_recognition", "running"),
    ("specialty_group", "open_to_international_students"),
    ("chinese_language", "open_to_international_students"),
    ("credit_recognition", "under_discussion"),
)


def overview(ctx: Ctx) -> Rendered:
    parts: list[str | Rendered] = []
    for kind, status in GROUPS:
        members = sorted((p for p in ctx.data.programmes if p.kind == kind and p.status == status),
                         key=lambda p: localise.sort_key(ctx.name(p.major), ctx.lang))
        if not members:
            continue
        parts.append(f"## {md.esc(ctx.t(f'programmes.group.{kind}.{status}'))}")
        parts.append(md.esc(ctx.t(f"programmes.group_intro.{kind}.{status}")))
        parts.append(_table(ctx, members))
        parts += [_inferred_note(ctx, p) for p in members]
        parts.append(ctx.source([s for p in members for s in p.sources],
                                md.esc(ctx.t(f"programmes.group.{kind}.{status}"))))
    closed = sorted((p for p in ctx.data.programmes if p.status == "closed"),
                    key=lambda p: localise.sort_key(ctx.name(p.major), ctx.lang))
    if closed:  # of any kind: kept for the record, never counted
        parts += [f"## {md.esc(ctx.t('programmes.group.closed'))}", md.esc(ctx.t("programmes.group_intro.closed")),
                  _table(ctx, closed),
                  ctx.source([s for p in closed for s in p.sources], md.esc(ctx.t("programmes.group.closed")))]
    return md.compose(*parts, figures_page_note(ctx))


def _table(ctx: Ctx, programmes: list[m.Programme]) -> str:
    rows = [[ctx.programme_link(p), _partner_cell(ctx, p), md.esc(md.shorten(ctx.text(p.summary)))]
            for p in programmes]
    return ctx.table([ctx.t("col.programme"), ctx.t("col.partner"), ctx.t("col.summary")], rows)


def _partner_cell(ctx: Ctx, programme: m.Programme) -> str:
    if programme.partner is None:
        return md.esc(ctx.t("value.not_applicable"))
    cell = ctx.partner_link(programme.partner)
    if programme.partner_basis == "inferred":  # a small numbered mark; the note is in the sources block
        cell += md.footnote_ref("inferred-partner")
    return cell


def _inferred_note(ctx: Ctx, programme: m.Programme) -> Rendered:
    if programme.partner_basis != "inferred":
        return Rendered()
    return md.footnote("inferred-partner", md.esc(ctx.t("programmes.inferred_note")))


def audience(ctx: Ctx, programme: m.Programme) -> str:
    """Who the programme is for, only as far as the report or the office says it."""
    if programme.audience is not None:
        return md.esc(ctx.text(programme.audience))
    if programme.status == "open_to_international_students":
        return md.esc(ctx.t("programme.audience.international_students"))
    return ""


def page(ctx: Ctx, programme: m.Programme) -> Rendered:
    rows = [
        (ctx.t("field.audience"), audience(ctx, programme)),
        (ctx.t("field.major"), ctx.name_md(programme.major)),
        (ctx.t("field.programme_kind"), md.esc(ctx.t(f"programme.kind.{programme.kind}"))),
        (ctx.t("field.status"), md.esc(ctx.t(f"programme.status.{programme.status}"))),
        (ctx.t("field.history"), md.esc(localise.join_list(
            [ctx.t("value.status_in_year", year=h.year, status=ctx.t(f"programme.status.{h.status}"))
             for h in programme.history], ctx.lang)) if len(programme.history) > 1 else ""),
        (ctx.t("field.partner"), _partner_cell(ctx, programme) if programme.partner else ""),
        (ctx.t("field.school"), ctx.name_md(programme.school) if programme.school else ""),
        (ctx.t("field.level"), md.esc(ctx.text(programme.level)) if programme.level else ""),
        (ctx.t("field.duration"),
         md.esc(ctx.t("value.years", count=programme.duration_years)) if programme.duration_years else ""),
        (ctx.t("field.length"), md.esc(ctx.text(programme.length)) if programme.length else ""),
        (ctx.t("field.code"), md.esc(programme.code or "")),
        *_for_applicants(ctx, programme),
    ]
    return md.compose(
        f"# {md.esc(programme_title(ctx, programme))}",
        md.paragraphs(ctx.text(programme.summary)),
        photo(ctx, programme.photo),
        ctx.facts(rows),
        *(md.paragraphs(ctx.text(d)) for d in programme.details),
        cards(ctx, programme.key_figures, kind="programme", shown_by=ctx.data.key_figure_shown_by["programme", None]),
        record_figures(ctx, programme.figures),
        _for_international_students(ctx, programme),
        md.esc(ctx.t("programmes.questions")) + " " + ctx.link_to(md.esc(ctx.t("contact.link")), CONTACT_PAGE),
        _inferred_note(ctx, programme),
        ctx.source(programme.sources),
        ctx.source([h.source for h in programme.history], md.esc(ctx.t("field.history"))),
        ctx.link_to(md.esc(ctx.t("programmes.back")), "programmes/index.md"),
    )


def _for_applicants(ctx: Ctx, programme: m.Programme) -> list[tuple[str, str]]:
    """Who may apply, what it is taught in, when it admits, what graduates receive, where to
    apply: the rows the office has filled in (a row without a value is not shown)."""
    return [
        (ctx.t("field.applicants"),
         md.esc(ctx.t(f"programme.applicants.{programme.applicants}")) if programme.applicants else ""),
        (ctx.t("field.teaching_languages"), md.esc(localise.join_list(
            [localise.language_name(code, ctx.lang) for code in programme.teaching_languages], ctx.lang))),
        (ctx.t("field.intake"), md.esc(ctx.text(programme.intake)) if programme.intake else ""),
        (ctx.t("field.award"), md.esc(ctx.text(programme.award)) if programme.award else ""),
        (ctx.t("field.apply_at"),
         ctx.link_to(md.esc(ctx.t("programme.apply_link")), programme.apply_at) if programme.apply_at else ""),
    ]


def _for_international_students(ctx: Ctx, programme: m.Programme) -> str:
    """On a programme the report does not open to international students: where they can study
    (what the report says), without claiming anything about this programme."""
    if programme.status == "open_to_international_students" or programme.audience is not None:
        return ""
    return md.esc(ctx.t("programmes.international_students_elsewhere")) + " " + ctx.link_to(
        md.esc(ctx.t("programmes.study_link")), STUDY_PAGE)


def record_figures(ctx: Ctx, figures: list[m.Figure]) -> Rendered:
    """A record's figures as small cards (a value, its label and year); where each comes from
    goes to the sources block."""
    if not figures:
        return Rendered()
    return md.compose(
        ctx.partial("figure-cards", compact=True, cards=[
            {"figure": "", "number": ctx.number(f.value), "unit": ctx.unit(f.unit, f.value),
             "label": _with_year(ctx.text(f.label), f.year)} for f in figures]),
        ctx.sources_of([(md.esc(ctx.text(f.label)), [f.source]) for f in figures]),
    )


def _with_year(label: str, year: int) -> str:
    return label if str(year) in label else f"{label} ({year})"
