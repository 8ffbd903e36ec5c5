"""jiaoliu is a product any college's office can adopt (issue 28): the product apart from GDEP's
content, installable as a wheel; `jiaoliu new` writes a site that builds at once; a second,
fictional college (examples/lakeside, made with `jiaoliu new`) builds with the same command as
GDEP's and shows nothing of GDEP's; a site moves to another version by its pin alone.
"""

from __future__ import annotations

import gzip
import os
import re
import shlex
import subprocess
import sys
import typing
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html
from test_search import _open, _search

from conftest import ROOT, build_site, module_build, run_command, served
from jiaoliu.core import models as m
from jiaoliu.core.loader import data_files
from jiaoliu.core.yamlsource import load_yaml
from jiaoliu.engine.languages import read_languages
from jiaoliu.tools import figurechanges, newsite, verify

EXAMPLE = ROOT / "examples" / "lakeside"
# How examples/lakeside was made (examples/README.md shows the same command).
LAKESIDE = ('--name-zh 湖滨职业技术学院（虚构） --name-en "Lakeside Polytechnic (fictional)" --abbr LP '
            '--city-zh 湖滨市（虚构） --city-en "Lakeside City (fictional)" --website https://lakeside.example.org/ '
            '--office-zh 国际合作处 --office-en "International Office" --languages zh,en --colour "#1f6f43" '
            '--repository https://github.com/lakeside-example/international --year 2025 --product "-e ../.."')
# GDEP, as its content names it, and its colours (docs/assets/stylesheets/college.css).
GDEP_NAMES = ("GDEP", "Guangdong", "广东", "廣東", "gdep.edu.cn", "Gdep")
GDEP_COLOURS = ("#0b4f8a", "#3a73a8", "#083b68", "#a8431a", "#0a2f52", "#072440", "168, 67, 26")
FICTIONAL = {"zh": "（虚构）", "en": "(fictional)"}
NEW = dict(name_zh="示范职业技术学院", name_en="Demonstration Polytechnic", abbr="DP", city_zh="示范市",
           city_en="Demo City", website="https://demo.example.org/", office_zh="国际处", office_en="International Office",
           languages=("zh", "en", "zh-HK"), colour="#7a1f2b", repository=None, year=2025,
           product="jiaoliu @ git+https://github.com/example/jiaoliu@v0.3.0")
ENV = {"JIAOLIU_PYTHON": sys.executable, "NO_MKDOCS_2_WARNING": "1"}
BIN = Path(sys.executable).parent


def _new(target: Path, *flags: str) -> subprocess.CompletedProcess:
    return run_command("jiaoliu", "new", target, *flags, cwd=target.parent)


def _flags(**changes: object) -> list[str]:
    values = {**NEW, **changes}
    flags = []
    for name, value in values.items():
        if value is not None:
            flags += [f"--{name.replace('_', '-')}", ",".join(value) if isinstance(value, tuple) else str(value)]
    return flags


# --- content and product apart ---------------------------------------------------------------------


def test_the_wheel_holds_the_product_and_builds_a_site_from_anywhere(tmp_path):
    """pip builds the wheel from the repository (a path, as from a git URL); unpacked alone, it
    builds the example college: templates, stylesheet, scripts, strings and skeleton are in it."""
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                             "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp_path / "dist").glob("jiaoliu-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("jiaoliu/theme/main.html", "jiaoliu/theme/partials/jiaoliu/hero.html",
                   "jiaoliu/theme/assets/stylesheets/jiaoliu.css", "jiaoliu/theme/assets/javascripts/jiaoliu-search.js",
                   "jiaoliu/core/ui/en.yml", "jiaoliu/skeleton/mkdocs.yml.jinja", "jiaoliu/skeleton/dot-github/workflows/check.yml"):
        assert needed in names, needed
    assert not [name for name in names if re.search(r"(?i)gdep|guangdong", name) and "legacy" not in name]
    zipfile.ZipFile(wheel).extractall(tmp_path / "lib")
    code = ("import jiaoliu, sys; from jiaoliu.engine.build import main; print(jiaoliu.__file__, file=sys.stderr); "
            f"sys.exit(main(['-d', {str(tmp_path / 'site')!r}]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=EXAMPLE, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(tmp_path / "lib"), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(tmp_path / "lib" / "jiaoliu") in result.stderr  # the wheel's copy, not the repository's
    assert (tmp_path / "site" / "en" / "partners" / "north-shore" / "index.html").is_file()


def test_gdeps_mkdocs_yml_holds_only_its_content():
    """The look, the Markdown extensions and the checks are the product's (engine.product)."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    for setting in ("markdown_extensions", "custom_dir", "features", "font", "validation"):
        assert not re.search(rf"^\s*{setting}:", config, re.MULTILINE), setting
    assert "jiaoliu.css" not in config
    assert not (ROOT / "overrides").exists()


def test_a_web_font_or_another_footnote_marker_stops_the_build(tmp_path):
    """What would break the product's promises: a font from Google, footnotes elsewhere."""
    from mkdocs.config import load_config

    from jiaoliu.engine import product

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.theme["font"] = {"text": "Noto Sans"}
    with pytest.raises(product.ProductSettingError, match="blocked in mainland China"):
        product.apply(config)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.mdx_configs["footnotes"] = {"PLACE_MARKER": "[elsewhere]"}
    with pytest.raises(product.ProductSettingError, match="PLACE_MARKER"):
        product.apply(config)
    config = load_config(str(ROOT / "mkdocs.yml"))
    product.apply(config)
    product.apply(config)  # the preview applies it on every rebuild: once is once
    assert config.extra_css.count(product.STYLESHEET) == 1 and config.theme["font"] is False
    assert config.mdx_configs["footnotes"]["PLACE_MARKER"] == "[jiaoliu-footnotes]"


# --- jiaoliu new -----------------------------------------------------------------------------------


def test_new_writes_a_site_that_builds_and_tests_at_once(tmp_path):
    """Every part the office needs, and its own ./scripts/test (check, strict build, verify)."""
    target = tmp_path / "demo"
    result = _new(target, *_flags())
    assert result.returncode == 0, result.stdout + result.stderr
    for part in ("mkdocs.yml", "requirements.txt", "CONTRIBUTING.md", "README.md", ".pre-commit-config.yaml",
                 ".gitignore", ".python-version", ".github/workflows/check.yml", ".github/workflows/deploy.yml",
                 ".github/workflows/review.yml", ".github/dependabot.yml", "schemas/partners.schema.json",
                 "data/reports/2025.yml", "docs/zh/index.md", "docs/en/index.md", "scripts/site", "scripts/test",
                 "scripts/upgrade", "docs/assets/stylesheets/college.css", "data/wording.yml"):
        assert (target / part).is_file(), part
    assert os.access(target / "scripts" / "test", os.X_OK)
    assert [lang.code for lang in read_languages(target / "mkdocs.yml")] == ["zh", "en", "zh-HK"]
    assert "#7a1f2b" in (target / "docs/assets/stylesheets/college.css").read_text("utf-8")
    contributing = (target / "CONTRIBUTING.md").read_text("utf-8")
    assert "## 中文" in contributing and "## English" in contributing and "data/reports/2025.yml" in contributing
    tested = subprocess.run(["./scripts/test"], cwd=target, capture_output=True, text=True, timeout=300,
                            env={**os.environ, **ENV})
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "网站检查通过 / the built site passed" in tested.stdout
    built = subprocess.run(["./scripts/site", "build"], cwd=target, capture_output=True, text=True, timeout=300,
                           env={**os.environ, **ENV})
    assert built.returncode == 0, built.stdout + built.stderr
    home = (target / "site" / "zh-HK" / "index.html").read_text("utf-8")
    assert "示範職業技術學院" in home  # the Traditional pages, converted
    workflows = sorted((target / ".github" / "workflows").glob("*.yml"))
    checked = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                              *map(str, workflows)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_worked_example_of_a_new_sites_contributing_builds_in_both_languages(tmp_path):
    """Pasted where CONTRIBUTING says, in both its languages' copies (the same record), it passes
    the check and has its page in each language."""
    target = tmp_path / "demo"
    assert _new(target, *_flags(languages=("zh", "en"))).returncode == 0
    blocks = re.findall(r"<!-- contributing:example-partner -->\n```yaml\n(.*?)```", (target / "CONTRIBUTING.md")
                        .read_text("utf-8"), re.DOTALL)
    assert len(blocks) == 2 and blocks[0] == blocks[1]
    partners = target / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8") + "\n" + blocks[0], "utf-8")
    assert run_command("jiaoliu-check", "--strict", cwd=target).returncode == 0
    site = build_site(target, tmp_path / "site", search_index=False)
    assert "Example Polytechnic" in (site / "en" / "partners" / "example-poly" / "index.html").read_text("utf-8")
    assert "示例理工学院" in (site / "partners" / "example-poly" / "index.html").read_text("utf-8")


def test_new_lists_its_examples_first_for_staff_to_replace(tmp_path):
    target = tmp_path / "demo"
    assert _new(target, *_flags(languages=("zh", "en"))).returncode == 0
    result = run_command("jiaoliu-check", "--todo", cwd=target)
    first = [line for line in result.stdout.splitlines() if line.startswith("data/")]
    assert "example_record" not in result.stdout and "'example-partner' is an example record" in result.stdout
    assert first[0].startswith("data/site.yml") and "holds example texts" in first[0], first[:3]
    assert sum("is an example record" in line for line in first) == 9
    assert "Traditional name(s) to confirm" not in run_command("jiaoliu-check", cwd=target).stdout  # no zh-HK pages


@pytest.mark.parametrize(("change", "says"), [
    ({"colour": "#f0e68c"}, "too light for white text"),
    ({"colour": "green"}, "write it as #rrggbb"),
    ({"languages": ("zh", "fr")}, "must include zh and en"),
    ({"languages": ("zh", "en", "qq")}, "Babel does not know 'qq'"),
    ({"languages": ("zh", "en", "zh-TW")}, "'zh-TW' is not the code of a language of its own"),
    ({"languages": ("zh", "en", "fil")}, "'fil' is not the code of a language of its own"),
    ({"languages": ("zh", "en", "id")}, "'id' is also a field name of the data"),
    ({"repository": "github.com/x"}, "https://github.com/ORGANISATION/NAME"),
    ({"website": "http://demo.example.org/"}, "an https:// address"),
    ({"name_en": "<script>"}, "plain text"),
    ({"name_zh": "示范\u2028学院"}, "plain text"),
    ({"name_zh": "ABC College"}, "in Chinese characters"),
    ({"abbr": "D#P"}, "plain text"),
    ({"website": 'https://x.example/"><script>'}, "an https:// address"),
])
def test_new_refuses_what_would_not_make_a_good_site_and_writes_nothing(tmp_path, change, says):
    result = _new(tmp_path / "demo", *_flags(**change))
    assert result.returncode == 1 and says in result.stderr, result.stderr
    assert not (tmp_path / "demo").exists() and [p.name for p in tmp_path.iterdir()] == []


def test_new_never_writes_over_a_folder_that_holds_files(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.txt").write_text("ours", "utf-8")
    result = _new(tmp_path / "demo", *_flags())
    assert result.returncode == 1 and "not empty" in result.stderr
    assert [p.name for p in (tmp_path / "demo").iterdir()] == ["notes.txt"]


def test_new_asks_where_the_site_installs_the_product_when_it_cannot_tell(tmp_path):
    """This checkout's jiaoliu is installed from a folder, which a site on GitHub cannot reach."""
    result = _new(tmp_path / "demo", *_flags(product=None))
    assert result.returncode == 1 and "--product" in result.stderr and "git+https://" in result.stderr
    assert not (tmp_path / "demo").exists()


def test_new_asks_in_a_terminal_for_what_no_flag_gives(tmp_path, monkeypatch, capsys):
    """At a terminal it asks each question in both languages, with its default in brackets; an
    empty answer takes the default."""
    answers = iter(["示范职业技术学院", "Demonstration Polytechnic", "", "示范市", "Demo City", "https://demo.example.org/",
                    "", "", "zh,en", "#7a1f2b", "", "2025"])
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or next(answers))
    code = newsite.main(["new", str(tmp_path / "demo"), "--product", NEW["product"]])
    assert code == 0, capsys.readouterr()
    assert len(asked) == len(newsite.QUESTIONS) and asked[0].startswith("学校中文名称 / the college's name in Chinese")
    assert "[国际交流与合作处]" in asked[6]  # the office's name: a default
    site = (tmp_path / "demo" / "data" / "site.yml").read_text("utf-8")
    assert "国际交流与合作处" in site and "International Office" in site and "abbr" not in site
    assert [lang.code for lang in read_languages(tmp_path / "demo" / "mkdocs.yml")] == ["zh", "en"]


def test_new_without_a_terminal_names_every_answer_it_needs(tmp_path):
    result = _new(tmp_path / "demo", "--name-zh", "示范学院")
    assert result.returncode == 1
    assert "--name-en" in result.stderr and "--colour" in result.stderr and "--name-zh" not in result.stderr
    assert "--product" in result.stderr  # this checkout's jiaoliu cannot say where a site would install it


def test_the_palette_from_one_colour_reads_well():
    palette = newsite.colours("#1f6f43")
    for name in ("primary", "dark", "accent", "footer", "footer_dark"):
        assert newsite.contrast(palette[name], "#ffffff") >= 4.5, (name, palette[name])


@pytest.mark.parametrize(("wording", "says"), [
    ("zh:\n  sources.intro: 出自报告：\nen:\n  sources.intro: <script>alert(1)</script>\n", "holds '<', a sign of HTML or Markdown"),
    ("zh:\n  sources.intro: 出自报告：\nen:\n  sources.intro: \"[a link](https://x.example)\"\n", "holds '['"),
    ("zh:\n  sources.intro: 出自报告：\n", "is worded in one language only"),
    ("zh:\n  sources.intr: 出自报告：\nen:\n  sources.intr: From\n", "did you mean 'sources.intro'?"),
    ("zh:\n  about.last_reviewed: 核对日期\nen:\n  about.last_reviewed: Checked on {day}\n", "does not have the placeholders"),
    ("zh:\n  about.last_reviewed: 核对于{date:q}\nen:\n  about.last_reviewed: Checked on {date!r}\n", "holds '{'"),
    ("zh:\n  news.dated: \"{date}：{title}\"\nen:\n  news.dated: \"{date}: {title}{{: href=javascript:alert(1) }}\"\n", "holds '{'"),
    ("zh:\n  news.all: 全部 } 动态\nen:\n  news.all: All } news\n", "holds '}'"),
    ("zh:\n  value.years: 年\nen:\n  value.years#one: year\n", "lacks the forms value.years#other"),
])
def test_the_colleges_wording_is_plain_text_in_both_languages_of_known_strings(tmp_path, wording, says):
    """data/wording.yml reaches every template as typed: what a pull request could make of it
    is refused, with the line, before anything is built."""
    target = tmp_path / "demo"
    assert _new(target, *_flags()).returncode == 0
    (target / "data" / "wording.yml").write_text(wording, "utf-8")
    result = run_command("jiaoliu-check", cwd=target)
    assert result.returncode == 1 and "data/wording.yml:" in result.stdout and says in result.stdout, result.stdout


def test_a_renamed_strings_old_name_keeps_working_for_one_release_saying_the_new_one(tmp_path):
    """0.4.0 renamed the English offer's strings (any language's now): a college's wording of the
    old name is used, and the check and the build say the new name; nothing fails."""
    target = tmp_path / "demo"
    assert _new(target, *_flags(languages=("zh", "en"))).returncode == 0
    (target / "data" / "wording.yml").write_text(
        "zh:\n  notice.english_link: 看中文版\nen:\n  notice.english_link: Read this in English\n", "utf-8")
    result = run_command("jiaoliu-check", "--strict", cwd=target)
    assert result.returncode == 0, result.stdout
    assert "data/wording.yml:4:24: en.notice.english_link:" in result.stdout
    assert "is now called 'notice.this_language_link'; the old name works until the next release" in result.stdout
    site = build_site(target, tmp_path / "site", search_index=False)
    assert "Read this in English" in (site / "index.html").read_text("utf-8")


def test_a_string_with_markdown_in_its_placeholders_escapes_its_own_words():
    from jiaoliu.render.markdown import fill

    assert fill("{date}: {title}", date="16 May", title="[a](b)") == "16 May: [a](b)"
    assert fill("{date}：{title}", date="5月16日", title="[a](b)") == "5月16日：[a](b)"
    assert fill("{date} *{title}* {{: x }}", date="d", title="t") == "d \\*t\\* \\{: x \\}"


def test_the_colleges_wording_replaces_the_products_on_its_pages(example_site):
    partner = (example_site / "en" / "partners" / "north-shore" / "index.html").read_text("utf-8")
    assert "From the 2025 report:" in partner and "From the annual reports:" not in partner


# --- upgrades ----------------------------------------------------------------------------------------


def test_upgrade_moves_the_pin_and_nothing_else(tmp_path):
    target = tmp_path / "demo"
    assert _new(target, *_flags()).returncode == 0
    before = _files(target)
    result = run_command("jiaoliu", "upgrade", "0.4.0", "--project", target, cwd=target)
    assert result.returncode == 0, result.stderr
    after = _files(target)
    assert [name for name in after if after[name] != before[name]] == ["requirements.txt"]
    assert "jiaoliu @ git+https://github.com/example/jiaoliu@v0.4.0" in (target / "requirements.txt").read_text("utf-8")
    assert run_command("jiaoliu", "upgrade", "latest", "--project", target, cwd=target).returncode == 1


@pytest.mark.parametrize("version", sorted(path.name.removeprefix("lakeside-").removesuffix(".tar.gz")
                                            for path in (ROOT / "tests" / "releases").glob("lakeside-*.tar.gz")))
def test_the_example_of_every_release_builds_with_this_one_unchanged(tmp_path, version):
    """The example college as each release published it, built with this version of the product:
    strict, verified, and not one of its files changed. The release's example is kept in
    tests/releases/ (maintainers/releasing.md): a clone need not hold the tags."""
    archive = ROOT / "tests" / "releases" / f"lakeside-{version}.tar.gz"
    assert figurechanges.extract(archive.read_bytes(), tmp_path / "release")
    example = tmp_path / "release" / "examples" / "lakeside"
    before = _files(example)
    assert "data/site.yml" in before
    site = build_site(example, tmp_path / "site")
    assert verify.problems(site, example) == []
    assert _files(example) == before


def test_every_release_keeps_its_example():
    """From 0.3.0, the first with the example: the newest kept is the newest released."""
    released = re.findall(r"^## (\d+\.\d+\.\d+) \(", (ROOT / "CHANGELOG.md").read_text("utf-8"), re.MULTILINE)
    kept = {path.name.removeprefix("lakeside-").removesuffix(".tar.gz") for path in (ROOT / "tests" / "releases").glob("*.tar.gz")}
    version = lambda text: tuple(map(int, text.split(".")))  # noqa: E731
    assert kept == {release for release in released if version(release) >= (0, 3, 0)}, (kept, released)


# --- the example college -------------------------------------------------------------------------------


@module_build
def example_site(tmp_path_factory) -> Path:
    return build_site(EXAMPLE, tmp_path_factory.mktemp("lakeside") / "site")


def test_the_example_was_made_by_new_and_only_its_data_filled_in(tmp_path):
    """Everything `jiaoliu new` writes, outside data/ and the images drawn from it, is as it wrote
    it (examples/README.md shows the command)."""
    assert f"jiaoliu new examples/lakeside {LAKESIDE}" in (ROOT / "examples" / "README.md").read_text("utf-8")
    fresh = tmp_path / "lakeside"
    assert _new(fresh, *shlex.split(LAKESIDE)).returncode == 0
    # Its data and what is drawn from it (icons and share images: ./scripts/identity) are the example's own.
    made = {name: content for name, content in _files(fresh).items()
            if not name.startswith(("data/", "docs/assets/images/"))}
    example = _files(EXAMPLE)
    assert [name for name in made if example.get(name) != made[name]] == []


def test_the_example_passes_its_own_checks_with_nothing_left_to_fill(example_site):
    assert verify.problems(example_site, EXAMPLE) == []
    result = run_command("jiaoliu-check", "--strict", cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout
    assert "Every optional fact is filled in" in run_command("jiaoliu-check", "--todo", cwd=EXAMPLE).stdout


def test_the_example_uses_every_field_of_every_data_file():
    """Each field of each kind of record is filled somewhere in the example's data."""
    used: set[tuple[str, str]] = set()
    files = {**data_files(EXAMPLE / "data"), m.WORDING_FILE: m.Wording}
    for name, model in files.items():
        parsed = model.model_validate(load_yaml(EXAMPLE / "data" / name, f"data/{name}").data)
        for _, node in m.nested_models(parsed):
            used |= {(type(node).__name__, field) for field in node.model_fields_set}
    every = {(model.__name__, field) for model in _models(list(files.values())) for field in model.model_fields}
    assert sorted(every - used) == []


def test_the_example_shows_nothing_of_gdep_and_says_it_is_fictional_on_every_page(example_site):
    found = []
    for path in example_site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".gz"):
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="ignore")
        found += [f"{path.relative_to(example_site)}: {word}" for word in (*GDEP_NAMES, *GDEP_COLOURS)
                  if word.lower() in text.lower()]
        if path.suffix == ".html":  # every page, the error pages too: in its header, in its language
            document = lxml_html.fromstring(raw)
            lang = document.get("lang")
            if FICTIONAL[lang] not in " ".join(document.xpath("//header//text()")):
                found.append(f"{path.relative_to(example_site)}: the header does not say {FICTIONAL[lang]}")
    assert found == []
    assert len(list(example_site.rglob("*.html"))) >= 50


@pytest.mark.parametrize(("lang", "query", "expected"), [("en", "welding", "/en/achievements/"),
                                                        ("zh", "焊接", "/achievements/")])
def test_the_example_searches_and_shows_its_own_404(browser, example_site, lang, query, expected, artifacts):
    """Its search finds its pages in the reader's language; its error page is its own; its home
    and a record page look right on a phone and a desktop (screenshots in test-artifacts/)."""
    for url in served(example_site):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        _open(page, lang, url)
        results = _search(page, query)
        assert any(path.endswith(expected) for path in results), results
        response = page.goto(url + ("en/" if lang == "en" else "") + "no-such-page/")
        assert response is not None and response.status == 404
        assert FICTIONAL[lang] in page.locator("header").inner_text()
        for screen, size in (("phone", {"width": 412, "height": 915}), ("desktop", {"width": 1280, "height": 900})):
            page.set_viewport_size(size)
            for name, path in (("home", ""), ("partner", "partners/north-shore/")):
                page.goto(url + ("en/" if lang == "en" else "") + path)
                page.screenshot(path=str(artifacts / f"example-college-{name}-{lang}-{screen}.png"),
                                animations="disabled")
        context.close()


def test_the_example_has_its_feed_and_its_news_in_both_languages(example_site):
    for folder, line in (("", "2026年5月16日：国际学生开放日"), ("en/", "16 May 2026: Open day for international students")):
        feed = (example_site / folder / "news.xml").read_text("utf-8")
        assert feed.count("<entry>") == 3 and ("Lakeside" in feed if folder else "湖滨" in feed), folder
        home = lxml_html.fromstring((example_site / folder / "index.html").read_bytes())
        assert line in [" ".join(item.text_content().split()) for item in home.xpath("//article//li")], folder


def test_gdeps_own_site_passes_what_every_site_must_be(site):
    assert verify.problems(site, ROOT) == []


# --- verify can fail ----------------------------------------------------------------------------------


def test_verify_finds_a_missing_page_a_third_party_script_and_a_missing_index(example_site, tmp_path):
    import shutil

    broken = tmp_path / "site"
    shutil.copytree(example_site, broken)
    (broken / "en" / "faq" / "index.html").unlink()
    page = broken / "contact" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</head>", '<script src="https://cdn.example.com/x.js"></script></head>'),
                    "utf-8")
    (broken / "en" / "news.xml").unlink()
    shutil.rmtree(broken / "pagefind")
    (broken / "en" / "assets" / "images" / "logo.svg").unlink()  # the example's favicon too
    with (broken / "assets" / "stylesheets" / "college.css").open("a", encoding="utf-8") as css:  # as a pull request could
        css.write('@import "https://fonts.googleapis.com/css2?family=Noto+Sans";\n')
    spaced = broken / "assets" / "images" / "campus photo 校园.png"  # a name an address writes percent-encoded
    spaced.write_bytes((broken / "assets" / "images" / "favicon.png").read_bytes())
    about = broken / "about" / "index.html"
    about.write_text(about.read_text("utf-8").replace(
        "</head>", '<link rel="preload" href="../assets/images/campus%20photo%20%E6%A0%A1%E5%9B%AD.png" as="image"></head>'), "utf-8")
    problems = "\n".join(verify.problems(broken, EXAMPLE))
    assert "campus%20photo" not in problems and "campus photo" not in problems
    assert "en: /en/faq: 缺少这种语言的页面 / missing in this language" in problems
    assert "loads from another site: https://cdn.example.com/x.js" in problems
    assert "assets/stylesheets/college.css: 从其他网站加载 / loads from another site: url(https://…) / @import" in problems
    assert "en: 新闻页没有订阅源 / the news page has no feed" in problems
    assert "no search index" in problems
    assert "loads assets/images/logo.svg, which the site does not have" in problems


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not {"site", ".venv", "__pycache__"} & set(p.relative_to(folder).parts)}


def _models(roots: list[type]) -> list[type]:
    """Every model reachable from the data files' models, through their fields' types."""
    seen: list[type] = []
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for field in model.model_fields.values():
            todo += [t for t in _types(field.annotation) if isinstance(t, type) and issubclass(t, m.BaseModel)]
    return seen


def _types(annotation: object) -> list[object]:
    return [annotation, *(found for arg in typing.get_args(annotation) for found in _types(arg))]
