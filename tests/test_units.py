"""Pure functions of the package: string tables, escaping, every label for every choice."""

from __future__ import annotations

import typing

import markdown as python_markdown
import pytest
from lxml import html as lxml_html

from gdep_site import localise, models
from gdep_site.markdown import esc

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


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
