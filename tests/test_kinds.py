"""The registries (issue 24, point 5): each kind of record page and each block is declared once
(`jiaoliu.core.kinds`, `jiaoliu.render.registry`), and the loader, the checks, the record
pages, the <head> of each page and these tests all follow the declaration."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import LANG_PREFIX, ROOT, WRITTEN_LANGUAGES, data_file
from corpus_cases import check, fresh_data
from jiaoliu.core.kinds import RECORD_KINDS, kind_in, record_of
from jiaoliu.core.models import FILES
from jiaoliu.core.pages import GENERATED_LISTS
from jiaoliu.render.registry import BLOCKS, RECORD_PAGES

KINDS = {kind.folder: kind for kind in RECORD_KINDS}
PAGES_OF = {pages.kind: pages for pages in RECORD_PAGES}


def test_every_kind_has_its_pages_declared_once():
    assert [pages.kind for pages in RECORD_PAGES] == list(RECORD_KINDS)
    assert len(KINDS) == len(RECORD_KINDS) and all(kind_in(folder) is kind for folder, kind in KINDS.items())
    for pages in RECORD_PAGES:
        assert pages.list_block in BLOCKS, pages.kind.name


@pytest.mark.parametrize("folder", KINDS)
def test_a_kind_names_its_file_its_list_and_the_model_of_one_record(folder):
    kind = KINDS[folder]
    listed = FILES[kind.data_file].model_fields[kind.key].annotation
    assert typing.get_args(listed) == (kind.model,), listed
    assert record_of(kind.page("some-id")) == (kind, "some-id")
    assert record_of(f"{folder}/index") is None and record_of("about/some-id.md") is None


@pytest.mark.parametrize("folder", KINDS)
def test_every_record_has_its_page_in_every_language_listed_on_the_kinds_page(site, folder):
    kind = KINDS[folder]
    ids = [record["id"] for record in data_file(kind.data_file)[kind.key]]
    assert ids
    for lang, prefix in LANG_PREFIX.items():
        linked = set()
        for page in (site / prefix).glob("**/index.html") if prefix else site.glob("**/index.html"):
            document = lxml_html.fromstring(page.read_bytes())
            linked |= {(page.parent / href).resolve() for href in document.xpath("//article//a/@href")
                       if not href.startswith(("http", "#", "mailto:", "tel:"))}
        for record_id in ids:
            built = site / prefix / folder / record_id / "index.html"
            assert built.is_file(), (lang, built)
            assert built.parent.resolve() in linked, f"{lang}: no page links to {folder}/{record_id}/"
    for lang in WRITTEN_LANGUAGES:  # the list page shows the kind's block
        written = (ROOT / "docs" / lang / kind.list_page).read_text("utf-8")
        assert f"<!-- jiaoliu:{PAGES_OF[kind].list_block} -->" in written, lang


@pytest.mark.parametrize("folder", KINDS)
def test_each_reserved_id_is_refused_at_its_line(tmp_path, folder):
    """The ids whose page would be another page's address: the folder's index, and each folder of
    generated lists inside it (partners/regions/)."""
    kind = KINDS[folder]
    inside = {prefix.removeprefix(f"{folder}/").split("/")[0] for prefix in GENERATED_LISTS if prefix.startswith(f"{folder}/")}
    assert kind.reserved_ids >= {"index", *inside}, kind.reserved_ids
    data = fresh_data(tmp_path)
    path = data / kind.data_file
    text = path.read_text("utf-8")
    first = re.search(r"^  - id: (\S+)$", text, re.MULTILINE)
    assert first, kind.data_file
    line = text.count("\n", 0, first.start()) + 1
    for reserved in sorted(kind.reserved_ids):
        path.write_text(text[: first.start(1)] + reserved + text[first.end(1):], "utf-8")
        problems = [p for p in check(data).errors if p.code == "reserved_id"]
        assert [(p.file, p.line) for p in problems] == [(f"data/{kind.data_file}", line)], reserved


def test_every_block_is_shown_somewhere_and_shows_data_files_that_exist():
    used = {name for page in (ROOT / "docs" / "zh").rglob("*.md")
            for name in re.findall(r"<!-- jiaoliu:([a-z0-9-]+) -->", page.read_text("utf-8"))}
    assert used == set(BLOCKS), set(BLOCKS) ^ used
    for name, block in BLOCKS.items():
        assert all(file_name in FILES for file_name in block.files), name


def _head(site: Path, address: str) -> tuple[str | None, list[dict]]:
    document = lxml_html.fromstring((site / address / "index.html").read_bytes())
    description = document.xpath("string(//meta[@name='description']/@content)") or None
    return description, [json.loads(script.text) for script in document.xpath("//script[@type='application/ld+json']")]


@pytest.mark.parametrize("folder", KINDS)
def test_a_records_page_is_described_by_its_record_and_its_kind(site, folder):
    """Each kind's description and structured data reach the <head> of its pages."""
    kind = KINDS[folder]
    record = data_file(kind.data_file)[kind.key][0]
    description, structured = _head(site / "en", f"{folder}/{record['id']}")
    assert description and description != _head(site / "en", "")[0]  # its own, not the site's
    types = [entry["@type"] for entry in structured]
    assert types == (["EducationalOccupationalProgram"] if folder == "programmes" else []), types
