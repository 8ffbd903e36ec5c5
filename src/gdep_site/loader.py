"""Load and validate every file in `data/` once, into one immutable `Dataset`.

All problems of all files are collected before anything is raised, so a member of staff
sees every mistake in one run, each with file, line, column and field. References between
files are checked in `crossrefs.py`; warnings (missing translations, stale reviews, markup
in text) come from `lint.py`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .errors import DataError, DataProblem
from .yamlsource import DataFileError, Located, load_yaml


class PartnersFile(m.Model):
    partners: list[m.Partner]


class ProgrammesFile(m.Model):
    programmes: list[m.Programme]


class BasesFile(m.Model):
    bases: list[m.Base]


class ActivitiesFile(m.Model):
    activities: list[m.Activity]


class FiguresFile(m.Model):
    figures: list[m.KeyFigure]


# file name in data/ -> the model of its whole content
FILES: dict[str, type[BaseModel]] = {
    "site.yml": m.Site,
    "report-2023.yml": m.Report,
    "partners.yml": PartnersFile,
    "programmes.yml": ProgrammesFile,
    "achievements.yml": m.Achievements,
    "bases.yml": BasesFile,
    "activities.yml": ActivitiesFile,
    "figures.yml": FiguresFile,
}

T = TypeVar("T")


@dataclass(frozen=True)
class Dataset:
    """Every validated record; read-only, shared by both language builds."""

    site: m.Site
    report: m.Report
    partners: tuple[m.Partner, ...]
    programmes: tuple[m.Programme, ...]
    competitions: tuple[m.Competition, ...]
    awards: tuple[m.Award, ...]
    projects: tuple[m.Project, ...]
    standards: tuple[m.Standard, ...]
    bases: tuple[m.Base, ...]
    activities: tuple[m.Activity, ...]
    figures: tuple[m.KeyFigure, ...]
    warnings: tuple[DataProblem, ...] = ()  # shown in previews; fatal in strict builds

    # Lookups by id and by partner, built once (cached_property works on frozen dataclasses)
    # so that rendering N records costs O(N), not O(N²).

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {
            "partner": {p.id: p for p in self.partners},
            "programme": {p.id: p for p in self.programmes},
            "competition": {c.id: c for c in self.competitions},
            "project": {p.id: p for p in self.projects},
            "section": {s.id: s for s in self.report.sections},
        }

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
    def by_country(self) -> dict[str | None, list[m.Partner]]:
        index: dict[str | None, list[m.Partner]] = {}
        for partner in self.partners:
            index.setdefault(partner.country, []).append(partner)
        return index

    @cached_property
    def awards_by_year(self) -> dict[int, list[m.Award]]:
        """Newest year first."""
        index: dict[int, list[m.Award]] = {}
        for award in self.awards:
            index.setdefault(award.year, []).append(award)
        return dict(sorted(index.items(), reverse=True))

    def lookup(self, kind: str, record_id: str) -> Any | None:
        """The record of `kind` ("partner", "programme"…) with this id, or None."""
        return self._by_id[kind].get(record_id)

    def partner(self, partner_id: str) -> m.Partner:
        return self._by_id["partner"][partner_id]

    def competition(self, competition_id: str) -> m.Competition:
        return self._by_id["competition"][competition_id]

    def project(self, project_id: str) -> m.Project:
        return self._by_id["project"][project_id]

    def section(self, section_id: str) -> m.Section:
        return self._by_id["section"][section_id]


@dataclass(frozen=True)
class CheckResult:
    """Everything found in `data/`: the records if they are usable, errors and warnings."""

    dataset: Dataset | None
    errors: tuple[DataProblem, ...]
    warnings: tuple[DataProblem, ...]


def check_data(data_dir: Path, today: date | None = None, pages: Collection[str] | None = None) -> CheckResult:
    """Read, validate and cross-check every file; never stops at the first problem.

    `pages`: the hand-written pages (docs paths such as "achievements.md") that data may link
    to; see `hand_written_pages`. Without it, links are checked for their form only.
    """
    from . import crossrefs, lint  # they use this module's Dataset and helpers

    errors: list[DataProblem] = []
    parsed: dict[str, Any] = {}
    sources: dict[str, Located] = {}
    for file_name, model in FILES.items():
        display = f"data/{file_name}"
        path = data_dir / file_name
        if not path.is_file():
            errors.append(DataProblem(display, 1, 1, "", "missing_file"))
            continue
        try:
            sources[file_name] = located = load_yaml(path, display)
        except DataFileError as exc:
            errors.extend(exc.problems)
            continue
        try:
            parsed[file_name] = model.model_validate(located.data)
        except ValidationError as exc:
            errors.extend(_explain(exc, located))
    errors.extend(crossrefs.check(sources, pages))
    warnings = list(lint.content_warnings(sources))
    warnings.extend(lint.translation_warnings(parsed, sources))
    warnings.extend(lint.review_warnings(parsed, sources, today or date.today()))
    dataset = _assemble(parsed) if not errors else None
    return CheckResult(dataset, _sorted(errors), _sorted(warnings))


def load_dataset(data_dir: Path, strict: bool = True, today: date | None = None,
                 pages: Collection[str] | None = None) -> Dataset:
    """The validated records; raise DataError listing every problem (warnings too if strict)."""
    result = check_data(data_dir, today, pages)
    problems = list(result.errors) + (list(result.warnings) if strict else [])
    if problems:
        raise DataError(problems)
    assert result.dataset is not None
    return replace(result.dataset, warnings=result.warnings)


def hand_written_pages(language_docs: Path) -> frozenset[str] | None:
    """Docs paths of one language's hand-written pages (every language has the same ones)."""
    if not language_docs.is_dir():
        return None
    return frozenset(p.relative_to(language_docs).as_posix() for p in language_docs.rglob("*.md"))


def _sorted(problems: list[DataProblem]) -> tuple[DataProblem, ...]:
    unique = dict.fromkeys(problems)  # the same problem found twice is listed once
    return tuple(sorted(unique, key=lambda p: (p.file, p.line, p.column, p.code)))


def _assemble(parsed: dict[str, Any]) -> Dataset:
    achievements: m.Achievements = parsed["achievements.yml"]
    return Dataset(
        site=parsed["site.yml"],
        report=parsed["report-2023.yml"],
        partners=tuple(parsed["partners.yml"].partners),
        programmes=tuple(parsed["programmes.yml"].programmes),
        competitions=tuple(achievements.competitions),
        awards=tuple(achievements.awards),
        projects=tuple(achievements.projects),
        standards=tuple(achievements.standards),
        bases=tuple(parsed["bases.yml"].bases),
        activities=tuple(parsed["activities.yml"].activities),
        figures=tuple(parsed["figures.yml"].figures),
    )


# --- pydantic errors -> staff-readable problems -------------------------------------------

_EXPECTED = {
    "string_type": ("文字", "text"),
    "int_type": ("整数", "a whole number"),
    "bool_type": ("true 或 false", "true or false"),
    "list_type": ("列表（每项以 - 开头）", "a list (items starting with -)"),
    "model_type": ("一组字段（名称: 值）", "a group of fields (name: value)"),
    "dict_type": ("一组字段（名称: 值）", "a group of fields (name: value)"),
    "date_type": ("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
    "model_attributes_type": ("一组字段（名称: 值）", "a group of fields (name: value)"),
}


def _explain(exc: ValidationError, located: Located) -> Iterator[DataProblem]:
    for error in exc.errors(include_url=False):
        path = tuple(error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, m.ValueProblem) and cause.at:
            path += (cause.at,)
        line, column = located.where(path)
        field = field_name(located.data, path)
        code, params = _code_for(error)
        yield DataProblem(located.file, line, column, field, code, params)


def _code_for(error: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, m.ValueProblem):
        return cause.code, cause.params
    if kind == "extra_forbidden":
        return "unknown_field", {"name": error["loc"][-1]}
    if kind == "missing":
        return "missing", {}
    if kind == "literal_error":
        return "bad_choice", {"value": error.get("input"), "choices": ctx.get("expected", "")}
    if kind in _EXPECTED:
        zh, en = _EXPECTED[kind]
        return "wrong_type", {"expected_zh": zh, "expected_en": en}
    if kind in ("too_short", "too_long") and "min_length" in ctx:
        return "missing", {}
    return "invalid", {"detail": error.get("msg", kind)}


def field_name(data: Any, path: tuple) -> str:
    """`partners[nmit].name.en`: the record's id reads better than its position."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            record_id = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{record_id}]" if isinstance(record_id, str) else f"[{step + 1}]")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(f".{step}" if parts else str(step))
    return "".join(parts)
