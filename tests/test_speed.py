"""The build speed-ups (jiaoliu.engine.theme_speed) change no byte of the site."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace

import material

from conftest import build_site, copy_project, own_theme
from jiaoliu.engine.theme_speed import nav_key
from jiaoliu.render.templates import THEME

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


def test_the_site_is_the_same_without_the_speed_ups(tmp_path, site):
    """Material's own navigation and tabs, and our footer and search dialog, rendered on every page:
    a byte-identical site. (Material's strings stay ours: a converted language, which Material does
    not know, has its source's converted by the plugin, `theme_speed.ThemeStrings`.)"""
    project = copy_project(tmp_path / "project")
    (own_theme(project) / "partials").mkdir()
    for part, whole in (("nav", "nav-material"), ("tabs", "tabs-material"), ("search", "search-dialog"),
                        ("copyright", "jiaoliu-footer")):
        stock = (THEME / f"partials/{whole}.html").read_text("utf-8")
        (project / f"overrides/partials/{part}.html").write_text(stock, "utf-8")
    stock_site = _tree(build_site(project, tmp_path / "stock"))
    ours = _tree(site)
    assert sorted(stock_site) == sorted(ours)
    assert [name for name in ours if ours[name] != stock_site[name]] == []


def test_the_navigation_tabs_and_language_copies_are_materials_own():
    for part in ("nav", "tabs", "language"):
        ours = (THEME / f"partials/{part}-material.html").read_text("utf-8")
        assert ours == (MATERIAL_TEMPLATES / f"partials/{part}.html").read_text("utf-8"), part


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_the_navigation_is_shared_only_by_pages_outside_it_in_one_folder():
    nav = SimpleNamespace(pages=[_page(""), _page("partners/"), _page("study/")])
    assert nav_key("zh", nav.pages[1], nav) is None  # in the navigation: highlighted there
    assert nav_key("zh", _page("partners/a/"), nav) == nav_key("zh", _page("partners/b/"), nav)
    assert nav_key("zh", _page("partners/a/"), nav) != nav_key("en", _page("partners/a/"), nav)
    assert nav_key("zh", _page("partners/a/"), nav) != nav_key("zh", _page("programmes/a/"), nav)
    assert nav_key("zh", _page("partners/regions/asia/"), nav) != nav_key("zh", _page("partners/a/"), nav)
    assert nav_key("zh", _page("stu/"), SimpleNamespace(pages=[_page("stu/dy/")])) is None
    assert nav_key("zh", None, nav) is None
