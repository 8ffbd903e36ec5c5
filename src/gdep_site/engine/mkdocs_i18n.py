"""The only module that knows MkDocs and mkdocs-static-i18n internals.

mkdocs-static-i18n 1.3.1 builds the default language, then re-runs the whole MkDocs build
for each other language. Files generated in memory must look exactly like the plugin's own:
a language-specific `dest_uri`, `locale`, `alternates` (language -> File, used by the
language switcher and the sitemap) and registration in `i18n_files_per_language`.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import markdown as python_markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from gdep_site.core import localise, outputdir, traditional
from gdep_site.core.errors import NOTE, DataError, in_github_actions
from gdep_site.core.loader import load_dataset, page_paths
from gdep_site.core.pagemarkup import MarkdownSettings
from gdep_site.engine import search
from gdep_site.engine.derived import Derivation
from gdep_site.engine.theme_speed import NavCache, ThemeStrings
from gdep_site.render import RecordPage, UnknownMarker, chrome, record_pages
from gdep_site.render import page as render_page
from gdep_site.render.context import Ctx, Site
from gdep_site.render.markdown import title_html
from gdep_site.render.preview import error_page
from gdep_site.render.templates import FOLDER as PARTIALS_FOLDER
from gdep_site.render.templates import PartialError

log = logging.getLogger("mkdocs.plugins.gdep")
_SITE_ATTRIBUTE = "_gdep_site"  # one Site per MkDocs config object, i.e. per build command
_NAV_ATTRIBUTE = "_gdep_nav_cache"  # likewise one navigation cache
_LIST_PAGES_ATTRIBUTE = "_gdep_list_pages"  # (nav, folder -> list page) of the language being built
_HIGHLIGHTED_ATTRIBUTE = "_gdep_highlighted"  # the list page a record page lit up while it renders
_THEME_STRINGS_ATTRIBUTE = "_gdep_theme_strings"  # Material's strings, looked up once per build
_NOTICE_ATTRIBUTE = "_gdep_traditional_notice"  # the offer of Traditional pages, converted once per build
_PROBLEM_ATTRIBUTE = "_gdep_preview_problem"  # the data's problems, when a preview starts on broken data
_MARKDOWN_ATTRIBUTE = "_gdep_markdown"  # the pages' Markdown engine, made once per build where needed
# The address the site is published at (SITE_URL in CI): a plain http(s) address, no query.
SITE_URL = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%-]+)*/?")


@dataclass(frozen=True)
class Languages:
    current: str
    default: str
    all: tuple[str, ...]  # the languages MkDocs builds (mkdocs-static-i18n's)
    converted: tuple[str, ...] = ()  # made from another's finished pages (gdep_site.engine.derived)


def i18n_plugin(config: MkDocsConfig) -> Any:
    """mkdocs-static-i18n's plugin object; its attributes (current_language…) are untyped."""
    return config.plugins["i18n"]


def check_settings(config: MkDocsConfig) -> None:
    """What comes from the environment is checked like data: it reaches every page's <head>."""
    if not SITE_URL.fullmatch(config.site_url or ""):
        raise PluginError(f"site_url / SITE_URL {config.site_url!r}: 不是有效的网址 / not a valid address; "
                          "use e.g. https://example.org/gdep/ (http or https, a host, an optional path)")
    # `mkdocs build -q` raises the log level to ERROR, and MkDocs' strict counter would then never
    # see a warning: a strict build must count warnings however quiet it is.
    logger = logging.getLogger("mkdocs")
    if config.strict and logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)


class _WithoutOverrideNotices(logging.Filter):
    """mkdocs-static-i18n announces each per-language setting ("Overriding 'en' config …") on every
    build and every preview rebuild: lines that tell staff nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Overriding '" not in record.getMessage()


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "data"


def check_output_folder(config: MkDocsConfig) -> None:
    """MkDocs empties its output folder before it writes: `mkdocs build -d data` would delete the
    data. The same check as `gdep-build`'s (gdep_site.core.outputdir), before anything is written."""
    refused = outputdir.refusal(Path(config.site_dir), Path(config.config_file_path).parent,
                                Path(config.docs_dir), _data_dir(config))
    if refused is not None:
        raise PluginError(refused.format())


def claim_output_folder(config: MkDocsConfig) -> None:
    outputdir.claim(Path(config.site_dir))


def quiet_plugin_notices() -> None:
    """Once per process (the preview keeps it running): the filter goes on the plugin's logger."""
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(f, _WithoutOverrideNotices) for f in logger.filters):
        logger.addFilter(_WithoutOverrideNotices())


def build_one_language(config: MkDocsConfig) -> None:
    """For `gdep-build` (gdep_site.engine.parallel): this process builds only the language it is given.

    The plugin is told which language is current before its own on_config runs, and that it is
    already "building", so that it does not go on to build the other languages itself.
    """
    lang = os.environ.get("GDEP_BUILD_LANGUAGE")
    plugin = i18n_plugin(config)
    if lang and plugin.current_language is None:
        if lang not in plugin.build_languages:
            raise PluginError(f"GDEP_BUILD_LANGUAGE={lang} is not a language of this site")
        plugin.current_language = lang
        plugin.building = True


def remember_theme_env(env: Any, config: MkDocsConfig) -> None:
    """The theme's template environment of this build, for Material's strings (theme_speed).

    Also: `tojson` writes Chinese as it is, not as \\u escapes, so that the converted pages convert
    it too (structured data, Material's strings); it still escapes < > & ' for HTML."""
    setattr(config, _THEME_STRINGS_ATTRIBUTE, ThemeStrings(env))
    env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}


def not_found_pages(config: MkDocsConfig) -> None:
    """Each language writes its own "not found" page: 404.html for the default one, and e.g.
    en/404.html (from overrides/en/404.html) for the others, instead of overwriting the first."""
    langs = languages(config)
    if langs.current != langs.default:
        config.theme.static_templates.discard("404.html")
        config.theme.static_templates.add(f"{langs.current}/404.html")


def error_page_base_url(context: dict, template_name: str, config: MkDocsConfig) -> None:
    """An error page is served at any address: its links must not be relative (MkDocs does this
    for 404.html, and here also for en/404.html)."""
    if re.fullmatch(r"(?:[a-z-]+/)?\d{3}\.html", template_name):
        context["base_url"] = urlsplit(config.site_url or "/").path


def languages(config: MkDocsConfig) -> Languages:
    plugin = i18n_plugin(config)
    default = plugin.default_language
    # `current_language` is None until the plugin's own on_config (priority -100) has run.
    built = tuple(plugin.build_languages)
    converted = (traditional.LANGUAGE,) if traditional.SOURCE_LANGUAGE in built else ()
    return Languages(plugin.current_language or default, default, built, converted)


def site_for(config: MkDocsConfig) -> Site:
    """Load and validate `data/` and the hand-written pages (a front matter may name any of the
    theme's templates) once per build command, before MkDocs reads a page; both language builds
    share it.

    `mkdocs serve` creates a new config object for every rebuild, so edits are picked up.
    """
    site = getattr(config, _SITE_ATTRIBUTE, None)
    if site is None:
        data_dir = _data_dir(config)
        try:
            # Strict builds refuse warnings too; a preview shows them on the pages instead. The
            # hand-written pages are read with the Markdown extensions and templates of this build.
            markdown = MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs), get_data)
            site = Site.of(load_dataset(data_dir, strict=bool(config.strict), docs=Path(config.docs_dir),
                                        templates=_page_templates(config), markdown=markdown),
                           overrides=_overrides(config))
        except DataError as exc:
            if in_github_actions():  # on the lines of the pull request's "Files changed" too
                print(exc.annotations(), flush=True)
            raise PluginError(str(exc)) from None
        except (localise.StringTableError, PartialError) as exc:
            raise PluginError(str(exc)) from None
        for warning in site.data.warnings:
            log.warning(warning.format())
        if site.data.due_for_review:  # information: never a reason to stop a build
            log.info(f"{NOTE}{len(site.data.due_for_review)} 条记录待核对 / record(s) due for review: "
                     "./scripts/check-data --review")
        setattr(config, _SITE_ATTRIBUTE, site)
    return site


def _page_templates(config: MkDocsConfig) -> list[str]:
    """The theme's templates a page may name: not the partials of the blocks, which only the
    renderers can fill."""
    return [name for name in config.theme.get_env().list_templates() if not name.startswith(f"{PARTIALS_FOLDER}/")]


def _overrides(config: MkDocsConfig) -> Path:
    """The theme's overrides folder, where the partials of the blocks are (overrides/partials/gdep/)."""
    custom_dir = config.theme.custom_dir
    return Path(custom_dir) if custom_dir else Path(config.config_file_path).parent / "overrides"


def check_translations(config: MkDocsConfig) -> None:
    """Every hand-written page must exist in every language, and every menu group have a title in
    each (its key in mkdocs.yml would show otherwise); list what is missing by name."""
    langs = languages(config)
    docs = Path(config.docs_dir)
    pages = {lang: page_paths(docs / lang) if (docs / lang).is_dir() else frozenset() for lang in langs.all}
    every = set().union(*pages.values())
    missing = sorted(f"docs/{lang}/{page}" for lang in langs.all for page in every - pages[lang])
    plugin = i18n_plugin(config)
    for lang in langs.all:
        titles = plugin.get_language_config(lang).nav_translations or {}
        missing += [f"mkdocs.yml: nav_translations of {lang}: {group}" for group in _nav_groups(config.nav or [])
                    if group not in titles]
    if not missing:
        return
    message = "missing translation(s) / 缺少的译文:\n" + "\n".join(f"  {p}" for p in missing)
    if config.strict:
        raise PluginError(message)
    log.warning(message)  # the preview shows the other language with a visible note


def _nav_groups(nav: list) -> list[str]:
    """The titles of the groups in the menu configuration (nested too)."""
    groups = []
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    groups += [title, *_nav_groups(value)]
    return groups


def page_context(config: MkDocsConfig, src_uri: str) -> Ctx:
    langs = languages(config)
    first, _, rest = src_uri.partition("/")
    page = rest if first in langs.all else src_uri  # a fallback page keeps its own folder
    return Ctx(site=site_for(config), lang=langs.current, page=page)


def escape_title(page: Page) -> None:
    """The title typed in a page's front matter, escaped where MkDocs has just read it: every
    template, ours and Material's (navigation, tabs, breadcrumbs, header, footer, <title>, Open
    Graph), gets it as HTML showing the text typed. (A title that is not text is refused before.)"""
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = title_html(page.meta["title"])


def markdown_engine(config: MkDocsConfig) -> Callable[[str], str]:
    """Markdown to HTML as MkDocs renders a page (its extensions, with their settings); the engine
    is made the first time it is needed, once per build."""
    def to_html(text: str) -> str:
        engine = getattr(config, _MARKDOWN_ATTRIBUTE, None)
        if engine is None:
            engine = python_markdown.Markdown(extensions=config.markdown_extensions,
                                              extension_configs=config.mdx_configs)
            setattr(config, _MARKDOWN_ATTRIBUTE, engine)
        return engine.reset().convert(text)

    return to_html


def page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """A page's Markdown as the theme shows it (gdep_site.render.page), and its description and
    structured data for the theme."""
    escape_title(page)  # its front matter's title reaches the theme as HTML
    try:
        rendered = render_page(markdown, page_context(config, page.file.src_uri), markdown_engine(config),
                               url=page.canonical_url or "", fallback=is_fallback(page.file, config),
                               generated=page.file.generated_by is not None)
    except (UnknownMarker, PartialError) as exc:
        raise PluginError(str(exc)) from None
    if rendered.description:  # record pages; others keep their own or the site's
        page.meta.setdefault("description", rendered.description)
    page.meta["structured_data"] = rendered.structured_data
    return rendered.markdown


def is_fallback(file: File, config: MkDocsConfig) -> bool:
    """A page of another language served because this language's translation is missing."""
    return getattr(file, "locale", None) not in (None, languages(config).current)


def add_record_pages(files: Files, config: MkDocsConfig) -> Files:
    """Append one in-memory page per record for the language being built."""
    langs = languages(config)
    site = site_for(config)
    plugin = i18n_plugin(config)
    registered = plugin.i18n_files_per_language.setdefault(langs.current, [])
    for record in record_pages(site):
        ctx = Ctx(site=site, lang=langs.current, page=record.path)
        variants = {
            lang: _record_file(config, record, lang, langs,
                               record.markdown(ctx) if lang == langs.current else "")
            for lang in langs.all
        }
        for file in variants.values():
            file.alternates = variants  # type: ignore[attr-defined]  # what the plugin gives its own files
        current = variants[langs.current]
        files.append(current)
        registered.append(current)
    return files


def _record_file(config: MkDocsConfig, record: RecordPage, lang: str, langs: Languages,
                 content: str) -> File:
    file: Any = File.generated(config, f"{lang}/{record.path}", content=content,
                          inclusion=InclusionLevel.NOT_IN_NAV)
    stem = posixpath.splitext(record.path)[0]
    dest = f"{stem}/index.html" if config.use_directory_urls else f"{stem}.html"
    file.dest_uri = dest if lang == langs.default else f"{lang}/{dest}"
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = posixpath.normpath(posixpath.join(config.site_dir, file.dest_uri))
    file.locale = lang
    file.localization = lang
    file.locale_alternate_of = langs.current
    file.norm_src_uri = record.path
    return file


# --- the live preview -------------------------------------------------------------------------


# Set while `mkdocs serve` makes its first build, before its server exists: MkDocs tells the
# command only to the startup event, and the hooks module keeps no state of its own.
STARTING_PREVIEW = "GDEP_STARTING_PREVIEW"


def remember_command(command: str) -> None:
    """MkDocs' startup event, once per command, before the first build. For `mkdocs serve`: its
    first build may start on broken data (`starts_on_broken_data`), and SIGTERM (a closed terminal,
    a CI runner stopping a job) stops it as Ctrl+C does, so that MkDocs removes its temporary
    folder and the search step its copies (Python's default would end the process on the spot)."""
    if command != "serve":
        os.environ.pop(STARTING_PREVIEW, None)
        return
    os.environ[STARTING_PREVIEW] = "1"
    if threading.current_thread() is threading.main_thread():  # where signals are handled
        signal.signal(signal.SIGTERM, _stop_as_ctrl_c)


def _stop_as_ctrl_c(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def starts_on_broken_data(config: MkDocsConfig) -> bool:
    """The first build of a preview, when the data has a mistake: MkDocs would stop before its
    server exists. Instead the build goes on with nothing to build (no page, no template, no
    search), and the server shows the problem on every page (`show_errors_in_browser`) until the
    file is fixed. Every other build raises it, strict ones always."""
    if preview_problem(config) is None:
        if not os.environ.get(STARTING_PREVIEW) or config.strict:
            return False
        try:
            site_for(config)
            return False
        except PluginError as exc:
            log.error(str(exc))
            setattr(config, _PROBLEM_ATTRIBUTE, str(exc))
            _I18N_LOGGER.addFilter(_NothingToBuild())  # until the server is up (show_errors_in_browser)
    config.theme.static_templates.clear()  # again in each language's build: not_found_pages adds one
    config.nav = []
    return True


_I18N_LOGGER = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.plugin")


class _NothingToBuild(logging.Filter):
    """What mkdocs-static-i18n says of a build with no page ("Could not find a homepage"), while a
    preview starts on broken data: the problem itself has been shown, this is not one more."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Could not find a homepage" not in record.getMessage()


def preview_problem(config: MkDocsConfig) -> str | None:
    """The data's problems when this is a preview's first build on broken data, else None."""
    return getattr(config, _PROBLEM_ATTRIBUTE, None)


def show_errors_in_browser(server: Any, config: MkDocsConfig) -> Any:
    """`mkdocs serve`: a failed build shows the problems in the browser instead of hanging.

    MkDocs' live server holds every request until a rebuild succeeds, so a mistake in the data
    leaves the browser spinning. Here a failed rebuild counts as done, and until the next one
    succeeds every page is answered with a 500 and the problems in both languages; the page
    carries the live-reload script, so it recovers by itself when the file is saved. A preview
    started on broken data (`config` is its first build's) shows its problems from the start.
    """
    os.environ.pop(STARTING_PREVIEW, None)  # the server is up: rebuilds fail as builds do
    for quiet in [f for f in _I18N_LOGGER.filters if isinstance(f, _NothingToBuild)]:
        _I18N_LOGGER.removeFilter(quiet)
    problem = preview_problem(config)
    # The last build's problems, or None: one slot, replaced whole by the builder's thread and read
    # once per request by the server's, so a request never sees it half-changed.
    last: list[str | None] = [problem]
    if problem:
        log.info("预览已启动：改正上面的问题之前，每个页面都显示它 / Preview started: every page shows the "
                 "problem above until it is fixed")
    rebuild, serve = server.builder, server._serve_request

    def builder() -> None:
        start = time.monotonic()
        try:
            rebuild()
        except Exception as exc:  # noqa: BLE001 - whatever stopped the build is shown, not raised
            cause = exc.__context__ if isinstance(exc.__context__, PluginError) else exc
            last[0] = str(cause) or type(cause).__name__
            log.error(last[0])
        else:
            last[0] = None
            # mkdocs-static-i18n hides MkDocs' own "built in" line; staff see the rebuild's time here.
            log.info(f"预览已更新 / Preview updated in {time.monotonic() - start:.1f} s")

    def serve_request(environ: dict, start_response: Any) -> Any:
        path, problem = environ.get("PATH_INFO", ""), last[0]
        if not problem or path.startswith("/livereload/") or not (path.endswith("/") or path.endswith(".html")):
            return serve(environ, start_response)
        page = error_page(localise.string_tables(), problem).encode("utf-8")
        page = server._inject_js_into_html(page, server._visible_epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(page)))])
        return [page]

    server.builder, server._serve_request = builder, serve_request
    return server


# --- search: Pagefind over the finished pages -------------------------------------------------


# Material's own search (lunr and its worker) ships with the theme; the site searches with Pagefind.
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def without_material_search(files: Files) -> Files:
    """Leave Material's search scripts out of the site: nothing loads them any more."""
    for file in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH_FILES)]:
        files.remove(file)
    return files


def _site_is_finished(config: MkDocsConfig) -> bool:
    """The end of the whole build: not a nested language build of the i18n plugin, which comes
    before the outer build has finished; a `gdep-build` language process finishes its own."""
    return not i18n_plugin(config).building or bool(os.environ.get("GDEP_BUILD_LANGUAGE"))


def converted_pages(config: MkDocsConfig) -> Iterator[tuple[str, str]]:
    """The Traditional pages (path in the site, HTML), one by one, made from the finished
    Simplified ones (gdep_site.engine.derived) in the build that wrote those (`mkdocs build`, a preview,
    gdep-build's zh process), while Pagefind indexes the site as written (`index_for_search`,
    which then writes them)."""
    source = traditional.SOURCE_LANGUAGE
    if not _site_is_finished(config) or os.environ.get("GDEP_BUILD_LANGUAGE", source) != source:
        return
    langs = languages(config)
    files = i18n_plugin(config).i18n_files_per_language.get(source, [])
    if not langs.converted or not files:
        return
    site = site_for(config)
    strings = site.strings[source]
    site_dir = Path(config.site_dir)
    pages = {_page_address(file.url): file.dest_uri for file in files}
    for lang in langs.converted:
        derivation = Derivation(
            lang=lang, og_locales=(OG_LOCALES[source], OG_LOCALES[lang]), site_url=_absolute(config, ""),
            pages=frozenset(pages), converter=site.traditional,
            note=lambda href: chrome.converted_note(strings, href, source),
            assets={chrome.SHARE_IMAGE.format(lang=source): chrome.SHARE_IMAGE.format(lang=lang)})
        for address, dest in [*pages.items(), ("404.html", "404.html")]:
            original = site_dir / dest
            if original.is_file():
                yield f"{lang}/{dest}", derivation.page(original.read_text("utf-8"), address)


def _page_address(url: str) -> str:
    """A page's address from the site's root as the derivation compares them: "" for the home."""
    return "" if url in ("", ".", "./") else url


def index_for_search(config: MkDocsConfig) -> None:
    """At the end of the build: run Pagefind over every language in the site folder (it keeps one
    index per language) while the converted pages are made, then write those, indexed by character
    (search.index_site). A `gdep-build` language process indexes its own language (and those made
    from it); gdep-build merges the bundles."""
    if not _site_is_finished(config) or preview_problem(config):
        return
    try:
        search.index_site(Path(config.site_dir), lambda: converted_pages(config))
    except search.SearchIndexError as exc:
        raise PluginError(str(exc)) from None


# --- what the theme override needs ---------------------------------------------------------

OG_LOCALES = {"zh": "zh_CN", "en": "en_GB", traditional.LANGUAGE: traditional.OG_LOCALE}


def _absolute(config: MkDocsConfig, url: str) -> str:
    return (config.site_url or "/").rstrip("/") + "/" + ("" if url in ("", "./", ".") else url.lstrip("/"))


def list_page_of(page: Page | None, nav: Navigation | None, config: MkDocsConfig) -> Page | None:
    """The page in the menu that lists a generated page (partners/nmit.md -> partners/index.md,
    achievements/2023.md -> achievements.md); None for a page in the menu."""
    if page is None or nav is None or page.file.inclusion is not InclusionLevel.NOT_IN_NAV:
        return None
    folder = page_context(config, page.file.src_uri).page.split("/")[0]
    return _list_pages(nav, config).get(folder)


def _list_pages(nav: Navigation, config: MkDocsConfig) -> dict[str, Page]:
    """Folder -> the menu page that lists its pages; worked out once per language build."""
    cached = getattr(config, _LIST_PAGES_ATTRIBUTE, None)
    if cached is None or cached[0] is not nav:
        pages: dict[str, Page] = {}
        for candidate in nav.pages:
            path = page_context(config, candidate.file.src_uri).page
            folder = path.removesuffix("/index.md") if path.endswith("/index.md") else path.removesuffix(".md")
            pages.setdefault(folder, candidate)
        cached = (nav, pages)
        setattr(config, _LIST_PAGES_ATTRIBUTE, cached)
    return cached[1]


def highlight_list_page(page: Page, nav: Navigation | None, config: MkDocsConfig) -> None:
    """A record page highlights, in the menu and tabs, the list it belongs to. MkDocs marks the
    current page the same way while it renders it; `unhighlight_list_page` undoes it after."""
    listing = list_page_of(page, nav, config)
    if listing is not None:
        listing.active = True
        setattr(config, _HIGHLIGHTED_ATTRIBUTE, listing)


def unhighlight_list_page(config: MkDocsConfig) -> None:
    listing = getattr(config, _HIGHLIGHTED_ATTRIBUTE, None)
    if listing is not None:
        listing.active = False
        setattr(config, _HIGHLIGHTED_ATTRIBUTE, None)


def breadcrumbs(page: Page | None, nav: Navigation | None, config: MkDocsConfig) -> list[dict[str, str]]:
    """Home, the menu groups above the page and, for a record page, its list: (title, url)."""
    if page is None or nav is None or nav.homepage is None or page.is_homepage:
        return []
    listing = list_page_of(page, nav, config)
    anchor = listing or page
    trail: list[Any] = [nav.homepage, *list(anchor.ancestors)[::-1]] + ([listing] if listing else [])
    return [{"title": item.title, "url": _first_page(item).url} for item in trail]


def _first_page(item: Any) -> Any:
    while getattr(item, "children", None):
        item = item.children[0]
    return item


def alternates(page: Page, config: MkDocsConfig) -> list[dict[str, str]]:
    """hreflang links with absolute URLs, only to real translations (never to fallbacks)."""
    langs = languages(config)
    files = getattr(page.file, "alternates", {}) or {}
    links = [{"lang": lang, "href": _absolute(config, f.url)}
             for lang, f in sorted(files.items()) if getattr(f, "locale", lang) == lang]
    links += [{"lang": lang, "href": _absolute(config, url)} for lang, url in _converted_urls(page, config).items()]
    default = next((link for link in links if link["lang"] == langs.default), None)
    if len(links) > 1 and default:
        links.append({"lang": "x-default", "href": default["href"]})
    return links if len(links) > 1 else []


def _converted_urls(page: Page | None, config: MkDocsConfig) -> dict[str, str]:
    """The page's twin in each converted language, when it has a page in the source language
    (not a fallback): "zh-HK/partners/nmit/"."""
    files = getattr(page.file, "alternates", {}) if page is not None else {}
    source = (files or {}).get(traditional.SOURCE_LANGUAGE)
    if source is None or getattr(source, "locale", traditional.SOURCE_LANGUAGE) != traditional.SOURCE_LANGUAGE:
        return {}
    return {lang: f"{lang}/{_page_address(source.url)}" for lang in languages(config).converted}


def switcher(page: Page | None, config: MkDocsConfig) -> list[dict[str, str]]:
    """The language switcher: each language's version of this page, else that language's home.

    Computed here rather than taken from `config.extra.alternate`, which the plugin rewrites
    page by page and which the 404 page (rendered outside any page) would inherit.
    """
    langs = languages(config)
    plugin = i18n_plugin(config)
    files = getattr(page.file, "alternates", {}) if page is not None else {}
    items = []
    for lang in langs.all:
        name = plugin.get_language_config(lang).name
        target = files.get(lang) if files else None
        if target is not None:
            url = target.url
        else:  # "" is the site root; the template resolves it against base_url
            url = "" if lang == langs.default else f"{lang}/"
        items.append({"lang": lang, "name": name, "url": url})
    twins = _converted_urls(page, config)
    items += [{"lang": lang, "name": traditional.NAME, "url": twins.get(lang, f"{lang}/")}
              for lang in langs.converted]
    return items


# What the Simplified pages offer readers who prefer Traditional characters, in Traditional.
TRADITIONAL_NOTICE = ("notice.traditional_available", "notice.traditional_link", "notice.dismiss")


def _traditional_notice(site: Site, page: Page | None, config: MkDocsConfig) -> dict[str, object] | None:
    lang = traditional.LANGUAGE
    if lang not in languages(config).converted:
        return None
    text = getattr(config, _NOTICE_ATTRIBUTE, None)
    if text is None:
        strings = site.strings[traditional.SOURCE_LANGUAGE]
        text = {key: site.traditional.text(strings(key)) for key in TRADITIONAL_NOTICE}
        setattr(config, _NOTICE_ATTRIBUTE, text)
    return {"lang": lang, "url": _converted_urls(page, config).get(lang, f"{lang}/"), "text": text}


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's own name, as the switcher shows it (never converted)."""
    plugin = i18n_plugin(config)
    langs = languages(config)
    return {**{lang: plugin.get_language_config(lang).name for lang in langs.all},
            **{lang: traditional.NAME for lang in langs.converted}}


def _theme_t(config: MkDocsConfig) -> Any:
    strings = getattr(config, _THEME_STRINGS_ATTRIBUTE, None)
    return None if strings is None else (lambda key: strings.t(config.theme["language"], key))


def template_context(config: MkDocsConfig, page: Page | None, nav: Navigation | None = None) -> dict[str, object]:
    """The `gdep` variable of our theme overrides; works for the 404 template too (no page)."""
    langs = languages(config)
    site = site_for(config)
    links = alternates(page, config) if page is not None else []
    nav_cache = getattr(config, _NAV_ATTRIBUTE, None)
    if nav_cache is None:
        nav_cache = NavCache()
        setattr(config, _NAV_ATTRIBUTE, nav_cache)
    english = next((link["href"] for link in links if link["lang"] == "en"), None)
    prefix = "" if langs.current == langs.default else f"{langs.current}/"
    identity = chrome.identity(Ctx(site=site, lang=langs.current, page="index.md"))
    return {
        "identity": identity,
        "breadcrumbs": breadcrumbs(page, nav, config),
        "qr_script": chrome.QR_SCRIPT,
        "share_image_url": urljoin(config.site_url or "", identity.share_image),
        "home": prefix or ".",  # site-root-relative paths, for the theme's `url` filter
        "contact": f"{prefix}contact/",
        "lang": langs.current,
        "default_lang": langs.default,
        "languages": list(langs.all + langs.converted),
        "by_character": list(langs.converted),  # searched by character (search.index_site)
        "language_names": language_names(config),
        "converted_from": traditional.SOURCE_LANGUAGE if langs.current == traditional.SOURCE_LANGUAGE else None,
        "converted": {"source": traditional.SOURCE_LANGUAGE, "languages": list(langs.converted)},
        "traditional": _traditional_notice(site, page, config) if langs.current == traditional.SOURCE_LANGUAGE else None,
        "strings": site.strings,
        "alternates": links,
        "switcher": switcher(page, config),
        "og_locale": OG_LOCALES[langs.current],
        "og_locale_alternates": [OG_LOCALES[lang] for lang in langs.all + langs.converted if lang != langs.current],
        "english_notice": english if langs.current != "en" else None,
        "structured_data": page.meta.get("structured_data") if page is not None else None,
        "nav": lambda page, nav, render, part="nav": nav_cache.render(langs.current, page, nav, render, part),
        "once": lambda part, render: nav_cache.once(langs.current, part, render),
        "theme_t": _theme_t(config),
    }
