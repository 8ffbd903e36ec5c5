"""The kinds of record that get a page of their own, each declared once.

A kind says where its records are kept (the data file, the list in it, the model of one record)
and where their pages go (`partners/<id>.md`, listed on `partners/index.md`, with the ids that
would take another page's address refused). The loader, the checks, the dataset and the record
pages all loop over `RECORD_KINDS`; what a page of the kind looks like is declared beside it, once,
in the rendering layer (`jiaoliu.render.registry`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from jiaoliu.core import models as m
from jiaoliu.core.pages import RECORD_PAGE


@dataclass(frozen=True)
class RecordKind:
    name: str  # one record, as lookups name it: "partner"
    folder: str  # its pages' folder: "partners"
    data_file: str  # under data/: "partners.yml"
    key: str  # the list in the data file: "partners"
    model: type[BaseModel]  # one record: models.Partner
    reserved_ids: frozenset[str]  # ids whose page is another page's address (the folder's index…)

    def page(self, record_id: str) -> str:
        """The docs path of a record's page: `partners/nmit.md`."""
        return f"{self.folder}/{record_id}.md"

    @property
    def list_page(self) -> str:
        """The hand-written page that lists the records: `partners/index.md`."""
        return f"{self.folder}/index.md"


PARTNERS = RecordKind("partner", "partners", "partners.yml", "partners", m.Partner,
                      frozenset({"index", "regions"}))  # regions/: the partners by region (pages.REGION_PAGES)
PROGRAMMES = RecordKind("programme", "programmes", "programmes.yml", "programmes", m.Programme, frozenset({"index"}))
RECORD_KINDS = (PARTNERS, PROGRAMMES)
_BY_FOLDER = {kind.folder: kind for kind in RECORD_KINDS}


def kind_in(folder: str) -> RecordKind | None:
    """The kind whose pages live in `folder`, if any."""
    return _BY_FOLDER.get(folder)


def record_of(page: str) -> tuple[RecordKind, str] | None:
    """(kind, id) when `page` is the address of a record's page."""
    match = RECORD_PAGE.fullmatch(page)
    kind = kind_in(match["folder"]) if match else None
    return (kind, match["id"]) if kind and match else None
