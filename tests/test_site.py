"""The real site, built once from the real mkdocs.yml: pages, languages, figures, hosts."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from conftest import LANG_PREFIX, data_file, record_paths, written_paths

raw = data_file


def page_html(site: Path, lang: str, url_path: str):
    path = site / LANG_PREFIX[lang] / url_path / "index.html"
    assert path.is_file(), f"missing page {path.relative_to(site)}"
    return lxml_html.fromstring(path.read_bytes())


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_record_and_page_exists_with_the_right_html_lang(site, lang):
    paths = record_paths() + written_paths()
    assert len(record_paths()) == 19 + 8 + 1  # partners, programmes, and the one annual report
    for url_path in paths:
        document = page_html(site, lang, url_path)
        assert document.get("lang") == lang, url_path


def _switcher_targets(document, page_url: str) -> dict[str, str]:
    links = document.xpath('//div[contains(@class,"md-select")]//a[@hreflang]')
    return {a.get("hreflang"): urljoin(page_url, a.get("href")) for a in links}


@pytest.mark.parametrize("url_path", record_paths() + written_paths())
def test_language_switcher_lands_on_the_same_page(site, url_path):
    base = "http://site.test/"
    for lang in LANG_PREFIX:
        here = urljoin(base, LANG_PREFIX[lang] + url_path)
        targets = _switcher_targets(page_html(site, lang, url_path), here)
        assert set(targets) == set(LANG_PREFIX)
        for other in LANG_PREFIX:
            expected = urljoin(base, LANG_PREFIX[other] + url_path)
            assert targets[other] == expected, f"{lang}:{url_path} switches to {targets[other]}"


def test_every_link_between_pages_is_relative_so_a_build_works_wherever_it_is_served(site):
    """Only what must be absolute is (the canonical address, the share image, the sitemap): a link
    a reader follows never leads to the address the site was built for."""
    site_url = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))[1]
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts or page.name == "404.html":  # the error page is served at any address
            continue
        document = lxml_html.fromstring(page.read_bytes())
        absolute = [a.get("href") for a in document.xpath("//a[@href]") if a.get("href").startswith(site_url)]
        assert not absolute, (page.relative_to(site), absolute)


def test_sitemap_lists_every_page_with_its_alternate(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    expected_per_language = len(record_paths()) + len(written_paths())
    assert len(locations) == len(LANG_PREFIX) * expected_per_language
    assert "None" not in sitemap
    site_url = locations[0]
    assert set(locations) == {site_url + prefix + path for prefix in LANG_PREFIX.values()
                              for path in record_paths() + written_paths()}
    # Each page lists itself and its twins in every language, and the default language's as
    # x-default: the site's hreflang links (the pages carry none in their head: Material would fetch
    # a sitemap for each, on every page view).
    for block in re.findall(r"<url>.*?</url>", sitemap, re.S):
        links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
        assert set(links) == {*LANG_PREFIX, "x-default"} and re.search(r"<loc>([^<]+)</loc>", block)[1] in links.values()
        assert links["x-default"] == links["zh"]


def _independent_figures() -> dict[str, int]:
    partners = raw("partners.yml")["partners"]
    programmes = raw("programmes.yml")["programmes"]
    achievements = raw("achievements.yml")
    bases = raw("bases.yml")["bases"]
    figures = {f["id"]: f for f in raw("reports/2023.yml")["figures"]}  # what the report states
    return {
        "partners-signed": sum(any(a["year"] == 2023 for a in p.get("agreements", [])) for p in partners),
        "partner-countries": len({p["country"] for p in partners if p.get("country")}),
        "joint-programmes": sum(p["status"] == "running" and p["kind"] != "specialty_group"
                                for p in programmes),
        "curriculum-standards": sum(s.get("count", 1) for s in achievements["standards"]
                                    if s["kind"] == "curriculum"),
        "training-bases": sum(b["kind"] == "training_base" for b in bases),
        "international-students": figures["international-students"]["reported"][0]["value"],
        # Contested by the report itself: on their topic page, never on the home page.
        "awards": len(achievements["awards"]),
        "occupational-standards": sum(s.get("count", 1) for s in achievements["standards"]
                                      if s["kind"] == "occupational"),
    }


def _shown_figures(document) -> dict[str, int]:
    return {el.get("data-figure"): int(el.text_content().replace(",", ""))
            for el in document.xpath('//*[@data-figure]')}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_key_figures_equal_what_the_records_give(site, lang):
    expected = _independent_figures()
    home = [f["id"] for f in raw("figures.yml")["figures"] if f.get("home")]
    assert home == ["partners-signed", "partner-countries", "joint-programmes", "curriculum-standards",
                    "training-bases", "international-students"]
    document = page_html(site, lang, "")
    assert _shown_figures(document) == {figure: expected[figure] for figure in home}
    # No source lines on the home page outside its collapsed sources block.
    assert "§" not in reader_path_text(document)
    # The known contradictions of the report are shown on their topic page, not hidden.
    topic = _shown_figures(page_html(site, lang, "achievements"))
    assert (topic["awards"], topic["occupational-standards"]) == (expected["awards"], expected["occupational-standards"]) == (8, 3)


SOURCES_BLOCK = "//article//details[contains(concat(' ', @class, ' '), ' jiaoliu-sources ')]"
CAVEATS = ("Counted from the records", "由网站记录统计", "§", "different number", "数字不同", "As reported",
           "报告所述", "inferred", "推断", "To be confirmed", "有待", "Editor's note", "编者注",
           "Written in the report as", "报告中写作", "Not stated in the report", "报告未写明的信息")


def reader_path_text(document) -> str:
    """The article's text without its collapsed sources block."""
    article = document.xpath("//article")[0]
    for block in article.xpath(SOURCES_BLOCK.replace("//article", ".")):
        block.drop_tree()
    return article.text_content()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_citations_and_caveats_are_one_click_away_not_in_the_way(site, lang):
    """Every page built from data keeps its report citations and caveats, all in one collapsed
    block at the end: none in the reader's path (the figures page and the report itself excepted)."""
    cited = 0
    for url_path in written_paths() + record_paths():
        document = page_html(site, lang, url_path.rstrip("/"))
        blocks = document.xpath(SOURCES_BLOCK)
        if url_path in ("figures/", "report/2023/"):
            continue
        citations = [a for a in document.xpath("//article//a[contains(@href, 'report/2023/#')]")]
        if url_path != "contact/":
            assert len(blocks) == 1 and blocks[0].get("open") is None, url_path  # collapsed by default
            assert blocks[0].getparent().tag == "article" or blocks[0].xpath("ancestor::article"), url_path
        inside = [a for a in citations if a.xpath("ancestor::details[contains(@class, 'jiaoliu-sources')]")]
        assert inside == citations, (url_path, [a.text_content() for a in citations if a not in inside])
        cited += len(citations)
        text = reader_path_text(document)
        for words in CAVEATS:
            assert words not in text, (url_path, words)
    assert cited > 60


def test_the_report_marks_its_editors_notes_with_numbers(site):
    for lang in ("zh", "en"):
        document = page_html(site, lang, "report/2023")
        refs = document.xpath("//article//sup/a[contains(@class, 'footnote-ref')]")
        notes = document.xpath(SOURCES_BLOCK + "//div[contains(@class, 'footnote')]//li")
        assert len(refs) == len(notes) >= 7, lang
        assert "编者注" not in reader_path_text(document) and "Editor's note" not in reader_path_text(document)


def test_the_english_figures_page_quotes_the_report_in_english_with_the_chinese_one_click_away(site):
    """Each statement on an English page is in the site's English translation; its Chinese
    original is its numbered note, in the page's sources block; a Chinese page quotes the original."""
    statements = [s for f in raw("reports/2023.yml")["figures"] for s in f.get("reported", [])]
    english = page_html(site, "en", "figures")
    said = english.xpath("//dt[.='What the report says']/following-sibling::dd")
    assert said and not any(HAN_CHARACTER.search(dd.text_content()) for dd in said)
    text = english.text_content()
    for statement in statements:
        assert f"“{statement['en']}”" in text
        assert f"The Chinese original: “{statement['verbatim']}”" in text
    refs = {a.get("href").removeprefix("#") for dd in said for a in dd.xpath(".//a[contains(@class,'footnote-ref')]")}
    notes = set(english.xpath(SOURCES_BLOCK + "//div[contains(@class,'footnote')]//li/@id"))
    assert len(refs) == len(statements) and refs <= notes
    chinese = page_html(site, "zh", "figures")
    assert not chinese.xpath("//dd//a[contains(@class,'footnote-ref')]")
    assert all(f"“{s['verbatim']}”" in chinese.text_content() for s in statements)


def test_a_count_takes_its_units_plural_form(site):
    """English says "1 campus" and "3 bases": the unit's form for one, by CLDR's rule, never by hand."""
    text = " ".join(page_html(site, "en", "exchanges").text_content().split())
    assert "1 lecturer" in text and "1 lecturers" not in text and "9 teachers" in text
    figures = " ".join(page_html(site, "en", "figures").text_content().split())
    assert "1 campus (2023)" in figures and "3 bases (2023)" in figures and "1 campuses" not in figures


def test_reported_totals_are_quoted_with_their_sections(site):
    for lang, words in (("zh", ["16", "30", "§一", "§二（二）4"]), ("en", ["16", "30", "§I", "§II (2) 4"])):
        text = page_html(site, lang, "figures").text_content()
        for word in words:
            assert word in text, (lang, word)


FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
           "audio": "src", "embed": "src", "object": "data", "link": "href"}
NOT_FETCHED_LINK_RELS = {"canonical", "alternate"}


def test_no_page_requests_anything_from_another_host(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 70
    for path in pages:
        document = lxml_html.fromstring(path.read_bytes())
        for tag, attribute in FETCHED.items():
            for element in document.iter(tag):
                value = element.get(attribute) or ""
                if tag == "link" and set((element.get("rel") or "").split()) & NOT_FETCHED_LINK_RELS:
                    continue
                assert not urlsplit(value).netloc and not value.startswith("//"), (path, tag, value)
        for element in document.xpath("//*[@srcset or @style]"):
            assert "http" not in (element.get("srcset") or "") + (element.get("style") or ""), path
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text("utf-8")), css
        assert "@import" not in css.read_text("utf-8") or "http" not in css.read_text("utf-8"), css


def test_chinese_headings_get_readable_anchors(site):
    document = page_html(site, "zh", "achievements")
    ids = [h.get("id") for h in document.xpath("//h2[@id]")]
    assert "国际竞赛获奖" in ids
    assert not any(re.fullmatch(r"_\d+", i or "") for i in ids)


def test_unverified_names_are_marked_not_invented(site):
    zh = page_html(site, "zh", "partners/yinghao-mm").text_content()
    en = page_html(site, "en", "partners/yinghao-mm").text_content()
    assert "英豪多媒体学院" in en and "no verified English name" in en
    assert "暂无核实的英文名称" in zh
    # A reader of English can read it aloud: its pinyin, syllable by syllable and said to be
    # pinyin, never joined into what could pass for an official English name.
    assert "英豪多媒体学院 (Ying Hao Duo Mei Ti Xue Yuan)" in en and "the Chinese name, with its pinyin" in en
    assert "Yinghao" not in en
    directory = page_html(site, "en", "partners").text_content()
    assert "英豪专业教育学院 (Ying Hao Zhuan Ye Jiao Yu Xue Yuan)" in directory


def test_report_keeps_its_numbering_gap_and_marks_corrections(site):
    for lang, gap_note in (("zh", "没有第 8 项"), ("en", "there is no item 8")):
        document = page_html(site, lang, "report/2023")
        ids = set(document.xpath("//*[@id]/@id"))
        assert {"s2-2-7", "s2-2-9"} <= ids and "s2-2-8" not in ids
        text = document.text_content()
        assert gap_note in text
        assert text.count("编者注" if lang == "zh" else "Editor's note") >= 7
    zh_text = page_html(site, "zh", "report/2023").text_content()
    assert "酒店管理与数字化运营，于 2023 年度" in zh_text
    # Re-flowed: no PDF line break left inside a word.
    assert "习近平" in zh_text and "马来西亚拉曼技职学院" in zh_text


def test_every_report_citation_resolves_to_a_report_anchor(site):
    anchors = {lang: set(page_html(site, lang, "report/2023").xpath("//*[@id]/@id")) for lang in LANG_PREFIX}
    checked = 0
    for lang, prefix in LANG_PREFIX.items():
        for path in (site / prefix).rglob("index.html") if prefix else site.glob("**/index.html"):
            if not prefix and path.relative_to(site).parts[0] + "/" in LANG_PREFIX.values():
                continue
            document = lxml_html.fromstring(path.read_bytes())
            for href in document.xpath('//article//a/@href'):
                target = posixpath.normpath(posixpath.join(str(path.parent.relative_to(site)), href.split("#")[0]))
                if "#" in href and target.endswith("report/2023"):
                    assert href.split("#", 1)[1] in anchors[lang], (path, href)
                    checked += 1
    assert checked > 50


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_directory_lists_partners_without_placeholders_or_gaps(site, lang):
    directory = page_html(site, lang, "partners")
    text = directory.xpath("//article")[0].text_content()
    assert {"zh": "其他合作院校", "en": "Other partners"}[lang] in text  # Yinghao: country not known
    assert {"zh": "国家或地区未知", "en": "Country or region unknown"}[lang] not in text
    links = directory.xpath("//article//a/@href")
    assert any(h.endswith("yinghao-mm/") for h in links)
    assert not any("my-institutions" in h for h in links)  # a placeholder, not a partner
    # It is met on the page of the bases it belongs to (and is not a search result: test_search.py).
    assert any("my-institutions" in h for h in page_html(site, lang, "campus-and-bases").xpath("//article//a/@href"))
    # A partner page leaves out what is not known instead of listing it as a gap.
    partner = page_html(site, lang, "partners/yinghao-mm").xpath("//article")[0].text_content()
    for gap in ("Not known", "not stated", "Country or region unknown", "Not verified", "国家或地区未知", "未核实"):
        assert gap not in partner, gap


BADGES = ("our translation", "no verified English name")


def test_name_marks_stay_out_of_the_table_of_contents_and_headings(site):
    marked = 0
    for url_path in written_paths() + record_paths():
        document = page_html(site, "en", url_path.rstrip("/"))
        marks = document.xpath("//article//sup[contains(@class, 'jiaoliu-mark')]")
        chips = document.xpath("//article//*[contains(@class, 'jiaoliu-badge--translated') or "
                               "contains(@class, 'jiaoliu-badge--unverified')]")
        marked += len(marks) + len(chips)
        # Small marks after names, explained once per page; the words only under a record's title
        # (or a heading on the bases page, which must stay plain).
        assert len(document.xpath("//article//*[contains(@class, 'jiaoliu-marks-note')]")) == (1 if marks else 0)
        assert len(chips) <= 1 or url_path == "campus-and-bases/", (url_path, len(chips))
        toc = " ".join(document.xpath("//nav[contains(@class, 'md-nav--secondary')]//text()"))
        headings = " ".join(h.text_content() for h in document.xpath("//article//h1 | //article//h2 | //article//h3"))
        for badge in BADGES:
            assert badge not in toc and badge not in headings, (url_path, badge)
    assert marked > 10  # the marks are still there, next to the names (search titles: test_search.py)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_programme_pages_say_who_they_are_for_only_as_far_as_the_report_does(site, lang):
    who = {"zh": "招生对象", "en": "Who it is for"}[lang]
    group = page_html(site, lang, "programmes/group-mechatronics")
    terms = group.xpath("//article//dl[contains(@class,'jiaoliu-facts')]//dt")
    facts = {dt.text_content(): dt.getnext().text_content() for dt in terms}
    assert facts[who] == {"zh": "国际学生（学校已获得招收国际学生资质）",
                          "en": "International students (the college is authorised to admit them)"}[lang]
    # The report does not say whom the Sino-foreign programme admits: no claim, but a pointer to
    # where international students can study.
    nmit = page_html(site, lang, "programmes/nmit-construction")
    assert who not in nmit.xpath("//article")[0].text_content()
    assert nmit.xpath("//article//a[contains(@href, 'study/')]")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_partner_page_leads_with_what_the_partnership_offers(site, lang):
    text = " ".join(page_html(site, lang, "partners/nmit").xpath("//article")[0].text_content().split())
    programme = {"zh": "建筑工程技术", "en": "Construction Engineering Technology"}[lang]
    agreement = {"zh": "2023 年签署", "en": "signed in 2023"}[lang]
    assert text.index(programme) < text.index("268") < text.index(agreement)


TOPIC_PAGES = ["achievements", "campus-and-bases", "exchanges", "hong-kong-macao", "study", "programmes", "partners"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_topic_pages_sources_link_to_the_figures_page(site, lang):
    for url_path in TOPIC_PAGES:
        links = page_html(site, lang, url_path).xpath(SOURCES_BLOCK + "//a/@href")
        assert any(href.rstrip("/").endswith("figures") for href in links), url_path


HAN_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _language_of(element) -> str:
    """The language an element's text is in: its own `lang`, or its nearest ancestor's."""
    while element is not None:
        if element.get("lang"):
            return element.get("lang")
        element = element.getparent()
    return ""


@pytest.mark.parametrize("url_path", record_paths() + written_paths())
def test_chinese_on_an_english_page_says_it_is_chinese(site, url_path):
    """WCAG 3.1.2: a Chinese name or a quote from the report on an English page is marked as
    Chinese, so that a screen reader reads it in Chinese and the browser draws it in a Chinese font."""
    article = page_html(site, "en", url_path).xpath("//article")[0]
    unmarked = [(text.strip()[:30], _language_of(owner)) for element in article.iter() if isinstance(element.tag, str)
                for text, owner in ((element.text, element), (element.tail, element.getparent()))
                if text and HAN_CHARACTER.search(text) and not _language_of(owner).startswith("zh")]
    assert unmarked == []


# --- figures that cannot mislead (issue 26, point 4) ----------------------------------------------


def _page(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_bytes())


def test_a_figure_shared_by_several_programmes_says_so_on_each(site):
    """The 67 students of the first summer intake are those of the three credit-recognition
    programmes together: each of their pages says so, and no other card claims it."""
    sharing = [p["id"] for p in data_file("programmes.yml")["programmes"]
               if "credit-recognition-intake" in p.get("key_figures", [])]
    assert len(sharing) == 3
    for lang, words in (("en", "total for all 3 programmes"), ("zh", "3 个项目合计"), ("zh-HK", "3 個項目合計")):
        for programme in sharing:
            card, = _page(site, f"{LANG_PREFIX[lang]}programmes/{programme}").xpath(
                "//li[.//*[@data-figure='credit-recognition-intake']]")
            assert words in card.text_content(), (lang, programme)
    for page in (site / "en").rglob("index.html"):  # and no other card, on any page, says it
        for card in lxml_html.fromstring(page.read_bytes()).xpath("//li[.//*[@data-figure]]"):
            shared = card.xpath(".//*[@data-figure='credit-recognition-intake']") and "/programmes/" in page.as_posix()
            assert ("total for all" in card.text_content()) == bool(shared), page


def test_awards_the_report_does_not_tell_apart_are_one_row_with_their_number(site):
    """Two gold and two silver medals at one competition: a row each for gold and silver, with
    their number, never rows that look alike."""
    table, = _page(site, "en/achievements").xpath("//article//table[.//th[contains(., 'Competition')]]")
    rows = [tuple(td.text_content().strip() for td in tr.xpath("./td")) for tr in table.xpath(".//tbody/tr")]
    assert len(rows) == len(set(rows))
    iiic = sorted(row[1:] for row in rows if "(IIIC)" in row[0])
    assert iiic == [("Gold award", "2", "2023"), ("Silver award", "2", "2023")]
    awards = data_file("achievements.yml")["awards"]
    assert sum(int(row[2]) for row in rows) == len(awards)


INSTITUTIONS = {"university", "polytechnic", "college", "tvet_institute"}


def test_the_directory_lists_institutions_apart_from_organisations_and_schemes(site):
    """A reader counting institutions counts only institutions: companies, associations,
    statutory bodies and schemes are under a heading of their own."""
    listed = [p for p in data_file("partners.yml")["partners"] if p["kind"] != "unnamed"]
    kinds = {p["id"]: p["kind"] for p in listed}
    others = sum(kind not in INSTITUTIONS for kind in kinds.values())
    assert others and others < len(listed)
    for lang, first, second in (("en", "Institutions", "Companies, organisations and schemes"),
                                ("zh", "院校", "企业、机构与计划")):
        article, = _page(site, f"{LANG_PREFIX[lang]}partners").xpath("//article")
        headings = [h.text_content().strip("¶ ") for h in article.xpath(".//h2")]
        assert headings[:2] == [f"{first} ({len(listed) - others})" if lang == "en" else f"{first}（{len(listed) - others}）",
                                f"{second} ({others})" if lang == "en" else f"{second}（{others}）"], headings
        section = None
        for element in article.iter("h2", "a"):
            if element.tag == "h2":
                section = element.text_content()
            elif element.get("href", "").count("/") == 1 and element.get("href").rstrip("/") in kinds:
                assert (kinds[element.get("href").rstrip("/")] in INSTITUTIONS) == section.startswith(first), element.get("href")


def test_what_the_report_does_not_give_is_marked_where_it_is_shown(site):
    """The About page says partners' cities and websites come from public sources, and each
    partner page that shows one says so in its sources block (issue 26, point 6)."""
    about = _page(site, "en/about").xpath("string(//article)")
    assert "not their cities or websites" in about and "public sources" in about
    for partner in data_file("partners.yml")["partners"]:
        shown = [name for name in ("city", "website") if partner.get(name)]
        for lang, words in (("en", "not in the report"), ("zh", "不是报告中的信息")):
            sources = _page(site, f"{LANG_PREFIX[lang]}partners/{partner['id']}").xpath(
                "string(//details[contains(@class, 'jiaoliu-sources')])")
            assert (words in sources) == bool(shown), (lang, partner["id"])
