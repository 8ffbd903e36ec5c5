"""The site looks like the college's on every screen: identity, type, lists that read on a phone,
Chinese order, the menu, the not-found pages and sharing (QR code, share images)."""

from __future__ import annotations

import io
import json
import unicodedata
from urllib.parse import urljoin

import pypinyin
import pytest
import zxingcpp
from lxml import html as lxml_html
from PIL import Image
from test_site import page_html

from conftest import LANG_PREFIX, all_page_paths, build_site, copy_project, data_file
from jiaoliu.render.templates import THEME

COLLEGE = {"zh": "广东工程职业技术学院", "en": "Guangdong Engineering Polytechnic", "zh-HK": "廣東工程職業技術學院"}
PHONE = {"width": 412, "height": 915}


# --- identity, in the built pages ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_page_carries_the_colleges_identity_not_the_generators(site, lang):
    others = [prefix for prefix in LANG_PREFIX.values() if prefix]
    for path in [p for p in all_page_paths()
                 if (p.startswith(LANG_PREFIX[lang]) if LANG_PREFIX[lang] else not p.startswith(tuple(others)))]:
        document = lxml_html.fromstring((site / path / "index.html").read_bytes())
        wordmark = document.xpath("//header//a[contains(@class, 'jiaoliu-wordmark')]")[0].text_content()
        assert COLLEGE[lang] in wordmark, path
        footer = document.xpath("//footer")[0]
        text = footer.text_content()
        assert COLLEGE[lang] in text and "Material for MkDocs" not in text, path
        links = footer.xpath(".//a/@href")
        to_contact = [h for h in links if h.rstrip("/").endswith("contact") or (h == "./" and path.endswith("contact/"))]
        assert "https://gdep.edu.cn/" in links and to_contact, path
        icons = {link.get("rel"): link.get("href") for link in document.xpath("//link[@rel='icon' or @rel='apple-touch-icon']")}
        assert set(icons) == {"icon", "apple-touch-icon"}, path
        image = document.xpath("//meta[@property='og:image']/@content")[0]
        assert image.startswith("http") and image.endswith(f"share-{lang}.png"), path
        assert document.xpath("//meta[@name='twitter:image']/@content") == [image]


def test_icons_and_share_images_exist_at_their_sizes(site):
    sizes = {"favicon.png": (48, 48), "apple-touch-icon.png": (180, 180),
             "share-zh.png": (1200, 630), "share-en.png": (1200, 630), "share-zh-HK.png": (1200, 630)}
    for name, size in sizes.items():
        with Image.open(site / "assets" / "images" / name) as image:
            assert image.size == size, name


def test_the_offices_logo_and_icon_replace_the_wordmark_and_the_sites_icon(tmp_path):
    project = copy_project(tmp_path / "project")
    images = project / "docs" / "assets" / "images"
    Image.new("RGB", (120, 40), (200, 30, 30)).save(images / "office-logo.png")
    Image.new("RGB", (64, 64), (200, 30, 30)).save(images / "office-icon.png")
    site_yml = project / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace(
        "last_reviewed:", "logo:\n  image: assets/images/office-logo.png\n"
        "  alt: {zh: 广东工程职业技术学院国际教育与交流中心, en: GDEP International Education and Exchange Centre}\n"
        "favicon: assets/images/office-icon.png\nlast_reviewed:"), "utf-8")
    site = build_site(project, tmp_path / "site")
    for prefix, alt in (("", "广东工程职业技术学院国际教育与交流中心"), ("en/", "GDEP International Education and Exchange Centre")):
        document = lxml_html.fromstring((site / prefix / "partners" / "index.html").read_bytes())
        logo = document.xpath("//header//a[contains(@class, 'jiaoliu-wordmark')]/img")
        assert [(i.get("alt"), i.get("src").rsplit("/", 1)[-1]) for i in logo] == [(alt, "office-logo.png")]
        icons = document.xpath("//link[@rel='icon' or @rel='apple-touch-icon']/@href")
        assert [h.rsplit("/", 1)[-1] for h in icons] == ["office-icon.png", "office-icon.png"]


# --- Chinese order -----------------------------------------------------------------------------


def _pinyin(text: str) -> list[str]:
    return pypinyin.lazy_pinyin(text, style=pypinyin.Style.TONE3)


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lists_follow_the_readers_collation(site, lang):
    """Regions and the partners in each, in pinyin order on Chinese pages (not by code point),
    alphabetical with accents folded on English ones; "more partners" last."""
    key = _pinyin if lang == "zh" else _folded
    directory = page_html(site, lang, "partners")
    regions = [h.text_content().split("（" if lang == "zh" else " (")[0].rstrip("¶")  # the institutions' regions
               for h in directory.xpath("//article//h3") or directory.xpath("//article//h2")]
    assert regions[-1] == {"zh": "其他合作院校", "en": "Other partners"}[lang]
    assert regions[:-1] == sorted(regions[:-1], key=key), regions
    if lang == "zh":  # the order the issue found wrong: by code point 中国香港 came first
        assert regions.index("菲律宾") < regions.index("韩国") < regions.index("中国香港")
    for sup in directory.xpath("//article//sup"):
        sup.drop_tree()  # the name marks and their words for screen readers
    for cards in directory.xpath("//article//div[contains(@class, 'jiaoliu-cards')]"):
        names = [a.text_content() for a in cards.xpath(".//li//strong/a")]
        assert names == sorted(names, key=key), names
    for table in page_html(site, lang, "programmes").xpath("//article//table"):
        majors = [td.text_content() for td in table.xpath(".//tbody/tr/td[1]")]
        assert majors == sorted(majors, key=key), majors


# --- summaries, menu, breadcrumbs, not-found pages ---------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summaries_end_at_a_sentence_or_clause(site, lang):
    summaries = {p["id"]: p["summary"][lang] for p in data_file("programmes.yml")["programmes"]}
    cells = [td.text_content() for td in page_html(site, lang, "programmes").xpath("//article//table//td[3]")]
    assert len(cells) == len(summaries)
    for cell in cells:
        whole = next(s for s in summaries.values() if s.startswith(cell.rstrip("…")))
        if cell != whole:
            assert cell.endswith("…") and whole[len(cell) - 1] in "，；：、,;:", cell


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_record_page_shows_where_it_is_in_the_menu(site, lang):
    document = page_html(site, lang, "partners/nmit")
    crumbs = [a.text_content().strip() for a in document.xpath("//nav[contains(@class, 'md-path')]//a")]
    assert crumbs == {"zh": ["首页", "国际合作", "合作院校与机构"],
                      "en": ["Home", "International cooperation", "Partner institutions and organisations"]}[lang]
    active_tab = document.xpath("//*[contains(@class, 'md-tabs__item--active')]")[0].text_content().strip()
    assert active_tab == {"zh": "国际合作", "en": "International cooperation"}[lang]
    active = document.xpath("//nav[contains(@class, 'md-nav--primary')]"
                            "//li[contains(@class, 'md-nav__item--active') and not(contains(@class, 'md-nav__item--nested'))]/a/@href")
    assert len(active) == 1 and urljoin("https://site.test/partners/nmit/", active[0]) == "https://site.test/partners/", active


def test_each_language_has_its_own_not_found_page(site):
    for path, lang, section in (("404.html", "zh", "来校学习"), ("en/404.html", "en", "Study here"),
                                ("zh-HK/404.html", "zh-HK", "來校學習")):
        document = lxml_html.fromstring((site / path).read_bytes())
        assert document.get("lang") == lang
        article = document.xpath("//article")[0]
        assert section in article.text_content()
        assert all(h.startswith("/") or h.startswith("http") for h in article.xpath(".//a/@href"))  # any address


# --- in a browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                                  locale="zh-CN")
    yield context
    context.close()


def _platform_fonts(page, selector: str) -> list[str]:
    """The fonts Chromium actually drew the element's text with (not just the CSS list)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [f["familyName"] for f in fonts]


def test_chinese_text_on_chinese_pages_is_drawn_in_a_chinese_face(phone, site_url):
    page = phone.new_page()
    for path, selectors in (("", [".jiaoliu-hero h1", ".jiaoliu-hero__lead"]),  # the lead has “quotation marks”
                            ("study/", ["article h1", "article h1 ~ p", ".jiaoliu-wordmark__college"])):
        page.goto(site_url + path)
        for selector in selectors:
            fonts = _platform_fonts(page, selector)
            assert fonts and all("CJK" in f for f in fonts), (path, selector, fonts)
    page.close()


@pytest.mark.parametrize("path", ["", "partners/nmit/", "en/programmes/nmit-construction/", "en/"])
def test_the_qr_code_opens_this_very_page(browser, site_url, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + path)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    code = page.locator(".jiaoliu-qr svg")
    assert code.is_visible() and page.locator(".jiaoliu-qr figcaption").inner_text()
    image = Image.open(io.BytesIO(code.screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [canonical], (path, decoded)
    context.close()


@pytest.mark.parametrize("lang, section", [("en", "Study here"), ("zh-HK", "來校學習")])
def test_each_languages_not_found_page_keeps_the_address_asked_for(browser, site_url, lang, section):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    response = page.goto(site_url + f"{lang}/partners/no-such-partner/")
    assert response.status == 404
    page.wait_for_url(site_url + f"{lang}/partners/no-such-partner/")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".md-tabs").inner_text().count(section) == 1
    page.get_by_role("link", name=section).last.click()
    page.wait_for_load_state()
    assert page.url == site_url + f"{lang}/study/"
    context.close()


def test_a_phone_title_is_not_broken_by_its_permalink_mark(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + "en/programmes/hkiit-software/")
    assert not page.locator("article h1 .headerlink").is_visible()
    page.close()


def test_lang_prefixes_cover_every_language():
    assert set(LANG_PREFIX) == {"zh", "en", "zh-HK"}


def test_the_vendored_qr_generator_is_the_pinned_package():
    """The QR code script served with the site is exactly the npm package pinned in package-lock.json
    (./scripts/test installs it; CI must not skip this)."""
    from conftest import ROOT

    package = ROOT / "node_modules" / "qrcode-generator"
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    vendored = THEME / "assets" / "javascripts" / "vendor" / f"qrcode-generator-{version}.js"
    assert vendored.read_bytes() == (package / "dist" / "qrcode.js").read_bytes()
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    assert lock["packages"]["node_modules/qrcode-generator"]["version"] == version
