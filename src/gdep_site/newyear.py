"""`gdep-new-year YEAR`: start the next annual report, as a member of staff would by hand.

1. While there is one report, records cite its sections as `s2-2-9`. With two, that would be
   ambiguous: every such reference in data/ is first written out with its year (`2023/s2-2-9`),
   in place, changing nothing else in the files (comments, quotes and layout stay).
2. It writes `data/reports/YEAR.yml` from the latest report's structure: the section ids, their
   depth, and empty texts to fill in (title, labels, headings, paragraphs), and the ids of the
   figures it stated with no statement yet; nothing else. Until the text and its translation are
   complete, `gdep-check` lists what is missing, by file and line.

It refuses to overwrite a report, to go back in time, and to touch data that has problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import models as m
from .crossrefs import section_refs
from .loader import check_data, data_files
from .pages import REPORTS_FOLDER, SECTION_REF, report_file
from .yamlsource import load_yaml


class NewYearError(Exception):
    """Why the new year was not started; nothing was written."""


def qualify_references(data_dir: Path, year: int) -> list[str]:
    """Write `year/` before every section reference without one, in every data file but the
    reports themselves (whose references are to their own sections). Returns the files changed."""
    changed = []
    for file_name in data_files(data_dir):
        if file_name.startswith(f"{REPORTS_FOLDER}/"):
            continue
        path = data_dir / file_name
        located = load_yaml(path, f"data/{file_name}")
        inserts: dict[int, list[int]] = {}  # line -> columns where `year/` goes
        for ref_path, value in section_refs(located):
            match = SECTION_REF.fullmatch(value)
            if match is None or match["year"]:
                continue
            line, column = located.positions[ref_path]
            inserts.setdefault(line, []).append(column)
        if not inserts:
            continue
        lines = path.read_text("utf-8").split("\n")
        for line, columns in inserts.items():
            text = lines[line - 1]
            for column in sorted(columns, reverse=True):  # right to left: the columns stay true
                at = column if text[column - 1:column] in ("'", '"') else column - 1  # after an opening quote
                if not SECTION_REF.match(text, at):
                    raise NewYearError(f"data/{file_name}:{line}:{column}: unexpected text {text[at:at + 20]!r}")
                text = f"{text[:at]}{year}/{text[at:]}"
            lines[line - 1] = text
        path.write_text("\n".join(lines), "utf-8")
        changed.append(f"data/{file_name}")
    return changed


def skeleton(previous: m.Report, year: int) -> str:
    """The new report: the previous one's section ids and depths, every text empty, and the
    figures it stated, with no statement yet."""
    empty = '{zh: "", en: ""}'
    out = [
        "# yaml-language-server: $schema=../../schemas/report.schema.json",
        f"# The {year} report, started by gdep-new-year from the structure of the {previous.year} report.",
        "# Fill in every empty text (zh: the report's own words; en: the translation); remove a section",
        "# the new report does not have, add one it has. gdep-check lists what is still empty.",
        f"year: {year}",
        f"title: {empty}",
        "title_is_editorial: false",
        f"source_note: {empty}",
    ]
    if previous.figures:  # the figures that report stated, to fill in with what this one states
        out += ["figures:"] + [f"  - {{id: {f.id}, reported: []}}" for f in previous.figures]
    out.append("sections:")
    for section in previous.sections:
        out += [f"  - id: {section.id}", f"    label: {empty}"]
        if section.heading is not None:
            out.append(f"    heading: {empty}")
        out.append(f"    depth: {section.depth}")
        if section.paragraphs:
            out += ["    paragraphs:", f"      - {empty}"]
    return "\n".join(out) + "\n"


def start_year(data_dir: Path, year: int) -> list[str]:
    """Qualify the references, then write the skeleton; returns every file written."""
    target = data_dir / report_file(year)
    if target.exists():
        raise NewYearError(f"data/{report_file(year)} 已存在，不会覆盖 / already exists: it is never overwritten")
    result = check_data(data_dir, docs=data_dir.absolute().parent / "docs")
    if result.errors or result.dataset is None:
        raise NewYearError("\n".join([*(problem.format() for problem in result.errors),  # with file and line
                                      "数据有错误，请先改正（./scripts/check-data）/ the data has errors: fix them "
                                      "first (./scripts/check-data)"]))
    latest = result.dataset.latest_report
    if year <= latest.year:
        raise NewYearError(f"{year} 不晚于最新的报告（{latest.year}）/ {year} is not after the latest report ({latest.year})")
    # With one report, bare references mean it; once there are two they must say which.
    written = qualify_references(data_dir, latest.year) if len(result.dataset.reports) == 1 else []
    target.write_text(skeleton(latest, year), "utf-8")
    return [*written, f"data/{report_file(year)}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gdep-new-year", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("year", type=int, help="the year of the new report, e.g. 2024 / 新报告的年份")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    args = parser.parse_args(argv)
    try:
        written = start_year(args.data, args.year)
    except NewYearError as exc:
        print(exc, file=sys.stderr)
        return 1
    for name in written:
        print(f"已写入 / written: {name}")
    print(f"下一步：填写 data/{report_file(args.year)} 中的空白文字，然后运行 ./scripts/check-data / "
          f"next: fill in the empty texts of data/{report_file(args.year)}, then run ./scripts/check-data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
