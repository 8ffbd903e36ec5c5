"""`jiaoliu-new-year YEAR`: start the next annual report, as a member of staff would by hand.

1. While there is one report, records cite its sections as `s2-2-9`. With two, that would be
   ambiguous: every such reference in data/ is first written out with its year (`2023/s2-2-9`),
   in place, changing nothing else in the files (comments, quotes and layout stay).
2. It writes `data/reports/YEAR.yml` from the latest report's structure: the section ids, their
   depth, and empty texts to fill in (title, labels, headings, paragraphs), and the ids of the
   figures it stated with no statement yet; nothing else. It is a draft (`status: draft`,
   core.drafts): checked, never published nor counted; `jiaoliu-check --todo` lists what is still
   empty, by file and line, until staff make it `ready`.

It refuses to overwrite a report, to go back in time, to skip a year unless asked to
(`--year-after-gap`: 2204 is more often a typo for 2024), and to touch data that has problems.
Everything is checked and every file prepared in memory before anything is written; then the
files are written all or none (each beside its target, then renamed), and what is not rewritten
stays byte for byte, line endings included.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from jiaoliu.core import models as m
from jiaoliu.core.crossrefs import section_refs
from jiaoliu.core.errors import DataProblem, describe
from jiaoliu.core.loader import check_data, data_files
from jiaoliu.core.pages import REPORTS_FOLDER, SECTION_REF, report_file
from jiaoliu.core.yamlsource import DataFileError, Located, field_name, load_yaml, parse_yaml
from jiaoliu.engine.languages import languages_beside


class NewYearError(Exception):
    """Why the new year was not started, in both languages with what to do; nothing was written."""


def plan(data_dir: Path, year: int, after_gap: bool = False) -> dict[Path, bytes]:
    """Every file the new year writes, with its content; nothing is written yet."""
    target = data_dir / report_file(year)
    if target.exists() or target.is_symlink():
        raise NewYearError(DataProblem(f"data/{report_file(year)}", 1, 1, "", "report_exists").format())
    languages = languages_beside(data_dir)
    result = check_data(data_dir, docs=data_dir.absolute().parent / "docs", languages=languages)
    if result.errors or result.dataset is None:
        raise NewYearError("\n".join([*(p.format() for p in result.errors), describe("data_not_ready")]))
    if result.dataset.drafts:  # one year at a time: the next starts once this one is ready
        draft = result.dataset.drafts[-1].year
        raise NewYearError(DataProblem(f"data/{report_file(draft)}", 1, 1, "", "draft_unfinished",
                                       {"year": draft}).format())
    latest = result.dataset.latest_report
    _check_year(year, latest.year, after_gap, data_dir)
    # With one report, bare references mean it; once there are two they must say which.
    files = qualify_references(data_dir, latest.year) if len(result.dataset.reports) == 1 else {}
    newline = "\r\n" if b"\r\n" in (data_dir / report_file(latest.year)).read_bytes() else "\n"
    files[target] = skeleton(latest, year, languages.further).replace("\n", newline).encode("utf-8")
    return files


def _check_year(year: int, latest: int, after_gap: bool, data_dir: Path) -> None:
    """The new year is the one after the latest report's, or later if asked for, and plausible."""
    if not 1900 <= year <= 2100:  # as models.Year: a report of 2204 or 20244 is a typo
        raise NewYearError(describe("year_not_plausible", year=year, next=latest + 1))
    params = {"year": year, "latest": latest, "next": latest + 1}
    code = "year_not_after" if year <= latest else "year_not_next" if year > latest + 1 and not after_gap else None
    if code:
        name = report_file(latest)
        line, column = load_yaml(data_dir / name, f"data/{name}").where(("year",))
        raise NewYearError(DataProblem(f"data/{name}", line, column, "year", code, params).format())


def qualify_references(data_dir: Path, year: int) -> dict[Path, bytes]:
    """Every data file but the reports themselves (whose references are to their own sections),
    with `year/` written before each section reference without one; only the files that change."""
    changed = {}
    for file_name in data_files(data_dir):
        if file_name.startswith(f"{REPORTS_FOLDER}/"):
            continue
        path = data_dir / file_name
        located = load_yaml(path, f"data/{file_name}")
        text = path.read_bytes().decode("utf-8")
        qualified = _qualified(text, located, year)
        if qualified != text:
            changed[path] = qualified.encode("utf-8")
    return changed


def _qualified(text: str, located: Located, year: int) -> str:
    """`text` with `year/` before each bare reference, in place: lines split on line feeds only,
    so a CR of a Windows line ending, and a missing last line break, stay as they are."""
    inserts: dict[int, list[tuple[int, tuple, str]]] = {}  # line -> (column, path, value) of each reference
    for ref_path, value in section_refs(located):
        match = SECTION_REF.fullmatch(value)
        if match is not None and not match["year"]:
            line, column = located.positions[ref_path]
            inserts.setdefault(line, []).append((column, ref_path, value))
    lines = text.split("\n")
    for line, places in inserts.items():
        row = lines[line - 1]
        for column, ref_path, value in sorted(places, reverse=True):  # right to left: the columns stay true
            at = column if row[column - 1:column] in ("'", '"') else column - 1  # after an opening quote
            if not SECTION_REF.match(row, at):  # a block of text, a text over several lines…
                raise _cannot_qualify(located, ref_path, value, year)
            row = f"{row[:at]}{year}/{row[at:]}"
        lines[line - 1] = row
    result = "\n".join(lines)
    _check_rewrite(located, result, year)
    return result


def _check_rewrite(located: Located, text: str, year: int) -> None:
    """Read the rewritten file as the check will: every reference as before, a bare one with
    `year/` before it."""
    before = dict(section_refs(located))
    expected = {path: f"{year}/{value}" if (ref := SECTION_REF.fullmatch(value)) and not ref["year"] else value
                for path, value in before.items()}
    try:
        found = dict(section_refs(parse_yaml(text.encode("utf-8"), located.file)))
    except DataFileError:
        found = {}
    wrong = next((path for path, value in expected.items() if found.get(path) != value), None)
    if wrong is not None:
        raise _cannot_qualify(located, wrong, before[wrong], year)


def _cannot_qualify(located: Located, path: tuple, value: str, year: int) -> NewYearError:
    line, column = located.where(path)
    problem = DataProblem(located.file, line, column, field_name(located.data, path), "cannot_qualify",
                          {"value": value, "year": year})
    return NewYearError(problem.format())


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: each to a temporary file beside it, then all renamed into place;
    if one fails, those already replaced get their content back and no temporary file stays."""
    originals = {path: path.read_bytes() for path in files if path.is_file()}
    staged: dict[Path, Path] = {}
    replaced: list[Path] = []
    current = next(iter(files), Path())
    try:
        for current, content in files.items():
            staged[current] = _stage(current, content)
        for current, temporary in staged.items():
            os.replace(temporary, current)
            replaced.append(current)
    except OSError as exc:
        for path in replaced:
            _restore(path, originals.get(path))
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        raise NewYearError(describe("write_failed", file=current, error=exc.strerror or exc)) from None


def _stage(path: Path, content: bytes) -> Path:
    """`content` in a new file beside `path`, with the permissions `path` has (or its folder's files)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        model = path if path.is_file() else next(path.parent.glob("*.yml"), None)
        os.chmod(temporary, stat.S_IMODE(model.stat().st_mode) if model else 0o644)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _restore(path: Path, original: bytes | None) -> None:
    """Put back what `path` held before (or remove it if it is new); best effort after a failure."""
    with contextlib.suppress(OSError):
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(original)


def skeleton(previous: m.Report, year: int, further: tuple[str, ...] = ()) -> str:
    """The new report: the previous one's section ids and depths, every text empty in every
    written language, and the figures it stated, with no statement yet."""
    empty = "{" + ", ".join(f'{lang}: ""' for lang in ("zh", "en", *further)) + "}"
    out = [
        "# yaml-language-server: $schema=../../schemas/report.schema.json",
        f"# The {year} report, started by jiaoliu-new-year from the structure of the {previous.year} report.",
        "# Fill in every empty text (zh: the report's own words; en and any other: its translation); delete a section",
        "# the new report does not have, add one it has. `./scripts/check-data --todo` lists what is still",
        "# empty. While it is a draft, the site neither publishes it nor counts its figures; a preview shows",
        "# it under a 'draft' banner. When it is complete, change `status: draft` to `status: ready`.",
        f"year: {year}",
        "status: draft",
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


def start_year(data_dir: Path, year: int, after_gap: bool = False) -> list[str]:
    """Check, prepare every file, then write them all; returns every file written."""
    files = plan(data_dir, year, after_gap)
    write_all(files)
    return [f"data/{path.relative_to(data_dir).as_posix()}" for path in files]


def _year(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(describe("not_a_year", value=text))
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jiaoliu-new-year", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("year", type=_year, help="the year of the new report, e.g. 2024 / 新报告的年份")
    parser.add_argument("--year-after-gap", action="store_true",
                        help="the year is later than the one after the latest report, on purpose "
                             "/ 有意跳过中间的年份")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage and the message
        return 1 if exit_.code else 0
    try:
        written = start_year(args.data, args.year, args.year_after_gap)
    except NewYearError as exc:
        print(exc, file=sys.stderr)
        return 1
    for name in written:
        print(f"已写入 / written: {name}")
    name = f"data/{report_file(args.year)}"
    print(f"{name} 是草稿（status: draft）：网站不发布它、不计入它的数据，预览中可以看到它。"
          f"./scripts/check-data --todo 列出仍空着的文字；全部填写后把 status 改为 ready。\n"
          f"{name} is a draft (status: draft): the site neither publishes it nor counts its figures; a preview "
          f"shows it. ./scripts/check-data --todo lists the texts still empty; when all are written, set status: ready.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
