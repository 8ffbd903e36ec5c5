"""Commands for staff and CI: `jiaoliu-check` (check data/ without building) and `jiaoliu-schemas`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.errors import NOTE, DataProblem, github_annotations, in_github_actions
from jiaoliu.core.languages import LanguageTableError
from jiaoliu.core.loader import FILES, CheckResult, check_data, data_files
from jiaoliu.core.pages import REPORTS_FOLDER, report_file
from jiaoliu.core.sourcefile import read_bytes
from jiaoliu.core.yamlsource import DataFileError, decode, load_yaml
from jiaoliu.engine.languages import languages_beside
from jiaoliu.tools import figurechanges

SCHEMA_DIR = "schemas"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/{name}.schema.json"


def _print_problems(title: str, problems) -> None:
    print(f"{title} ({len(problems)}):")
    for problem in problems:
        print(problem.format())


def check_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="jiaoliu-check",
        description="检查 data/ 中的数据文件 / Check the data files in data/ without building the site.",
    )
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data) / 数据文件夹")
    parser.add_argument("--docs", type=Path, default=None,
                        help="the pages data may link to, one folder per language (default: docs next to the data folder) / 数据可以链接的页面")
    parser.add_argument("--strict", action="store_true",
                        help="warnings fail too, as in the published build / 警告也视为失败")
    parser.add_argument("--translations", action="store_true",
                        help="list only the texts that miss a translation / 只列出缺少译文的文字")
    parser.add_argument("--todo", action="store_true",
                        help="list the optional facts not filled in yet (contact channels, how to apply) / "
                             "列出尚未填写的可选信息（联系方式、申请信息）")
    parser.add_argument("--review", action="store_true",
                        help="list only the records not reviewed for over a year (fails only on data with "
                             "errors) / 只列出超过一年未核对的记录（只在数据有错误时失败）")
    parser.add_argument("--traditional", action="store_true",
                        help="list the names whose Traditional Chinese form is not confirmed yet, and the mainland "
                             "words on the pages whose Hong Kong form is not decided (fails only on data with errors) "
                             "/ 只列出繁体写法尚未核对的名称，以及页面上尚未决定香港写法的内地用词（只在数据有错误时失败）")
    parser.add_argument("--figures", action="store_true",
                        help="list the published figures the change alters (against --against) and whether "
                             "they still agree with their report / 列出这次修改改变的已发布数据")
    parser.add_argument("--against", metavar="REF", default=None,
                        help="the git revision the site is published from (default: origin/main or main) / "
                             "比较的基准版本")
    parser.add_argument("--markdown", action="store_true",
                        help="with --review, --todo or --figures: as Markdown, for the weekly review issue and "
                             "the pull request's summary / 以 Markdown 输出")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"找不到数据文件夹 / no data folder at {args.data}", file=sys.stderr)
        return 2
    docs = args.docs or args.data.absolute().parent / "docs"
    try:
        languages = languages_beside(args.data)
    except LanguageTableError as exc:
        print(f"mkdocs.yml: {exc}", file=sys.stderr)
        return 2
    try:
        result = check_data(args.data, docs=docs, languages=languages)
    except localise.StringTableError as exc:  # the package's own tables (a developer's edit)
        print(f"src/jiaoliu/core/{exc}", file=sys.stderr)
        return 2
    reporting = args.review or args.translations or args.traditional or args.todo or args.figures
    if reporting and result.errors:  # a report on data it could not read would say too little
        return _no_report(result, markdown=(args.review or args.todo) and args.markdown)
    if args.review:
        return _review_report(result, markdown=args.markdown)
    if args.translations:
        return _translation_report(result)
    if args.traditional:
        return _traditional_report(result)
    if args.todo:
        return _todo_report(result, markdown=args.markdown)
    project = args.data.absolute().parent
    base = figurechanges.base_revision(project, args.against)
    if args.figures:
        return _figures_report(result, project, base, args.against, markdown=args.markdown)
    if in_github_actions() and (result.errors or result.warnings):  # also on its line in "Files changed"
        print(github_annotations(result.errors, result.warnings))
    if result.errors:
        _print_problems("错误 / Errors", result.errors)
    if result.warnings:
        if result.errors:
            print()
        note = "" if args.strict else "；只在严格模式下导致失败 / they fail only with --strict"
        _print_problems(f"警告 / Warnings{note}", result.warnings)
    if result.due_for_review:
        print()
        _print_problems(REVIEW_TITLE, result.due_for_review)
    if result.renamed:
        print()
        _print_problems("已改名，旧名称仍可使用到下一个版本 / Renamed: the old name works until the next release", result.renamed)
    if result.unconfirmed_traditional:
        print(f"{NOTE}{len(result.unconfirmed_traditional)} 个名称的繁体写法待核对 / Traditional name(s) to "
              "confirm: ./scripts/check-data --traditional")
    altered = _altered(result, project, base)
    if altered:
        print(f"{NOTE}这次修改改变了 {len(altered)} 个已发布的数据 / this change alters {len(altered)} published "
              f"figure(s) (against {base}): ./scripts/check-data --figures")
    for draft in result.dataset.drafts if result.dataset else ():
        empty = sum(1 for p in result.todo if p.code == "draft_text_empty" and p.file == f"data/{report_file(draft.year)}")
        print(f"{NOTE}data/{report_file(draft.year)} 是草稿，不发布、不计入数据；还有 {empty} 处待填写 / is a draft, "
              f"neither published nor counted; {empty} text(s) still empty: ./scripts/check-data --todo")
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if not failed:
        records = _record_count(result)
        print(f"数据检查通过 / Data check passed: {len(data_files(args.data))} files, {records} records.")
    return 1 if failed else 0


REVIEW_TITLE = "待核对（仅供参考，不影响发布）/ Due for review (for information; publishing goes on)"
NO_REPORT = ("数据有错误，无法给出这份列表：先改正这些错误（./scripts/check-data）/ The data has errors, so this "
             "list cannot be made: fix them first (./scripts/check-data)")


def _no_report(result: CheckResult, markdown: bool) -> int:
    """A report mode on data with errors: the errors, and no list that could pass for a complete
    one. For the weekly review issue (`--markdown`) the errors go to the workflow's log, and the
    failing exit stops it before it touches the issue (.github/workflows/review.yml)."""
    if in_github_actions():
        print(github_annotations(result.errors), file=sys.stderr if markdown else sys.stdout)
    out = sys.stderr if markdown else sys.stdout
    print(f"错误 / Errors ({len(result.errors)}):", file=out)
    for problem in result.errors:
        print(problem.format(), file=out)
    print(f"\n{NO_REPORT}", file=out)
    if markdown:
        print(f"{NO_REPORT}\n")
    return 1


def _review_report(result: CheckResult, markdown: bool) -> int:
    """Information for staff: what to check again. Does not fail: a date alone must not stop a fix."""
    due = result.due_for_review
    if markdown:
        print(review_markdown(due))
    elif not due:
        print("没有需要核对的记录 / No record is due for review.")
    else:
        _print_problems(REVIEW_TITLE, due)
    return 0


def review_markdown(due: tuple[DataProblem, ...]) -> str:
    """The body of the weekly review issue (.github/workflows/review.yml)."""
    head = ("这些记录超过一年未核对。请核对内容，然后把 `reviewed` 日期改为核对当天。\n"
            "These records were last reviewed over a year ago. Check their facts, then set `reviewed` "
            "to the day you checked.\n\n"
            "此列表每周自动更新 / This list is updated every week (`jiaoliu-check --review`).\n")
    if not due:
        return head + "\n没有需要核对的记录 / No record is due for review.\n"
    rows = "\n".join(f"- [ ] `{p.file}` line {p.line}: `{p.field or '-'}`: {p.message_zh} / {p.message_en}"
                     for p in due)
    return f"{head}\n{len(due)} 条 / {len(due)} due:\n\n{rows}\n"


def _altered(result: CheckResult, project: Path, base: str | None) -> list[figurechanges.FigureChange] | None:
    """The figures the change alters; None when there is nothing to compare with (no revision,
    or its data does not pass today's check: every figure would look new)."""
    if result.dataset is None or base is None:
        return None
    before = figurechanges.data_at(project, base)
    return figurechanges.changes(before, result.dataset) if before is not None else None


def _figures_report(result: CheckResult, project: Path, base: str | None, asked: str | None, markdown: bool) -> int:
    """Information: the figures the change alters, before → now. Fails only when there is nothing
    to compare with."""
    if base is None:
        print(f"找不到可比较的版本 / no git revision to compare with ({asked or ' or '.join(figurechanges.BASES)}): "
              "run it in the project's git repository, or give one with --against", file=sys.stderr)
        return 2
    found = _altered(result, project, base)
    if found is None:
        print(f"{NOTE}{base} 的数据无法按现在的规则读取，无法比较 / the data at {base} does not pass today's check: "
              "nothing to compare with")
        return 0
    if markdown:
        print(figurechanges.markdown(found, base))
    elif not found:
        print(f"没有改变已发布的数据 / No published figure changes (against {base}).")
    else:
        print(f"这次修改改变的已发布数据 / Published figures this change alters (against {base}):")
        for line in figurechanges.lines(found):
            print(f"  {line}")
    return 0


def _todo_report(result: CheckResult, markdown: bool) -> int:
    """Informational: what the office may still add, what readers need first at the top; the site
    simply leaves it out until then."""
    if markdown:
        print(todo_markdown(result.todo))
    elif not result.todo:
        print("所有可选信息都已填写 / Every optional fact is filled in.")
    else:
        _print_problems("尚未填写（读者最需要的在前）/ Not filled in yet (what readers need first at the top)",
                        result.todo)
    to_translate = [p for p in result.warnings if p.code in TRANSLATION_CODES]
    if to_translate and not markdown:  # not optional: the checks before publishing stop on them
        print(f"{NOTE}还有 {len(to_translate)} 处待翻译，发布前必须完成 / still to translate before anything is "
              f"published: {len(to_translate)} (./scripts/check-data --translations)")
    return 0


def todo_markdown(todo: tuple[DataProblem, ...]) -> str:
    """For the pull request's summary: what the site still leaves out, ranked as `--todo` ranks it."""
    head = "## 尚未填写 / Still to fill in\n\n"
    if not todo:
        return head + "所有可选信息都已填写 / Every optional fact is filled in.\n"
    rows = "\n".join(f"{number}. `{p.file}` line {p.line}: `{p.field or '-'}`" for number, p in enumerate(todo, 1))
    return (f"{head}网站暂不显示这些内容；读者最需要的在前 / The site leaves these out until they are filled in; "
            f"what readers need first is at the top (`jiaoliu-check --todo`).\n\n{rows}\n")


def _traditional_report(result: CheckResult) -> int:
    """Information for a reviewer: each name once, with what the Traditional pages write now; each
    mainland word still on the pages, with Hong Kong's usual word."""
    if not result.unconfirmed_traditional:
        print("所有名称的繁体写法都已核对 / Every name's Traditional form is confirmed.")
    else:
        _print_problems("繁体写法待核对（仅供参考，不影响发布）/ Traditional forms to confirm (for information; "
                        "publishing goes on)", result.unconfirmed_traditional)
    if not result.mainland_words:
        print("繁体页面没有待决定的内地用词 / No mainland word left to decide on the Traditional pages.")
    else:
        _print_problems("繁体页面上的内地用词（仅供参考，不影响发布）/ Mainland words on the Traditional pages "
                        "(for information; publishing goes on)", result.mainland_words)
    return 0


# What is still to translate, of the texts, pages and interface strings (warnings: they stop publishing).
TRANSLATION_CODES = ("missing_translation", "untranslated", "ui_string_missing", "ui_mostly_english",
                     "page_as_in_english", "page_missing")


def _translation_report(result: CheckResult) -> int:
    missing = [w for w in result.warnings if w.code in TRANSLATION_CODES]
    if not missing:
        print("所有文字都有各种书面语言的版本 / Every text exists in every written language.")
        return 0
    _print_problems("缺少译文 / Missing translations", missing)
    return 1


def _record_count(result: CheckResult) -> int:
    data = result.dataset
    if data is None:
        return 0
    return sum(len(getattr(data, name)) for name in (
        "partners", "programmes", "competitions", "awards", "projects", "standards",
        "bases", "activities", "figures"))


# --- JSON Schemas for editors ---------------------------------------------------------------


# Every kind of data file: its schema's name, and its model; the reports share one schema.
SCHEMAS: dict[str, type[BaseModel]] = {**{f.removesuffix(".yml"): model for f, model in FILES.items()},
                                       "report": m.Report, m.WORDING_FILE.removesuffix(".yml"): m.Wording}


def schema_of(file_name: str) -> str:
    """The schema of a file under data/: `partners.yml` -> partners, `reports/2023.yml` -> report."""
    return "report" if file_name.startswith(f"{REPORTS_FOLDER}/") else file_name.removesuffix(".yml")


def schema_texts(further: tuple[str, ...] = ()) -> dict[str, str]:
    """schemas/<name>.schema.json for every kind of data file, generated from the models, with
    the fields of the site's further written languages (`further`: fr…) and no other."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = _written_languages_only(model.model_json_schema(), model, further)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "data/reports/<year>.yml" if name == "report" else f"data/{name}.yml"
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def _written_languages_only(schema: dict[str, Any], model: type[BaseModel], further: tuple[str, ...]) -> dict[str, Any]:
    """pydantic writes a text's further languages as "any other field" (they depend on the site);
    the site's schema names its own, so an editor flags `fr:` where the site does not write French."""
    for name, definition in [("", schema), *schema.get("$defs", {}).items()]:
        extra = definition.get("additionalProperties")
        if isinstance(extra, dict):
            owner: Any = model if not name else getattr(m, name)
            fields = owner.further_fields(further) if issubclass(owner, m.Bilingual) else set(further)
            definition.setdefault("properties", {}).update({field: extra for field in sorted(fields)})
            definition["additionalProperties"] = False
    return schema


def _further(root: Path) -> tuple[str, ...]:
    """The site's further written languages; none where its table cannot be read (said elsewhere)."""
    try:
        return languages_beside(root / "data").further
    except LanguageTableError:
        return ()


def schemas_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="jiaoliu-schemas",
        description="Write schemas/*.schema.json from the models and the $schema line of each data "
                    "file; exit 1 when something had to change (as pre-commit expects).",
    )
    parser.add_argument("--check", action="store_true", help="only report what is out of date")
    parser.add_argument("--validate", action="store_true",
                        help="validate each data file against its committed schema instead")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder")
    args = parser.parse_args(argv)
    if args.validate:
        return _validate(args.root)
    problems: list[DataProblem] = []
    stale = [*_sync_schemas(args.root, args.check), *_sync_schema_lines(args.root, args.check, problems)]
    for path in stale:
        print(f"{'out of date' if args.check else 'updated'}: {path}")
    for file_name in sorted({p.file for p in problems}):  # jiaoliu-check says why, once
        print(f"{NOTE}{file_name} 未更新：它无法读取，见 jiaoliu-check / not updated: it cannot be read, see jiaoliu-check")
    return 1 if stale else 0


def write_schemas(root: Path) -> None:
    """The schemas of a new site (`jiaoliu new`), and each data file's line naming its schema."""
    _sync_schemas(root, False)
    _sync_schema_lines(root, False, [])


def _sync_schemas(root: Path, check_only: bool) -> list[str]:
    stale = []
    for name, text in schema_texts(_further(root)).items():
        path = root / SCHEMA_DIR / f"{name}.schema.json"
        if not path.is_file() or path.read_text("utf-8") != text:
            stale.append(str(path.relative_to(root)))
            if not check_only:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text, "utf-8")
    return stale


def _sync_schema_lines(root: Path, check_only: bool, problems: list[DataProblem]) -> list[str]:
    """Put the `$schema` line first in each data file; a file that cannot be read is reported, not touched."""
    stale = []
    optional = [m.WORDING_FILE] if (root / "data" / m.WORDING_FILE).is_file() else []
    for file_name in [*data_files(root / "data"), *optional]:
        path = root / "data" / file_name
        up = "../" * file_name.count("/")  # reports/2023.yml is one folder deeper
        line = SCHEMA_LINE.format(name=schema_of(file_name)).replace("../schemas/", f"../{up}schemas/")
        raw, unreadable = read_bytes(path, f"data/{file_name}")  # only a file, never a pipe or a loop
        text, undecodable = decode(raw, f"data/{file_name}") if not unreadable else ("", [])
        unreadable += undecodable
        if unreadable:
            problems.extend(unreadable)
            continue
        if text.startswith(line + "\n"):
            continue
        stale.append(str(path.relative_to(root)))
        if not check_only:
            body = text.split("\n", 1)[1] if text.startswith("# yaml-language-server:") else text
            path.write_text(f"{line}\n{body}", "utf-8")
    return stale


def _validate(root: Path) -> int:
    """What an editor does with the $schema line, done for every data file at once."""
    import jsonschema

    failures = 0
    for file_name in data_files(root / "data"):
        display = f"data/{file_name}"
        schema = json.loads((root / SCHEMA_DIR / f"{schema_of(file_name)}.schema.json").read_text("utf-8"))
        try:
            # Read as jiaoliu-check reads it (not as YAML 1.1 would), or report why it cannot be.
            located = load_yaml(root / "data" / file_name, display)
        except DataFileError as exc:
            for problem in exc.problems:
                print(problem.format())
            failures += len(exc.problems)
            continue
        for error in jsonschema.Draft202012Validator(schema).iter_errors(_json_like(located.data)):
            path = tuple(error.absolute_path)
            line, column = located.where(path)
            print(f"{display}:{line}:{column}: {located.problem(path, 'invalid').field or '-'}: {error.message}")
            failures += 1
    return 1 if failures else 0


def _json_like(value):
    """YAML dates become the ISO strings a schema (and an editor) sees."""
    if isinstance(value, dict):
        return {k: _json_like(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_like(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


if __name__ == "__main__":
    sys.exit(check_main())
