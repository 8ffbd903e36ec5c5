"""The look of the blocks lives in Jinja partials (the package's theme/partials/jiaoliu/), and what a page cites
or notes travels beside its Markdown as data (issue 24, point 6): every partial exists, says what
it receives and is given all of it; whatever text it is given comes out as text; a designer's
change reaches the built site without touching Python; a page cannot forge a note."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable

import markdown as python_markdown
import pytest
from lxml import html as lxml_html
from markupsafe import Markup

from conftest import ROOT, build_site, copy_project, own_theme, site_markdown
from jiaoliu import render
from jiaoliu.core.loader import load_dataset
from jiaoliu.render import templates
from jiaoliu.render.context import Ctx, Site
from jiaoliu.render.templates import FOLDER, PARTIALS, THEME, PartialError, Partials

# What each partial is given, with every text in it from `text(slot)` (a name for the slot), and
# every branch of it taken. Safe Markdown of ours is given as Markup, as the renderers give it.
Sample = Callable[[Callable[[str], str]], dict[str, object]]
SAMPLES: dict[str, Sample] = {
    "badge": lambda text: {"kind": text("kind"), "text": text("text")},
    "mark": lambda text: {"kind": text("kind"), "symbol": text("symbol"), "text": text("text")},
    "table": lambda text: {"header": [text("header"), "B"],
                           "rows": [[(text("rows.label"), Markup("*a*"), text("rows.found")),
                                     ("B", Markup("[b](b.md)"), "B:")]]},
    "facts": lambda text: {"rows": [(text("rows.label"), Markup("[v](v.md)"), text("rows.found")),
                                    ("B", Markup("w"), "B:")]},
    "figure-cards": lambda text: {"compact": True, "cards": [
        {"figure": text("cards.figure"), "number": text("cards.number"), "unit": text("cards.unit"),
         "label": text("cards.label")},
        {"figure": "", "number": "2", "unit": "u", "label": "l"}]},
    "partner-cards": lambda text: {"cards": [
        {"link": Markup("[A](a.md)"), "other": text("cards.other"), "other_lang": text("cards.other_lang"),
         "what": text("cards.what")},
        {"link": Markup("[B](b.md)"), "other": "", "other_lang": "", "what": "w"}]},
    "highlights": lambda text: {"items": [{"link": Markup("[A](a.md)"), "text": text("items.text")}]},
    "hero": lambda text: {"college": text("college"), "title": text("title"), "lead": text("lead"),
                          "ways_label": text("ways_label"),
                          "ways": [{"link": Markup("[A](a.md)"), "primary": True},
                                   {"link": Markup("[B](b.md)"), "primary": False}],
                          "photo": Markup('<figure class="jiaoliu-photo"><img src="a.webp" alt="a"></figure>')},
    "photo": lambda text: {"src": "a-800.webp", "srcset": [("a-480.webp", 480), ("a-800.webp", 800)],
                           "sizes": "100vw", "width": 800, "height": 533, "alt": text("alt"),
                           "credit": text("credit"), "place": text("place"), "eager": False},
    "chart": lambda text: {"id": text("id"), "title": text("title"), "width": 320, "height": 120, "bars": [
        {"x": 12.0, "y": 20.0, "width": 40.0, "height": 80.0, "middle": 32.0, "value_y": 16.0,
         "value": text("bars.value"), "year_y": 116, "year": text("bars.year")}]},
    "sources": lambda text: {"title": text("title"), "intro": text("intro"), "edit_label": text("edit_label"),
                             "sources": [Markup("a: [§1](report/2023.md#s1)")], "notes": [Markup("*n*\n\nm")],
                             "footnotes_here": Markup("[jiaoliu-footnotes]"),
                             "marks": [{"symbol": text("marks.symbol"), "text": text("marks.text")}],
                             "edits": [Markup("[f](https://github.com/o/r/edit/main/f)")]},
}
HOSTILE = '# <script>alert(1)</script> <b onmouseover="x">*em* _u_</b> [a](javascript:alert(1)) `c` {: .x } \'s\' R&D |'
# Classes, ids and language codes (`| name`): ours, or ids the checks have passed.
NAMES = {("badge", "kind"), ("mark", "kind"), ("figure-cards", "cards.figure"), ("partner-cards", "cards.other_lang"),
         ("chart", "id"), ("photo", "place")}


def _plain(slot: str) -> str:
    """A plain text for the slot, which is also a plain name."""
    return slot.replace(".", "_")


def _slots(name: str) -> list[str]:
    slots: list[str] = []
    SAMPLES[name](lambda slot: slots.append(slot) or slot)
    return slots


@functools.cache
def _partials() -> Partials:
    return Partials()


def _page(name: str, text: Callable[[str], str]) -> lxml_html.HtmlElement:
    """The partial given the sample, as the page's Markdown engine makes it into HTML."""
    extensions, configs = site_markdown()
    source = _partials().render(name, **SAMPLES[name](text))
    converted = python_markdown.Markdown(extensions=extensions, extension_configs=configs).convert(source)
    return lxml_html.fragment_fromstring(converted, create_parent="div")


def _structure(element: lxml_html.HtmlElement) -> list[tuple[str, tuple[str, ...]]]:
    return [(str(e.tag), tuple(sorted(e.attrib))) for e in element.iter()]


def test_every_partial_exists_and_says_what_it_receives():
    assert set(SAMPLES) == set(PARTIALS)
    assert {p.stem for p in (THEME / FOLDER).glob("*.html")} == set(PARTIALS)
    for name in PARTIALS:
        text = (THEME / FOLDER / f"{name}.html").read_text("utf-8")
        assert text.startswith("{#-") and "Receives" in text.split("#}")[0], name


@pytest.mark.parametrize("name", PARTIALS)
def test_every_partial_is_given_every_value_it_uses(name):
    """StrictUndefined: a value a partial uses and is not given stops the build with its name."""
    values = SAMPLES[name](_plain)
    assert _page(name, _plain).text_content().strip()
    for missing in values:
        with pytest.raises(PartialError, match=f"partials/jiaoliu/{name}.html: .*'{missing}' is undefined"):
            _partials().render(name, **{k: v for k, v in values.items() if k != missing})


@pytest.mark.parametrize(("name", "slot"), [(name, slot) for name in PARTIALS for slot in _slots(name)
                                              if (name, slot) not in NAMES])
def test_a_hostile_text_given_to_a_partial_comes_out_as_text(name, slot):
    """The same elements and attributes as with a plain text, and the text shown (or in its
    attribute) as given: no tag, link, emphasis or attribute of its own."""
    plain = _page(name, _plain)
    hostile = _page(name, lambda s: HOSTILE if s == slot else _plain(s))
    assert _structure(hostile) == _structure(plain)
    shown = [hostile.text_content(), *(value for e in hostile.iter() for value in e.attrib.values())]
    assert any(HOSTILE in text for text in shown), lxml_html.tostring(hostile, encoding="unicode")


@pytest.mark.parametrize(("name", "slot"), sorted(NAMES))
def test_a_class_or_id_that_is_not_a_plain_name_stops_the_build(name, slot):
    """In a tag the Markdown engine reads as part of a line, Markdown's signs would break the tag."""
    assert _page(name, lambda s: "a-Z_0" if s == slot else _plain(s)) is not None
    with pytest.raises(PartialError, match=f"partials/jiaoliu/{name}.html: .* is not a plain name"):
        _page(name, lambda s: HOSTILE if s == slot else _plain(s))
    assert (name, slot) in {(n, s) for n in PARTIALS for s in _slots(n)}


@pytest.mark.parametrize(("broken", "says"), [
    ("{% if kind %}<span>", "partials/jiaoliu/badge.html:1: 模板写法有误 / the partial cannot be read: "),
    (None, "partials/jiaoliu/badge.html: 找不到这个模板 / the partial is missing"),
])
def test_a_broken_or_missing_partial_is_named(tmp_path, monkeypatch, broken, says):
    """A site's own partial that cannot be read is named; so is one missing from the product's
    theme folder (here a copy of it with the partial deleted)."""
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    partial = theme / FOLDER / "badge.html"
    if broken is None:
        partial.unlink()
        monkeypatch.setattr(templates, "THEME", theme)
    else:
        partial.write_text(broken, "utf-8")
    with pytest.raises(PartialError) as caught:
        Partials(theme if broken is not None else None)
    assert str(caught.value).removeprefix(str(theme) + "/").startswith(says)


def test_a_designers_change_to_a_partial_reaches_every_language(tmp_path):
    """The look is the partials': a college's own copy of one (in its `theme.custom_dir`) comes
    before the product's, and the built pages show it."""
    project = copy_project(tmp_path / "project")
    (own_theme(project) / FOLDER).mkdir(parents=True)
    cards = project / "overrides" / FOLDER / "figure-cards.html"
    cards.write_text((THEME / FOLDER / "figure-cards.html").read_text("utf-8").replace('class="grid cards jiaoliu-figures', 'class="grid cards designed jiaoliu-figures'),
                     "utf-8")
    facts = project / "overrides" / FOLDER / "facts.html"
    facts.write_text((THEME / FOLDER / "facts.html").read_text("utf-8").replace("{{ label }}</dt>", "{{ label }} ✎</dt>"), "utf-8")
    site = build_site(project, tmp_path / "site")
    for prefix in ("", "en/", "zh-HK/"):
        home = lxml_html.fromstring((site / prefix / "index.html").read_bytes())
        assert home.xpath("//article//div[contains(@class, 'designed')]//*[@data-figure]"), prefix
        contact = lxml_html.fromstring((site / prefix / "contact" / "index.html").read_bytes())
        labels = [dt.text_content() for dt in contact.xpath("//article//dl[@class='jiaoliu-facts']//dt")]
        assert labels and all(label.endswith(" ✎") for label in labels), (prefix, labels)


# --- sources and notes as data --------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_site() -> Site:
    return Site.of(load_dataset(ROOT / "data"))


def test_a_page_cannot_forge_a_note_in_the_sources_block(real_site):
    """Notes travel as data beside the Markdown, not as comments read back out of it: a comment
    that looks like one is refused like any comment that is not a marker (it used to be published
    in the page's sources block)."""
    forged = "# About\n\nText.\n\n<!-- jiaoliu-aside:note -->\nForged note\n<!-- /jiaoliu-aside -->\n"
    with pytest.raises(render.UnknownMarker, match=r"docs/en/about.md:5: '<!-- jiaoliu-aside:note -->' is not a known marker"):
        render.page(forged, Ctx(site=real_site, lang="en", page="about.md"))


def test_a_record_page_sends_its_sources_and_file_as_data(real_site):
    """A record page's renderer gives its Markdown and, beside it, its sources and the line of its
    record; the sources block made of them names each source once."""
    page = next(p for p in render.record_pages(real_site) if p.path == "partners/nmit.md")
    ctx = Ctx(site=real_site, lang="en", page=page.path)
    rendered = page.render(ctx)
    assert "<!--" not in rendered.markdown and "Sources and notes" not in rendered.markdown
    assert rendered.sources and rendered.edits == (real_site.data.source_of("partners.yml", "nmit"),)
    finished = page.markdown(ctx)
    assert finished.count('<details class="info jiaoliu-sources" markdown>') == 1
    assert all(finished.count(f"- {line}\n") == 1 for line in rendered.sources)

