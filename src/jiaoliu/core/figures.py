"""Figures shown on the site, one value per year of report: counted from the records where
records exist, otherwise what that year's report states, shown as "reported" with its section.
Never typed into a page.

A record counts for a year by the years it carries: an agreement's or an award's own year, and
otherwise the first report that names it (the year of its earliest cited section). So a count of
"partners" for 2024 holds the partners named by the reports up to 2024, and nothing is guessed
for a year the reports do not cover.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jiaoliu.core import models as m
from jiaoliu.core.dataset import Dataset

JOINT_KINDS = ("sino_foreign_cooperative", "credit_recognition")
# Figures the achievements page shows by id: figures.yml must keep them (checked in crossrefs).
AWARDS_FIGURE = "awards"
STANDARDS_FIGURES = ("occupational-standards", "curriculum-standards")
REQUIRED_FIGURES = (AWARDS_FIGURE, *STANDARDS_FIGURES)


def named_by(data: Dataset, year: int, records: Iterable) -> list:
    """The records that a report up to `year` names (by their `source` or `sources`)."""
    kept = []
    for record in records:
        refs = getattr(record, "sources", None) or [getattr(record, "source", None)]
        years = [data.report_year_of(ref) for ref in refs if ref]
        if not years or min(years) <= year:  # (every record cites a section: the models require it)
            kept.append(record)
    return kept


def status_in(programme: m.Programme, year: int) -> str | None:
    """A programme's status in `year`: from its history when it has one (None before its first
    entry), else its only known status."""
    if not programme.history:
        return programme.status
    states = [change.status for change in programme.history if change.year <= year]
    return states[-1] if states else None


def _running(data: Dataset, year: int, *kinds: str) -> int:
    return sum(1 for p in named_by(data, year, data.programmes) if p.kind in kinds and status_in(p, year) == "running")


def _standards(data: Dataset, year: int, kind: str) -> int:
    return sum(s.count for s in named_by(data, year, data.standards) if s.kind == kind)


def open_in(base: m.Base, year: int) -> bool:
    """Whether a base is open in `year`: not closed by then, and opened by then when that is known."""
    events = [e.event for e in base.history if e.year <= year]
    if base.history and base.history[0].event == "opened" and not events:
        return False
    return not events or events[-1] != "closed"


def _bases(data: Dataset, year: int, kind: str) -> int:
    return sum(1 for b in named_by(data, year, data.bases) if b.kind == kind and open_in(b, year))


# Derivations that count only the records of that very year (an agreement signed, an award won
# that year), not every record named up to it: a year no such record has reached yet has no count
# (0 would say "none") and shows what its report states instead, if anything.
OF_THE_YEAR = frozenset({"partners_with_agreement", "awards_itemised"})

# name used in figures.yml `derive:` -> how to count it, for one year, from the records
DERIVATIONS: dict[str, Callable[[Dataset, int], int]] = {
    "partners_with_agreement": lambda d, y: sum(
        1 for p in d.partners if any(a.year == y and a.event == "signed" for a in p.agreements)),
    "partner_records": lambda d, y: len(named_by(d, y, d.partners)),
    "partner_countries": lambda d, y: len({p.country for p in named_by(d, y, d.partners) if p.country}),
    "joint_programmes": lambda d, y: _running(d, y, *JOINT_KINDS),
    "sino_foreign_programmes": lambda d, y: _running(d, y, "sino_foreign_cooperative"),
    "credit_recognition_programmes": lambda d, y: _running(d, y, "credit_recognition"),
    "specialty_groups_open": lambda d, y: sum(
        1 for p in named_by(d, y, d.programmes)
        if p.kind == "specialty_group" and status_in(p, y) == "open_to_international_students"),
    "awards_itemised": lambda d, y: sum(1 for a in d.awards if a.year == y),
    "occupational_standards": lambda d, y: _standards(d, y, "occupational"),
    "curriculum_standards": lambda d, y: _standards(d, y, "curriculum"),
    "branch_campuses": lambda d, y: _bases(d, y, "branch_campus"),
    "training_bases": lambda d, y: _bases(d, y, "training_base"),
}


@dataclass(frozen=True)
class FigureValue:
    """What the site shows for one key figure in one year."""

    figure: m.KeyFigure
    year: int
    value: int | None  # None: not counted and not reported for this year
    derived: bool
    reported: tuple[m.Reported, ...]  # what that year's report states (its sections are that report's)
    disagreeing: tuple[m.Reported, ...]  # the statements that differ from `value`
    note: m.Text | None  # the editor's note of that year's report


@dataclass(frozen=True)
class FigureSeries:
    """A key figure over the years of the reports, oldest first."""

    figure: m.KeyFigure
    values: tuple[FigureValue, ...]

    @property
    def latest(self) -> FigureValue:
        """The latest year that has a value (its card says which year), else the latest year."""
        return next((v for v in reversed(self.values) if v.value is not None), self.values[-1])

    def of(self, year: int) -> FigureValue | None:
        return next((v for v in self.values if v.year == year), None)

    def change(self, year: int) -> int | None:
        """The change from the year before (None when either year has no value)."""
        index = next(i for i, v in enumerate(self.values) if v.year == year)
        if index == 0 or self.values[index].value is None or self.values[index - 1].value is None:
            return None
        return self.values[index].value - self.values[index - 1].value  # type: ignore[operator]


def evaluate(figure: m.KeyFigure, report: m.Report, data: Dataset) -> FigureValue:
    stated = next((f for f in report.figures if f.id == figure.id), None)
    reported = tuple(stated.reported) if stated else ()
    note = stated.note if stated else None
    if figure.derive is not None:
        value = DERIVATIONS[figure.derive](data, report.year)
        if value or figure.derive not in OF_THE_YEAR:
            return FigureValue(figure, report.year, value, True, reported,
                               tuple(r for r in reported if r.value != value), note)
    if not reported:
        return FigureValue(figure, report.year, None, False, (), (), note)
    # Reported only (or no record of that year yet): show the first statement; any other
    # statement that differs is noted.
    first = reported[0]
    return FigureValue(figure, report.year, first.value, False, reported,
                       tuple(r for r in reported[1:] if r.value != first.value), note)


def all_figures(data: Dataset) -> dict[str, FigureSeries]:
    return {f.id: FigureSeries(f, tuple(evaluate(f, r, data) for r in data.reports)) for f in data.figures}
