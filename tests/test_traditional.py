"""繁體中文（香港）: the third language, converted at build time from the Simplified pages.

Real builds of the real project (the session's `site`, or a copy with one change), OpenCC's own
dictionaries for what counts as Simplified, and Chromium for what a Hong Kong reader sees.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from conftest import LANGUAGES, ROOT, build_site, copy_project, module_build, record_paths, written_paths
from jiaoliu.core import loader, traditional
from jiaoliu.core import models as m
from jiaoliu.core.loader import check_data
from jiaoliu.core.localise import HAN
from jiaoliu.core.traditional import Converter, simplified_characters

HK = "zh-HK/"
BODY, FOLDED = "data-pagefind-body", "data-jiaoliu-folded"
HAN_CHARACTER = re.compile(HAN)


@functools.cache  # OpenCC loads its dictionaries once (0.1 s)
def _hong_kong() -> Converter:
    return Converter("s2hkp")


def markdown_to_html(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "footnotes"])
PHONE = {"width": 412, "height": 915}


def _traditional_pages() -> list[str]:
    return [HK + path for path in written_paths() + record_paths()]


def _document(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_bytes())


# --- the text ------------------------------------------------------------------------------------


def test_opencc_tells_simplified_only_characters_from_those_both_scripts_use():
    only = traditional.simplified_only()
    assert len(only) > 2000 and {"们", "学", "发", "国"} <= only
    assert not {"后", "里", "干", "只", "們", "學", "秘"} & only  # 后 is Traditional too (皇后); 秘 is Hong Kong's
    assert "苧" not in only  # what OpenCC writes for 苎 (苎麻 → 苧麻), though also a Simplified form of 薴


def test_no_traditional_page_has_a_simplified_only_character_in_its_main_text(site):
    checked = 0
    for path in _traditional_pages():
        document = _document(site, path)
        main = document.xpath("//article")[0].text_content()
        head = " ".join([document.findtext(".//title") or "", *document.xpath("//meta[@name='description']/@content"),
                         *document.xpath("//nav[contains(@class, 'md-tabs')]//text()")])
        assert simplified_characters(main + head) == [], path
        checked += len(main)
    # The same text on the Simplified pages is full of them: the check can fail.
    simplified = _document(site, "partners/nmit/").xpath("//article")[0].text_content()
    assert len(simplified_characters(simplified)) > 20
    assert checked > 50_000


def test_nothing_a_reader_sees_or_hears_on_a_traditional_page_has_a_simplified_only_character(site):
    """Every attribute but addresses and ids (`title`, `aria-label`, `content`, `placeholder`,
    the texts of the search dialog…) and every string of the JSON scripts but addresses, on every
    page, apart from what is marked translate="no"."""
    checked = 0
    for path in _traditional_pages():
        document = _document(site, path)
        ids = set(document.xpath("//@id"))
        for element in document.iter(etree.Element):
            if element.xpath("ancestor-or-self::*[@translate='no']"):
                continue
            for name, value in element.attrib.items():
                if name not in ("id", "href", "src", "srcset") and value not in ids:
                    assert simplified_characters(value) == [], (path, element.tag, name, value)
                    checked += 1
        for script in document.xpath("//script[contains(@type, 'json')]"):
            strings = re.findall(r'"((?:[^"\\]|\\.)*)"', script.text)
            assert strings and simplified_characters(" ".join(s for s in strings if "://" not in s)) == [], path
    assert checked > 10_000


def test_hong_kong_usage_not_taiwans(site):
    text = _document(site, HK + "partners/").xpath("//article")[0].text_content()
    assert "新西蘭" in text and "紐西蘭" not in text  # New Zealand, as Hong Kong writes it
    search = _document(site, HK).xpath("//input[contains(@class, 'md-search__input')]/@placeholder")
    assert search == ["搜尋"]  # s2hkp: Hong Kong's word for "search"


def test_every_traditional_page_says_it_was_converted_and_links_to_the_original(site):
    for path in _traditional_pages():
        notes = _document(site, path).xpath("//aside[contains(@class, 'jiaoliu-converted')]")
        assert len(notes) == 1, path
        link = notes[0].xpath(".//a")[0]
        assert "自動轉換" in notes[0].text_content() and link.get("hreflang") == "zh"
        target = urljoin("https://site.test/" + path, link.get("href"))
        assert target == "https://site.test/" + path.removeprefix(HK), path
    # Only there: the Simplified and English pages carry no such note.
    for path in ("partners/nmit/", "en/partners/nmit/"):
        assert not _document(site, path).xpath("//aside[contains(@class, 'jiaoliu-converted')]")


def test_language_names_are_never_converted(site):
    for path in ("", HK, "en/"):
        names = [a.text_content().strip() for a in _document(site, path).xpath("//div[contains(@class, 'md-select')]//a")]
        assert names == ["简体中文", "English", "繁體中文（香港）"], path


def test_the_share_image_and_open_graph_locale_are_hong_kongs(site):
    head = _document(site, HK + "partners/nmit/")
    assert head.xpath("//meta[@property='og:locale']/@content") == ["zh_HK"]
    assert sorted(head.xpath("//meta[@property='og:locale:alternate']/@content")) == ["en_GB", "zh_CN"]
    image = head.xpath("//meta[@property='og:image']/@content")[0]
    assert image.endswith("assets/images/share-zh-HK.png") and (site / "assets/images/share-zh-HK.png").is_file()


def test_structured_data_is_converted_and_points_to_the_traditional_page(site):
    script = _document(site, HK + "programmes/nmit-construction/").xpath("//script[@type='application/ld+json']")[0]
    assert "學" in script.text and "学" not in script.text
    assert re.search(r'"url": "[^"]*/zh-HK/programmes/nmit-construction/"', script.text)


# --- the office's corrections ----------------------------------------------------------------------


def _with_table(tmp_path: Path, entries: str) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "data" / "traditional.yml").write_text(f"names:\n{entries}", "utf-8")
    return project


def test_a_correction_is_applied_after_conversion_everywhere_on_the_traditional_pages(tmp_path):
    official = "紐國納爾遜馬爾堡理工學院"  # a made-up "official form", different from OpenCC's
    project = _with_table(tmp_path, f"  - simplified: 新西兰尼尔森·马尔伯勒理工学院\n    traditional: {official}\n")
    site = build_site(project, tmp_path / "site")
    partner = _document(site, HK + "partners/nmit/")
    assert partner.xpath("//article//h1")[0].text_content().strip().startswith(official)
    assert official in _document(site, HK + "partners/").xpath("//article")[0].text_content()
    assert official in partner.findtext(".//title")
    # The Simplified pages are what staff wrote, untouched.
    assert "新西兰尼尔森·马尔伯勒理工学院" in _document(site, "partners/nmit/").findtext(".//title")
    # Confirmed by the table: no longer listed for review; every other name still is.
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    waiting = {p.params["value"] for p in result.unconfirmed_traditional}
    assert "新西兰尼尔森·马尔伯勒理工学院" not in waiting and "马来西亚拉曼技职学院" in waiting


@pytest.mark.parametrize("entry, code, field", [
    ("  - simplified: 广东工程职业技术学院\n    traditional: 廣东工程職業技術學院\n", "simplified_in_traditional",
     "names[1].traditional"),
    ("  - simplified: 广东工程职业技术学院\n    traditional: <b>廣東</b>\n", "term_symbol", "names[1].traditional"),
    ("  - simplified: GDEP\n    traditional: GDEP\n", "not_chinese_term", "names[1].simplified"),
    ("  - simplified: 合作伙伴\n    traditional: 合作夥伴\n  - simplified: 合作伙伴\n    traditional: 合作伙伴\n",
     "duplicate_term", "names[2].simplified"),
])
def test_a_wrong_entry_in_the_table_is_an_error_on_its_line(tmp_path, entry, code, field):
    project = _with_table(tmp_path, entry)
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    problem = next(p for p in result.errors if p.code == code)
    assert problem.file == "data/traditional.yml" and problem.field == field and problem.line >= 2
    assert "data/traditional.yml" in problem.format()


def test_an_entry_that_matches_nothing_is_a_warning_so_a_typo_cannot_pass_silently(tmp_path):
    project = _with_table(tmp_path, "  - simplified: 新西兰尼尔森马尔伯勒理工学院\n    traditional: 新西蘭尼爾森馬爾伯勒理工學院\n")
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert [(p.code, p.line) for p in result.warnings if p.file == "data/traditional.yml"] == [("unused_term", 2)]
    assert result.errors == ()


@pytest.mark.parametrize("simplified, traditional", [("苎麻", "苧麻"), ("恒生指数", "恒生指數")])
def test_confirming_the_form_opencc_writes_is_accepted(tmp_path, simplified, traditional):
    """苧 is what OpenCC writes for 苎 (苎麻, ramie) and a Simplified form of 薴 too; 恒 is what it
    writes in 恒生. Confirming what the page shows anyway is never refused."""
    assert Converter().opencc(simplified) == traditional
    project = _with_table(tmp_path, f"  - simplified: {simplified}\n    traditional: {traditional}\n")
    with (project / "docs/zh/about.md").open("a", encoding="utf-8") as page:
        page.write(f"\n{simplified}。\n")
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert [p.format() for p in [*result.errors, *result.warnings] if p.file == "data/traditional.yml"] == []


def test_names_awaiting_review_are_listed_each_once_and_never_fail():
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(Path(sys.executable).parent / "jiaoliu-check"), "--traditional"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    listed = re.findall(r"^data/\S+: .*?尚未核对", result.stdout, re.M)
    count = int(re.search(r"\((\d+)\):", result.stdout)[1])
    assert count == len(listed) > 40
    assert "广东工程职业技术学院" in result.stdout and "廣東工程職業技術學院" in result.stdout
    assert len(set(listed)) == len(listed)


# --- the derivation, unit by unit ------------------------------------------------------------------


@pytest.mark.parametrize("markdown, expected", [
    ("学院 [学院](https://例子.中国/学院/?q=学院#学院)", "學院 [學院](https://例子.中国/学院/?q=学院#学院)"),
    ("[学院](//例子.中国/学院#学院)", "[學院](//例子.中国/学院#学院)"),
    ("[新西兰](partners/index.md#新西兰1) [学院](#学院)", "[新西蘭](partners/index.md#新西蘭1) [學院](#學院)"),
    ("![学院](assets/images/学院.png)", "![學院](assets/images/学院.png)"),
    ("<https://例子.中国/学院/> 见 https://例子.中国/学院 。", "<https://例子.中国/学院/> 見 https://例子.中国/学院 。"),
    ("```\n学院\n```\n`学院` 学院", "```\n学院\n```\n`学院` 學院"),
    ('<td data-label="类型">大学</td> <a href="../学院/" title="学院">学院</a>',
     '<td data-label="類型">大學</td> <a href="../学院/" title="學院">學院</a>'),
    ("[^x]: 报告只点名了\n[r]: https://例子.中国/学院", "[^x]: 報告只點名了\n[r]: https://例子.中国/学院"),
])
def test_markdown_is_converted_but_its_addresses_and_code(markdown, expected):
    assert _hong_kong().markdown(markdown) == expected


def test_a_correction_in_markdown_is_text_whatever_it_holds():
    converter = Converter("s2hkp", [("学院", "<b>學院</b>*[x](javascript:alert(1))")])
    document = lxml_html.fromstring(markdown_to_html(converter.markdown("学院 [学院](about.md)")))
    assert [element.tag for element in document.iter()] == ["p", "a"]
    assert document.xpath("//a/@href") == ["about.md"]
    assert document.text_content() == "<b>學院</b>*[x](javascript:alert(1)) <b>學院</b>*[x](javascript:alert(1))"


_WORDS = st.sampled_from(["学院", "新西兰", " ", "\n", "[", "](", ")", "#", "<", ">", "`", "https://例子.中国/学院", "a"])


@given(text=st.lists(_WORDS, max_size=40).map("".join))
@settings(max_examples=300, deadline=2000, derandomize=True, database=None)
def test_converting_markdown_keeps_every_address_and_changes_only_han_characters(text):
    converted = _hong_kong().markdown(text)
    assert len(converted) == len(text)
    assert all(a == b or (HAN_CHARACTER.match(a) and HAN_CHARACTER.match(b)) for a, b in zip(text, converted, strict=True))
    assert converted.count("https://例子.中国/学院") == text.count("https://例子.中国/学院")


@pytest.mark.parametrize("locale, shown", [("zh-HK", True), ("zh-MO", True), ("zh-TW", True), ("zh-Hant", True),
                                           ("zh-CN", False), ("en-GB", False)])
def test_readers_who_prefer_traditional_are_offered_it_never_sent(browser, site_url, locale, shown):
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    page.goto(site_url + "partners/nmit/")
    notice = page.locator("#jiaoliu-traditional-notice")
    assert notice.is_visible() == shown and page.url == site_url + "partners/nmit/"
    if shown:
        assert "繁體中文" in notice.inner_text() and not simplified_characters(notice.inner_text())
        notice.get_by_role("link").click()
        page.wait_for_load_state()
        assert page.url == site_url + HK + "partners/nmit/"
        assert not page.locator("#jiaoliu-traditional-notice").is_visible()  # not on the page it offers
    context.close()


def test_the_traditional_pages_on_a_phone(browser, site_url, artifacts):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                                  locale="zh-HK")
    page = context.new_page()
    for path, name in (("", "home"), ("partners/nmit/", "partner")):
        page.goto(site_url + HK + path)
        assert page.locator("html").get_attribute("lang") == "zh-HK"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.locator(".jiaoliu-converted").is_visible()
        page.screenshot(path=str(artifacts / f"traditional-{name}-phone.png"))
    context.close()


# --- whatever the corrections and the addresses say (issue 23, point 3) ---------------------------
# One real build of a copy of the project with a hand-written page of hostile addresses, corrections
# that pass the check but would change an address they were applied to, and corrections the check
# refuses, given to the converter as if the check had been bypassed.

HOSTILE_PAGE = """# 学院地址

## 学院

外部：[学院](https://例子.中国/学院/?q=学院#学院)，[编码](https://example.org/%E5%AD%A6%E9%99%A2/?q=%E5%AD%A6)，
<https://例子.中国/学院/>。

本页：[学院](#学院)；[新西兰](partners/index.md#新西兰1){: .jiaoliu-x title="学院" }；
[原文](partners/index.md)。

<a href='../partners/'>单引号</a> <a href=../partners/ title=学院>无引号</a>
<a href="../partners/nmit/#学院">合作院校</a>

<img src="../assets/images/学院.png" srcset="../assets/images/学院.png 1x, ../assets/images/favicon.png 2x" alt="学院">

![学院](assets/images/学院.png)

<div style="background-image: url('../assets/images/学院.png')">例子</div>
"""
# Accepted by the check: text only, but an address they reached would lead elsewhere.
HOSTILE_TABLE = """names:
  - simplified: 合作伙伴
    traditional: 合作夥伴
"""
# Refused by the check (markup, quotes, a backslash, the signs of an address): the converter must
# still show them as text, and leave every address as it was.
BYPASSED = {"广东工程职业技术学院": "廣東\"學院' <b>&amp;\\", "复制": "複製</script><script>alert(1)//",
            "例子": "範例/../evil?x=1#"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)")


@module_build
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "docs/zh/hostile.md").write_text(HOSTILE_PAGE, "utf-8")
    (project / "docs/en/hostile.md").write_text(HOSTILE_PAGE.replace("#新西兰1", ""), "utf-8")
    shutil.copy(project / "docs/assets/images/favicon.png", project / "docs/assets/images/学院.png")
    (project / "data" / "traditional.yml").write_text(HOSTILE_TABLE, "utf-8")
    typed = Converter.__init__

    def bypassed(self: Converter, config: str = traditional.CHECKED_AGAINST, corrections=()) -> None:
        typed(self, config, [*corrections, *BYPASSED.items()])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Converter, "__init__", bypassed)
        # The page's raw HTML (quoting, srcset, style) stands for what templates may write: a
        # hand-written page may not carry it (jiaoliu.core.pagemarkup), so that check is bypassed too.
        patch.setattr(loader, "page_problems", lambda *_: [])
        return build_site(project, tmp_path_factory.mktemp("hostile-site"))


def _page_pairs(site: Path) -> list[tuple[str, str]]:
    """(Simplified page, its Traditional twin), as files of the site."""
    twins = sorted(p.relative_to(site / HK).as_posix() for p in (site / HK).rglob("*.html"))
    assert len(twins) > 40 and "hostile/index.html" in twins
    return [(path, HK + path) for path in twins]


def _address(path: str) -> str:
    return path.removesuffix("index.html")


def _addresses(element) -> list[str]:
    """Every address an element holds, in order: URL attributes, each candidate of a srcset, an
    absolute `content` (og:url), CSS url() in a style."""
    found = []
    for name, value in element.attrib.items():
        if name in URL_ATTRIBUTES:
            found.append(value)
        elif name in ("srcset", "imagesrcset"):
            found += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
        elif name == "content" and re.match(r"https?://", value):
            found.append(value)
        elif name == "style":
            found += CSS_URL.findall(value)
    return found


def _shape(document) -> list[tuple[str, list[str]]]:
    """Elements and their attributes' names; the article of a page indexed by character is marked
    so, not for Pagefind's own reading (engine.search)."""
    return [(element.tag, sorted(BODY if name == FOLDED else name for name in element.attrib))
            for element in document.iter(etree.Element)]


def _without_note(document):
    for note in document.xpath("//aside[contains(@class, 'jiaoliu-converted')]"):
        note.drop_tree()
    return document


def _without_offer(document):
    """A written page offers the languages made from it: their pages do not offer themselves."""
    for offer in document.xpath("//aside[@data-offer='traditional']"):
        offer.drop_tree()
    return document


def test_every_traditional_page_has_the_elements_and_attributes_of_its_simplified_source(hostile_site):
    for simplified, converted in _page_pairs(hostile_site):
        source = _without_offer(lxml_html.fromstring((hostile_site / simplified).read_bytes()))
        twin = _without_note(lxml_html.fromstring((hostile_site / converted).read_bytes()))
        assert _shape(twin) == _shape(source), converted


def test_every_json_script_of_a_traditional_page_parses_and_shows_the_corrections_as_text(hostile_site):
    for _, converted in _page_pairs(hostile_site):
        for script in lxml_html.fromstring((hostile_site / converted).read_bytes()).xpath("//script[contains(@type, 'json')]"):
            json.loads(script.text)
    home = lxml_html.fromstring((hostile_site / HK / "index.html").read_bytes())
    college = json.loads(home.xpath("//script[@type='application/ld+json']")[0].text)
    assert college["name"] == BYPASSED["广东工程职业技术学院"]
    config = json.loads(home.xpath("//script[@id='__config']")[0].text)
    assert config["translations"]["clipboard.copy"] == BYPASSED["复制"]
    # The site's name is a setting of mkdocs.yml that the theme writes into attributes as it is: a
    # correction that is not plain text (the check refuses it) is left out of it, never injected.
    assert home.findtext(".//title").startswith("廣東工程職業技術學院 · ")
    assert "廣東工程職業技術學院 · 國際交流與合作" in home.xpath("//a/@title")  # the header's home link


def _target(site_url: str, page: str, written: str) -> tuple[str, str]:
    """(the address a link leads to without its fragment, the fragment)."""
    target = urljoin(site_url + _address(page), written)
    address, _, fragment = target.partition("#")
    return address, fragment


def _ids(site: Path, site_url: str, address: str) -> frozenset[str] | None:
    """The ids of the page of the site at `address` (None if it is not one of the site's pages)."""
    if not address.startswith(site_url):
        return None
    path = site / address[len(site_url):].split("?")[0]
    page = path / "index.html" if address.endswith("/") else path
    is_page = page.is_file() and page.suffix == ".html"
    return frozenset(lxml_html.fromstring(page.read_bytes()).xpath("//@id")) if is_page else None


def _is_copy(site: Path, site_url: str, address: str, new_address: str) -> bool:
    """`new_address` is the Traditional site's own copy of the file at `address`, the same bytes."""
    if new_address != address.replace(site_url, site_url + HK, 1) or not address.startswith(site_url):
        return False
    old, new = (site / unquote(a[len(site_url):].split("?")[0]) for a in (address, new_address))
    return old.is_file() and new.is_file() and old.suffix != ".html" and old.read_bytes() == new.read_bytes()


def test_every_address_on_a_traditional_page_leads_where_it_led_on_the_simplified_page(hostile_site):
    site_url = lxml_html.fromstring((hostile_site / "index.html").read_bytes()).xpath("//link[@rel='canonical']/@href")[0]
    simplified_pages = {site_url + _address(path) for path, _ in _page_pairs(hostile_site)}
    ids_at = functools.cache(lambda address: _ids(hostile_site, site_url, address))
    checked = 0
    for simplified, converted in _page_pairs(hostile_site):
        source = _without_offer(lxml_html.fromstring((hostile_site / simplified).read_bytes())).iter(etree.Element)
        twin = _without_note(lxml_html.fromstring((hostile_site / converted).read_bytes())).iter(etree.Element)
        for before, after in zip(source, twin, strict=True):
            for written, moved in zip(_addresses(before), _addresses(after), strict=True):
                address, fragment = _target(site_url, simplified, written)
                new_address, new_fragment = _target(site_url, converted, moved)
                page = address.split("?")[0]
                if page in simplified_pages and before.get("hreflang") is None:  # now its Traditional twin
                    address = address.replace(site_url, site_url + HK, 1)
                address = address.replace("share-zh.png", "share-zh-HK.png")  # the share image of its language
                if new_address != address and _is_copy(hostile_site, site_url, address, new_address):
                    address = new_address  # a file of the theme's assets: each language's site has its copy
                assert new_address == address, (converted, written, moved)
                ids = ids_at(address) if fragment else None
                if ids is not None:  # an anchor of this site: the same element, whatever its id is now
                    old_ids = ids_at(_target(site_url, simplified, written)[0]) or set()
                    assert (fragment in old_ids) == (new_fragment in ids), (converted, written, moved)
                else:
                    assert new_fragment == fragment, (converted, written, moved)
                checked += 1
    assert checked > 2000
    hostile = (hostile_site / "hostile/index.html").read_text("utf-8")  # each kind of address is there
    assert all(kind in hostile for kind in ("srcset=", "<a href='", "<a href=../", "url('", "https://例子.中国/"))


def test_an_address_written_as_text_is_shown_as_written(hostile_site):
    def links(path: str) -> list[str]:
        document = lxml_html.fromstring((hostile_site / path / "index.html").read_bytes())
        return [a.text_content() for a in document.xpath("//article//a[starts-with(text(), 'https://')]")]

    assert links("hostile") == links(HK + "hostile") and "https://例子.中国/学院/" in links(HK + "hostile")


def test_the_hong_kong_pages_use_the_words_the_office_decided(site):
    """data/traditional.yml `words`: 聯絡我們, not the mainland's 聯繫我們; 基本資料; 數碼媒體; 電腦;
    a name holding a word keeps its own form (信息工程學院)."""
    pages = {path: path.read_text("utf-8") for path in (site / "zh-HK").rglob("index.html")}
    text = "\n".join(pages.values())
    for mainland in ("聯繫我們", "基本信息", "數字媒體", "計算機應用"):
        assert mainland not in text, mainland
    contact = lxml_html.fromstring(pages[site / "zh-HK" / "contact" / "index.html"])
    assert contact.xpath("string(//article//h1)").strip().startswith("聯絡我們")
    for word in ("基本資料", "數碼媒體", "電腦應用技術", "信息工程學院"):
        assert word in text, word
    simplified = (site / "contact" / "index.html").read_text("utf-8")
    assert "联系我们" in simplified  # the Simplified pages say what staff wrote


def test_a_hong_kong_word_applies_only_inside_its_phrases_when_it_has_them():
    words = [m.HongKongWord(simplified="项目", traditional="課程", only_in=["软件课程项目"]),
             m.HongKongWord(simplified="信息", traditional="資訊")]
    names = [m.TraditionalName(simplified="信息工程学院", traditional="信息工程學院")]
    converter = Converter("s2hkp", traditional.corrections(names, words, Converter("s2hkp")))
    assert converter.text("软件课程项目与合作项目") == "軟件課程課程與合作項目"
    assert converter.text("信息工程学院发布信息") == "信息工程學院發佈資訊"


def test_the_check_lists_the_mainland_words_the_table_has_not_decided():
    table = m.TraditionalFile(words=[m.HongKongWord(simplified="联系我们", traditional="聯絡我們")])
    places = [("docs/zh/a.md", 3, 1, "请联系我们，或用计算机上网"), ("data/site.yml", 9, 5, "计算机")]
    found = list(traditional.mainland_words(table, places))
    # 联系我们 is decided; 联系 inside it is not a word of its own there, but it is on the line: listed once.
    assert [(p.params["word"], p.file, p.line, p.params["count"]) for p in found] == [
        ("联系", "docs/zh/a.md", 3, 1), ("计算机", "docs/zh/a.md", 3, 2)]
    assert "聯繫" in found[0].message_zh and "聯絡" in found[0].message_en
