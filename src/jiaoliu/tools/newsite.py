"""`jiaoliu`: the product's own command. `jiaoliu new PATH` writes a new college's site, `jiaoliu
upgrade VERSION` moves a site to another version of the product, `jiaoliu verify SITE` checks a
built site (tools.verify).

`new` asks for (or takes flags for) the college's names, its city and website, the office's name,
the languages (Simplified Chinese and English, with or without Traditional Chinese for Hong Kong
converted from the Simplified pages, and any further written language, whose pages and interface
strings start as the English ones marked for the translator), the colour and the repository, and
writes a site that builds at once: `mkdocs.yml`, the pages in each written language, data files with one example record
each (marked 示例 / Example, listed first by `jiaoliu-check --todo` until replaced), an example
report, the college's stylesheet, the workflows (check, deploy, review), CONTRIBUTING, the
schemas, the pre-commit configuration and the scripts (`./scripts/site`, `./scripts/test`,
`./scripts/upgrade`), and `requirements.txt`, which pins the product. It writes into an empty or
new folder only, and everything or nothing.
"""

from __future__ import annotations

import argparse
import colorsys
import contextlib
import io
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.core import get_global
from pydantic import TypeAdapter, ValidationError

from jiaoliu.core import models as m
from jiaoliu.core.errors import DataError
from jiaoliu.core.languages import DATA_LANGUAGES, LanguageTableError, further_locale, further_problem
from jiaoliu.core.loader import english_strings
from jiaoliu.core.traditional import Converter
from jiaoliu.tools import identity, verify
from jiaoliu.tools.cli import write_schemas

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
TEMPLATE = ".jinja"
DOT = "dot-"  # dotfiles are kept without their dot in the package (dot-github/ → .github/)
YEAR_FILE = "YEAR.yml.jinja"  # the example report, named after its year
LANGUAGES = {"zh": "简体中文", "en": "English", "zh-HK": "繁體中文（香港）, converted from 简体中文"}
REQUIRED_LANGUAGES = DATA_LANGUAGES  # every text of the data has both (the models' zh and en)
# A further written language (fr, lo…) starts as a copy of the English, every text marked for the
# translator (m.TO_TRANSLATE): the pages, the menu and the interface strings (data/ui/<code>.yml).
FROM = "en"
# Strings that name the language they are in: the translator's copy says it of this language.
OWN_NAME = {"notice.this_language_available": "This page is available in {name}.",
            "notice.this_language_link": "Read it in {name}"}
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+")
MIN_CONTRAST = 4.5  # white text on the colour (the header), and the colour's links on white: WCAG AA
PRODUCT = "jiaoliu"


class NewSiteError(ValueError):
    """Why no site was written, with what to do; nothing was written."""


@dataclass(frozen=True)
class College:
    """What `new` asks for."""

    name_zh: str
    name_en: str
    abbr: str | None
    city_zh: str
    city_en: str
    website: str
    office_zh: str
    office_en: str
    languages: tuple[str, ...]
    colour: str
    repository: str | None
    year: int


def write_site(target: Path, college: College, product: str, today: date) -> tuple[list[Path], list[str]]:
    """The new site's files, written into `target` (new or empty): all of them, or none; and
    what drawing its images said (a missing Chinese face)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewSiteError(f"{target}: 文件夹已存在且不为空；请换一个新的文件夹 / exists and is not empty: "
                           "jiaoliu new writes into a new or empty folder only, and never over files")
    files = render(college, product, today)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".jiaoliu-new-", dir=target.parent))  # beside it: one file system
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            if relative.startswith("scripts/") and not relative.endswith(".sh"):
                path.chmod(0o755)
        write_schemas(staging)
        try:
            with contextlib.redirect_stdout(io.StringIO()) as said:  # its icons and share images: its colour and names
                identity.draw(staging)
        except DataError as exc:  # what was typed makes data the check refuses: nothing is written
            raise NewSiteError(str(exc)) from None
        target.mkdir(exist_ok=True)  # kept if it is there (it may be the folder the office stands in)
        for part in staging.iterdir():
            part.replace(target / part.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    notes = [line for line in said.getvalue().splitlines() if not line.startswith("updated:")]
    return sorted(target / relative for relative in files), notes


def render(college: College, product: str, today: date) -> dict[str, bytes]:
    """Every file of the skeleton, its place in the new site and its content."""
    _check(college)
    values = _values(college, product, today)
    entries: list[dict[str, str]] = values["further"]  # type: ignore[assignment]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(SKELETON), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["q"] = _quoted
    files: dict[str, bytes] = {}
    for source in sorted(p for p in SKELETON.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        relative = source.relative_to(SKELETON).as_posix()
        if not _wanted(relative, college.languages):
            continue
        if relative.endswith(TEMPLATE):
            content = env.get_template(relative).render(values).encode("utf-8")
            relative = relative.removesuffix(TEMPLATE)
        else:
            content = source.read_bytes()
        files[_dotted(relative.replace("YEAR.yml", f"{college.year}.yml"))] = content
        if relative.startswith(f"docs/{FROM}/"):
            files.update({f"docs/{language['code']}/{relative.removeprefix(f'docs/{FROM}/')}": _to_translate(content, language)
                          for language in entries})
    files.update({f"data/{m.UI_FOLDER}/{language['code']}.yml": interface_table(language) for language in entries})
    return files


def further(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The written languages chosen beyond Chinese and English."""
    return tuple(code for code in languages if code not in LANGUAGES)


def language_entry(code: str) -> dict[str, str]:
    """A further language as mkdocs.yml's table declares it: its name in itself, Babel's locale,
    and Open Graph's form with the region CLDR thinks likeliest (fr → fr_FR)."""
    locale = Locale.parse(further_locale(code))
    subtags = get_global("likely_subtags")
    likely = subtags.get(str(locale)) or subtags.get(locale.language) or str(locale)  # sr_Latn → sr_Latn_RS
    language, *_, territory = likely.split("_")
    name, name_zh = locale.get_display_name(locale) or code, locale.get_display_name("zh") or code
    return {"code": code, "name": name[:1].upper() + name[1:], "name_zh": name_zh, "babel": further_locale(code),
            "og_locale": f"{language}_{territory}" if territory.isupper() and len(territory) == 2 else language}


def _to_translate(page: bytes, language: dict[str, str]) -> bytes:
    """An English page for the translator: a line that says so after its front matter, and its
    title and headings marked (each is a title in the menu, the browser's tab or the contents)."""
    text = re.sub(r"^(#{1,6} )", rf"\g<1>{m.TO_TRANSLATE} ", page.decode("utf-8"), flags=re.MULTILINE)
    text = re.sub(r"^title: (.*)$", lambda title: f"title: {_quoted(m.TO_TRANSLATE + ' ' + title[1].strip(chr(34)))}",
                  text, flags=re.MULTILINE)
    _, front, body = text.partition("---\n") if text.startswith("---\n") else ("", "", text)
    matter, end, body = body.partition("\n---\n") if front else ("", "", body)
    note = (f"{m.TO_TRANSLATE} this page is a copy of the English one: write it in {language['name']}, "
            "then delete this line.\n\n")
    return (front + matter + end + "\n" + note + body.lstrip("\n")).encode("utf-8") if front else (note + body).encode("utf-8")


def interface_table(language: dict[str, str]) -> bytes:
    """The product's English strings, each marked for the translator: every key the language's
    table has (a string that counts in each of its plural forms: `loader.english_strings`)."""
    lines = [f"# The interface strings in {language['name']} ({language['code']}): every string of the product's "
             "English table (jiaoliu/core/ui/en.yml),",
             f"# copied for the translator. Translate each, keeping its {{placeholders}}, and delete '{m.TO_TRANSLATE}'.",
             "# The site is published only when none is left (./scripts/check-data says how many)."]
    said = {**english_strings(language["code"]), **{key: text.format(name=language["name"]) for key, text in OWN_NAME.items()}}
    lines += [f"{key}: {_quoted(m.TO_TRANSLATE + ' ' + text)}" for key, text in said.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _dotted(relative: str) -> str:
    """dot-github/workflows/check.yml → .github/workflows/check.yml."""
    return "/".join(f".{part.removeprefix(DOT)}" if part.startswith(DOT) else part for part in relative.split("/"))


def _wanted(relative: str, languages: tuple[str, ...]) -> bool:
    """A written language's pages only for the languages chosen."""
    parts = relative.split("/")
    return not (parts[0] == "docs" and len(parts) > 2 and parts[1] in LANGUAGES and parts[1] not in languages)


def _values(college: College, product: str, today: date) -> dict[str, object]:
    return {
        "college": {"zh": college.name_zh, "en": college.name_en, "abbr": college.abbr},
        "college_traditional": Converter("s2hk").opencc(college.name_zh),
        "city": {"zh": college.city_zh, "en": college.city_en},
        "office": {"zh": college.office_zh, "en": college.office_en},
        "website": college.website,
        "year": college.year,
        "today": today.isoformat(),
        "traditional": "zh-HK" in college.languages,
        "further": [language_entry(code) for code in further(college.languages)],
        "to_translate": m.TO_TRANSLATE,
        "colours": colours(college.colour),
        "repository": college.repository,
        "product": product,
        "product_home": _home(product),
    }


def _home(product: str) -> str | None:
    """The product's repository on GitHub, where its pin says it comes from."""
    found = re.search(r"git\+(https://github\.com/[^@\s]+?)(\.git)?@", product)
    return found.group(1) if found else None


def _quoted(value: object) -> str:
    """A YAML scalar written as typed: JSON's double-quoted string is one."""
    return json.dumps(str(value), ensure_ascii=False)


def _valid(kind: Any, value: str) -> bool:
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError:
        return False
    return True


def _check(college: College) -> None:
    problems = []
    # Checked as the data files' fields are (the models' own types: they are written into them),
    # and plain: no sign that a page, a YAML comment or mkdocs.yml would read as something else.
    texts = (("--name-zh", college.name_zh), ("--name-en", college.name_en), ("--city-zh", college.city_zh),
             ("--city-en", college.city_en), ("--office-zh", college.office_zh), ("--office-en", college.office_en),
             ("--abbr", college.abbr or "-"))
    for flag, value in texts:
        if not _valid(m.Line, value) or len(value.splitlines()) != 1 or any(sign in value for sign in "<>{}&`[]*_\\|#\""):
            problems.append(f"{flag}: {value!r}: 必填，一行纯文本 / needed, as one line of plain text (no < > {{ }} & ` [ ] * _ \\ | # \")")
    if not _valid(m.ChineseTerm, college.name_zh):
        problems.append(f"--name-zh: {college.name_zh!r}: 学校的中文名称 / the college's name in Chinese characters")
    if not _valid(m.Url, college.website) or any(sign in college.website for sign in "<>\"' "):
        problems.append(f"--website: {college.website!r}: 学校网站，以 https:// 开头 / the college's website, an https:// address")
    missing = [code for code in REQUIRED_LANGUAGES if code not in college.languages]
    refused = [problem for code in further(college.languages) if (problem := further_problem(code))]
    if missing or refused or len(set(college.languages)) != len(college.languages):
        problems.append(f"--languages: {','.join(college.languages)}: 须包含 zh 和 en，可加 zh-HK 及其他书面语言的代码"
                        f"（如 fr、lo）/ must include zh and en, and may add zh-HK (Traditional Chinese converted from "
                        f"the Simplified pages) and the code of any other written language (fr, lo, pt-BR), each once"
                        + "".join(f"; {problem}" for problem in refused))
    if not COLOUR.fullmatch(college.colour):
        problems.append(f"--colour: {college.colour!r}: 写成 #rrggbb / write it as #rrggbb, e.g. #1f6f43")
    elif contrast(college.colour, "#ffffff") < MIN_CONTRAST:
        problems.append(f"--colour: {college.colour}: 颜色太浅，白字看不清（对比度 {contrast(college.colour, '#ffffff'):.1f}:1，"
                        f"至少 {MIN_CONTRAST}:1）/ too light for white text and for links "
                        f"({contrast(college.colour, '#ffffff'):.1f}:1, {MIN_CONTRAST}:1 needed): choose a darker shade")
    if college.repository is not None and not REPOSITORY.fullmatch(college.repository):
        problems.append(f"--repository: {college.repository!r}: 写成 / write it as https://github.com/ORGANISATION/NAME")
    if not 2000 <= college.year <= 2100:
        problems.append(f"--year: {college.year}: 报告的年份 / the year of the report, e.g. 2025")
    if problems:
        raise NewSiteError("\n".join(problems))


# --- colours ---------------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[float, float, float]:
    return int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colours(primary: str) -> dict[str, str]:
    """The site's palette from one colour: lighter and darker shades, the footer, and an accent of
    the opposite hue, dark enough for white text."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(primary))
    shade = lambda factor: _hex(colorsys.hls_to_rgb(hue, max(0.0, min(1.0, lightness * factor)), saturation))  # noqa: E731
    accent_lightness = lightness
    accent = _hex(colorsys.hls_to_rgb((hue + 0.5) % 1.0, accent_lightness, saturation))
    while contrast(accent, "#ffffff") < MIN_CONTRAST and accent_lightness > 0.05:
        accent_lightness -= 0.02
        accent = _hex(colorsys.hls_to_rgb((hue + 0.5) % 1.0, accent_lightness, saturation))
    red, green, blue = (round(c * 255) for c in _rgb(accent))
    return {"primary": primary.lower(), "light": shade(1.35), "dark": shade(0.75), "accent": accent,
            "accent_transparent": f"rgba({red}, {green}, {blue}, .1)", "footer": shade(0.6), "footer_dark": shade(0.45)}


# --- the product's pin -----------------------------------------------------------------------------


def product_requirement() -> str:
    """How the new site installs this product, pinned: from the git repository it was installed
    from, at this version's tag (PEP 610's direct_url.json). Installed from a folder or a wheel,
    it cannot say where a site on GitHub would find it: `--product` must."""
    version = metadata.version(PRODUCT)
    origin = json.loads(metadata.distribution(PRODUCT).read_text("direct_url.json") or "{}")
    if "vcs_info" in origin and str(origin.get("url", "")).startswith("https://"):
        return f"{PRODUCT} @ git+{origin['url']}@v{version}"
    raise NewSiteError(
        "--product: 这个 jiaoliu 不是从 git 仓库安装的，请写明网站从哪个 GitHub 仓库安装它（向 jiaoliu 的维护者询问地址）/ "
        "this jiaoliu was not installed from a git repository, so say which GitHub repository the site installs it from "
        f"(its maintainers give the address): --product \"{PRODUCT} @ git+https://github.com/OWNER/REPOSITORY@v{version}\", "
        "with OWNER/REPOSITORY replaced; GitHub's checks install it from there")


# --- the command -----------------------------------------------------------------------------------


QUESTIONS = (  # flag, question (zh / en), default
    ("name_zh", "学校中文名称 / the college's name in Chinese", None),
    ("name_en", "学校英文名称 / the college's name in English", None),
    ("abbr", "英文缩写（可留空）/ its abbreviation, if any", ""),
    ("city_zh", "所在城市（中文）/ its city, in Chinese", None),
    ("city_en", "所在城市（英文）/ its city, in English", None),
    ("website", "学校网站 / the college's website (https://…)", None),
    ("office_zh", "国际交流部门中文名称 / the international office's name in Chinese", "国际交流与合作处"),
    ("office_en", "国际交流部门英文名称 / the office's name in English", "International Office"),
    ("languages", "语言 / languages: zh,en or zh,en,zh-HK, and any other written language's code (fr, lo)", "zh,en,zh-HK"),
    ("colour", "主色 / the main colour (#rrggbb, dark enough for white text)", None),
    ("repository", "GitHub 仓库（可留空）/ the GitHub repository, if known (https://github.com/ORG/NAME)", ""),
    ("year", "第一份报告的年份 / the year of the first report", str(date.today().year - 1)),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PRODUCT, description="jiaoliu: a college international office's site.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="write a new college's site into PATH (asks for what no flag gives)")
    new.add_argument("path", type=Path)
    for flag, question, _ in QUESTIONS:
        new.add_argument(f"--{flag.replace('_', '-')}", dest=flag, help=question)
    new.add_argument("--product", help="the requirement that pins the product (default: where this one came from)")
    upgrade = commands.add_parser("upgrade", help="pin another version of the product in requirements.txt")
    upgrade.add_argument("version", help="e.g. 0.4.0")
    upgrade.add_argument("--project", type=Path, default=Path.cwd())
    check = commands.add_parser("verify", help="check a built site: every page in every language, search, 404, feed")
    check.add_argument("site", type=Path)
    check.add_argument("--project", type=Path, default=Path.cwd())
    return parser


def _product(args: argparse.Namespace) -> str:
    """The pin of the product, known before any question is asked (an answer lost to it would be
    typed again)."""
    if args.product is None:
        return product_requirement()
    if not re.search(r"git\+https://", args.product):
        print(f"说明 / Note: requirements.txt 写为 {args.product!r}：GitHub 上的检查只能从 git 地址安装 jiaoliu，上传前请改为 git 地址 / "
              f"GitHub's checks install jiaoliu from a git address only: before the first push, change it in "
              f"requirements.txt to jiaoliu @ git+https://github.com/OWNER/REPOSITORY@vVERSION", file=sys.stderr)
    return str(args.product)


def _unanswered(args: argparse.Namespace) -> list[str]:
    """The flags a run without a terminal lacks: those not given that have no default."""
    return [f"--{flag.replace('_', '-')}" for flag, _, default in QUESTIONS
            if getattr(args, flag) is None and default is None]


def _answers(args: argparse.Namespace) -> College:
    """The flags given, and the answers to the questions for the others (or an error without a
    terminal, naming every flag it lacks)."""
    if not sys.stdin.isatty() and (missing := _unanswered(args)):
        raise NewSiteError(f"缺少 / missing: {' '.join(missing)} (jiaoliu new --help)")
    answers: dict[str, str] = {}
    for flag, question, default in QUESTIONS:
        given = getattr(args, flag)
        if given is None and sys.stdin.isatty():
            given = input(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
        answers[flag] = given if given is not None else default or ""
    try:
        year = int(answers["year"])
    except ValueError:
        raise NewSiteError(f"--year: {answers['year']!r}: 写成四位数字 / a four-digit year") from None
    return College(name_zh=answers["name_zh"], name_en=answers["name_en"], abbr=answers["abbr"] or None,
                   city_zh=answers["city_zh"], city_en=answers["city_en"], website=answers["website"],
                   office_zh=answers["office_zh"], office_en=answers["office_en"],
                   languages=tuple(code.strip() for code in answers["languages"].split(",") if code.strip()),
                   colour=answers["colour"], repository=answers["repository"] or None, year=year)


def upgrade(project: Path, version: str) -> Path:
    """The product's pin in requirements.txt moved to `version`; no other file is touched."""
    if not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version):
        raise NewSiteError(f"{version!r}: 写成 0.4.0 这样的版本号 / write a version such as 0.4.0")
    requirements = project / "requirements.txt"
    text = requirements.read_text("utf-8")
    pinned = re.compile(rf"^{PRODUCT}(==[^\s#]+| @ git\+\S+@v[^\s#]+)", re.MULTILINE)
    match = pinned.search(text)
    if match is None:
        raise NewSiteError(f"{requirements}: 没有 {PRODUCT}==版本 或 git 标签的固定版本 / no pin of {PRODUCT} "
                           "to a version or a git tag to move (a site built from a folder follows that folder)")
    line = match.group(0)
    moved = re.sub(r"==[^\s#]+$", f"=={version}", line) if "==" in line else re.sub(r"@v[^\s#@]+$", f"@v{version}", line)
    requirements.write_text(text.replace(line, moved, 1), "utf-8")
    return requirements


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "new":
            try:
                product = _product(args)
            except NewSiteError as unknown:  # at a terminal, before any question; else with the others missing
                if sys.stdin.isatty() or not _unanswered(args):
                    raise
                raise NewSiteError(f"缺少 / missing: --product {' '.join(_unanswered(args))} (jiaoliu new --help)\n"
                                   f"{unknown}") from None
            college = _answers(args)
            written, notes = write_site(args.path.absolute(), college, product, date.today())
            for note in notes:
                print(note)
            print(f"已写入 {len(written)} 个文件 / wrote {len(written)} files into {args.path}")
            if further(college.languages):  # published once translated: a preview shows it before
                print(f"下一步 / next: cd {args.path} && ./scripts/site   (a preview; ./scripts/check-data lists what is "
                      f"still to translate into {', '.join(further(college.languages))}, then ./scripts/site build)")
            else:
                print(f"下一步 / next: cd {args.path} && ./scripts/site build   (then ./scripts/check-data --todo)")
        elif args.command == "upgrade":
            print(f"updated: {upgrade(args.project, args.version)}")
        else:
            problems = verify.problems(args.site, args.project)
            for problem in problems:
                print(problem)
            if problems:
                return 1
            print(f"网站检查通过 / the built site passed: {args.site}")
    except (NewSiteError, LanguageTableError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
