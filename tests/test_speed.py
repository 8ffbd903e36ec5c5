"""The build speed-ups (gdep_site.theme_speed) change no byte of the site."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace

import jieba
import material
from material.plugins.search.plugin import SearchIndex

from conftest import ROOT, build_site, copy_project, data_file
from gdep_site.theme_speed import chinese_segmenter, nav_key

MEMO_CALL = 'theme_speed.memoise_chinese_segmentation(config.plugins.get("material/search"))'
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


def test_the_site_is_the_same_without_the_speed_ups(tmp_path, site):
    """Material's own navigation, tabs, search dialog and strings, and our footer, rendered on
    every page, and Material's own segmentation: a byte-identical site."""
    project = copy_project(tmp_path / "project")
    for part, whole in (("nav", "nav-material"), ("tabs", "tabs-material"), ("search", "search-dialog"),
                        ("language", "language-material"), ("copyright", "gdep-footer")):
        stock = (project / f"overrides/partials/{whole}.html").read_text("utf-8")
        (project / f"overrides/partials/{part}.html").write_text(stock, "utf-8")
    hooks = project / "hooks/gdep.py"
    assert MEMO_CALL in hooks.read_text("utf-8")
    hooks.write_text(hooks.read_text("utf-8").replace(MEMO_CALL, "pass"), "utf-8")
    stock_site = _tree(build_site(project, tmp_path / "stock"))
    ours = _tree(site)
    assert sorted(stock_site) == sorted(ours)
    assert [name for name in ours if ours[name] != stock_site[name]] == []


def test_the_navigation_tabs_and_language_copies_are_materials_own():
    for part in ("nav", "tabs", "language"):
        ours = (ROOT / f"overrides/partials/{part}-material.html").read_text("utf-8")
        assert ours == (MATERIAL_TEMPLATES / f"partials/{part}.html").read_text("utf-8"), part


def _chinese(node) -> list[str]:
    if isinstance(node, dict):
        return [t for key, value in node.items()
                for t in ([value] if key == "zh" and isinstance(value, str) else _chinese(value))]
    if isinstance(node, list):
        return [t for item in node for t in _chinese(item)]
    return []


def _texts() -> list[str]:
    """Real Chinese (every text of every data file, the report included) and mixed strings."""
    texts = [t for file in sorted((ROOT / "data").glob("*.yml")) for t in _chinese(data_file(file.name))]
    return texts + ["新西兰 NMIT 合作伙伴 2023 年", "", "English only", "\u200b中文\u200b", "合作伙伴合作伙伴"]


def test_memoised_segmentation_equals_materials():
    texts = _texts()
    assert sum(len(t) for t in texts) > 8_000, "the data's Chinese text was not found"
    material_index = SearchIndex()
    segment = chinese_segmenter(jieba.cut)
    for text in texts + texts:  # the second pass comes from the memo
        assert segment(text) == material_index._segment_chinese(text)


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
