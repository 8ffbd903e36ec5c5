"""Generated from the models: every text, address and link field, given every hostile value.

The fields are found from their types (`models.field_paths`), so a field added to a model is
covered without anyone adding it here. For each value, either the check refuses it with the
file and the line of the field, or a real build shows it as text and no element, attribute,
address or fetch in any page comes from it.
"""

from __future__ import annotations

import copy
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import get_origin

import pytest
import yaml
from lxml import html as lxml_html
from PIL import Image

from conftest import LANGUAGES, ROOT, build_site, copy_project, module_build
from jiaoliu.core import models as m
from jiaoliu.core.loader import check_data, data_files
from jiaoliu.core.yamlsource import load_yaml

# Each carries a token (Xn) that must never reach markup, only text.
HOSTILE = [
    '<script>alert("X1")</script>',
    "<img src=x onerror=alert('X2')>",
    "[click](javascript:alert('X3'))",
    "![pic](https://evil.test/X4.png)",
    "{{ config.site_name }} X5 {% raw %}",
    '--8<-- "X6.md"',
    'X7 {: .evil onclick="alert(1)" }',
    " JaVaScRiPt:alert('X8')",
    "//evil.test/X9",
    "data:text/html;base64,PHNjcmlwdD4=X10",
    "&lt;script&gt;X11 &amp; &#106;avascript:",
    "\u202eX12\u202c reversed",
    "<!-- jiaoliu:contact --> X13",
    "<https://evil.test/X14>",
    "| X15 | table |\n|---|---|",
    "# X16 heading\n- item\n> quote",
    "see [X17][r]\n\n[r]: https://evil.test/X17",
    '<a href="https://evil.test/X18">X18</a>',
    "javascript:alert('X19')",
    "***X20*** __u__ `code` ~~s~~ $$x$$",
]
TOKEN = re.compile(r"X\d+")
URL_SCHEME = re.compile(r"[\x00-\x20]*([a-zA-Z][a-zA-Z0-9+.-]*):")
SLUG_ANCHOR = re.compile(r"#[\w-]*")  # ids MkDocs makes from a heading: letters (any script), digits, -
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background"}

FIELD_KINDS = {"text": (m._line, m._paragraph), "url": (m._url,), "link": (m.link_check,),
               "contact": (m._email, m._phone, m._wechat),  # these become mailto:, tel: and wa.me links
               "term": (m._chinese_term,),  # the Traditional corrections: text on every Traditional page
               "image": (m._image_path,), "repository": (m._repository, m._branch),  # a logo; edit links
               "photo": (m._photo_file,)}  # a photo's file in data/photos/
# Every data file: the fixed ones (models.FILES) and each year's report, which the loader finds.
FILES = data_files(ROOT / "data")
# What the real data leaves out or writes as null (a field left out is only created when it is a
# text or a zh/en of an existing group; null is left alone on purpose): given valid values, so that
# every field of every model is there to be given hostile values. The correction is of the site's
# name (mkdocs.yml), on every page whatever the data says.
PHOTO = "example.jpg"  # a photo in data/photos/ of every copy (_write_all)
COMPLETE = {
    "site.yml": {"logo": {"image": "assets/images/favicon.png", "alt": {"zh": "校徽", "en": "College logo"}},
                 "photo": {"file": PHOTO, "alt": {"zh": "示例", "en": "Example"}, "credit": {"zh": "示例", "en": "Example"}},
                 "favicon": "assets/images/favicon.png",
                 "repository": {"url": "https://github.com/example/gdep", "branch": "main"},
                 "office": {"email": "office@example.org", "phone": "+86 20 1234 5678", "whatsapp": "+86 20 1234 5678",
                            "wechat": "jiaoliu-office", "address": {"zh": "广州市", "en": "Guangzhou"},
                            "hours": {"zh": "周一至周五", "en": "Monday to Friday"}}},
    "admissions.yml": {**{name: [{"zh": "示例", "en": "Example"}] if get_origin(m.Admissions.model_fields[name].annotation)
                          is list else {"zh": "示例", "en": "Example"} for name in m.ADMISSIONS_SECTIONS},
                       "hong_kong_macao": {"routes": {"zh": "示例", "en": "Example"},
                                           "documents": [{"zh": "示例", "en": "Example"}],
                                           "fees": {"zh": "示例", "en": "Example"}}},
    "traditional.yml": {"names": [{"simplified": "国际交流与合作", "traditional": "國際交流與合作"}]},
    "student-life.yml": {**{part: {"zh": "示例", "en": "Example"} for part in m.STUDENT_LIFE_PARTS},
                         "campus": {"address": {"zh": "示例", "en": "Example"}, "about": {"zh": "示例", "en": "Example"}}},
    "news.yml": {"news": [{"id": "example", "date": date(2024, 1, 1), "title": {"zh": "示例", "en": "Example"},
                           "text": {"zh": "示例", "en": "Example"}, "link": "study.md"}]},
    "partnering.yml": {"offer": {"zh": "示例", "en": "Example"}, "steps": [{"zh": "示例", "en": "Example"}]},
    "faq.yml": {"groups": [{"title": {"zh": "示例", "en": "Example"},
                            "questions": [{"question": {"zh": "示例", "en": "Example"},
                                           "answer": {"zh": "示例", "en": "Example"}}]}]},
}


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 427), (40, 90, 150)).save(out, "JPEG")
    return out.getvalue()


_PHOTO_BYTES = _photo()


def fields(kind: str) -> list[tuple[str, tuple]]:
    """(data file, path pattern) of every field of this kind in every model."""
    return [(file_name, pattern) for file_name, model in FILES.items()
            for check in FIELD_KINDS[kind] for pattern in m.field_paths(model, check)]


def test_the_models_have_fields_of_every_kind():
    assert len(fields("text")) > 50 and fields("url") and fields("link") and len(fields("contact")) == 4
    assert fields("term") and fields("image") and fields("repository")


def test_every_field_is_given_hostile_values_the_newer_ones_too():
    files = _read_all(ROOT / "data")
    placed = {(file_name, tuple("*" if isinstance(step, int) else step for step in path))
              for kind in FIELD_KINDS for file_name, path in _placements(kind, files)}
    for place in [("site.yml", ("office", "email")), ("site.yml", ("office", "hours", "en")),
                  ("site.yml", ("office", "whatsapp")), ("site.yml", ("logo", "image")),
                  ("site.yml", ("logo", "alt", "zh")), ("site.yml", ("favicon",)),
                  ("site.yml", ("repository", "url")), ("site.yml", ("repository", "branch")),
                  ("admissions.yml", ("who_can_apply", "zh")), ("admissions.yml", ("steps", "*", "en")),
                  ("traditional.yml", ("names", "*", "simplified")), ("traditional.yml", ("names", "*", "traditional")),
                  ("traditional.yml", ("names", "*", "source")), ("reports/2023.yml", ("title", "zh")),
                  ("reports/2023.yml", ("sections", "*", "paragraphs", "*", "corrections", "*", "corrected")),
                  ("student-life.yml", ("housing", "en")), ("student-life.yml", ("campus", "address", "zh")),
                  ("faq.yml", ("groups", "*", "title", "en")),
                  ("admissions.yml", ("hong_kong_macao", "documents", "*", "zh")),
                  ("faq.yml", ("groups", "*", "questions", "*", "answer", "zh")),
                  ("site.yml", ("photo", "file")), ("site.yml", ("photo", "alt", "en")),
                  ("site.yml", ("photo", "credit", "zh"))]:
        assert place in placed, place


def _slots(data, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every place the pattern reaches in the data, including optional leaves not written yet
    (a text whose parent exists, or a zh/en whose group is missing, is created); a value
    written out as null is left alone."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _slots(item, rest, path + (index,))
    elif isinstance(data, dict):
        if head in data and data[head] is None:
            return  # written out as null on purpose (e.g. en: null, an unverified English name)
        if head not in data:
            if rest == ():
                yield path + (head,), None
            elif rest in (("zh",), ("en",)) and head not in ("name", "major"):
                yield path + (head, rest[0]), None
            return
        yield from _slots(data[head], rest, path + (head,))


def _set(data, path: tuple, value) -> None:
    for step in path[:-1]:
        if isinstance(data, dict) and data.get(step) is None:
            data[step] = {}
        data = data[step]
    data[path[-1]] = value


def _read_all(data_dir: Path) -> dict[str, object]:
    """Every data file, with the parts the real data leaves out filled in (COMPLETE)."""
    files = {name: load_yaml(data_dir / name, f"data/{name}").data for name in FILES}
    for name, parts in COMPLETE.items():
        for key, value in parts.items():
            current = files[name].get(key)
            if isinstance(current, dict):
                files[name][key] = {**current, **value}
            elif isinstance(current, list):
                files[name][key] = [*current, *value]
            else:
                files[name][key] = value
    return files


def _write_all(data_dir: Path, files: dict[str, object]) -> None:
    (data_dir / "photos").mkdir(exist_ok=True)
    (data_dir / "photos" / PHOTO).write_bytes(_PHOTO_BYTES)
    for name, data in files.items():  # libyaml's safe dumper: what yaml.safe_dump writes, ten times faster
        (data_dir / name).write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                                               width=10**6), "utf-8")


def _placements(kind: str, files: dict) -> list[tuple[str, tuple]]:
    """(file, path) of every value of every field of this kind (present or optional)."""
    return [(file_name, path) for file_name, pattern in fields(kind)
            for path, value in _slots(files[file_name], pattern) if value is None or isinstance(value, str)]


def _positions(data_dir: Path, placed: list[tuple[str, tuple]]) -> set[tuple[str, int]]:
    located = {name: load_yaml(data_dir / name, f"data/{name}") for name in {f for f, _ in placed}}
    return {(f"data/{f}", located[f].where(p)[0]) for f, p in placed}


@pytest.mark.parametrize("kind", ["url", "link", "contact", "term", "image", "repository", "photo"])
def test_every_address_link_and_name_field_refuses_every_hostile_value_at_its_line(tmp_path, kind):
    project = copy_project(tmp_path / "project")
    data_dir = project / "data"
    original = _read_all(data_dir)
    places = _placements(kind, original)
    assert places
    for value in HOSTILE:
        files = _copy(original)
        for file_name, path in places:
            _set(files[file_name], path, value)
        _write_all(data_dir, files)
        result = check_data(data_dir, docs=project / "docs", languages=LANGUAGES)
        expected = _positions(data_dir, places)
        found = {(p.file, p.line) for p in result.errors}
        assert expected <= found, (value, sorted(expected - found))
        assert all(p.code in ("bad_url", "bad_link", "insecure_url", "bad_email", "email_not_one_address",
                              "bad_phone", "bad_wechat", "control_char", "empty_text", "not_chinese_term",
                              "term_symbol", "bad_image_path", "bad_repository", "bad_branch", "bad_photo_file")
                   for p in result.errors if (p.file, p.line) in expected), value
    _write_all(data_dir, original)


def _copy(files: dict) -> dict:
    return copy.deepcopy(files)


def _refused(data_dir: Path, docs: Path, places: list[tuple[str, tuple]]) -> set[tuple[str, tuple]]:
    """The placements the check refuses; every error must name the file and line of one of them."""
    result = check_data(data_dir, docs=docs, languages=LANGUAGES)
    if not result.errors:
        return set()
    located = {f: load_yaml(data_dir / f, f"data/{f}") for f in {f for f, _ in places}}
    lines = {(f"data/{f}", located[f].where(p)[0]): (f, p) for f, p in places}
    stray = [p.format() for p in result.errors if (p.file, p.line) not in lines]
    assert not stray, stray
    return {lines[(p.file, p.line)] for p in result.errors}


@dataclass(frozen=True)
class TextPlaces:
    """The data filled in (COMPLETE) and every place of a text field in it, the correction of the
    site's name (COMPLETE) among them."""

    original: dict[str, object]
    places: list[tuple[str, tuple]]
    correction: tuple[str, tuple]

    def hostile(self, place: tuple[str, tuple], value: str) -> str:
        """The value for a place: the correction of the site's name must stay a Chinese name."""
        return "國際交流與合作" + value if place == self.correction else value


@pytest.fixture(scope="module")
def text_places() -> TextPlaces:
    original = _read_all(ROOT / "data")
    # The correction of the site's name (COMPLETE), given "國際交流與合作" + each value.
    correction = ("traditional.yml", ("names", len(original["traditional.yml"]["names"]) - 1, "traditional"))
    places = [place for place in _placements("text", original) if not _quoted(original, place)]
    return TextPlaces(original, [*places, correction], correction)


def _quoted(files: dict, place: tuple[str, tuple]) -> bool:
    """A figure's quote of its report, and the paragraphs of a section quoted: they must match
    each other (crossrefs._quotes), across records, so they keep their text; the same kinds of
    field (one-line texts, paragraphs) take every value elsewhere."""
    file_name, path = place
    report = files[file_name]
    if not file_name.startswith("reports/") or not isinstance(report, dict):
        return False
    quoted = {s["section"] for f in report.get("figures") or [] for s in f.get("reported") or []}
    if path[:1] == ("figures",) and path[-1] in ("verbatim", "en") and "reported" in path:
        return True
    return path[:1] == ("sections",) and path[2:3] == ("paragraphs",) and report["sections"][path[1]]["id"] in quoted


@module_build
def refused(text_places, tmp_path_factory) -> dict[str, set]:
    """Each value everywhere at once: the places the check refuses it at (each at its line)."""
    project = copy_project(tmp_path_factory.mktemp("refused") / "project")
    refusals = {}
    for value in HOSTILE:
        files = _copy(text_places.original)
        for file_name, path in text_places.places:
            _set(files[file_name], path, text_places.hostile((file_name, path), value))
        _write_all(project / "data", files)
        refusals[value] = _refused(project / "data", project / "docs", text_places.places)
    return refusals


@module_build
def baseline(text_places, tmp_path_factory) -> set[tuple[str, str]]:
    """The markup of the site built from the filled-in data."""
    tmp = tmp_path_factory.mktemp("baseline")
    project = copy_project(tmp / "project")
    _write_all(project / "data", text_places.original)
    return _markup(build_site(project, tmp / "site", strict=False, search_index=False))


def test_a_value_everywhere_is_refused_only_at_the_lines_of_text_fields(text_places, refused):
    """`refused` asserts that every error is at the line of a text field; bidi controls are
    refused wherever they are typed."""
    places = text_places.places
    assert refused[HOSTILE[11]] >= set(places) - {p for p in places if p[1][-1] == "derive"}


# Then build: in round r, every field of record k gets value (k + r) mod n (one value per record
# keeps texts that must match, such as a correction and its paragraph, consistent). After n rounds
# every field was built with every value it accepts. One test per round, one build each.
@pytest.mark.parametrize("round_", range(len(HOSTILE)))
def test_every_text_field_shows_every_hostile_value_as_text_or_refuses_it(tmp_path, text_places, refused,
                                                                           baseline, round_):
    original, places = text_places.original, text_places.places
    project = copy_project(tmp_path / "project")
    data_dir, docs = project / "data", project / "docs"
    records = {key: index for index, key in enumerate(dict.fromkeys((f, p[:2]) for f, p in places))}
    files = _copy(original)
    assigned = {}
    for file_name, path in places:
        value = HOSTILE[(records[(file_name, path[:2])] + round_) % len(HOSTILE)]
        if (file_name, path) not in refused[value]:
            _set(files[file_name], path, text_places.hostile((file_name, path), value))
            assigned[(file_name, path)] = text_places.hostile((file_name, path), value)
    _write_all(data_dir, files)
    # A value can still be refused next to another (a multi-line paragraph and its one-line
    # correction no longer match): such refusals too must be at the line of a text field.
    for file_name, path in _refused(data_dir, docs, places):
        clash = [p for p in assigned if p[0] == file_name and p[1][:2] == path[:2]]
        for place in [(file_name, path)] if (file_name, path) in assigned else clash:
            _restore(files[place[0]], original[place[0]], place[1])
            assigned.pop(place)
    _write_all(data_dir, files)
    assert not check_data(data_dir, docs=docs, languages=LANGUAGES).errors, round_
    site = build_site(project, tmp_path / "site", strict=False, search_index=False)  # the pages are what it reads
    _assert_inert(site, baseline, set(assigned.values()), round_)
    shutil.rmtree(site)  # 10 MB a round; kept when the round fails


def _restore(data, original, path: tuple) -> None:
    """Put back the original value at `path` (or remove a value, and a group, we added)."""
    value = original
    for step in path:
        value = value.get(step) if isinstance(value, dict) else (value[step] if isinstance(value, list) else None)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if value is not None:
        parent[path[-1]] = value
        return
    parent.pop(path[-1], None)
    if not parent and len(path) > 1:  # a zh/en group we created
        grand = data
        for step in path[:-2]:
            grand = grand[step]
        grand.pop(path[-2], None)


def _pages(site: Path) -> Iterator[tuple[Path, object]]:
    for page in site.rglob("*.html"):
        yield page, lxml_html.fromstring(page.read_bytes())


def _markup(site: Path) -> set[tuple[str, str]]:
    """(element, attribute name) pairs the theme and our renderers produce."""
    pairs = set()
    for _, document in _pages(site):
        for element in document.iter():
            if isinstance(element.tag, str):
                pairs.add((element.tag, ""))
                pairs.update((element.tag, name) for name in element.attrib)
    return pairs


def _assert_inert(site: Path, baseline: set, values: set[str], round_: int) -> None:
    texts = []
    for page, document in _pages(site):
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue
            pairs = {(element.tag, "")} | {(element.tag, name) for name in element.attrib}
            assert pairs <= baseline, (round_, page, pairs - baseline)
            for name, value in element.attrib.items():
                if name in URL_ATTRIBUTES and not SLUG_ANCHOR.fullmatch(value):  # a heading's own anchor is fine
                    scheme = URL_SCHEME.match(value)  # mailto: and tel: from the office's channels
                    assert not TOKEN.search(value) and "evil" not in value.lower(), (round_, page, name, value)
                    assert scheme is None or scheme[1].lower() in ("https", "http", "mailto", "tel"), (round_, page, name, value)
                elif name not in ("content", "title", "aria-label", "alt", "value", "data-clipboard-text"):
                    assert not TOKEN.search(value), (round_, page, name, value)  # e.g. class, id, on*, style
            if element.tag == "script" and element.text and TOKEN.search(element.text):
                assert element.get("type") == "application/ld+json", (round_, page)
                json.loads(element.text)  # data inside JSON-LD stays a JSON string
        texts.append(" ".join(document.text_content().split()))
    shown = "\n".join(texts)
    for value in values:
        assert " ".join(value.split())[:40] in shown, (round_, value)  # shown literally, as text
