"""A further written language: a site in Simplified Chinese, English and French, made with
`jiaoliu new --languages zh,en,fr`. Until the translator has written everything the strict build
refuses it, saying what is left; once translated (here by a test's translator, who writes the
English with a mark), every page is published in each language, searchable, in the sitemap's
alternates, with the language's own interface strings, numbers and plural forms."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest
import yaml
from lxml import etree
from test_product import _flags, _new
from test_search import _search

from conftest import ROOT, BuildFailed, build_site, module_build, run_command, served
from jiaoliu.core import localise
from jiaoliu.core import models as m
from jiaoliu.core.loader import check_data, data_files
from jiaoliu.engine.languages import languages_beside, read_languages
from jiaoliu.tools import verify

CODE = "fr"
SAID = "FR·"  # what the test's translator puts before each English text: its French
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@module_build
def new_site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("further") / "demo"
    result = _new(target, *_flags(languages=("zh", "en", CODE)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "./scripts/site   (a preview" in result.stdout  # not a strict build first: it would refuse
    return target


@module_build
def translated(new_site, tmp_path_factory) -> Path:
    """The new site with every text written in French by the test's translator."""
    project = tmp_path_factory.mktemp("translated") / "demo"
    shutil.copytree(new_site, project)
    translate(project)
    return project


@module_build
def translated_site(translated, tmp_path_factory) -> Path:
    return build_site(translated, tmp_path_factory.mktemp("built") / "site")


def translate(project: Path) -> None:
    """What a translator does: every marked text of the table, the pages and mkdocs.yml written
    (here: the English with SAID before it), and a `fr:` beside every `en:` of the data."""
    table = project / "data" / m.UI_FOLDER / f"{CODE}.yml"
    table.write_text(table.read_text("utf-8").replace(f"{m.TO_TRANSLATE} ", SAID), "utf-8")
    for page in (project / "docs" / CODE).rglob("*.md"):  # the note to the translator deleted, the marks replaced
        text = re.sub(rf"^{m.TO_TRANSLATE} .*\n\n", "", page.read_text("utf-8"), flags=re.MULTILINE)
        page.write_text(text.replace(f"{m.TO_TRANSLATE} ", SAID), "utf-8")
    config = project / "mkdocs.yml"  # its values, not its comments
    config.write_text(config.read_text("utf-8").replace(f'"{m.TO_TRANSLATE} ', f'"{SAID}'), "utf-8")
    assert m.TO_TRANSLATE in config.read_text("utf-8")  # the comment that says what to do stays
    context = {m.FURTHER_LANGUAGES: (CODE,)}
    for name, model in data_files(project / "data").items():
        path = project / "data" / name
        raw = yaml.safe_load(path.read_text("utf-8"))
        for where, node in m.nested_models(model.model_validate(raw, context=context)):
            if isinstance(node, m.Bilingual):
                target = raw
                for step in where:
                    target = target[step]
                english = node.in_language("en") or node.in_language("zh")
                target[CODE] = f"{SAID}{english}"
                if isinstance(node, m.Unit):
                    for form in localise.plural_categories(CODE) - {"other"}:
                        target[f"{CODE}_{form}"] = f"{SAID}{node.en_one if form == 'one' and node.en_one else english}"
        if name == "search.yml":  # a word French readers type, for one the pages use
            raw[CODE] = [{"typed": "partenaire", "site": "partner"}]
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


# --- what new writes -------------------------------------------------------------------------------


def test_new_writes_the_language_as_english_marked_for_the_translator(new_site):
    assert [lang.code for lang in read_languages(new_site / "mkdocs.yml")] == ["zh", "en", CODE]
    english = sorted(p.relative_to(new_site / "docs" / "en").as_posix() for p in (new_site / "docs" / "en").rglob("*.md"))
    french = sorted(p.relative_to(new_site / "docs" / CODE).as_posix() for p in (new_site / "docs" / CODE).rglob("*.md"))
    assert french == english and len(french) >= 15
    assert all(m.TO_TRANSLATE in (new_site / "docs" / CODE / page).read_text("utf-8") for page in french)
    table = yaml.safe_load((new_site / "data" / m.UI_FOLDER / f"{CODE}.yml").read_text("utf-8"))
    product = localise.string_tables()["en"].table
    assert all(text.startswith(m.TO_TRANSLATE) for text in table.values())
    # every string, a counted one in French's own plural forms (CLDR: one, many, other)
    plain = {key for key in product if localise.PLURAL not in key}
    counted = {key.partition(localise.PLURAL)[0] for key in product if localise.PLURAL in key}
    assert set(table) == plain | {f"{key}{localise.PLURAL}{form}" for key in counted for form in ("one", "many", "other")}
    # the editor's field hints know French where the site writes it, and only there
    schema = json.loads((new_site / "schemas" / "figures.schema.json").read_text("utf-8"))["$defs"]
    assert {CODE, f"{CODE}_one", f"{CODE}_many"} <= set(schema["Unit"]["properties"])
    assert CODE in schema["Label"]["properties"] and schema["Label"]["additionalProperties"] is False
    assert f'"{CODE}"' not in (ROOT / "schemas" / "figures.schema.json").read_text("utf-8")


def test_until_everything_is_translated_the_strict_build_refuses_saying_what_is_left(new_site, tmp_path):
    result = check_data(new_site / "data", docs=new_site / "docs", languages=languages_beside(new_site / "data"))
    assert result.errors == ()
    marked = [p for p in result.warnings if p.code == "untranslated"]
    assert {p.file for p in marked} == {f"data/ui/{CODE}.yml", "mkdocs.yml"} | {
        f"docs/{CODE}/{p.relative_to(new_site / 'docs' / CODE).as_posix()}" for p in (new_site / "docs" / CODE).rglob("*.md")}
    table = next(p for p in marked if p.file.startswith("data/"))
    assert table.params["count"] == len(yaml.safe_load((new_site / "data/ui/fr.yml").read_text("utf-8")))
    assert "the French text is missing" in next(p for p in result.warnings if p.code == "missing_translation").message_en
    assert all(p.params["lang"] == CODE for p in result.warnings if p.code == "missing_translation")
    with pytest.raises(BuildFailed) as failed:
        build_site(new_site, tmp_path / "site", search_index=False)
    assert f"texts still marked '{m.TO_TRANSLATE}', copied from English for a translator: " in str(failed.value)
    assert "still to translate before anything is published" in run_command("jiaoliu-check", "--todo", cwd=new_site).stdout
    report = run_command("jiaoliu-check", "--translations", cwd=new_site)  # what the translator has to do
    assert report.returncode == 1 and f"data/ui/{CODE}.yml" in report.stdout and f"docs/{CODE}/index.md" in report.stdout
    preview = build_site(new_site, tmp_path / "preview", strict=False, search_index=False)
    assert "TO TRANSLATE" in (preview / CODE / "index.html").read_text("utf-8")  # shown, never published


def test_a_language_field_where_there_is_no_such_form_says_where_it_goes(translated, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    site = project / "data" / "site.yml"
    site.write_text(re.sub(r"^college:\n", f"college:\n  {CODE}: Polytechnique\n", site.read_text("utf-8"), count=1, flags=re.M), "utf-8")
    result = run_command("jiaoliu-check", cwd=project)
    assert result.returncode == 1 and f"college.{CODE}: " in result.stdout, result.stdout
    assert "and this field has no French form" in result.stdout and f"data/ui/{CODE}.yml" in result.stdout


def test_a_page_missing_in_the_language_is_named_by_the_check(translated, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    (project / "docs" / CODE / "faq.md").unlink()
    result = run_command("jiaoliu-check", "--strict", cwd=project)
    assert result.returncode == 1
    assert f"docs/{CODE}/faq.md:1:1: -: " in result.stdout and "this page is missing in French" in result.stdout


def test_a_page_left_as_its_english_page_stops_the_strict_build(translated, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    shutil.copy(project / "docs" / "en" / "study.md", project / "docs" / CODE / "study.md")  # the mark deleted, no more
    result = run_command("jiaoliu-check", "--strict", cwd=project)
    assert result.returncode == 1
    assert f"docs/{CODE}/study.md:1:1: -: " in result.stdout and "still its English page (docs/en/study.md)" in result.stdout


def test_marks_in_the_data_and_a_table_of_english_strings_stop_the_strict_build(translated, tmp_path):
    """A text of the data still marked, and a table whose marks were replaced by nothing (the
    English left as it was), are not translations."""
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace(f"{SAID}Example City", f'"{m.TO_TRANSLATE} Example City"', 1), "utf-8")
    table = project / "data" / m.UI_FOLDER / f"{CODE}.yml"
    table.write_text(table.read_text("utf-8").replace(SAID, ""), "utf-8")
    result = run_command("jiaoliu-check", "--strict", cwd=project)
    assert result.returncode == 1 and re.search(r"data/partners.yml:\d+:\d+: partners\[example-partner\]\.city\.fr: .*"
                                                rf"texts still marked '{m.TO_TRANSLATE}'", result.stdout), result.stdout
    assert re.search(rf"data/ui/{CODE}.yml:\d+:\d+: .* of the \d+ interface strings are the English ones", result.stdout)


def test_the_settings_a_page_shows_are_plain_text(translated, tmp_path):
    """mkdocs.yml's names and menu titles reach Material's pages as they are, attributes too."""
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(f'study-here: "{SAID}', 'study-here: "x\\" onmouseover=\\"alert(1)'), "utf-8")
    with pytest.raises(BuildFailed, match=r"languages \(fr\): nav_translations: study-here: 'x\" onmouseover"):
        build_site(project, tmp_path / "site", search_index=False)


def test_a_menu_title_or_site_name_still_marked_stops_the_strict_build(translated, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(f"study-here: \"{SAID}", f"study-here: \"{m.TO_TRANSLATE} "), "utf-8")
    line = next(number for number, text in enumerate(config.read_text("utf-8").splitlines(), 1)
                if m.TO_TRANSLATE in text and not text.lstrip().startswith("#"))
    result = run_command("jiaoliu-check", "--strict", cwd=project)  # the check says it, as the build does
    assert result.returncode == 1 and f"mkdocs.yml:{line}:1: -: " in result.stdout and "write them in French" in result.stdout
    with pytest.raises(BuildFailed, match=f"mkdocs.yml:{line}:1"):
        build_site(project, tmp_path / "site", search_index=False)


# --- translated: published in three languages ------------------------------------------------------


def test_every_page_is_published_in_each_written_language(translated, translated_site):
    assert verify.problems(translated_site, translated) == []
    pages = {lang: sorted(p.relative_to(translated_site / folder).as_posix() for p in (translated_site / folder).rglob("*.html")
                          if p.relative_to(translated_site / folder).parts[0] not in ("en", CODE))
             for lang, folder in (("zh", ""), ("en", "en"), (CODE, CODE))}
    assert pages["zh"] == pages["en"] == pages[CODE] and len(pages[CODE]) >= 20
    for page in pages[CODE]:
        html = (translated_site / CODE / page).read_text("utf-8")
        assert f'<html lang="{CODE}"' in html, page
        assert "TO TRANSLATE" not in html and "Translation missing" not in html, page


def test_the_pages_speak_the_language_its_strings_dates_and_plural_forms(translated, translated_site):
    home = (translated_site / CODE / "index.html").read_text("utf-8")
    assert f"{SAID}Contact us" in home  # an interface string of data/ui/fr.yml
    assert f"{SAID}Example: the site is online" in home  # a text of the data in French
    assert '"search.result.none": "Aucun document trouv' in home  # Material's own strings in French
    news = yaml.safe_load((translated / "data" / "news.yml").read_text("utf-8"))["news"][0]
    assert localise.long_date(news["date"], CODE) in home  # Babel's French date (4 décembre 2026)
    partners = (translated_site / CODE / "partners" / "index.html").read_text("utf-8")
    # the French form for one: "1 partner institution… in 1 country or region"
    assert f"{SAID}1 partner institution, organisation or scheme in {SAID}1 country or region" in partners


def test_the_sitemap_names_every_page_in_each_language_and_search_has_an_index_for_each(translated_site):
    tree = etree.parse(str(translated_site / "sitemap.xml"))
    entries = tree.findall(f"{SITEMAP}url")
    for entry in entries:
        alternates = {link.get("hreflang") for link in entry.findall(f"{XHTML}link")}
        assert {"zh", "en", CODE} <= alternates, entry.findtext(f"{SITEMAP}loc")
    assert sum(f"/{CODE}/" in (entry.findtext(f"{SITEMAP}loc") or "") for entry in entries) * 3 == len(entries)
    assert list((translated_site / "pagefind").glob(f"pagefind.{CODE}_*.pf_meta"))


# --- what the checks refuse --------------------------------------------------------------------------


def test_a_further_languages_field_is_unknown_where_the_site_does_not_write_it(tmp_path):
    project = tmp_path / "demo"
    assert _new(project, *_flags(languages=("zh", "en"))).returncode == 0
    partners = project / "data" / "partners.yml"
    text = partners.read_text("utf-8")
    partners.write_text(text.replace("city: {zh: 示例城市, en: Example City}",
                                     f"city: {{zh: 示例城市, en: Example City, {CODE}: Ville}}"), "utf-8")
    result = run_command("jiaoliu-check", cwd=project)
    assert result.returncode == 1
    assert f"data/partners.yml:22:44: partners[example-partner].city.{CODE}: " in result.stdout, result.stdout
    assert f"'{CODE}' is the code of French, which the site does not write" in result.stdout


@pytest.mark.parametrize(("change", "says"), [
    (lambda table: table.pop("about.last_reviewed"), "the interface string 'about.last_reviewed' is missing in French"),
    (lambda table: table.pop("value.years#many"), "the interface string 'value.years#many' is missing in French"),
    (lambda table: table.update({"about.last_reviewd": "Vérifié le {date}"}), "did you mean 'about.last_reviewed'"),
    (lambda table: table.update({"about.last_reviewed": "Vérifié le {day}"}), "does not have the placeholders"),
    (lambda table: table.update({"about.last_reviewed": "<b>{date}</b>"}), "a sign of HTML or Markdown"),
    (lambda table: table.update({"about.last_reviewed": "Vérifié le {date:x>60}"}), "holds '{'"),
    (lambda table: table.update({"about.last_reviewed": "Vérifié le {date!r}"}), "holds '{'"),
    (lambda table: table.update({"news.dated": "{date} : {title}{{: onclick=alert(1) }}"}), "holds '{'"),
])
def test_the_languages_interface_strings_are_checked_string_by_string(translated, tmp_path, change, says):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    path = project / "data" / m.UI_FOLDER / f"{CODE}.yml"
    table = yaml.safe_load(path.read_text("utf-8"))
    change(table)
    path.write_text(yaml.safe_dump(table, allow_unicode=True, width=1000), "utf-8")
    result = run_command("jiaoliu-check", "--strict", cwd=project)
    assert result.returncode == 1 and f"data/ui/{CODE}.yml" in result.stdout and says in result.stdout, result.stdout
    if "is missing" in says:  # a missing translation: a preview shows the English, as it does for a text
        preview = build_site(project, tmp_path / "preview", strict=False, search_index=False)
        assert (preview / CODE / "index.html").is_file()


def test_a_unit_in_the_language_needs_the_form_its_number_takes(translated, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    figures = project / "data" / "figures.yml"
    raw = yaml.safe_load(figures.read_text("utf-8"))
    raw["figures"][0]["unit"].pop(f"{CODE}_one")
    figures.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    result = run_command("jiaoliu-check", cwd=project)
    assert result.returncode == 1 and f"({CODE}_one)" in result.stdout, result.stdout


def test_a_table_file_for_a_language_the_site_does_not_write_is_unknown(translated, tmp_path):
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    (project / "data" / m.UI_FOLDER / "de.yml").write_text("nav.home: Start\n", "utf-8")
    result = run_command("jiaoliu-check", cwd=project)
    assert result.returncode == 1 and "data/ui/de.yml" in result.stdout and "unknown file" in result.stdout


@pytest.mark.parametrize(("code", "direction", "material_says"), [
    ("lo", "ltr", "No matching documents"),  # Lao: Material has no strings in it, so its English
    ("ps", "rtl", "No matching documents"),  # Pashto: neither, and it is written right to left (CLDR)
    ("fr-CA", "ltr", "Aucun document trouvé"),  # Canadian French: Material's French
    ("rw", "ltr", "No matching documents"),  # Kinyarwanda: CLDR names few countries in it (the others in English)
])
def test_materials_own_words_come_in_the_language_or_its_base_else_in_english(tmp_path, code, direction, material_says):
    """The pages are in the language, and so is their search index; Material's few own words (its
    search box's) in the language, its base language, or English where Material has neither."""
    project = tmp_path / "demo"
    assert _new(project, *_flags(languages=("zh", "en", code))).returncode == 0
    material_strings = Path(material.__file__).parent / "templates" / "partials" / "languages"
    assert (material_strings / f"{code.partition('-')[0]}.html").exists() == (code == "fr-CA")
    assert f'- locale: "{code}"' in (project / "mkdocs.yml").read_text("utf-8")
    site = build_site(project, tmp_path / "site", strict=False)  # still to translate: a preview
    home = (site / code / "index.html").read_text("utf-8")
    assert f'<html lang="{code}"' in home and f'<body dir="{direction}"' in home
    assert f'"search.result.none": "{material_says}' in home
    assert f'<html lang="{code}"' in (site / code / "404.html").read_text("utf-8")
    assert list((site / "pagefind").glob(f"pagefind.{code.lower()}_*.pf_meta"))


def test_search_finds_the_languages_own_pages_and_they_look_right(browser, translated_site, artifacts):
    """Searching on the French pages finds French pages only; the home and a partner's page on a
    phone and a desktop (screenshots in test-artifacts/)."""
    for url in served(translated_site):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        page.goto(url + f"{CODE}/")
        page.keyboard.press("/")
        for query in ("Example Partner Institute", "partenaire"):  # the page's words, and a word readers type
            results = _search(page, query)
            assert f"/{CODE}/partners/example-partner/" in results, (query, results)
            assert all(p.startswith(f"/{CODE}/") for p in results), (query, results)
        for screen, size in (("phone", {"width": 412, "height": 915}), ("desktop", {"width": 1280, "height": 900})):
            page.set_viewport_size(size)
            for name, path in (("home", ""), ("partner", "partners/example-partner/")):
                page.goto(url + f"{CODE}/{path}")
                page.screenshot(path=str(artifacts / f"further-language-{name}-{CODE}-{screen}.png"), animations="disabled")
        context.close()


@pytest.mark.parametrize(("locale", "offered"), [("fr-CA", CODE), ("en-GB", "en"), ("sw-TZ", "en"), ("zh-CN", None),
                                                 ("en-US,fr", "en"), ("de-DE,fr-FR,en", CODE)])
def test_a_chinese_page_offers_a_reader_without_chinese_the_language_they_read(browser, translated, translated_site,
                                                                                 locale, offered):
    """Never a redirect: to a browser without Chinese, French or English, whichever it puts first
    (fr-CA reads French), English to any other, each said in its own language; a French page
    offers nothing."""
    for url in served(translated_site):
        context = browser.new_context(locale=locale.split(",")[0], extra_http_headers={"Accept-Language": locale})
        page = context.new_page()
        page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {locale.split(',')!r}}})")
        page.goto(url + "partners/example-partner/")
        shown = page.locator(".jiaoliu-notice[data-speaks]:visible")
        if offered is None:
            assert shown.count() == 0
        else:
            assert shown.count() == 1 and shown.get_attribute("lang") == offered
            assert shown.locator("a").get_attribute("href").endswith(f"{offered}/partners/example-partner/")
            said = localise.string_tables(yaml_wording(translated))[offered]("notice.this_language_available")
            assert said in shown.inner_text()
        page.goto(url + f"{CODE}/partners/example-partner/")
        assert page.locator(".jiaoliu-notice:visible").count() == 0
        context.close()


def yaml_wording(project: Path) -> dict[str, dict[str, str]]:
    """The further language's table, as the build reads it."""
    return {CODE: yaml.safe_load((project / "data" / m.UI_FOLDER / f"{CODE}.yml").read_text("utf-8"))}


def test_a_field_named_like_a_language_is_refused_as_a_language():
    """A code that is also a field name of the records (id) would make a text's language field read
    as a record's: core.languages refuses those, and no other field looks like a language code."""
    from jiaoliu.core.languages import FIELD_NAMES, FURTHER_CODE

    fields = {name for model in vars(m).values() if isinstance(model, type) and issubclass(model, m.BaseModel)
              for name in getattr(model, "model_fields", {})}
    assert {name for name in fields if FURTHER_CODE.fullmatch(name)} == set(FIELD_NAMES)


def test_a_new_years_draft_is_written_in_every_language_and_publishing_goes_on(translated, tmp_path):
    """jiaoliu-new-year writes each text empty in zh, en and fr; a draft's gaps (a French one too,
    or a missing fr: line) are to do, never a reason to stop publishing."""
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    assert run_command("jiaoliu-new-year", "2026", cwd=project).returncode == 0
    draft = project / "data" / "reports" / "2026.yml"
    assert f'title: {{zh: "", en: "", {CODE}: ""}}' in draft.read_text("utf-8")
    draft.write_text(draft.read_text("utf-8").replace(f'source_note: {{zh: "", en: "", {CODE}: ""}}',
                                                      'source_note: {zh: "", en: ""}'), "utf-8")
    assert run_command("jiaoliu-check", "--strict", cwd=project).returncode == 0
    todo = run_command("jiaoliu-check", "--todo", cwd=project).stdout
    assert "data/reports/2026.yml:" in todo and f"title.{CODE}" in todo and f"source_note.{CODE}" in todo, todo
    build_site(project, tmp_path / "site", search_index=False)


def test_the_share_image_is_in_the_language_once_translated_and_never_marked(new_site, translated, tmp_path):
    """New, the French share image is the English one (its title still to translate); translated,
    ./scripts/identity draws it in French; in Lao, which the face cannot draw, it stays English."""
    images = Path("docs") / "assets" / "images"
    assert (new_site / images / f"share-{CODE}.png").read_bytes() == (new_site / images / "share-en.png").read_bytes()
    project = tmp_path / "demo"
    shutil.copytree(translated, project)
    assert run_command("jiaoliu-identity", cwd=project).returncode in (0, 1)  # 1: an image changed
    assert (project / images / f"share-{CODE}.png").read_bytes() != (project / images / "share-en.png").read_bytes()
    lao = tmp_path / "lao"
    assert _new(lao, *_flags(languages=("zh", "en", "lo"))).returncode == 0
    table = lao / "data" / m.UI_FOLDER / "lo.yml"
    table.write_text(re.sub(r'^home\.title: .*$', 'home.title: "ການແລກປ່ຽນ"', table.read_text("utf-8"), flags=re.M), "utf-8")
    run_command("jiaoliu-identity", cwd=lao)
    assert (lao / images / "share-lo.png").read_bytes() == (lao / images / "share-en.png").read_bytes()
