"""Search (Pagefind, jiaoliu/engine/search.py): what readers type finds what they look for, in their
own language only, through the real search box in Chromium; and it costs a page view nothing
until the reader opens it."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
from collections import defaultdict
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import LANG_PREFIX, ROOT, QuietServer, record_paths, written_paths
from jiaoliu.core.traditional import Converter
from jiaoliu.engine import search

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))
# A Hong Kong reader types the same words in Traditional characters, and expects the same pages.
TO_TRADITIONAL = Converter()  # one: each loads OpenCC's dictionaries (a second or so)
QUERIES["zh-HK"] = [{**case, "query": TO_TRADITIONAL.text(case["query"])} for case in QUERIES["zh"]] + QUERIES["zh-HK"]
AXE = Axe()
# Every violation is reported in full; of the rules passed, not applicable or to review by hand,
# which no test reads, axe returns one example each instead of every element (a quarter of its time).
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             "resultTypes": ["violations"]}
SEARCH_FILES = ("/pagefind/", "jiaoliu-search.js")
UNFINDABLE = ["partners/my-institutions/"]  # a placeholder for unnamed institutions, not a partner
OPEN_BUTTON = {"zh": "搜索", "en": "Search", "zh-HK": "搜尋"}
NEW_ZEALAND = {"zh": "新西兰", "en": "New Zealand", "zh-HK": "新西蘭"}


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context
    context.close()


def _open(page, lang: str, site_url: str, path: str = "") -> None:
    page.goto(site_url + LANG_PREFIX[lang] + path)
    page.keyboard.press("/")  # the shortcut: search without a mouse


def _search(page, query: str) -> list[str]:
    """Type as an input method does (the words arrive at once), then a key; the result paths."""
    _type(page, query)
    return _results(page, query)


def _type(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.focus()
    page.keyboard.insert_text(query)
    box.press("End")


def _results(page, query: str) -> list[str]:
    """The result paths, once the search for `query` has ended."""
    page.wait_for_function("q => document.getElementById('jiaoliu-search').dataset.searched === q", arg=query,
                           polling=20, timeout=15000)  # not each frame: a tab in the background draws none
    return page.locator(".md-search-result__link").evaluate_all("links => links.map(a => new URL(a.href).pathname)")


def _language_of(path: str, site_url: str) -> str:
    relative = path.removeprefix(urlsplit(site_url).path)
    return next((lang for lang, prefix in LANG_PREFIX.items() if prefix and relative.startswith(prefix)), "zh")


def test_every_query_of_the_test_set_finds_its_pages_in_the_readers_language(context, site_url):
    """Each language's queries in its own tab, typed side by side: while one tab waits out the
    search box's pause after typing, the others search."""
    tabs = {}
    for lang in LANG_PREFIX:
        assert len(QUERIES[lang]) >= 50
        tabs[lang] = context.new_page()
        _open(tabs[lang], lang, site_url)
    misses = []
    for typed in zip_longest(*(QUERIES[lang] for lang in LANG_PREFIX)):
        cases = [(lang, case) for lang, case in zip(LANG_PREFIX, typed, strict=True) if case is not None]
        for lang, case in cases:
            _type(tabs[lang], case["query"])
        for lang, case in cases:
            misses += _misses(tabs[lang], lang, case, _results(tabs[lang], case["query"]), site_url)
    for page in tabs.values():
        page.close()
    assert misses == [], "\n".join(map(str, misses))


def _misses(page, lang: str, case: dict, paths: list[str], site_url: str) -> list[tuple]:
    """How the results for a case of the query set differ from what it expects."""
    root = urlsplit(site_url).path + LANG_PREFIX[lang]
    relative = [p.removeprefix(root) for p in paths]
    if case.get("none") or "suggest" in case:
        offered = page.locator(".jiaoliu-search__suggest").evaluate("e => e.hidden ? '' : e.textContent")
        if paths or not page.locator(".jiaoliu-search__empty").is_visible():
            return [(lang, case["query"], "nothing", relative[:3])]
        if "suggest" in case and case["suggest"] not in offered:
            return [(lang, case["query"], "offers", case["suggest"], offered)]
        return []
    assert paths and {_language_of(p, site_url) for p in paths} == {lang}, (case, paths)
    misses = [(lang, case["query"], "top 3", expected, relative[:3])
              for expected in case.get("top3", []) if expected not in relative[:3]]
    if "first" in case and relative[:1] != [case["first"]]:
        misses.append((lang, case["query"], "first", case["first"], relative[:3]))
    return misses


@pytest.mark.parametrize("lang", ["zh", "zh-HK"])
def test_a_chinese_word_is_found_whole_not_character_by_character(context, site_url, lang):
    """新西兰 (New Zealand) once listed Shinawatra and two Spanish universities first: every page
    with 西 matched. Now only pages with the word are found, and the word is what is marked; in
    Traditional characters too (Pagefind segments the zh-HK index as Chinese)."""
    page = context.new_page()
    _open(page, lang, site_url)
    paths = _search(page, NEW_ZEALAND[lang])
    marks = set(page.locator(".md-search-result__item mark").all_inner_texts())
    assert marks == {NEW_ZEALAND[lang]}, marks
    assert not any(p.endswith(("/siu/", "/uimp/", "/ujaen/")) for p in paths), paths
    page.close()


def _gz_kb(site: Path, urls: list[str]) -> float:
    """What the files cost on the wire, gzip-compressed (Pagefind's own are compressed already)."""
    total = 0
    for url in set(urls):
        data = (site / urlsplit(url).path.lstrip("/")).read_bytes()
        total += len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))
    return total / 1000


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_a_page_view_loads_nothing_for_search_until_the_reader_opens_it(context, site, site_url, lang):
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + LANG_PREFIX[lang] + "partners/nmit/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert [url for url in requested if any(part in url for part in SEARCH_FILES)] == []
    with page.expect_response(lambda response: "pagefind-entry.json" in response.url):
        page.keyboard.press("s")  # the other shortcut
    _search(page, {"zh": "大学", "en": "university", "zh-HK": "大學"}[lang])  # words of many pages
    page.wait_for_load_state("networkidle")
    loaded = [url for url in requested if any(part in url for part in SEARCH_FILES)]
    assert any(url.endswith("/pagefind/pagefind.js") for url in loaded), loaded
    assert all(url.startswith(site_url) for url in requested), "nothing from another host"
    others = {"zh": ("/en_", "/zh-hk_"), "en": ("/zh_", "/zh-hk_"), "zh-HK": ("/en_", "/zh_")}[lang]
    assert not any(other in url for url in loaded for other in others), "a page loads no other language's index"
    assert _gz_kb(site, loaded) <= 150, "a first search costs at most 150 KB (gzip) on the real site"
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_keyboard_opens_moves_through_and_closes_the_search(context, site_url, lang):
    page = context.new_page()
    _open(page, lang, site_url, "study/")
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert not box.evaluate("el => el === document.activeElement")
    page.keyboard.press("s")
    assert box.evaluate("el => el === document.activeElement")
    paths = _search(page, {"zh": "尼尔森", "en": "Nelson"}[lang])
    page.keyboard.press("ArrowDown")  # to the first result
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    with page.expect_navigation(timeout=10000):
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == paths[0]
    page.close()


@pytest.mark.parametrize("lang", LANG_PREFIX)
@pytest.mark.parametrize("width", [412, 1280])
def test_the_search_works_on_a_phone_and_a_desktop_and_passes_axe(browser, site_url, lang, width, artifacts):
    phone = width < 960
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", is_mobile=phone,
                                  has_touch=phone)
    page = context.new_page()
    page.goto(site_url + LANG_PREFIX[lang] + "partners/")
    button = page.get_by_role("button", name=OPEN_BUTTON[lang], exact=True)
    if width < 960:  # a phone: the header has the button, and the search covers the screen
        button.click()
        assert page.locator("input.md-search__input").evaluate("el => el === document.activeElement")
    else:  # a desktop: the field is in the header, the button is not shown
        assert not button.is_visible()
        page.locator("input.md-search__input").click()
    paths = _search(page, NEW_ZEALAND[lang])
    first = page.locator(".md-search-result__item").first
    assert first.locator(".jiaoliu-search__title").inner_text()
    assert first.locator("mark").count() >= 1  # the words found are marked in the excerpt
    page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
    # The page never widens with search open: every result, its excerpt and the clear button fit.
    assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") == [width, width]
    for part in [*page.locator(".md-search-result__item, .jiaoliu-search__excerpt").all(),
                 page.locator(".jiaoliu-search button[type=reset]")]:
        box = part.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    page.screenshot(path=str(artifacts / f"search-{lang}-{width}.png"))
    violations = AXE.run(page, options=AXE_RULES).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    assert paths
    context.close()


NOTHING = {"zh": "鳄鱼", "en": "zzyzx", "zh-HK": "鱷魚"}  # on no page, nor any part of it
EMPTY_SAYS = {"zh": "本站没有包含“鳄鱼”的页面。", "en": 'No page of this site contains "zzyzx".',
              "zh-HK": "本站沒有包含“鱷魚”的頁面。"}


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_nothing_found_says_so_and_leads_to_the_contact_page_and_the_main_sections(context, site_url, lang):
    page = context.new_page()
    _open(page, lang, site_url, "partners/nmit/")  # a page deeper than the language's home
    assert _search(page, NOTHING[lang]) == []
    assert page.locator(".jiaoliu-search [role=status]").inner_text() == EMPTY_SAYS[lang]
    empty = page.locator(".jiaoliu-search__empty")
    assert empty.is_visible()
    home = site_url + LANG_PREFIX[lang]
    links = empty.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    assert links[0][1] == home + "contact/"
    assert [href for _, href in links[1:]] == [home, home + "study/", home + "partners/", home + "contact/", home + "about/"]
    violations = AXE.run(page, options=AXE_RULES).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    _search(page, NEW_ZEALAND[lang])  # something found: the help is gone
    assert not empty.is_visible()
    page.close()


# Words on no page, of which Pagefind alone found fragments on many (issue 25): "insurance" gave 33
# pages for "in", 学费 five for 学, 医学院 27 for 院校, 日本 five with 日 and 本 apart, 哈佛 one with
# 哈 from 奥马哈; and words inside longer ones that are not the word (scholar, not scholarship).
NOT_ON_THE_SITE = {"en": ["insurance", "canteen", "scholarship", "accommodation"],
                   "zh": ["学费", "奖学金", "日本", "医学院", "哈佛"],
                   "zh-HK": ["學費", "獎學金", "日本", "醫學院", "哈佛"]}


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_what_the_query_set_expects_to_find_nothing_is_on_no_page(site, lang):
    """`none` in tests/search_queries.yml: truly on no page of the language, so an empty result is right."""
    pages = [p.read_text("utf-8").lower() for p in (site / LANG_PREFIX[lang]).rglob("index.html")]
    nothing = [case["query"] for case in QUERIES[lang] if case.get("none")]
    assert len(nothing) >= 5 and not [query for query in nothing if any(query.lower() in page for page in pages)]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_a_word_on_no_page_finds_nothing_not_a_part_of_it(context, site, site_url, lang):
    page = context.new_page()
    _open(page, lang, site_url)
    for query in NOT_ON_THE_SITE[lang]:
        assert not any(query.lower() in p.read_text("utf-8").lower()
                       for p in (site / LANG_PREFIX[lang]).rglob("index.html")), query  # truly on no page
        assert _search(page, query) == [], query
        assert page.locator(".jiaoliu-search__empty").is_visible(), query
    page.close()


# The same words in the two scripts (issue 25): each Chinese site finds the same pages, in the
# same order, whichever the reader types (Traditional on the Simplified site found nothing).
BOTH_SCRIPTS = [("韩国", "韓國"), ("新西兰", "新西蘭"), ("申请", "申請"), ("马来西亚", "馬來西亞"), ("学费", "學費")]


@pytest.mark.parametrize("lang", ["zh", "zh-HK"])
def test_a_query_in_either_chinese_script_finds_the_same_pages(context, site_url, lang):
    page = context.new_page()
    _open(page, lang, site_url)
    for simplified, traditional in BOTH_SCRIPTS:
        found = _search(page, simplified)
        assert _search(page, traditional) == found, (simplified, traditional)
        marks = {mark.strip() for mark in page.locator(".md-search-result__item mark").all_inner_texts()}
        own = simplified if lang == "zh" else traditional
        assert all(mark in own for mark in marks), marks  # what is marked is in the page's script
    assert _search(page, "韓國") and _search(page, "新西蘭")  # found, not two empty lists
    page.close()


# Taiwan's forms of the site's words (OpenCC's phrases, core.searchwords): the same pages, in the same order.
REGIONAL_FORMS = [("新西兰", "紐西蘭"), ("冈比亚", "甘比亞"), ("软件", "軟體")]


@pytest.mark.parametrize("lang", ["zh", "zh-HK"])
def test_taiwan_forms_find_what_the_sites_own_words_find(context, site_url, lang):
    page = context.new_page()
    _open(page, lang, site_url)
    for site_word, taiwan in REGIONAL_FORMS:
        found = _search(page, site_word)
        assert found and _search(page, taiwan) == found, (site_word, taiwan)
    page.close()


HAN = "[\u4e00-\u9fff]"


def test_a_traditional_excerpt_reads_like_the_page_with_labels_apart_from_values(context, site_url):
    """The Traditional excerpts were spaced out character by character (私立大學 ， 創建於 1946 年 。)
    and ran labels into values (類型大學國家或地區泰國)."""
    page = context.new_page()
    _open(page, "zh-HK", site_url)
    _search(page, "馬來西亞")
    excerpts = page.locator(".jiaoliu-search__excerpt").all_inner_texts()
    assert len(excerpts) >= 3
    for text in excerpts:
        assert not re.search(f"{HAN} {HAN} {HAN}", text), text  # no word spaced out
        assert not re.search(f"{HAN} [，。、；：）]|[，。、；：（] {HAN}", text), text  # nor its punctuation
    assert "國家或地區：馬來西亞" in " ".join(excerpts)  # a fact list's label apart from its value
    assert set(page.locator(".md-search-result__item mark").all_inner_texts()) == {"馬來西亞"}
    page.close()


@pytest.mark.parametrize(("lang", "query", "row"), [
    ("en", "Tanzania", "Country or region: Tanzania"), ("zh", "坦桑尼亚", "国家或地区：坦桑尼亚"),
    ("zh-HK", "坦桑尼亞", "國家或地區：坦桑尼亞")])
def test_an_excerpt_from_a_table_reads_as_its_row(context, site_url, lang, query, row):
    """Today's table excerpt in English was "The Gambia. Developer. 6. Yes. Civil Engineering…"."""
    page = context.new_page()
    _open(page, lang, site_url)
    paths = _search(page, query)
    achievements = page.locator(".md-search-result__item", has=page.locator("a[href$='achievements/']"))
    assert any(p.endswith("/achievements/") for p in paths), paths
    assert row in achievements.locator(".jiaoliu-search__excerpt").inner_text()
    page.close()


def test_a_word_with_a_letter_wrong_is_offered_and_finds_the_right_pages(context, site_url):
    page = context.new_page()
    _open(page, "en", site_url)
    right = _search(page, "Malaysia")
    assert right and _search(page, "Malaysai") == []
    offer = page.locator(".jiaoliu-search__suggestion")
    assert page.locator(".jiaoliu-search__suggest").inner_text() == "Did you mean Malaysia?"
    offer.click()
    page.wait_for_function("() => document.getElementById('jiaoliu-search').dataset.searched === 'Malaysia'")
    assert page.locator(".md-search-result__link").evaluate_all("ls => ls.map(a => new URL(a.href).pathname)") == right
    assert _search(page, "Malaysai Thailnd") == [] and page.locator(".jiaoliu-search__suggest").is_visible()
    page.close()


def test_the_hong_kong_pages_say_hong_kongs_word_and_the_mainland_word_finds_it(context, site_url):
    """data/traditional.yml `words`: the contact page is 聯絡我們 on the Traditional site (OpenCC
    wrote the mainland's 聯繫我們), and a reader who types the mainland word still finds it."""
    page = context.new_page()
    _open(page, "zh-HK", site_url, "contact/")
    assert page.locator("article h1").inner_text().startswith("聯絡我們")
    for typed in ("聯繫我們", "联系我们", "聯絡我們"):
        assert _search(page, typed)[:1] == [urlsplit(site_url).path + "zh-HK/contact/"], typed
    assert set(page.locator(".md-search-result__item mark").all_inner_texts()) >= {"聯絡我們"}
    page.close()


def test_result_text_is_shown_as_text_with_only_the_marks_kept(context, site_url):
    # A page's text reaches the results as text, whatever it holds; the marks are our own elements.
    page = context.new_page()
    page.goto(site_url)
    html = page.evaluate("""async (url) => {
      const search = await import(url);
      const text = search.displayText({content: "one two <script>alert(2)</script><img src=y onerror=alert(3)>"
        + "<a href=//evil.test>x</a> &amp;", meta: {}});
      const found = search.matches(text, text.toLowerCase(), search.queryWords("two"));
      return search.resultItem({url: "/partners/nmit/", title: "<img src=x onerror=alert(1)>A & B",
                                excerpt: search.excerpt(text, found)}).outerHTML;
    }""", site_url + "assets/javascripts/jiaoliu-search.js")
    assert "<img" not in html and "<script" not in html and "<a href=//" not in html, html
    assert "&lt;img src=x" in html and "&lt;script&gt;" in html
    assert "<mark>two</mark>" in html and "A &amp; B" in html
    page.close()


class _UnderPath(http.server.SimpleHTTPRequestHandler):
    """The site at /gdep/, as GitHub Pages publishes a project site."""

    def translate_path(self, path: str) -> str:
        return super().translate_path(path.removeprefix("/gdep"))

    def log_message(self, *args) -> None:
        pass


def test_search_results_link_into_a_site_published_under_a_path(context, site):
    server = QuietServer(("127.0.0.1", 0), functools.partial(_UnderPath, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = context.new_page()
        base = f"http://127.0.0.1:{server.server_port}/gdep/"
        _open(page, "en", base, "contact/")
        paths = _search(page, "Nelson")
        assert paths[0] == "/gdep/en/partners/nmit/", paths
        page.close()
    finally:
        server.shutdown()


def _fragments(site: Path) -> dict[str, list[dict]]:
    pages = defaultdict(list)
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        pages[fragment.name.split("_")[0]].append(json.loads(data))
    return pages


def test_each_language_has_its_own_index_of_exactly_the_pages_to_find(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == ["en", "zh", "zh-hk"]  # Pagefind writes a language in lower case
    fragments = _fragments(site)
    for lang in LANG_PREFIX:
        expected = {"/" + LANG_PREFIX[lang] + path for path in written_paths() + record_paths()
                    if path not in UNFINDABLE}
        found = {page["url"] for page in fragments[lang.lower()]}
        assert found == expected, (lang, sorted(found ^ expected))
        assert entry["languages"][lang.lower()]["page_count"] == len(expected)
        for page in fragments[lang.lower()]:
            # What is for checking, not for finding, stays out: the sources block (its citations
            # are on the figures page itself), the marks after names and what they say.
            if page["url"].endswith(("/about/", "/figures/")):
                continue  # these two explain the sources block and the marks in their own text
            for words in ("来源与说明", "來源與說明", "Sources and notes", "§", "†", "‡", "¶", "our translation",
                          "no verified English name"):
                for text in (page["content"], page["meta"]["title"], page["meta"].get("text", "")):
                    assert words not in text, (page["url"], words)
    unused = [p.name for p in (site / "pagefind").iterdir() if "ui" in p.name or "highlight" in p.name]
    assert unused == []
    # Material's own search is gone from the site: its lunr scripts and worker.
    assert not (site / "assets/javascripts/lunr").exists()
    assert not list((site / "assets/javascripts").glob("workers/search*"))


def test_the_traditional_index_reads_simplified_words_and_its_pages_text_is_beside_it(site):
    """A Traditional page is indexed through a copy folded to Simplified (jieba's words, as the
    Simplified pages'); its own text, for the excerpt, is beside the index, not in it."""
    fold = json.loads((site / "pagefind" / search.SEARCH_TABLES).read_text("utf-8"))["zh-HK"]["fold"]
    assert fold["學"] == "学" and fold["國"] == "国"
    for page in _fragments(site)["zh-hk"]:
        assert not set(page["content"]) & set(fold), page["url"]  # folded, character for character
        assert "text" not in page["meta"]  # metadata is indexed too: it would double the index
        text = json.loads((site / "pagefind" / search.TEXTS / page["url"].lstrip("/") / "text.json").read_text("utf-8"))
        assert page["content"].replace("\u200b", "").translate(str.maketrans(fold))[:20] == \
            text.translate(str.maketrans(fold))[:20], page["url"]
    index = {lang: sum(p.stat().st_size for p in (site / "pagefind" / "index").glob(f"{lang}_*")) for lang in ("zh", "zh-hk")}
    assert index["zh-hk"] <= 1.1 * index["zh"], index


def test_an_articles_text_is_read_as_pagefind_reads_it_with_labels_and_rows():
    article = ('<h1 id="x">標題<a class="headerlink" href="#x">¶</a></h1><p>私立大學</p><dl class="jiaoliu-facts">'
               '<div><dt data-pagefind-ignore="index">類型</dt><dd data-jiaoliu-found="類型：" '
               'data-pagefind-index-attrs="data-jiaoliu-found">大學</dd></div></dl><span class="jiaoliu-mark">†</span>'
               '<details class="jiaoliu-sources"><summary>來源</summary></details><p>a &lt;b&gt; &amp; c</p><br><p>完。</p>')
    assert search.article_text(article) == "標題. 私立大學. 類型： 大學 a <b> & c. 完。"


def test_a_failed_index_stops_the_build_with_pagefinds_reason(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(search.SearchIndexError, match="building the search index failed"):
        search.index_site(tmp_path / "empty")  # no pages: Pagefind refuses


def test_a_failure_of_pagefind_fails_the_index_and_leaves_nothing_behind(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "zh-HK").mkdir(parents=True)
    (site / "index.html").write_text(f'<html lang="zh"><body><div {search.BODY}>学院</div></body></html>', "utf-8")
    (site / "zh-HK" / "index.html").write_text(
        f'<html lang="zh-HK"><body><article><div {search.FOLDED}>學院</div></article></body></html>', "utf-8")
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(search.SearchIndexError, match="building the search index failed"):
        search.index_site(site, ["zh-HK"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no bundle folder left beside it
    assert not (site / search.BUNDLE).exists()
