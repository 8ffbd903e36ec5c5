"""Growing data: directories group and paginate, so no page carries a list of every record."""

from __future__ import annotations

from lxml import html as lxml_html

from conftest import ROOT, build_site, copy_project
from jiaoliu.render.context import LIST_LIMIT
from jiaoliu.tools.synthetic import write_dataset

N = 150


def test_no_page_lists_every_record_and_every_record_stays_reachable(tmp_path):
    project = copy_project(tmp_path / "project")
    write_dataset(ROOT / "data", project / "data", N)
    site = build_site(project, tmp_path / "site")
    reachable: set[str] = set()
    for page in site.rglob("index.html"):
        document = lxml_html.fromstring(page.read_bytes())
        partner_links = {h for h in document.xpath("//article//a/@href") if "synthetic-0" in h}
        award_rows = len(document.xpath("//article//td[contains(., 'synthetic')]"))
        assert len(partner_links) <= LIST_LIMIT, page
        assert award_rows <= LIST_LIMIT, page
        if "/regions/" in page.as_posix() and "/en/" not in page.as_posix():
            reachable |= {h.rstrip("/").rsplit("/", 1)[-1] for h in partner_links}
    assert len(reachable) == N  # every synthetic partner is listed on exactly some region page
    award_pages = list((site / "achievements").glob("awards-*/index.html"))
    listed = sum(_awards_listed(lxml_html.fromstring(p.read_bytes())) for p in award_pages)
    assert listed == N + 8  # the real 8 awards plus the synthetic ones, each listed once
    assert (site / "en" / "partners" / "regions").is_dir()


def _awards_listed(page) -> int:
    """A row per competition, result and year: its number of awards ("获奖数") when several."""
    table, = page.xpath("//article//table")
    header = [th.text_content().strip() for th in table.xpath(".//thead//th")]
    column = header.index("获奖数") if "获奖数" in header else None
    return sum(int(row.xpath("./td")[column].text_content()) if column is not None else 1
               for row in table.xpath(".//tbody/tr"))
