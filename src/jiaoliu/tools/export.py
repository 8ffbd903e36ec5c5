"""Write every page of the site as plain Markdown files (both languages), without MkDocs.

Used by the benchmark to build the very same content with no hooks (and with Hugo), so the
cost of our hooks can be measured. Also handy to see exactly what a page's Markdown is.
"""

from __future__ import annotations

from pathlib import Path

from jiaoliu.core import localise
from jiaoliu.core.errors import DataError
from jiaoliu.core.loader import load_dataset
from jiaoliu.core.sourcefile import read_page
from jiaoliu.engine.languages import languages_beside
from jiaoliu.render import page as render_page
from jiaoliu.render import record_pages
from jiaoliu.render.context import Ctx, Site


def export_markdown(docs_dir: Path, data_dir: Path, target: Path) -> int:
    """Render `docs_dir/<lang>/**.md` and every record page into `target/<lang>/`, as the build
    gives them to MkDocs (the partials of an `overrides` folder beside `docs_dir` where there is
    one, else the product's); returns pages."""
    own = docs_dir.parent / "overrides"
    site = Site.of(load_dataset(data_dir, languages=languages_beside(data_dir)), own if own.is_dir() else None)
    written = 0
    for lang in localise.LANGUAGES:
        for source in sorted((docs_dir / lang).rglob("*.md")):
            page = source.relative_to(docs_dir / lang).as_posix()
            markdown, problems = read_page(source, f"docs/{lang}/{page}")
            if problems:
                raise DataError(problems)
            text = render_page(markdown, Ctx(site=site, lang=lang, page=page)).markdown
            written += _write(target / lang / page, text)
        for record in record_pages(site):
            written += _write(target / lang / record.path, record.markdown(Ctx(site=site, lang=lang, page=record.path)))
    return written


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return 1
