"""Pure functions of the package: string tables, escaping, every label for every choice."""

from __future__ import annotations

import typing

import markdown as python_markdown
import pytest
from lxml import html as lxml_html

from gdep_site import localise, models
from gdep_site.markdown import esc

EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "pymdownx.details", "tables", "toc"]


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
    rendered = python_markdown.markdown(esc(attack), extensions=EXTENSIONS)
    fragment = lxml_html.fragment_fromstring(rendered)
    assert fragment.tag == "p" and len(fragment) == 0 and not fragment.attrib, rendered
    assert fragment.text_content() == attack


def test_country_names_follow_the_chosen_convention():
    assert localise.country_name("NZ", "zh") == "新西兰"
    assert localise.country_name("HK", "zh") == "中国香港"
    assert localise.country_name("HK", "en") == "Hong Kong, China"
    assert localise.is_known_country("GM") and not localise.is_known_country("EU")
    assert not localise.is_known_country("nz")


# Modules of the package, lowest first: each may import only from layers below its own, so
# dependencies point one way (models → reading and checks → loading → rendering → MkDocs glue).
LAYERS = [
    {"errors", "pages", "localise", "markdown", "htmltext"},
    {"models", "yamlsource", "search"},
    {"dataset", "traditional"},
    {"figures"},
    {"crossrefs", "lint"},
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
