"""The validated records of `data/`, and the lookups every page needs, built once.

Below validation and rendering: it knows the models only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jiaoliu.core import models as m
from jiaoliu.core.errors import DataProblem
from jiaoliu.core.kinds import RECORD_KINDS, RecordKind
from jiaoliu.core.pages import NEWS_PAGE, PARTNERING_PAGE, QUESTIONS_PAGE, STUDENT_LIFE_PAGE
from jiaoliu.core.photos import PhotoFacts


def pages_without_content(student_life: m.StudentLife, questions: m.QuestionsFile, partnering: m.Partnering,
                          news: m.NewsFile) -> frozenset[str]:
    """The hand-written pages made of one data file's content that staff have not filled in yet:
    not built, so that no page, menu entry or link promises what is not there (and data may not
    link to them)."""
    filled = {STUDENT_LIFE_PAGE: student_life.filled(), QUESTIONS_PAGE: questions.filled(),
              PARTNERING_PAGE: partnering.filled(), NEWS_PAGE: news.filled()}
    return frozenset(page for page, has_content in filled.items() if not has_content)


@dataclass(frozen=True)
class Dataset:
    """Every validated record; read-only, shared by both language builds."""

    site: m.Site
    admissions: m.Admissions
    reports: tuple[m.Report, ...]  # every annual report ready to publish, oldest first (data/reports/<year>.yml)
    partners: tuple[m.Partner, ...]
    programmes: tuple[m.Programme, ...]
    competitions: tuple[m.Competition, ...]
    awards: tuple[m.Award, ...]
    projects: tuple[m.Project, ...]
    standards: tuple[m.Standard, ...]
    bases: tuple[m.Base, ...]
    activities: tuple[m.Activity, ...]
    figures: tuple[m.KeyFigure, ...]
    traditional: tuple[m.TraditionalName, ...] = ()  # how the Traditional pages write some names
    hong_kong_words: tuple[m.HongKongWord, ...] = ()  # and the words Hong Kong writes differently
    reader_words: m.SearchFile = m.SearchFile.model_validate({})  # the words readers type for the site's (data/search.yml)
    student_life: m.StudentLife = m.StudentLife()
    questions: m.QuestionsFile = m.QuestionsFile()  # the FAQ (data/faq.yml)
    partnering: m.Partnering = m.Partnering()  # how to start a partnership (data/partnering.yml)
    news: m.NewsFile = m.NewsFile()
    drafts: tuple[m.Report, ...] = ()  # reports in the making (core.drafts): never published nor counted
    warnings: tuple[DataProblem, ...] = ()  # shown in previews; fatal in strict builds
    due_for_review: tuple[DataProblem, ...] = ()  # information only (loader.CheckResult)
    renamed: tuple[DataProblem, ...] = ()  # old names that still work, with their new ones (information)
    record_lines: tuple[tuple[str, str, int], ...] = ()  # (data file, record id, line of the record)
    photos: Mapping[str, PhotoFacts] = field(default_factory=dict)  # by file name in data/photos/, as checked
    wording: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # the college's own (data/wording.yml)

    def pages_without_content(self) -> frozenset[str]:
        return pages_without_content(self.student_life, self.questions, self.partnering, self.news)

    # Lookups by id and by partner, built once (cached_property works on frozen dataclasses)
    # so that rendering N records costs O(N), not O(N²).

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {
            **{kind.name: {r.id: r for r in self.records(kind)} for kind in RECORD_KINDS},
            "competition": {c.id: c for c in self.competitions},
            "project": {p.id: p for p in self.projects},
            # `2023/s1`, and `s1` alone while there is one report (crossrefs checks which is used)
            "section": {f"{r.year}/{s.id}": s for r in (*self.reports, *self.drafts) for s in r.sections}
            | ({s.id: s for s in self.reports[0].sections} if len(self.reports) == 1 else {}),
        }

    @cached_property
    def _record_lines(self) -> dict[tuple[str, str], int]:
        return {(file_name, record_id): line for file_name, record_id, line in self.record_lines}

    def source_of(self, file_name: str, record_id: str) -> str:
        """Where staff edit a record: `data/partners.yml:120` (or the file, if its line is unknown)."""
        line = self._record_lines.get((file_name, record_id))
        return f"data/{file_name}:{line}" if line else f"data/{file_name}"

    @cached_property
    def by_partner(self) -> dict[str, dict[str, list[Any]]]:
        """partner id -> {"programmes", "bases", "activities", "members"} that name it."""
        index: dict[str, dict[str, list[Any]]] = {
            p.id: {"programmes": [], "bases": [], "activities": [], "members": []} for p in self.partners
        }
        for programme in self.programmes:
            if programme.partner:
                index[programme.partner]["programmes"].append(programme)
        for base in self.bases:
            index[base.partner]["bases"].append(base)
        for activity in self.activities:
            for partner_id in dict.fromkeys(activity.partners):
                index[partner_id]["activities"].append(activity)
        for partner in self.partners:
            if partner.parent:
                index[partner.parent]["members"].append(partner)
        return index

    @cached_property
    def listed_partners(self) -> tuple[m.Partner, ...]:
        """The partners the directory lists: not placeholders for institutions the report leaves
        unnamed, which readers meet on the page of the base they belong to."""
        return tuple(p for p in self.partners if p.kind != "unnamed")

    @cached_property
    def by_country(self) -> dict[str | None, list[m.Partner]]:
        """Listed partners by country (None: not known)."""
        index: dict[str | None, list[m.Partner]] = {}
        for partner in self.listed_partners:
            index.setdefault(partner.country, []).append(partner)
        return index

    @cached_property
    def key_figure_shown_by(self) -> dict[tuple[str, int | None], Counter[str]]:
        """How many records show each key figure: the programmes, by ("programme", None), and the
        activities of one year, by ("activity", year) (a figure several show counts them together)."""
        shown: dict[tuple[str, int | None], Counter[str]] = defaultdict(Counter)
        for programme in self.programmes:
            shown["programme", None].update(programme.key_figures)
        for activity in self.activities:
            shown["activity", activity.year].update(activity.key_figures)
        return dict(shown)  # a record's own key is always there

    @cached_property
    def awards_by_year(self) -> dict[int, list[m.Award]]:
        """Newest year first."""
        index: dict[int, list[m.Award]] = {}
        for award in self.awards:
            index.setdefault(award.year, []).append(award)
        return dict(sorted(index.items(), reverse=True))

    def records(self, kind: RecordKind) -> tuple[Any, ...]:
        """Every record of a kind with pages of its own, in the order of its data file."""
        return getattr(self, kind.key)

    def lookup(self, kind: str, record_id: str) -> Any | None:
        """The record of `kind` ("partner", "programme"…) with this id, or None."""
        return self._by_id[kind].get(record_id)

    def partner(self, partner_id: str) -> m.Partner:
        return self._by_id["partner"][partner_id]

    def competition(self, competition_id: str) -> m.Competition:
        return self._by_id["competition"][competition_id]

    def project(self, project_id: str) -> m.Project:
        return self._by_id["project"][project_id]

    def section(self, ref: str) -> m.Section:
        """The section a record cites: `2023/s1`, or `s1` while there is one report."""
        return self._by_id["section"][ref]

    def report_year_of(self, ref: str) -> int:
        """The year of the report a section reference points to."""
        year, _, _ = ref.rpartition("/")
        return int(year) if year else self.reports[0].year

    @property
    def report_years(self) -> tuple[int, ...]:
        return tuple(r.year for r in self.reports)

    @property
    def latest_report(self) -> m.Report:
        """The newest annual report: the year the home page and topic pages speak of."""
        return self.reports[-1]
