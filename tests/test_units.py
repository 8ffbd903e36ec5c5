"""Pure functions of the package: string tables, escaping, every label for every choice."""

from __future__ import annotations

import ast
import re
import sys
import typing
import unicodedata

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from conftest import ROOT, site_markdown
from jiaoliu.core import localise, models
from jiaoliu.render.markdown import esc, paragraphs, title_html


def test_both_string_tables_have_the_same_keys_and_placeholders():
    tables = localise.string_tables()
    keys = {lang: {key.partition(localise.PLURAL)[0] for key in strings.table} for lang, strings in tables.items()}
    assert keys["zh"] == keys["en"]
    assert localise.check_tables({lang: s.table for lang, s in tables.items()}, counts=True) == []


def test_a_count_is_said_in_its_languages_plural_forms():
    """CLDR's plural rules, through Babel: English has one and other, Chinese one form."""
    tables = localise.string_tables()
    assert [tables["en"]("value.years", count=n) for n in (1, 2, 0)] == ["1 year", "2 years", "0 years"]
    assert tables["zh"]("value.years", count=1) == "1 年"
    assert tables["en"]("partners.regions", count=1) == "1 country or region"  # each count its own forms
    hong_kong = localise.Strings("zh-HK", tables["zh"].table)  # a converted language counts as its source
    assert hong_kong("search.found", count=1) == "找到 1 个页面"
    assert tables["en"].forms("search.found") == {"one": "{count} page found", "other": "{count} pages found"}
    problems = localise.check_tables({"zh": {"a": "{count} 年", "b#other": "{count} 个", "c": "丙"},
                                      "en": {"a": "{count} years", "b#one": "{count} item", "c#few": "C"}},
                                     counts=True)
    assert problems == ["'a' in en counts {count}: give its plural forms a#one, a#other",
                        "plural forms of 'b' in en: one, other (CLDR), not one",
                        "plural forms of 'c' in en: one, other (CLDR), not few"]


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


def _render(text_md: str) -> str:
    extensions, configs = site_markdown()
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
    '??? note "collapsed"', "???+ note", "text[^1]", "[^1]: a footnote", "[jiaoliu-footnotes]",
    "<!-- jiaoliu-aside:note -->",
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
    "comment": "<!-- jiaoliu:contact -->\n<!-- x -->",
    "table of contents marker": "[TOC]\n[jiaoliu-footnotes]",
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
               "<div>", "<", "&", "&amp;", "&#60;", "[TOC]", "[jiaoliu-footnotes]", "\\", " ", "\u3000", "\xa0"]
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


@pytest.mark.parametrize(("name", "label"), [
    ("英豪多媒体学院", "Ying Hao Duo Mei Ti Xue Yuan"),
    ("重庆银行", "Chong Qing Yin Hang"),  # a polyphone read as in its word (重 zhong/chong)
    ("圣塞巴斯蒂安学院（菲律宾）", "Sheng Sai Ba Si Di An Xue Yuan (Fei Lü Bin)"),
    ("朱苏普·巴拉萨根 KNU 大学", "Zhu Su Pu Ba La Sa Gen KNU Da Xue"),
])
def test_a_chinese_name_is_given_in_pinyin_a_reader_of_english_can_say(name, label):
    assert localise.pinyin_label(name) == label


def test_country_names_follow_the_chosen_convention():
    assert localise.country_name("NZ", "zh") == "新西兰"
    strings = localise.string_tables()
    assert (strings["zh"]("region.HK"), strings["en"]("region.MO")) == ("中国香港", "Macao, China")
    assert localise.is_known_country("GM") and not localise.is_known_country("EU")
    assert not localise.is_known_country("nz")


# The package's folders, lowest first: each imports only from folders below it (the core knows
# nothing of rendering, rendering nothing of the engine). Within a folder, its modules by layer,
# lowest first, each importing only from layers below its own.
FOLDERS = ["core", "render", "engine", "tools"]
LAYERS = {
    "core": [
        {"__init__", "pages", "localise", "slips", "languages"},
        {"errors"},  # its messages are string tables, read as the UI strings are (localise)
        {"searchwords"},  # how search reads a query: pure functions of text and tables
        {"sourcefile"},  # reading only regular files, never blocking
        {"models", "yamlsource", "outputdir", "pagemarkup", "images"},
        {"kinds", "photos", "drafts"},  # the kinds of record with pages of their own; the photos, checked; drafts
        {"dataset", "traditional"},
        {"figures"},
        {"crossrefs", "lint", "handwritten"},
        {"loader"},
    ],
    "render": [
        {"markdown", "preview", "otherlanguage"},
        {"templates"},  # the partials (Jinja2, not the engine)
        {"context"},
        {"photos"},  # their copies and markup, on any page
        {"figures", "notes", "report", "site", "seo", "chrome", "students", "news"},
        {"partners", "programmes"},
        {"achievements", "activities"},
        {"registry"},  # the blocks and the kinds of record page, declared once
        {"__init__"},  # the blocks, the record pages, and `page`: one page, all of it
        {"pages"},  # the project's list of pages, in every language
    ],
    "engine": [
        {"__init__", "search", "theme_speed", "languages", "product"},  # product: its settings in every site
        {"plugin"},
        {"build"},
        {"preview"},
    ],
    "tools": [
        {"__init__", "figurechanges", "export", "newyear"},
        {"cli", "sitediff", "identity", "verify"},  # jiaoliu-check, jiaoliu-diff, jiaoliu-identity, with what a change does to the published figures
        {"newsite"},  # jiaoliu new, upgrade, verify
        {"synthetic"},  # test and benchmark data, written as staff would (newyear)
    ],
}
# The engine: the only code that knows MkDocs, Material and mkdocs-static-i18n (so it can be replaced).
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


def _imports(path) -> set[tuple[str, ...]]:
    """What a module imports, as absolute dotted names split into parts."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level:
            found |= {(*node.module.split("."), alias.name) for alias in node.names} if node.module else set()
        elif isinstance(node, ast.Import):
            found |= {tuple(alias.name.split(".")) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            raise AssertionError(f"{path}: relative import; the package imports absolutely (jiaoliu.core.x)")
    return found


def _package_modules():

    package = ROOT / "src" / "jiaoliu"
    return package, {(p.parent.name, p.stem): p for folder in FOLDERS for p in (package / folder).glob("*.py")}


def test_dependencies_point_one_way():
    package, modules = _package_modules()
    assert {p.relative_to(package).as_posix() for p in package.rglob("*.py")} == {
        f"{folder}/{name}.py" for folder, name in modules} | {"__init__.py"}, "every module lives in a folder of FOLDERS"
    layer_of = {(folder, name): (FOLDERS.index(folder), index)
                for folder, layers in LAYERS.items() for index, layer in enumerate(layers) for name in layer}
    assert set(modules) == set(layer_of), "put every module in a layer"
    for key, path in modules.items():
        for parts in _imports(path):
            if parts[0] != "jiaoliu" or len(parts) < 3:
                continue
            other = (parts[1], parts[2]) if (parts[1], parts[2]) in layer_of else (parts[1], "__init__")
            assert layer_of[other] < layer_of[key], f"{path.relative_to(package)} imports {'.'.join(parts[1:3])}"


def test_only_the_engine_knows_mkdocs_material_and_the_i18n_plugin():

    package, modules = _package_modules()
    for (folder, _), path in modules.items():
        known = {parts[0] for parts in _imports(path)} & set(ENGINE_PACKAGES)
        assert folder == "engine" or not known, f"{path.relative_to(package)} imports {known}"
    for path in (ROOT / "hooks").glob("*.py"):
        assert {parts[:2] for parts in _imports(path) if parts[0] == "jiaoliu"} <= {("jiaoliu", "engine")}, path


def test_an_annotation_escapes_what_would_end_its_fields():
    """`,` and `:` end a property of a workflow command, a line break ends the command."""
    from jiaoliu.core.errors import DataProblem

    problem = DataProblem("data/partners.yml", 12, 5, "partners[a,b].name: x", "bad_url", {"value": "50% off\nnow"})
    annotation = problem.annotation("warning")
    head, _, message = annotation.partition("::")[2].partition("::")
    assert head == "warning file=data/partners.yml,line=12,col=5,title=partners[a%2Cb].name%3A x%3A 警告 / warning"
    assert "\n" not in annotation and "50%25 offU+000Anow" in message  # a typed line break is shown, not obeyed
    assert "%0A修改建议 / How to fix:" in message


# --- invisible text (issue 23, point 9) ------------------------------------------------------

def _characters(*categories: str) -> list[str]:
    """Every character whose Unicode category is one of `categories` (e.g. "Mn")."""
    return [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in categories]


def _refusal(value: str) -> str | None:
    try:
        models._line(value)
    except models.ValueProblem as problem:
        return problem.code
    return None


def test_a_text_of_characters_that_draw_nothing_is_empty():
    """Every control, format character, combining mark (variation selectors too), space and
    separator, and the letters that draw nothing: alone or repeated, the text looks empty."""
    invisible = _characters("Cc", "Cf", "Mn", "Mc", "Me", "Zs", "Zl", "Zp") + sorted(models.DRAWS_NOTHING)
    assert len(invisible) > 2500
    assert [f"U+{ord(ch):04X}" for ch in invisible if _refusal(ch * 3) != "empty_text"] == []


def test_a_visible_character_is_a_text_and_marks_may_follow_it():
    visible = [ch for ch in _characters("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe",
                                        "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So") if ch not in models.DRAWS_NOTHING]
    assert len(visible) > 140_000
    assert [f"U+{ord(ch):04X}" for ch in visible if _refusal(ch) is not None] == []
    for text in ("Jae\u0301n", "\u2764\ufe0f", "\u845b\U000e0100", "a\u0308"):  # accents, emoji and Han variants
        assert _refusal(text) is None, text
    # Letters that draw nothing are refused inside a text too: they hide in a name that looks right.
    assert {_refusal(f"Gachon{ch}University") for ch in models.DRAWS_NOTHING} == {"control_char"}


# --- slips of a Chinese keyboard or a word processor (issue 23, point 8) ----------------------

# (file, line, column, code): each slip named where it is, however far the parser read on.
SLIPS = [
    ("a:\n  sources：\n    - s1\n    - s2\n  b: 1\nc: 2\n", 2, 10, "fullwidth_colon"),  # YAML stops at line 5
    ("a: 1\nb： 2\n", 2, 2, "fullwidth_colon"),
    ("a:\n  about：|\n    text\n  b: 1\n", 2, 8, "fullwidth_colon"),
    ("a:\n  - id： x\n  - id: y\n", 2, 7, "fullwidth_colon"),  # read as a text, not a group
    ("a: {zh: 大学, en： x}\n", 1, 15, "fullwidth_colon"),
    ("a:\n\u3000\u3000- x\n", 2, 1, "wide_indent"),
    ("a:\n\u00a0\u00a0b: 1\n", 2, 1, "wide_indent"),  # read as a field named "  b"
    ("a:\n  b: 1\n  c:\n    \u3000d: 1\n", 4, 5, "wide_indent"),
    ("a: {zh: 大学, en: “Gachon: University”}\n", 1, 17, "curly_quotes"),
    ("a:\n  - “x: y”\n", 2, 5, "curly_quotes"),
    ("a:\n  b: \"Gachon University”\n  c: 1\n", 2, 24, "curly_quotes"),
    ("a: ‘Gachon’\n", 1, 4, "curly_quotes"),
    ("a: [s1，s2]\n", 1, 7, "fullwidth_punctuation"),
    ("a: {zh: 大学，en: x}\n", 1, 11, "fullwidth_punctuation"),
    ("a: ［s1, s2]\n", 1, 4, "fullwidth_punctuation"),
    ("a: [s1, s2］\nb: 1\n", 1, 11, "fullwidth_punctuation"),
    ("a: {zh: 大学, en: x｝\nb: 1\n", 1, 18, "fullwidth_punctuation"),
    ("a:\n  b: 1\n  ＃ comment\n  c: 2\n", 3, 3, "fullwidth_punctuation"),
    ("＃ comment\na: 1\n", 1, 1, "fullwidth_punctuation"),
    ("a: Gachon ＃ to check\n", 1, 11, "fullwidth_punctuation"),
    ("a: {zh: 大学, en: Gachon University, Korea}\n", 1, 34, "comma_in_braces"),
]
# What a Chinese keyboard types on purpose: read as typed, without a word.
NOT_SLIPS = [
    "a: {zh: “中文+职业技能”培训, en: '\"Chinese + Vocational Skills\" training'}\n",
    "a: “木棉工坊”培训基地\n",
    "a: 私立大学，2023 年签约；注：见下\n",
    "a: {zh: 京畿道，城南市, en: \"Seongnam, Gyeonggi\"}\n",
    "a: \"“Going global”\"\n",
    "a: 'Women’s College'\n",
    "a: |\n  \u3000\u3000第一段：缩进两个全角空格。\n  \u3000\u3000note： a paragraph of its own\n",
    "a: [第一，第二]\n",
]


@pytest.mark.parametrize("text,line,column,code", SLIPS)
def test_a_slip_of_the_keyboard_is_named_where_it_is(text, line, column, code):
    from jiaoliu.core.yamlsource import DataFileError, parse_yaml

    with pytest.raises(DataFileError) as caught:
        parse_yaml(text.encode(), "data/x.yml")
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [(line, column, code)]


@pytest.mark.parametrize("text", NOT_SLIPS)
def test_what_a_chinese_keyboard_types_on_purpose_is_read_as_typed(text):
    from jiaoliu.core.yamlsource import parse_yaml

    assert parse_yaml(text.encode(), "data/x.yml").data


def test_no_line_of_the_real_data_looks_like_a_slip():
    from jiaoliu.core import slips

    for path in sorted((ROOT / "data").rglob("*.yml")):
        for number, line in enumerate(path.read_text("utf-8").split("\n"), 1):
            assert slips.at_line_start(line) is None, (path.name, number, line)


# The engine's files, and what each function of it may write (point 2 of issue 24: no finished
# page is rewritten): the sitemap, the search index (its copies to index, its entry file), and
# the photos' copies kept between builds (in the plugin's `photo_cache`, never in the site).
WRITERS = {("build", "build_site"), ("search", "_write"), ("search", "_write_entry"), ("plugin", "_keep")}
AFTER_RENDERING = ("on_post_page", "on_post_template", "on_post_build")


def test_no_finished_page_is_rewritten():
    """MkDocs writes every page as its templates render it: the plugin's hooks after rendering give
    MkDocs' output back as they got it, and the engine writes no file but the sitemap and the
    search index (Pagefind's copies of the pages it reads and its own entry file), and the photos'
    copies it keeps between builds."""
    _, modules = _package_modules()
    writers = set()
    for (folder, name), path in modules.items():
        if folder != "engine":
            continue
        for function in (n for n in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(n, ast.FunctionDef)):
            if function.name in AFTER_RENDERING:
                given = function.args.args[1].arg  # after self
                returned = [r.value for r in ast.walk(function) if isinstance(r, ast.Return)]
                assigned = [t for n in ast.walk(function) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])]
                assert returned and all(isinstance(v, ast.Name) and v.id == given for v in returned) and not any(
                    isinstance(t, ast.Name) and t.id == given for t in assigned), \
                    f"{path.name}: {function.name} must return its `{given}` unchanged"
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                called = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                mode = call.args[1] if called == "open" and len(call.args) > 1 else None
                if called in ("write_text", "write_bytes", "GzipFile") or (
                        isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax")):
                    writers.add((name, function.name))
    assert writers == WRITERS, writers


def test_the_engine_configures_the_i18n_plugin_and_never_writes_to_it():
    """mkdocs-static-i18n is configured in mkdocs.yml and read, never steered: no assignment and no
    setattr in the engine reaches into `config.plugins[...]` (its state: current language,
    building, its files)."""
    _, modules = _package_modules()
    for (folder, _), path in modules.items():
        if folder != "engine":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets = (node.targets if isinstance(node, ast.Assign) else [node.target]
                       if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr":
                targets = node.args[:1]
            for target in targets:
                assert "plugins[" not in ast.unparse(target), f"{path.name}:{node.lineno}: {ast.unparse(target)}"
            if isinstance(node, ast.Assign):  # nor through a name given to the plugin
                value = ast.unparse(node.value)
                assert not re.search(r"plugins\[(I18N|'i18n'|\"i18n\")\]$", value), f"{path.name}:{node.lineno}: {value}"
