"""What the product sets in every site's MkDocs configuration, so that a site's `mkdocs.yml` holds
only its content (names, address, languages, menu, colours) and an upgrade of the product changes
no file of the site: the product's theme folder (templates, its stylesheet and scripts, in the
package), the Markdown extensions its pages are written with, Material's features, no web fonts
and strict link checks.

A site may add to these (an extension of its own, a stylesheet, a template in its own
`theme.custom_dir`, which comes before the product's); a setting that would break what the product
promises (a footnote marker of its own, a web font) stops the build with the setting named.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pymdownx.slugs import slugify

from jiaoliu.render.markdown import FOOTNOTES_HERE
from jiaoliu.render.templates import THEME

STYLESHEET = "assets/stylesheets/jiaoliu.css"  # in the product's theme folder
# The Markdown the pages are written in (CONTRIBUTING), with the settings the renderers rely on.
MARKDOWN: dict[str, dict[str, Any]] = {
    "admonition": {},
    "attr_list": {},
    "footnotes": {"PLACE_MARKER": FOOTNOTES_HERE,  # inside each page's "Sources and notes" block
                  "SEPARATOR": "-"},  # ids like fn-1, not fn:1 (no colon that reads as a URL scheme)
    "pymdownx.details": {},
    "md_in_html": {},
    "tables": {},
    # Chinese headings get readable ids (not _1, _2); every heading a link to itself.
    "toc": {"permalink": True, "slugify": slugify(case="lower")},
}
FEATURES = (
    "navigation.tabs",  # the main menu on a desktop; the drawer on a phone
    "navigation.path",  # breadcrumbs
    "navigation.top",
    "navigation.footer",
    "toc.follow",
)
# What Material sets when a site names no font (its mkdocs_theme.yml): Google's Roboto.
MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}
# MkDocs' link checks, raised to warnings: a strict build then stops on a broken link or anchor.
LINKS = ("not_found", "anchors", "absolute_links", "unrecognized_links")


class ProductSettingError(ValueError):
    """A setting in mkdocs.yml that the product cannot keep its promises with."""


def apply(config: MkDocsConfig) -> None:
    """The product's settings, added to the site's own (see the module's docstring)."""
    _theme(config)
    _markdown(config)
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)  # before the site's own, which may override it
    for check in LINKS:
        setattr(config.validation.links, check, logging.WARNING)
    config.validation.nav.not_found = logging.WARNING


def _theme(config: MkDocsConfig) -> None:
    """The product's templates after the site's own (`custom_dir`) and before Material's, as MkDocs'
    own search plugin adds its folder; Material's features; the system's fonts only."""
    theme = config.theme
    folder = str(THEME)
    if folder not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, folder)
    features = list(theme.get("features") or [])
    theme["features"] = [*FEATURES, *(f for f in features if f not in FEATURES)]
    font = theme.get("font")
    if font not in (False, None) and font != MATERIAL_DEFAULT_FONT:
        raise ProductSettingError(
            f"mkdocs.yml: theme: font: {font!r}: 网页字体会从 Google 加载，中国大陆无法访问；字体请写在 "
            "docs/assets/stylesheets/college.css / a web font loads from Google, which is blocked in mainland "
            "China: set the college's faces in docs/assets/stylesheets/college.css and remove theme: font")
    theme["font"] = False


def _markdown(config: MkDocsConfig) -> None:
    marker = (config.mdx_configs.get("footnotes") or {}).get("PLACE_MARKER", FOOTNOTES_HERE)
    if marker != FOOTNOTES_HERE:  # a mkdocs.yml of the first release says [gdep-footnotes]
        raise ProductSettingError(
            f"mkdocs.yml: markdown_extensions: footnotes: PLACE_MARKER must be \"{FOOTNOTES_HERE}\" "
            f"(it is {marker!r}), or leave footnotes out: the product sets it / 脚注位置标记必须是 "
            f"\"{FOOTNOTES_HERE}\"，或删去 footnotes 一项（由产品设置）")
    for name, settings in MARKDOWN.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        config.mdx_configs[name] = {**settings, **config.mdx_configs.get(name, {})}

