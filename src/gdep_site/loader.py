"""Load and validate every file in `data/` once, into one immutable `Dataset`.

All problems of all files are collected before anything is raised, so a member of staff
sees every mistake in one run, each with file, line, column and field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .errors import DataError, DataProblem
from .yamlsource import DataFileError, Located, dotted, load_yaml


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

    def partner(self, partner_id: str) -> m.Partner:
        return next(p for p in self.partners if p.id == partner_id)

    def competition(self, competition_id: str) -> m.Competition:
        return next(c for c in self.competitions if c.id == competition_id)

    def project(self, project_id: str) -> m.Project:
        return next(p for p in self.projects if p.id == project_id)

    def section(self, section_id: str) -> m.Section:
        return next(s for s in self.report.sections if s.id == section_id)


def load_dataset(data_dir: Path) -> Dataset:
    """Read, validate and cross-check `data_dir`; raise DataError listing every problem."""
    problems: list[DataProblem] = []
    parsed: dict[str, Any] = {}
    sources: dict[str, Located] = {}
    for file_name, model in FILES.items():
        display = f"data/{file_name}"
        path = data_dir / file_name
        if not path.is_file():
            problems.append(DataProblem(display, 1, 1, "", "missing_file"))
            continue
        try:
            located = load_yaml(path, display)
        except DataFileError as exc:
            problems.extend(exc.problems)
            continue
        try:
            parsed[file_name] = model.model_validate(located.data)
            sources[file_name] = located
        except ValidationError as exc:
            problems.extend(_explain(exc, located))
    if problems:
        raise DataError(problems)
    dataset = _assemble(parsed)
    problems = list(_cross_check(dataset, sources))
    if problems:
        raise DataError(problems)
    return dataset


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
        field = _field_name(located.data, path)
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


def _field_name(data: Any, path: tuple) -> str:
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


# --- references between records -------------------------------------------------------------


def _cross_check(data: Dataset, sources: dict[str, Located]) -> Iterator[DataProblem]:
    from .figures import DERIVATIONS  # figures imports loader types; avoid a cycle

    checker = _RefChecker(sources, {s.id for s in data.report.sections})
    yield from checker.unique("partners.yml", "partners")
    yield from checker.unique("programmes.yml", "programmes")
    for key in ("competitions", "awards", "projects", "standards"):
        yield from checker.unique("achievements.yml", key)
    yield from checker.unique("bases.yml", "bases")
    yield from checker.unique("activities.yml", "activities")
    yield from checker.unique("figures.yml", "figures")
    yield from checker.unique("report-2023.yml", "sections")

    partners = {p.id for p in data.partners}
    for file_name, root in (("partners.yml", "partners"), ("programmes.yml", "programmes"),
                            ("bases.yml", "bases"), ("activities.yml", "activities"),
                            ("achievements.yml", "competitions"), ("achievements.yml", "awards"),
                            ("achievements.yml", "projects"), ("achievements.yml", "standards")):
        yield from checker.sections_in(file_name, (root,))
    yield from checker.sections_in("figures.yml", ("figures",))
    yield from checker.refs("partners.yml", ("partners", "*", "parent"), partners, "data/partners.yml")
    yield from checker.refs("programmes.yml", ("programmes", "*", "partner"), partners, "data/partners.yml")
    yield from checker.refs("bases.yml", ("bases", "*", "partner"), partners, "data/partners.yml")
    yield from checker.refs("activities.yml", ("activities", "*", "partners", "*"), partners,
                            "data/partners.yml")
    yield from checker.refs("achievements.yml", ("awards", "*", "competition"),
                            {c.id for c in data.competitions}, "achievements.yml competitions")
    yield from checker.refs("achievements.yml", ("standards", "*", "project"),
                            {p.id for p in data.projects}, "achievements.yml projects")
    figure_ids = {f.id for f in data.figures}
    yield from checker.refs("site.yml", ("key_figures", "*"), figure_ids, "data/figures.yml")
    for file_name, root in (("activities.yml", "activities"), ("programmes.yml", "programmes")):
        yield from checker.refs(file_name, (root, "*", "key_figures", "*"), figure_ids, "data/figures.yml")
    yield from checker.choices("figures.yml", ("figures", "*", "derive"), set(DERIVATIONS),
                               "unknown_derivation")
    yield from _check_corrections(data, sources["report-2023.yml"])


class _RefChecker:
    def __init__(self, sources: dict[str, Located], section_ids: set[str]):
        self.sources = sources
        self.section_ids = section_ids

    def _walk(self, data: Any, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
        if not pattern:
            yield path, data
            return
        head, rest = pattern[0], pattern[1:]
        if head == "*":
            items = enumerate(data) if isinstance(data, list) else ()
            for index, item in items:
                yield from self._walk(item, rest, path + (index,))
        elif isinstance(data, dict) and data.get(head) is not None:
            yield from self._walk(data[head], rest, path + (head,))

    def _problem(self, file_name: str, path: tuple, code: str, **params: Any) -> DataProblem:
        located = self.sources[file_name]
        line, column = located.where(path)
        return DataProblem(located.file, line, column, _field_name(located.data, path), code, params)

    def unique(self, file_name: str, key: str) -> Iterator[DataProblem]:
        first_seen: dict[str, tuple] = {}
        located = self.sources[file_name]
        for path, value in self._walk(located.data, (key, "*", "id")):
            if value in first_seen:
                line, _ = located.where(first_seen[value])
                yield self._problem(file_name, path, "duplicate_id", value=value,
                                    first=f"{located.file}:{line}")
            else:
                first_seen[value] = path

    def refs(self, file_name: str, pattern: tuple, known: set[str], target: str) -> Iterator[DataProblem]:
        for path, value in self._walk(self.sources[file_name].data, pattern):
            if value not in known:
                yield self._problem(file_name, path, "unknown_reference", value=value, target=target)

    def choices(self, file_name: str, pattern: tuple, known: set[str], code: str) -> Iterator[DataProblem]:
        for path, value in self._walk(self.sources[file_name].data, pattern):
            if value not in known:
                yield self._problem(file_name, path, code, value=value,
                                    choices=", ".join(sorted(known)))

    def sections_in(self, file_name: str, root: tuple) -> Iterator[DataProblem]:
        """Every `source`, `sources[]` or `section` value anywhere below `root`."""
        located = self.sources[file_name]
        for path, value in _leaves(located.data, ()):
            if path[: len(root)] != root or not _is_section_field(path):
                continue
            if value not in self.section_ids:
                yield self._problem(file_name, path, "unknown_section", value=value,
                                    choices=", ".join(sorted(self.section_ids)))


def _is_section_field(path: tuple) -> bool:
    names = [p for p in path if isinstance(p, str)]
    return bool(names) and names[-1] in ("source", "sources", "section")


def _leaves(data: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, path + (index,))
    else:
        yield path, data


def _check_corrections(data: Dataset, located: Located) -> Iterator[DataProblem]:
    for s_index, section in enumerate(data.report.sections):
        for p_index, paragraph in enumerate(section.paragraphs):
            for c_index, correction in enumerate(paragraph.corrections):
                if correction.corrected not in paragraph.zh:
                    path = ("sections", s_index, "paragraphs", p_index, "corrections", c_index,
                            "corrected")
                    line, column = located.where(path)
                    yield DataProblem(located.file, line, column, dotted(path),
                                      "correction_not_found", {"value": correction.corrected})
