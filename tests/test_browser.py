"""The built site in Debian's Chromium: screenshots, real CJK glyphs, search in both languages."""

from __future__ import annotations

import pytest

# Draw two different Han characters with the page's own font; without a CJK font Chromium
# draws the same empty box for both, so identical pixels mean the reader sees boxes.
GLYPH_CHECK = """() => {
  const font = getComputedStyle(document.querySelector('.md-typeset')).fontFamily;
  const draw = (ch) => {
    const c = document.createElement('canvas'); c.width = 64; c.height = 64;
    const g = c.getContext('2d'); g.font = `48px ${font}`; g.fillStyle = '#000';
    g.fillText(ch, 4, 52); return c.toDataURL();
  };
  const blank = (() => { const c = document.createElement('canvas'); c.width = 64; c.height = 64; return c.toDataURL(); })();
  const a = draw('国'), b = draw('际');
  return {distinct: a !== b, inked: a !== blank && b !== blank};
}"""


@pytest.mark.parametrize("lang,path,heading", [
    ("zh", "", "广东工程职业技术学院国际交流与合作"),
    ("en", "en/", "International Exchange and Cooperation at Guangdong Engineering Polytechnic"),
])
def test_home_page_renders_with_real_chinese_glyphs(browser, site_url, artifacts, lang, path, heading):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").first.inner_text().rstrip("¶") == heading
    page.screenshot(path=str(artifacts / f"home-{lang}.png"), full_page=True, animations="disabled")
    assert page.evaluate(GLYPH_CHECK) == {"distinct": True, "inked": True}
    page.close()


@pytest.mark.parametrize("lang,path,query,expected", [
    ("zh", "", "尼尔森", "/partners/nmit/"),
    ("zh", "", "嘉泉大学", "/partners/gachon/"),
    ("en", "en/", "Bellevue", "/en/partners/bellevue/"),
    ("en", "en/", "Shinawatra", "/en/partners/siu/"),
])
def test_search_finds_records_by_chinese_and_english_words(browser, site_url, lang, path, query, expected):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    search.fill(query)
    search.press("End")  # fill() alone does not trigger Material's search
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert any(h.endswith(expected) for h in hrefs), hrefs
    page.close()
