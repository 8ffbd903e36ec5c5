"""Read YAML files into plain Python data while remembering where every value came from.

Staff type YAML in a web editor; what they typed must be what is published. So the file is
read from the parser's events (libyaml, fast) by our own builder, which:

- keeps every quoted or block text exactly, and reads an unquoted value as a number, a date,
  true/false or null only in one plain spelling (`42`, `2023-05-01`, `true`, `null`); any other
  unquoted value that YAML 1.1 would silently turn into something else (`0104` → 68, `18:1` →
  1081, `NO` → false, `1e3`, `~`…) is refused with the reading and "put it in quotes";
- refuses tags (`!!python/…`, `!x`), anchors, aliases and merge keys (staff never need them, and
  aliases are how a few lines become gigabytes), several documents, nesting beyond MAX_DEPTH,
  and a `#` comment after an unquoted value (it silently cuts the text);
- never recurses (any depth of brackets is safe) and stops at MAX_VALUES values and
  MAX_FILE_BYTES bytes, so any file is checked in bounded time and memory.

Before parsing, the raw bytes are checked for what an editor does not show: a BOM, another
encoding, control characters (NUL, DEL, vertical tab…), line and paragraph separators that
YAML counts as line breaks but editors do not (line numbers would drift), and Tab indentation;
each is reported with the field it is in.

What a Chinese keyboard or a word processor types where YAML expects its own signs (`：` for
`:`, full-width spaces, curly quotes, `，`…) is named on its own line (`slips.py`), not left
to the parser's English about a later line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import yaml

from jiaoliu.core import slips
from jiaoliu.core.errors import DataProblem
from jiaoliu.core.sourcefile import file_problem, read_bytes

try:  # libyaml is 14x faster; fall back quietly where it is not compiled in.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 32 * 1024 * 1024  # the synthetic 3,000-partner file is 15 MB
MAX_VALUES = 500_000  # keys, texts, numbers, lists and groups in one file
MAX_DEPTH = 24  # our deepest real path is 7 levels
MAX_PROBLEMS = 50  # per file: enough to act on, bounded for a hostile file

# Characters YAML reads as line breaks or refuses, and other invisible controls; a Tab and a
# CR before LF (Windows line endings) are fine. U+FEFF anywhere is a byte-order mark.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML11 = yaml.resolver.Resolver()  # what other YAML tools (and PyYAML) would read
_STR_TAG = "tag:yaml.org,2002:str"
_COLON_NEXT = re.compile(r"[ \t\r\n]*:")


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

    def problem(self, path: Path_, code: str, **params: Any) -> DataProblem:
        """A problem about the value at `path`, with its line, column and readable field name."""
        line, column = self.where(path)
        return DataProblem(self.file, line, column, field_name(self.data, path), code, params)


class DataFileError(Exception):
    """A file that cannot be read at all; carries every problem found."""

    def __init__(self, problems: list[DataProblem]):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


def load_yaml(path: Path, display_name: str) -> Located:
    """Parse one YAML file; raise DataFileError listing every problem a person must fix (a file
    missing, or that is not a file, too)."""
    problem = file_problem(path, display_name)  # checked before anything opens it
    if problem is not None:
        raise DataFileError([problem])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError([DataProblem(display_name, 1, 1, "", "file_too_large",
                                         {"size": f"{size / 2**20:.0f}", "limit": MAX_FILE_BYTES // 2**20})])
    raw, problems = read_bytes(path, display_name)
    if problems:
        raise DataFileError(problems)
    if len(raw) > KEPT_BYTES:
        return parse_yaml(raw, display_name)
    parsed = _parsed(raw, display_name)
    return replace(parsed, data=_copied(parsed.data))  # the caller's own data, which it may change


KEPT_BYTES = 1_000_000  # a file above it (a synthetic data set) is read each time: memory stays small


@lru_cache(maxsize=32)  # keyed by the file's bytes: a changed file is read again
def _parsed(raw: bytes, display_name: str) -> Located:
    """A file read once for what it holds: a check reads every data file, and most are the same
    as at the last check (a preview's rebuild, the suite's hundreds of checks): 40 % of its time."""
    return parse_yaml(raw, display_name)


def _copied(data: Any) -> Any:
    """The plain data of a file (mappings, lists and scalars, which do not change) copied."""
    if isinstance(data, dict):
        return {key: _copied(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copied(value) for value in data]
    return data


def parse_yaml(raw: bytes, display_name: str) -> Located:
    """As `load_yaml`, for the bytes of a file."""
    text, problems = decode(raw, display_name)
    if problems:
        raise DataFileError(_name_fields(text, problems))
    builder = _Builder(display_name, text)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.add(event)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(exc, display_name, text, builder.read_to)
        # A problem on the same line, or a slip of the keyboard before, is what it comes from.
        if not any(p.line == problem.line or p.code in slips.CODES for p in builder.problems):
            builder.problems.append(problem)
        raise DataFileError(builder.problems[:MAX_PROBLEMS]) from None
    except _Stop:
        pass
    if builder.problems:
        raise DataFileError(builder.problems)
    if builder.root is None:
        raise DataFileError([DataProblem(display_name, 1, 1, "", "empty_file")])
    return Located(display_name, builder.root, builder.positions)


def decode(raw: bytes, name: str) -> tuple[str, list[DataProblem]]:
    """The text of a file, and what in its bytes must be fixed before it can be parsed."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", [DataProblem(name, line, 1, "", "not_utf8")]
    problems = []
    for match in _INVISIBLE.finditer(text):
        line, column = _position(text, match.start())
        char = f"U+{ord(match.group()):04X}"
        code = "bom" if match.group() == "\ufeff" else "control_char"
        problems.append(DataProblem(name, line, column, "", code, {"char": char}))
        if len(problems) >= MAX_PROBLEMS:
            return text, problems
    if not text.strip():
        return text, [DataProblem(name, 1, 1, "", "empty_file")]
    for match in _TAB_INDENT.finditer(text):
        line, _ = _position(text, match.start())
        problems.append(DataProblem(name, line, match.end() - match.start(), "", "tab_indent"))
        if len(problems) >= MAX_PROBLEMS:
            break
    return text, problems


def _name_fields(text: str, problems: list[DataProblem]) -> list[DataProblem]:
    """The problems of `decode`, each invisible character with the field it is in.

    The parser refuses most of them (or counts them as line breaks), so each is replaced by a
    visible placeholder, one character for one, and the text parsed again for where the values are."""
    matches = islice(_INVISIBLE.finditer(text), MAX_PROBLEMS)  # as many as decode reports
    hidden = {_position(text, match.start()): match.start() for match in matches}
    if not text or not hidden:
        return problems
    placeholder = _INVISIBLE.sub("\ufffd", text)
    builder = _Builder("", placeholder, spans=[])
    try:
        for event in yaml.parse(placeholder, Loader=_Loader):
            builder.add(event)
    except (yaml.YAMLError, _Stop):
        pass  # the values read until then are enough: the rest keeps no field
    fields = {at: next((name for start, end, name in builder.spans or [] if start <= index < end), "")
              for at, index in hidden.items()}
    return [replace(p, field=fields[(p.line, p.column)]) if p.code in ("control_char", "bom")
            and (p.line, p.column) in fields else p for p in problems]


def _position(text: str, index: int) -> tuple[int, int]:
    """(line, column) as an editor counts them: only a line feed starts a new line."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


# --- syntax errors ---------------------------------------------------------------------------


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, text: str, read_to: int) -> DataProblem:
    """What to fix, for a file the parser gave up on; `read_to`: the line of the last value it read."""
    # An unclosed bracket or quote is noticed lines later; its opening is what needs fixing.
    opened = exc.context and ("flow" in exc.context or "quoted" in exc.context)
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    last_line = text.count("\n") + 1
    line, column = (line, column) if line <= last_line else (last_line, 1)  # "at the end of the file"
    stopped = min(exc.problem_mark.line + 1, last_line) if exc.problem_mark else line
    unclosed = _unclosed_quote_before(text, line)
    if unclosed:
        quote_line, at = unclosed
        curly = slips.curly_closing(_line(text, quote_line)[at:])
        if curly:
            return DataProblem(name, quote_line, at + curly.offset + 1, "", curly.code, curly.params)
        return DataProblem(name, quote_line, 1, "", "unclosed_quote")
    slip = _slip_before(name, text, read_to, line, stopped)
    if slip:
        return slip
    if _closed_early(_line(text, line)):  # `en: 'Women's College'`: the inner quote closes the text
        return DataProblem(name, line, 1, "", "quote_inside")
    detail = (exc.problem or exc.context or "").strip()
    if "maximum nesting depth" in detail:  # libyaml's own limit, far above ours
        return DataProblem(name, line, column, "", "too_deep", {"limit": MAX_DEPTH})
    special = _SPECIAL_START.match(_line(text, line))
    if special:  # `en: *Star Alliance` and the like: YAML syntax at the start of a text
        return DataProblem(name, line, special.end(), "", "special_start", {"char": special.group(1)})
    return DataProblem(name, line, column, "", "yaml_syntax", {"detail": detail})


def _slip_before(name: str, text: str, read_to: int, line: int, stopped: int) -> DataProblem | None:
    """A slip of a Chinese keyboard where the parser stopped: at the start of a line it had not
    made sense of yet (from the last value it read), or on the line where the syntax broke."""
    last = max(line, stopped)
    lines = text.split("\n", last)[:last]
    for number in range(min(read_to, line), last + 1):
        slip = slips.at_line_start(lines[number - 1])
        if slip:
            return DataProblem(name, number, slip.offset + 1, "", slip.code, slip.params)
    for number in sorted({line, stopped}):
        slip = slips.in_syntax(lines[number - 1])
        if slip:
            return DataProblem(name, number, slip.offset + 1, "", slip.code, slip.params)
    return None


def _line(text: str, number: int) -> str:
    lines = text.split("\n", number)
    return lines[number - 1] if len(lines) >= number else ""


# `key: "text` or `- 'text` or `{zh: "text` whose quote never closes on that line
_QUOTE_START = re.compile(r"""(?:^\s*(?:-\s+)?[^:#'"\s][^:#'"]*:\s+|^\s*-\s+|[{,\[]\s*(?:[^:#'"{}\[\],]+:\s+)?)(["'])""")
_SPECIAL_START = re.compile(r"""^\s*(?:-\s+)?(?:[^:#'"\s][^:#'"]*:\s+)?([&*!|>%@`])""")


def _unclosed_quote_before(text: str, error_line: int) -> tuple[int, int] | None:
    """The last line up to the error whose quoted value never closes (libyaml reads on), and
    where its text starts on that line."""
    lines = text.split("\n", error_line)[:error_line]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        for match in _QUOTE_START.finditer(line):
            if not _closes(line[match.end():], match.group(1)):
                return number, match.end()
    return None


def _closed_early(line: str) -> bool:
    """A quoted value on this line is followed by more text after its closing quote."""
    for match in _QUOTE_START.finditer(line):
        quote, rest = match.group(1), line[match.end():]
        body = rest.replace("\\\\", "  ").replace('\\"', "  ") if quote == '"' else rest.replace("''", "  ")
        end = body.find(quote)
        after = rest[end + 1:].strip() if end >= 0 else ""
        if after and not after.startswith(("#", ",", "}", "]")):
            return True
    return False


def _closes(rest: str, quote: str) -> bool:
    body = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
    return quote in body


# --- building plain data from parser events ----------------------------------------------------


class _Stop(Exception):
    """Reading this file further would only repeat or multiply a problem already reported."""


_NO_KEY = object()  # a mapping waiting for its next key
_DROPPED = object()  # a mapping whose pending key was refused: its value is read and dropped


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path_ | None  # None: inside a refused key or value, read only to keep the parser going
    key: Any = _NO_KEY
    is_key: bool = False
    flow: bool = False  # written inside [ ] or { }


class _Builder:
    """Turns parser events into Python values, noting positions and collecting problems."""

    def __init__(self, name: str, text: str, spans: list[tuple[int, int, str]] | None = None):
        self.name = name
        self.text = text
        self.spans = spans  # if a list: (start, end, field) of every text, by character index
        self.root: Any = None
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[DataProblem] = []
        self.stack: list[_Frame] = []
        self.values = 0
        self.documents = 0
        self.last_line = text.count("\n") + 1  # libyaml places the end of the text one line further
        self.read_to = 1  # the line of the last event: the parser made sense of the text before it

    def _at(self, mark: Any) -> tuple[int, int]:
        """(line, column) of a parser mark (every event has one)."""
        line = mark.line + 1
        return (line, mark.column + 1) if line <= self.last_line else (self.last_line, 1)

    def add(self, event: yaml.Event) -> None:
        # Text without quotes may have taken in the lines of a slip (`＃ comment` and the next line).
        self.read_to = _lines(event)[0 if _is_plain(event) else 1]
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._problem(event, "multiple_documents")
                raise _Stop
        elif isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._node(event)
        elif isinstance(event, yaml.AliasEvent):
            self._problem(event, "yaml_alias", char="*")
            self._place(None, event, is_container=False)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._end()

    def _node(self, event: yaml.NodeEvent) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            self._problem(event, "too_many_values", limit=MAX_VALUES)
            raise _Stop
        if event.anchor is not None:
            self._problem(event, "yaml_anchor", char="&")
        tag = getattr(event, "tag", None)
        if tag is not None:
            self._problem(event, "yaml_tag", char="!", tag=tag)
        if isinstance(event, yaml.ScalarEvent):
            is_key = self._expecting_key()
            value = event.value if is_key else self._scalar(event)  # keys: text as typed
            path, _ = self._place(value, event, is_container=False)
            if self.spans is not None:  # a key is reported as the group it is in
                owner = self.stack[-1].path if is_key else path
                name = field_name(self.root, owner) if owner is not None else ""
                self.spans.append((*_span(event), name))
            return
        if len(self.stack) >= MAX_DEPTH:
            self._problem(event, "too_deep", limit=MAX_DEPTH)
            raise _Stop
        container: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        path, is_key = self._place(container, event, is_container=True)
        self.stack.append(_Frame(container, path, is_key=is_key, flow=bool(getattr(event, "flow_style", False))))

    def _expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.is_key and self.stack:  # a list or group used as a key: drop its value too
            self.stack[-1].key = _DROPPED

    def _place(self, value: Any, event: yaml.Event, is_container: bool) -> tuple[Path_ | None, bool]:
        """Attach a value where the parser is; return its path and whether it is a key."""
        if not self.stack:
            self.root = value
            self._note((), event)
            return (), False
        top = self.stack[-1]
        if isinstance(top.container, list):
            path = None if top.path is None else top.path + (len(top.container),)
            top.container.append(value)
            self._note(path, event)
            return path, False
        if top.key is _NO_KEY:  # this value is a key
            if is_container or value is None and isinstance(event, yaml.AliasEvent):
                self._problem(event, "complex_key")
                top.key = _DROPPED
                return None, is_container
            top.key = self._key(value, event, top)
            return None, False
        key, top.key = top.key, _NO_KEY
        if key is _DROPPED or top.path is None:
            return None, False
        assert isinstance(top.container, dict)
        top.container[key] = value
        path = top.path + (key,)
        self._note(path, event)
        return path, False

    def _key(self, value: Any, event: yaml.Event, top: _Frame) -> Any:
        key = event.value if isinstance(event, yaml.ScalarEvent) else value  # keys are text as typed
        if isinstance(event, yaml.ScalarEvent) and _is_plain(event) and self._key_slip(event, top):
            return _DROPPED
        if key == "<<" and _is_plain(event):
            self._problem(event, "merge_key")
            return _DROPPED
        assert isinstance(top.container, dict)
        if key in top.container:
            path = None if top.path is None else top.path + (key,)
            self._problem(event, "duplicate_key", path=path)
            return _DROPPED
        return key

    def _value_slip(self, event: yaml.ScalarEvent) -> bool:
        """Report a slip of the keyboard in a value typed without quotes, if there is one."""
        start, _ = _span(event)
        before = self.text[self.text.rfind("\n", 0, start) + 1:start]
        slip = slips.in_value(event.value, slips.starts_line(before), bool(self.stack) and self.stack[-1].flow)
        if slip:
            self._slip(event, slip)
        return slip is not None

    def _key_slip(self, event: yaml.ScalarEvent, top: _Frame) -> bool:
        """Report a slip of the keyboard in a field name typed without quotes, if there is one."""
        slip = slips.in_key(event.value) if not event.value.isascii() else None
        if slip:
            self._slip(event, slip)
            return True
        start, end = _span(event)
        if top.flow and not _COLON_NEXT.match(self.text, end):  # `{en: Gachon, Korea}`: no colon after
            comma = self.text.rfind(",", 0, start)
            self._problem_at(comma if comma >= 0 else start, "comma_in_braces", value=event.value)
            return True
        return False

    def _slip(self, event: yaml.ScalarEvent, slip: slips.Slip) -> None:
        """Report a slip found in a value at an offset of the value: on its line and column."""
        start, end = _span(event)
        source, char = self.text[start:end], event.value[slip.offset:slip.offset + 1]
        offset = slip.offset if source == event.value else max(source.find(char), 0)  # folded lines
        self._problem_at(start + offset, slip.code, **slip.params)

    def _problem_at(self, index: int, code: str, **params: Any) -> None:
        line, column = _position(self.text, index)
        self.problems.append(DataProblem(self.name, line, column, self._field(), code, params))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    def _note(self, path: Path_ | None, event: yaml.Event) -> None:
        if path is not None:
            self.positions[path] = self._at(event.start_mark)

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        """The value of a scalar, exactly as typed, or a problem saying why it cannot be."""
        value = event.value
        if not _is_plain(event) or event.tag is not None:
            return value  # quoted or block text: kept exactly
        if not value.isascii() and self._value_slip(event):  # every slip is a non-ASCII character
            return value
        if value and self._comment_follows(event):
            self._problem(event, "inline_comment", at_end=True)
        if value in ("", "null"):
            return None
        if value in ("true", "false"):
            return value == "true"
        if _INT.fullmatch(value):
            return int(value)
        if _DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:  # e.g. 2023-02-30
                self._problem(event, "bad_scalar", value=value)
                return value
        tag = _YAML11.resolve(yaml.ScalarNode, value, (True, False))
        if tag != _STR_TAG:  # another tool would read something else than the text typed
            self._problem(event, "yaml_reading", value=value, reading=_reading(value, tag))
        return value

    def _comment_follows(self, event: yaml.ScalarEvent) -> bool:
        """A ` #` after an unquoted text starts a comment: the rest of the line is lost."""
        end = event.end_mark.index if event.end_mark else 0  # in characters, as libyaml counts them
        line_end = self.text.find("\n", end)
        rest = self.text[end: line_end if line_end >= 0 else len(self.text)]
        return rest.lstrip(" \t\r").startswith("#")

    def _problem(self, event: yaml.Event, code: str, path: Path_ | None = None, at_end: bool = False,
                 **params: Any) -> None:
        line, column = self._at(event.end_mark if at_end else event.start_mark)
        field_ = field_name(self.root, path) if path else self._field()
        self.problems.append(DataProblem(self.name, line, column, field_, code, params))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    def _field(self) -> str:
        """The field being read, e.g. `partners[3].name.en`, for a problem met while reading it."""
        top = self.stack[-1] if self.stack else None
        if top is None or top.path is None:
            return ""
        if isinstance(top.container, list):
            path = top.path + (len(top.container),)
        else:
            path = top.path + (top.key,) if isinstance(top.key, str) else top.path
        return field_name(self.root, path)


def _span(event: yaml.Event) -> tuple[int, int]:
    """Where the text of an event starts and ends, in characters (libyaml marks every event)."""
    assert event.start_mark is not None and event.end_mark is not None
    return event.start_mark.index, event.end_mark.index


def _lines(event: yaml.Event) -> tuple[int, int]:
    """The lines (from 1) where the text of an event starts and ends."""
    assert event.start_mark is not None and event.end_mark is not None
    return event.start_mark.line + 1, event.end_mark.line + 1


def _is_plain(event: yaml.Event) -> bool:
    return isinstance(event, yaml.ScalarEvent) and event.style in (None, "")


def _reading(value: str, tag: str) -> str:
    """What YAML 1.1 makes of an unquoted value, for the message ("68", "false", "null")."""
    try:
        read = yaml.constructor.SafeConstructor().construct_object(yaml.ScalarNode(tag, value))
    except (ValueError, TypeError, yaml.YAMLError):
        read = value
    if isinstance(read, bool):
        return "true" if read else "false"
    if read is None:
        return "null"
    return str(read)


# --- walking located data -----------------------------------------------------------------------


def field_name(data: Any, path: tuple) -> str:
    """`partners[nmit].name.en`: the record's id reads better than its position."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            record_id = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{record_id}]" if isinstance(record_id, str) else f"[{step + 1}]")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(f".{step}" if parts else str(step))
    return "".join(parts)


def walk(data: Any, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Values at `pattern` ("*" = every list item), with their paths."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from walk(item, rest, path + (index,))
    elif isinstance(data, dict) and data.get(head) is not None:
        yield from walk(data[head], rest, path + (head,))


def leaves(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every scalar value with its path (the depth is bounded by MAX_DEPTH when reading)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, path + (index,))
    else:
        yield path, data
