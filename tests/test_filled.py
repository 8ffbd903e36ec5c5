"""Every question a prospective student asks has a place, filled in or honestly absent (issue 26).

The real data leaves student life and the questions empty: their pages are not built, and no
menu entry, footer link, sitemap entry or other language's page promises them. The fixture data
set (tests/fixtures/filled/, fictional) fills every part: the pages are built, in every language,
with each part under its heading, the questions as schema.org FAQPage, and they read well on a
phone and a desktop.
"""

from __future__ import annotations

import copy
import gzip
import json
import shutil
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from conftest import LANG_PREFIX, LANGUAGES, ROOT, build_site, copy_project, module_build, served
from jiaoliu.core import models as m
from jiaoliu.core.loader import check_data
from jiaoliu.tools.cli import todo_markdown

FILLED = ROOT / "tests" / "fixtures" / "filled"
NEW_PAGES = ("student-life/", "faq/", "partner-with-us/", "news/")
PAGES = ("", "study/", *NEW_PAGES, "programmes/group-digital-media/", "hong-kong-macao/", "partners/nmit/",
         "exchanges/", "contact/")
LIFE_HEADINGS = {
    "en": ["Visas", "Arriving", "Housing", "Health care", "Safety", "Meals", "The campus"],
    "zh": ["签证", "抵达", "住宿", "医疗", "安全", "饮食", "校园"],
    "zh-HK": ["簽證", "抵達", "住宿", "醫療", "安全", "飲食", "校園"],
}
AXE = Axe()
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             "resultTypes": ["violations"]}


PROGRAMME_FIELDS = FILLED / "programme-fields.yml"
PARTNER_FIELDS = FILLED / "partner-fields.yml"
SITE_FIELDS = FILLED / "site-fields.yml"
ACTIVITY_FIELDS = FILLED / "activity-fields.yml"
CHINESE_COURSE = FILLED / "chinese-course.yml"
FIELD_FILES = (PROGRAMME_FIELDS, PARTNER_FIELDS, SITE_FIELDS, ACTIVITY_FIELDS, CHINESE_COURSE)  # added to the real data's


def filled_project(destination: Path) -> Path:
    """A copy of the project with the fixture's data files and photos over the real ones, the
    fields for applicants given to every programme open to international students, a
    Chinese-language course, and a photo to the home page, those programmes, the universities,
    polytechnics and colleges among the partners, and the first activity."""
    project = copy_project(destination)
    for file in FILLED.glob("*.yml"):
        if file not in FIELD_FILES:
            shutil.copy2(file, project / "data" / file.name)
    shutil.copytree(FILLED / "photos", project / "data" / "photos")
    give_programme_fields(project / "data")
    programmes = project / "data" / "programmes.yml"  # and a Chinese-language course
    data = yaml.safe_load(programmes.read_text("utf-8"))
    data["programmes"].append(yaml.safe_load(CHINESE_COURSE.read_text("utf-8")))
    programmes.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    _give_fields(project / "data" / "partners.yml", "partners", PARTNER_FIELDS,
                 lambda partner: partner["kind"] in ("university", "polytechnic", "college"))
    first = yaml.safe_load((project / "data" / "activities.yml").read_text("utf-8"))["activities"][0]["id"]
    _give_fields(project / "data" / "activities.yml", "activities", ACTIVITY_FIELDS,
                 lambda activity: activity["id"] == first)
    _give_fields(project / "data" / "site.yml", None, SITE_FIELDS, lambda site: True)
    return project


def _give_fields(path: Path, key: str | None, fields_file: Path, chosen) -> None:
    """The fields of `fields_file` added to each chosen record of the list `key` (the file's
    top level itself without a key)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    fields = yaml.safe_load(fields_file.read_text("utf-8"))
    for record in data[key] if key else [data]:
        if chosen(record):
            for name, value in copy.deepcopy(fields).items():  # its own: shared values would be YAML aliases
                merged = isinstance(value, dict) and isinstance(record.get(name), dict)
                record[name] = {**record[name], **value} if merged else value  # a group: its other fields kept
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def give_programme_fields(data_dir: Path) -> None:
    """The fixture's fields for applicants, on every programme open to international students."""
    _give_fields(data_dir / "programmes.yml", "programmes", PROGRAMME_FIELDS,
                 lambda programme: programme["status"] == "open_to_international_students")


@module_build
def filled_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("filled")
    return build_site(filled_project(tmp / "project"), tmp / "site")


def _article(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_bytes()).xpath("//article")[0]


def _headings(article, level: str) -> list[str]:
    return [h.text_content().strip("¶ ") for h in article.xpath(f".//{level}")]


def test_the_fixture_fills_every_part_and_is_fiction():
    life = m.StudentLife.model_validate(yaml.safe_load((FILLED / "student-life.yml").read_text("utf-8")))
    assert life.parts() == list(m.STUDENT_LIFE_PARTS)
    admissions = m.Admissions.model_validate(yaml.safe_load((FILLED / "admissions.yml").read_text("utf-8")))
    assert all(getattr(admissions, section) for section in m.ADMISSIONS_SECTIONS)
    for file in FILLED.glob("*.yml"):  # every text says it is an example
        texts = [value for value in _strings(yaml.safe_load(file.read_text("utf-8")))
                 if value]
        assert all("示例" in text or "Example" in text for text in texts), file


def _strings(value, key: str = "") -> list[str]:
    """The texts (each zh and en) in a data file."""
    if isinstance(value, dict):
        return [text for name, item in value.items() for text in _strings(item, name)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item, key)]
    return [value] if isinstance(value, str) and key in ("zh", "en") else []


def test_the_filled_data_passes_the_strict_check(tmp_path):
    project = filled_project(tmp_path / "project")
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert not result.errors and not result.warnings, [p.format() for p in (*result.errors, *result.warnings)]


# --- honest when empty: the real data ---------------------------------------------------------


def test_a_page_with_nothing_filled_in_is_not_built_nor_promised(site):
    for lang in LANG_PREFIX:
        for page in NEW_PAGES:
            assert not (site / LANG_PREFIX[lang] / page).exists(), (lang, page)
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert not any(address in text for address in NEW_PAGES), page
    assert "student-life" not in (site / "sitemap.xml").read_text("utf-8")


def test_the_footer_leads_past_a_page_not_built(site):
    """Programmes are followed in the menu by student life and the questions; with neither, the
    footer's next page is Hong Kong and Macao students."""
    page = lxml_html.fromstring((site / "en/programmes/index.html").read_bytes())
    assert page.xpath("//a[contains(@class, 'md-footer__link--next')]/@href") == ["../hong-kong-macao/"]


def test_the_study_page_promises_only_what_it_holds(site, filled_site):
    """"Study with us", not "… and how to apply": while how to apply is empty, the page says where to
    ask; once filled, its section is there under its heading."""
    for built, applying in ((site, False), (filled_site, True)):
        article = _article(built, "en/study")
        assert _headings(article, "h1") == ["Study with us"]
        assert ("How to apply" in _headings(article, "h2")) is applying
        intro = article.xpath(".//p[1]")[0]  # applying, until its section is filled in: where to ask
        assert intro.xpath(".//a/@href") == ["../contact/"] and "To apply, or for any question" in intro.text_content()


# --- filled in: the fixture -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_student_life_shows_every_part_under_its_heading(filled_site, lang):
    article = _article(filled_site, LANG_PREFIX[lang] + "student-life")
    assert _headings(article, "h2") == LIFE_HEADINGS[lang]
    text = article.text_content()
    assert ("1 Example Road" if lang == "en" else "示例路 1 號" if lang == "zh-HK" else "示例路 1 号") in text
    paragraphs = article.xpath(".//h2[@id='housing']/following-sibling::p[position() <= 2]")
    assert len(paragraphs) == 2  # a line of its own in the data is a paragraph of its own


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_questions_are_grouped_and_given_to_search_engines_as_faqpage(filled_site, lang):
    page = lxml_html.fromstring((filled_site / LANG_PREFIX[lang] / "faq/index.html").read_bytes())
    article = page.xpath("//article")[0]
    assert len(_headings(article, "h2")) == 2 and len(_headings(article, "h3")) == 3
    (data,) = [json.loads(s) for s in page.xpath("//script[@type='application/ld+json']/text()")]
    assert data["@type"] == "FAQPage" and data["inLanguage"] == lang
    assert [q["name"] for q in data["mainEntity"]] == _headings(article, "h3")
    assert all(q["acceptedAnswer"]["text"] for q in data["mainEntity"])


def test_the_filled_pages_are_in_the_menu_in_every_language(filled_site):
    for lang in LANG_PREFIX:
        page = lxml_html.fromstring((filled_site / LANG_PREFIX[lang] / "study/index.html").read_bytes())
        links = page.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
        assert any(link.endswith("student-life/") for link in links) and any(link.endswith("faq/") for link in links)


# --- what staff are told ----------------------------------------------------------------------


def test_todo_lists_what_readers_need_first(tmp_path):
    """A contact channel before how to apply, before who a programme is for, before student life
    and the questions; in the pull request's summary, numbered in the same order."""
    result = check_data(ROOT / "data", docs=ROOT / "docs", languages=LANGUAGES)
    files = [p.file for p in result.todo]
    order = ["data/site.yml", "data/admissions.yml", "data/programmes.yml", "data/student-life.yml", "data/faq.yml",
             "data/news.yml", "data/partnering.yml"]
    assert sorted(dict.fromkeys(files), key=order.index) == list(dict.fromkeys(files))
    life = [p.field for p in result.todo if p.file == "data/student-life.yml"]
    assert life == list(m.STUDENT_LIFE_PARTS)
    summary = todo_markdown(result.todo)
    assert summary.splitlines()[4].startswith("1. `data/site.yml`")
    assert f"{len(result.todo) - 1}. `data/partnering.yml`" in summary
    assert summary.rstrip().endswith(f"{len(result.todo)}. `data/site.yml` line 5: `photo`")  # the pages read well without
    filled = filled_project(tmp_path / "project")
    todo = [p for p in check_data(filled / "data", docs=filled / "docs", languages=LANGUAGES).todo
            if p.code not in ("example_record", "example_text")]  # the fixture is example data, and says so
    assert not [p for p in todo if p.file in ("data/student-life.yml", "data/faq.yml", "data/admissions.yml",
                                              "data/partnering.yml", "data/news.yml")]
    assert not [p for p in todo if p.field.split(".")[-1] in m.PROGRAMME_APPLICANT_FIELDS or p.field == "photo"]


# --- as readers see them ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def filled_url(filled_site):
    yield from served(filled_site)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_filled_pages_read_well_on_a_phone_and_a_desktop(browser, filled_url, artifacts, lang):
    """No empty heading, nothing wider than the screen, axe clean (on the desktop, as the real
    site's pages are checked); screenshots of each."""
    for width, height, name in ((412, 915, "phone"), (1280, 900, "desktop")):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                      is_mobile=name == "phone")
        page = context.new_page()
        if name == "desktop":
            page.add_init_script(AXE.axe_script)  # once, not sent for every page (test_reader's tab)
        for path in PAGES:
            page.goto(filled_url + LANG_PREFIX[lang] + path)
            empty = page.evaluate("() => [...document.querySelectorAll('article h1, article h2, article h3')]"
                                  ".filter(h => !h.textContent.replace('¶', '').trim()).length")
            assert empty == 0
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            if name == "desktop":
                assert page.evaluate("options => axe.run(document, options)", AXE_RULES)["violations"] == []
            shot = path.strip("/").replace("/", "-") or "home"
            page.screenshot(path=artifacts / f"filled-{shot}-{lang}-{name}.png", full_page=True)
        context.close()


PROGRAMME_ROWS = {
    "en": {"Who may apply": "International students, and students from Hong Kong and Macao",
           "Taught in": "Chinese and English", "Intake": "Example: starts each September. (Fictional.)",
           "Award": "Example: a diploma (fictional)", "How to apply": "Application page"},
    "zh": {"招收对象": "国际学生和港澳学生", "授课语言": "中文和英语", "招生时间": "示例：每年九月入学。（虚构内容）",
           "毕业证书": "示例：专科毕业证书（虚构）", "申请方式": "申请页面"},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_programme_tells_applicants_what_the_office_filled_in(site, filled_site, lang):
    """Who may apply, the teaching languages (named by CLDR), the intake, the award and where to
    apply: rows on the programme's page once filled in, none before."""
    path = LANG_PREFIX[lang] + "programmes/group-digital-media"
    for built, expected in ((filled_site, PROGRAMME_ROWS[lang]), (site, {})):
        article = _article(built, path)
        rows = {row.xpath("string(dt)").strip(): row.xpath("string(dd)").strip()
                for row in article.xpath(".//div[@class='jiaoliu-facts__row']")}
        assert {label: rows[label] for label in PROGRAMME_ROWS[lang] if label in rows} == expected
    link = _article(filled_site, path).xpath(".//dd//a[@href='https://example.org/apply']")
    assert len(link) == 1


def test_hong_kong_and_macao_students_are_told_how_to_apply_or_where_to_ask(site, filled_site):
    """Routes, documents and fees under "How to apply" once filled in; before, one sentence that
    leads to the contact page (not the editor's "the report does not say")."""
    for built, filled in ((site, False), (filled_site, True)):
        article = _article(built, "en/hong-kong-macao")
        assert ("How to apply" in _headings(article, "h2")) is filled
        sections = [h for h in _headings(article, "h3") if h in ("Routes of admission", "Documents", "Fees")]
        assert sections == (["Routes of admission", "Documents", "Fees"] if filled else [])
        asking = [p for p in article.xpath(".//p") if p.text_content().startswith("To apply, or for any question:")]
        assert len(asking) == 1 and asking[0].xpath(".//a/@href") == ["../contact/"]
        assert "does not say how students" not in article.text_content()


def test_the_study_page_leads_to_student_life_and_the_questions_once_they_exist(site, filled_site):
    for built, links in ((site, []), (filled_site, ["../student-life/", "../faq/"])):
        article = _article(built, "en/study")
        more = [p for p in article.xpath(".//p") if p.text_content().startswith("More for international students:")]
        assert [a for p in more for a in p.xpath(".//a/@href")] == links


def test_partners_are_led_to_how_a_partnership_starts_once_it_is_written(site, filled_site):
    """The home page's "Partner with us" leads to the list of partners, and to the page on how a
    partnership starts once there is one; a partner's page names the areas of cooperation given."""
    for built, target in ((site, "partners/"), (filled_site, "partner-with-us/")):
        home = lxml_html.fromstring((built / "en/index.html").read_bytes())
        assert home.xpath("//article//a[normalize-space()='Partner with us']/@href") == [target]
    article = _article(filled_site, "en/partner-with-us")
    assert _headings(article, "h2") == ["What the college offers partners", "How a partnership starts"]
    assert len(article.xpath(".//ol/li")) == 3
    for built, areas in ((site, None), (filled_site, "student exchange and joint programmes")):
        article = _article(built, "en/partners/nmit")
        rows = {row.xpath("string(dt)").strip(): row.xpath("string(dd)").strip()
                for row in article.xpath(".//div[@class='jiaoliu-facts__row']")}
        assert rows.get("Areas of cooperation") == areas


ATOM = "{http://www.w3.org/2005/Atom}"


def test_news_the_latest_three_on_the_home_page_all_on_its_page_and_in_each_languages_feed(site, filled_site):
    for lang in LANG_PREFIX:  # no news: no section, no page, no feed, no link to one
        home = lxml_html.fromstring((site / LANG_PREFIX[lang] / "index.html").read_bytes())
        assert not (site / LANG_PREFIX[lang] / "news.xml").exists()
        assert not home.xpath("//link[@type='application/atom+xml']") and not home.xpath("//article//h2[@id='news']")
    home = _article(filled_site, "en")
    latest = home.xpath(".//h2[@id='news']/following-sibling::ul[1]/li")
    assert [li.xpath("string(a)") for li in latest] == ["Example: campus open day", "Example: a new partner",
                                                         "Example: applications open"]
    assert latest[0].xpath("a/@href") == ["news/#news-example-open-day"] and latest[0].text_content().startswith("18 May 2024")
    assert _headings(_article(filled_site, "en/news"), "h2") == [
        "Example: campus open day", "Example: a new partner", "Example: applications open", "Example: winter camp"]
    for lang in LANG_PREFIX:
        page = lxml_html.fromstring((filled_site / LANG_PREFIX[lang] / "index.html").read_bytes())
        (href,) = page.xpath("//link[@type='application/atom+xml']/@href")
        assert href.startswith(("http://", "https://")) and href.endswith(LANG_PREFIX[lang] + "news.xml")
        feed = etree.fromstring((filled_site / LANG_PREFIX[lang] / "news.xml").read_bytes())
        assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for element in (feed, *feed.findall(f"{ATOM}entry")):  # what RFC 4287 requires of each
            assert all(element.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated")), element
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 4 and feed.find(f"{ATOM}author/{ATOM}name").text
        links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
        assert all(link.startswith(("http://", "https://")) for link in links)
        assert links[1] == "https://example.org/news" and links[0].endswith(LANG_PREFIX[lang] + "study/")
    hong_kong = etree.fromstring((filled_site / "zh-HK/news.xml").read_bytes())
    assert hong_kong.find(f"{ATOM}entry/{ATOM}title").text == "示例：校園開放日"


def test_data_cannot_link_to_a_page_that_is_not_built(tmp_path):
    """A highlight leading to the questions while there are none would be a dead link: refused at
    its line; once the questions are written, the same link is fine."""
    for project, refused in ((copy_project(tmp_path / "real"), True), (filled_project(tmp_path / "filled"), False)):
        site_file = project / "data" / "site.yml"
        text = site_file.read_text("utf-8")
        first = next(line for line in text.splitlines() if line.strip().startswith("link:"))
        site_file.write_text(text.replace(first, first.split("link:")[0] + "link: faq.md", 1), "utf-8")
        result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
        problems = [p for p in result.errors if p.file == "data/site.yml" and p.field.endswith("link")]
        assert bool(problems) is refused, [p.format() for p in result.errors]


# --- photos (issue 26, point 3) -----------------------------------------------------------------

# The fixture's photos, where each is shown (in every language), and how it was taken.
PHOTO_PAGES = {"": "hero", "student-life/": "campus", "programmes/group-digital-media/": "programme",
               "partners/nmit/": "partner", "exchanges/": "activity"}


def _photos_of(site: Path, path: str) -> list:
    page = lxml_html.fromstring((site / path / "index.html").read_bytes())
    return page.xpath("//figure[contains(@class, 'jiaoliu-photo')]")


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_each_photo_is_shown_resized_described_credited_and_sized(filled_site, lang):
    """Every copy the markup offers exists at the width it claims; the page reserves the photo's
    shape (width, height); only the hero is fetched at once; described and credited in the
    page's language."""
    for path, name in PHOTO_PAGES.items():
        page_dir = filled_site / LANG_PREFIX[lang] / path
        figures = _photos_of(filled_site, LANG_PREFIX[lang] + path)
        assert len(figures) == 1, (lang, path)
        img, = figures[0].xpath(".//img")
        offered = [entry.rsplit(" ", 1) for entry in img.get("srcset").split(", ")]
        assert [Path(url).name.split("-")[0] for url, _ in offered] == [name] * len(offered)
        for url, width in offered:
            with Image.open(page_dir / url) as made:
                assert (made.format, f"{made.width}w") == ("WEBP", width), url
                assert made.height == round(made.width * int(img.get("height")) / int(img.get("width")))
        assert f"{img.get('width')}w" == offered[-1][1] and img.get("src") in [url for url, _ in offered]
        assert (img.get("fetchpriority"), img.get("loading")) == (("high", None) if name == "hero" else (None, "lazy"))
        alt, credit = img.get("alt"), figures[0].xpath("string(figcaption)")
        assert ("Example photo" in alt and "Photo: Example" in credit) if lang == "en" else (
            "示例照片" in alt and credit.startswith("图片" if lang == "zh" else "圖片"))


def test_no_original_photo_nor_its_metadata_is_published(filled_site, site):
    """The originals (with a camera's GPS position, make and model) stay in data/photos/: the site
    has only the copies, which carry none of it; the real data has no photo, and no empty figure."""
    published = [p for p in filled_site.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp")
                 and "photos" in p.parts]
    assert published and all(p.suffix == ".webp" for p in published)
    for made in published:
        content = made.read_bytes()
        assert b"EXIF" not in content and b"XMP " not in content and b"Example Camera" not in content, made
    originals = {p.name for p in (FILLED / "photos").iterdir()}
    assert not [p for p in filled_site.rglob("*") if p.name in originals]
    assert not list(site.rglob("assets/photos")) and "jiaoliu-photo" not in "".join(
        p.read_text("utf-8") for p in site.rglob("*.html"))


def _page_weight(browser, url: str) -> tuple[int, list[tuple[str, int]]]:
    """What a phone (412 px wide, 2.625 device pixels per CSS pixel) downloads to show the page,
    compressed as GitHub Pages sends text (gzip); the requests, largest first."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, device_scale_factor=2.625,
                                  is_mobile=True, locale="zh-CN")
    page = context.new_page()
    sizes: dict[str, int] = {}

    def count(response) -> None:
        body = response.body()
        textual = response.headers.get("content-type", "").split(";")[0] in TEXT_TYPES
        sizes[response.url] = len(gzip.compress(body, 6)) if textual else len(body)
    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    ways = page.locator(".jiaoliu-hero__ways .md-button").last.bounding_box()
    assert ways is not None and ways["y"] + ways["height"] <= 915  # the ways in stay on the first screen
    context.close()
    return sum(sizes.values()), sorted(sizes.items(), key=lambda item: -item[1])


TEXT_TYPES = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "image/svg+xml", "application/xml", "text/xml"}
WEIGHT_BUDGET = 300_000  # bytes: a phone's home page, with a hero photo


@pytest.mark.browser
def test_a_phones_home_page_stays_within_its_weight_with_a_hero_photo_and_without(browser, filled_url, site_url,
                                                                               artifacts):
    weights = {}
    for name, url in (("with a hero photo", filled_url), ("without", site_url)):
        total, requests = _page_weight(browser, url)
        weights[name] = {"bytes": total, "largest": requests[:5]}
        assert total <= WEIGHT_BUDGET, (name, total, requests[:5])
    hero = [url for url, _ in weights["with a hero photo"]["largest"] if "/assets/photos/hero-" in url]
    assert len(hero) == 1 and hero[0].endswith("-1200.webp")  # the copy for 412 px at 2.625: not the widest
    (artifacts / "page-weight.json").write_text(json.dumps(weights, indent=1), "utf-8")


# --- Chinese-language study (issue 26, point 1) -------------------------------------------------


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_a_chinese_language_course_is_listed_under_learning_chinese_with_its_level_length_and_dates(
        site, filled_site, lang):
    """Once the office adds a course of Chinese, the study page lists it (level, length, when it
    starts) and its own page gives the rest; the real data has none, and no empty table."""
    study = _article(filled_site, LANG_PREFIX[lang] + "study")
    row, = study.xpath(".//tr[.//a[contains(@href, 'programmes/example-chinese-course/')]]")
    cells = [td.text_content().strip() for td in row.xpath("./td")]
    expected = {"en": ["Example Chinese course (elementary)", "Example: elementary (HSK levels 1–2)",
                       "Example: one semester (18 weeks)", "Example: starts each March and September. (Fictional.)"],
                "zh": ["示例汉语课程（初级）", "示例：初级（HSK 1–2 级）", "示例：一个学期（18 周）", "示例：每年三月和九月开课。（虚构内容）"]}
    if lang in expected:
        assert cells == expected[lang]
    page = _article(filled_site, LANG_PREFIX[lang] + "programmes/example-chinese-course")
    rows = {r.xpath("string(dt)").strip() for r in page.xpath(".//div[@class='jiaoliu-facts__row']")}
    assert {"en": {"Length", "Level", "Intake"}, "zh": {"时长", "层次", "招生时间"}, "zh-HK": {"時長", "層次", "招生時間"}}[lang] <= rows
    real = _article(site, LANG_PREFIX[lang] + "study")
    assert not real.xpath(".//a[contains(@href, 'example-chinese-course')]")
    assert len(real.xpath(".//table")) == len(study.xpath(".//table")) - 1  # no empty table for the courses


def test_a_chinese_language_course_is_not_counted_as_a_specialty_group(tmp_path):
    """The number of specialty groups open to international students counts specialty groups only."""
    from jiaoliu.core.figures import all_figures

    project = filled_project(tmp_path / "project")
    dataset = check_data(project / "data", docs=project / "docs", languages=LANGUAGES).dataset
    assert dataset is not None and any(p.kind == "chinese_language" for p in dataset.programmes)
    assert all_figures(dataset)["specialty-groups"].latest.value == 3
