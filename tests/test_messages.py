"""Messages to staff: one table per language (`core/messages/*.yml`), checked as the UI strings are,
holding exactly the codes the code base uses."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from jiaoliu.core import errors, localise
from jiaoliu.core.errors import DataProblem, describe, explain

SOURCES = sorted([*(ROOT / "src" / "jiaoliu").rglob("*.py"), *(ROOT / "hooks").rglob("*.py")])
# Definitions whose parameter or field `code` is a country's or a programme's, not a message's.
OTHER_CODES = {"country", "country_name", "is_known_country", "region_name", "region_page", "region_stem",
               "Programme"}


def test_both_message_tables_hold_the_same_codes_and_placeholders():
    tables = {lang: localise.read_table("messages", lang) for lang in errors.MESSAGE_LANGUAGES}
    assert errors.check_messages(tables) == []
    assert list(errors.messages()["zh"]) == list(errors.messages()["en"]) == list(tables["zh"])


@pytest.mark.parametrize(("zh", "en", "problem"), [
    ({"a": {"message": "甲", "hint": "改"}}, {},
     "missing translation: 'a.hint' in en"),
    ({"a": {"message": "甲", "hint": "改"}}, {"a": {"message": "A", "hint": ""}},
     "missing translation: 'a.hint' in en"),
    ({"a": {"message": "甲 {value}", "hint": "改"}}, {"a": {"message": "A {name}", "hint": "fix"}},
     "placeholders differ for 'a.message': {'zh': {'value'}, 'en': {'name'}}"),
    ({"a": {"message": "甲 {kind_en}", "hint": "改"}}, {"a": {"message": "A {kind_en}", "hint": "fix"}},
     "placeholders differ for 'a.message': {'zh': {'kind_en'}, 'en': {'kind'}}"),
    ({"a": {"message": "甲 {n:d}", "hint": "改"}}, {"a": {"message": "A {n:d}", "hint": "fix"}},
     "placeholder {n:d} of 'a.message' in zh is not a plain {name}"),
    ({"a": {"message": "甲", "hint": "改", "note": "注"}}, {"a": {"message": "A", "hint": "fix"}},
     "messages/zh.yml: 'a' must hold message: and hint:, nothing else"),
    ({"a": "甲"}, {"a": {"message": "A", "hint": "fix"}},
     "messages/zh.yml: 'a' must hold message: and hint:, nothing else"),
])
def test_a_mistake_in_the_message_tables_is_reported_by_code(zh, en, problem):
    assert problem in errors.check_messages({"zh": zh, "en": en})


def test_a_value_given_in_each_language_is_one_placeholder():
    """`{expected_zh}` in Chinese and `{expected_en}` in English: the caller gives both."""
    tables = {"zh": {"a": {"message": "应为{expected_zh}", "hint": "改"}},
              "en": {"a": {"message": "expected {expected_en}", "hint": "fix"}}}
    assert errors.check_messages(tables) == []


def test_a_code_written_twice_in_a_table_is_an_error():
    with pytest.raises(localise.StringTableError, match=r"messages/en.yml: 'bom' is written twice \(lines 1 and 4\)"):
        localise.parse_table("bom:\n  message: a\n  hint: b\nbom:\n  message: c\n  hint: d\n", "messages/en.yml")


@pytest.mark.parametrize("call", [
    lambda: " ".join(explain("bad_url", {})),
    lambda: DataProblem("data/partners.yml", 3, 5, "partners[a].website", "bad_url").format(),
    lambda: describe("unknown_report", value="2019/s1"),
])
def test_a_placeholder_the_call_site_does_not_give_shows_by_name(call):
    assert "{" in call()  # not a KeyError traceback in front of a member of staff


def test_a_message_is_its_table_text_with_the_values_filled_in():
    zh, en, hint_zh, hint_en = explain("missing_translation", {"lang": "en"})
    assert (zh, en) == ("缺少英文文字（译文缺失）", "the English text is missing (translation missing)")
    assert hint_en.startswith("add en: with the translation here")
    assert explain("too_deep", {"limit": 3})[1:4:2] == ("the nesting is too deep (at most 3 levels)",
                                                      "check that brackets [ ] { } are paired and the indentation is right")


# --- every code the code base uses is in the tables, and every code of the tables is used ---


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text("utf-8"), str(path)) for path in SOURCES}


def _code_positions(trees: dict[Path, ast.Module]) -> dict[str, set[int]]:
    """Function or class name -> where its parameter or field `code` is among the arguments of a call."""
    positions: dict[str, set[int]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign)
                          and isinstance(s.target, ast.Name)]  # a dataclass or a NamedTuple
                inits = [s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"]
                for names in [fields, *(_parameters(init) for init in inits)]:
                    if "code" in names:
                        positions.setdefault(node.name, set()).add(names.index("code"))
            elif isinstance(node, ast.FunctionDef) and node.name != "__init__" and "code" in _parameters(node):
                positions.setdefault(node.name, set()).add(_parameters(node).index("code"))
    return {name: places for name, places in positions.items() if name not in OTHER_CODES}


def _parameters(function: ast.FunctionDef) -> list[str]:
    names = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
    return names[1:] if names[:1] in (["self"], ["cls"]) else names


def _texts(node: ast.expr | None) -> Iterator[str]:
    """The literal texts an expression can be: `"x"`, `"x" if … else "y"`, `("x", "y")`, `{"x", …}`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        for element in node.elts:
            yield from _texts(element)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set"):
        yield from _texts(node.args[0] if node.args else None)


def _names_code(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "code") or (isinstance(node, ast.Attribute) and node.attr == "code")


def _codes_used(tree: ast.Module, positions: dict[str, set[int]]) -> Iterator[tuple[str, int]]:
    """(code, line) of every message code written in the module, wherever a code is written:
    passed as `code`, assigned or looped into `code`, compared with a `.code`, returned as the
    code of a `(code, params)` pair, or listed in a set of `CODES`."""
    for node in ast.walk(tree):
        found: list[ast.expr | None] = []
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            found += [arg for index, arg in enumerate(node.args) if index in positions.get(name, ())]
            found += [k.value for k in node.keywords if k.arg == "code"]
        elif isinstance(node, ast.Assign) and any(_names_code(t) or getattr(t, "id", "").endswith("CODES")
                                                 for t in node.targets):
            found.append(node.value)
        elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple) and isinstance(node.iter, ast.Tuple):
            index = next((i for i, t in enumerate(node.target.elts) if _names_code(t)), None)
            found += [item.elts[index] for item in node.iter.elts if index is not None and isinstance(item, ast.Tuple)]
        elif isinstance(node, ast.Compare) and _names_code(node.left):
            found += node.comparators
        elif (isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2
              and isinstance(node.value.elts[1], ast.Dict)):
            found.append(node.value.elts[0])
        yield from ((code, node.lineno) for expression in found for code in _texts(expression))


def test_every_code_the_code_base_uses_is_in_the_tables_and_every_code_there_is_used():
    trees = _trees()
    positions = _code_positions(trees)
    assert {"DataProblem", "ValueProblem", "OutputProblem", "problem", "explain", "describe"} <= set(positions)
    used = {(code, f"{path.relative_to(ROOT)}:{line}") for path, tree in trees.items()
            for code, line in _codes_used(tree, positions)}
    table = errors.messages()["en"]
    assert sorted(where for code, where in used if code not in table) == [], "codes that are not in messages/*.yml"
    assert sorted(set(table) - {code for code, _ in used}) == [], "codes of messages/*.yml that nothing uses"


def test_the_scan_finds_a_code_wherever_the_code_base_writes_one():
    """What the scan above must see, and what it must leave alone (a country's code)."""
    source = '''
def check(problem, located, value):
    located.problem(("a",), "spelled_wrong")
    code = "first_way" if value else "second_way"
    for code, folder in (("in_a_loop", 1),):
        pass
    if problem.code in ("compared",):
        return "returned", {"value": value}
    return country_name("HK", "en")
SLIP_CODES = frozenset({"listed"})
'''
    positions = _code_positions(_trees())
    assert sorted(code for code, _ in _codes_used(ast.parse(source), positions)) == [
        "compared", "first_way", "in_a_loop", "listed", "returned", "second_way", "spelled_wrong"]
