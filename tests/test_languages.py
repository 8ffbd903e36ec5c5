"""One table of languages (mkdocs.yml): a language is added by touching only that table, and its
UI strings and pages if it is written; everything else follows from it."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import build_site, copy_project
from jiaoliu.core.languages import Languages, LanguageTableError
from jiaoliu.engine.languages import read_languages

TAIWAN = """        - locale: zh-TW
          name: 繁體中文（台灣）
          build: false
          extra: {babel: zh_Hant_TW, og_locale: zh_TW, converted_from: zh, opencc: s2twp, offered_to: [zh-TW]}
"""


def _entry(locale: str, **extra: object) -> dict:
    return {"locale": locale, "name": locale, "extra": {"babel": "x", "og_locale": "x", **extra}}


@pytest.mark.parametrize("entries, said", [
    ([_entry("zh"), _entry("en")], "exactly one language must be the default"),
    ([{**_entry("zh"), "default": True}, {**_entry("zh")}], "listed twice"),
    ([{**_entry("zh"), "default": True}, _entry("fr", babel="fr")], "every site writes zh and en: add en"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("zh-TW")], "not the code of a language of its own"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("fil")], "not the code of a language of its own"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("id")], "also a field name of the data"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("qq")], "Babel does not know 'qq'"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("in")], "an old code of the language whose code is now 'id'"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("no")], "write Norwegian as nb"),
    ([{**_entry("zh"), "default": True}, _entry("en"), _entry("fr")], "extra: babel is the locale of its code, babel: fr"),
    ([{**_entry("zh"), "default": True}, _entry("zh-HK", converted_from="yue", opencc="s2hk")], "not a written language"),
    ([{**_entry("zh"), "default": True}, _entry("zh-HK", converted_from="zh")], "names both 'converted_from' and 'opencc'"),
    ([{**_entry("zh"), "default": True}, {"locale": "en", "name": "English"}], "'extra: babel' is missing"),
])
def test_a_table_the_site_cannot_be_built_from_is_refused_saying_why(entries, said):
    with pytest.raises(LanguageTableError, match=said):
        Languages.from_entries(entries)


def test_a_converted_language_added_to_the_table_alone_is_built_everywhere(tmp_path):
    """繁體中文（台灣）, converted from 简体中文 by OpenCC's s2twp: only its entry in mkdocs.yml is added."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  # The site's pages from data/", TAIWAN + "  # The site's pages from data/", 1)
                      .replace("            offered_to: [zh-HK, zh-MO, zh-TW, zh-Hant]", "            offered_to: [zh-HK, zh-MO, zh-Hant]"),
                      "utf-8")
    languages = read_languages(config)
    assert languages.codes == ("zh", "en", "zh-HK", "zh-TW")
    site = build_site(project, tmp_path / "site")
    page = lxml_html.fromstring((site / "zh-TW" / "partners" / "nmit" / "index.html").read_bytes())
    assert page.get("lang") == "zh-TW" and "紐西蘭" in page.text_content()  # Taiwan's forms, not Hong Kong's 新西蘭
    assert page.xpath("//meta[@property='og:locale']/@content") == ["zh_TW"]
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    for lang in ("zh", "en", "zh-HK", "zh-TW", "x-default"):
        assert f'hreflang="{lang}"' in sitemap
    assert page.xpath("//a[@hreflang='zh-TW']/@href") == ["../../../zh-TW/partners/nmit/"]  # the switcher
    simplified = lxml_html.fromstring((site / "partners" / "nmit" / "index.html").read_bytes())
    assert simplified.xpath("//a[@translate='no']/@hreflang") == ["zh", "en", "zh-HK", "zh-TW"]
    assert simplified.xpath("//aside[@lang='zh-TW']/@data-prefers") == ["zh-TW"]  # offered to Taiwan's readers
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    assert len(sitemap) == 4 * 40
    assert "zh-tw" in json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))["languages"]
    assert (site / "zh-TW" / "404.html").is_file()
