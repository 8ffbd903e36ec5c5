"""Read YAML files into plain Python data while remembering where every value came from.

PyYAML alone forgets line numbers and silently keeps the last of two duplicate keys, so we
compose the node tree (fast, with libyaml when present) and convert it ourselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataProblem

try:  # libyaml is 14x faster; fall back quietly where it is not compiled in.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Plain data of one file plus the (line, column) of every value, keyed by its path."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Best known position for `path`: the value itself, else its nearest parent."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def load_yaml(path: Path, display_name: str) -> Located:
    """Parse one YAML file; raise a list of DataProblem for anything a person must fix."""
    raw = path.read_bytes()
    problems = _check_raw_text(raw, display_name)
    if problems:
        raise DataFileError(problems)
    text = raw.decode("utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise DataFileError([_syntax_problem(exc, display_name, text)]) from None
    if node is None:
        raise DataFileError([DataProblem(display_name, 1, 1, "", "empty_file")])
    reader = _NodeReader(display_name)
    data = reader.convert(node, ())
    if reader.problems:
        raise DataFileError(reader.problems)
    return Located(display_name, data, reader.positions)


class DataFileError(Exception):
    """A file that cannot be read at all; carries every problem found."""

    def __init__(self, problems: list[DataProblem]):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


def _check_raw_text(raw: bytes, name: str) -> list[DataProblem]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return [DataProblem(name, 1, 1, "", "bom")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [DataProblem(name, line, 1, "", "not_utf8")]
    if not text.strip():
        return [DataProblem(name, 1, 1, "", "empty_file")]
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(DataProblem(name, number, len(line) - len(stripped) + 1, "", "tab_indent"))
    return problems


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, text: str) -> DataProblem:
    # An unclosed bracket or quote is noticed lines later; its opening is what needs fixing.
    opened = exc.context and ("flow" in exc.context or "quoted" in exc.context)
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    quote_line = _unclosed_quote_before(text, line)
    if quote_line:
        return DataProblem(name, quote_line, 1, "", "unclosed_quote")
    detail = (exc.problem or exc.context or "").strip()
    return DataProblem(name, line, column, "", "yaml_syntax", {"detail": detail})


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^:#'"]+:\s+(["'])(.*)$""")


def _unclosed_quote_before(text: str, error_line: int) -> int | None:
    """The last line before the error whose quoted value never closes (libyaml reads on)."""
    for number, line in reversed(list(enumerate(text.splitlines()[:error_line], start=1))):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        body = rest.replace('\\\\', "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in body:
            return number
    return None


class _NodeReader:
    """Turns composed nodes into Python values, noting positions and collecting problems."""

    def __init__(self, name: str):
        self.name = name
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[DataProblem] = []
        self._scalars = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path)
            if key in result:
                self._problem(key_node, path + (str(key),), "duplicate_key")
                continue
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self._problem(node, path, "complex_key")
            return None
        try:
            return self._scalars.construct_object(node)
        except ValueError:  # e.g. an impossible date such as 2023-02-30
            self._problem(node, path, "bad_scalar", value=node.value)
            return node.value

    def _problem(self, node: yaml.Node, path: Path_, code: str, **params: Any) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(DataProblem(self.name, line, column, dotted(path), code, params))


def dotted(path: Path_) -> str:
    return ".".join(f"[{p + 1}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")
