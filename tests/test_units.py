"""Pure functions of the package: string tables, escaping, every label for every choice."""

from __future__ import annotations

import functools
import typing

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from conftest import ROOT
from gdep_site import localise, models
from gdep_site.markdown import esc, paragraphs, title_html


def test_both_string_tables_have_the_same_keys_and_placeholders():
    tables = localise.string_tables()
    assert set(tables["zh"].table) == set(tables["en"].table)
    assert localise.check_tables({lang: s.table for lang, s in tables.items()}) == []


def test_a_missing_translation_is_reported_by_name():
    problems = localise.check_tables({"zh": {"a": "甲", "b": "乙 {n}"}, "en": {"a": "", "b": "B {m}"}})
    assert problems == ["missing translation: 'a' in en",
                        "placeholders differ for 'b': {'zh': {'n'}, 'en': {'m'}}"]


def _choices(annotation) -> tuple[str, ...]:
    return typing.get_args(annotation)


# key prefix in ui/*.yml -> the Literal whose every value needs a label
LABELLED_CHOICES = {
    "kind.": models.PartnerKind,
    "programme.kind.": models.ProgrammeKind,
    "programme.title.": models.ProgrammeKind,
    "programme.status.": models.ProgrammeStatus,
    "relation.activity.": models.ActivityKind,
    "result.": models.AwardResult,
}


@pytest.mark.parametrize("prefix", sorted(LABELLED_CHOICES))
def test_every_choice_has_a_label_in_both_languages(prefix):
    tables = localise.string_tables()
    for value in _choices(LABELLED_CHOICES[prefix]):
        for lang in localise.LANGUAGES:
            assert f"{prefix}{value}" in tables[lang].table, (lang, prefix, value)


@functools.cache
def _site_markdown() -> tuple[list, dict]:
    """The Markdown extensions and their settings exactly as MkDocs reads them from mkdocs.yml
    (with those it always adds: toc, tables, fenced_code)."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def _render(text_md: str) -> str:
    extensions, configs = _site_markdown()
    return python_markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text_md)


def _shown(text_md: str) -> list[str]:
    """The paragraphs a reader sees; fails if the Markdown made anything but plain paragraphs."""
    rendered = _render(text_md)
    if not rendered.strip():
        return []
    shown = []
    for element in lxml_html.fragments_fromstring(rendered):
        assert not isinstance(element, str), rendered  # text outside a paragraph
        assert element.tag == "p" and len(element) == 0 and not element.attrib, rendered
        shown.append(element.text_content())
    return shown


def _typed_lines(text: str) -> list[str]:
    """What `paragraphs` promises to show: each non-blank line, its spaces normalised."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "# Heading",
    "<!-- comment --> *bold* `code` | cell |",
    '{: onclick="alert(1)" }',
    "1. not a list",
    "&lt;script&gt;",
    "- a list item", "+ another", "!!! note \"admonition\"", "> a quote", "--- rule", "2) numbered",
    "*** emphasis ***", "Text with (parentheses), a full stop. And - a dash!",
    "<https://evil.test/>", '<a href="x">link</a>', "![image](x.png)",
    '??? note "collapsed"', "???+ note", "text[^1]", "[^1]: a footnote", "[gdep-footnotes]",
    "<!-- gdep-aside:note -->",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_escaped_text_renders_as_the_same_plain_text(attack):
    assert _shown(esc(attack)) == [attack]


# Each construct of the Markdown extensions mkdocs.yml enables, at the start of lines of a
# multi-line text: `paragraphs` shows every line as typed, one paragraph each.
CONSTRUCTS = {
    "tilde fence": "~~~\nprint(1)\n~~~",
    "long tilde fence": "~~~~~ python\ncode\n~~~~~",
    "backtick fence": "```\nprint(1)\n```",
    "fence with attributes": "``` { .python onclick=\"alert(1)\" }\ncode\n```",
    "indented code": "Text\n    code block\n        more code",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "table without pipes": "a | b\n--- | ---\n1 | 2",
    "heading": "# Title\n## Section\n###### Small",
    "setext heading": "Title\n=====\nSection\n-----",
    "list": "- one\n* two\n+ three\n1. four\n2) five",
    "block quote": "> quoted\n>> nested",
    "admonition": "!!! danger \"Title\"\n    body",
    "collapsed block": "??? note \"Title\"\n    body\n???+ tip\n    open",
    "definition": "Term\n: definition",
    "attr_list": "{: #id .class onclick=\"alert(1)\" }\nText {: style=\"color:red\" }",
    "footnote definition": "Text[^x]\n[^x]: the note",
    "link reference definition": "[r]: javascript:alert(1)\n[click][r]",
    "horizontal rules": "---\n***\n___\n- - -\n* * *",
    "html block": "<div markdown=\"1\">\n*x*\n</div>\n<script>alert(1)</script>",
    "md_in_html": "<details markdown>\n<summary>x</summary>\n</details>",
    "comment": "<!-- gdep:contact -->\n<!-- x -->",
    "table of contents marker": "[TOC]\n[gdep-footnotes]",
    "entity": "&amp; &lt;b&gt; &#60; &copy;",
    "backslashes": "\\# a \\\\ b \\",
}


@pytest.mark.parametrize("text", list(CONSTRUCTS.values()), ids=list(CONSTRUCTS))
def test_every_construct_at_the_start_of_a_line_is_shown_as_typed(text):
    assert _shown(paragraphs(text)) == _typed_lines(text)
    assert _shown(esc(text)) == [" ".join(text.split())]


# Line starts and marks that mean something to Markdown or one of the extensions mkdocs.yml enables.
LINE_STARTS = ["", "~~~", "~~~~", "```", "    ", "\t", "|", "#", "##", "- ", "* ", "+ ", "1. ", "1) ", "> ",
               "!!! ", "??? ", "???+ ", ": ", "{: ", "{#", "[^x]: ", "[r]: ", "---", "***", "___", "===",
               "<div>", "<", "&", "&amp;", "&#60;", "[TOC]", "[gdep-footnotes]", "\\", " ", "\u3000", "\xa0"]
MARKS = list("#*_-+=~`|>!<&;[](){}:^.0 \\/?@'\"a中") + ["&amp;", "~~~", "```", "]:", "{:", "-->", "<!--"]
INDENTS = ["", "", " ", "   ", "    ", "\t", "        "]
LINE = st.tuples(st.sampled_from(INDENTS), st.sampled_from(LINE_STARTS),
                 st.lists(st.sampled_from(MARKS), max_size=8).map("".join)).map("".join)
TEXTS = st.lists(LINE, max_size=6).map("\n".join)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(text=TEXTS)
def test_any_text_renders_as_the_paragraphs_typed(text):
    """Property: whatever a data text holds, `paragraphs` gives plain paragraphs of its lines and
    `esc` one plain paragraph, with Python-Markdown configured exactly as mkdocs.yml."""
    assert _shown(paragraphs(text)) == _typed_lines(text)
    assert _shown(esc(text)) == ([" ".join(text.split())] if text.strip() else [])


def test_a_typed_title_becomes_html_escaped_once():
    title = title_html('<script>alert("x")</script> &amp;\n  Co')
    assert title == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp;amp; Co"
    assert title_html(title) == title and f"{title}" == title  # never twice


def test_country_names_follow_the_chosen_convention():
    assert localise.country_name("NZ", "zh") == "新西兰"
    assert localise.country_name("HK", "zh") == "中国香港"
    assert localise.country_name("HK", "en") == "Hong Kong, China"
    assert localise.is_known_country("GM") and not localise.is_known_country("EU")
    assert not localise.is_known_country("nz")


# Modules of the package, lowest first: each may import only from layers below its own, so
# dependencies point one way (models → reading and checks → loading → rendering → MkDocs glue).
LAYERS = [
    {"errors", "pages", "localise", "markdown"},
    {"sourcefile"},  # reading only regular files, never blocking
    {"models", "yamlsource", "search", "outputdir", "pagemarkup", "images"},
    {"dataset", "traditional"},
    {"figures"},
    {"crossrefs", "lint", "handwritten"},
    {"loader"},
    {"render"},
    {"seo", "export", "theme_speed", "derived"},
    {"chrome"},
    {"mkdocs_i18n", "cli", "parallel", "sitediff", "newyear"},
    {"synthetic"},  # test and benchmark data, written as staff would (newyear)
]


def _package_imports(path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:  # from .x import y / from .. import x
            base = (node.module or "").split(".")[0]
            names.update([base] if base else [alias.name for alias in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gdep_site."):
            names.add(node.module.split(".")[1])
    return names


def test_dependencies_point_one_way():
    from conftest import ROOT

    package = ROOT / "src" / "gdep_site"
    layer_of = {name: index for index, layer in enumerate(LAYERS) for name in layer}
    modules = {p.stem: p for p in package.glob("*.py") if p.stem != "__init__"}
    assert set(modules) | {"render"} == set(layer_of), "put every module in a layer"
    for name, path in [*modules.items(), *(("render", p) for p in (package / "render").glob("*.py"))]:
        imported = _package_imports(path) - {"render"} if name == "render" else _package_imports(path)
        for other in imported & set(layer_of):
            assert layer_of[other] < layer_of[name], f"{path.name} imports {other}: it must not"


def test_an_annotation_escapes_what_would_end_its_fields():
    """`,` and `:` end a property of a workflow command, a line break ends the command."""
    from gdep_site.errors import DataProblem

    problem = DataProblem("data/partners.yml", 12, 5, "partners[a,b].name: x", "bad_url", {"value": "50% off\nnow"})
    annotation = problem.annotation("warning")
    head, _, message = annotation.partition("::")[2].partition("::")
    assert head == "warning file=data/partners.yml,line=12,col=5,title=partners[a%2Cb].name%3A x%3A 警告 / warning"
    assert "\n" not in annotation and "50%25 offU+000Anow" in message  # a typed line break is shown, not obeyed
    assert "%0A修改建议 / How to fix:" in message
