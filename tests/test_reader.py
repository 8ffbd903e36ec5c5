"""The site as a reader meets it, in Chromium over HTTP: every page in both languages, the
language switcher, a phone, the keyboard, accessibility (axe) and the 404 page."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import CHROMIUM, LANG_PREFIX, browser_page_paths, first_record_of_each_kind, written_paths

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

LATIN_FONTS = "/usr/share/fonts/truetype/dejavu"
AXE = Axe()
# Every violation is reported in full; of the rules passed, not applicable or to review by hand,
# which no test reads, axe returns one example each instead of every element (a quarter of its time).
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             "resultTypes": ["violations"]}


DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 412, "height": 915}
# On a phone's width: nothing wider than the screen, no table clipped or scrolling, table text ≥ 14 px.
LAYOUT_CHECK = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed'
      && !e.closest('.md-sidebar, .md-search, [hidden], .md-tooltip, .md-select__inner, .md-nav');
  }).map(e => e.tagName + '.' + e.className);
  const clipped = [...document.querySelectorAll('article table')]
    .filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > width + 1)
    .map(t => t.className);
  const small = [...document.querySelectorAll('article td, article th')]
    .filter(c => c.offsetParent !== null && parseFloat(getComputedStyle(c).fontSize) < 14)
    .map(c => c.textContent.slice(0, 30));
  return {wide, clipped, small, scroll: document.documentElement.scrollWidth - width};
}"""


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    yield context
    context.close()


class Watch:
    """Console errors, failed requests and requests to other hosts, while a page is open."""

    def __init__(self, page, site_url: str):
        self.host = urlsplit(site_url).netloc
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", self._request)
        self.pending, self.last = set(), time.monotonic()
        page.on("requestfinished", lambda r: self.pending.discard(r))
        page.on("requestfailed", lambda r: self.pending.discard(r))

    def _request(self, request) -> None:
        self.last = time.monotonic()
        self.pending.add(request)
        if urlsplit(request.url).netloc not in ("", self.host) and not request.url.startswith("data:"):
            self.problems.append(f"other host: {request.url}")

    def settle(self, page, quiet_ms: int = 150) -> None:
        """Loaded, no request under way and none started for `quiet_ms`: Playwright's networkidle
        with a shorter quiet time (it waits 500 ms on each page: a minute and a half of the suite),
        counted from the last request (the favicon's, just after the load), not in fixed windows."""
        page.wait_for_load_state("load")
        while True:
            waited = (time.monotonic() - self.last) * 1000
            if not self.pending and waited >= quiet_ms:
                return
            page.wait_for_timeout(max(quiet_ms - waited, 20))


def _lang_of(path: str) -> str:
    return next((lang for lang, prefix in LANG_PREFIX.items() if prefix and path.startswith(prefix)), "zh")


# Where the switcher is tried from each language: zh → en, en → zh, and the converted pages back
# to the Simplified original.
SWITCH_TO = {"zh": "en", "en": "zh", "zh-HK": "zh"}


def _counterpart(path: str) -> tuple[str, str]:
    lang = _lang_of(path)
    other = SWITCH_TO[lang]
    return other, LANG_PREFIX[other] + path.removeprefix(LANG_PREFIX[lang])


def _switcher_sample() -> frozenset[str]:
    """The pages where the switcher is clicked as a reader would: the home page, a hand-written
    page and the first page of each kind of record, in each language. Its links on every page of
    every language are checked without a browser (test_site.test_language_switcher_lands_on_the_same_page)."""
    return frozenset(LANG_PREFIX[lang] + path for lang in LANG_PREFIX for path in ("", "about/", *first_record_of_each_kind()))


SWITCHER_SAMPLE = _switcher_sample()


# Colour contrast, most of axe's time, comes from the stylesheet and the classes the templates and
# partials give, alike in every language (jiaoliu.css varies only fonts and sizes by language): checked
# on every hand-written page and the first page of each kind of record in the default language, on
# the home page of every language, and on any other page with a class none of those has (a badge of
# another status); the other pages get every other rule.
CONTRAST_BASE = frozenset({*(LANG_PREFIX[lang] for lang in LANG_PREFIX),
                           *written_paths(), *first_record_of_each_kind()})
WITHOUT_CONTRAST = {**AXE_RULES, "rules": {"color-contrast": {"enabled": False}}}
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def pages_for_contrast(classes: dict[str, set[str]], base: frozenset[str]) -> frozenset[str]:
    """The base pages, and each other page (in order) with a class none taken before has."""
    seen: set[str] = set().union(*(classes[path] for path in base if path in classes))
    sample = set(base)
    for path, names in classes.items():
        if not names <= seen:
            sample.add(path)
            seen |= names
    return frozenset(sample)


@pytest.fixture(scope="module")
def contrast_sample(site) -> frozenset[str]:
    classes = {path: {name for value in CLASS_ATTRIBUTE.findall((site / path / "index.html").read_text("utf-8"))
                      for name in value.split()} for path in browser_page_paths()}
    return pages_for_contrast(classes, CONTRAST_BASE)


def test_colour_contrast_is_checked_on_a_page_of_every_class():
    classes = {"a/": {"x", "y"}, "b/": {"x"}, "c/": {"x", "badge--closed"}, "d/": {"badge--closed"}}
    assert pages_for_contrast(classes, frozenset({"a/"})) == {"a/", "c/"}


def test_the_switcher_sample_is_among_the_pages_opened():
    assert len(SWITCHER_SAMPLE) == 3 * 5 and set(browser_page_paths()) >= SWITCHER_SAMPLE


@pytest.fixture(scope="module")
def tab(context, site_url):
    """One tab for the pages opened one after another, as a reader moves through the site: a page
    opened in the same tab reuses its renderer, warm (axe's code compiled), in under half the time
    of a new tab each."""
    page = context.new_page()
    # axe-core (half a megabyte) given to the tab once, which runs it on each page as it opens,
    # rather than sent through Playwright for every page (a fifth of the test's time).
    page.add_init_script(AXE.axe_script)
    yield page, Watch(page, site_url)
    page.close()


@pytest.mark.parametrize("path", browser_page_paths())
def test_page_is_clean_accessible_and_switches_language(tab, site_url, contrast_sample, path):
    page, watch = tab
    watch.problems.clear()
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + path)
    lang = _lang_of(path)
    assert page.locator("html").get_attribute("lang") == lang
    rules = AXE_RULES if path in contrast_sample else WITHOUT_CONTRAST
    violations = page.evaluate("options => axe.run(document, options)", rules)["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    page.set_viewport_size(PHONE)  # the same page on a phone (412 px), laid out again
    assert page.evaluate(LAYOUT_CHECK) == {"wide": [], "clipped": [], "small": [], "scroll": 0}
    page.set_viewport_size(DESKTOP)
    watch.settle(page)  # what the page asked for after its load (the favicon) is counted too
    if path in SWITCHER_SAMPLE:  # the switcher, used as a reader would: open it, choose another language
        other, counterpart = _counterpart(path)
        page.locator(".md-header .md-select").hover()
        page.locator(f'.md-select__link[hreflang="{other}"]').click()
        page.wait_for_load_state()
        assert page.url == site_url + counterpart
        assert page.locator("html").get_attribute("lang") == other
        watch.settle(page)
    assert watch.problems == []


def test_a_missing_page_is_answered_in_the_readers_language(context, site_url):
    """GitHub Pages serves the root 404.html everywhere: a missing English address gets the
    English page (header, menu, title), with the address asked for still in the address bar."""
    for missing, lang, title, site_name, home in (
            ("no-such-page/", "zh", "找不到页面", "广东工程职业技术学院 · 国际交流与合作", "English"),
            ("en/partners/no-such-partner/", "en", "Page not found", "GDEP International Exchange and Cooperation",
             "简体中文"),
            ("zh-HK/no-such-page/", "zh-HK", "找不到頁面", "廣東工程職業技術學院 · 國際交流與合作", "简体中文")):
        page = context.new_page()
        response = page.goto(site_url + missing)
        assert response.status == 404
        page.wait_for_url(site_url + missing)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.title() == f"{title} - {site_name}"
        assert page.locator("article h1").inner_text().rstrip("¶") == title
        assert AXE.run(page, options=AXE_RULES).response["violations"] == []
        page.locator("article").get_by_role("link", name=home, exact=True).click()
        page.wait_for_load_state()
        assert page.url == site_url + ("en/" if home == "English" else "")
        page.close()


def test_keyboard_skip_link_focus_ring_and_language_switcher(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({cls: document.activeElement.className, href: document.activeElement.getAttribute('href')})")
    assert "md-skip" in focused["cls"] and focused["href"].startswith("#")
    assert page.locator("a.md-skip").is_visible()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for _ in range(30):  # Tab on until the switcher's English link; Enter follows it
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('hreflang')") == "en":
            break
    else:
        pytest.fail("the language switcher cannot be reached with the keyboard")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    with page.expect_navigation(timeout=10000):
        page.keyboard.press("Enter")
    assert page.url == site_url + "en/"
    page.close()


@pytest.fixture()
def phone(browser, playwright_instance):
    context = browser.new_context(**playwright_instance.devices["Pixel 7"], locale="zh-CN")
    yield context
    context.close()


def _no_horizontal_overflow(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_menu_reaches_partners_and_a_partner_without_overflow(phone, site_url, artifacts):
    page = phone.new_page()
    page.goto(site_url)
    assert _no_horizontal_overflow(page)
    page.locator('label.md-header__button[for="__drawer"]').click()
    group = page.locator(".md-nav--primary label.md-nav__link", has_text="国际合作")  # a menu group
    group.wait_for(state="visible")
    group.click()
    drawer_link = page.locator(".md-nav--primary a.md-nav__link", has_text="合作院校与机构")
    drawer_link.wait_for(state="visible")
    drawer_link.click()
    page.wait_for_load_state()
    assert page.url == site_url + "partners/"
    assert _no_horizontal_overflow(page)
    page.locator("article a[href$='nmit/']").first.click()
    page.wait_for_load_state()
    assert page.url == site_url + "partners/nmit/"
    assert _no_horizontal_overflow(page)
    for path in ("en/", "en/partners/", "report/2023/", "en/figures/", "en/programmes/nmit-construction/"):
        page.goto(site_url + path)
        assert _no_horizontal_overflow(page), path
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_desktop_and_phone(browser, playwright_instance, site_url, artifacts, lang):
    devices = {"desktop": {"viewport": {"width": 1280, "height": 900}},
               "phone": playwright_instance.devices["Pixel 7"]}
    for name, options in devices.items():
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(site_url + LANG_PREFIX[lang])
        page.wait_for_load_state("networkidle")
        path = artifacts / f"home-{lang}-{name}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        assert path.stat().st_size > 20_000
        assert page.evaluate(GLYPH_CHECK) == {"distinct": True, "inked": True}  # not boxes
        heading = page.locator("h1").first.inner_text().rstrip("¶")
        assert heading == {"zh": "国际交流与合作", "en": "International exchange and cooperation"}[lang]
        context.close()


ENTRIES = {"zh": ["来校学习", "与我们合作", "港澳学生", "联系我们"],
           "en": ["Study here", "Partner with us", "Hong Kong and Macao students", "Contact us"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_shows_the_headline_and_every_way_in_without_scrolling(browser, site_url, artifacts, lang):
    """412 × 915, the English notice showing too (the worst case): all in the first screen, and
    contact and how to apply one tap away."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, device_scale_factor=2.625,
                                  is_mobile=True, has_touch=True, locale="en-GB")
    page = context.new_page()
    page.goto(site_url + LANG_PREFIX[lang])
    page.screenshot(path=str(artifacts / f"home-first-screen-{lang}-412.png"), animations="disabled")
    for locator in [page.locator(".jiaoliu-hero h1"), page.locator(".jiaoliu-hero__lead"),
                    *[page.locator(".jiaoliu-hero__ways a", has_text=text).first for text in ENTRIES[lang]]]:
        box = locator.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 915, (lang, locator, box)
    page.locator(".jiaoliu-hero__ways a", has_text=ENTRIES[lang][3]).click()
    page.wait_for_load_state()
    assert page.url == site_url + LANG_PREFIX[lang] + "contact/"
    page.go_back()
    page.locator(".jiaoliu-hero__ways a", has_text=ENTRIES[lang][0]).click()
    page.wait_for_load_state()
    assert page.url == site_url + LANG_PREFIX[lang] + "study/"
    context.close()


@pytest.mark.parametrize("locale,shown", [("en-GB", True), ("sw-TZ", True), ("km-KH", True), ("fr-FR", True),
                                          ("zh-CN", False), ("zh-HK", False)])
def test_readers_without_chinese_are_offered_the_english_site(browser, site_url, locale, shown):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("""
      window.__shift = 0;
      new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shift += e.value; })
        .observe({type: 'layout-shift', buffered: true});
    """)
    page.goto(site_url + "partners/nmit/")
    page.wait_for_load_state("networkidle")
    notice = page.locator("#jiaoliu-english-notice")
    assert notice.is_visible() is shown
    assert page.url == site_url + "partners/nmit/"  # offered, never redirected
    assert page.evaluate("() => window.__shift") < 0.01  # no flicker: nothing moves after paint
    if shown:
        assert notice.locator("a").get_attribute("href").endswith("/en/partners/nmit/")
        notice.locator("button").click()
        assert not notice.is_visible()
        page.reload()
        assert not page.locator("#jiaoliu-english-notice").is_visible()  # dismissed stays dismissed
    context.close()


def test_the_glyph_check_sees_boxes_when_chinese_fonts_are_missing(playwright_instance, site_url, tmp_path):
    """The check above can fail: the same Chromium, allowed only a Latin font (DejaVu), sees boxes."""
    latin_only = tmp_path / "fonts.conf"
    assert Path(LATIN_FONTS).is_dir(), "fonts-dejavu-core is missing (./scripts/test installs it)"
    latin_only.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{LATIN_FONTS}</dir>\n"
        f"  <cachedir>{tmp_path / 'fontconfig-cache'}</cachedir>\n</fontconfig>\n", "utf-8")
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"],
        env={**os.environ, "FONTCONFIG_FILE": str(latin_only)})
    try:
        page = browser.new_page()
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate(GLYPH_CHECK) == {"distinct": False, "inked": True}  # the same box twice
    finally:
        browser.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_are_collapsed_and_one_tap_opens_them(phone, site_url, artifacts, lang):
    """A phone reader sees no citation until they open "Sources and notes"; one tap shows them,
    and a numbered mark in the text opens the block at its note."""
    page = phone.new_page()
    page.goto(site_url + LANG_PREFIX[lang] + "programmes/cr-computer-application/")
    block = page.locator("details.jiaoliu-sources")
    citation = block.locator("a[href*='report/2023/#']").first
    assert not citation.is_visible() and block.get_attribute("open") is None
    block.locator("summary").click()
    citation.wait_for(state="visible")
    assert block.get_attribute("open") is not None
    page.screenshot(path=str(artifacts / f"sources-open-{lang}-phone.png"), full_page=True, animations="disabled")
    # The inferred partner's mark: its note is in the (closed) block, and following it opens it.
    page.reload()
    mark = page.locator("article a.footnote-ref").first
    note = page.locator("details.jiaoliu-sources .footnote li").first
    assert mark.is_visible() and not note.is_visible()
    mark.click()
    note.wait_for(state="visible")
    assert _no_horizontal_overflow(page)
    page.close()
