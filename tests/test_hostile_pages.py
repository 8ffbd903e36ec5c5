"""Hand-written pages are untrusted like data (issue 23, point 2): a title typed in a page's front
matter is shown as typed wherever the theme puts titles, and a page with markup of its own is
refused with its file and line. Two real builds of a copy of the project, each shared by the tests
of its kind: one whose pages carry hostile titles, one whose pages carry every kind of markup."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from mkdocs.utils.meta import get_data
from test_bad_data import build_error

from conftest import build_site, copy_project, module_build, site_markdown
from jiaoliu.core.pagemarkup import MarkdownSettings, page_problems
from site_markup import site_problems

# Typed in the front matter of a page in the menu's tabs (contact), of a page in a menu group
# (about: the navigation, the footer's previous/next links) and of a list page (partners: the
# breadcrumbs of every partner's page); the Chinese one also on the Traditional pages.
TITLES = {
    "en": '<script>alert("en")</script> & <img src=x onerror=alert(1)> &amp; &lt;b&gt; "quoted" \'single\'',
    "zh": '<script>alert("中文标题")</script> <img src=x onerror=alert(2)> &lt;i&gt;',
}
TITLED_PAGES = ("contact.md", "about.md", "partners/index.md")
PREFIX = {"en": "en/", "zh": "", "zh-HK": "zh-HK/"}


def _with_title(text: str, title: str) -> str:
    quoted = "'" + title.replace("'", "''") + "'"
    if text.startswith("---\n"):
        return text.replace("---\n", f"---\ntitle: {quoted}\n", 1)
    return f"---\ntitle: {quoted}\n---\n\n{text}"


@module_build
def titled_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("titled") / "project")
    for lang, title in TITLES.items():
        for page in TITLED_PAGES:
            path = project / "docs" / lang / page
            path.write_text(_with_title(path.read_text("utf-8"), title), "utf-8")
    return build_site(project, project.parent / "site")


def _document(site, path: str):
    return lxml_html.fromstring((site / path).read_bytes())


def _shown(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def test_a_hostile_title_runs_nowhere_on_any_page(titled_site):
    assert site_problems(titled_site) == []
    for page in titled_site.rglob("*.html"):
        raw = page.read_text("utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw, page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_title_is_shown_as_typed_wherever_titles_go(titled_site, lang):
    title = TITLES[lang]
    contact = _document(titled_site, f"{PREFIX[lang]}contact/index.html")
    assert contact.findtext(".//title").startswith(f"{title} - ")
    assert contact.xpath("string(//meta[@property='og:title']/@content)") == title
    assert contact.xpath("string(//meta[@name='twitter:title']/@content)") == title
    assert _shown(contact.xpath("//*[@data-md-component='header-topic']")) == [title]
    assert title in _shown(contact.xpath("//*[contains(@class, 'md-tabs__link')]"))  # the tab
    about = _document(titled_site, f"{PREFIX[lang]}about/index.html")
    assert title in _shown(about.xpath("//nav[contains(@class, 'md-nav--primary')]//a"))  # the menu
    neighbour = _document(titled_site, f"{PREFIX[lang]}figures/index.html")  # the page after about
    assert title in _shown(neighbour.xpath("//*[contains(@class, 'md-footer__title')]//*[@class='md-ellipsis']"))
    assert any(label.endswith(title) for label in neighbour.xpath("//a[contains(@class, 'md-footer__link')]/@aria-label"))
    partner = _document(titled_site, f"{PREFIX[lang]}partners/nmit/index.html")
    assert title in _shown(partner.xpath("//*[contains(@class, 'md-path__link')]"))  # the breadcrumbs
    not_found = _document(titled_site, f"{PREFIX[lang]}404.html")
    assert title in _shown(not_found.xpath("//article//a"))


def test_the_traditional_pages_show_the_converted_title_as_text(titled_site):
    page = _document(titled_site, "zh-HK/contact/index.html")
    assert page.findtext(".//title").startswith('<script>alert("中文標題")</script> <img src=x onerror=alert(2)> &lt;i&gt; - ')


# --- pages with markup of their own: refused, each with its file and line -------------------------

# (page, text added at its end, what the message says); the line is the one of the marked text.
REFUSED = {
    "script": ("about.md", "<script>alert(1)</script>", "the HTML tag <script>"),
    "image with an event handler": ("study.md", "Text <img src=x onerror=alert(1)> inline.", "the HTML tag <img>"),
    "frame": ("contact.md", '<iframe src="https://evil.test/"></iframe>', "the HTML tag <iframe>"),
    "block with Markdown inside": ("figures.md", '<div markdown="1">\n*x*\n</div>', "the HTML tag <div>"),
    "comment that hides a tag": ("achievements.md", "<!-- note --><style>body{display:none}</style>", "the HTML tag <style>"),
    "comment a browser closes at once": ("index.md", "<!--><script>alert(1)</script>-->", "the HTML tag <script>"),
    "event handler by attr_list": ("exchanges.md", '## Visits {: onclick="alert(1)" }', "'onclick' gives the page's markup an attribute"),
    "style by attr_list": ("hong-kong-macao.md", "A paragraph.\n{: style=\"position:fixed\" }", "'style' gives the page's markup an attribute"),
    "attribute on a code fence": ("campus-and-bases.md", '``` { .text onmouseover="alert(1)" }\ncode\n```', "'onmouseover' gives"),
    "javascript: link": ("report/index.md", "[Open](javascript:alert(1))", "would run code or open content of its own (javascript:)"),
    "link hidden by an entity": ("programmes/index.md", "[Open](&#106;avascript:alert(1))", "(javascript:)"),
    "data: image": ("partners/index.md", "![x](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)", "(data:)"),
}


@module_build
def refused(tmp_path_factory):
    """One build of a copy whose English pages carry one of each; the lines where they are."""
    project = copy_project(tmp_path_factory.mktemp("refused") / "project")
    lines = {}
    for name, (page, added, _) in REFUSED.items():
        path = project / "docs" / "en" / page
        text = path.read_text("utf-8").rstrip("\n") + "\n\n"
        lines[name] = text.count("\n") + 1 + (1 if name == "style by attr_list" else 0)
        path.write_text(text + added + "\n", "utf-8")
    front = project / "docs" / "zh" / "about.md"
    front.write_text("---\ntitle: [a, list]\nsubtitle: <b>x</b>\nhide: [toc, sidebar]\n---\n\n" + front.read_text("utf-8"),
                     "utf-8")
    for lang in ("zh", "en"):  # each page in both languages, as a build wants them
        (project / "docs" / lang / "<img src=x onerror=alert(1)>.md").write_text("A page without a title.\n", "utf-8")
        (project / "docs" / lang / "notes.md").write_text("Note: the first line of this page\n\n# Notes\n", "utf-8")
    return build_error(project, project.parent / "site"), lines


@pytest.mark.parametrize("name", list(REFUSED))
def test_markup_in_a_page_is_refused_with_its_file_and_line(refused, name):
    message, lines = refused
    page, _, says = REFUSED[name]
    assert f"docs/en/{page}:{lines[name]}:1: -: " in message and says in message, message


@pytest.mark.parametrize(("where", "says"), [
    ("docs/zh/about.md:2:1: title: ", "the page setting 'title' must be a line of text"),
    ("docs/zh/about.md:3:1: subtitle: ", "'subtitle' at the top of the page is not a known page setting"),
    ("docs/zh/about.md:4:1: hide: ", "the page setting 'hide' must be a list of navigation, toc, footer, path"),
    ("docs/zh/<img src=x onerror=alert(1)>.md:1:1: -: ", "the page's folder or file name '<img src=x onerror=alert(1)>.md'"),
    ("docs/zh/notes.md:1:1: note: ", "'note' at the top of the page is not a known page setting"),
])
def test_page_settings_the_theme_would_publish_are_refused(refused, where, says):
    message, _ = refused
    assert where in message and says in message, message


@pytest.mark.parametrize("name", ["关于.md", "a b.md", "x&y.md", "café/index.md"])
def test_a_page_name_that_is_not_plain_is_refused(name):
    """A page's name becomes its address and staff's edit link (an https address with a plain path)."""
    settings = MarkdownSettings(*site_markdown(), get_data)
    assert [p.code for p in page_problems(f"docs/zh/{name}", "# 标题\n", settings)] == ["page_file_name"]
    assert page_problems("docs/zh/study-here_2.md", "# 标题\n", settings) == []


def test_every_problem_of_every_page_is_listed_at_once(refused):
    message, _ = refused
    assert f"{len(REFUSED) + 3 + 2 * 2} problem(s)" in message
    assert "修改建议 / How to fix" in message
