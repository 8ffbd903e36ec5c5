"""Figures shown on the site: counted from the records where records exist, otherwise the
report's own statement, shown as "reported" with its section. Never typed into a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import models as m
from .dataset import Dataset

JOINT_KINDS = ("sino_foreign_cooperative", "credit_recognition")
# Figures the achievements page shows by id: figures.yml must keep them (checked in crossrefs).
AWARDS_FIGURE = "awards"
STANDARDS_FIGURES = ("occupational-standards", "curriculum-standards")
REQUIRED_FIGURES = (AWARDS_FIGURE, *STANDARDS_FIGURES)


def _running(data: Dataset, *kinds: str) -> int:
    return sum(1 for p in data.programmes if p.kind in kinds and p.status == "running")


def _standards(data: Dataset, kind: str) -> int:
    return sum(s.count for s in data.standards if s.kind == kind)


def _bases(data: Dataset, kind: str) -> int:
    return sum(1 for b in data.bases if b.kind == kind)


# name used in figures.yml `derive:` -> how to count it from the records
DERIVATIONS: dict[str, Callable[[Dataset], int]] = {
    "partners_with_2023_agreement": lambda d: sum(
        1 for p in d.partners if any(a.year == 2023 for a in p.agreements)
    ),
    "partner_records": lambda d: len(d.partners),
    "partner_countries": lambda d: len({p.country for p in d.partners if p.country}),
    "joint_programmes": lambda d: _running(d, *JOINT_KINDS),
    "sino_foreign_programmes": lambda d: _running(d, "sino_foreign_cooperative"),
    "credit_recognition_programmes": lambda d: _running(d, "credit_recognition"),
    "specialty_groups_open": lambda d: sum(
        1 for p in d.programmes if p.status == "open_to_international_students"
    ),
    "awards_itemised": lambda d: len(d.awards),
    "occupational_standards": lambda d: _standards(d, "occupational"),
    "curriculum_standards": lambda d: _standards(d, "curriculum"),
    "branch_campuses": lambda d: _bases(d, "branch_campus"),
    "training_bases": lambda d: _bases(d, "training_base"),
}


@dataclass(frozen=True)
class FigureValue:
    """What the site shows for one key figure."""

    figure: m.KeyFigure
    value: int
    derived: bool
    disagreeing: tuple[m.Reported, ...]  # report statements that differ from `value`


def evaluate(figure: m.KeyFigure, data: Dataset) -> FigureValue:
    if figure.derive is not None:
        value = DERIVATIONS[figure.derive](data)
        disagreeing = tuple(r for r in figure.reported if r.value != value)
        return FigureValue(figure, value, True, disagreeing)
    # Reported only: show the first statement; any other statement that differs is noted.
    first = figure.reported[0]
    disagreeing = tuple(r for r in figure.reported[1:] if r.value != first.value)
    return FigureValue(figure, first.value, False, disagreeing)


def all_figures(data: Dataset) -> dict[str, FigureValue]:
    return {f.id: evaluate(f, data) for f in data.figures}
