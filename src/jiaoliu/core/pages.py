"""Addresses of the site's pages: where each record's page lives, which ids would collide with
other pages, and the one form a link in a data file may take.

Pure and at the bottom of the package: validation (which pages exist, which ids are free) and
rendering (where to link) both read it, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The kinds of record with pages of their own (partners/<id>.md…) are declared in core/kinds.py.
# Where the lists that grow with the data get pages of their own (partners by region, awards by
# year), each made from one data file: no hand-written page may take an address there.
REGION_PAGES = "partners/regions/"
AWARD_YEAR_PAGES = "achievements/awards-"
GENERATED_LISTS = {REGION_PAGES: "partners.yml", AWARD_YEAR_PAGES: "achievements.yml"}
REPORTS_FOLDER = "reports"  # data/reports/<year>.yml, one annual report each
REPORT_FILE = re.compile(r"(?P<year>[0-9]{4})\.yml")
REPORTS_PAGE = "report/index.md"  # the archive: every year's report
REPORT_PAGE = re.compile(r"report/(?P<year>[0-9]{4})\.md")  # one year's report
FIGURES_PAGE = "figures.md"
CONTACT_PAGE = "contact.md"
STUDY_PAGE = "study.md"
STUDENT_LIFE_PAGE = "student-life.md"  # built only once data/student-life.yml has content
QUESTIONS_PAGE = "faq.md"  # built only once data/faq.yml has a question
PARTNERING_PAGE = "partner-with-us.md"  # built only once data/partnering.yml has content
NEWS_PAGE = "news.md"  # built only once data/news.yml has an item
NEWS_FEED = "news.xml"  # each language's Atom feed, beside its home page

ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# A page of this site as staff write it: its docs path, and optionally an anchor on it.
PAGE_LINK = re.compile(rf"(?P<page>(?:{ID}/)*{ID}\.md)(?:#(?P<anchor>{ID}))?")
# An address on another site: https only, a host name, a plain path (no query, no user info).
HTTPS_LINK = re.compile(r"https://[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[A-Za-z0-9._~%/-]*)?")
RECORD_PAGE = re.compile(rf"(?P<folder>{ID})/(?P<id>{ID})\.md")
# A report section as records cite it: `s2-2-9`, or with the report's year, `2023/s2-2-9`.
SECTION_REF = re.compile(rf"(?:(?P<year>[0-9]{{4}})/)?(?P<id>{ID})")
# The repository the site is built from (data/site.yml `repository`), for staff's edit links.
GITHUB_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+")
BRANCH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")


def address_of_path(path: str) -> str:
    """`index.md` → "", `about.md` → `about/`, `partners/index.md` → `partners/` (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def report_file(year: int) -> str:
    """The key (and path under data/) of a year's report: `reports/2023.yml`."""
    return f"{REPORTS_FOLDER}/{year}.yml"


def in_report(year: int, ref: str) -> str:
    """A reference made inside a year's report (to its own sections) as records write it:
    `s1` -> `2023/s1`; one that already says its year stays as it is."""
    return ref if "/" in ref else f"{year}/{ref}"


def report_page(year: int) -> str:
    return f"report/{year}.md"


def region_stem(code: str | None) -> str:
    return f"{REGION_PAGES}{(code or 'unknown').lower()}"


def year_stem(year: int) -> str:
    return f"{AWARD_YEAR_PAGES}{year}"


def edit_url(repository: str, branch: str, path: str) -> str:
    """GitHub's web editor for one file of the repository (`path`: `data/partners.yml`)."""
    return f"{repository}/edit/{branch}/{path}"


def mailto(email: str) -> str:
    """Link target for a checked email address (models.Email): exactly one address, nothing a
    mail program would decode into more recipients or headers."""
    return f"mailto:{email}"


def tel(phone: str) -> str:
    """Link target for a checked international number (models.Phone): `tel:+862012345678`."""
    return "tel:+" + "".join(ch for ch in phone if ch.isdigit())


def whatsapp(phone: str) -> str:
    """WhatsApp's own address for a chat with a checked international number."""
    return "https://wa.me/" + "".join(ch for ch in phone if ch.isdigit())


@dataclass(frozen=True)
class Link:
    """A link from a data file: a page of this site (with an optional anchor) or an https address."""

    page: str | None = None
    anchor: str | None = None
    url: str | None = None


def parse_link(value: str) -> Link | None:
    """The link `value` stands for, or None if it is neither form (refused by the models)."""
    page = PAGE_LINK.fullmatch(value)
    if page:
        return Link(page=page["page"], anchor=page["anchor"])
    if HTTPS_LINK.fullmatch(value):
        return Link(url=value)
    return None

