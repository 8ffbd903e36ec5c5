"""The look of the blocks of records: Jinja partials in the product's theme folder
(`jiaoliu/theme/partials/jiaoliu/NAME.html`, in the package), so that a designer changes cards,
fact lists, the hero, badges, marks, tables, charts and the "Sources and notes" block without
touching Python. A site may override one with a file of the same name in its own theme folder
(`theme.custom_dir`), which is looked in first.

Renderers decide what is shown (plain values) and the partials how. A partial writes Markdown
and HTML that the page's Markdown engine then reads (`markdown="1"`/`"span"` for Markdown inside
HTML). Autoescaping is on: a plain string reaches the page as text; where the engine reads it as
Markdown, the partial writes it `| md`, which also makes Markdown's signs inert. What is already
safe Markdown or HTML of ours (an escaped name with its mark, a link) is passed as `Markup`, by
the one function that hands it over. A class, id or language code in a tag the engine reads as
part of a line is written `| name`: the engine would read Markdown's signs inside it, so anything
but letters, digits, "-" and "_" stops the build. A value a partial does not receive fails the
build too (`StrictUndefined`), rather than leaving a silent gap.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, get_args

import jinja2
from markupsafe import Markup

from jiaoliu.render.markdown import esc

# The product's theme folder: its templates (Material's overrides), stylesheet and scripts.
THEME = Path(__file__).resolve().parent.parent / "theme"
# One partial per kind, in theme/partials/jiaoliu/; each says at its top what it receives.
Partial = Literal["badge", "mark", "table", "facts", "figure-cards", "partner-cards", "highlights", "hero", "photo",
                  "chart", "sources"]
PARTIALS: tuple[Partial, ...] = get_args(Partial)
FOLDER = "partials/jiaoliu"  # inside a theme folder


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+")


def markdown_text(text: str) -> Markup:
    """The `md` filter: text the Markdown engine will read, shown as typed (`markdown.esc`)."""
    return Markup(esc(str(text)))


def plain_name(value: str) -> str:
    """The `name` filter: a class, id or language code (ours, or an id the checks have passed)."""
    if not _PLAIN_NAME.fullmatch(str(value)):
        raise jinja2.TemplateRuntimeError(f"{value!r} is not a plain name (letters, digits, - and _ only)")
    return str(value)


class PartialError(ValueError):
    """A partial that is missing, cannot be read, or uses a value it is not given."""


class Partials:
    """The partials of one build, read from the site's own theme folder if it has one, else from the
    product's, and compiled once, when the build starts: a mistake in one stops the build before
    any page is made."""

    def __init__(self, site_theme: Path | None = None) -> None:
        folders = [folder for folder in (site_theme, THEME) if folder is not None]
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, auto_reload=False)
        env.filters["md"] = markdown_text
        env.filters["name"] = plain_name
        self._templates = {name: _compiled(env, folders, name) for name in PARTIALS}

    def render(self, name: Partial, **values: object) -> str:
        """The partial's Markdown, without the line break that ends its file."""
        try:
            return self._templates[name].render(values)
        except jinja2.TemplateError as exc:  # e.g. a value the partial expects and is not given
            raise PartialError(f"{FOLDER}/{name}.html: {exc.message} "
                               f"(given: {', '.join(sorted(values)) or 'nothing'})") from None


def _compiled(env: jinja2.Environment, folders: list[Path], name: Partial) -> jinja2.Template:
    path = f"{FOLDER}/{name}.html"
    try:
        return env.get_template(path)
    except jinja2.TemplateNotFound:
        raise PartialError(f"{path}: 找不到这个模板 / the partial is missing "
                           f"(looked in {', '.join(map(str, folders))})") from None
    except jinja2.TemplateSyntaxError as exc:
        raise PartialError(f"{exc.filename or path}:{exc.lineno}: 模板写法有误 / the partial cannot be read: "
                           f"{exc.message}") from None
